-- Load-test data for scripts/load/run.sh, on top of `okienko demo-data`, in the
-- throw-away database okienko_load (never the dev database):
--
--   * :clerks clerk accounts load01, load02, ... (password of the demo account
--     `clerk`), spread over the departments, each with a desk L01, L02, ...
--   * :clerks supervisor accounts loadsup01, loadsup02, ... (password of the
--     demo account `supervisor`), for the monthly-sheet scenario;
--   * :visits past visits over the past :days days (working days, office hours),
--     about 2 % of them "did not come" (no_show), the rest done;
--   * what an employee's monthly sheet reads besides the visits: a desk session
--     per clerk and working day, away notices, callbacks with their promises
--     (closed on time, closed late, rescheduled, unreachable, open), redirects
--     of about 3 % of the visits, and the supervisor's assessment of each clerk
--     for each past month of the span;
--   * kiosks: one per load desk ('Kiosk L01', token 'load-kiosk-token-L01', ...)
--     and 'Kiosk exit' without a desk (token 'load-kiosk-token-exit'), all enrolled;
--   * :answers survey answers, spread evenly over the done visits (an invitation
--     from the kiosk of the visit's desk, the answer a minute after the visit,
--     four scores of questionnaire version 1, a comment on about 5 %);
--   * a queue for today: :waiting clients waiting, shared out between the
--     departments in proportion to their clerks (5 % of them priority),
--   * load_refill(n, span): a function that tops today's queue up again to n
--     (run.sh calls it every second during the "call next" scenario).
--
-- psql -X -v ON_ERROR_STOP=1 -v clerks=50 -v visits=250000 -v waiting=2000 \
--      -v answers=25000 [-v days=365] -f seed.sql
--
-- :days defaults to 365 for up to 250,000 visits, and grows with :visits beyond
-- that (about 950 visits a working day): 2,500,000 visits span 3650 days.
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
\if :{?answers}
\else
\set answers 25000
\endif
\if :{?days}
\else
select greatest(365, round(:visits * 365.0 / 250000))::int as days \gset
\endif

\set ON_ERROR_STOP on

begin;

-- the sorts and hashes below (up to a few million rows) in memory
set local work_mem = '256MB';

create temp table load_param on commit drop as
select :clerks::int as clerks, :visits::int as visits, :days::int as days, :answers::int as answers,
       (now() at time zone 'Europe/Warsaw')::date as today;

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
    if not exists (select 1 from staff where login = 'supervisor') then
        raise exception 'no demo account `supervisor`: run `okienko demo-data` first';
    end if;
    if not exists (select 1 from questionnaire q join survey_question s using (questionnaire_id) where q.version = 1) then
        raise exception 'no questionnaire version 1 with questions: run `okienko migrate` first';
    end if;
    if (select days from load_param) not between 28 and 15000 then
        raise exception 'days must be 28..15000';
    end if;
    if (select answers from load_param) < 0 or (select visits from load_param) < 0 then
        raise exception 'visits and answers cannot be negative';
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

-- Supervisors loadsup01, ... (as many as clerks): they read the monthly sheets.
insert into staff (login, full_name, phone, department_id, password_hash)
select format('loadsup%s', lpad(i::text, 2, '0')),
       format('Kierownik Testowy %s', i),
       format('44 732 21 %s', lpad(i::text, 2, '0')),
       (select department_id from staff where login = 'supervisor'),
       (select password_hash from staff where login = 'supervisor')
from generate_series(1, :clerks) i;

insert into staff_role (staff_id, role)
select staff_id, 'supervisor' from staff where login ~ '^loadsup[0-9]+$';

-- i: the clerk's number - 1; k of n: the clerk's place in the department;
-- mood: the mean score residents give the clerk (3.3 to 4.8, for reports that differ);
-- colleague: whom the clerk redirects clients to (the next clerk of the department,
-- or the next clerk at all in a department of one).
create temp table load_clerk on commit drop as
select s.staff_id, k.desk_id, s.department_id,
       substr(s.login, 5)::int - 1 as i,
       (row_number() over (partition by s.department_id order by s.login))::int - 1 as k,
       count(*) over (partition by s.department_id) as n,
       3.3 + 1.5 * ((substr(s.login, 5)::int * 37) % 50) / 50.0 as mood,
       null::uuid as colleague
from staff s join desk k on k.number = 'L' || substr(s.login, 5)
where s.login ~ '^load[0-9]+$';

update load_clerk c set colleague = coalesce(
    (select o.staff_id from load_clerk o
     where o.department_id = c.department_id and c.n > 1 and o.k = (c.k + 1) % c.n),
    (select o.staff_id from load_clerk o
     where o.i = (c.i + 1) % (select count(*) from load_clerk) and o.staff_id <> c.staff_id));

