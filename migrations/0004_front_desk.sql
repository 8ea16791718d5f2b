-- The front desk: procedure cards, visits and the queue, redirects, desk presence,
-- away notices, absences, the office's own days off, callbacks.

-- Procedure cards (karty usług, Std 8-10, §4.5): the catalogue of case kinds.
create table case_kind (
    case_kind_id uuid primary key default gen_random_uuid(),
    department_id uuid not null references department,
    name text not null check (length(name) between 2 and 200),
    -- the words residents use ("dowód", "meldunek"), for search
    keywords text not null default '' check (length(keywords) <= 500),
    documents text not null default '' check (length(documents) <= 4000),
    forms text not null default '' check (length(forms) <= 4000),
    fees text not null default '' check (length(fees) <= 2000),
    -- where to pay: bank, post office, the office's cash desk without commission (Std 9.7)
    payment text not null default '' check (length(payment) <= 2000),
    legal_basis text not null default '' check (length(legal_basis) <= 2000),
    settle_time text not null default '' check (length(settle_time) <= 500),
    where_to_file text not null default '' check (length(where_to_file) <= 500),
    -- ask for the client's name and contact only for these cases (least data, Std 12)
    needs_client_data boolean not null default false,
    active boolean not null default true,
    updated_at timestamptz not null default now(),
    unique (department_id, name)
);
create index case_kind_search_idx on case_kind using gin (to_tsvector('simple', name || ' ' || keywords));

-- Which employee is competent for which case kinds (§4.7).
create table staff_competence (
    staff_id uuid not null references staff on delete cascade,
    case_kind_id uuid not null references case_kind on delete cascade,
    primary key (staff_id, case_kind_id)
);
create index staff_competence_case_idx on staff_competence (case_kind_id);

-- The letter of a department's tickets, e.g. P in P012.
alter table department add column ticket_letter text not null default 'A' check (ticket_letter ~ '^[A-Z]$');

create table ticket_counter (
    department_id uuid not null references department,
    day date not null,
    last_number integer not null,
    primary key (department_id, day)
);

create table visit (
    visit_id uuid primary key default gen_random_uuid(),
    ticket text not null check (ticket ~ '^[A-Z][0-9]{3,4}$'),
    ticket_day date not null,
    department_id uuid not null references department,
    case_kind_id uuid references case_kind,
    client_name text check (length(client_name) <= 200),
    client_phone text check (length(client_phone) <= 20),
    -- §5.1: served out of turn; the client is never asked why (§5.1.3)
    priority boolean not null default false,
    ground_floor boolean not null default false,
    video_interpreter boolean not null default false,
    status text not null default 'waiting'
        check (status in ('waiting', 'called', 'serving', 'done', 'no_show')),
    -- set by a redirect: the visit waits in this colleague's own queue
    assigned_staff_id uuid references staff,
    served_by uuid references staff,
    desk_id uuid references desk,
    arrived_at timestamptz not null default now(),
    called_at timestamptz,
    started_at timestamptz,
    finished_at timestamptz,
    -- §4.2: the clerk had to finish something first
    delay_reason text check (length(delay_reason) <= 300),
    outcome text check (outcome in ('settled', 'documents_accepted', 'forms_handed', 'redirected', 'refused')),
    settle_by date,                          -- Std 11.5
    contact_phone text check (length(contact_phone) <= 20),   -- Std 11.6, with consent
    forms_handed text check (length(forms_handed) <= 500),
    refusal_reason text check (length(refusal_reason) <= 1000),  -- Std 19
    note text check (length(note) <= 1000),
    registered_by uuid references staff,
    updated_at timestamptz not null default now(),
    unique (ticket_day, ticket),
    check (outcome <> 'documents_accepted' or settle_by is not null),
    check (outcome <> 'refused' or refusal_reason is not null)
);
create index visit_waiting_idx on visit (department_id, priority desc, arrived_at) where status = 'waiting';
create index visit_assigned_idx on visit (assigned_staff_id, priority desc, arrived_at) where status = 'waiting';
create index visit_served_idx on visit (served_by, finished_at);
create index visit_day_idx on visit (ticket_day, department_id);
-- one client at a time per clerk: a double click on "call next" cannot call two
create unique index visit_active_idx on visit (served_by) where status in ('called', 'serving');

