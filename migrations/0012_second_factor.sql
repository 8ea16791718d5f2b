-- The second factor of signing in (ASVS 6.3.3): an authenticator app (TOTP,
-- RFC 6238) per employee, and single-use recovery codes for a lost phone.

create table second_factor (
    staff_id uuid primary key references staff on delete cascade,
    -- The secret shared with the app (20 random bytes). Codes are computed from it,
    -- so it is kept as it is, in a column of its own (encrypting sensitive columns
    -- at rest is a separate piece of work). An enrolment not yet confirmed with a
    -- code lives only in the employee's session, never here.
    secret bytea not null check (length(secret) between 16 and 64),
    -- When the employee confirmed it with a first code from the app.
    confirmed_at timestamptz not null,
    -- The last time step (Unix time / 30 s) whose code was accepted: a code of that
    -- step or an earlier one is refused, so an overheard code cannot be used again.
    last_step bigint
);

create table recovery_code (
    recovery_code_id uuid primary key default gen_random_uuid(),
    staff_id uuid not null references staff on delete cascade,
    -- SHA-256 of the code. Each code holds 120 random bits, so a plain hash is
    -- safe (ASVS 6.5.2) and a code is found by its hash without trying every one.
    code_hash bytea not null unique,
    created_at timestamptz not null,
    used_at timestamptz
);
create index recovery_code_staff_idx on recovery_code (staff_id);
