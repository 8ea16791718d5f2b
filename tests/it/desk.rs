//! The residents' side of the desk: the client's ticket with their place and wait,
//! the queues beside the registration form, the desk's order of work (the outcome
//! only once service has started), a recall to the hall, "did not come" taken back
//! within a minute, no client sent to a colleague who is away all day, a call that
//! ends the clerk's own away notice, and a ground-floor request gone from a desk
//! once another desk has called the client.

use std::time::Duration;

use chrono::TimeDelta;
use futures_util::StreamExt;

use crate::common::{Client, TestApp, office_db};

const CAR: &str = "Rejestracja pojazdu";
const LICENCE: &str = "Wymiana prawa jazdy";

async fn call_next(app: &TestApp, clerk: &Client) -> Option<String> {
    let res = clerk.post_form("/desk", "/desk/call-next", &[]).await;
    assert_eq!(res.status, 303);
    app.current_ticket(clerk).await
}

/// Registers a client the way the information point does and opens the ticket page
/// it is sent to.
async fn register_and_open_ticket(info: &Client, app: &TestApp, case_kind: &str) -> crate::common::Page {
    let id = app.case_kind_id(case_kind).await.to_string();
    let res = info.post_form("/visits/new", "/visits", &[("case_kind_id", &id)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.location().unwrap().to_owned();
    assert!(location.starts_with("/visits/") && location.ends_with("/ticket?print=1"), "{location}");
    info.get(&location).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_walk_in_gets_a_ticket_with_their_place_and_an_expected_wait() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    // No desk of the Wydział Komunikacji is open: the ticket says so, without a guess.
    let first = register_and_open_ticket(&info, &app, CAR).await;
    assert_eq!(first.status, 200);
    for shown in [
        "K001",
        "Wydział Komunikacji",
        "Przed Tobą w kolejce: 0",
        "Stanowiska tego wydziału są teraz zamknięte",
        "poza kolejnością",
    ] {
        assert!(first.body.contains(shown), "the ticket shows {shown}");
    }
    assert!(first.body.contains("data-print-now"), "right after registering the ticket prints itself");

    // Two desks open; services there have taken 12 minutes from the call to the end.
    app.clerk_at_desk("clerk", "4").await;
    app.clerk_at_desk("magdalena.kozlowska", "3").await;
    sqlx::raw_sql(
        "insert into visit (ticket, ticket_day, department_id, status, served_by, arrived_at, called_at, started_at, finished_at)
         select 'K9' || lpad(n::text, 3, '0'), (now() at time zone 'Europe/Warsaw')::date, d.department_id, 'done', s.staff_id,
                now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours',
                now() - interval '2 hours' + interval '12 minutes'
         from department d, staff s, generate_series(1, 3) n where d.symbol = 'KM' and s.login = 'clerk'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    for _ in 0..3 {
        register_and_open_ticket(&info, &app, LICENCE).await;
    }
    // Four wait ahead of the fifth at two desks: two rounds of 12 minutes, about 25.
    let fifth = register_and_open_ticket(&info, &app, CAR).await;
    assert!(fifth.body.contains("K005"));
    assert!(fifth.body.contains("Przed Tobą w kolejce: 4"), "{}", fifth.body);
    assert!(fifth.body.contains("około 25 min"), "{}", fifth.body);

    // Someone out of turn goes before the others: their ticket says nobody is ahead.
    let id = app.case_kind_id(CAR).await.to_string();
    let res = info.post_form("/visits/new", "/visits", &[("case_kind_id", &id), ("priority", "1")]).await;
    let priority = info.get(res.location().unwrap()).await;
    assert!(priority.body.contains("Przed Tobą w kolejce: 0"), "{}", priority.body);

    // The information point sees each queue and reprints a ticket from the list.
    let form = info.get("/visits/new").await;
    assert!(form.body.contains("Kolejki teraz"));
    let row = form.body.split("Wydział Komunikacji</th>").nth(1).unwrap();
    let cells: Vec<&str> = row.split("</td>").take(3).collect();
    assert!(cells[0].ends_with(">6") && cells[1].ends_with(">2"), "6 waiting at 2 desks: {cells:?}");
    assert!(cells[2].contains("ok. 40 min"), "a new client waits 3 rounds of 12 min: {cells:?}");
    let reprint = form.body.split("/ticket\">").next().unwrap().rsplit("href=\"").next().unwrap();
    let again = info.get(&format!("{reprint}/ticket")).await;
    assert_eq!(again.status, 200);
    assert!(!again.body.contains("data-print-now"), "a reprint waits for the key");

    // Another day's ticket, or one that does not exist, is not shown.
    assert_eq!(info.get(&format!("/visits/{}/ticket", uuid::Uuid::new_v4())).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outcome_is_asked_only_once_service_has_started() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));

    let called = clerk.get("/desk").await;
    assert!(!called.body.contains("/finish"), "no outcome while the client is only called");
    assert!(called.body.contains("/recall") && called.body.contains("/start"));
    let id = app.visit_id(&ticket).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/start"), &[]).await.status, 303);
    let serving = clerk.get("/desk").await;
    assert!(serving.body.contains("/finish") && serving.body.contains("data-shortcut=\"1\""));
    assert!(serving.body.contains("data-timer-since"), "the service is timed");
    assert!(!serving.body.contains("/recall"), "nobody to call again once served");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recall_reaches_the_hall_display_and_puts_the_ticket_back_on_top() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let first = app.register(&info, CAR, &[]).await;
    let second = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let colleague = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(first.as_str()));
    assert_eq!(call_next(&app, &colleague).await.as_deref(), Some(second.as_str()));
    let newest = |body: &str| {
        body.split("display__newest").nth(1).and_then(|r| r.split("<td>").nth(1)).map(|t| t[..4].to_owned())
    };
    let hall = app.client();
    assert_eq!(newest(&hall.get("/display").await.body).as_deref(), Some(second.as_str()));

    let stream = hall.http.get(app.url("/display/events")).send().await.unwrap();
    let mut chunks = stream.bytes_stream();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let id = app.visit_id(&first).await;
    let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/recall"), &[]).await;
    assert_eq!(res.status, 303);
    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !received.contains("\"recall\":true") {
        let chunk = tokio::time::timeout_at(deadline, chunks.next()).await.expect("the recall reached the hall");
        received.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
    }
    assert!(received.contains(&format!("\"ticket\":\"{first}\"")), "{received}");
    assert_eq!(
        newest(&hall.get("/display").await.body).as_deref(),
        Some(first.as_str()),
        "the recalled ticket is on top"
    );
    assert!(clerk.get("/desk").await.body.contains("wezwany ponownie"));
    assert!(app.audit_actions().await.contains(&"visit.recalled".to_owned()));

    // Only one's own client who has not come yet can be called again.
    let other = app.visit_id(&second).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{other}/recall"), &[]).await.status, 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn did_not_come_can_be_taken_back_for_a_minute() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let late = app.register(&info, CAR, &[]).await;
    let next = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(late.as_str()));
    let id = app.visit_id(&late).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await.status, 303);
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains(&format!("/desk/visits/{id}/undo-no-show")), "the desk offers to undo it");

    // 40 seconds later the client turns up: undone, called to the desk again.
    app.clock.advance(TimeDelta::seconds(40));
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/undo-no-show"), &[]).await.status, 303);
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains("Cofnięto"));
    assert!(desk.body.contains(&format!("class=\"desk__ticket\">{late}<")), "called to the desk again");

    // Again "did not come", and this time more than a minute passes: it stays.
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await.status, 303);
    app.clock.advance(TimeDelta::seconds(61));
    assert!(!clerk.get("/desk").await.body.contains("undo-no-show"), "no undo offered after a minute");
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/undo-no-show"), &[]).await.status, 303);
    assert!(clerk.get("/desk").await.body.contains("Nie da się już cofnąć"));
    let status: String =
        sqlx::query_scalar("select status from visit where visit_id = $1").bind(id).fetch_one(&app.db).await.unwrap();
    assert_eq!(status, "no_show");
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(next.as_str()));
    assert!(app.audit_actions().await.contains(&"visit.no_show_undone".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_is_not_sent_to_a_colleague_away_all_day_but_may_wait_for_one_back_soon() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Odpis aktu stanu cywilnego", &[]).await;
    let clerk = app.clerk_at_desk("anna.kowalczyk", "6").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));
    let id = app.visit_id(&ticket).await;
    let (on_leave, back_soon) = (app.staff_id("clerk").await, app.staff_id("michal.wojcik").await);
    sqlx::query("insert into absence (staff_id, first_day, last_day, kind, recorded_by) values ($1, current_date - 1, current_date + 3, 'leave', $1)")
        .bind(on_leave)
        .execute(&app.db)
        .await
        .unwrap();
    let michal = app.signed_in("michal.wojcik").await;
    assert_eq!(michal.post_form("/away", "/away", &[("back_at", "23:59")]).await.status, 303);

    let form = clerk.get(&format!("/desk/visits/{id}/redirect?department={}", app.department_id("KM").await)).await;
    let radio = form.body.split(&format!("value=\"{on_leave}\"")).nth(1).unwrap().split('>').next().unwrap().to_owned();
    assert!(radio.contains("disabled"), "a colleague on leave cannot be chosen: {radio}");
    let res = clerk
        .post_with_token(
            &format!("/desk/visits/{id}/redirect"),
            &form.csrf(),
            &[("to_staff_id", &on_leave.to_string()), ("note", "Rejestracja auta")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("nieobecność przez cały dzień (urlop)"), "the reason is given");
    let assigned: Option<uuid::Uuid> = sqlx::query_scalar("select assigned_staff_id from visit where visit_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(assigned, None, "nothing was changed");

    let res = clerk
        .post_form(
            &format!("/desk/visits/{id}/redirect"),
            &format!("/desk/visits/{id}/redirect"),
            &[("to_staff_id", &back_soon.to_string()), ("note", "Podatek od nieruchomości")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(clerk.get("/desk").await.body.contains("wraca na stanowisko o 23:59"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calling_the_next_client_ends_the_clerks_own_away_notice() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, CAR, &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(clerk.post_form("/away", "/away", &[("back_at", "23:59")]).await.status, 303);
    assert!(app.client().get("/display").await.body.contains("Katarzyna Nowak"), "the hall sees the notice");

    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains("Informacja o Twojej nieobecności została zdjęta"));
    assert!(desk.body.contains(&format!("class=\"desk__ticket\">{ticket}<")));
    let open: i64 =
        sqlx::query_scalar("select count(*) from away_notice where ended_at is null").fetch_one(&app.db).await.unwrap();
    assert_eq!(open, 0);
    assert!(!app.client().get("/display").await.body.contains("Katarzyna Nowak"), "the hall no longer says away");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ground_floor_request_is_gone_from_a_desk_once_another_desk_calls_the_client() {
    let app = TestApp::spawn(office_db().await).await;
    let asked = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let info = app.signed_in("info_point").await;
    let id = app.case_kind_id(CAR).await.to_string();
    let res = info.post_form("/visits/new", "/visits", &[("case_kind_id", &id), ("ground_floor", "1")]).await;
    assert_eq!(res.status, 303);
    assert!(asked.get("/desk").await.body.contains("Prośba o podejście do klienta"));

    // A colleague of the same department calls the client first.
    let other = app.clerk_at_desk("clerk", "4").await;
    call_next(&app, &other).await.expect("the client is called");
    assert!(!asked.get("/desk").await.body.contains("Prośba o podejście do klienta"), "nobody need come any more");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_field_left_empty_or_mistyped_is_asked_for_in_its_own_words() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));
    let id = app.visit_id(&ticket).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/start"), &[]).await.status, 303);

    // No outcome ticked: the radios are asked for as a choice, not "enter a value".
    let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/finish"), &[]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Wybierz wynik obsługi"), "{}", res.body);
    assert!(!res.body.contains("Wpisz wartość w tym polu") && !res.body.contains("Wybierz jedną z opcji"));
    assert!(!res.body.contains("Wynik obsługi: Wybierz"), "the summary does not name the field twice");

    // "14.45" is a time written with a dot: said so, not "later than now".
    let res = clerk.post_form("/away", "/away", &[("back_at", "14.45")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Wpisz godzinę jako GG:MM, np. 14:45"), "{}", res.body);
    assert!(!res.body.contains("późniejsz"));
    let res = clerk.post_form("/away", "/away", &[("back_at", "")]).await;
    assert!(res.body.contains("Wpisz godzinę jako GG:MM, np. 14:45"));
}

/// How often PostgreSQL planned the statement containing `marker` on the app's
/// connection: (plans of its own for the values, runs of the generic plan).
async fn plans_of(one: &sqlx::PgPool, marker: &str) -> (i64, i64) {
    sqlx::query_as("select custom_plans, generic_plans from pg_prepared_statements where statement like $1")
        .bind(format!("%{marker}%"))
        .fetch_optional(one)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the statement with {marker} was prepared on the app's connection"))
}

/// The desk view and "call next" run all day at every desk: a statement planned
/// again on every request cost the desk view 0.7 ms of PostgreSQL for 0.15 ms of
/// work (BENCHMARKS.md). PostgreSQL plans a prepared statement for its values five
/// times, then keeps the generic plan unless it looks dearer: both must keep it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_view_and_call_next_keep_their_plan_instead_of_planning_each_request() {
    let db = office_db().await;
    // Two connections: the hall's event listener holds one, the pages use the other.
    let one =
        sqlx::postgres::PgPoolOptions::new().max_connections(2).connect_lazy_with((*db.pool.connect_options()).clone());
    let app = TestApp::spawn_on(one.clone(), Some(db), &[]).await;
    let info = app.signed_in("info_point").await;
    let mut tickets = Vec::new();
    for _ in 0..10 {
        tickets.push(app.register(&info, CAR, &[]).await);
    }
    let clerk = app.clerk_at_desk("clerk", "4").await;
    for ticket in &tickets {
        assert_eq!(call_next(&app, &clerk).await.as_deref(), Some(ticket.as_str()));
        let id = app.visit_id(ticket).await;
        assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await.status, 303);
    }
    // The event listener may have taken the connection of the first requests.
    let (custom, generic) = plans_of(&one, "undo_ticket").await;
    assert!(generic > 0 && custom <= 5, "the desk view: {custom} plans for the values, {generic} generic");
    let (custom, generic) = plans_of(&one, "called_audit").await;
    assert!(generic > 0 && custom <= 5, "call next: {custom} plans for the values, {generic} generic");
}

/// "Call this one": a client of the clerk's department not sent to anyone, or one
/// sent to this clerk, may be called; one sent to a colleague or of another
/// department may not (a clear 409), and stays waiting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_calls_a_chosen_client_of_their_queue_or_sent_to_them_never_a_colleagues() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let own = app.register(&info, CAR, &[]).await;
    let sent_here = app.register(&info, "Odpis aktu stanu cywilnego", &[]).await;
    let sent_away = app.register(&info, CAR, &[]).await;
    let elsewhere = app.register(&info, "Odpis aktu stanu cywilnego", &[]).await;
    let (clerk_id, colleague) = (app.staff_id("clerk").await, app.staff_id("magdalena.kozlowska").await);
    for (ticket, to) in [(&sent_here, clerk_id), (&sent_away, colleague)] {
        sqlx::query("update visit set assigned_staff_id = $2 where visit_id = $1")
            .bind(app.visit_id(ticket).await)
            .bind(to)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let clerk = app.clerk_at_desk("clerk", "4").await;
    for ticket in [&sent_away, &elsewhere] {
        let id = app.visit_id(ticket).await;
        let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/call"), &[]).await;
        assert_eq!(res.status, 409, "{ticket} is not this clerk's to call");
        assert!(res.body.contains("Dane zostały zmienione"));
    }
    for ticket in [&sent_here, &own] {
        let id = app.visit_id(ticket).await;
        assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/call"), &[]).await.status, 303);
        assert_eq!(app.current_ticket(&clerk).await.as_deref(), Some(ticket.as_str()));
        assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await.status, 303);
    }
    let waiting: Vec<String> = sqlx::query_scalar("select ticket from visit where status = 'waiting' order by ticket")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let mut expected = vec![sent_away.clone(), elsewhere.clone()];
    expected.sort();
    assert_eq!(waiting, expected);
}
