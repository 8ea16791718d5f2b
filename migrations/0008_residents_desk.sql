-- The residents' side of the desk: a client called again to the hall, tickets
-- taken at a self-service stand, and what each enrolled tablet is for.

-- The last time the clerk called the client again: the hall display shows it anew.
alter table visit add column recalled_at timestamptz;
-- A ticket taken at a self-service stand (nobody at the office registered it), and
-- the stand's form it came from: a double tap gives one ticket.
alter table visit add column stand_id uuid references kiosk;
alter table visit add column stand_submission uuid unique;

-- An enrolled tablet either asks residents to rate the service or hands out tickets.
create type kiosk_purpose as enum ('survey', 'tickets');
alter table kiosk add column purpose kiosk_purpose not null default 'survey';
-- a ticket stand stands in the hall, not at a desk
alter table kiosk add constraint kiosk_stand_in_the_hall check (purpose = 'survey' or desk_id is null);
