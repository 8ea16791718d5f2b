-- The office's registers (registers/): errors disclosed to clients, gifts refused,
-- suggestions. {today} is filled in by demo.rs. Each part is added once; the
-- residents' part waits for comments (the six months of history).
do $$
declare
    today date := '{today}';
    fp uuid := (select department_id from department where symbol = 'FP');
    km uuid := (select department_id from department where symbol = 'KM');
    michal uuid := (select staff_id from staff where login = 'michal.wojcik');
    clerk uuid := (select staff_id from staff where login = 'clerk');
    anna uuid := (select staff_id from staff where login = 'anna.kowalczyk');
    director uuid := (select staff_id from staff where login = 'director');
    supervisor uuid := (select staff_id from staff where login = 'supervisor');
    e1 uuid;
    e2 uuid;
begin
    if michal is null then
        return;
    end if;

    if not exists (select 1 from office_error) then
        -- Closed: both clients told, the remedy done.
        insert into office_error (form_key, found_on, registered_by, department_id, what_happened, consequences, remedy,
                                  apology, remedy_done_at, remedy_note, closed_at, closed_by, registered_at, version)
        values (gen_random_uuid(), today - 40, michal, fp,
                'Decyzje w sprawie podatku od nieruchomości wysłano z błędną kwotą drugiej raty.',
                'Dwóch podatników zapłaciło drugą ratę w zawyżonej kwocie.',
                'Korekta decyzji i zwrot nadpłaty na rachunek podatnika w ciągu 7 dni.',
                'Przeprosiny telefoniczne i w piśmie z korektą decyzji.',
                now() - interval '30 days', 'Korekty doręczone, nadpłaty zwrócone.', now() - interval '29 days', director,
                now() - interval '40 days', 6)
        returning office_error_id into e1;
        insert into office_error_client (office_error_id, client_name, contact, case_ref, informed_on, informed_how,
                                         informed_note, informed_by, added_at)
        values (e1, 'Helena Wiśniewska', '+48 600 200 300', 'FP.3120.15.' || extract(year from today - 40), today - 39,
                'phone', 'Przyjęła proponowaną korektę.', michal, now() - interval '40 days'),
               (e1, 'Stanisław Kowal', 'ul. Wojska Polskiego 41', 'FP.3120.16.' || extract(year from today - 40),
                today - 38, 'letter', '', michal, now() - interval '40 days');

        -- Open: one client told, the other not yet, the remedy under way.
        insert into office_error (form_key, found_on, registered_by, department_id, what_happened, consequences, remedy,
                                  apology, registered_at, version)
        values (gen_random_uuid(), today - 2, clerk, km,
                'Przy rejestracji pojazdu wpisano błędny numer VIN w dowodzie rejestracyjnym.',
                'Właściciel nie może zgłosić pojazdu do ubezpieczenia do czasu wymiany dokumentu.',
                'Wydanie nowego dowodu rejestracyjnego bez opłaty, w trybie pilnym.',
                'Przeprosiny osobiście przy odbiorze; zapewnienie, że błąd się nie powtórzy.',
                now() - interval '2 days', 3)
        returning office_error_id into e2;
        insert into office_error_client (office_error_id, client_name, contact, case_ref, informed_on, informed_how,
                                         informed_by, added_at)
        values (e2, 'Jan Nowicki', '+48 601 300 400', 'KM.5410.233.' || extract(year from today), today - 1, 'phone',
                clerk, now() - interval '2 days');
        insert into office_error_client (office_error_id, client_name, contact, case_ref, added_at)
        values (e2, 'Teresa Nowicka', '+48 601 300 401', 'KM.5410.233.' || extract(year from today),
                now() - interval '2 days');
    end if;

    if not exists (select 1 from gift_refusal) then
        insert into gift_refusal (form_key, staff_id, offered_on, offered, matter, how_refused, recorded_at)
        values (gen_random_uuid(), clerk, today - 12, 'Bombonierka', 'Rejestracja pojazdu',
                'Podziękowałam i odmówiłam: „Nie mogę tego przyjąć, cieszę się, że jest Pan zadowolony”; zaproponowałam ankietę w kiosku.',
                now() - interval '12 days'),
               (gen_random_uuid(), anna, today - 5, 'Kwiaty i koperta', 'Akt małżeństwa',
                'Odmówiłam uprzejmie, ale zdecydowanie; zaproponowałam pochwałę u Burmistrza.',
                now() - interval '5 days'),
               (gen_random_uuid(), michal, today - 1, 'Butelka wina', 'Zaświadczenie o niezaleganiu w podatkach',
                'Odmówiłem: „To naprawdę niepotrzebne, zajmę się sprawą najlepiej, jak mogę.”',
                now() - interval '1 day');
    end if;

    if not exists (select 1 from suggestion where source = 'staff') then
        insert into suggestion (form_key, source, submitted_by, body, status, outcome, decided_by, decided_at, created_at,
                                version)
        values (gen_random_uuid(), 'staff', anna,
                'Wyłożyć przy stanowiskach USC listę dokumentów do aktu małżeństwa w języku ukraińskim.',
                'done', 'Lista przetłumaczona i wyłożona przy stanowiskach 6 i 7.', supervisor, now() - interval '3 days',
                now() - interval '20 days', 3),
               (gen_random_uuid(), 'staff', clerk,
                'Drugi terminal płatniczy w Wydziale Komunikacji: w poniedziałki tworzy się kolejka do kasy.',
                'accepted', '', director, now() - interval '1 day', now() - interval '6 days', 2),
               (gen_random_uuid(), 'staff', michal,
                'Przypominać SMS-em o terminie płatności raty podatku.', 'new', '', null, null,
                now() - interval '1 day', 1);
    end if;

    if not exists (select 1 from suggestion where source = 'resident') then
        insert into suggestion (source, submitted_by, survey_answer_id, body, created_at)
        select 'resident'::suggestion_source, supervisor, a.survey_answer_id, a.comment, now() - interval '4 days'
        from survey_answer a where a.comment is not null and length(a.comment) >= 3
        order by a.answered_at desc limit 1;
    end if;
end $$;
