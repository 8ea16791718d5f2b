-- Home visits (§5.3, Załącznik Nr 1): requests, the decree workflow's history, the
-- named authorisations and their register.

-- Case references <symbol>.<class>.<number>.<year>, numbered without gaps: the counter
-- row is locked by the transaction that takes a number.
create table case_counter (
    symbol text not null,
    class_symbol text not null,
    year integer not null,
    last_number integer not null,
    primary key (symbol, class_symbol, year)
);

create table home_visit_request (
    home_visit_request_id uuid primary key default gen_random_uuid(),
    case_ref text not null unique,
    state text not null default 'registered'
        check (state in ('registered', 'decreed', 'scheduled', 'drafted', 'authorised', 'visited', 'cancelled')),
    client_name text not null check (length(client_name) between 2 and 200),
    client_address text not null check (length(client_address) between 5 and 300),
    client_phone text not null check (length(client_phone) <= 20),
    -- only when the case needs it; masked in lists, every display audited
    pesel text check (pesel ~ '^[0-9]{11}$'),
    case_kind_id uuid not null references case_kind,
    -- why the client cannot come: health data (RODO art. 9), shown only at the steps that need it
    reason text not null check (length(reason) between 3 and 2000),
    department_id uuid references department,
    drafter_id uuid references staff,
    planned_at timestamptz,
    outcome text check (outcome in ('done', 'absent')),
    registered_by uuid references staff,
    registered_at timestamptz not null default now(),
    state_since timestamptz not null default now(),
    -- bumped by every step: a stale form or a second click finds it changed
    version integer not null default 1
);
create index home_visit_state_idx on home_visit_request (state, state_since);
create index home_visit_department_idx on home_visit_request (department_id) where state = 'decreed';

create table home_visit_employee (
    home_visit_request_id uuid not null references home_visit_request on delete cascade,
    staff_id uuid not null references staff,
    primary key (home_visit_request_id, staff_id)
);
create index home_visit_employee_staff_idx on home_visit_employee (staff_id);

-- Every step: who, when, from which state to which, and the note (a decree's instruction).
create table home_visit_step (
    home_visit_step_id bigint generated always as identity primary key,
    home_visit_request_id uuid not null references home_visit_request on delete cascade,
    step text not null,
    from_state text not null,
    to_state text not null,
    actor_id uuid references staff,
    taken_at timestamptz not null default now(),
    note text not null default '' check (length(note) <= 2000)
);
create index home_visit_step_request_idx on home_visit_step (home_visit_request_id, home_visit_step_id);

create table authorisation_counter (
    year integer primary key,
    last_number integer not null
);

create table authorisation (
    authorisation_id uuid primary key default gen_random_uuid(),
    home_visit_request_id uuid not null references home_visit_request on delete cascade,
    staff_id uuid not null references staff,
    scope text not null check (length(scope) between 5 and 1000),
    valid_from date not null,
    valid_to date not null,
    drafted_by uuid references staff,
    drafted_at timestamptz not null default now(),
    -- given at signing, per year without gaps, e.g. UP/0042/2026
    register_number text unique,
    signed_by uuid references staff,
    signed_at timestamptz,
    -- sent back or rescheduled before the visit
    voided_at timestamptz,
    check (valid_to >= valid_from),
    check ((register_number is null) = (signed_at is null))
);
create index authorisation_request_idx on authorisation (home_visit_request_id);
create index authorisation_staff_idx on authorisation (staff_id, valid_from);
create index authorisation_signed_idx on authorisation (signed_at) where register_number is not null;
