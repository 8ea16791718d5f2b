//! Complaints (Std 20, 22): the rules of the form, the decree workflow by role, the
//! answer deadline over days off, overdue ones where supervisors look, the §7.4
//! sheet, a kiosk comment turned into a complaint, and one journey in Chromium.

use crate::common::{Client, Page, TestApp, office_db};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use okienko::calendar::local_date;

fn today(app: &TestApp) -> NaiveDate {
    local_date(app.clock.now(), &chrono_tz::Europe::Warsaw)
}

/// 10:00 in Warsaw on that day, for the application's clock.
fn at_ten(day: NaiveDate) -> chrono::DateTime<Utc> {
    chrono_tz::Europe::Warsaw.from_local_datetime(&day.and_hms_opt(10, 0, 0).unwrap()).unwrap().with_timezone(&Utc)
}

/// The value prefilled in the form's "answer due by" field.
fn prefilled_due(page: &Page) -> String {
    page.body
        .split("name=\"due_on\" type=\"text\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .map_or_else(|| panic!("no due_on field: {}", page.body), |v| v.split('"').next().unwrap().to_owned())
}

/// A complaint taken by phone, with the fields given replacing the defaults.
async fn take(app: &TestApp, client: &Client, extra: &[(&str, &str)]) -> Page {
    let form = client.get("/complaints/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let due = prefilled_due(&form);
    let mut fields: Vec<(&str, &str)> = vec![
        ("taken_during", "call"),
        ("wants_answer", "no"),
        ("about", "department"),
        ("client_words", "Nikt nie odbiera telefonu w wydziale podatków."),
        ("due_on", due.as_str()),
    ];
    for (k, v) in extra {
        fields.retain(|(name, _)| name != k);
        fields.push((k, v));
    }
    let fp = app.department_id("FP").await.to_string();
    if !fields.iter().any(|(k, _)| *k == "about_department_id") {
        fields.push(("about_department_id", fp.as_str()));
    }
    client.post_with_token("/complaints", &form.csrf(), &fields).await
}

fn id_of(res: &Page) -> uuid::Uuid {
    assert_eq!(res.status, 303, "{}", res.body);
    res.location().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

/// Takes a step with the version shown on the complaint's page.
async fn step(client: &Client, id: uuid::Uuid, step: &str, fields: &[(&str, &str)]) -> Page {
    let page = client.get(&format!("/complaints/{id}")).await;
    let version = page
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .map(|v| v.split('"').next().unwrap().to_owned())
        .unwrap_or_else(|| "0".into());
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    let token = if page.status == 200 { page.csrf() } else { client.get("/").await.csrf() };
    client.post_with_token(&format!("/complaints/{id}/steps/{step}"), &token, &all).await
}

async fn state_of(app: &TestApp, id: uuid::Uuid) -> String {
    sqlx::query_scalar("select state::text from case_file where case_file_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contact_details_only_when_an_answer_is_wanted_and_bad_ones_are_refused_on_the_form() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;

    // No answer wanted: no contact details asked, and none kept even if typed.
    let id = id_of(&take(&app, &info, &[("contact", "jan@example.pl"), ("channel", "email")]).await);
    let (case_ref, channel, contact): (String, Option<String>, Option<String>) = sqlx::query_as(
        "select f.case_ref, c.channel, c.contact from complaint c join case_file f on f.case_file_id = c.complaint_id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(case_ref, format!("BOM.151.1.{}", today(&app).year()), "a series of its own");
    assert_eq!((channel, contact), (None, None));
    assert!(info.get(&format!("/complaints/{id}")).await.body.contains("Klient nie chce odpowiedzi"));

    // An answer wanted: the channel and contact are needed, and checked.
    let refused: [(&[(&str, &str)], &str); 5] = [
        (&[("wants_answer", "yes")], "Wybierz, jak przekazać odpowiedź"),
        (&[("wants_answer", "yes"), ("channel", "email")], "Wpisz dane kontaktowe klienta"),
        (&[("wants_answer", "yes"), ("channel", "email"), ("contact", "jan.kowalski@example")], "nazwa@domena.pl"),
        (&[("wants_answer", "yes"), ("channel", "email"), ("contact", "jan kowalski@example.pl")], "nazwa@domena.pl"),
        (&[("wants_answer", "yes"), ("channel", "phone"), ("contact", "12 34")], "numer telefonu"),
    ];
    for (fields, message) in refused {
        let res = take(&app, &info, fields).await;
        assert_eq!(res.status, 422, "{fields:?}");
        assert!(res.body.contains(message), "{fields:?} should say {message}: {}", res.body);
        assert!(res.body.contains("error-summary"), "{fields:?}");
    }
    let ok = take(&app, &info, &[("wants_answer", "yes"), ("channel", "phone"), ("contact", "600 200 300")]).await;
    let phone_id = id_of(&ok);
    let stored: Option<String> = sqlx::query_scalar("select contact from complaint where complaint_id = $1")
        .bind(phone_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("+48 600 200 300"), "phone numbers are kept in one form");
    let ok =
        take(&app, &info, &[("wants_answer", "yes"), ("channel", "email"), ("contact", "Jan.Kowalski@Example.PL")])
            .await;
    id_of(&ok);

    // Lists never show contact details, and show names shortened.
    let named = take(
        &app,
        &info,
        &[
            ("client_name", "Helena Wiśniewska"),
            ("wants_answer", "yes"),
            ("channel", "phone"),
            ("contact", "601 300 400"),
        ],
    )
    .await;
    id_of(&named);
    let director = app.signed_in("director").await;
    for list in ["/complaints", "/complaints/register"] {
        let page = director.get(list).await;
        assert_eq!(page.status, 200, "{list}");
        assert!(page.body.contains("Helena W."), "{list} shows the name shortened");
        assert!(!page.body.contains("Wiśniewska") && !page.body.contains("601 300 400"), "{list}: {}", page.body);
    }

    // A NUL byte or an oversize text is a message on the form, never a 500.
    let long = "x".repeat(4001);
    for fields in [
        vec![("client_words", "Skarga\0z bajtem NUL")],
        vec![("client_words", long.as_str())],
        vec![("client_name", "Jan\0")],
        vec![("due_on", "\0")],
        vec![("about_department_id", "\0")],
    ] {
        let res = take(&app, &info, &fields).await;
        assert_eq!(res.status, 422, "{fields:?}: {}", res.body);
    }
    let form = info.get("/complaints/new").await;
    let res = info.post_with_token("/complaints", &form.csrf(), &[("visit_id", "\0"), ("taken_during", "visit")]).await;
    assert_eq!(res.status, 422);
    let res = step(&director, id, "decree", &[("department_id", "\0"), ("note", "x\0")]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(info.get("/complaints/new?visit=%00").await.status, 400);

    let actions = app.audit_actions().await;
    assert_eq!(actions.iter().filter(|a| *a == "complaint.taken").count(), 4, "every complaint taken is audited");
}

/// The references of the complaints, in order.
async fn refs(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select case_ref from case_file where case_type = 'complaint' order by registered_at, case_ref")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_form_sent_twice_makes_one_complaint_and_the_numbers_stay_without_gaps() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let form = info.get("/complaints/new").await;
    let key = form
        .body
        .split("name=\"form_key\" value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .expect("the form carries its key")
        .to_owned();
    let due = prefilled_due(&form);
    let fp = app.department_id("FP").await.to_string();
    let fields = [
        ("form_key", key.as_str()),
        ("taken_during", "in_person"),
        ("wants_answer", "no"),
        ("about", "department"),
        ("about_department_id", fp.as_str()),
        ("client_words", "Nikt nie odbiera telefonu w wydziale podatków."),
        ("due_on", due.as_str()),
    ];
    // A double click: both at once, then the same form once more (a resend).
    let token = form.csrf();
    let (a, b) = tokio::join!(
        info.post_with_token("/complaints", &token, &fields),
        info.post_with_token("/complaints", &token, &fields)
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [303, 409], "one complaint per form");
    assert_eq!(info.post_with_token("/complaints", &form.csrf(), &fields).await.status, 409);
    let year = today(&app).year();
    assert_eq!(refs(&app).await, [format!("BOM.151.1.{year}")]);
    // The next complaint takes the next number: none was used up by the second click.
    id_of(&take(&app, &info, &[]).await);
    assert_eq!(refs(&app).await, [format!("BOM.151.1.{year}"), format!("BOM.151.2.{year}")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_director_decrees_the_head_names_who_answers_the_answer_closes_it_and_nobody_else_may() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = id_of(
        &take(&app, &info, &[("wants_answer", "yes"), ("channel", "email"), ("contact", "jan.zielinski@example.pl")])
            .await,
    );
    let director = app.signed_in("director").await;
    let head_fp = app.signed_in("department_head").await;
    let head_km = app.signed_in("krzysztof.krawczyk").await;
    let michal = app.signed_in("michal.wojcik").await;
    let clerk = app.signed_in("clerk").await;
    let fp = app.department_id("FP").await.to_string();
    let decree: &[(&str, &str)] = &[("department_id", &fp), ("note", "Proszę o wyjaśnienie i odpowiedź.")];

    assert!(director.get("/complaints").await.body.contains("BOM.151.1."), "the director's inbox shows it");
    assert!(director.get("/").await.body.contains("Czekają na Ciebie: 1, po terminie: 0"), "the home page counts it");
    assert_eq!(clerk.get(&format!("/complaints/{id}")).await.status, 403, "a clerk not involved may not read it");
    assert_eq!(step(&clerk, id, "decree", decree).await.status, 403);
    assert_eq!(step(&head_fp, id, "decree", decree).await.status, 403, "only the director decrees");
    assert_eq!(step(&head_fp, id, "assign", &[]).await.status, 409, "nothing to assign before the decree");

    // A stale form: made before someone else's step.
    let page = director.get(&format!("/complaints/{id}")).await;
    let res = step(&director, id, "decree", &[("note", "")]).await;
    assert_eq!(res.status, 422, "a decree needs its instruction");
    assert!(res.body.contains("Wpisz polecenie dla komórki"));
    assert_eq!(step(&director, id, "decree", decree).await.status, 303);
    let mut stale = vec![("version", "1")];
    stale.extend_from_slice(decree);
    let res = director.post_with_token(&format!("/complaints/{id}/steps/decree"), &page.csrf(), &stale).await;
    assert_eq!(res.status, 409, "a second click or a stale form");
    assert_eq!(state_of(&app, id).await, "decreed");

    // How to reach the client: for whoever took the complaint and those handling it,
    // not for a supervisor who only reads it (RODO art. 5(1)(c)).
    let contact = "jan.zielinski@example.pl";
    for (who, client) in [("the one who took it", &info), ("the director", &director), ("the head decreed", &head_fp)] {
        assert!(client.get(&format!("/complaints/{id}")).await.body.contains(contact), "{who} sees the contact");
    }
    let supervisor = app.signed_in("supervisor").await;
    let read = supervisor.get(&format!("/complaints/{id}")).await;
    assert_eq!(read.status, 200, "a supervisor reads the complaint");
    assert!(!read.body.contains(contact), "but not how to reach the client");
    assert!(read.body.contains("dane kontaktowe widzą osoby rozpatrujące skargę"), "and is told why");

    let michal_id = app.staff_id("michal.wojcik").await.to_string();
    let magdalena = app.staff_id("magdalena.kozlowska").await.to_string();
    assert_eq!(
        step(&head_km, id, "assign", &[("answerer_id", &michal_id)]).await.status,
        403,
        "another department's head"
    );
    let res = step(&head_fp, id, "assign", &[("answerer_id", &magdalena)]).await;
    assert_eq!(res.status, 422, "only someone of the department answers");
    assert!(head_fp.get("/complaints").await.body.contains("BOM.151.1."));
    assert_eq!(step(&head_fp, id, "assign", &[("answerer_id", &michal_id)]).await.status, 303);
    assert_eq!(state_of(&app, id).await, "assigned");
    assert!(michal.get("/").await.body.contains("Czekają na Ciebie: 1"), "the answerer's home page counts it");

    // The answer: a date not in the future, a channel the client can get.
    let today = today(&app).format("%d.%m.%Y").to_string();
    let answer = "Przepraszamy. Wydział odbiera już telefony pod nowym numerem.";
    assert_eq!(
        step(&head_fp, id, "answer", &[("answer_text", answer)]).await.status,
        403,
        "the head named, not answers"
    );
    let res =
        step(&michal, id, "answer", &[("answer_text", answer), ("answered_on", &today), ("answer_channel", "none")])
            .await;
    assert_eq!(res.status, 422, "a client who wants an answer gets one");
    let tomorrow = (self::today(&app) + chrono::Days::new(1)).format("%d.%m.%Y").to_string();
    let res = step(
        &michal,
        id,
        "answer",
        &[("answer_text", answer), ("answered_on", &tomorrow), ("answer_channel", "email")],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("nie może być w przyszłości"));
    let res =
        step(&michal, id, "answer", &[("answer_text", answer), ("answered_on", &today), ("answer_channel", "email")])
            .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(state_of(&app, id).await, "answered");
    let page = michal.get(&format!("/complaints/{id}")).await;
    assert!(page.body.contains(answer) && page.body.contains("Udzielono odpowiedzi"));
    assert!(!page.body.contains("/steps/"), "closed: no step is offered");
    assert_eq!(step(&director, id, "cancel", &[("note", "Wycofana")]).await.status, 409, "closed cases take no step");

    // Sent back and cancelled like home visits.
    let other = id_of(&take(&app, &info, &[]).await);
    assert_eq!(step(&director, other, "decree", decree).await.status, 303);
    assert_eq!(step(&head_fp, other, "send_back", &[("note", "")]).await.status, 422, "sending back needs a reason");
    assert_eq!(step(&head_fp, other, "send_back", &[("note", "To sprawa Wydziału Komunikacji.")]).await.status, 303);
    assert_eq!(state_of(&app, other).await, "registered");
    assert_eq!(step(&clerk, other, "cancel", &[("note", "Klient wycofał skargę.")]).await.status, 403);
    assert_eq!(step(&info, other, "cancel", &[("note", "Klient wycofał skargę.")]).await.status, 303);
    assert_eq!(state_of(&app, other).await, "cancelled");

    let steps: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'complaint.step'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(steps, 6, "every step taken is audited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_is_due_a_month_later_or_on_the_next_working_day_after_a_holiday_or_a_day_off() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let cases = [
        // Thursday 1 October 2026: 1 November is All Saints' Day, a Sunday -> Monday 2 November.
        ((2026, 10, 1), "02.11.2026"),
        // Monday 11 October 2027: 11 November, Independence Day (a Thursday) -> Friday 12 November.
        ((2027, 10, 11), "12.11.2027"),
        // Monday 12 October 2026: Thursday 12 November, a working day, stays.
        ((2026, 10, 12), "12.11.2026"),
        // Saturday 28 February 2026 from Wednesday 28 January... a month ends on a Saturday -> Monday 2 March.
        ((2026, 1, 28), "02.03.2026"),
    ];
    for ((y, m, d), due) in cases {
        app.clock.set(at_ten(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        let info = app.signed_in("info_point").await;
        let form = info.get("/complaints/new").await;
        assert_eq!(prefilled_due(&form), due, "taken on {y}-{m}-{d}");
        assert!(form.body.contains(&format!("Najpóźniej do {due}")), "the hint says the latest day");
        let res = take(&app, &info, &[]).await;
        id_of(&res);
    }
    let dues: Vec<NaiveDate> =
        sqlx::query_scalar("select due_on from complaint order by due_on").fetch_all(&app.db).await.unwrap();
    assert_eq!(dues.len(), 4);
    drop(info);

    // The office's own day off moves it too; a later day than the deadline is refused.
    sqlx::query("insert into office_closed_day (day, reason) values ('2026-11-02', 'Dzień wolny za sobotę')")
        .execute(&app.db)
        .await
        .unwrap();
    app.clock.set(at_ten(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()));
    let info = app.signed_in("info_point").await;
    assert_eq!(prefilled_due(&info.get("/complaints/new").await), "03.11.2026");
    let res = take(&app, &info, &[("due_on", "04.11.2026")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("nie może być późniejszy niż 03.11.2026"), "{}", res.body);
    let res = take(&app, &info, &[("due_on", "02.11.2026")]).await;
    assert_eq!(res.status, 422, "not on a day off");
    let res = take(&app, &info, &[("due_on", "30.09.2026")]).await;
    assert_eq!(res.status, 422, "not in the past");
    id_of(&take(&app, &info, &[("due_on", "15.10.2026")]).await);

    // Configured in calendar days: 14 days from Friday 30 October 2026 is Friday 13 November.
    let other = TestApp::spawn_with(office_db().await, &[("COMPLAINT_ANSWER_WITHIN", "14 days")]).await;
    other.clock.set(at_ten(NaiveDate::from_ymd_opt(2026, 10, 30).unwrap()));
    let info = other.signed_in("info_point").await;
    assert_eq!(prefilled_due(&info.get("/complaints/new").await), "13.11.2026");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_complaint_stands_out_in_the_inbox_on_the_home_page_and_on_urzad_dzis() {
    let app = TestApp::spawn(office_db().await).await;
    app.clock.set(at_ten(NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()));
    let info = app.signed_in("info_point").await;
    let id = id_of(&take(&app, &info, &[]).await);
    let director = app.signed_in("director").await;
    let fp = app.department_id("FP").await.to_string();
    assert_eq!(
        step(&director, id, "decree", &[("department_id", &fp), ("note", "Proszę o odpowiedź.")]).await.status,
        303
    );
    let supervisor = app.signed_in("supervisor").await;
    assert!(!director.get("/complaints").await.body.contains("data-overdue"), "not overdue on the day");
    assert!(supervisor.get("/reports").await.body.contains("Skargi po terminie odpowiedzi"));
    assert!(!supervisor.get("/reports").await.body.contains("<li class=\"card\" data-overdue>"));

    // Due Thursday 12 November; on Friday 13th it is overdue.
    app.clock.set(at_ten(NaiveDate::from_ymd_opt(2026, 11, 12).unwrap()));
    let head = app.signed_in("department_head").await;
    assert!(!head.get("/complaints").await.body.contains("data-overdue"), "still in time on the last day");
    app.clock.set(at_ten(NaiveDate::from_ymd_opt(2026, 11, 13).unwrap()));
    let head = app.signed_in("department_head").await;
    let inbox = head.get("/complaints").await;
    assert!(inbox.body.contains("<tr data-overdue>"), "the row stands out: {}", inbox.body);
    assert!(inbox.body.contains("Po terminie: 1"), "the section says how many");
    assert!(head.get("/").await.body.contains("Czekają na Ciebie: 1, po terminie: 1"));
    assert!(head.get(&format!("/complaints/{id}")).await.body.contains("data-overdue"));
    let supervisor = app.signed_in("supervisor").await;
    let today = supervisor.get("/reports").await;
    assert!(today.body.contains("<li class=\"card\" data-overdue>"), "Urząd dziś: {}", today.body);
    assert!(today.body.contains("<a href=\"/complaints\">1</a>"));
    assert!(today.body.contains("Bez postępu: 1"), "a month at the head's step is stuck too");
    assert!(today.body.contains("Wnioski o wizytę bez postępu</h2><p class=\"figure\">0"), "and is no home visit");
    let export = supervisor.get("/reports/today/export?format=csv").await;
    let line = export.body.lines().find(|l| l.contains("Skargi po terminie odpowiedzi")).expect("in the export too");
    assert!(line.trim_end().ends_with('1'), "{line}");
    // A head of another department sees their own figures only.
    let head_km = app.signed_in("krzysztof.krawczyk").await;
    assert!(!head_km.get("/reports").await.body.contains("<li class=\"card\" data-overdue>"));

    // Answered late, it no longer counts as overdue.
    let michal_id = app.staff_id("michal.wojcik").await.to_string();
    assert_eq!(step(&head, id, "assign", &[("answerer_id", &michal_id)]).await.status, 303);
    let michal = app.signed_in("michal.wojcik").await;
    let res = step(
        &michal,
        id,
        "answer",
        &[("answer_text", "Przepraszamy za zwłokę."), ("answered_on", "13.11.2026"), ("answer_channel", "none")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let supervisor = app.signed_in("supervisor").await;
    assert!(!supervisor.get("/reports").await.body.contains("<li class=\"card\" data-overdue>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_about_a_visit_shows_on_the_employee_s_sheet_for_supervisors_never_on_the_print() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let visit = app.visit_id(&ticket).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{visit}/start"), &[]).await.status, 303);
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains(&format!("/complaints/new?visit={visit}")), "the visit's screen offers it");

    let form = clerk.get(&format!("/complaints/new?visit={visit}")).await;
    assert!(form.body.contains(&ticket), "the form names the visit");
    let due = prefilled_due(&form);
    let words = "Czekałem dwadzieścia minut przy stanowisku, choć nikogo przede mną nie było.";
    let res = clerk
        .post_with_token(
            "/complaints",
            &form.csrf(),
            &[
                ("visit_id", &visit.to_string()),
                ("taken_during", "visit"),
                ("wants_answer", "no"),
                ("about", "visit"),
                ("client_words", words),
                ("remedy", "Przeprosiny, obsługa od razu."),
                ("accepted", "no"),
                ("would_accept", "Pisemne przeprosiny."),
                ("due_on", &due),
            ],
        )
        .await;
    let id = id_of(&res);
    let clerk_id = app.staff_id("clerk").await;
    let (about_staff, would): (Option<uuid::Uuid>, String) =
        sqlx::query_as("select about_staff_id, would_accept from complaint where complaint_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(about_staff, Some(clerk_id), "about the visit: its employee");
    assert_eq!(would, "Pisemne przeprosiny.");
    assert!(clerk.get(&format!("/complaints/{id}")).await.status == 200, "whoever took it may read it");

    let supervisor = app.signed_in("supervisor").await;
    let sheet = supervisor.get(&format!("/reports/staff/{clerk_id}")).await;
    assert_eq!(sheet.status, 200);
    let section = sheet.body.split("<section class=\"no-print\" aria-labelledby=\"sheet-complaints\">").nth(1);
    let section =
        section.expect("the complaints are in a section left off the print").split("</section>").next().unwrap();
    assert!(section.contains(words) && section.contains(&format!("/complaints/{id}")), "{section}");
    let export = supervisor.get(&format!("/reports/staff/{clerk_id}/export?format=csv")).await;
    assert!(!export.body.contains(words), "the sheet's export (the paper copy) leaves it out");
    let own = clerk.get(&format!("/reports/staff/{clerk_id}")).await;
    assert_eq!(own.status, 200);
    assert!(!own.body.contains(words) && !own.body.contains("sheet-complaints"), "not for the employee's own reading");
    let head_km = app.signed_in("krzysztof.krawczyk").await;
    assert!(head_km.get(&format!("/reports/staff/{clerk_id}")).await.body.contains(words), "the head sees it too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_turns_a_low_kiosk_score_with_a_comment_into_a_complaint_in_one_step() {
    let app = TestApp::spawn(office_db().await).await;
    let now = app.clock.now();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        r#"insert into kiosk (name) values ('Kiosk testowy');
        create temp table a (n int, score int, comment text);
        insert into a values (1, 1, 'Pani była niemiła i nie wyjaśniła, czego brakuje.'), (2, 5, 'Wszystko sprawnie'),
                             (3, 2, null);
        insert into survey_answer (questionnaire_id, kiosk_id, submission_key, staff_id, department_id, lang, comment, answered_at)
        select (select questionnaire_id from questionnaire where version = 1), (select kiosk_id from kiosk where name = 'Kiosk testowy'),
               gen_random_uuid(), s.staff_id, s.department_id, 'pl', a.comment, '{now}'::timestamptz - make_interval(mins => a.n)
        from a, staff s where s.login = 'clerk';
        insert into survey_score (survey_answer_id, survey_question_id, score)
        select sa.survey_answer_id, q.survey_question_id, a.score
        from survey_answer sa join a on a.comment is not distinct from sa.comment
        join survey_question q on q.questionnaire_id = sa.questionnaire_id and q.code = 'courtesy';"#
    )))
    .execute(&app.db)
    .await
    .unwrap();
    let low: uuid::Uuid = sqlx::query_scalar("select survey_answer_id from survey_answer where comment like 'Pani%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let supervisor = app.signed_in("supervisor").await;
    let page = supervisor.get("/reports/comments").await;
    assert_eq!(page.status, 200);
    let block = page.body.split("id=\"kiosk-complaints\"").nth(1).expect("the low scores are offered");
    assert!(block.contains(&format!("/reports/comments/{low}/complaint")));
    assert!(!block.contains("Wszystko sprawnie"), "a good score is no complaint");

    let clerk = app.signed_in("clerk").await;
    let token = clerk.get("/").await.csrf();
    assert_eq!(clerk.post_with_token(&format!("/reports/comments/{low}/complaint"), &token, &[]).await.status, 403);

    let path = format!("/reports/comments/{low}/complaint");
    let token = page.csrf();
    let (a, b) =
        tokio::join!(supervisor.post_with_token(&path, &token, &[]), supervisor.post_with_token(&path, &token, &[]));
    let (res, other) = if a.status == 303 { (a, b) } else { (b, a) };
    let id = id_of(&res);
    assert_eq!(other.status, 409, "a double click makes no second complaint");
    let again = supervisor.post_with_token(&format!("/reports/comments/{low}/complaint"), &page.csrf(), &[]).await;
    assert_eq!(again.status, 409, "a second click makes no second complaint");
    // Nor uses up a reference: the next complaint takes the next number.
    let info = app.signed_in("info_point").await;
    id_of(&take(&app, &info, &[]).await);
    let year = today(&app).year();
    assert_eq!(refs(&app).await, [format!("BOM.151.1.{year}"), format!("BOM.151.2.{year}")]);
    let (during, wants, about, staff, words): (String, bool, String, Option<uuid::Uuid>, String) = sqlx::query_as(
        "select taken_during, wants_answer, about, about_staff_id, client_words from complaint where complaint_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((during.as_str(), wants, about.as_str()), ("kiosk", false, "employee"));
    assert_eq!(staff, Some(app.staff_id("clerk").await));
    assert!(words.starts_with("Pani była niemiła"));
    let shown = supervisor.get(&format!("/complaints/{id}")).await;
    assert!(shown.body.contains("Z komentarza w ankiecie"), "{}", shown.body);
    let page = supervisor.get("/reports/comments").await;
    assert!(!page.body.contains("id=\"kiosk-complaints\""), "no longer offered once recorded");
    assert!(app.audit_actions().await.contains(&"complaint.from_kiosk".to_owned()));
    let director = app.signed_in("director").await;
    assert!(director.get("/complaints").await.body.contains("BOM.151.1."), "the director decrees it next");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_pages_and_exports_as_csv_and_xlsx() {
    let db = office_db().await;
    okienko::demo::load_day(&db, Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let states: Vec<String> =
        sqlx::query_scalar("select state::text from case_file where case_type = 'complaint' order by case_ref")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(states.len() >= 5, "{states:?}");
    for state in ["registered", "decreed", "assigned", "answered"] {
        assert!(states.iter().any(|s| s == state), "the demo has one {state}");
    }
    let supervisor = app.signed_in("supervisor").await;
    let register = supervisor.get("/complaints/register").await;
    assert_eq!(register.status, 200);
    assert!(register.body.contains("data-overdue"), "one demo complaint is overdue");
    assert!(!register.body.contains("jan.zielinski@example.pl"), "no contact details in the register");
    let csv = supervisor.get("/complaints/register/export?format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.body.contains("BOM.151.4.") && csv.body.contains("Po terminie"));
    assert!(!csv.body.contains("jan.zielinski@example.pl"));
    let xlsx = supervisor.http_bytes("/complaints/register/export?format=xlsx").await;
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip");
    assert_eq!(supervisor.get("/complaints/register/export?format=pdf").await.status, 404);
    assert_eq!(supervisor.get("/complaints/register?page=2").await.status, 200);
    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/complaints/register").await.status, 403);
    // The demo clerk, about whom one complaint was made and one taken at her desk, reads neither.
    assert!(clerk.get("/complaints").await.status == 200);
}

// ---- The journey in Chromium ----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_taken_at_the_desk_is_decreed_answered_in_time_and_shows_on_the_sheet() {
    use crate::browser::Browser;
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let mut violations = Vec::new();
    let browser = Browser::start().await;

    // The clerk serves the client, who is unhappy: the complaint is taken from the visit.
    browser.switch_to(&app, "clerk").await;
    browser.client.goto(&app.url("/desk")).await.unwrap();
    browser.choose("desk_id", &app.desk_id("4").await.to_string()).await;
    browser.press("main form[action='/desk/open'] button").await;
    assert!(browser.shows("#desk-queue", &ticket).await);
    browser.press("form[action='/desk/call-next'] button").await;
    assert!(browser.shows(".desk__ticket", &ticket).await);
    browser.press("form[action$='/start'] button").await;
    assert!(browser.shows(".desk__current", "Przyjmij skargę").await);
    browser.click(".desk__current a[href^='/complaints/new?visit=']").await;
    assert_eq!(browser.h1_becomes("Przyjmij skargę").await, "Przyjmij skargę");
    assert!(browser.shows("main", &ticket).await, "the form names the visit");
    browser.tick("wants_answer").await;
    browser.tick("channel-email").await;
    browser.fill("contact", "jan.zielinski@example.pl").await;
    browser.fill("client_words", "Czekałem pół godziny, a przy stanowisku nikt nie wyjaśnił, czego brakuje.").await;
    browser.fill("restated", "Klient nie dostał od razu listy brakujących dokumentów.").await;
    browser.fill("cause", "Niepełna karta usługi.").await;
    browser.fill("remedy", "Lista dokumentów wysłana e-mailem jeszcze dziś.").await;
    browser.tick("accepted").await;
    browser.audit_here("complaint-new", &mut violations).await;
    browser.press("main form[action='/complaints'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Skarga przyjęta").await, "{}", browser.client.source().await.unwrap());
    browser.audit_here("complaint-taken", &mut violations).await;
    let id: uuid::Uuid = sqlx::query_scalar("select complaint_id from complaint").fetch_one(&app.db).await.unwrap();
    let page = app.url(&format!("/complaints/{id}"));

    // The director decrees it to Wydział Komunikacji (the visit's department, chosen already).
    browser.switch_to(&app, "director").await;
    browser.client.goto(&app.url("/complaints")).await.unwrap();
    browser.audit_here("complaint-inbox", &mut violations).await;
    browser.client.goto(&page).await.unwrap();
    browser.audit_here("complaint-decree", &mut violations).await;
    browser.fill("note", "Proszę o wyjaśnienie i odpowiedź w terminie.").await;
    browser.press("form[action$='/steps/decree'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Zadekretowana do komórki").await);

    // Its head names who answers; she answers the same week, within the deadline.
    browser.switch_to(&app, "krzysztof.krawczyk").await;
    browser.client.goto(&page).await.unwrap();
    browser.choose("answerer_id", &app.staff_id("magdalena.kozlowska").await.to_string()).await;
    browser.audit_here("complaint-assign", &mut violations).await;
    browser.press("form[action$='/steps/assign'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Wyznaczono osobę odpowiadającą").await);

    app.clock.advance(chrono::TimeDelta::days(3));
    browser.switch_to(&app, "magdalena.kozlowska").await;
    browser.client.goto(&page).await.unwrap();
    browser
        .fill("answer_text", "Przepraszamy. Lista dokumentów jest już pełna na karcie usługi i w e-mailu do Pana.")
        .await;
    browser.tick("answer_channel-email").await;
    browser.audit_here("complaint-answer", &mut violations).await;
    browser.press("form[action$='/steps/answer'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Udzielono odpowiedzi").await);
    assert!(!browser.shows("main", "Po terminie").await, "answered in time");
    let (answered, due): (NaiveDate, NaiveDate) =
        sqlx::query_as("select answered_on, due_on from complaint").fetch_one(&app.db).await.unwrap();
    assert!(answered <= due);

    // The supervisor finds it on the clerk's sheet and in the register.
    browser.switch_to(&app, "supervisor").await;
    let clerk_id = app.staff_id("clerk").await;
    let taken: chrono::DateTime<Utc> =
        sqlx::query_scalar("select registered_at from case_file").fetch_one(&app.db).await.unwrap();
    let month = local_date(taken, &chrono_tz::Europe::Warsaw).format("%Y-%m");
    browser.client.goto(&app.url(&format!("/reports/staff/{clerk_id}?month={month}"))).await.unwrap();
    assert!(browser.shows("#sheet-complaints", "Skargi dotyczące obsługi").await);
    assert!(browser.shows("main", "Czekałem pół godziny").await);
    browser.audit_here("complaint-sheet", &mut violations).await;
    violations.extend(browser.audit(&app.url("/complaints/register"), "complaint-register").await);
    violations.extend(browser.audit(&page, "complaint-answered").await);
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core and the edge check found:\n{}", violations.join("\n"));
}
