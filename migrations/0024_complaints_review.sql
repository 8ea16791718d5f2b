-- The form that takes a complaint carries a key made when it was shown: the same
-- form sent twice (a double click, a resend) finds its key taken and makes no
-- second complaint (nor uses a second reference). Kiosk complaints have none: they
-- are keyed by their survey answer.
alter table complaint add column form_key uuid unique;
