-- The case workflow shared by the registers that travel through the BOMiNO decree
-- workflow (§5.3): home visits now, complaints next. A case has a reference, a kind,
-- a state and a version; the people named on it; its history of steps. Each kind
-- keeps its own details in its own table keyed by the case's id.

create type case_type as enum ('home_visit');
create type case_state as enum ('registered', 'decreed', 'scheduled', 'drafted', 'authorised', 'visited', 'cancelled');
create type case_step as enum ('register', 'decree', 'schedule', 'assign_drafter', 'draft', 'sign',
                               'record_done', 'record_absent', 'record_rescheduled', 'send_back', 'cancel');
-- The people a case names: the BOMiNO employee who drafts, the employees designated.
create type case_part as enum ('drafter', 'designated');

create table case_file (
    case_file_id uuid primary key default gen_random_uuid(),
    case_type case_type not null,
    case_ref text not null unique,
    state case_state not null default 'registered',
    state_since timestamptz not null,
    -- bumped by every step: a stale form or a second click finds it changed
    version integer not null default 1,
    -- the competent department it was decreed to
    department_id uuid references department,
    registered_by uuid references staff,
    registered_at timestamptz not null
);
create index case_file_open_idx on case_file (state_since) where state not in ('visited', 'cancelled');
create index case_file_closed_idx on case_file (state_since) where state in ('visited', 'cancelled');

create table case_person (
    case_file_id uuid not null references case_file on delete cascade,
    staff_id uuid not null references staff,
    part case_part not null,
    primary key (case_file_id, part, staff_id)
);
create index case_person_staff_idx on case_person (staff_id);

-- Every step: who, when, from which state to which, and the note (a decree's instruction).
create table case_history (
    case_history_id bigint generated always as identity primary key,
    case_file_id uuid not null references case_file on delete cascade,
    step case_step not null,
    from_state case_state not null,
    to_state case_state not null,
    actor_id uuid references staff,
    taken_at timestamptz not null,
    note text not null default '' check (length(note) <= 2000)
);
create index case_history_case_idx on case_history (case_file_id, case_history_id);

-- Home visits move onto the shared tables; the request keeps what only it has.
insert into case_file (case_file_id, case_type, case_ref, state, state_since, version, department_id,
                       registered_by, registered_at)
select home_visit_request_id, 'home_visit', case_ref, state::case_state, state_since, version, department_id,
       registered_by, registered_at
from home_visit_request;

insert into case_person (case_file_id, staff_id, part)
select home_visit_request_id, drafter_id, 'drafter'::case_part from home_visit_request where drafter_id is not null
union all
select home_visit_request_id, staff_id, 'designated'::case_part from home_visit_employee;

insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
select home_visit_request_id, step::case_step, from_state::case_state, to_state::case_state, actor_id, taken_at, note
from home_visit_step order by home_visit_step_id;

drop table home_visit_step;
drop table home_visit_employee;
alter table home_visit_request
    drop column case_ref,
    drop column state,
    drop column department_id,
    drop column drafter_id,
    drop column registered_by,
    drop column registered_at,
    drop column state_since,
    drop column version,
    add constraint home_visit_request_case_file_fk
        foreign key (home_visit_request_id) references case_file (case_file_id) on delete cascade;
