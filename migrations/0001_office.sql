-- The office's structure: departments (komórki merytoryczne), desks and staff accounts.

create table department (
    department_id uuid primary key default gen_random_uuid(),
    -- used in case references, e.g. "USC" in USC.1510.12.2026
    symbol text not null unique check (symbol ~ '^[A-Z][A-Z0-9-]{0,15}$'),
    name text not null unique check (length(name) between 2 and 200),
    active boolean not null default true,
    created_at timestamptz not null default now()
);

create table desk (
    desk_id uuid primary key default gen_random_uuid(),
    number text not null unique check (number ~ '^[0-9A-Za-z-]{1,10}$'),
    floor smallint not null check (floor between -5 and 50),
    room text not null default '' check (length(room) <= 50),
    department_id uuid references department,
    active boolean not null default true,
    created_at timestamptz not null default now()
);

create table staff (
    staff_id uuid primary key default gen_random_uuid(),
    login text not null check (login ~ '^[a-z0-9][a-z0-9._-]{1,49}$'),
    full_name text not null check (length(full_name) between 2 and 200),
    phone text not null default '' check (length(phone) <= 30),
    department_id uuid references department,
    password_hash text not null,
    active boolean not null default true,
    password_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index staff_login_key on staff (login);

-- An employee may hold several roles.
create table staff_role (
    staff_id uuid not null references staff on delete cascade,
    role text not null check (role in ('clerk', 'info_point', 'director', 'department_head',
                                       'secretary', 'supervisor', 'admin')),
    primary key (staff_id, role)
);
create index staff_role_role_idx on staff_role (role);
