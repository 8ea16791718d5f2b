-- The demo office's procedure cards, competences, and a living morning at the desks.
-- Idempotent: cards and competences by name; today's visits only when there are none today.

update department set ticket_letter = case symbol
    when 'USC' then 'U' when 'FP' then 'P' when 'KM' then 'K' when 'SO' then 'S' when 'GK' then 'G' when 'BOM' then 'B'
    else ticket_letter end;

insert into case_kind (department_id, name, keywords, documents, forms, fees, payment, legal_basis, settle_time, where_to_file, needs_client_data)
select d.department_id, c.name, c.keywords, c.documents, c.forms, c.fees, c.payment, c.legal_basis, c.settle_time, c.where_to_file, c.needs
from (values
  ('SO', 'Wydanie dowodu osobistego', 'dowód, dowod, dowód osobisty, zgubiony dowód, utrata dowodu, ID',
   E'Aktualne kolorowe zdjęcie 35×45 mm\nDotychczasowy dowód osobisty (jeśli go masz)\nDowód osobisty rodzica – przy wniosku dla dziecka',
   E'Wniosek o wydanie dowodu osobistego – do wypełnienia przy stanowisku',
   'Bez opłaty.', 'Nie dotyczy.', 'Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych', 'Do 30 dni', 'Stanowisko 5, parter', false),
  ('SO', 'Zameldowanie na pobyt stały', 'meldunek, zameldowanie, zameldować się, adres, pobyt stały',
   E'Dowód osobisty lub paszport\nDokument potwierdzający tytuł prawny do lokalu (np. umowa najmu, akt notarialny)',
   E'Formularz zgłoszenia pobytu stałego – w urzędzie lub na stronie BIP',
   'Bez opłaty.', 'Nie dotyczy.', 'Ustawa z dnia 24 września 2010 r. o ewidencji ludności', 'Od ręki', 'Stanowisko 5, parter', true),
  ('USC', 'Odpis aktu stanu cywilnego', 'akt urodzenia, akt małżeństwa, akt zgonu, odpis, odpis zupełny, odpis skrócony',
   E'Dowód osobisty\nPełnomocnictwo – gdy odbierasz odpis za kogoś',
   E'Wniosek o wydanie odpisu aktu stanu cywilnego',
   E'Odpis skrócony 22 zł, odpis zupełny 33 zł', 'Kasa urzędu (bez prowizji), przelew na rachunek urzędu',
   'Ustawa z dnia 28 listopada 2014 r. Prawo o aktach stanu cywilnego; ustawa o opłacie skarbowej', 'Do 7 dni', 'Stanowiska 6–7, I piętro, pokój 105', true),
  ('USC', 'Zgłoszenie urodzenia dziecka', 'urodzenie, dziecko, noworodek, akt urodzenia, PESEL dziecka',
   E'Karta urodzenia (przesyła szpital)\nDowody osobiste rodziców',
   '', 'Bez opłaty.', 'Nie dotyczy.', 'Ustawa z dnia 28 listopada 2014 r. Prawo o aktach stanu cywilnego', 'Od ręki', 'Stanowiska 6–7, I piętro, pokój 105', true),
  ('FP', 'Informacja o nieruchomościach (IN-1)', 'podatek, podatek od nieruchomości, nieruchomość, IN-1, działka, dom',
   E'Akt notarialny lub inny dokument nabycia\nDowód osobisty',
   E'Formularz IN-1 z załącznikami ZIN-1, ZIN-2, ZIN-3',
   'Bez opłaty.', 'Nie dotyczy.', 'Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych', 'Decyzja do 30 dni', 'Stanowiska 8–9, I piętro, pokój 110', true),
  ('FP', 'Zaświadczenie o niezaleganiu w podatkach', 'zaświadczenie, niezaleganie, zaległości podatkowe, podatki',
   E'Dowód osobisty\nPotwierdzenie zapłaty opłaty skarbowej',
   E'Wniosek o wydanie zaświadczenia',
   '21 zł opłaty skarbowej', 'Kasa urzędu (bez prowizji), przelew, poczta', 'Ordynacja podatkowa, art. 306a', 'Do 7 dni', 'Stanowiska 8–9, I piętro, pokój 110', true),
  ('KM', 'Rejestracja pojazdu', 'rejestracja, samochód, auto, pojazd, tablice, dowód rejestracyjny',
   E'Dowód własności pojazdu (umowa, faktura)\nDowód rejestracyjny z poprzedniej rejestracji\nTablice rejestracyjne (jeśli były)\nPotwierdzenie zawarcia umowy OC',
   E'Wniosek o rejestrację pojazdu',
   E'180,50 zł (tablice, dowód rejestracyjny, nalepka, opłata ewidencyjna)', 'Kasa urzędu (bez prowizji), przelew',
   'Ustawa z dnia 20 czerwca 1997 r. Prawo o ruchu drogowym', 'Od ręki (pozwolenie czasowe), dowód do 30 dni', 'Stanowiska 3–4, parter, pokój 12', true),
  ('KM', 'Wymiana prawa jazdy', 'prawo jazdy, wymiana, zmiana nazwiska, prawko',
   E'Aktualne zdjęcie 35×45 mm\nDotychczasowe prawo jazdy',
   E'Wniosek o wydanie prawa jazdy',
   '100,50 zł', 'Kasa urzędu (bez prowizji), przelew', 'Ustawa z dnia 5 stycznia 2011 r. o kierujących pojazdami', 'Do 30 dni', 'Stanowiska 3–4, parter, pokój 12', true),
  ('GK', 'Deklaracja o opłacie za odpady', 'śmieci, odpady, deklaracja śmieciowa, opłata za śmieci',
   E'Dowód osobisty',
   E'Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi',
   'Według stawki z uchwały rady miasta', 'Przelew na indywidualny rachunek, kasa urzędu (bez prowizji)',
   'Ustawa z dnia 13 września 1996 r. o utrzymaniu czystości i porządku w gminach', 'Od ręki', 'Stanowisko 10, II piętro, pokój 204', true),
  ('BOM', 'Wizyta urzędnika w domu klienta', 'wizyta domowa, niepełnosprawny, chory, nie mogę przyjść, dom',
   E'Informacja o sprawie, w której klient potrzebuje wizyty',
   E'Załącznik Nr 1 – wypełnia Punkt Informacyjny',
   'Bez opłaty.', 'Nie dotyczy.', 'Regulamin obsługi klientów, §5.3', 'Co najmniej jeden dzień roboczy od zaplanowania', 'Punkt Informacyjny, hol', true)
) as c(symbol, name, keywords, documents, forms, fees, payment, legal_basis, settle_time, where_to_file, needs)
join department d on d.symbol = c.symbol
on conflict (department_id, name) do nothing;

insert into staff_competence (staff_id, case_kind_id)
select s.staff_id, k.case_kind_id
from (values
  ('clerk', 'Rejestracja pojazdu'), ('clerk', 'Wymiana prawa jazdy'),
  ('magdalena.kozlowska', 'Rejestracja pojazdu'), ('magdalena.kozlowska', 'Wymiana prawa jazdy'),
  ('krzysztof.krawczyk', 'Rejestracja pojazdu'),
  ('anna.kowalczyk', 'Odpis aktu stanu cywilnego'), ('anna.kowalczyk', 'Zgłoszenie urodzenia dziecka'),
  ('michal.wojcik', 'Informacja o nieruchomościach (IN-1)'), ('michal.wojcik', 'Zaświadczenie o niezaleganiu w podatkach'),
  ('agnieszka.mazur', 'Wydanie dowodu osobistego'), ('agnieszka.mazur', 'Zameldowanie na pobyt stały'),
  ('barbara.pawlowska', 'Wizyta urzędnika w domu klienta'), ('barbara.pawlowska', 'Wydanie dowodu osobistego')
) as c(login, case_name)
join staff s on s.login = c.login
join case_kind k on k.name = c.case_name
on conflict do nothing;
