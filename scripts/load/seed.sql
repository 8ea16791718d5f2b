-- Load-test data for scripts/load/run.sh, on top of `okienko demo-data`, in the
-- throw-away database okienko_load (never the dev database):
--
--   * :clerks clerk accounts load01, load02, ... (password of the demo account
--     `clerk`), spread over the departments, each with a desk L01, L02, ...
--   * :visits finished visits over the past 365 days (working days, office hours),
--   * a queue for today: :waiting clients waiting, shared out between the
--     departments in proportion to their clerks (5 % of them priority),
--   * load_refill(n, span): a function that tops today's queue up again to n
--     (run.sh calls it every second during the "call next" scenario).
--
-- psql -X -v ON_ERROR_STOP=1 -v clerks=50 -v visits=250000 -v waiting=2000 -f seed.sql
--
-- Times are in Europe/Warsaw, the application's default TIME_ZONE.

\if :{?clerks}
\else
\set clerks 50
\endif
\if :{?visits}
\else
\set visits 250000
\endif
\if :{?waiting}
\else
\set waiting 2000
\endif

\set ON_ERROR_STOP on

begin;

create temp table load_dept on commit drop as
select department_id, symbol, (row_number() over (order by symbol))::int - 1 as idx
from department where active;

do $$
begin
    if (select count(*) from load_dept) = 0 then
        raise exception 'no departments: run `okienko demo-data` first';
    end if;
    if (select count(*) from load_dept) > 22 then
        raise exception 'more departments than ticket letters';
    end if;
    if not exists (select 1 from staff where login = 'clerk') then
        raise exception 'no demo account `clerk`: run `okienko demo-data` first';
    end if;
end $$;

-- Tickets are unique per day: each department needs its own letter. The demo
-- data gives them one (B, U, P, ...); if they share one (the default is 'A'),
-- hand out A, B, C, ... in the order of the symbols.
update department d set ticket_letter = substr('ABCDEFGHJKLMNPRSTUWXYZ', l.idx + 1, 1)
from load_dept l
where l.department_id = d.department_id
  and (select count(distinct ticket_letter) from department) < (select count(*) from department);

-- The procedure cards of each department, numbered, to give visits a case kind.
create temp table load_kind on commit drop as
select department_id, case_kind_id,
       (row_number() over (partition by department_id order by name))::int - 1 as r,
       (count(*) over (partition by department_id))::int as n
from case_kind where active;

-- Clerks and their desks: clerk i works in department (i - 1) mod n, at desk Li.
insert into staff (login, full_name, phone, department_id, password_hash)
select format('load%s', lpad(i::text, 2, '0')),
       format('Urzędnik Testowy %s', i),
       format('44 732 20 %s', lpad(i::text, 2, '0')),
       d.department_id,
       (select password_hash from staff where login = 'clerk')
from generate_series(1, :clerks) i
join load_dept d on d.idx = (i - 1) % (select count(*) from load_dept);

insert into staff_role (staff_id, role)
select staff_id, 'clerk' from staff where login ~ '^load[0-9]+$';

insert into desk (number, floor, room, department_id)
select 'L' || substr(s.login, 5), 1 + (row_number() over (order by s.login))::int % 3, '3' || substr(s.login, 5), s.department_id
from staff s where s.login ~ '^load[0-9]+$';

create temp table load_clerk on commit drop as
select s.staff_id, k.desk_id, s.department_id,
       (row_number() over (partition by s.department_id order by s.login))::int - 1 as k,
       count(*) over (partition by s.department_id) as n
from staff s join desk k on k.number = 'L' || substr(s.login, 5)
where s.login ~ '^load[0-9]+$';

-- A year of finished visits, on working days (Monday to Friday; holidays are not
-- left out), spread evenly over the departments and, within a day, over 8:00-16:00,
-- served by the load clerks of the department in turn, case kinds in turn.
create temp table load_day on commit drop as
select d::date as day, (row_number() over (order by d))::int - 1 as idx
from generate_series((now() at time zone 'Europe/Warsaw')::date - 365,
                     (now() at time zone 'Europe/Warsaw')::date - 1, interval '1 day') d
where extract(isodow from d) < 6;

-- visits per (day, department): the same for each, the remainder to the first ones
create temp table load_slot on commit drop as
select y.day, d.department_id,
       (:visits / t.slots + case when y.idx * t.depts + d.idx < :visits % t.slots then 1 else 0 end)::int as n
