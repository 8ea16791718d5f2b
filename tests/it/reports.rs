//! The supervisors' reports (§7.4): every figure of the monthly sheet computed by
//! hand for a known fixture, the five-answer threshold, who sees what, the office
//! today, trends, and the CSV and XLSX exports. A real PostgreSQL per test.

use std::collections::HashMap;
use std::io::Read;

use crate::common::{Client, TestApp, office_db};

/// October 2026 of Anna Kowalczyk (USC), in Warsaw time. The figures expected are
/// worked out by hand in the comments.
const FIXTURE: &str = r#"
insert into kiosk (name) values ('Fixture tablet');
create temp table v (n int, ticket text, arrived text, called text, started text, finished text, status text, who text);
insert into v values
  -- waits 4, 12, 2, 7, 30, 5 min; services 10, 8, 27, 6, 5, 20 min
  (1, 'U101', '2026-10-05 09:00', '2026-10-05 09:04', '2026-10-05 09:05', '2026-10-05 09:15', 'done', 'anna.kowalczyk'),
  (2, 'U102', '2026-10-05 10:00', '2026-10-05 10:12', '2026-10-05 10:12', '2026-10-05 10:20', 'done', 'anna.kowalczyk'),
  (3, 'U103', '2026-10-06 11:00', '2026-10-06 11:02', '2026-10-06 11:03', '2026-10-06 11:30', 'done', 'anna.kowalczyk'),
  (4, 'U104', '2026-10-06 12:00', '2026-10-06 12:07', '2026-10-06 12:08', '2026-10-06 12:14', 'done', 'anna.kowalczyk'),
  (5, 'U105', '2026-10-06 13:00', '2026-10-06 13:30', '2026-10-06 13:30', '2026-10-06 13:35', 'done', 'anna.kowalczyk'),
  -- the last evening of October in Warsaw (22:30 UTC): still October
  (6, 'U106', '2026-10-31 23:00', '2026-10-31 23:05', '2026-10-31 23:10', '2026-10-31 23:30', 'done', 'anna.kowalczyk'),
  -- did not come
  (7, 'U107', '2026-10-06 14:00', '2026-10-06 14:20', null, '2026-10-06 14:25', 'no_show', 'anna.kowalczyk'),
  -- November in Warsaw although 31 October in UTC: not counted
  (8, 'U108', '2026-11-01 00:10', '2026-11-01 00:12', '2026-11-01 00:13', '2026-11-01 00:30', 'done', 'anna.kowalczyk'),
  -- a colleague's client: not counted
  (9, 'U109', '2026-10-05 09:00', '2026-10-05 09:01', '2026-10-05 09:01', '2026-10-05 09:40', 'done', 'magdalena.kozlowska');
insert into visit (ticket, ticket_day, department_id, status, served_by, arrived_at, called_at, started_at, finished_at, outcome)
select v.ticket, (v.arrived::timestamp)::date, d.department_id, v.status, s.staff_id,
       (v.arrived || ' Europe/Warsaw')::timestamptz, (v.called || ' Europe/Warsaw')::timestamptz,
       (v.started || ' Europe/Warsaw')::timestamptz, (v.finished || ' Europe/Warsaw')::timestamptz,
       case when v.status = 'done' then 'settled' end
from v join staff s on s.login = v.who join department d on d.symbol = 'USC';

-- At the desk: Mon 5 Oct 8:30-17:30 (9-17 counts: 480) minus away 10:30-11:00 (30) = 450;
-- Tue 6 Oct 9:00-13:00 (240) minus away 12:00-12:15 (15) = 225; Sat 10 Oct does not count.
-- Present 675 min = 11 h 15 min on 2 days; away 45 min.
insert into desk_session (staff_id, desk_id, started_at, ended_at)
select s.staff_id, k.desk_id, (a || ' Europe/Warsaw')::timestamptz, (b || ' Europe/Warsaw')::timestamptz
from staff s, desk k, (values ('2026-10-05 08:30', '2026-10-05 17:30'), ('2026-10-06 09:00', '2026-10-06 13:00'),
                              ('2026-10-10 10:00', '2026-10-10 12:00')) as x(a, b)