create table visit_redirect (
    visit_redirect_id uuid primary key default gen_random_uuid(),
    visit_id uuid not null references visit,
    from_staff_id uuid references staff,
    to_staff_id uuid not null references staff,
    note text not null check (length(note) <= 500),
    redirected_at timestamptz not null default now()
);
create index visit_redirect_visit_idx on visit_redirect (visit_id);

-- A clerk asked to come to a client on the ground floor or at the interpreter point.
create table assistance_request (
    assistance_request_id uuid primary key default gen_random_uuid(),
    visit_id uuid not null references visit,
    kind text not null check (kind in ('ground_floor', 'video_interpreter')),
    staff_id uuid not null references staff,
    requested_by uuid references staff,
    requested_at timestamptz not null default now(),
    acknowledged_at timestamptz,
    arrived_at timestamptz
);
create index assistance_open_idx on assistance_request (staff_id) where arrived_at is null;

-- Who sits at which desk, when: availability now and days present (§7.4.2).
create table desk_session (
    desk_session_id uuid primary key default gen_random_uuid(),
    staff_id uuid not null references staff,
    desk_id uuid not null references desk,
    started_at timestamptz not null default now(),
    ended_at timestamptz,
    check (ended_at is null or ended_at >= started_at)
);
create unique index desk_session_open_staff_idx on desk_session (staff_id) where ended_at is null;
create unique index desk_session_open_desk_idx on desk_session (desk_id) where ended_at is null;
create index desk_session_staff_idx on desk_session (staff_id, started_at);

-- §4.11, Std 7.3: leaving the desk, with when one is back and who helps meanwhile.
create table away_notice (
    away_notice_id uuid primary key default gen_random_uuid(),
    staff_id uuid not null references staff,
    desk_id uuid references desk,
    started_at timestamptz not null default now(),
    back_at timestamptz not null,
    substitute_staff_id uuid references staff,
    ended_at timestamptz,
    check (back_at > started_at)
);
create unique index away_notice_open_idx on away_notice (staff_id) where ended_at is null;

-- Whole days away (leave, training), recorded by supervisors.
create table absence (
    absence_id uuid primary key default gen_random_uuid(),
    staff_id uuid not null references staff,
    first_day date not null,
    last_day date not null,
    kind text not null check (kind in ('leave', 'training', 'sick', 'business_trip', 'other')),
    note text not null default '' check (length(note) <= 300),
    recorded_by uuid references staff,
    recorded_at timestamptz not null default now(),
    check (last_day >= first_day)
);
create index absence_staff_idx on absence (staff_id, first_day, last_day);

-- Days the office closes by its own decision (beyond statutory holidays).
create table office_closed_day (
    day date primary key,
    reason text not null check (length(reason) between 2 and 200)
);

-- §6.3, Std 17.3-17.5: a promised call back.
create table callback (
    callback_id uuid primary key default gen_random_uuid(),
    staff_id uuid not null references staff,
    caller_name text not null default '' check (length(caller_name) <= 200),
    phone text not null check (length(phone) <= 20),
    question text not null check (length(question) between 2 and 2000),
    case_kind_id uuid references case_kind,
    created_at timestamptz not null default now(),
    due_on date not null,
    status text not null default 'open' check (status in ('open', 'done', 'unreachable')),
    outcome text check (length(outcome) <= 2000),
    closed_at timestamptz,
    updated_at timestamptz not null default now()
);
create index callback_open_idx on callback (staff_id, due_on) where status = 'open';
create index callback_due_idx on callback (due_on) where status = 'open';

-- Every promise made to the caller, the first and each new date (Std 17.4).
create table callback_promise (
    callback_promise_id uuid primary key default gen_random_uuid(),
    callback_id uuid not null references callback on delete cascade,
    promised_for date not null,
    promised_at timestamptz not null default now(),
    promised_by uuid references staff,
    note text not null default '' check (length(note) <= 500)
);
create index callback_promise_callback_idx on callback_promise (callback_id, promised_at);
