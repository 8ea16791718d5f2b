-- A living morning at the desks, for the demo only. {today}, {previous} and {next}
-- are dates filled in by demo.rs; nothing is added when today already has visits.
do $$
declare
    today date := '{today}';
begin
    if exists (select 1 from visit where ticket_day = today) then
        return;
    end if;

    -- Who sits where since the office opened.
    insert into desk_session (staff_id, desk_id, started_at)
    select s.staff_id, k.desk_id, now() - interval '150 minutes'
    from (values ('magdalena.kozlowska', '3'), ('anna.kowalczyk', '6'), ('michal.wojcik', '8'),
                 ('agnieszka.mazur', '5'), ('barbara.pawlowska', '1')) as v(login, desk)
    join staff s on s.login = v.login join desk k on k.number = v.desk
    where not exists (select 1 from desk_session x where x.staff_id = s.staff_id and x.ended_at is null)
      and not exists (select 1 from desk_session x where x.desk_id = k.desk_id and x.ended_at is null);

    insert into away_notice (staff_id, desk_id, started_at, back_at, substitute_staff_id)
    select s.staff_id, k.desk_id, now() - interval '5 minutes', now() + interval '15 minutes', b.staff_id
    from staff s, desk k, staff b
    where s.login = 'agnieszka.mazur' and k.number = '5' and b.login = 'barbara.pawlowska'
      and not exists (select 1 from away_notice a where a.staff_id = s.staff_id and a.ended_at is null);

    insert into absence (staff_id, first_day, last_day, kind, note)
    select staff_id, today, today + 4, 'leave', '' from staff where login = 'krzysztof.krawczyk'
      and not exists (select 1 from absence a join staff s using (staff_id) where s.login = 'krzysztof.krawczyk' and a.last_day >= today);

    -- (department, number, case, minutes ago arrived, waited, served for, clerk, desk, status, priority, outcome)
    insert into visit (ticket, ticket_day, department_id, case_kind_id, priority, status, served_by, desk_id,
                       arrived_at, called_at, started_at, finished_at, outcome, settle_by, refusal_reason, registered_by)
    select d.ticket_letter || lpad(v.n::text, 3, '0'), today, d.department_id, k.case_kind_id, v.priority, v.status,
           s.staff_id, dk.desk_id,
           now() - make_interval(mins => v.ago),
           case when v.status <> 'waiting' then now() - make_interval(mins => v.ago - v.waited) end,
           case when v.status in ('serving', 'done') then now() - make_interval(mins => v.ago - v.waited) end,
           case when v.status = 'done' then now() - make_interval(mins => v.ago - v.waited - v.served) end,
           case when v.status = 'done' then v.outcome end,
           case when v.outcome = 'documents_accepted' and v.status = 'done' then today + 14 end,
           case when v.outcome = 'refused' and v.status = 'done'
                then 'Brak potwierdzenia zapłaty opłaty skarbowej; wyjaśniono, gdzie zapłacić.' end,
           (select staff_id from staff where login = 'info_point')
    from (values
        ('KM', 1, 'Rejestracja pojazdu', 150, 3, 12, 'magdalena.kozlowska', '3', 'done', false, 'documents_accepted'),
        ('KM', 2, 'Wymiana prawa jazdy', 140, 6, 8, 'magdalena.kozlowska', '3', 'done', false, 'documents_accepted'),
        ('KM', 3, 'Rejestracja pojazdu', 120, 9, 15, 'magdalena.kozlowska', '3', 'done', true, 'settled'),
        ('KM', 4, 'Rejestracja pojazdu', 95, 11, 10, 'magdalena.kozlowska', '3', 'done', false, 'forms_handed'),
        ('KM', 5, 'Wymiana prawa jazdy', 70, 14, 9, 'magdalena.kozlowska', '3', 'done', false, 'documents_accepted'),
        ('KM', 6, 'Rejestracja pojazdu', 40, 12, 0, 'magdalena.kozlowska', '3', 'serving', false, null),
        ('KM', 7, 'Rejestracja pojazdu', 25, 0, 0, null, null, 'waiting', false, null),
        ('KM', 8, 'Wymiana prawa jazdy', 12, 0, 0, null, null, 'waiting', true, null),
        ('KM', 9, 'Rejestracja pojazdu', 6, 0, 0, null, null, 'waiting', false, null),
        ('USC', 1, 'Odpis aktu stanu cywilnego', 145, 2, 7, 'anna.kowalczyk', '6', 'done', false, 'settled'),
        ('USC', 2, 'Zgłoszenie urodzenia dziecka', 110, 5, 20, 'anna.kowalczyk', '6', 'done', false, 'settled'),
        ('USC', 3, 'Odpis aktu stanu cywilnego', 60, 4, 6, 'anna.kowalczyk', '6', 'done', false, 'settled'),
        ('USC', 4, 'Odpis aktu stanu cywilnego', 20, 3, 0, 'anna.kowalczyk', '6', 'serving', false, null),
        ('USC', 5, 'Odpis aktu stanu cywilnego', 8, 0, 0, null, null, 'waiting', false, null),
        ('FP', 1, 'Informacja o nieruchomościach (IN-1)', 130, 4, 18, 'michal.wojcik', '8', 'done', false, 'documents_accepted'),
        ('FP', 2, 'Zaświadczenie o niezaleganiu w podatkach', 90, 7, 6, 'michal.wojcik', '8', 'done', false, 'refused'),
        ('FP', 3, 'Informacja o nieruchomościach (IN-1)', 15, 0, 0, null, null, 'waiting', false, null),
        ('SO', 1, 'Wydanie dowodu osobistego', 100, 3, 11, 'agnieszka.mazur', '5', 'done', false, 'documents_accepted'),
        ('SO', 2, 'Zameldowanie na pobyt stały', 30, 0, 0, null, null, 'waiting', false, null),
        ('SO', 3, 'Wydanie dowodu osobistego', 4, 0, 0, null, null, 'waiting', true, null)
    ) as v(symbol, n, case_name, ago, waited, served, login, desk, status, priority, outcome)
    join department d on d.symbol = v.symbol
    join case_kind k on k.name = v.case_name
    left join staff s on s.login = v.login
    left join desk dk on dk.number = v.desk;

    insert into ticket_counter (department_id, day, last_number)
    select department_id, today, count(*) from visit where ticket_day = today group by department_id
    on conflict (department_id, day) do update set last_number = excluded.last_number;

    -- Callbacks promised by the demo clerk: one overdue, one for today, one for the next working day.
    if not exists (select 1 from callback c join staff s using (staff_id) where s.login = 'clerk') then
        insert into callback (staff_id, caller_name, phone, question, case_kind_id, created_at, due_on)
        select s.staff_id, v.caller, v.phone, v.question, k.case_kind_id, now() - make_interval(hours => v.hours_ago), v.due
        from (values
            ('Jan Zieliński', '+48 601 222 333', 'Czy do rejestracji auta sprowadzonego z Niemiec potrzebne jest tłumaczenie dowodu rejestracyjnego?', 'Rejestracja pojazdu', 30, date '{previous}'),
            ('', '+48 44 732 55 10', 'Kiedy można odebrać prawo jazdy po zmianie nazwiska?', 'Wymiana prawa jazdy', 2, today),
            ('Maria Lis', '+48 698 100 200', 'Czy mogę zarejestrować samochód zmarłego męża przed końcem postępowania spadkowego?', 'Rejestracja pojazdu', 1, date '{next}')
        ) as v(caller, phone, question, case_name, hours_ago, due)
        join staff s on s.login = 'clerk'
        join case_kind k on k.name = v.case_name;
        insert into callback_promise (callback_id, promised_for, promised_at, promised_by)
        select callback_id, due_on, created_at, staff_id from callback c
        where not exists (select 1 from callback_promise p where p.callback_id = c.callback_id);
    end if;
end
$$;
