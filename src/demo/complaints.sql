-- Complaints (Std 20, 22) at every step, one of them overdue and one taken at the
-- demo clerk's desk today. {year}, {taken_N} (the day each was taken) and {due_N}
-- (its answer deadline by the office calendar) are filled in by demo.rs.
do $$
declare
    yr integer := {year};
    fp uuid := (select department_id from department where symbol = 'FP');
    km uuid := (select department_id from department where symbol = 'KM');
    info uuid := (select staff_id from staff where login = 'info_point');
    director uuid := (select staff_id from staff where login = 'director');
    clerk uuid := (select staff_id from staff where login = 'clerk');
    head_fp uuid := (select staff_id from staff where login = 'department_head');
    head_km uuid := (select staff_id from staff where login = 'krzysztof.krawczyk');
    michal uuid := (select staff_id from staff where login = 'michal.wojcik');
    magdalena uuid := (select staff_id from staff where login = 'magdalena.kozlowska');
    tax uuid := (select case_kind_id from case_kind where name = 'Zaświadczenie o niezaleganiu w podatkach');
    served uuid := (select visit_id from visit where served_by = clerk and status = 'done' order by finished_at limit 1);
begin
    if exists (select 1 from case_file where case_type = 'complaint') then
        return;
    end if;

    insert into case_file (case_type, case_ref, state, department_id, registered_by, registered_at, state_since, version)
    select 'complaint', 'BOM.151.' || v.n || '.' || yr, v.state::case_state, v.dept, v.taker,
           least((v.taken::date + time '10:15') at time zone 'Europe/Warsaw', now() - interval '2 hours'),
           greatest(least((v.taken::date + time '10:15') at time zone 'Europe/Warsaw', now() - interval '2 hours'),
                    now() - v.since_ago::interval), v.version
    from (values
        (1, 'registered', null::uuid, info, '{taken_1}', '1 hour', 1),
        (2, 'decreed', fp, info, '{taken_2}', '2 days', 2),
        (3, 'assigned', fp, clerk, '{taken_3}', '6 days', 3),
        (4, 'assigned', km, info, '{taken_4}', '30 days', 3),
        (5, 'answered', fp, info, '{taken_5}', '4 days', 4),
        (6, 'registered', null::uuid, clerk, '{taken_6}', '30 minutes', 1)
    ) as v(n, state, dept, taker, taken, since_ago, version)
    where v.n <> 6 or served is not null;

    insert into complaint (complaint_id, taken_during, visit_id, client_name, wants_answer, channel, contact, about,
                           about_department_id, about_staff_id, about_case_kind_id, client_words, restated, cause,
                           remedy, accepted, would_accept, due_on, answer_text, answered_on, answer_channel, answered_by)
    select c.case_file_id, v.during, v.visit, v.name, v.channel is not null, v.channel, v.contact, v.about,
           v.dept, v.staff, v.kind, v.words, v.restated, v.cause, v.remedy, v.accepted, v.would, v.due::date,
           v.answer, v.answered::date, v.answer_channel, case when v.answer is not null then michal end
    from case_file c join (values
        (1, 'call', null::uuid, 'Jan Zieliński', 'email', 'jan.zielinski@example.pl', 'department', fp, null::uuid, null::uuid,
         'Od dwóch tygodni nikt nie odbiera telefonu w wydziale podatków.', 'Klient nie może się dodzwonić do wydziału.',
         'Jedna osoba na zwolnieniu lekarskim.', 'Przekazanie numeru do stanowiska w BOM.', true, '', '{due_1}',
         null, null, null),
        (2, 'in_person', null, 'Barbara Sowa', 'letter', 'ul. Zamurowa 5, 97-300 Piotrków Trybunalski', 'procedure', fp, null, tax,
         'Na zaświadczenie czekam już dziesięć dni, a obiecano siedem.', 'Termin wydania zaświadczenia został przekroczony.',
         '', 'Sprawdzenie stanu sprawy w wydziale.', false, 'Wydanie zaświadczenia w tym tygodniu.', '{due_2}',
         null, null, null),
        (3, 'call', null, '', 'phone', '+48 607 100 200', 'employee', fp, michal, null,
         'Pracownik był niemiły przez telefon i się rozłączył.', 'Rozmowa została przerwana bez odpowiedzi.',
         '', 'Wyjaśnienie z pracownikiem, oddzwonienie.', null, '', '{due_3}', null, null, null),
        (4, 'in_person', null, 'Henryk Lis', 'letter', 'ul. Rwańska 3, 97-300 Piotrków Trybunalski', 'employee', km, clerk, null,
         'Odesłano mnie trzy razy po kolejne dokumenty, za każdym razem inne.', 'Klient nie dostał od razu pełnej listy dokumentów.',
         'Niepełna lista na karcie usługi.', 'Uzupełnienie karty usługi, przeprosiny.', true, '', '{due_4}', null, null, null),
        (5, 'call', null, 'Ewa Kruk', 'email', 'ewa.kruk@example.pl', 'department', fp, null, null,
         'Nikt nie odpowiedział na mój e-mail w sprawie podatku od nieruchomości.', 'Brak odpowiedzi na wiadomość.',
         'Wiadomość trafiła do niewłaściwej skrzynki.', 'Odpowiedź na wiadomość.', true, '', '{due_5}',
         'Przepraszamy za zwłokę. Odpowiedź w sprawie podatku wysłaliśmy osobno; skrzynka wydziału jest już sprawdzana codziennie.',
         '{answered_5}', 'email'),
        (6, 'visit', served, '', null, null, 'visit', km, clerk, null,
         'Czekałem przy stanowisku, a pani rozmawiała prywatnie przez telefon.', '', '', 'Przeprosiny.', true, '', '{due_6}',
         null, null, null)
    ) as v(n, during, visit, name, channel, contact, about, dept, staff, kind, words, restated, cause, remedy, accepted,
           would, due, answer, answered, answer_channel)
      on c.case_ref = 'BOM.151.' || v.n || '.' || yr;

    -- The counter goes on from the last number given (5 when no visit was served for the sixth).
    insert into case_counter (symbol, class_symbol, year, last_number)
    select 'BOM', '151', yr, count(*) from case_file where case_type = 'complaint'
    on conflict (symbol, class_symbol, year) do update set last_number = greatest(case_counter.last_number, excluded.last_number);

    insert into case_person (case_file_id, staff_id, part)
    select c.case_file_id, case c.department_id when km then magdalena else michal end, 'designated'::case_part
    from case_file c where c.case_type = 'complaint' and c.state in ('assigned', 'answered');

    insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
    select c.case_file_id, s.step::case_step, s.from_state::case_state, s.to_state::case_state,
           case s.who when 'taker' then c.registered_by when 'director' then director
                      when 'head' then case c.department_id when km then head_km else head_fp end
                      else (select staff_id from case_person p where p.case_file_id = c.case_file_id) end,
           least(c.registered_at + make_interval(hours => s.n), now()), s.note
    from case_file c
    join (values
        (0, 'register', 'registered', 'registered', 'taker', '', 1),
        (1, 'decree', 'registered', 'decreed', 'director', 'Proszę o wyjaśnienie i odpowiedź w terminie.', 2),
        (2, 'assign', 'decreed', 'assigned', 'head', '', 3),
        (3, 'answer', 'assigned', 'answered', 'answerer', '', 4)
    ) as s(n, step, from_state, to_state, who, note, version) on s.version <= c.version
    where c.case_type = 'complaint';
end
$$;
