-- Retention (src/personal_data) of the registers added beside it: complaints and
-- the clients an office error touched keep, like the other residents' records,
-- when their personal data was anonymised (retention or the IOD's erasure).
alter table complaint add column anonymised_at timestamptz;
alter table office_error_client add column anonymised_at timestamptz;
create index complaint_not_anonymised_idx on complaint (complaint_id) where anonymised_at is null;
create index office_error_client_not_anonymised_idx on office_error_client (office_error_id)
    where anonymised_at is null;