-- The past working days (Monday to Friday; holidays are not left out) of the span.
create temp table load_day on commit drop as
select d::date as day, (row_number() over (order by d))::int - 1 as idx
from generate_series((now() at time zone 'Europe/Warsaw')::date - :days,
                     (now() at time zone 'Europe/Warsaw')::date - 1, interval '1 day') d
where extract(isodow from d) < 6;

-- visits per (day, department): the same for each, the remainder to the first ones;
-- their tickets follow those the demo data may have given out that day (its history)
create temp table load_slot on commit drop as
select y.day, d.department_id,
       (:visits / t.slots + case when y.idx * t.depts + d.idx < :visits % t.slots then 1 else 0 end)::int as n,
       greatest(coalesce((select c.last_number from ticket_counter c
                          where c.department_id = d.department_id and c.day = y.day), 0),
                coalesce((select max(substr(v.ticket, 2)::int) from visit v
                          where v.ticket_day = y.day and v.department_id = d.department_id), 0)) as base
from load_day y
cross join load_dept d
cross join (select (select count(*) from load_day) * (select count(*) from load_dept) as slots,
                   (select count(*) from load_dept) as depts) t;

do $$
begin
    if (select max(base + n) from load_slot) > 9999 then
        raise exception 'too many visits per department and day for 4-digit tickets';
    end if;
end $$;

insert into ticket_counter (department_id, day, last_number)
select department_id, day, base + n from load_slot where n > 0
on conflict (department_id, day) do update set last_number = excluded.last_number;

-- The past visits, spread evenly over the departments and, within a day, over
-- 8:00-16:00, served by the load clerks of the department in turn, case kinds in
-- turn. About 2 % did not come when called.
insert into visit (ticket, ticket_day, department_id, case_kind_id, status, served_by, desk_id,
                   arrived_at, called_at, started_at, finished_at, outcome, registered_by, updated_at)
select d.ticket_letter || lpad((v.base + v.num)::text, greatest(3, length((v.base + v.num)::text)), '0'),
       v.day, v.department_id, k.case_kind_id,
       case when v.came then 'done' else 'no_show' end,
       c.staff_id, c.desk_id,
       v.arrived, v.called,
       case when v.came then v.started end,
       -- as the desk does: a "did not come" is finished when the clerk marks it
       case when v.came then v.started + v.service else v.called + interval '3 minutes' end,
       case when v.came then 'settled' end,
       v.registered_by,
       case when v.came then v.started + v.service else v.called + interval '3 minutes' end
