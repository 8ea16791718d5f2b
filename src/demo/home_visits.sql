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
    if exists (select 1 from home_visit_request) then
        return;
    end if;

    insert into home_visit_request (case_ref, state, client_name, client_address, client_phone, pesel, case_kind_id, reason,
                                    department_id, drafter_id, planned_at, outcome, registered_by, registered_at, state_since, version)
    values
      ('BOM.1510.1.' || yr, 'registered', 'Helena Wiśniewska', 'ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski', '+48 600 200 300',
       '44051401458', tax, 'Po operacji biodra, leżąca do końca miesiąca.', null, null, null, null, info, now() - interval '2 hours', now() - interval '2 hours', 1),
      ('BOM.1510.2.' || yr, 'decreed', 'Stanisław Kowal', 'ul. Wojska Polskiego 41, 97-300 Piotrków Trybunalski', '+48 601 300 400',
       '38030512343', tax, 'Choroba Parkinsona, porusza się na wózku.', fp, null, null, null, info, now() - interval '1 day', now() - interval '20 hours', 2),
      ('BOM.1510.3.' || yr, 'scheduled', 'Zofia Nowicka', 'ul. Krakowska 7, 97-300 Piotrków Trybunalski', '+48 602 400 500',
       null, car, 'Po udarze, nie wychodzi z domu.', km, null, planned, null, info, now() - interval '3 days', now() - interval '1 day', 3),
      ('BOM.1510.4.' || yr, 'scheduled', 'Józef Marczak', 'ul. Sienkiewicza 3 m. 12, 97-300 Piotrków Trybunalski', '+48 603 500 600',
       null, car, 'Rekonwalescencja po zawale serca.', km, info, planned, null, info, now() - interval '4 days', now() - interval '1 day', 4),
      ('BOM.1510.5.' || yr, 'drafted', 'Irena Górska', 'ul. Polna 18, 97-300 Piotrków Trybunalski', '+48 604 600 700',
       null, car, 'Niepełnosprawność ruchowa.', km, info, planned, null, info, now() - interval '5 days', now() - interval '3 hours', 5),
      ('BOM.1510.6.' || yr, 'authorised', 'Tadeusz Wrona', 'ul. Rolnicza 2, 97-300 Piotrków Trybunalski', '+48 605 700 800',
       null, car, 'Leżący po złamaniu nogi.', km, info, planned, null, info, now() - interval '6 days', now() - interval '1 day', 6),
      ('BOM.1510.7.' || yr, 'visited', 'Maria Dąbek', 'ul. Lelewela 9, 97-300 Piotrków Trybunalski', '+48 606 800 900',
       null, car, 'Choroba przewlekła, nie wychodzi z domu.', km, info, now() - interval '2 days', 'done', info, now() - interval '12 days', now() - interval '2 days', 7);

    insert into case_counter (symbol, class_symbol, year, last_number) values ('BOM', '1510', yr, 7)
    on conflict (symbol, class_symbol, year) do update set last_number = greatest(case_counter.last_number, 7);

    -- The designated employee of the Wydział Komunikacji requests is the demo clerk.
    insert into home_visit_employee (home_visit_request_id, staff_id)
    select r.home_visit_request_id, s.staff_id from home_visit_request r, staff s
    where s.login = 'clerk' and r.state in ('scheduled', 'drafted', 'authorised', 'visited');

    insert into authorisation (home_visit_request_id, staff_id, scope, valid_from, valid_to, drafted_by, drafted_at,
                               register_number, signed_by, signed_at)
    select r.home_visit_request_id, e.staff_id,
           'do wykonania czynności w sprawie „Rejestracja pojazdu” w miejscu zamieszkania klienta w dniu '
               || to_char(r.planned_at at time zone 'Europe/Warsaw', 'DD.MM.YYYY'),
           (r.planned_at at time zone 'Europe/Warsaw')::date, (r.planned_at at time zone 'Europe/Warsaw')::date,
           info, r.state_since - interval '1 hour',
           case r.case_ref when 'BOM.1510.6.' || yr then 'UP/0001/' || yr when 'BOM.1510.7.' || yr then 'UP/0002/' || yr end,
           case when r.state in ('authorised', 'visited') then secretary end,
           case when r.state in ('authorised', 'visited') then r.state_since end
    from home_visit_request r join home_visit_employee e using (home_visit_request_id)
    where r.state in ('drafted', 'authorised', 'visited');

    insert into authorisation_counter (year, last_number) values (yr, 2)
    on conflict (year) do update set last_number = greatest(authorisation_counter.last_number, 2);

    -- Their history, step by step, as the timeline shows it.
    insert into home_visit_step (home_visit_request_id, step, from_state, to_state, actor_id, taken_at, note)
    select r.home_visit_request_id, s.step, s.from_state, s.to_state,
           case s.who when 'info' then info when 'director' then director when 'secretary' then secretary
                      when 'head_fp' then (select staff_id from staff where login = 'department_head')
                      when 'head_km' then (select staff_id from staff where login = 'krzysztof.krawczyk')
                      when 'clerk' then (select staff_id from staff where login = 'clerk') end,
           r.registered_at + make_interval(hours => s.n), s.note
    from home_visit_request r
    join (values
        (0, 'register', 'registered', 'registered', 'info', '', 1),
        (1, 'decree', 'registered', 'decreed', 'director', 'Proszę o wyznaczenie pracownika i termin wizyty.', 2),
        (2, 'schedule', 'decreed', 'scheduled', 'head_km', '', 3),
        (3, 'assign_drafter', 'scheduled', 'scheduled', 'director', 'Proszę o przygotowanie upoważnienia.', 4),
        (4, 'draft', 'scheduled', 'drafted', 'info', '', 5),
        (5, 'sign', 'drafted', 'authorised', 'secretary', '', 6),
        (6, 'record_done', 'authorised', 'visited', 'clerk', 'Wniosek przyjęty w domu klientki.', 7)
    ) as s(n, step, from_state, to_state, who, note, version) on s.version <= r.version
    where not (r.department_id = fp and s.who = 'head_km');
end
$$;
