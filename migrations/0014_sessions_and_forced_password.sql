-- The employee's own sessions (ASVS 7.5.2) and the password change forced after an
-- admin set the password (issue 12, finding 11).

-- What "Twoje sesje" shows of each session. The session store copies them out of
-- the session's data on every save, as it does staff_id: the row is written at
-- the end of the request, so the sign-in handler cannot update it itself.
alter table session
    add column user_agent text,
    add column ip inet,
    add column signed_in_at timestamptz,
    add column last_seen_at timestamptz;

-- Set when an admin sets or resets an employee's password (never by
-- `okienko create-admin` or the demo data); cleared when the employee chooses
-- their own. While set, every staff page sends them to the password page.
alter table staff add column password_must_change boolean not null default false;
