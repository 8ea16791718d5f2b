//! Home visits: the whole §5.3 path with the right people, refusals for the wrong
//! ones, stale and concurrent steps, numbering without gaps, health data shown only
//! where needed and audited, the PESEL masked.

use crate::common::{Client, TestApp, office_db};
use chrono::{Datelike, Utc};
use okienko::calendar::{Calendar, local_date};

const TAX: &str = "Zaświadczenie o niezaleganiu w podatkach";

fn year() -> i32 {
    local_date(Utc::now(), &chrono_tz::Europe::Warsaw).year()
}

/// A visit day with one full working day between today and it.
fn visit_day() -> String {
    let calendar = Calendar::statutory_only();
    let today = local_date(Utc::now(), &chrono_tz::Europe::Warsaw);
    calendar.next_working_day(calendar.next_working_day(today)).format("%d.%m.%Y").to_string()
}

async fn register(app: &TestApp, info: &Client) -> uuid::Uuid {
    let kind = app.case_kind_id(TAX).await.to_string();
    let res = info
        .post_form(
            "/home-visits/new",
            "/home-visits",
            &[
                ("client_name", "Helena Wiśniewska"),
                ("client_address", "ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski"),
                ("client_phone", "600 200 300"),
                ("pesel", "44051401458"),
                ("case_kind_id", &kind),
                ("reason", "Po operacji biodra, leżąca do końca miesiąca."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.location().unwrap().to_owned();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// Takes a step with the version shown on the request's page.
async fn step(client: &Client, id: uuid::Uuid, step: &str, fields: &[(&str, &str)]) -> crate::common::Page {
    let page = client.get(&format!("/home-visits/{id}")).await;
    let version = page
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .map(|v| v.split('"').next().unwrap().to_owned())
        .unwrap_or_else(|| "0".into());
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    let token = if page.status == 200 { page.csrf() } else { client.get("/").await.csrf() };
    client.post_with_token(&format!("/home-visits/{id}/steps/{step}"), &token, &all).await
}

async fn state_of(app: &TestApp, id: uuid::Uuid) -> String {
    sqlx::query_scalar("select state::text from case_file where case_file_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_travels_from_the_information_point_to_the_recorded_visit() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let case_ref: String = sqlx::query_scalar("select case_ref from case_file").fetch_one(&app.db).await.unwrap();
    assert_eq!(case_ref, format!("BOM.1510.1.{}", year()));

    let director = app.signed_in("director").await;
    assert!(director.get("/home-visits").await.body.contains(&case_ref), "the director's inbox shows the new request");
    let fp: uuid::Uuid = app.department_id("FP").await;
    let res = step(
        &director,
        id,
        "decree",
        &[("department_id", &fp.to_string()), ("note", "Proszę o wyznaczenie pracownika i termin.")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let head = app.signed_in("department_head").await;
    let michal = app.staff_id("michal.wojcik").await.to_string();
    let res = step(&head, id, "schedule", &[("employees", &michal), ("date", &visit_day()), ("time", "10:30")]).await;
    assert_eq!(res.status, 303, "{}", res.body);

    let drafter = app.staff_id("barbara.pawlowska").await.to_string();
    assert_eq!(step(&director, id, "assign_drafter", &[("drafter_id", &drafter)]).await.status, 303);
    let barbara = app.signed_in("barbara.pawlowska").await;
    assert_eq!(step(&barbara, id, "draft", &[]).await.status, 303);
    let scope: String = sqlx::query_scalar("select scope from authorisation").fetch_one(&app.db).await.unwrap();
    assert!(scope.contains(TAX) && scope.contains(&visit_day()), "{scope}");

    let secretary = app.signed_in("secretary").await;
    let to_sign = secretary.get(&format!("/home-visits/{id}")).await.body;
    assert!(
        to_sign.contains("Podpisujesz upoważnienia o tej treści")
            && to_sign.contains("upoważniam: Michał Wójcik, do wykonania"),
        "the Secretary reads what she signs"
    );
    assert_eq!(step(&secretary, id, "sign", &[]).await.status, 303);
    let number: String =
        sqlx::query_scalar("select register_number from authorisation").fetch_one(&app.db).await.unwrap();
    assert_eq!(number, format!("UP/0001/{}", year()));

    // Done only from the visit's day: before it, the page says from when.
    let early = app.signed_in("michal.wojcik").await;
    assert_eq!(step(&early, id, "record_done", &[]).await.status, 303);
    assert_eq!(state_of(&app, id).await, "authorised", "not recorded before the visit");
    let notice = early.get(&format!("/home-visits/{id}")).await.body;
    assert!(notice.contains(&format!("od dnia wizyty, {}", visit_day())), "{notice}");
    let today = local_date(Utc::now(), &chrono_tz::Europe::Warsaw);
    let day = chrono::NaiveDate::parse_from_str(&visit_day(), "%d.%m.%Y").unwrap();
    app.clock.advance(chrono::TimeDelta::days((day - today).num_days()));
    let employee = app.signed_in("michal.wojcik").await;
    assert_eq!(step(&employee, id, "record_done", &[]).await.status, 303);
    assert_eq!(state_of(&app, id).await, "visited");
    let steps: i64 = sqlx::query_scalar("select count(*) from case_history").fetch_one(&app.db).await.unwrap();
    assert_eq!(steps, 7, "registered, decreed, scheduled, passed on, drafted, signed, visited");
    let page = employee.get(&format!("/home-visits/{id}")).await;
    assert!(
        page.body.contains("Proszę o wyznaczenie pracownika i termin."),
        "the decree's instruction is in the timeline"
    );
    assert!(
        !page.body.contains("(Wizyta zaplanowana → Wizyta zaplanowana)"),
        "a step that keeps the state says no change of state"
    );
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'home_visit.step'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 6);

    // The case page links the signed authorisation for the employee who holds it.
    assert!(page.body.contains("href=\"/authorisations/"), "the authorisation is reached from the case");

    // The register: BOMiNO, the director and the Secretary read it; others do not.
    // (Days have passed: they sign in again.)
    let director = app.signed_in("director").await;
    for login in ["director", "barbara.pawlowska", "secretary"] {
        let page = app.signed_in(login).await.get(&format!("/authorisations?case_ref={case_ref}")).await;
        assert!(page.body.contains(&number) && page.body.contains("Michał Wójcik"));
    }
    assert_eq!(app.signed_in("clerk").await.get("/authorisations").await.status, 403);
    let nothing = director.get("/authorisations?employee=nikt+taki").await;
    assert!(!nothing.body.contains(&number), "the search filters");
    let csv = director.get("/authorisations.csv").await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.body.contains("numer,pracownik,znak sprawy"));
    assert!(csv.body.contains(&format!("{number},Michał Wójcik,{case_ref}")));
    let authorisation: uuid::Uuid =
        sqlx::query_scalar("select authorisation_id from authorisation").fetch_one(&app.db).await.unwrap();
    let printed = employee.get(&format!("/authorisations/{authorisation}")).await;
    assert_eq!(printed.status, 200, "the authorised employee prints their own");
    assert!(
        printed.body.contains("upoważniam Pana:")
            && printed.body.contains("<dd>Michał Wójcik</dd>")
            && printed.body.contains("<dd>Podinspektor</dd>")
            && printed.body.contains("Sekretarz Miasta<br>Joanna Zielińska")
    );
    assert_eq!(
        app.signed_in("anna.kowalczyk").await.get(&format!("/authorisations/{authorisation}")).await.status,
        403
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wrong_person_is_refused_at_every_step() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let fp: uuid::Uuid = app.department_id("FP").await;

    for login in ["clerk", "secretary", "department_head", "supervisor"] {
        let res =
            step(&app.signed_in(login).await, id, "decree", &[("department_id", &fp.to_string()), ("note", "x")]).await;
        assert!(res.status == 403, "{login} decreed: {}", res.status);
    }
    assert_eq!(
        step(&app.signed_in("director").await, id, "decree", &[("department_id", &fp.to_string()), ("note", "Proszę")])
            .await
            .status,
        303
    );
    let michal = app.staff_id("michal.wojcik").await.to_string();
    let schedule = [("employees", michal.as_str()), ("date", &visit_day()), ("time", "10:00")];
    // The head of another department may not schedule it.
    assert_eq!(step(&app.signed_in("piotr.jankowski").await, id, "schedule", &schedule).await.status, 403);
    assert_eq!(step(&app.signed_in("director").await, id, "schedule", &schedule).await.status, 403);
    assert_eq!(state_of(&app, id).await, "decreed", "nothing moved");
    assert_eq!(
        step(&app.signed_in("department_head").await, id, "sign", &[]).await.status,
        409,
        "a step not open in this state"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_too_soon_or_out_of_hours_is_explained() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let fp: uuid::Uuid = app.department_id("FP").await;
    step(&app.signed_in("director").await, id, "decree", &[("department_id", &fp.to_string()), ("note", "Proszę")])
        .await;
    let head = app.signed_in("department_head").await;
    let michal = app.staff_id("michal.wojcik").await.to_string();
    let tomorrow = Calendar::statutory_only().next_working_day(local_date(Utc::now(), &chrono_tz::Europe::Warsaw));
    let res = step(
        &head,
        id,
        "schedule",
        &[("employees", &michal), ("date", &tomorrow.format("%d.%m.%Y").to_string()), ("time", "10:00")],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("co najmniej jeden pełny dzień roboczy"));
    // The refusal and the hint both say the earliest day the rule allows.
    let earliest = format!("najwcześniej {}", visit_day());
    assert_eq!(
        res.body.matches(&earliest).count(),
        3,
        "the hint, the message at the field and the summary: {earliest}"
    );
    // The head picks among front-line staff, the department's own first: no admin, no Secretary.
    let form = head.get(&format!("/home-visits/{id}")).await.body;
    assert!(
        !form.contains("Paweł Dąbrowski") && !form.contains("Joanna Zielińska"),
        "no account without a front-line role"
    );
    let first = form.find("name=\"employees\"").unwrap();
    assert!(form[first..].find("Michał Wójcik") < form[first..].find("Anna Kowalczyk"), "the department's own first");
    // "Send back" without a reason: the message at the reason field, the form open.
    let back = step(&head, id, "send_back", &[]).await;
    assert_eq!(back.status, 422);
    assert!(
        back.body.contains("id=\"note\"")
            && back.body.contains("href=\"#note\"")
            && back.body.contains("id=\"note-error\"")
    );
    let res = step(&head, id, "schedule", &[("employees", &michal), ("date", &visit_day()), ("time", "18:30")]).await;
    assert!(res.body.contains("w godzinach pracy urzędu (09:00–17:00)"));
    let res = step(&head, id, "schedule", &[("date", &visit_day()), ("time", "10:00")]).await;
    assert!(res.body.contains("Wybierz co najmniej jedną osobę"));
    assert_eq!(state_of(&app, id).await, "decreed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clicks_on_the_same_step_succeed_once_and_the_second_gets_409() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let fp: uuid::Uuid = app.department_id("FP").await;
    let director = app.signed_in("director").await;
    let other_tab = app.signed_in("director").await;
    for _ in 0..5 {
        let id = register(&app, &info).await;
        let fields = [("department_id", fp.to_string()), ("note", "Proszę".to_owned())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (a, b) = tokio::join!(step(&director, id, "decree", &fields), step(&other_tab, id, "decree", &fields));
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [303, 409], "exactly one decree wins");
        let decrees: i64 =
            sqlx::query_scalar("select count(*) from case_history where case_file_id = $1 and step = 'decree'")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(decrees, 1);
    }
    let id = register(&app, &info).await;
    let stale = director.get(&format!("/home-visits/{id}")).await;
    step(&other_tab, id, "cancel", &[("note", "Klient zrezygnował")]).await;
    let res = director
        .post_with_token(
            &format!("/home-visits/{id}/steps/decree"),
            &stale.csrf(),
            &[("version", "1"), ("department_id", &fp.to_string()), ("note", "x")],
        )
        .await;
    assert_eq!(res.status, 409);
    assert!(res.body.contains("Dane zostały zmienione"), "the second learns the request has changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_references_are_numbered_without_gaps_under_concurrency() {
    let app = TestApp::spawn(office_db().await).await;
    let first = app.signed_in("info_point").await;
    let second = app.signed_in("barbara.pawlowska").await;
    sqlx::query("insert into staff_role (staff_id, role) select staff_id, 'info_point' from staff where login = 'barbara.pawlowska' on conflict do nothing")
        .execute(&app.db)
        .await
        .unwrap();
    for _ in 0..5 {
        tokio::join!(register(&app, &first), register(&app, &second), register(&app, &first));
    }
    let numbers: Vec<String> = sqlx::query_scalar("select case_ref from case_file").fetch_all(&app.db).await.unwrap();
    let mut n: Vec<u32> = numbers.iter().map(|r| r.split('.').nth(2).unwrap().parse().unwrap()).collect();
    n.sort();
    assert_eq!(n, (1..=15).collect::<Vec<u32>>(), "{numbers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_health_reason_and_the_pesel_are_shown_only_where_needed_and_every_display_is_audited() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let reason = "Po operacji biodra";

    let secretary = app.signed_in("secretary").await;
    let page = secretary.get(&format!("/home-visits/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(reason), "the Secretary does not need the health reason");
    assert!(page.body.contains("•••••••1458") && !page.body.contains("44051401458"), "the PESEL is masked");

    let director = app.signed_in("director").await;
    assert!(director.get(&format!("/home-visits/{id}")).await.body.contains(reason), "the director decrees with it");
    let viewed: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'home_visit.reason_viewed'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(viewed, 1, "one display, one audit row");

    let token = director.get(&format!("/home-visits/{id}")).await.csrf();
    let revealed = director.post_with_token(&format!("/home-visits/{id}/pesel"), &token, &[]).await;
    assert!(revealed.body.contains("44051401458"));
    let pesel_viewed: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'home_visit.pesel_viewed'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(pesel_viewed, 1);
    let secretary_try =
        secretary.post_with_token(&format!("/home-visits/{id}/pesel"), &secretary.get("/").await.csrf(), &[]).await;
    assert!(!secretary_try.body.contains("44051401458"), "not for those who do not need it");

    assert_eq!(
        app.signed_in("clerk").await.get(&format!("/home-visits/{id}")).await.status,
        403,
        "uninvolved staff cannot open it"
    );
    let list = app.signed_in("director").await.get("/home-visits").await;
    assert!(!list.body.contains("44051401458") && !list.body.contains(reason), "lists show neither");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_pesel_is_explained_on_the_form() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let kind = app.case_kind_id(TAX).await.to_string();
    let res = info
        .post_form(
            "/home-visits/new",
            "/home-visits",
            &[
                ("client_name", "Jan Lis"),
                ("client_address", "ul. Długa 1, Piotrków"),
                ("client_phone", "600200300"),
                ("pesel", "44051401459"),
                ("case_kind_id", &kind),
                ("reason", "Choroba"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("błędną cyfrę kontrolną"));
    assert!(res.body.contains("value=\"Jan Lis\""));
    let res = info
        .post_form(
            "/home-visits/new",
            "/home-visits",
            &[
                ("client_name", "Jan Lis"),
                ("client_address", "ul. Długa 1, Piotrków"),
                ("client_phone", "600200300"),
                ("case_kind_id", &kind),
                ("reason", "Choroba"),
            ],
        )
        .await;
    assert!(res.body.contains("Ta sprawa wymaga numeru PESEL"));
    let count: i64 = sqlx::query_scalar("select count(*) from home_visit_request").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_office_has_a_request_waiting_for_each_person_of_the_workflow() {
    let db = office_db().await;
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let count: i64 = sqlx::query_scalar("select count(*) from home_visit_request").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 7, "one request per step, loaded once");
    // Sealed at start-up, as `okienko serve` does with the demo's plain values.
    let sealed: Vec<(uuid::Uuid, Vec<u8>)> = sqlx::query_as(
        "select home_visit_request_id, pesel_sealed from home_visit_request where pesel_sealed is not null",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(!sealed.is_empty());
    for (id, value) in sealed {
        let context = okienko::crypto::context("home_visit_request", "pesel_sealed", id);
        let pesel = crate::common::test_keys().open_str(&context, &value).unwrap();
        assert!(okienko::pesel::Pesel::parse(&pesel).is_ok(), "the demo's PESEL {pesel} passes the app's own check");
    }
    for (login, waiting) in [("director", 2), ("department_head", 1), ("info_point", 1), ("secretary", 1), ("clerk", 1)]
    {
        let home = app.signed_in(login).await.get("/").await;
        assert!(home.body.contains(&format!("Czekają na Ciebie: {waiting}")), "{login} should have {waiting} waiting");
    }
    let director = app.signed_in("director").await;
    let register = director.get("/authorisations").await;
    assert!(
        register.body.contains(&format!("UP/0002/{}", year()))
            && register.body.contains(&format!("UP/0001/{}", year()))
    );
}

/// Puts the request into `state` with everything that state implies (department,
/// schedule, drafter, authorisations), as if the steps before had been taken.
async fn put_in_state(app: &TestApp, id: uuid::Uuid, state: &str) {
    let fp: uuid::Uuid = app.department_id("FP").await;
    let michal = app.staff_id("michal.wojcik").await;
    let barbara = app.staff_id("barbara.pawlowska").await;
    sqlx::query("delete from authorisation where home_visit_request_id = $1").bind(id).execute(&app.db).await.unwrap();
    sqlx::query("delete from case_person where case_file_id = $1").bind(id).execute(&app.db).await.unwrap();
    let later = !matches!(state, "registered");
    let scheduled = matches!(state, "scheduled" | "drafted" | "authorised" | "visited");
    sqlx::query(
        "update case_file set state = $2::case_state, version = version + 1, department_id = case when $3 then $4 end
         where case_file_id = $1",
    )
    .bind(id)
    .bind(state)
    .bind(later)
    .bind(fp)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "update home_visit_request set planned_at = case when $2 then now() end
         where home_visit_request_id = $1",
    )
    .bind(id)
    .bind(scheduled)
    .execute(&app.db)
    .await
    .unwrap();
    if scheduled {
        sqlx::query("insert into case_person values ($1, $2, 'designated'), ($1, $3, 'drafter')")
            .bind(id)
            .bind(michal)
            .bind(barbara)
            .execute(&app.db)
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_step_and_person_over_http() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let fp: uuid::Uuid = app.department_id("FP").await;
    let (fp, michal, barbara) = (
        fp.to_string(),
        app.staff_id("michal.wojcik").await.to_string(),
        app.staff_id("barbara.pawlowska").await.to_string(),
    );
    // Every field any step reads, valid, so that only the person and the state decide.
    let fields: Vec<(&str, &str)> = vec![
        ("note", "Uzasadnienie"),
        ("department_id", &fp),
        ("employees", &michal),
        ("time", "10:00"),
        ("drafter_id", &barbara),
    ];
    let day = visit_day();
    // The people of the demo office: the roles, plus the designated employee (Michał Wójcik)
    // and the BOMiNO employee the director passed the request to (Barbara Pawłowska).
    let people = [
        "info_point",
        "director",
        "department_head",
        "piotr.jankowski",
        "secretary",
        "clerk",
        "supervisor",
        "admin",
        "michal.wojcik",
        "barbara.pawlowska",
    ];
    let mut clients = Vec::new();
    for login in people {
        clients.push((login, app.signed_in(login).await));
    }
    // Who may take each step from each state (the regulation's table), by login. Passing
    // the request on to a drafter is left to the unit tests: here one is always assigned.
    let expected = |state: &str, step: &str| -> Option<(&'static str, &'static [&'static str])> {
        Some(match (state, step) {
            ("registered", "decree") => ("decreed", &["director"]),
            ("decreed", "schedule") => ("scheduled", &["department_head"]),
            ("scheduled", "draft") => ("drafted", &["barbara.pawlowska"]),
            ("drafted", "sign") => ("authorised", &["secretary"]),
            ("authorised", "record_done") | ("authorised", "record_absent") => ("visited", &["michal.wojcik"]),
            ("authorised", "record_rescheduled") => ("decreed", &["michal.wojcik"]),
            ("decreed", "send_back") => ("registered", &["department_head"]),
            ("scheduled", "send_back") => ("decreed", &["director"]),
            ("drafted", "send_back") => ("scheduled", &["secretary"]),
            // Barbara Pawłowska works at the information point too.
            (s, "cancel") if s != "visited" && s != "cancelled" => {
                ("cancelled", &["director", "info_point", "barbara.pawlowska"])
            }
            _ => return None,
        })
    };
    let mut wrong = Vec::new();
    for state in ["registered", "decreed", "scheduled", "drafted", "authorised", "visited", "cancelled"] {
        for step in [
            "decree",
            "schedule",
            "draft",
            "sign",
            "record_done",
            "record_absent",
            "record_rescheduled",
            "send_back",
            "cancel",
        ] {
            for (login, client) in &clients {
                put_in_state(&app, id, state).await;
                let mut all = fields.clone();
                all.push(("date", &day));
                let res = step_with(client, id, step, &all).await;
                let got = state_of(&app, id).await;
                let (want_status, want_state) = match expected(state, step) {
                    Some((to, who)) if who.contains(login) => (303, to),
                    // Not this person's step (403), or not a step of this state (409).
                    Some(_) => (403, state),
                    None => (409, state),
                };
                if res.status != want_status || got != want_state {
                    wrong.push(format!("{state} --{step}--> as {login}: {} and {got}", res.status));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "unexpected:\n{}", wrong.join("\n"));
}

/// Like `step`, but reads the version from the database (the reader may not see the page).
async fn step_with(client: &Client, id: uuid::Uuid, step: &str, fields: &[(&str, &str)]) -> crate::common::Page {
    let token = client.get("/").await.csrf();
    let version = client.get(&format!("/home-visits/{id}")).await;
    let version =
        version.body.split("name=\"version\" value=\"").nth(1).map(|v| v.split('"').next().unwrap().to_owned());
    let version = version.unwrap_or_default();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    client.post_with_token(&format!("/home-visits/{id}/steps/{step}"), &token, &all).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_attachment_prints_with_its_data_for_the_director_and_the_information_point_only() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    let printed = info.get(&format!("/home-visits/{id}/attachment")).await;
    assert_eq!(printed.status, 200);
    assert!(printed.body.contains("44051401458") && printed.body.contains("Po operacji biodra"));
    assert!(printed.body.contains("Podpis pracownika Punktu Informacyjnego"));
    assert_eq!(app.signed_in("secretary").await.get(&format!("/home-visits/{id}/attachment")).await.status, 403);
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'home_visit.attachment_printed'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // The role alone is not enough: once the request has left registration the
    // information point no longer prints its health reason and PESEL, and nobody
    // prints a closed or cancelled one (nor reveals its PESEL).
    let fp = app.department_id("FP").await.to_string();
    let director = app.signed_in("director").await;
    assert_eq!(step(&director, id, "decree", &[("department_id", &fp), ("note", "Proszę")]).await.status, 303);
    let attachment = format!("/home-visits/{id}/attachment");
    assert_eq!(info.get(&attachment).await.status, 403, "the information point, after the decree");
    assert!(!info.get(&format!("/home-visits/{id}")).await.body.contains(&attachment), "and is offered no link");
    assert_eq!(director.get(&attachment).await.status, 200, "the director, while it is open");
    let other = register(&app, &info).await;
    put_in_state(&app, other, "cancelled").await;
    assert_eq!(director.get(&format!("/home-visits/{other}/attachment")).await.status, 403, "a cancelled request");
    let token = director.get(&format!("/home-visits/{other}")).await.csrf();
    let revealed = director.post_with_token(&format!("/home-visits/{other}/pesel"), &token, &[]).await;
    assert_eq!(revealed.status, 200, "the director still reads the closed request");
    assert!(!revealed.body.contains("44051401458"), "a closed request's PESEL stays masked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_many_requests_at_once_numbers_the_register_without_gaps() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let mut ids = Vec::new();
    for _ in 0..6 {
        let id = register(&app, &info).await;
        put_in_state(&app, id, "scheduled").await;
        // Drafted: one authorisation each for two employees.
        sqlx::query(
            "insert into case_person select $1, staff_id, 'designated' from staff where login = 'anna.kowalczyk'",
        )
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
        sqlx::query(
            "insert into authorisation (home_visit_request_id, staff_id, scope, valid_from, valid_to)
             select $1, staff_id, 'do wykonania czynności', current_date + 3, current_date + 3 from case_person
             where case_file_id = $1 and part = 'designated'",
        )
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
        sqlx::query("update case_file set state = 'drafted', version = version + 1 where case_file_id = $1")
            .bind(id)
            .execute(&app.db)
            .await
            .unwrap();
        ids.push(id);
    }
    let first = app.signed_in("secretary").await;
    let second = app.signed_in("secretary").await;
    for pair in ids.chunks(2) {
        let (a, b) = tokio::join!(step(&first, pair[0], "sign", &[]), step(&second, pair[1], "sign", &[]));
        assert_eq!((a.status, b.status), (303, 303));
    }
    let numbers: Vec<String> =
        sqlx::query_scalar("select register_number from authorisation").fetch_all(&app.db).await.unwrap();
    let mut n: Vec<u32> = numbers.iter().map(|r| r.split('/').nth(1).unwrap().parse().unwrap()).collect();
    n.sort();
    assert_eq!(n, (1..=12).collect::<Vec<u32>>(), "{numbers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whoever_drafted_the_authorisations_does_not_sign_them_even_holding_both_roles() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info).await;
    put_in_state(&app, id, "scheduled").await;
    // Barbara drafts for BOMiNO and, in this office, also stands in as the Secretary.
    let barbara_id = app.staff_id("barbara.pawlowska").await;
    sqlx::query("insert into staff_role (staff_id, role) values ($1, 'secretary')")
        .bind(barbara_id)
        .execute(&app.db)
        .await
        .unwrap();
    let barbara = app.signed_in("barbara.pawlowska").await;
    assert_eq!(step(&barbara, id, "draft", &[]).await.status, 303);
    assert_eq!(state_of(&app, id).await, "drafted");
    let res = step(&barbara, id, "sign", &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(state_of(&app, id).await, "drafted", "she cannot sign her own drafts");
    let page = barbara.get(&format!("/home-visits/{id}")).await;
    assert!(page.body.contains("zasada czterech oczu"), "and is told why");
    assert_eq!(step(&app.signed_in("secretary").await, id, "sign", &[]).await.status, 303);
    assert_eq!(state_of(&app, id).await, "authorised", "the Secretary signs them");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_designates_their_own_staff_and_another_departments_only_with_its_heads_consent() {
    let app = TestApp::spawn(office_db().await).await;
    let id = register(&app, &app.signed_in("info_point").await).await;
    put_in_state(&app, id, "decreed").await;
    let head = app.signed_in("department_head").await; // FP
    let katarzyna = app.staff_id("clerk").await.to_string(); // KM
    let day = visit_day();
    let typed = [("employees", katarzyna.as_str()), ("date", day.as_str()), ("time", "10:30")];

    // Another department's clerk cannot simply be designated: she would see the PESEL and the reason.
    let page = head.get(&format!("/home-visits/{id}")).await;
    let own_list = page.body.split("id=\"employees\"").nth(1).unwrap().split("</fieldset>").next().unwrap();
    assert!(own_list.contains("Michał Wójcik") && !own_list.contains("Katarzyna Nowak"), "{own_list}");
    let res = step(&head, id, "schedule", &typed).await;
    assert_eq!(res.status, 422, "refused at the field");
    assert!(res.body.contains("po zgodzie naczelnika jego wydziału"), "the message says why");
    assert_eq!(state_of(&app, id).await, "decreed", "nothing was taken");

    // The head asks the KM head for her, saying why; an empty reason is explained.
    let token = page.csrf();
    let ask = format!("/home-visits/{id}/loans");
    let res = head.post_with_token(&ask, &token, &[("loan_staff_id", &katarzyna), ("loan_note", "")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Napisz, dlaczego ten pracownik"));
    let why = [("loan_staff_id", katarzyna.as_str()), ("loan_note", "Zna rejon ul. Słowackiego i język migowy.")];
    assert_eq!(head.post_with_token(&ask, &token, &why).await.status, 303);
    assert_eq!(head.post_with_token(&ask, &token, &why).await.status, 303, "a second click asks nothing more");
    let asks: i64 = sqlx::query_scalar("select count(*) from home_visit_loan").fetch_one(&app.db).await.unwrap();
    assert_eq!(asks, 1);
    assert!(head.get(&format!("/home-visits/{id}")).await.body.contains("czeka na odpowiedź"));

    // The KM head sees the ask (and nothing of the client); another head cannot answer it.
    let km_head = app.signed_in("krzysztof.krawczyk").await;
    let list = km_head.get("/home-visits").await;
    assert!(list.body.contains("Prośby innych wydziałów o pracowników wydziału"), "{}", list.body);
    assert!(list.body.contains("Zna rejon ul. Słowackiego"));
    assert!(!list.body.contains("biodra") && !list.body.contains("44051401458"), "no health data, no PESEL");
    let loan: uuid::Uuid =
        sqlx::query_scalar("select home_visit_loan_id from home_visit_loan").fetch_one(&app.db).await.unwrap();
    let answer = format!("/home-visit-loans/{loan}");
    let usc_head = app.signed_in("piotr.jankowski").await;
    let res = usc_head.post_form("/home-visits", &answer, &[("decision", "agree")]).await;
    assert_eq!(res.status, 403, "only the head of her department answers");
    assert_eq!(km_head.post_with_token(&answer, &list.csrf(), &[("decision", "agree")]).await.status, 303);
    let again = km_head.post_with_token(&answer, &list.csrf(), &[("decision", "refuse")]).await;
    assert_eq!(again.status, 303);
    let agreed: Option<bool> =
        sqlx::query_scalar("select agreed from home_visit_loan").fetch_one(&app.db).await.unwrap();
    assert_eq!(agreed, Some(true), "the first answer stands");

    // Lent for this request, she can now be designated.
    let page = head.get(&format!("/home-visits/{id}")).await;
    assert!(page.body.contains("Katarzyna Nowak"));
    let res = step(&head, id, "schedule", &typed).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let designated: Vec<uuid::Uuid> =
        sqlx::query_scalar("select staff_id from case_person where case_file_id = $1 and part = 'designated'")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(designated, [app.staff_id("clerk").await]);
    let actions = app.audit_actions().await;
    assert!(
        actions.contains(&"home_visit.loan_asked".to_owned())
            && actions.contains(&"home_visit.loan_answered".to_owned())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_and_lending_a_colleague_read_well_at_the_desk() {
    use crate::browser::Browser;

    let app = TestApp::spawn(office_db().await).await;
    let id = register(&app, &app.signed_in("info_point").await).await;
    put_in_state(&app, id, "decreed").await;
    let head = app.signed_in("department_head").await;
    let anna = app.staff_id("anna.kowalczyk").await.to_string();
    let token = head.get(&format!("/home-visits/{id}")).await.csrf();
    let why =
        [("loan_staff_id", anna.as_str()), ("loan_note", "Zna język ukraiński, klientka mówi tylko po ukraińsku.")];
    assert_eq!(head.post_with_token(&format!("/home-visits/{id}/loans"), &token, &why).await.status, 303);

    let browser = Browser::start().await;
    let mut violations = Vec::new();
    browser.sign_in(&app, "department_head", crate::common::DEMO_PASSWORD).await;
    violations.extend(browser.audit(&app.url(&format!("/home-visits/{id}")), "home-visit-loans-asking").await);
    browser.client.delete_all_cookies().await.unwrap();
    browser.sign_in(&app, "piotr.jankowski", crate::common::DEMO_PASSWORD).await;
    violations.extend(browser.audit(&app.url("/home-visits"), "home-visit-loans-lending").await);
    let list = browser.client.source().await.unwrap();
    assert!(list.contains("Zna język ukraiński"), "the USC head reads why Anna is asked for");
    browser.stop().await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
