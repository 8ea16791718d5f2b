-- Sign-in throttling by network and by account (issue 12, finding 7).
--
-- The key was the exact address: addresses within one IPv6 /64 (which one
-- subscriber holds) gave unlimited guesses. It is now the client's network: an
-- IPv4 address (/32) or an IPv6 /64. The same table also counts the failures of
-- one login across every network (an account-wide wait) and of one network
-- across every login (password spraying), so the old per-address rate limiter,
-- which counted successful sign-ins too and was kept in memory for ever, is gone.
--
-- `subject` is a login, or a name of another guarded secret (kiosk enrolment).
delete from login_throttle;
alter table login_throttle rename column login to subject;
alter table login_throttle rename column ip to network;
create index login_throttle_network_idx on login_throttle (network, last_failure_at);
create index login_throttle_last_failure_idx on login_throttle (last_failure_at);
