-- Half a year of past work at the desks, for the demo only, so that the supervisors'
-- reports have something to show: the six calendar months before {today}'s month and
-- this month up to yesterday, on working days (weekends, statutory holidays and the
-- office's closed days left out). For each demo clerk at their own desk: a desk
-- session a day (with leave and the odd day off), away notices, finished visits and
-- a few no-shows, redirects and refusals, callbacks with their promises, a kiosk at
-- the desk with an invitation for each finished visit and an answer to about one in
-- eight; answers at the exit kiosk; the supervisor's assessment of each past month.
--
-- {today} is filled in by demo.rs. Nothing is added when older visits already exist
-- (history loaded before, or the office in real use) or the exit kiosk exists.
-- Deterministic: the "random" numbers are hashes of the clerk, the day and a tag.
-- No personal data: no client names or phone numbers, made-up callers' numbers.
do $$
declare
    today date := '{today}';
    first_day date := (date_trunc('month', date '{today}') - interval '6 months')::date;
    info uuid := (select staff_id from staff where login = 'info_point');
    supervisor uuid := (select staff_id from staff where login = 'supervisor');
    admin uuid := (select staff_id from staff where login = 'admin');
    q1 uuid := (select questionnaire_id from questionnaire where version = 1);
    exit_kiosk uuid;
begin
    if exists (select 1 from visit where ticket_day < today - 1)
       or exists (select 1 from kiosk where name = 'Tablet przy wyjściu') then
        return;
    end if;

    -- JIT would spend longer compiling these one-off statements than running them
    perform set_config('jit', 'off', true);

    -- u(key): a number in [0, 1) that depends only on the key.
    create or replace function pg_temp.u(key text) returns float8 language sql immutable as
        $f$ select (hashtext(key)::float8 + 2147483648.0) / 4294967296.0 $f$;
    -- z(key): roughly normal, mean 0, standard deviation 0.5.
    create or replace function pg_temp.z(key text) returns float8 language sql immutable as
        $f$ select pg_temp.u(key || 'a') + pg_temp.u(key || 'b') + pg_temp.u(key || 'c') - 1.5 $f$;

    -- ------------------------------------------------------------------------
    -- Working days: Monday-Friday, no statutory holiday, no office closed day.
    -- ------------------------------------------------------------------------
    create temp table hist_holiday on commit drop as
    with years as (
        select generate_series(extract(year from first_day)::int, extract(year from today)::int + 1) as y
    ),
    easter as (   -- the anonymous Gregorian computus, as in calendar.rs
        select y, make_date(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1) as sunday
        from (select y, h, l, (a + 11 * h + 22 * l) / 451 as m
              from (select y, a, h, (32 + 2 * e + 2 * i - h - k) % 7 as l
                    from (select y, a, e, i, k, (19 * a + b - d - g + 15) % 30 as h
                          from (select y, y % 19 as a, y / 100 as b, y / 400 as d, (y / 100) % 4 as e,
                                       (y / 100 - (y / 100 + 8) / 25 + 1) / 3 as g, (y % 100) / 4 as i, (y % 100) % 4 as k
                                from years) s1) s2) s3) s4
    )
    select make_date(y, f.m, f.d) as day
    from years, (values (1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 24), (12, 25), (12, 26)) f(m, d)
    where not (f.m = 12 and f.d = 24 and y < 2025)
    union
    select sunday + o from easter, (values (1), (60)) x(o);   -- Easter Monday, Corpus Christi

    -- wi: the working day's number, to count working days forward (callback dates)
    create temp table hist_wd on commit drop as
    select d::date as day, (row_number() over (order by d))::int as wi
    from generate_series(first_day, today + 30, interval '1 day') d
    where extract(isodow from d) < 6
      and d::date not in (select day from hist_holiday)
      and d::date not in (select day from office_closed_day);

    -- The days to fill: working days before today that have no visits at all.
    -- busy: how crowded the month is (1 = usual); mi: the month's number, 0 = the first.
    create temp table hist_day on commit drop as
    select w.day, w.wi, extract(isodow from w.day)::int as dow,
           extract(month from w.day)::int as month,
           ((extract(year from w.day) - extract(year from first_day)) * 12
            + extract(month from w.day) - extract(month from first_day))::int as mi,
           (array[1.15, 1.00, 1.20, 1.05, 0.95, 1.15, 1.25, 0.80, 1.30, 1.10, 1.00, 0.85])[extract(month from w.day)::int]
               as busy
    from hist_wd w
    where w.day >= first_day and w.day < today
      and not exists (select 1 from visit v where v.ticket_day = w.day);

    -- ------------------------------------------------------------------------
    -- The clerks and how each works.
    --   desk: one for each, never shared;  weekdays: the ISO days at the desk;
    --   opens, closes: usual minutes after midnight;  late: share of days opened ~30 min late;
    --   per_day: clients a usual day;  service: mean minutes of service;
    --   score: mean survey score;  wait: the department's mean wait (minutes);
    --   colleague: whom the clerk sends a client on to;  leave_week: ISO week of summer leave;
    --   availability, discipline, kindness: the supervisor's usual marks;
    --   late_callbacks: the share of callbacks closed after the promised day.
    -- ------------------------------------------------------------------------
    create temp table hist_clerk on commit drop as
    select s.staff_id, s.department_id, d.symbol, d.ticket_letter, k.desk_id, k.number as desk_number,
           c.staff_id as colleague_id, v.*
    from (values
        (1, 'magdalena.kozlowska', '3',  '12345', 520, 1015, 0.02, 31, 8.5,  5.10, 9.0, 'krzysztof.krawczyk', 28, 5, 5, 5, 0.05),
        (2, 'clerk',               '4',  '12345', 530, 1020, 0.05, 24, 11.0, 4.55, 9.0, 'magdalena.kozlowska', 31, 4, 4, 5, 0.08),
        (3, 'krzysztof.krawczyk',  '2',  '24',    540, 810,  0.00, 15, 10.0, 4.40, 9.0, 'clerk', 33, 4, 5, 4, 0.10),
        (4, 'anna.kowalczyk',      '6',  '12345', 525, 1010, 0.03, 18, 14.0, 4.85, 4.0, 'piotr.jankowski', 29, 5, 4, 5, 0.06),
        (5, 'michal.wojcik',       '8',  '12345', 535, 1000, 0.08, 16, 17.5, 3.75, 6.5, 'department_head', 32, 4, 4, 3, 0.25),
        (6, 'agnieszka.mazur',     '5',  '12345', 525, 1020, 0.30, 28, 9.0,  4.35, 8.0, 'barbara.pawlowska', 27, 4, 3, 4, 0.10),
        (7, 'barbara.pawlowska',   '1',  '12345', 510, 990,  0.03, 22, 7.0,  4.70, 3.0, 'agnieszka.mazur', 30, 5, 5, 4, 0.05)
    ) as v(ci, login, desk, weekdays, opens, closes, late, per_day, service, score, wait, colleague, leave_week,
           availability, discipline, kindness, late_callbacks)
    join staff s on s.login = v.login and s.department_id is not null
    join department d on d.department_id = s.department_id
    join desk k on k.number = v.desk
    left join staff c on c.login = v.colleague;

    -- Days away: two weeks of summer leave, and now and then a single day.
    create temp table hist_off on commit drop as
    select c.staff_id, c.ci, y.day,
           case when y.day between l.monday and l.monday + 11 then 'summer'
                when pg_temp.u('off-kind' || c.ci || y.day) < 0.6 then 'leave'
                when pg_temp.u('off-kind' || c.ci || y.day) < 0.9 then 'sick'
                else 'training' end as kind,
           l.monday
    from hist_clerk c
    join hist_wd y on y.day >= first_day and y.day < today
                  and strpos(c.weekdays, extract(isodow from y.day)::int::text) > 0
    cross join lateral (select (date_trunc('week', make_date(extract(year from y.day)::int, 1, 4))
                                + (c.leave_week - 1) * interval '1 week')::date as monday) l
    where y.day between l.monday and l.monday + 11
       or pg_temp.u('off' || c.ci || y.day) < 0.065;

    insert into absence (staff_id, first_day, last_day, kind, note, recorded_by, recorded_at)
    select staff_id, greatest(first_day, monday), least(today - 1, monday + 11), 'leave', 'Urlop wypoczynkowy', supervisor,
           ((monday - 14) + time '10:00') at time zone 'Europe/Warsaw'
    from hist_off where kind = 'summer' group by staff_id, monday
    union all
    select staff_id, day, day, kind,
           case kind when 'leave' then 'Urlop na żądanie' when 'sick' then 'Zwolnienie lekarskie' else 'Szkolenie' end,
           supervisor, (day + time '08:10') at time zone 'Europe/Warsaw'
    from hist_off where kind <> 'summer';

    -- ------------------------------------------------------------------------
    -- Desk sessions: one a day, with up to three away notices inside. The day's work
    -- time (active) is filled with the clients, each after a short pause; an away
    -- notice falls between two clients: away i before client b_i, for d_i minutes.
    -- ------------------------------------------------------------------------
    create temp table hist_session on commit drop as
    select x.*, d.*,
           ((x.day + time '00:00') at time zone 'Europe/Warsaw') + x.opens_at * interval '1 minute' as start_at,
           x.closes_at - x.opens_at - d.d1 - d.d2 - d.d3 - x.tail as active,
           x.n / 3.0 as seg
    from (
        select c.staff_id, c.ci, c.desk_id, c.department_id, y.day, y.wi, y.dow, y.mi, y.busy, y.month,
               c.opens + round(8 * pg_temp.z('open' || c.ci || y.day))::int
                   + case when pg_temp.u('late' || c.ci || y.day) < c.late then 25 + (pg_temp.u('lt' || c.ci || y.day) * 15)::int
                          else 0 end as opens_at,
               c.closes + round(12 * pg_temp.z('close' || c.ci || y.day))::int as closes_at,
               case when pg_temp.u('away' || c.ci || y.day) < 0.12 then 0
                    when pg_temp.u('away' || c.ci || y.day) < 0.55 then 1
                    when pg_temp.u('away' || c.ci || y.day) < 0.88 then 2 else 3 end as n_away,
               greatest(12, least(36, round(c.per_day * y.busy
                   * case y.dow when 1 then 1.15 when 5 then 0.9 else 1.0 end
                   * case when c.symbol = 'SO' and y.month in (6, 7) then 1.1
                          when c.symbol = 'FP' and y.month in (1, 3) then 1.1 else 1.0 end
                   * (0.85 + 0.3 * pg_temp.u('n' || c.ci || y.day)))))::int as n,
               5 + (pg_temp.u('tail' || c.ci || y.day) * 15)::int as tail
        from hist_clerk c
        join hist_day y on strpos(c.weekdays, y.dow::text) > 0
        where not exists (select 1 from hist_off o where o.staff_id = c.staff_id and o.day = y.day)
    ) x
    -- the away notices' minutes, 0 for those not taken
    cross join lateral (select
        case when x.n_away >= 1 then 10 + (pg_temp.u('d1' || x.ci || x.day) * 30)::int else 0 end as d1,
        case when x.n_away >= 2 then 10 + (pg_temp.u('d2' || x.ci || x.day) * 30)::int else 0 end as d2,
        case when x.n_away >= 3 then 10 + (pg_temp.u('d3' || x.ci || x.day) * 30)::int else 0 end as d3) d;

    alter table hist_session add column b1 int, add column b2 int, add column b3 int;
    -- b_i in the i-th third of the day's clients, never the first client
    update hist_session set
        b1 = 2 + floor(pg_temp.u('b1' || ci || day) * (seg - 1))::int,
        b2 = 2 + floor(seg + pg_temp.u('b2' || ci || day) * (seg - 1))::int,
        b3 = 2 + floor(2 * seg + pg_temp.u('b3' || ci || day) * (seg - 1))::int;

    insert into desk_session (staff_id, desk_id, started_at, ended_at)
    select staff_id, desk_id, start_at, start_at + (active + d1 + d2 + d3 + tail) * interval '1 minute'
    from hist_session;

    -- ------------------------------------------------------------------------
    -- The clients, one after another at each desk.
    -- ------------------------------------------------------------------------
    create temp table hist_visit on commit drop as
    with g as (
        select s.staff_id, s.ci, s.desk_id, s.department_id, s.day, s.dow, s.mi, s.busy, s.month, s.start_at,
               s.active, s.b1, s.b2, s.b3, s.d1, s.d2, s.d3, g.k,
               c.service * (0.45 + 1.1 * pg_temp.u('svc' || s.ci || s.day || g.k)) as svc_raw,
               2 * pg_temp.u('delay' || s.ci || s.day || g.k) as delay,
               0.2 + pg_temp.u('idle' || s.ci || s.day || g.k) as idle_w
        from hist_session s
        join hist_clerk c using (staff_id)
        cross join lateral generate_series(1, s.n) g(k)
    ),
    w as (
        select g.*,
               sum(svc_raw) over p as svc_total, sum(delay) over p as delay_total, sum(idle_w) over p as idle_total,
               coalesce(sum(svc_raw) over b, 0) as svc_before, coalesce(sum(delay) over b, 0) as delay_before,
               sum(idle_w) over upto as idle_upto
        from g
        window p as (partition by staff_id, day),
               b as (partition by staff_id, day order by k rows between unbounded preceding and 1 preceding),
               upto as (partition by staff_id, day order by k rows between unbounded preceding and current row)
    ),
    f as (   -- f shrinks the services when the day is too full for them
        select w.*, least(1.0, (0.92 * active - delay_total) / svc_total) as f
        from w
    ),
    t as (
        select f.*,
               greatest(3.0, least(25.0, f * svc_raw)) as service,
               start_at + (f * svc_before + delay_before
                           + (active - f * svc_total - delay_total) * idle_upto / idle_total
                           + case when k >= b1 then d1 else 0 end
                           + case when k >= b2 then d2 else 0 end
                           + case when k >= b3 then d3 else 0 end) * interval '1 minute' as called_at
        from f
    )
    select gen_random_uuid() as visit_id, t.ci || ':' || t.day || ':' || t.k as vkey, t.*,
           -- the wait: longer in the department's busy hours, months and on Mondays
           least(40.0, c.wait * t.busy
                 * case t.dow when 1 then 1.5 when 2 then 1.1 when 5 then 0.8 else 1.0 end
                 * case when (t.called_at at time zone 'Europe/Warsaw')::time between '10:00' and '12:30' then 1.4
                        when (t.called_at at time zone 'Europe/Warsaw')::time > '14:30' then 0.7 else 1.0 end
                 * -ln(1 - 0.97 * pg_temp.u('wait' || t.ci || t.day || t.k))) as wait,
           pg_temp.u('outcome' || t.ci || t.day || t.k) as r_outcome,
           pg_temp.u('kind' || t.ci || t.day || t.k) as r_kind,
           c.symbol, c.colleague_id
    from t join hist_clerk c using (staff_id);

    alter table hist_visit add column arrived_at timestamptz, add column status text, add column outcome text,
        add column case_kind_id uuid, add column ticket text;
    update hist_visit set
        arrived_at = greatest(start_at, called_at - wait * interval '1 minute'),
        status = case when r_outcome < 0.03 then 'no_show' else 'done' end,
        outcome = case
            when r_outcome < 0.03 then null
            when r_outcome < 0.055 and colleague_id is not null then 'redirected'
            when r_outcome < 0.075 then 'refused'
            else case symbol
                when 'KM' then case when r_kind < 0.6 then 'documents_accepted' when r_kind < 0.85 then 'settled' else 'forms_handed' end
                when 'SO' then case when r_kind < 0.5 then 'documents_accepted' else 'settled' end
                when 'USC' then case when r_kind < 0.75 then 'settled' when r_kind < 0.9 then 'documents_accepted' else 'forms_handed' end
                when 'FP' then case when r_kind < 0.5 then 'documents_accepted' when r_kind < 0.75 then 'forms_handed' else 'settled' end
                else case when r_kind < 0.6 then 'settled' when r_kind < 0.9 then 'forms_handed' else 'documents_accepted' end
                end
            end;
    -- the case: one of the department's procedure cards in turn of the hash; at the
    -- information point most questions need none
    update hist_visit v set case_kind_id = (
        select k.case_kind_id from case_kind k
        where k.department_id = v.department_id and k.active
        order by k.name
        offset floor(v.r_kind * 7919)::int % (select count(*) from case_kind j where j.department_id = v.department_id and j.active)
        limit 1)
    where v.symbol <> 'BOM' or v.r_kind > 0.7 or v.outcome = 'forms_handed';
    update hist_visit v set ticket = n.ticket
    from (select visit_id, ticket_letter || lpad((row_number() over (partition by department_id, day order by arrived_at, ci, k))::text, 3, '0') as ticket
          from hist_visit join department using (department_id)) n
    where n.visit_id = v.visit_id;
    analyze hist_visit;

    insert into visit (visit_id, ticket, ticket_day, department_id, case_kind_id, status, served_by, desk_id,
                       arrived_at, called_at, started_at, finished_at, outcome, settle_by, forms_handed, refusal_reason,
                       registered_by, updated_at)
    select v.visit_id, v.ticket, v.day, v.department_id, v.case_kind_id, v.status, v.staff_id, v.desk_id,
           v.arrived_at, v.called_at,
           case when v.status = 'done' then v.called_at + v.delay * interval '1 minute' end,
           case when v.status = 'done' then v.called_at + (v.delay + v.service) * interval '1 minute'
                else v.called_at + (2 + v.delay) * interval '1 minute' end,
           v.outcome,
           case when v.outcome = 'documents_accepted'
                then v.day + case v.symbol when 'USC' then 7 when 'FP' then 30 when 'BOM' then 14 else 30 end end,
           case when v.outcome = 'forms_handed'
                then coalesce(nullif(left(split_part(k.forms, E'\n', 1), 500), ''), 'Wniosek wraz z listą wymaganych dokumentów') end,
           case when v.outcome = 'refused' then (array[
                'Brak potwierdzenia zapłaty opłaty skarbowej; wyjaśniono, gdzie zapłacić.',
                'Brak pełnomocnictwa do działania w imieniu innej osoby; wyjaśniono, jak je przygotować.',
                'Sprawa nie należy do właściwości urzędu; wskazano właściwy organ.',
                'Niekompletne dokumenty; przekazano listę brakujących załączników.'])[1 + floor(v.r_kind * 4)::int] end,
           info,
           case when v.status = 'done' then v.called_at + (v.delay + v.service) * interval '1 minute'
                else v.called_at + (2 + v.delay) * interval '1 minute' end
    from hist_visit v
    left join case_kind k using (case_kind_id);

    insert into visit_redirect (visit_id, from_staff_id, to_staff_id, note, redirected_at)
    select v.visit_id, v.staff_id, v.colleague_id,
           (array['Sprawa wymaga decyzji kierownika wydziału.',
                  'Klient ma też sprawę prowadzoną przez kolegę z wydziału.',
                  'Potrzebne sprawdzenie w rejestrze, do którego nie mam dostępu.',
                  'Klient prosił o rozmowę z osobą prowadzącą jego sprawę.'])[1 + floor(pg_temp.u('rn' || v.vkey) * 4)::int],
           v.called_at + (v.delay + v.service) * interval '1 minute'
    from hist_visit v where v.outcome = 'redirected';

    insert into ticket_counter (department_id, day, last_number)
    select department_id, day, count(*) from hist_visit group by department_id, day
    on conflict (department_id, day) do nothing;

    -- Away notices: from the end of one client to the call of the next.
    insert into away_notice (staff_id, desk_id, started_at, back_at, substitute_staff_id, ended_at)
    select a.staff_id, a.desk_id, a.started_at,
           a.started_at + greatest(5, round(a.d / 5.0) * 5 - case when pg_temp.u('bk' || a.vkey) < 0.3 then 5 else 0 end)
                          * interval '1 minute',
           case when pg_temp.u('sub' || a.vkey) < 0.4 then c.colleague_id end,
           a.started_at + a.d * interval '1 minute'
    from (select v.vkey, v.staff_id, v.desk_id, x.d,
                 v.called_at - ((v.active - v.f * v.svc_total - v.delay_total) * v.idle_w / v.idle_total + x.d)
                               * interval '1 minute' as started_at
          from hist_visit v
          cross join lateral (values (v.b1, v.d1), (v.b2, v.d2), (v.b3, v.d3)) x(b, d)
          where v.k = x.b and x.d > 0) a
    join hist_clerk c using (staff_id);

    -- ------------------------------------------------------------------------
    -- Callbacks: 1-3 a week per clerk, due one or two working days later. Most are
    -- done on time; some late, a few unreachable, a few moved to a second date.
    -- Those not closed by yesterday are still open.
    -- ------------------------------------------------------------------------
    create temp table hist_callback on commit drop as
    select gen_random_uuid() as callback_id, x.*,
           (select day from hist_wd where wi = x.wi + x.lag) as first_due,
           (select day from hist_wd where wi = x.wi + x.lag + 2 + x.j % 2) as second_due,
           (select day from hist_wd where wi = x.wi + x.lag + 1 + x.j % 2) as late_day
    from (
        select s.staff_id, s.ci, s.department_id, s.day, s.wi, c.symbol, j, s.ci || ':' || s.day || ':' || j as ckey,
               s.start_at + (30 + pg_temp.u('cbt' || s.ci || s.day || j) * 400) * interval '1 minute' as created_at,
               1 + (pg_temp.u('cbl' || s.ci || s.day || j) < 0.4)::int as lag,
               case when pg_temp.u('cbk' || s.ci || s.day || j) < 0.06 then 'unreachable'
                    when pg_temp.u('cbk' || s.ci || s.day || j) < 0.11 then 'second'
                    when pg_temp.u('cbk' || s.ci || s.day || j) < 0.11 + c.late_callbacks then 'late'
                    else 'on_time' end as kind,
               pg_temp.u('cbq' || s.ci || s.day || j) as r,
               pg_temp.u('cbr' || s.ci || s.day || j) as r2
        from hist_session s
        join hist_clerk c using (staff_id)
        cross join generate_series(1, 2) j
        where pg_temp.u('cb' || s.ci || s.day || j) < case j when 1 then 0.36 else 0.08 end
    ) x;

    alter table hist_callback add column due_on date, add column closed_at timestamptz, add column promised_again boolean;
    update hist_callback set
        promised_again = kind = 'second' and first_due < today,
        due_on = case when kind = 'second' and first_due < today then second_due else first_due end,
        closed_at = case kind
            when 'late' then ((late_day + time '10:00') at time zone 'Europe/Warsaw') + (r2 * 300) * interval '1 minute'
            when 'second' then ((second_due + time '11:00') at time zone 'Europe/Warsaw') + (r2 * 240) * interval '1 minute'
            else ((first_due + time '09:00') at time zone 'Europe/Warsaw') + (r2 * 360) * interval '1 minute'
            end;
    -- not closed yet when that would be today or later
    update hist_callback set closed_at = null
    where closed_at >= (today + time '00:00') at time zone 'Europe/Warsaw';

    insert into callback (callback_id, staff_id, caller_name, phone, question, case_kind_id, created_at, due_on,
                          status, outcome, closed_at, updated_at)
    select b.callback_id, b.staff_id, '',
           '+48 ' || substr(p.digits, 1, 3) || ' ' || substr(p.digits, 4, 3) || ' ' || substr(p.digits, 7, 3),
           q.question, (select case_kind_id from case_kind where name = q.case_name),
           b.created_at, b.due_on,
           case when b.closed_at is null then 'open' when b.kind = 'unreachable' then 'unreachable' else 'done' end,
           case when b.closed_at is null then null
                when b.kind = 'unreachable' then 'Trzy próby kontaktu bez odpowiedzi; wysłano informację pocztą.'
                else (array['Udzielono informacji telefonicznie.',
                            'Wyjaśniono, jakie dokumenty przygotować przed wizytą.',
                            'Potwierdzono termin odbioru dokumentu.',
                            'Przekazano wysokość opłaty i numer rachunku.'])[1 + floor(b.r2 * 4)::int] end,
           b.closed_at, coalesce(b.closed_at, b.created_at)
    from hist_callback b
    cross join lateral (select case when pg_temp.u('ph' || b.ckey) < 0.3 then '447'
                                    else (array['501', '602', '693', '724', '785', '512', '660', '880'])
                                             [1 + floor(pg_temp.u('pp' || b.ckey) * 8)::int] end
                               || lpad(floor(pg_temp.u('pn' || b.ckey) * 1000000)::int::text, 6, '0') as digits) p
    cross join lateral (
        select question, case_name from (values
            ('KM', 1, 'Czy do rejestracji auta sprowadzonego z Niemiec potrzebne jest tłumaczenie dowodu rejestracyjnego?', 'Rejestracja pojazdu'),
            ('KM', 2, 'Kiedy można odebrać prawo jazdy po zmianie nazwiska?', 'Wymiana prawa jazdy'),
            ('KM', 3, 'Czy stały dowód rejestracyjny jest już do odbioru?', 'Rejestracja pojazdu'),
            ('USC', 1, 'Jakie dokumenty są potrzebne do odpisu aktu urodzenia dla babci?', 'Odpis aktu stanu cywilnego'),
            ('USC', 2, 'Czy odpis zupełny aktu małżeństwa można odebrać przez pełnomocnika?', 'Odpis aktu stanu cywilnego'),
            ('USC', 3, 'Ile czasu jest na zgłoszenie urodzenia dziecka?', 'Zgłoszenie urodzenia dziecka'),
            ('FP', 1, 'Czy decyzja w sprawie podatku od nieruchomości została już wysłana?', 'Informacja o nieruchomościach (IN-1)'),
            ('FP', 2, 'Czy do zaświadczenia o niezaleganiu potrzebna jest opłata skarbowa?', 'Zaświadczenie o niezaleganiu w podatkach'),
            ('FP', 3, 'Do kiedy trzeba złożyć IN-1 po zakupie działki?', 'Informacja o nieruchomościach (IN-1)'),
            ('SO', 1, 'Czy dowód osobisty dziecka jest już gotowy do odbioru?', 'Wydanie dowodu osobistego'),
            ('SO', 2, 'Jakie dokumenty są potrzebne do zameldowania dziecka?', 'Zameldowanie na pobyt stały'),
            ('SO', 3, 'Czy można zameldować się bez obecności właściciela mieszkania?', 'Zameldowanie na pobyt stały'),
            ('BOM', 1, 'W którym pokoju złożyć deklarację o opłacie za odpady?', null),
            ('BOM', 2, 'Czy urzędnik może przyjść do domu do osoby leżącej?', 'Wizyta urzędnika w domu klienta'),
            ('BOM', 3, 'W jakich godzinach jest czynna kasa urzędu?', null)
        ) as l(symbol, n, question, case_name)
        where l.symbol = b.symbol and l.n = 1 + floor(b.r * 3)::int) q;

    insert into callback_promise (callback_id, promised_for, promised_at, promised_by, note)
    select callback_id, first_due, created_at, staff_id, '' from hist_callback
    union all
    select callback_id, second_due, (first_due + time '12:30') at time zone 'Europe/Warsaw', staff_id,
           (array['Sprawa wymaga uzgodnienia z innym wydziałem.', 'Klient prosił o telefon w innym terminie.',
                  'Czekamy na odpowiedź z innego urzędu.'])[1 + floor(r * 3)::int]
    from hist_callback where promised_again;

    -- ------------------------------------------------------------------------
    -- The supervisor's assessment of each clerk for each month before this one.
    -- ------------------------------------------------------------------------
    insert into staff_assessment (staff_id, month, availability, discipline, kindness, comment, assessed_by, assessed_at)
    select c.staff_id, m.month, a.availability, a.discipline, a.kindness,
           case when a.availability + a.discipline + a.kindness >= 14 then
                    (array['Wzorowa obsługa klientów, oddzwanianie w terminie.',
                           'Stała obecność na stanowisku, życzliwość wobec klientów.',
                           'Sprawna obsługa także w godzinach największego ruchu.'])[1 + floor(pg_temp.u('ac' || c.ci || m.month) * 3)::int]
                when a.availability + a.discipline + a.kindness >= 12 then
                    (array['Obsługa bez zastrzeżeń.',
                           'Dobra praca; zdarzają się dłuższe przerwy poza stanowiskiem.',
                           'Rzetelnie; sprawy proste można omawiać krócej.'])[1 + floor(pg_temp.u('ac' || c.ci || m.month) * 3)::int]
                else
                    (array['Do poprawy: punktualne otwieranie stanowiska.',
                           'Do poprawy: terminowe oddzwanianie do klientów.',
                           'Uwagi klientów dotyczące czasu obsługi; omówione na rozmowie.'])
                        [case c.ci when 6 then 1 when 5 then 2 + (pg_temp.u('ac' || c.ci || m.month) < 0.5)::int
                                   else 1 + floor(pg_temp.u('ac' || c.ci || m.month) * 3)::int end]
           end,
           supervisor,
           least(now(), ((select min(day) from hist_wd where day >= (m.month + interval '1 month')::date) + time '13:00')
                        at time zone 'Europe/Warsaw')
    from hist_clerk c
    cross join generate_series(first_day, (date_trunc('month', today) - interval '1 month')::date, interval '1 month') m0
    cross join lateral (select m0::date as month,
                               ((extract(year from m0) - extract(year from first_day)) * 12
                                + extract(month from m0) - extract(month from first_day))::int as mi) m
    cross join lateral (select
        greatest(3, least(5, c.availability - (pg_temp.u('aa' || c.ci || m.month) < 0.25)::int)) as availability,
        greatest(3, least(5, c.discipline - (pg_temp.u('ad' || c.ci || m.month) < 0.25)::int)) as discipline,
        greatest(3, least(5, c.kindness - (pg_temp.u('ak' || c.ci || m.month) < 0.25)::int
                             + case when c.ci = 5 and m.mi >= 3 then 1 else 0 end)) as kindness) a
    on conflict (staff_id, month) do nothing;

    -- ------------------------------------------------------------------------
    -- The survey: a tablet at each clerk's desk (unless the desk has one) and one at
    -- the exit. Not usable until an admin enrols them again (no token).
    -- ------------------------------------------------------------------------
    insert into kiosk (name, desk_id, created_by, created_at, enrolled_at)
    select 'Tablet przy stanowisku ' || c.desk_number, c.desk_id, admin,
           ((first_day - 5) + time '10:00') at time zone 'Europe/Warsaw',
           ((first_day - 5) + time '10:20') at time zone 'Europe/Warsaw'
    from hist_clerk c
    where not exists (select 1 from kiosk k where k.desk_id = c.desk_id and k.revoked_at is null)
    on conflict (name) do nothing;
    insert into kiosk (name, desk_id, created_by, created_at, enrolled_at)
    values ('Tablet przy wyjściu', null, admin,
            ((first_day - 5) + time '10:30') at time zone 'Europe/Warsaw',
            ((first_day - 5) + time '10:40') at time zone 'Europe/Warsaw')
    returning kiosk_id into exit_kiosk;

    if q1 is null then
        return;
    end if;

    -- Every finished visit at a desk with a tablet is invited; about one in eight answers.
    create temp table hist_invitation on commit drop as
    select gen_random_uuid() as survey_invitation_id, k.kiosk_id, v.visit_id, v.staff_id, v.desk_id, v.department_id,
           f.finished_at, v.vkey, v.ci, v.mi, v.wait, c.score,
           pg_temp.u('ans' || v.vkey) < 0.12 as answered
    from hist_visit v
    join hist_clerk c using (staff_id)
    join kiosk k on k.desk_id = v.desk_id and k.revoked_at is null
    cross join lateral (select v.called_at + (v.delay + v.service) * interval '1 minute' as finished_at) f
    where v.status = 'done';

    insert into survey_invitation (survey_invitation_id, kiosk_id, visit_id, staff_id, desk_id, department_id,
                                   created_at, expires_at, shown_at)
    select survey_invitation_id, kiosk_id, visit_id, staff_id, desk_id, department_id,
           finished_at, finished_at + interval '5 minutes',
           case when answered or pg_temp.u('shown' || vkey) < 0.8 then finished_at + interval '15 seconds' end
    from hist_invitation;

    -- mu: the clerk's mean score (one clerk's improving month by month), then each question's
    create temp table hist_answer on commit drop as
    select gen_random_uuid() as survey_answer_id, i.survey_invitation_id, i.kiosk_id, i.staff_id, i.desk_id,
           i.department_id, i.finished_at + interval '1 minute' + (pg_temp.u('at' || i.vkey) * 40) * interval '1 second'
               as answered_at,
           i.vkey as key, i.wait,
           i.score + case when i.ci = 5 then 0.09 * i.mi - 0.27 else 0 end as mu,
           pg_temp.u('lang' || i.vkey) as r_lang
    from hist_invitation i where i.answered
    union all
    -- the exit tablet: about three answers a working day, for the office as a whole
    select gen_random_uuid(), null, exit_kiosk, null, null, null,
           ((y.day + time '09:30') at time zone 'Europe/Warsaw') + (pg_temp.u('xt' || y.day || g.j) * 435) * interval '1 minute',
           'exit' || y.day || g.j, 12 * y.busy * case y.dow when 1 then 1.5 else 1.0 end * pg_temp.u('xw' || y.day || g.j),
           4.45, pg_temp.u('xl' || y.day || g.j)
    from hist_day y
    cross join lateral generate_series(1, 1 + floor(pg_temp.u('xn' || y.day) * 5)::int) g(j);

    create temp table hist_score on commit drop as
    select a.survey_answer_id, q.survey_question_id, q.code,
           greatest(1, least(5, round(
               a.mu + case q.code when 'courtesy' then 0.15
                                  when 'waiting' then 0.3 - 0.09 * a.wait
                                  when 'overall' then -0.03 * a.wait
                                  else 0 end
               + 1.2 * pg_temp.z(a.key || q.code))))::smallint as score
    from hist_answer a
    cross join survey_question q
    where q.questionnaire_id = q1;

    insert into survey_answer (survey_answer_id, questionnaire_id, kiosk_id, survey_invitation_id, submission_key,
                               staff_id, desk_id, department_id, lang, comment, answered_at)
    select a.survey_answer_id, q1, a.kiosk_id, a.survey_invitation_id, gen_random_uuid(),
           a.staff_id, a.desk_id, a.department_id,
           case when a.r_lang < 0.86 then 'pl' when a.r_lang < 0.95 then 'uk' else 'en' end,
           case when pg_temp.u('cm' || a.key) < 0.05 then
               case when o.score <= 3 then (array[
                        'Długo czekałam na wywołanie numerka.',
                        'W poniedziałek rano za mało otwartych stanowisk.',
                        'Informacja na stronie internetowej była inna niż w urzędzie.',
                        'Brakuje miejsc siedzących w poczekalni.',
                        'Można by tłumaczyć prościej, bez cytowania przepisów.'])[1 + floor(pg_temp.u('cx' || a.key) * 5)::int]
                    else (array[
                        'Bardzo miła i kompetentna obsługa, dziękuję.',
                        'Wszystko załatwione szybko i sprawnie.',
                        'Dokładnie wyjaśniono mi, jakie dokumenty muszę donieść.',
                        'Dziękuję za cierpliwość przy wypełnianiu wniosku.',
                        'Dobrze, że w kasie urzędu można zapłacić bez prowizji.'])[1 + floor(pg_temp.u('cx' || a.key) * 5)::int]
               end end,
           a.answered_at
    from hist_answer a
    left join hist_score o on o.survey_answer_id = a.survey_answer_id and o.code = 'overall';

    insert into survey_score (survey_answer_id, survey_question_id, score)
    select survey_answer_id, survey_question_id, score from hist_score;

end
$$;