where s.login = 'anna.kowalczyk' and k.number = '6';
insert into away_notice (staff_id, started_at, back_at, ended_at)
select s.staff_id, (a || ' Europe/Warsaw')::timestamptz, (b || ' Europe/Warsaw')::timestamptz, (b || ' Europe/Warsaw')::timestamptz
from staff s, (values ('2026-10-05 10:30', '2026-10-05 11:00'), ('2026-10-06 12:00', '2026-10-06 12:15')) as x(a, b)
where s.login = 'anna.kowalczyk';

-- Callbacks due in October: 4. On time 2 (7 Oct closed that day; 9 Oct re-promised, closed that
-- day as unreachable); late 2 (due 8 Oct, closed 00:30 on 9 Oct in Warsaw, still 8 Oct in UTC;
-- due 20 Oct and still open). Due 3 Nov: not counted.
create temp table c (due date, closed text, status text, promises int, who text);
insert into c values ('2026-10-07', '2026-10-07 15:00', 'done', 1, 'anna.kowalczyk'),
                     ('2026-10-08', '2026-10-09 00:30', 'done', 1, 'anna.kowalczyk'),
                     ('2026-10-09', '2026-10-09 16:59', 'unreachable', 2, 'anna.kowalczyk'),
                     ('2026-10-20', null, 'open', 1, 'anna.kowalczyk'),
                     ('2026-11-03', null, 'open', 1, 'anna.kowalczyk'),
                     ('2026-10-07', '2026-10-07 10:00', 'done', 1, 'magdalena.kozlowska');
with made as (
  insert into callback (staff_id, phone, question, due_on, status, closed_at, created_at)
  select s.staff_id, '+48 601 222 333', 'Pytanie o akt urodzenia', c.due, c.status,
         (c.closed || ' Europe/Warsaw')::timestamptz, (c.due - 1)::timestamptz
  from c join staff s on s.login = c.who
  returning callback_id, due_on
)
insert into callback_promise (callback_id, promised_for)
select m.callback_id, m.due_on from made m
union all
select m.callback_id, m.due_on - 1 from made m where m.due_on = '2026-10-09';

-- Redirects: Anna sent 2 in October (one more in November), received 1.
insert into visit_redirect (visit_id, from_staff_id, to_staff_id, note, redirected_at)
select (select visit_id from visit where ticket = x.t), a.staff_id, b.staff_id, 'fixture', (x.at || ' Europe/Warsaw')::timestamptz
from (values ('U101', 'anna.kowalczyk', 'magdalena.kozlowska', '2026-10-05 09:15'),
             ('U102', 'anna.kowalczyk', 'magdalena.kozlowska', '2026-10-05 10:20'),
             ('U103', 'magdalena.kozlowska', 'anna.kowalczyk', '2026-10-06 11:00'),
             ('U108', 'anna.kowalczyk', 'magdalena.kozlowska', '2026-11-01 00:30')) as x(t, f, o, at)
join staff a on a.login = x.f join staff b on b.login = x.o;

-- Survey, October: 5 answers. Courtesy 5, 4, 5, 3, 3 (mean 4.0); waiting answered 4 times
-- (2, 3, 4, 5): below the threshold, no mean. One more answer on 1 November: not counted.
create temp table a (n int, at text, courtesy int, waiting int, comment text);
insert into a values (1, '2026-10-05 12:00', 5, 2, 'Pani była bardzo miła'), (2, '2026-10-06 12:00', 4, 3, null),
                     (3, '2026-10-07 12:00', 5, 4, null), (4, '2026-10-08 12:00', 3, 5, null),
                     (5, '2026-10-09 12:00', 3, null, null), (6, '2026-11-01 00:30', 1, 1, null);
insert into survey_answer (questionnaire_id, kiosk_id, submission_key, staff_id, department_id, lang, comment, answered_at)
select (select questionnaire_id from questionnaire where version = 1), (select kiosk_id from kiosk), gen_random_uuid(),
       s.staff_id, s.department_id, 'pl', a.comment, (a.at || ' Europe/Warsaw')::timestamptz
from a, staff s where s.login = 'anna.kowalczyk' order by a.n;
insert into survey_score (survey_answer_id, survey_question_id, score)
select sa.survey_answer_id, q.survey_question_id, x.score
from (select survey_answer_id, row_number() over (order by answered_at) as n from survey_answer) sa
join a on a.n = sa.n
cross join lateral (values ('courtesy', a.courtesy), ('waiting', a.waiting)) as x(code, score)
join survey_answer sa2 on sa2.survey_answer_id = sa.survey_answer_id
join survey_question q on q.code = x.code and q.questionnaire_id = sa2.questionnaire_id
where x.score is not null;
"#;

