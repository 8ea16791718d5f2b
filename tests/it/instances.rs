//! Two Okienko processes on one database, as behind a load balancer: a session
//! started on one is valid on the other, a call made on one reaches the hall
//! display of the other at once (LISTEN/NOTIFY), tickets stay gap-free and each
//! client is called once whichever instance the clerks use, and the sign-in
//! throttle counts failures on both.

use std::time::{Duration, Instant};

use futures_util::StreamExt;

use crate::common::{TestApp, office_db};

const CAR: &str = "Rejestracja pojazdu";

/// A second instance over the first one's database (it owns the database, so it
/// must outlive the second).
async fn second(a: &TestApp) -> TestApp {
    TestApp::spawn_on(a.db.clone(), None, &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_started_on_one_instance_works_on_the_other_and_ends_on_both() {
    let a = TestApp::spawn(office_db().await).await;
    let b = second(&a).await;
    let on_a = a.signed_in("clerk").await;
    let on_b = on_a.via(&b);
    let desk = on_b.get("/desk").await;
    assert_eq!(desk.status, 200, "signed in on A, the desk opens on B");
    // a form of B's page is accepted by A (one session, one CSRF token)
    let desk_id = a.desk_id("4").await.to_string();
    let res = on_b.post_with_token("/desk/open", &desk.csrf(), &[("desk_id", &desk_id)]).await;
    assert_eq!(res.status, 303);
    assert!(on_a.get("/desk").await.body.contains("/desk/close"), "the desk opened through B shows on A");

    assert_eq!(on_a.sign_out().await.status, 303);
    let res = on_b.get("/desk").await;
    assert_eq!(res.status, 303, "signed out on A, B no longer knows the session");
    assert!(res.location().unwrap_or("").starts_with("/login"), "{:?}", res.location());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_on_one_instance_reaches_the_hall_display_of_the_other_at_once() {
    let a = TestApp::spawn(office_db().await).await;
    let b = second(&a).await;
    let info = a.signed_in("info_point").await;
    let ticket = a.register(&info, CAR, &[]).await;
    let clerk = a.clerk_at_desk("clerk", "4").await;

    let hall = b.client();
    let stream = hall.http.get(b.url("/display/events")).send().await.unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let mut chunks = stream.bytes_stream();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let started = Instant::now();
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !received.contains(&format!("\"ticket\":\"{ticket}\"")) {
        let chunk = tokio::time::timeout_at(deadline, chunks.next()).await.expect("the call reached B's hall display");
        received.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
    }
    assert!(received.contains("event: called"), "{received}");
    assert!(started.elapsed() < Duration::from_secs(1), "the call took {:?} to reach B's display", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_stay_gap_free_and_each_client_is_called_once_through_both_instances() {
    let a = TestApp::spawn(office_db().await).await;
    let b = second(&a).await;
    let info_a = a.signed_in("info_point").await;
    let info_b = info_a.via(&b);
    let kind = a.case_kind_id(CAR).await.to_string();
    let token = info_a.get("/visits/new").await.csrf();

    // 20 clients registered at once, half through each instance
    let registrations = (0..20).map(|i| {
        let (client, kind, token) = (if i % 2 == 0 { &info_a } else { &info_b }, kind.clone(), token.clone());
        async move { client.post_with_token("/visits", &token, &[("case_kind_id", &kind)]).await.status }
    });
    let statuses = futures_util::future::join_all(registrations).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let numbers: Vec<i32> = sqlx::query_scalar(
        "select substring(ticket from 2)::int from visit v join case_kind k using (department_id)
         where k.name = $1 and v.ticket_day = (select max(ticket_day) from visit) order by 1",
    )
    .bind(CAR)
    .fetch_all(&a.db)
    .await
    .unwrap();
    assert_eq!(numbers, (1..=20).collect::<Vec<_>>(), "one number each, none skipped");

    // two clerks of the department, one on each instance, call until nobody waits
    let clerk_a = a.clerk_at_desk("clerk", "4").await;
    let clerk_b = b.clerk_at_desk("magdalena.kozlowska", "3").await;
    let work = |clerk: crate::common::Client| async move {
        let mut called = 0;
        loop {
            assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
            let page = clerk.get("/desk").await.body;
            let called_id = page.split_once("/no-show\"").and_then(|(before, _)| before.rsplit("/desk/visits/").next());
            let Some(id) = called_id.map(str::to_owned) else {
                return called;
            };
            called += 1;
            let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await;
            assert_eq!(res.status, 303);
        }
    };
    let (by_a, by_b) = tokio::join!(work(clerk_a), work(clerk_b));
    assert_eq!(by_a + by_b, 20, "every client called, by A {by_a} and by B {by_b}");
    let calls: Vec<(String, i64)> =
        sqlx::query_as("select target_id, count(*) from audit_event where action = 'visit.called' group by target_id")
            .fetch_all(&a.db)
            .await
            .unwrap();
    assert_eq!(calls.len(), 20);
    assert!(calls.iter().all(|(_, n)| *n == 1), "nobody called twice: {calls:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_on_one_instance_slow_down_the_other_too() {
    let a = TestApp::spawn(office_db().await).await;
    let b = second(&a).await;
    let on_a = a.client_from("127.0.0.2");
    for _ in 0..5 {
        assert_eq!(on_a.sign_in("clerk", "guess-guess").await.status, 422);
    }
    let on_b = b.client_from("127.0.0.2");
    let res = on_b.sign_in("clerk", "guess-guess").await;
    assert_eq!(res.status, 429, "the sixth failure waits, on whichever instance it arrives");
    assert!(res.body.contains("Zbyt wiele nieudanych prób"));
}
