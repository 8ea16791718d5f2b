-- Sessions (our own tower-sessions store) and sign-in throttling.

create table session (
    session_id text primary key,
    -- copied out of the data so that sessions can be ended per employee (deactivation)
    staff_id uuid references staff on delete cascade,
    data jsonb not null,
    expires_at timestamptz not null
);
create index session_staff_idx on session (staff_id) where staff_id is not null;
create index session_expires_idx on session (expires_at);

-- Failed sign-ins per (login, address): slows down guessing from one place without
-- letting anybody lock a colleague out from another.
create table login_throttle (
    login text not null,
    ip inet not null,
    failures integer not null default 0,
    last_failure_at timestamptz not null default now(),
    primary key (login, ip)
);
