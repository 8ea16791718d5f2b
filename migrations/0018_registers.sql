-- The office's own registers (issue 13): errors disclosed to clients (Std 21),
-- gifts refused (Std 24) and suggestions for improving the service (§7.1).

-- Std 21: an error of the office, registered by whoever found it, open until every
-- client it touches has been told and the remedy is done.
create table office_error (
    office_error_id uuid primary key default gen_random_uuid(),
    -- one row per submitted form, however many clicks
    form_key uuid not null unique,
    found_on date not null,
    registered_by uuid not null references staff,
    department_id uuid references department,
    what_happened text not null check (length(what_happened) between 3 and 4000),
    consequences text not null check (length(consequences) between 3 and 4000),
    remedy text not null check (length(remedy) between 3 and 4000),
    apology text not null check (length(apology) between 3 and 2000),
    remedy_done_at timestamptz,
    remedy_note text not null default '' check (length(remedy_note) <= 2000),
    closed_at timestamptz,
    closed_by uuid references staff,
    registered_at timestamptz not null,
    -- every change checks the version its form was made from (409 when stale)
    version integer not null default 1,
    check (closed_at is null or remedy_done_at is not null),
    check ((closed_at is null) = (closed_by is null))
);
create index office_error_found_idx on office_error (found_on desc, registered_at desc);
create index office_error_registered_by_idx on office_error (registered_by, found_on desc);
create index office_error_open_idx on office_error (found_on) where closed_at is null;

-- A client the error touches: as little as needed to reach them, and when and how
-- they were told.
create table office_error_client (
    office_error_client_id uuid primary key default gen_random_uuid(),
    office_error_id uuid not null references office_error on delete cascade,
    client_name text not null check (length(client_name) between 2 and 200),
    contact text not null default '' check (length(contact) <= 200),
    case_ref text not null default '' check (length(case_ref) <= 60),
    informed_on date,
    informed_how text check (informed_how in ('in_person', 'phone', 'letter', 'email')),
    informed_note text not null default '' check (length(informed_note) <= 1000),
    informed_by uuid references staff,
    added_at timestamptz not null,
    check ((informed_on is null) = (informed_how is null) and (informed_on is null) = (informed_by is null))
);
create index office_error_client_error_idx on office_error_client (office_error_id, added_at);

-- Std 24: a gift offered and refused, recorded by the employee it was offered to.
create table gift_refusal (
    gift_refusal_id uuid primary key default gen_random_uuid(),
    form_key uuid not null unique,
    staff_id uuid not null references staff,
    offered_on date not null,
    -- what was offered and in which matter: no client's personal data
    offered text not null check (length(offered) between 2 and 500),
    matter text not null check (length(matter) between 2 and 500),
    how_refused text not null check (length(how_refused) between 2 and 1000),
    recorded_at timestamptz not null
);
create index gift_refusal_staff_idx on gift_refusal (staff_id, offered_on desc);
create index gift_refusal_offered_idx on gift_refusal (offered_on desc, recorded_at desc);

-- §7.1: a suggestion for improving the service, from an employee or from a
-- resident's kiosk comment a supervisor marked; decided by supervisors.
create type suggestion_source as enum ('staff', 'resident');
create type suggestion_status as enum ('new', 'accepted', 'done', 'declined');
create table suggestion (
    suggestion_id uuid primary key default gen_random_uuid(),
    -- the staff form's one-submission key; a comment is marked once (below)
    form_key uuid unique,
    source suggestion_source not null,
    -- the employee who suggested it, or the supervisor who marked the comment
    submitted_by uuid not null references staff,
    survey_answer_id uuid unique references survey_answer on delete set null,
    body text not null check (length(body) between 3 and 2000),
    status suggestion_status not null default 'new',
    -- what was done, or why it was declined
    outcome text not null default '' check (length(outcome) <= 2000),
    decided_by uuid references staff,
    decided_at timestamptz,
    created_at timestamptz not null,
    version integer not null default 1
);
create index suggestion_status_idx on suggestion (status, created_at desc);
create index suggestion_submitted_by_idx on suggestion (submitted_by, created_at desc);
