-- Home-visit requests at every step of §5.3, so each demo account finds one waiting.
-- {year} and {planned} (a visit time two working days ahead) are filled in by demo.rs.
do $$
declare
    yr integer := {year};
    planned timestamptz := '{planned}';
    bom uuid := (select department_id from department where symbol = 'BOM');
    fp uuid := (select department_id from department where symbol = 'FP');
    km uuid := (select department_id from department where symbol = 'KM');
    info uuid := (select staff_id from staff where login = 'info_point');
    director uuid := (select staff_id from staff where login = 'director');
    secretary uuid := (select staff_id from staff where login = 'secretary');
    tax uuid := (select case_kind_id from case_kind where name = 'Zaświadczenie o niezaleganiu w podatkach');
    car uuid := (select case_kind_id from case_kind where name = 'Rejestracja pojazdu');
begin
    if exists (select 1 from case_file where case_type = 'home_visit') then
        return;
    end if;

    insert into case_file (case_type, case_ref, state, department_id, registered_by, registered_at, state_since, version)
    select 'home_visit', 'BOM.1510.' || v.n || '.' || yr, v.state::case_state, v.dept, info,
           now() - v.registered_ago::interval, now() - v.since_ago::interval, v.n
    from (values
        (1, 'registered', null::uuid, '2 hours', '2 hours'),
        (2, 'decreed', fp, '1 day', '20 hours'),
        (3, 'scheduled', km, '3 days', '1 day'),
        (4, 'scheduled', km, '4 days', '1 day'),
        (5, 'drafted', km, '5 days', '3 hours'),
        (6, 'authorised', km, '6 days', '1 day'),
        (7, 'visited', km, '12 days', '2 days')
    ) as v(n, state, dept, registered_ago, since_ago);

    insert into home_visit_request (home_visit_request_id, client_name, client_address, client_phone, pesel,
                                    case_kind_id, reason, planned_at, outcome)
    select c.case_file_id, v.name, v.address, v.phone, v.pesel, v.kind, v.reason, v.planned, v.outcome
    from case_file c join (values
        (1, 'Helena Wiśniewska', 'ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski', '+48 600 200 300',
         '44051401458', tax, 'Po operacji biodra, leżąca do końca miesiąca.', null::timestamptz, null),
        (2, 'Stanisław Kowal', 'ul. Wojska Polskiego 41, 97-300 Piotrków Trybunalski', '+48 601 300 400',
         '38030512358', tax, 'Choroba Parkinsona, porusza się na wózku.', null, null),
        (3, 'Zofia Nowicka', 'ul. Krakowska 7, 97-300 Piotrków Trybunalski', '+48 602 400 500',
         null, car, 'Po udarze, nie wychodzi z domu.', planned, null),
        (4, 'Józef Marczak', 'ul. Sienkiewicza 3 m. 12, 97-300 Piotrków Trybunalski', '+48 603 500 600',
         null, car, 'Rekonwalescencja po zawale serca.', planned, null),
        (5, 'Irena Górska', 'ul. Polna 18, 97-300 Piotrków Trybunalski', '+48 604 600 700',
         null, car, 'Niepełnosprawność ruchowa.', planned, null),
        (6, 'Tadeusz Wrona', 'ul. Rolnicza 2, 97-300 Piotrków Trybunalski', '+48 605 700 800',
         null, car, 'Leżący po złamaniu nogi.', planned, null),
        (7, 'Maria Dąbek', 'ul. Lelewela 9, 97-300 Piotrków Trybunalski', '+48 606 800 900',
         null, car, 'Choroba przewlekła, nie wychodzi z domu.', now() - interval '2 days', 'done')
    ) as v(n, name, address, phone, pesel, kind, reason, planned, outcome)
      on c.case_ref = 'BOM.1510.' || v.n || '.' || yr;

    insert into case_counter (symbol, class_symbol, year, last_number) values ('BOM', '1510', yr, 7)
    on conflict (symbol, class_symbol, year) do update set last_number = greatest(case_counter.last_number, 7);

    -- The designated employee of the Wydział Komunikacji requests is the demo clerk;
    -- the information point drafted the authorisations of those passed on for it.
    insert into case_person (case_file_id, staff_id, part)
    select c.case_file_id, s.staff_id, 'designated'::case_part from case_file c, staff s
    where s.login = 'clerk' and c.case_type = 'home_visit' and c.state in ('scheduled', 'drafted', 'authorised', 'visited')
    union all
    select c.case_file_id, info, 'drafter'::case_part from case_file c
    where c.case_type = 'home_visit' and c.version >= 4;

    insert into authorisation (home_visit_request_id, staff_id, scope, valid_from, valid_to, drafted_by, drafted_at,
                               register_number, signed_by, signed_at)
    select r.home_visit_request_id, e.staff_id,
           'do wykonania czynności w sprawie „Rejestracja pojazdu” w miejscu zamieszkania klienta w dniu '
               || to_char(r.planned_at at time zone 'Europe/Warsaw', 'DD.MM.YYYY'),
           (r.planned_at at time zone 'Europe/Warsaw')::date, (r.planned_at at time zone 'Europe/Warsaw')::date,
           info, c.state_since - interval '1 hour',
           case c.case_ref when 'BOM.1510.6.' || yr then 'UP/0001/' || yr when 'BOM.1510.7.' || yr then 'UP/0002/' || yr end,
           case when c.state in ('authorised', 'visited') then secretary end,
           case when c.state in ('authorised', 'visited') then c.state_since end
    from home_visit_request r
    join case_file c on c.case_file_id = r.home_visit_request_id
    join case_person e on e.case_file_id = c.case_file_id and e.part = 'designated'
    where c.state in ('drafted', 'authorised', 'visited');

    insert into authorisation_counter (year, last_number) values (yr, 2)
    on conflict (year) do update set last_number = greatest(authorisation_counter.last_number, 2);

    -- Their history, step by step, as the timeline shows it.
    insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
    select r.case_file_id, s.step::case_step, s.from_state::case_state, s.to_state::case_state,
           case s.who when 'info' then info when 'director' then director when 'secretary' then secretary
                      when 'head_fp' then (select staff_id from staff where login = 'department_head')
                      when 'head_km' then (select staff_id from staff where login = 'krzysztof.krawczyk')
                      when 'clerk' then (select staff_id from staff where login = 'clerk') end,
           r.registered_at + make_interval(hours => s.n), s.note
    from case_file r
    join (values
        (0, 'register', 'registered', 'registered', 'info', '', 1),
        (1, 'decree', 'registered', 'decreed', 'director', 'Proszę o wyznaczenie pracownika i termin wizyty.', 2),
        (2, 'schedule', 'decreed', 'scheduled', 'head_km', '', 3),
        (3, 'assign_drafter', 'scheduled', 'scheduled', 'director', 'Proszę o przygotowanie upoważnienia.', 4),
        (4, 'draft', 'scheduled', 'drafted', 'info', '', 5),
        (5, 'sign', 'drafted', 'authorised', 'secretary', '', 6),
        (6, 'record_done', 'authorised', 'visited', 'clerk', 'Wniosek przyjęty w domu klientki.', 7)
    ) as s(n, step, from_state, to_state, who, note, version) on s.version <= r.version
    where r.case_type = 'home_visit' and not (r.department_id = fp and s.who = 'head_km');
end
$$;
