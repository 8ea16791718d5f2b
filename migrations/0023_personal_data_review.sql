-- A suggestion made from a resident's kiosk comment copies the comment (its body):
-- retention and the IOD's erasure anonymise that copy with the comment
-- (src/personal_data, kind `suggestion_from_comment`) and mark when they did.
alter table suggestion add column anonymised_at timestamptz;
