-- The office's regulation (§11): the 2014 text, which every employee confirmed,
-- and a new version in force for ten days, which two clerks (Anna Kowalczyk and
-- Agnieszka Mazur) have not confirmed yet; and a few trainings (§7.2.3).
-- Fixed form tokens: loading the demo again adds nothing.
insert into regulation_version (title, effective_on, body, form_token, created_by, created_at)
select 'Regulamin Obsługi Klientów (zarządzenie nr 172 z 21 maja 2014 r.)', date '2014-05-21',
$$§1
W celu zaspokajania potrzeb i spełniania oczekiwań mieszkańców w zakresie wypełnianych przez Urząd zadań administracji publicznej wprowadza się do stosowania Regulamin Obsługi Klientów.

§2
Do stosowania Regulaminu zobowiązani są wszyscy pracownicy Biura Obsługi Mieszkańców. Pracownicy BOM reprezentują Urząd Miasta w każdej sytuacji.

§7
Pracownicy BOM, dążąc do doskonalenia jakości obsługi klientów, są zobowiązani do stałego poszerzania swojej wiedzy o obowiązujących przepisach i procedurach oraz do uczestniczenia w szkoleniach organizowanych przez Urząd Miasta.

§11
Pracownicy BOM potwierdzają podpisem fakt zapoznania się z Regulaminem.$$,
       '00000000-0000-4000-8000-00000000a011', (select staff_id from staff where login = 'director'),
       timestamptz '2014-05-21 10:00:00 Europe/Warsaw'
on conflict (form_token) do nothing;

insert into regulation_version (title, effective_on, body, form_token, created_by, created_at)
select 'Regulamin Obsługi Klientów – tekst jednolity z wizytami domowymi i ankietą', date '{today}' - 10,
$$§1
Regulamin określa standardy obsługi klientów w Biurze Obsługi Mieszkańców, w tym wizyty urzędnika w domu klienta (§5.3) i ankietę satysfakcji (§7.4.6).

§4
Pracownik obsługuje klienta uprzejmie, rzeczowo i bez zbędnej zwłoki; jeśli sprawa należy do innej komórki, kieruje klienta do właściwego pracownika.

§6
Obiecany telefon zwrotny pracownik wykonuje w terminie, najpóźniej następnego dnia roboczego.

§11
Pracownicy BOM potwierdzają fakt zapoznania się z Regulaminem w systemie Okienko; potwierdzenie zapisuje się z datą i godziną.$$,
       '00000000-0000-4000-8000-00000000a012', (select staff_id from staff where login = 'secretary'),
       ((date '{today}' - 12) + time '09:30') at time zone 'Europe/Warsaw'
on conflict (form_token) do nothing;

insert into regulation_acknowledgement (regulation_version_id, staff_id, confirmed_at)
select v.regulation_version_id, s.staff_id, v.created_at + interval '2 days'
from regulation_version v cross join staff s
where v.form_token = '00000000-0000-4000-8000-00000000a011' and s.active
on conflict do nothing;

insert into regulation_acknowledgement (regulation_version_id, staff_id, confirmed_at)
select v.regulation_version_id, s.staff_id,
       ((v.effective_on + (row_number() over (order by s.login))::int % 5) + time '08:05') at time zone 'Europe/Warsaw'
from regulation_version v cross join staff s
where v.form_token = '00000000-0000-4000-8000-00000000a012' and s.active
  and s.login not in ('anna.kowalczyk', 'agnieszka.mazur')
on conflict do nothing;

insert into training (title, held_on, hours, form_token, created_by, created_at)
select title, date '{today}' - days, hours, token::uuid, (select staff_id from staff where login = 'supervisor'),
       ((date '{today}' - days) + time '16:00') at time zone 'Europe/Warsaw'
from (values
    ('Obsługa klienta w sytuacji konfliktowej', 40, 6.0, '00000000-0000-4000-8000-00000000b001'),
    ('Podstawy polskiego języka migowego', 75, 8.0, '00000000-0000-4000-8000-00000000b002'),
    ('Ochrona danych osobowych przy stanowisku obsługi', 5, 3.5, '00000000-0000-4000-8000-00000000b003')
) as t (title, days, hours, token)
on conflict (form_token) do nothing;

insert into training_attendee (training_id, staff_id)
select t.training_id, s.staff_id
from training t join staff s on s.login = any (case t.form_token
    when '00000000-0000-4000-8000-00000000b001' then array['clerk', 'magdalena.kozlowska', 'anna.kowalczyk', 'barbara.pawlowska']
    when '00000000-0000-4000-8000-00000000b002' then array['clerk', 'agnieszka.mazur', 'info_point']
    else array['clerk', 'info_point', 'anna.kowalczyk', 'michal.wojcik', 'magdalena.kozlowska', 'agnieszka.mazur', 'barbara.pawlowska']
  end)
where t.form_token in ('00000000-0000-4000-8000-00000000b001', '00000000-0000-4000-8000-00000000b002',
                       '00000000-0000-4000-8000-00000000b003')
on conflict do nothing;
