//! Visits and the queue: tickets, priority, calling (also concurrently), outcomes,
//! redirects that keep the ticket's place, assistance requests, the hall display.

use std::time::Duration;

use crate::common::{TestApp, office_db};
use futures_util::StreamExt;

const CAR: &str = "Rejestracja pojazdu";
const LICENCE: &str = "Wymiana prawa jazdy";
const CERTIFICATE: &str = "Odpis aktu stanu cywilnego";

async fn call_next(app: &TestApp, clerk: &crate::common::Client) -> Option<String> {
    let res = clerk.post_form("/desk", "/desk/call-next", &[]).await;
    assert_eq!(res.status, 303);
    app.current_ticket(clerk).await
}

async fn finish_settled(app: &TestApp, clerk: &crate::common::Client, ticket: &str) {
    let id = app.visit_id(ticket).await;
    let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/finish"), &[("outcome", "settled")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_are_numbered_per_day_and_department() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    assert_eq!(app.register(&info, CAR, &[]).await, "K001");
    assert_eq!(app.register(&info, LICENCE, &[]).await, "K002");
    assert_eq!(app.register(&info, CERTIFICATE, &[]).await, "U001");
    assert_eq!(app.register(&info, CAR, &[]).await, "K003");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_out_of_turn_is_called_first_then_the_others_by_arrival() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let first = app.register(&info, CAR, &[]).await;
    let second = app.register(&info, LICENCE, &[]).await;
    let out_of_turn = app.register(&info, CAR, &[("priority", "1")]).await;

    let clerk = app.clerk_at_desk("clerk", "4").await;
    let desk = clerk.get("/desk").await;
    let order: Vec<usize> =
        [&out_of_turn, &first, &second].iter().map(|t| desk.body.find(&format!(">{t}")).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "the waiting list shows priority first, then arrival");

    for expected in [&out_of_turn, &first, &second] {
        let ticket = call_next(&app, &clerk).await;
        assert_eq!(ticket.as_ref(), Some(expected));
        finish_settled(&app, &clerk, expected).await;
    }
    let res = clerk.post_form("/desk", "/desk/call-next", &[]).await;
    assert_eq!(res.status, 303);
    assert!(clerk.get("/desk").await.body.contains("Nikt nie czeka."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registration_form_never_asks_why_and_keeps_personal_data_optional() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let form = info.get("/visits/new").await;
    assert!(form.body.contains("Nie pytaj klienta o powód"));
    assert!(!form.body.to_lowercase().contains("uzasadni"), "no field asks for a justification (§5.1.3)");

    let res = info.post_form("/visits/new", "/visits", &[("client_phone", "12345")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Wybierz rodzaj sprawy albo komórkę"));
    assert!(res.body.contains("Wpisz istniejący numer telefonu"));

    let ticket = app.register(&info, CAR, &[("client_name", "Jan Nowak"), ("client_phone", "600-100-200")]).await;
    let phone: Option<String> = sqlx::query_scalar("select client_phone from visit where ticket = $1")
        .bind(&ticket)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(phone.as_deref(), Some("+48 600 100 200"));
}

/// Calls and marks "did not come" until nobody waits; returns the tickets called.
async fn call_until_empty(app: &TestApp, clerk: &crate::common::Client) -> Vec<String> {
    let mut called = Vec::new();
    loop {
        let token = clerk.get("/desk").await.csrf();
        let res = clerk.post_with_token("/desk/call-next", &token, &[]).await;
        assert_eq!(res.status, 303);
        let Some(ticket) = app.current_ticket(clerk).await else { break };
        let id = app.visit_id(&ticket).await;
        let res = clerk.post_with_token(&format!("/desk/visits/{id}/no-show"), &token, &[]).await;
        assert_eq!(res.status, 303);
        called.push(ticket);
    }
    called
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clerks_calling_at_once_never_get_the_same_client() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let first = app.clerk_at_desk("clerk", "4").await;
    let second = app.clerk_at_desk("magdalena.kozlowska", "3").await;

    for round in 0..5 {
        for _ in 0..4 {
            app.register(&info, CAR, &[]).await;
        }
        // Both clerks call, mark "did not come", and call again, truly at the same time.
        let (a, b) = tokio::join!(call_until_empty(&app, &first), call_until_empty(&app, &second));
        let mut all: Vec<String> = a.iter().chain(&b).cloned().collect();
        all.sort();
        let before = all.len();
        all.dedup();
        assert_eq!(before, all.len(), "round {round}: a ticket was called twice: {a:?} {b:?}");
        assert_eq!(all.len(), 4, "round {round}: every client was called once");
    }
    let twice: i64 = sqlx::query_scalar(
        "select count(*) from (select target_id from audit_event where action = 'visit.called' group by target_id having count(*) > 1) x",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(twice, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_call_next_calls_one_client() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    for _ in 0..3 {
        app.register(&info, CAR, &[]).await;
    }
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let token = clerk.get("/desk").await.csrf();
    let (a, b) = tokio::join!(
        clerk.post_with_token("/desk/call-next", &token, &[]),
        clerk.post_with_token("/desk/call-next", &token, &[])
    );
    assert!(a.status == 303 && b.status == 303);
    let active: i64 =
        sqlx::query_scalar("select count(*) from visit where status = 'called'").fetch_one(&app.db).await.unwrap();
    assert_eq!(active, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calling_a_client_a_colleague_already_called_is_a_clear_409() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[]).await;
    let id = app.visit_id(&ticket).await;
    let first = app.clerk_at_desk("clerk", "4").await;
    let second = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    assert_eq!(first.post_form("/desk", &format!("/desk/visits/{id}/call"), &[]).await.status, 303);
    let res = second.post_form("/desk", &format!("/desk/visits/{id}/call"), &[]).await;
    assert_eq!(res.status, 409);
    assert!(res.body.contains("Dane zostały zmienione"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outcome_records_what_the_standards_ask() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));
    let id = app.visit_id(&ticket).await;
    let finish = format!("/desk/visits/{id}/finish");
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/start"), &[]).await.status, 303);

    let res = clerk.post_form("/desk", &finish, &[("outcome", "documents_accepted")]).await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains("Wpisz termin załatwienia sprawy podany klientowi"),
        "Std 11.5: the settlement date is required"
    );
    let res =
        clerk.post_form("/desk", &finish, &[("outcome", "documents_accepted"), ("settle_by", "01.01.2020")]).await;
    assert!(res.body.contains("nie może być wcześniejsza niż dziś"));
    let res = clerk
        .post_form(
            "/desk",
            &finish,
            &[("outcome", "documents_accepted"), ("settle_by", "31.12.2099"), ("contact_phone", "600100200")],
        )
        .await;
    assert!(res.body.contains("Zaznacz zgodę klienta"), "Std 11.6: a phone only with consent");
    assert!(res.body.contains("value=\"600100200\""), "the values are kept");
    let res = clerk.post_form("/desk", &finish, &[("outcome", "refused")]).await;
    assert!(res.body.contains("Powód odmowy"), "Std 19: a refusal is explained");

    let res = clerk
        .post_form(
            "/desk",
            &finish,
            &[
                ("outcome", "documents_accepted"),
                ("settle_by", "31.12.2099"),
                ("contact_phone", "600100200"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let row: (String, Option<chrono::NaiveDate>, Option<String>, bool) = sqlx::query_as(
        "select status, settle_by, contact_phone, (called_at <= started_at and started_at <= finished_at) from visit where visit_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(row.0, "done");
    assert_eq!(row.1, chrono::NaiveDate::from_ymd_opt(2099, 12, 31));
    assert_eq!(row.2.as_deref(), Some("+48 600 100 200"));
    assert!(row.3, "arrival, call, start and end are stored in order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirected_client_keeps_their_place_in_the_colleagues_queue() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let early = app.register(&info, CAR, &[]).await;
    let registry_client = app.register(&info, CERTIFICATE, &[]).await;
    let colleague = app.clerk_at_desk("anna.kowalczyk", "6").await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(early.as_str()));

    let id = app.visit_id(&early).await;
    let form = clerk.get(&format!("/desk/visits/{id}/redirect?department={}", app.department_id("USC").await)).await;
    assert!(form.body.contains("Anna Kowalczyk"));
    assert!(form.body.contains("Przy stanowisku 6"), "the colleague is shown available at her desk");
    let anna = app.staff_id("anna.kowalczyk").await.to_string();
    let res = clerk
        .post_with_token(
            &format!("/desk/visits/{id}/redirect"),
            &form.csrf(),
            &[("to_staff_id", &anna), ("note", "Potrzebny odpis aktu urodzenia do rejestracji")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let desk = colleague.get("/desk").await;
    let (a, b) =
        (desk.body.find(&format!(">{early}")).unwrap(), desk.body.find(&format!(">{registry_client}")).unwrap());
    assert!(a < b, "the redirected client came first and keeps that place");
    assert!(desk.body.contains("Przekierowanie do Ciebie"));
    assert_eq!(call_next(&app, &colleague).await.as_deref(), Some(early.as_str()));
    assert!(
        colleague.get("/desk").await.body.contains("Potrzebny odpis aktu urodzenia"),
        "the note travels with the client"
    );
    let redirects: i64 = sqlx::query_scalar("select count(*) from visit_redirect where visit_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(redirects, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ground_floor_request_reaches_the_competent_clerk_who_acknowledges_and_arrives() {
    let app = TestApp::spawn(office_db().await).await;
    let competent = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let info = app.signed_in("info_point").await;
    let id = app.case_kind_id(CAR).await.to_string();
    let res = info.post_form("/visits/new", "/visits", &[("case_kind_id", &id), ("ground_floor", "1")]).await;
    assert_eq!(res.status, 303);
    assert!(info.get("/visits/new").await.body.contains("Poproszono: Magdalena Kozłowska."));

    let desk = competent.get("/desk").await;
    assert!(desk.body.contains("Prośba o podejście do klienta"));
    let request: uuid::Uuid =
        sqlx::query_scalar("select assistance_request_id from assistance_request").fetch_one(&app.db).await.unwrap();
    assert_eq!(competent.post_form("/desk", &format!("/desk/assistance/{request}/acknowledge"), &[]).await.status, 303);
    app.clock.advance(chrono::TimeDelta::minutes(3));
    assert_eq!(competent.post_form("/desk", &format!("/desk/assistance/{request}/arrived"), &[]).await.status, 303);
    let timed: bool = sqlx::query_scalar(
        "select requested_at <= acknowledged_at and acknowledged_at < arrived_at from assistance_request",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(timed, "the time until the clerk arrived is recorded");
    assert!(!competent.get("/desk").await.body.contains("Proszą Cię do klienta"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hall_display_shows_the_call_live_and_no_personal_data() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[("client_name", "Jan Kowalski"), ("client_phone", "600100200")]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;

    let hall = app.client();
    let stream = hall.http.get(app.url("/display/events")).send().await.unwrap();
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let mut chunks = stream.bytes_stream();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));

    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !received.contains("event: called") {
        let chunk =
            tokio::time::timeout_at(deadline, chunks.next()).await.expect("the call reached the hall within 5 s");
        received.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
    }
    assert!(
        received.contains(&format!("\"ticket\":\"{ticket}\"")) && received.contains("\"desk\":\"4\""),
        "{received}"
    );

    let page = hall.get("/display").await;
    assert!(page.body.contains(&format!("<td>{ticket}</td><td>4</td>")));
    for private in ["Jan Kowalski", "600 100 200", "Rejestracja"] {
        assert!(!page.body.contains(private), "the hall display shows {private}");
        assert!(!received.contains(private));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_who_must_first_finish_something_records_why() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));
    let id = app.visit_id(&ticket).await;
    let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/delay"), &[("delay_reason", "")]).await;
    assert_eq!(res.status, 422, "an empty reason is explained, not saved");
    let res = clerk
        .post_form("/desk", &format!("/desk/visits/{id}/delay"), &[("delay_reason", "Kończę rozmowę telefoniczną")])
        .await;
    assert_eq!(res.status, 303);
    let reason: Option<String> = sqlx::query_scalar("select delay_reason from visit where visit_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("Kończę rozmowę telefoniczną"), "§4.2: the delay is recorded with the visit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deaf_client_is_served_through_the_interpreter_point_the_office_configured() {
    let app =
        TestApp::spawn_with(office_db().await, &[("INTERPRETER_POINT", "parter, stanowisko 2 (wideotłumacz)")]).await;
    let competent = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let info = app.signed_in("info_point").await;
    let form = info.get("/visits/new").await;
    assert!(
        form.body.contains("parter, stanowisko 2 (wideotłumacz)"),
        "the information point sees where the interpreter is"
    );
    let ticket = app.register(&info, CAR, &[("video_interpreter", "1")]).await;
    let kind: String = sqlx::query_scalar("select kind from assistance_request").fetch_one(&app.db).await.unwrap();
    assert_eq!(kind, "video_interpreter");
    let desk = competent.get("/desk").await;
    assert!(
        desk.body.contains(&format!("Klient {ticket}"))
            && desk.body.contains("wideotłumacz (parter, stanowisko 2 (wideotłumacz))"),
        "§5.2: the clerk is asked to come to the interpreter point"
    );
    let flagged: bool = sqlx::query_scalar("select video_interpreter from visit where ticket = $1")
        .bind(&ticket)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(flagged);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_background_refresh_leaves_the_one_time_message_for_the_page_that_follows() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    // live.js refreshing the queue while the browser follows the redirect
    let live = clerk.http.get(app.url("/desk")).header("x-live-refresh", "1").send().await.unwrap();
    assert!(!live.text().await.unwrap().contains("class=\"banner"), "the refresh does not take the message");
    let page = clerk.get("/desk").await;
    let banner = page.body.split("class=\"banner__title\">").nth(1).expect("the message is still there for the page");
    let text = banner.split("</p>").next().unwrap();
    assert!(text.contains(&ticket), "{text}");
}
