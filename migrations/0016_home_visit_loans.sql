-- A department head designates for a home visit only the staff of their own
-- department (issue 12, finding 8: any employee could be designated, and then saw
-- the PESEL and the health reason). A colleague of another department is asked
-- for through that department's head, who agrees or refuses; only a colleague
-- lent for this very request may then be designated.
create table home_visit_loan (
    home_visit_loan_id uuid primary key default gen_random_uuid(),
    home_visit_request_id uuid not null references home_visit_request on delete cascade,
    staff_id uuid not null references staff,
    -- the colleague's department when asked: its head answers
    lending_department_id uuid not null references department,
    asked_by uuid not null references staff,
    asked_at timestamptz not null,
    -- why this colleague (a language, the district they know...): the lending head
    -- reads it, so it must not hold the client's health data
    note text not null check (length(note) between 3 and 500),
    answered_by uuid references staff,
    answered_at timestamptz,
    agreed boolean,
    check ((answered_at is null) = (agreed is null) and (answered_at is null) = (answered_by is null))
);
-- One open or agreed ask per colleague and request; a refused one may be asked again.
create unique index home_visit_loan_once_idx on home_visit_loan (home_visit_request_id, staff_id)
    where agreed is distinct from false;
create index home_visit_loan_lending_idx on home_visit_loan (lending_department_id) where answered_at is null;
