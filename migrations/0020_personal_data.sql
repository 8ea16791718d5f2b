-- Personal data (issue 14): PESEL numbers, health reasons and second-factor secrets
-- encrypted at rest by the application, a keyed hash to find a request by PESEL,
-- and the marks that retention leaves on what it anonymised.
--
-- SQL cannot encrypt (the keys live in the application's configuration), so the
-- plain columns (pesel, reason, secret) stay, nullable, only until the application
-- seals them: `okienko migrate`, `okienko serve` and `okienko demo-data` seal every
-- row left in plain text and empty those columns in the same transaction. After
-- that they stay empty (nothing writes them), and a later migration can drop them.

-- Home-visit requests: the PESEL (sealed + HMAC-SHA256 to look it up) and the
-- health reason (sealed). Sealed values carry the id of their key (rotation).
alter table home_visit_request alter column reason drop not null;
alter table home_visit_request
    add column pesel_sealed bytea,
    add column pesel_hmac bytea check (length(pesel_hmac) = 32),
    add column reason_sealed bytea,
    -- set by retention when it anonymised the request's personal data
    add column anonymised_at timestamptz,
    add constraint home_visit_request_pesel_pair check ((pesel_sealed is null) = (pesel_hmac is null)),
    add constraint home_visit_request_reason_kept
        check (reason_sealed is not null or reason is not null or anonymised_at is not null);
create index home_visit_request_pesel_hmac_idx on home_visit_request (pesel_hmac) where pesel_hmac is not null;

-- The second factor's secret (issue 12 left it in plain text).
alter table second_factor alter column secret drop not null;
alter table second_factor
    add column secret_sealed bytea,
    add constraint second_factor_secret_kept check (secret_sealed is not null or secret is not null);

-- Retention marks what it anonymised, so that it never touches a row twice and the
-- register can say how many were.
alter table visit add column anonymised_at timestamptz;
alter table visit_redirect add column anonymised_at timestamptz;
alter table callback add column anonymised_at timestamptz;
alter table callback_promise add column anonymised_at timestamptz;
alter table case_history add column anonymised_at timestamptz;
alter table home_visit_loan add column anonymised_at timestamptz;
alter table survey_answer add column anonymised_at timestamptz;
alter table absence add column anonymised_at timestamptz;

-- The daily retention job: one row per day claimed by the instance that runs it,
-- so several instances of `okienko serve` do the work once.
create table retention_run (
    day date primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    -- records anonymised per kind: {"visit": 12, "home_visit": 1}
    counts jsonb not null default '{}'
);
