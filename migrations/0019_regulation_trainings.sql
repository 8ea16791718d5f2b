-- §11: the employees confirm they know the office's regulation. The regulation
-- comes in versions; the one in force is the newest whose day has come.
create table regulation_version (
    regulation_version_id uuid primary key default gen_random_uuid(),
    title text not null check (length(title) between 3 and 200),
    effective_on date not null,
    -- the text, or an uploaded PDF (its bytes here, so a backup of the database is
    -- a backup of the regulation): exactly one of the two
    body text not null default '' check (length(body) <= 200000),
    pdf bytea,
    pdf_name text check (length(pdf_name) <= 200),
    check ((body <> '') <> (pdf is not null)),
    check ((pdf is null) = (pdf_name is null)),
    -- the form it came from: a second click of the same form adds nothing
    form_token uuid not null unique,
    created_by uuid references staff (staff_id),
    created_at timestamptz not null
);
create index regulation_version_in_force_idx on regulation_version (effective_on desc, created_at desc);

-- Each employee confirms each version once, with the time (§11: "potwierdzają podpisem").
create table regulation_acknowledgement (
    regulation_version_id uuid not null references regulation_version on delete cascade,
    staff_id uuid not null references staff (staff_id),
    confirmed_at timestamptz not null,
    primary key (regulation_version_id, staff_id)
);
create index regulation_acknowledgement_staff_idx on regulation_acknowledgement (staff_id);

-- §7.2.3: the trainings in customer service the staff took part in.
create table training (
    training_id uuid primary key default gen_random_uuid(),
    title text not null check (length(title) between 3 and 200),
    held_on date not null,
    hours double precision not null check (hours > 0 and hours <= 200),
    -- bumped by every edit: a form read before another's edit is refused (409)
    version integer not null default 1,
    form_token uuid not null unique,
    created_by uuid references staff (staff_id),
    created_at timestamptz not null,
    updated_at timestamptz
);
create index training_held_on_idx on training (held_on desc, title);

create table training_attendee (
    training_id uuid not null references training on delete cascade,
    staff_id uuid not null references staff (staff_id),
    primary key (training_id, staff_id)
);
create index training_attendee_staff_idx on training_attendee (staff_id);