async fn with_fixture() -> TestApp {
    let app = TestApp::spawn(office_db().await).await;
    sqlx::raw_sql(FIXTURE).execute(&app.db).await.expect("the fixture loads");
    app
}

/// The CSV's first table as figure -> value.
fn figures(csv: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in csv.trim_start_matches('\u{feff}').lines().skip(2) {
        // the blank line between tables
        if line.is_empty() || line == "\"\"" {
            break;
        }
        let mut reader = csv_fields(line);
        let key = reader.remove(0);
        out.insert(key, reader.first().cloned().unwrap_or_default());
    }
    out
}

/// The fields of one CSV line (quotes handled; the fixture has no line breaks in fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                fields.last_mut().unwrap().push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

async fn sheet_csv(client: &Client, app: &TestApp, login: &str) -> crate::common::Page {
    let id = app.staff_id(login).await;
    client.get(&format!("/reports/staff/{id}/export?month=2026-10&format=csv")).await
}

/// The office's own days off count in a month read long after it: two Fridays off in
/// October 2026 (22 weekdays, no holiday) leave 20 working days, read in mid-December
/// as on the day after. (The calendar once knew only the days off from a month
/// before the day it was read, and counted 22 here.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_past_months_sheet_counts_that_months_days_off_however_late_it_is_read() {
    let app = with_fixture().await;
    sqlx::query("insert into office_closed_day (day, reason) values ('2026-10-02', 'Dzień wolny za święto'), ('2026-10-30', 'Inwentaryzacja')")
        .execute(&app.db)
        .await
        .unwrap();
    for now in ["2026-11-02T10:00:00+01:00", "2026-12-15T10:00:00+01:00", "2027-06-01T10:00:00+02:00"] {
        app.clock.set(chrono::DateTime::parse_from_rfc3339(now).unwrap().into());
        let supervisor = app.signed_in("supervisor").await;
        let got = figures(&sheet_csv(&supervisor, &app, "anna.kowalczyk").await.body);
        assert_eq!(got["Dni robocze w miesiącu"], "20", "October read on {now}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_figure_of_the_monthly_sheet_matches_the_hand_count() {
    let app = with_fixture().await;
    let supervisor = app.signed_in("supervisor").await;
    let anna = app.staff_id("anna.kowalczyk").await;

    // The supervisor's own assessment of the qualitative criteria.
    let sheet_path = format!("/reports/staff/{anna}?month=2026-10");
    let saved = supervisor
        .post_form(
            &sheet_path,
            &format!("/reports/staff/{anna}/assessment"),
            &[
                ("month", "2026-10"),
                ("availability", "4"),
                ("discipline", "5"),
                ("kindness", "3"),
                ("comment", "Rzetelna"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    let res = sheet_csv(&supervisor, &app, "anna.kowalczyk").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(res.header("content-disposition").unwrap().contains("arkusz-anna-kowalczyk-2026-10.csv"));
    let got = figures(&res.body);
    let expected = [
        ("Pracownik", "Anna Kowalczyk"),
        ("Komórka", "Urząd Stanu Cywilnego"),
        ("Miesiąc", "2026-10"),
        ("Dni robocze w miesiącu", "22"),
        ("Dni obecności przy stanowisku (w godzinach pracy urzędu)", "2"),
        ("Minuty przy stanowisku w godzinach pracy urzędu", "675"),
        ("Czas poza stanowiskiem (min)", "45"),
        ("Obsłużeni klienci", "6"),
        ("Nieobecności przy wezwaniu", "1"),
        ("Średni czas obsługi", "12.67"),
        ("Mediana czasu obsługi", "9"),
        ("Średni czas oczekiwania", "10"),
        ("Mediana czasu oczekiwania", "6"),
        ("Czas oczekiwania, 90. percentyl", "30"),
        ("Wezwania w ciągu 10 min", "0.67"),
        ("Oddzwonienia z terminem w miesiącu", "4"),
        ("Oddzwonienia w terminie", "2"),
        ("Oddzwonienia po terminie", "2"),
        ("Oddzwonienia jeszcze przed terminem", "0"),
        ("Oddzwonienia z nowym terminem", "1"),
        ("Klienci skierowani do innych pracowników", "2"),
        ("Klienci przyjęci od innych pracowników", "1"),
        ("Odpowiedzi w ankietach", "5"),
    ];
    for (figure, value) in expected {
        assert_eq!(got.get(figure).map(String::as_str), Some(value), "{figure}");
    }
    assert_eq!(got.len(), expected.len(), "no figure left unchecked: {got:?}");
    // Survey per question: the mean from 5 answers up only; the assessment; the comment.
    // Answers given to the first version's wording are shown under the latest one.
    assert!(res.body.contains("Jak oceniasz uprzejmość obsługi?,courtesy,5,4\n"), "{}", res.body);
    assert!(res.body.contains("Jak oceniasz czas oczekiwania?,waiting,4,\n"));
    assert!(res.body.contains("Dyspozycyjność,4\n") && res.body.contains("Porządek i dyscyplina pracy,5\n"));
    assert!(
        res.body.contains("Życzliwość i zaangażowanie wobec klientów,3\n")
            && res.body.contains("Uzasadnienie,Rzetelna\n")
    );
    assert!(res.body.contains("Pani była bardzo miła"));

    // The page says the same, in Polish figures.
    let page = supervisor.get(&sheet_path).await;
    assert_eq!(page.status, 200);
    for shown in [
        "11 h 15 min",
        "12,7 min",
        "9,0 min",
        "67 %",
        "2 z 4",
        "mniej niż 5 odpowiedzi",
        "4,0",
        "Pani była bardzo miła",
        "4 / 5",
    ] {
        assert!(page.body.contains(shown), "the sheet shows {shown}");
    }
    // A wait past the 10-minute target is marked in colour and in words; one of exactly
    // 10 minutes is not past it.
    assert_eq!(page.body.matches("data-over").count(), 1, "only the 90th percentile (30 min) is past the target");
    assert!(page.body.contains("30,0 min <span class=\"over__words\">powyżej celu (10 min)</span>"));
    // The employee signs in her own form of address (kept with her account).
    assert!(page.body.contains("Zapoznałam się z oceną (data i podpis)"));
    // The residents' comments are on the screen, not on the paper the employee signs.
    let unprinted = page.body.split("<div class=\"no-print\">").nth(1).expect("a block left off the print");
    assert!(unprinted.split("</div>").next().unwrap().contains("Pani była bardzo miła"));
    // The same in XLSX: one worksheet per table, numbers as numbers.
    let xlsx = supervisor.http_bytes(&format!("/reports/staff/{anna}/export?month=2026-10&format=xlsx")).await;
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an XLSX is a zip");
    let mut strings = String::new();
    book.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    assert!(strings.contains("Obsłużeni klienci") && strings.contains("Anna Kowalczyk"));
    let mut sheet = String::new();
    book.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    assert!(sheet.contains("<v>675</v>") && sheet.contains("<v>12.67</v>"), "{sheet}");
    assert!(book.by_name("xl/worksheets/sheet2.xml").is_ok(), "the survey has its own worksheet");

    // Reading someone's sheet is recorded.
    assert!(app.audit_actions().await.contains(&"report.sheet_viewed".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_survey_mean_appears_at_the_fifth_answer() {
    let app = with_fixture().await;
    let supervisor = app.signed_in("supervisor").await;
    let before = sheet_csv(&supervisor, &app, "anna.kowalczyk").await.body;
    assert!(before.contains("Jak oceniasz czas oczekiwania?,waiting,4,\n"));
    sqlx::raw_sql(
        "insert into survey_score (survey_answer_id, survey_question_id, score)
         select a.survey_answer_id, q.survey_question_id, 1 from survey_answer a, survey_question q
         where q.code = 'waiting' and q.questionnaire_id = a.questionnaire_id
           and a.answered_at = '2026-10-09 12:00 Europe/Warsaw'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let after = sheet_csv(&supervisor, &app, "anna.kowalczyk").await.body;
    // (2 + 3 + 4 + 5 + 1) / 5 = 3
    assert!(after.contains("Jak oceniasz czas oczekiwania?,waiting,5,3\n"), "{after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_reader_sees_what_their_role_allows() {
    let app = with_fixture().await;
    let anna = app.staff_id("anna.kowalczyk").await;
    let magdalena = app.staff_id("magdalena.kozlowska").await;
    let michal = app.staff_id("michal.wojcik").await;

    // Supervisors, the director and the Secretary see everyone.
    for login in ["supervisor", "director", "secretary"] {
        let reader = app.signed_in(login).await;
        assert_eq!(reader.get(&format!("/reports/staff/{anna}?month=2026-10")).await.status, 200, "{login}");
        let list = reader.get("/reports/staff?month=2026-10").await.body;
        assert!(
            list.contains("Anna Kowalczyk") && list.contains("Magdalena Kozłowska") && list.contains("Michał Wójcik")
        );
        assert!(reader.get("/reports/comments?month=2026-10").await.body.contains("Pani była bardzo miła"), "{login}");
    }
    // The head of FP sees FP only: Michał Wójcik, not Anna (USC) nor Magdalena (KM).
    let head = app.signed_in("department_head").await;
    assert_eq!(head.get(&format!("/reports/staff/{michal}?month=2026-10")).await.status, 200);
    assert_eq!(head.get(&format!("/reports/staff/{anna}?month=2026-10")).await.status, 403);
    assert_eq!(sheet_csv(&head, &app, "anna.kowalczyk").await.status, 403, "nor through the export");
    let list = head.get("/reports/staff?month=2026-10").await.body;
    assert!(list.contains("Michał Wójcik") && !list.contains("Anna Kowalczyk"));
    assert!(
        !head.get("/reports/comments?month=2026-10").await.body.contains("Pani była bardzo miła"),
        "USC comments are not FP's"
    );
    let trends = head.get("/reports/trends/export?month=2026-10&format=csv").await.body;
    assert!(!trends.contains("Urząd Stanu Cywilnego") && trends.contains("Wydział Podatków i Opłat"));
    // ...and may assess FP staff only.
    let assess = |who: uuid::Uuid| format!("/reports/staff/{who}/assessment");
    let fields = [("month", "2026-10"), ("availability", "4"), ("discipline", "4"), ("kindness", "4")];
    let page = format!("/reports/staff/{michal}?month=2026-10");
    assert_eq!(head.post_form(&page, &assess(anna), &fields).await.status, 403);
    assert_eq!(head.post_form(&page, &assess(michal), &fields).await.status, 303);

    // A clerk sees their own sheet, without residents' comments, and nobody else's.
    let clerk = app.signed_in("anna.kowalczyk").await;
    let own = clerk.get("/reports/staff?month=2026-10").await;
    assert_eq!(own.status, 303, "a clerk's report list is their own sheet");
    let sheet = clerk.get(own.location().unwrap()).await;
    assert_eq!(sheet.status, 200);
    assert!(sheet.body.contains("Anna Kowalczyk") && !sheet.body.contains("Pani była bardzo miła"));
    assert!(!sheet.body.contains("action=\"/reports/staff/"), "no assessment form for oneself");
    assert!(!sheet_csv(&clerk, &app, "anna.kowalczyk").await.body.contains("Pani była bardzo miła"));
    assert_eq!(clerk.get(&format!("/reports/staff/{magdalena}?month=2026-10")).await.status, 403);
    assert_eq!(clerk.get("/reports").await.status, 403);
    assert_eq!(clerk.get("/reports/trends").await.status, 403);

    // Bad input on the assessment form: a message, nothing saved.
    let supervisor = app.signed_in("supervisor").await;
    let page = format!("/reports/staff/{anna}?month=2026-10");
    let bad = supervisor
        .post_form(
            &page,
            &assess(anna),
            &[("month", "2026-10"), ("availability", "9"), ("discipline", "x"), ("kindness", "3")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Wybierz ocenę od 1 do 5."));
    let saved: i64 = sqlx::query_scalar("select count(*) from staff_assessment where staff_id = $1")
        .bind(anna)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(saved, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trends_and_departments_compared_count_the_fixture_month() {
    let app = with_fixture().await;
    let supervisor = app.signed_in("supervisor").await;
    let res = supervisor.get("/reports/trends/export?month=2026-10&format=csv").await;
    assert_eq!(res.status, 200);
    // October: 7 visits done in the office (6 Anna's + 1 Magdalena's), waits 4,12,2,7,30,5,1 ->
    // mean 61/7 = 8.71, within 10 min 5/7 = 0.71; services 10,8,27,6,5,20,39 -> 115/7 = 16.43;
    // 5 answers with 9 scores: (5+4+5+3+3 + 2+3+4+5) / 9 = 34/9 = 3.78.
    assert!(res.body.contains("\n2026-10,7,8.71,0.71,16.43,5,3.78\n"), "{}", res.body);
    assert!(!res.body.contains("\n2026-11,"), "the twelve months end at the month chosen");
    let november = supervisor.get("/reports/trends/export?month=2026-11&format=csv").await.body;
    assert!(november.contains("\n2026-11,1,2,1,17,1,\n"), "November: one visit, one answer (below 5): {november}");
    assert!(november.contains("\n2025-12,0,,,,0,\n"), "twelve months back, empty ones included");
    // The comparison for October, by the visits' department: all seven fixture visits are USC's.
    assert!(res.body.contains("\nUrząd Stanu Cywilnego,7,8.71,0.71,16.43,5,3.78\n"), "{}", res.body);
    assert!(res.body.contains("\nWydział Komunikacji,0,,,,0,\n"));
    let page = supervisor.get("/reports/trends?month=2026-10").await;
    assert!(page.body.contains("<svg") && page.body.contains("<title id=\"served-title\">"));
    // The charts as a reader meets them: a month with nothing recorded is a gap, not a 0;
    // the mean score is drawn on its 1-5 scale; departments go by their symbols.
    let chart = |id: &str| {
        let start = page.body.find(&format!("data-chart=\"{id}\"")).unwrap();
        page.body[start..start + page.body[start..].find("</figure>").unwrap()].to_owned()
    };
    let served = chart("served");
    assert_eq!(served.matches("class=\"chart__bar\"").count(), 1, "only October has visits: one bar, eleven gaps");
    assert!(
        served.contains("lis: –") || served.contains("lis 2025: –"),
        "an empty month is described as having no figure"
    );
    let survey = chart("survey");
    let ticks: Vec<&str> =
        survey.split("class=\"chart__tick\"").skip(1).map(|t| t.split(['>', '<']).nth(1).unwrap()).collect();
    assert_eq!(ticks, ["1", "2", "3", "4", "5"], "scores on the 1-5 scale");
    let compared = chart("dept-wait");
    assert!(compared.contains(">USC</text>") && compared.contains("cel 10 min"), "{compared}");
    assert!(
        page.body.contains("Urząd Stanu Cywilnego <span class=\"tag tag--grey\">USC</span>"),
        "the table names the symbol"
    );
    assert!(page.body.contains("październik 2026"));
    let xlsx = supervisor.http_bytes("/reports/trends/export?month=2026-10&format=xlsx").await;
    assert!(zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap().by_name("xl/worksheets/sheet2.xml").is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_today_counts_the_queue_as_it_is() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    for _ in 0..3 {
        app.register(&info, "Rejestracja pojazdu", &[]).await;
    }
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let supervisor = app.signed_in("supervisor").await;
    let csv = supervisor.get("/reports/today/export?format=csv").await;
    assert_eq!(csv.status, 200);
    let line = csv.body.lines().find(|l| l.starts_with("Wydział Komunikacji,")).unwrap().to_owned();
    let cells = csv_fields(&line);
    assert_eq!(
        (cells[1].as_str(), cells[3].as_str(), cells[4].as_str()),
        ("2", "0", "0"),
        "2 waiting, none served yet: {line}"
    );
    assert!(csv.body.contains("\n4,Katarzyna Nowak,\n"), "desk 4 open: {}", csv.body);
    let page = supervisor.get("/reports").await;
    assert!(page.body.contains("Rozkład czasu oczekiwania dziś") && page.body.contains("<svg"));
    assert_eq!(supervisor.get("/reports/today/export?format=pdf").await.status, 404, "unknown formats are not guessed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn this_month_in_the_trends_is_always_read_afresh() {
    let app = TestApp::spawn(office_db().await).await;
    let supervisor = app.signed_in("supervisor").await;
    let month = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Warsaw).format("%Y-%m").to_string();
    let served = |csv: &str| -> String {
        let line = csv.lines().find(|l| l.starts_with(&format!("{month},"))).unwrap().to_owned();
        csv_fields(&line)[1].clone()
    };
    let before = supervisor.get("/reports/trends/export?format=csv").await.body;
    assert_eq!(served(&before), "0");
    sqlx::raw_sql(
        "insert into visit (ticket, ticket_day, department_id, status, arrived_at, called_at, started_at, finished_at, outcome)
         select 'U900', current_date, department_id, 'done', now() - interval '20 minutes', now() - interval '15 minutes',
                now() - interval '14 minutes', now(), 'settled' from department where symbol = 'USC'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let after = supervisor.get("/reports/trends/export?format=csv").await.body;
    assert_eq!(served(&after), "1", "a visit finished now shows at once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assessment_form_keeps_what_was_typed_and_nobody_assesses_themselves() {
    let app = with_fixture().await;
    let anna = app.staff_id("anna.kowalczyk").await;
    let page = format!("/reports/staff/{anna}?month=2026-10");
    let supervisor = app.signed_in("supervisor").await;
    let long = "Bardzo rzetelna. ".repeat(150);
    let res = supervisor
        .post_form(
            &page,
            &format!("/reports/staff/{anna}/assessment"),
            &[("month", "2026-10"), ("availability", "4"), ("discipline", "5"), ("kindness", "3"), ("comment", &long)],
        )
        .await;
    assert_eq!(res.status, 422, "a comment too long is a message on the form, not an error page");
    assert!(res.body.contains("error-summary") && res.body.contains("Bardzo rzetelna. Bardzo rzetelna."));
    assert!(res.body.contains("value=\"4\" checked"), "the marks chosen stay chosen");
    let saved: i64 = sqlx::query_scalar("select count(*) from staff_assessment").fetch_one(&app.db).await.unwrap();
    assert_eq!(saved, 0);

    // A department head who also serves clients may assess colleagues, never themselves.
    let krzysztof = app.staff_id("krzysztof.krawczyk").await;
    let magdalena = app.staff_id("magdalena.kozlowska").await;
    let head = app.signed_in("krzysztof.krawczyk").await;
    let fields = [("month", "2026-10"), ("availability", "5"), ("discipline", "5"), ("kindness", "5")];
    let own = format!("/reports/staff/{krzysztof}?month=2026-10");
    assert!(!head.get(&own).await.body.contains("/assessment\""), "no form on one's own sheet");
    assert_eq!(head.post_form(&own, &format!("/reports/staff/{krzysztof}/assessment"), &fields).await.status, 403);
    assert_eq!(head.post_form(&own, &format!("/reports/staff/{magdalena}/assessment"), &fields).await.status, 303);

    // Changed later, the earlier assessment leaves its trace in the audit log.
    let sheet = format!("/reports/staff/{magdalena}?month=2026-10");
    let lower = [("month", "2026-10"), ("availability", "3"), ("discipline", "5"), ("kindness", "4")];
    let path = format!("/reports/staff/{magdalena}/assessment");
    assert_eq!(supervisor.post_form(&sheet, &path, &lower).await.status, 303);
    let detail: serde_json::Value = sqlx::query_scalar(
        "select detail from audit_event where action = 'assessment.saved' order by audit_event_id desc limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(detail["availability"], 3);
    assert_eq!(detail["previous_availability"], 5, "the earlier mark is kept: {detail}");
    assert_eq!(detail["previous_by"], krzysztof.to_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_that_cannot_be_shown_is_said_so_and_exports_have_readable_names() {
    let app = with_fixture().await;
    let supervisor = app.signed_in("supervisor").await;
    for asked in ["2026-13", "listopad", "2999-01"] {
        let page = supervisor.get(&format!("/reports/staff?month={asked}")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&format!("Nie można pokazać miesiąca „{asked}”")), "{asked}");
        assert!(page.body.contains("aria-describedby=\"month-hint month-error\""));
    }
    assert!(!supervisor.get("/reports/staff?month=2026-10").await.body.contains("Nie można pokazać"));
    let michal = app.staff_id("michal.wojcik").await;
    let res = supervisor.get(&format!("/reports/staff/{michal}/export?month=2026-10&format=xlsx")).await;
    assert!(res.header("content-disposition").unwrap().contains("arkusz-michal-wojcik-2026-10.xlsx"));
}