from (
    select s.day, s.department_id, s.base, g.num,
           a.arrived,
           a.arrived + w.wait as called,
           a.arrived + w.wait + make_interval(secs => 20 + random() * 100) as started,
           make_interval(secs => 180 + random() * 1020) as service,
           random() >= 0.02 as came,
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

-- ---------------------------------------------------------------------------
-- What a clerk's monthly sheet reads besides the visits
-- ---------------------------------------------------------------------------

-- Each clerk on each working day: at the desk from about 7:40 to about 17:00
-- (one session), now and then away for a quarter of an hour, and every third
-- day a callback promised.
create temp table load_clerk_day on commit drop as
select c.staff_id, c.desk_id, c.department_id, c.i, c.colleague, y.day, y.idx,
       random() as r1, random() as r2, random() as r3
from load_clerk c cross join load_day y;

insert into desk_session (staff_id, desk_id, started_at, ended_at)
select staff_id, desk_id,
       ((day + time '07:40') at time zone 'Europe/Warsaw') + make_interval(secs => r1 * 1200),
       ((day + time '16:50') at time zone 'Europe/Warsaw') + make_interval(secs => r2 * 1800)
from load_clerk_day;

-- back within 15 minutes, most of the time; a quarter of them overstay
insert into away_notice (staff_id, desk_id, started_at, back_at, substitute_staff_id, ended_at)
select staff_id, desk_id, a.started, a.started + interval '15 minutes', colleague,
       a.started + make_interval(secs => 300 + r2 * 800)
from load_clerk_day
cross join lateral (select ((day + time '10:00') at time zone 'Europe/Warsaw')
                           + make_interval(secs => r1 * 5 * 3600) as started) a
where (idx + i) % 7 = 0;

-- Callbacks, due two working days after the call. Older ones: 70 % done on time,
-- 10 % rescheduled once (a second promise, then done by the new date), 12 % done
-- late, 5 % unreachable, 3 % still open (overdue); those due today or later: 60 %
-- open. Every one has its first promise.
create temp table load_callback on commit drop as
select gen_random_uuid() as callback_id, x.staff_id, x.department_id, x.day, x.created_at, x.first_due,
       case when x.kind = 'rescheduled' then x.first_due + 3 + case when extract(isodow from x.first_due) >= 3 then 2 else 0 end
            else x.first_due end as due_on,
       x.kind, x.r
from (
    select staff_id, department_id, day,
           ((day + time '09:00') at time zone 'Europe/Warsaw') + make_interval(secs => r1 * 7 * 3600) as created_at,
           day + 2 + case when extract(isodow from day) >= 4 then 2 else 0 end as first_due,
           case when day + 2 + case when extract(isodow from day) >= 4 then 2 else 0 end >= (select today from load_param)
                then case when r2 < 0.6 then 'open' else 'on_time' end
                when r2 < 0.70 then 'on_time'
                when r2 < 0.80 then 'rescheduled'
                when r2 < 0.92 then 'late'
                when r2 < 0.97 then 'unreachable'
                else 'open' end as kind,
           r3 as r
    from load_clerk_day
    where (idx + i) % 3 = 0
) x;

insert into callback (callback_id, staff_id, caller_name, phone, question, case_kind_id, created_at, due_on,
                      status, outcome, closed_at, updated_at)
select b.callback_id, b.staff_id,
       (array['Jan Zieliński', 'Maria Lis', '', 'Krystyna Wróbel', 'Adam Nowicki', ''])[1 + (b.r * 6)::int % 6],
       format('+48 6%s %s %s', lpad(((b.r * 100)::int % 100)::text, 2, '0'),
              lpad(((b.r * 100000)::int % 1000)::text, 3, '0'), lpad(((b.r * 1e8)::bigint % 1000)::text, 3, '0')),
       (array['Czy do rejestracji auta sprowadzonego z Niemiec potrzebne jest tłumaczenie dowodu rejestracyjnego?',
              'Kiedy można odebrać prawo jazdy po zmianie nazwiska?',
              'Jakie dokumenty są potrzebne do zameldowania dziecka?',
              'Czy decyzja w sprawie podatku od nieruchomości została już wysłana?',
              'Do kiedy trzeba złożyć deklarację o opłacie za odpady po przeprowadzce?'])[1 + (b.r * 50)::int % 5],
       (select k.case_kind_id from load_kind k where k.department_id = b.department_id and k.r = (b.r * 100)::int % k.n),
       b.created_at, b.due_on,
       case b.kind when 'open' then 'open' when 'unreachable' then 'unreachable' else 'done' end,
       case b.kind when 'open' then null
                   when 'unreachable' then 'Trzy próby, brak odpowiedzi.'
                   else 'Udzielono odpowiedzi telefonicznie.' end,
       t.closed_at, coalesce(t.closed_at, b.created_at)
from load_callback b
cross join lateral (select case
    when b.kind = 'open' then null
    when b.kind = 'late' then ((b.due_on + 1 + (b.r * 4)::int + time '11:00') at time zone 'Europe/Warsaw')
    -- on time: by 15:00 on the day due, at the earliest an hour after the call
    else greatest(b.created_at + interval '1 hour',
                  ((b.due_on + time '15:00') at time zone 'Europe/Warsaw') - make_interval(secs => b.r * 2 * 86400))
    end as due_closed_at) c
cross join lateral (select least(now(), c.due_closed_at) as closed_at) t;

insert into callback_promise (callback_id, promised_for, promised_at, promised_by, note)
select callback_id, first_due, created_at, staff_id, '' from load_callback
union all
select callback_id, due_on, (first_due + time '12:00') at time zone 'Europe/Warsaw', staff_id, 'Sprawa wymaga uzgodnienia z innym wydziałem.'
from load_callback where kind = 'rescheduled';

-- About 3 % of the visits were sent on to a colleague during service.
insert into visit_redirect (visit_id, from_staff_id, to_staff_id, note, redirected_at)
select v.visit_id, v.served_by, c.colleague,
       (array['Sprawa należy do innego stanowiska.', 'Potrzebna opinia kolegi.', 'Klient prosił o innego urzędnika.'])
           [1 + (random() * 3)::int % 3],
       v.started_at + make_interval(secs => 60 + random() * 100)
from visit v
join load_clerk c on c.staff_id = v.served_by
where v.status = 'done' and c.colleague is not null and random() < 0.03;

-- ---------------------------------------------------------------------------
-- Kiosks and survey answers
-- ---------------------------------------------------------------------------

-- The tablet keeps the token in its cookie (okienko_kiosk=load-kiosk-token-L01; the
-- server takes tokens of 16 to 200 characters), the office keeps its SHA-256.
insert into kiosk (name, desk_id, token_hash, created_by, enrolled_at, last_seen_at)
select 'Kiosk ' || k.number, k.desk_id, sha256(convert_to('load-kiosk-token-' || k.number, 'UTF8')),
       (select staff_id from staff where login = 'admin'), now(), now()
from load_clerk c join desk k using (desk_id)
union all
select 'Kiosk exit', null, sha256(convert_to('load-kiosk-token-exit', 'UTF8')),
       (select staff_id from staff where login = 'admin'), now(), now();

-- :answers done visits, evenly spaced in time (so about as many per clerk and month),
-- each answered at the kiosk of its desk a minute after the visit.
create temp table load_answer on commit drop as
select gen_random_uuid() as invitation_id, gen_random_uuid() as answer_id,
       v.visit_id, q.kiosk_id, v.served_by as staff_id, v.desk_id, v.department_id, v.finished_at, c.mood
from (
    select visit_id, served_by, desk_id, department_id, finished_at,
           row_number() over (order by finished_at) as rn, count(*) over () as n
    from visit
    where status = 'done' and served_by in (select staff_id from load_clerk)
) v
join load_clerk c on c.staff_id = v.served_by
join kiosk q on q.desk_id = v.desk_id
where floor(v.rn * :answers::numeric / v.n) > floor((v.rn - 1) * :answers::numeric / v.n);

-- The invitations of the answered visits only, valid for 5 minutes and shown 15
-- seconds after the visit. (The desk invites the client of every visit finished
-- at a desk with a kiosk; the other nine in ten are left out: nothing measured
-- reads them, and at ten years their 2.2 million rows would double the time of
-- the seed.)
insert into survey_invitation (survey_invitation_id, kiosk_id, visit_id, staff_id, desk_id, department_id,
                               created_at, expires_at, shown_at)
select invitation_id, kiosk_id, visit_id, staff_id, desk_id, department_id,
       finished_at, finished_at + interval '5 minutes', finished_at + interval '15 seconds'
from load_answer;

insert into survey_answer (survey_answer_id, questionnaire_id, kiosk_id, survey_invitation_id, submission_key,
                           staff_id, desk_id, department_id, lang, comment, answered_at)
select a.answer_id, (select questionnaire_id from questionnaire where version = 1), a.kiosk_id, a.invitation_id,
       gen_random_uuid(), a.staff_id, a.desk_id, a.department_id, 'pl',
       case when a.r < 0.05 then
           (array['Bardzo miła obsługa, dziękuję.', 'Długo czekałem w kolejce.', 'Wszystko jasno wytłumaczone.',
                  'Brakuje miejsc siedzących w holu.', 'Pani była bardzo pomocna.', 'Za mało czynnych stanowisk.'])
               [1 + (a.r * 120)::int % 6]
       end,
       a.finished_at + interval '1 minute'
from (select a.*, random() as r from load_answer a) a;

-- Scores around the clerk's mood; the waiting time is rated a little lower.
insert into survey_score (survey_answer_id, survey_question_id, score)
select a.answer_id, q.survey_question_id,
       least(5, greatest(1, round(a.mood - case when q.code = 'waiting' then 0.5 else 0 end
                                  + (random() - 0.5) * 3.5)))::smallint
from load_answer a
cross join survey_question q
join questionnaire n on n.questionnaire_id = q.questionnaire_id and n.version = 1;

-- The supervisor's assessment of each clerk for each past month of the span (the
-- first one may be partly before it), up to the last complete one.
insert into staff_assessment (staff_id, month, availability, discipline, kindness, comment, assessed_by, assessed_at)
select c.staff_id, m.month,
       least(5, greatest(1, round(c.mood + (random() - 0.5) * 2)))::smallint,
       least(5, greatest(1, round(c.mood + (random() - 0.5) * 2)))::smallint,
       least(5, greatest(1, round(c.mood + (random() - 0.5) * 2)))::smallint,
       case when random() < 0.1 then 'Rozmowa z pracownikiem odbyta.' else '' end,
       (select staff_id from staff where login = 'supervisor'),
       least(now(), ((m.month + interval '1 month' + interval '2 days') at time zone 'Europe/Warsaw') + interval '10 hours')
from load_clerk c
cross join (
    select m::date as month
    from generate_series(date_trunc('month', (select min(day) from load_day)::timestamp),
                         date_trunc('month', (select today from load_param)::timestamp) - interval '1 month',
                         interval '1 month') m
) m;

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

-- Outside the transaction (VACUUM cannot run in one): the visibility map and the
-- statistics, as autovacuum would have left them on a real server.
vacuum (analyze) visit;
vacuum (analyze) ticket_counter;
vacuum (analyze) desk_session;
vacuum (analyze) away_notice;
vacuum (analyze) callback;
vacuum (analyze) callback_promise;
vacuum (analyze) visit_redirect;
vacuum (analyze) survey_invitation;
vacuum (analyze) survey_answer;
vacuum (analyze) survey_score;
vacuum (analyze) staff_assessment;
analyze;