from load_day y
cross join load_dept d
cross join (select (select count(*) from load_day) * (select count(*) from load_dept) as slots,
                   (select count(*) from load_dept) as depts) t;

do $$
begin
    if (select max(n) from load_slot) > 9999 then
        raise exception 'too many visits per department and day for 4-digit tickets';
    end if;
end $$;

insert into ticket_counter (department_id, day, last_number)
select department_id, day, n from load_slot where n > 0;

insert into visit (ticket, ticket_day, department_id, case_kind_id, status, served_by, desk_id,
                   arrived_at, called_at, started_at, finished_at, outcome, registered_by, updated_at)
select d.ticket_letter || lpad(v.num::text, greatest(3, length(v.num::text)), '0'),
       v.day, v.department_id, k.case_kind_id, 'done', c.staff_id, c.desk_id,
       v.arrived, v.called, v.started, v.started + v.service, 'settled', v.registered_by, v.started + v.service
from (
    select s.day, s.department_id, g.num,
           a.arrived,
           a.arrived + w.wait as called,
           a.arrived + w.wait + make_interval(secs => 20 + random() * 100) as started,
           make_interval(secs => 180 + random() * 1020) as service,
           (select staff_id from staff where login = 'info_point') as registered_by
    from load_slot s
    cross join lateral generate_series(1, s.n) g(num)
    cross join lateral (select ((s.day + time '08:00') at time zone 'Europe/Warsaw')
                               + make_interval(secs => ((g.num - 1) + random()) * 8 * 3600.0 / s.n) as arrived) a
    cross join lateral (select make_interval(secs => 60 + random() * 1500) as wait) w
) v
join department d on d.department_id = v.department_id
join load_clerk c on c.department_id = v.department_id
                 and c.k = (v.num - 1) % c.n
left join load_kind k on k.department_id = v.department_id
                     and k.r = (v.num * 7 + extract(doy from v.day)::int) % k.n;

-- Today's queue: load_refill(n, span) brings the waiting clients of today up to n,
-- each department to its share (in proportion to its load clerks), arriving over
-- the last `span` (never before midnight). Returns the number of visits added.
create or replace function load_refill(target integer, span interval) returns integer
language sql as $$
    with today as (
        select (now() at time zone 'Europe/Warsaw')::date as day
    ),
    share as (
        select c.department_id, count(*) as clerks
        from staff c where c.login ~ '^load[0-9]+$' group by c.department_id
    ),
    missing as (
        select s.department_id,
               greatest(0, (target * s.clerks / (select sum(clerks) from share))::int
                           - (select count(*) from visit w
                              where w.status = 'waiting' and w.department_id = s.department_id)::int) as n
        from share s
    ),
    counter as (
        insert into ticket_counter (department_id, day, last_number)
        select m.department_id, t.day, m.n from missing m, today t where m.n > 0
        on conflict (department_id, day) do update set last_number = ticket_counter.last_number + excluded.last_number
        returning department_id, last_number
    ),
    added as (
        insert into visit (ticket, ticket_day, department_id, case_kind_id, priority, arrived_at, registered_by)
        select d.ticket_letter || lpad(num::text, greatest(3, length(num::text)), '0'),
               t.day, m.department_id,
               (select k.case_kind_id from case_kind k
                where k.department_id = m.department_id and k.active
                order by k.name offset num % greatest(1, (select count(*) from case_kind j
                                                          where j.department_id = m.department_id and j.active))
                limit 1),
               num % 20 = 0,
               greatest(now() - least(span, now() - (t.day::timestamp at time zone 'Europe/Warsaw'))
                                * (m.n - g.i)::float / m.n,
                        t.day::timestamp at time zone 'Europe/Warsaw'),
               (select staff_id from staff where login = 'info_point')
        from missing m
        join counter c using (department_id)
        join department d using (department_id)
        cross join today t
        cross join lateral generate_series(1, m.n) g(i)
        cross join lateral (select c.last_number - m.n + g.i as num) x
        returning 1
    )
    select count(*)::int from added
$$;

select load_refill(:waiting, interval '4 hours') as waiting_added;

commit;

vacuum (analyze) visit;
vacuum (analyze) ticket_counter;
analyze;
