-- Complaints (Lubawa Std 20, 22; KPA art. 237): taken at the desk, on the phone or
-- at the information point, then taken through the shared decree workflow (the
-- director decrees it to the competent department, its head names who answers, the
-- answer is recorded). The case (reference, state, version, people, history) lives
-- in case_file; the complaint keeps what only it has.

alter type case_type add value 'complaint';
-- the department's head named who answers; the answer was given (closed)
alter type case_state add value 'assigned';
alter type case_state add value 'answered';
alter type case_step add value 'assign';
alter type case_step add value 'answer';

create table complaint (
    complaint_id uuid primary key references case_file (case_file_id) on delete cascade,
    -- where it was taken: at a desk during a visit, on the phone, in person at the
    -- information point, or from a resident's kiosk comment turned into a complaint
    taken_during text not null check (taken_during in ('visit', 'call', 'in_person', 'kiosk')),
    visit_id uuid references visit,
    survey_answer_id uuid unique references survey_answer,
    -- who complains: a name only if they give one; contact details only if they
    -- want an answer, and then the channel it goes by
    client_name text not null default '' check (length(client_name) <= 200),
    wants_answer boolean not null,
    channel text check (channel in ('letter', 'email', 'phone')),
    contact text check (length(contact) between 3 and 300),
    check ((wants_answer and channel is not null and contact is not null)
           or (not wants_answer and channel is null and contact is null)),
    -- about what
    about text not null check (about in ('visit', 'department', 'employee', 'procedure')),
    about_department_id uuid references department,
    about_staff_id uuid references staff,
    about_case_kind_id uuid references case_kind,
    -- Std 20: the client's words, restated, the cause, the remedy, whether it satisfies
    client_words text not null check (length(client_words) between 3 and 4000),
    restated text not null default '' check (length(restated) <= 2000),
    cause text not null default '' check (length(cause) <= 2000),
    remedy text not null default '' check (length(remedy) <= 2000),
    accepted boolean,
    would_accept text not null default '' check (length(would_accept) <= 2000),
    -- the promised answer date (at most the KPA deadline, moved past days off)
    due_on date not null,
    -- the answer
    answer_text text check (length(answer_text) between 3 and 4000),
    answered_on date,
    answer_channel text check (answer_channel in ('letter', 'email', 'phone', 'in_person', 'none')),
    answered_by uuid references staff
);
create index complaint_visit_idx on complaint (visit_id) where visit_id is not null;
create index complaint_staff_idx on complaint (about_staff_id) where about_staff_id is not null;
create index complaint_due_idx on complaint (due_on) where answered_on is null;
-- the register, newest first, a page at a time
create index case_file_kind_registered_idx on case_file (case_type, registered_at desc);
