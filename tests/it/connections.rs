//! Connection hygiene (issue 12, finding 2) and live streams that end with their
//! session (finding 9): connections that send nothing, or only part of the HTTP/2
//! preface, are closed; an idle HTTP/2 connection is closed; connections beyond
//! `MAX_CONNECTIONS` are turned away while pages still load once they are gone; live
//! streams are capped per client and in all; a staff screen's stream ends when its
//! session does (sign-out, deactivation, expiry). The deadlines are set short here.

use std::time::Duration;

use chrono::TimeDelta;
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout, timeout_at};

use crate::common::{Client, TestApp, office_db};

/// Reads until the server closes the connection (or resets it); whether that
/// happened before `deadline`, and what the server sent meanwhile.
async fn closed_by(stream: &mut TcpStream, deadline: Instant) -> (bool, Vec<u8>) {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (false, received),
            Ok(Ok(0)) | Ok(Err(_)) => return (true, received),
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_and_half_an_http2_preface_are_closed() {
    let app = TestApp::spawn_with(office_db().await, &[("FIRST_BYTES_TIMEOUT", "1s")]).await;
    let opened = Instant::now();
    let mut silent = Vec::new();
    for _ in 0..50 {
        silent.push(TcpStream::connect(app.addr).await.unwrap());
    }
    let mut half_preface = Vec::new();
    for _ in 0..5 {
        let mut stream = TcpStream::connect(app.addr).await.unwrap();
        stream.write_all(b"PRI * HTTP/2.0\r\n").await.unwrap();
        half_preface.push(stream);
    }
    // A request sent meanwhile is answered all the same.
    assert_eq!(app.client().get("/login").await.status, 200);

    let deadline = opened + Duration::from_secs(5);
    for (i, stream) in silent.iter_mut().enumerate() {
        let (closed, _) = closed_by(stream, deadline).await;
        assert!(closed, "silent connection {i} still open {:?} after it was opened", opened.elapsed());
    }
    for (i, stream) in half_preface.iter_mut().enumerate() {
        let (closed, _) = closed_by(stream, deadline).await;
        assert!(closed, "connection {i} with half an HTTP/2 preface still open after {:?}", opened.elapsed());
    }
    assert_eq!(app.client().get("/login").await.status, 200, "the server still answers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_http2_connection_with_nothing_to_do_is_closed() {
    let app = TestApp::spawn_with(
        office_db().await,
        &[("CONNECTION_IDLE_TIMEOUT", "1s"), ("HTTP2_KEEP_ALIVE_INTERVAL", "1s"), ("HTTP2_KEEP_ALIVE_TIMEOUT", "1s")],
    )
    .await;

    // A well-behaved HTTP/2 client (it answers the server's pings) that asks one
    // thing and then keeps the connection open without asking anything more.
    let tcp = TcpStream::connect(app.addr).await.unwrap();
    let (mut sender, conn) =
        hyper::client::conn::http2::handshake(hyper_util::rt::TokioExecutor::new(), hyper_util::rt::TokioIo::new(tcp))
            .await
            .expect("the server speaks HTTP/2 without TLS (prior knowledge)");
    let conn = tokio::spawn(conn);
    let req = http::Request::get(app.url("/healthz")).body(axum::body::Body::empty()).unwrap();
    let res = sender.send_request(req).await.unwrap();
    assert_eq!(res.status(), 200, "HTTP/2 works");
    drop(res);
    let idle_from = Instant::now();
    let ended = timeout(Duration::from_secs(5), conn).await;
    assert!(ended.is_ok(), "an idle HTTP/2 connection was still open after {:?}", idle_from.elapsed());

    // One that sends the whole preface and then falls silent (answers no ping).
    let mut quiet = TcpStream::connect(app.addr).await.unwrap();
    quiet.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").await.unwrap();
    let (closed, _) = closed_by(&mut quiet, Instant::now() + Duration::from_secs(5)).await;
    assert!(closed, "a silent HTTP/2 connection is closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_are_closed_and_pages_load_once_they_go() {
    let app = TestApp::spawn_with(
        office_db().await,
        &[("MAX_CONNECTIONS", "20"), ("LIVE_STREAMS_MAX", "10"), ("FIRST_BYTES_TIMEOUT", "60s")],
    )
    .await;
    // Twenty connections take every place and say nothing (within their deadline).
    let mut holders = Vec::new();
    for _ in 0..20 {
        holders.push(TcpStream::connect(app.addr).await.unwrap());
    }
    // The kernel hands connections to the server in the order they came: this is the 21st.
    let mut over = TcpStream::connect(app.addr).await.unwrap();
    let _ = over.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    let (closed, received) = closed_by(&mut over, Instant::now() + Duration::from_secs(3)).await;
    assert!(closed, "a connection beyond the cap is closed at once, not left hanging");
    assert!(received.is_empty(), "and gets no answer: {}", String::from_utf8_lossy(&received));

    drop(holders);
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let res = reqwest::Client::new().get(app.url("/login")).send().await;
        if res.is_ok_and(|r| r.status() == 200) {
            break;
        }
        assert!(Instant::now() < deadline, "pages load again once the connections are gone");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Opens a live stream and keeps it: its status, its `Retry-After`, and the response
/// (to hold the stream open).
async fn open_stream(client: &Client, url: &str) -> (u16, Option<String>, reqwest::Response) {
    let res = timeout(Duration::from_secs(5), client.http.get(url).send())
        .await
        .expect("a live stream answers at once, even when refused")
        .unwrap();
    let retry_after = res.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    (res.status().as_u16(), retry_after, res)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_streams_are_capped_per_client_and_in_all() {
    let app =
        TestApp::spawn_with(office_db().await, &[("LIVE_STREAMS_PER_CLIENT", "3"), ("LIVE_STREAMS_MAX", "8")]).await;
    let display = app.url("/display/events");
    let hall = app.client();
    let mut held = Vec::new();
    for i in 0..3 {
        let (status, _, res) = open_stream(&hall, &display).await;
        assert_eq!(status, 200, "hall stream {i}");
        held.push(res);
    }
    let (status, retry_after, _) = open_stream(&hall, &display).await;
    assert_eq!(status, 429, "a fourth stream from the same address is refused");
    assert!(retry_after.is_some_and(|s| s.parse::<u32>().is_ok_and(|n| n > 0)), "with Retry-After");
    // A display that reloads closes its stream: the place is free again.
    held.pop();
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let (status, _, res) = open_stream(&hall, &display).await;
        if status == 200 {
            held.push(res);
            break;
        }
        assert!(Instant::now() < deadline, "a closed stream gives its place back");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Staff screens count per employee (a whole office may share one address).
    let clerk = app.signed_in("clerk").await;
    let staff = app.url("/events");
    for i in 0..3 {
        let (status, _, res) = open_stream(&clerk, &staff).await;
        assert_eq!(status, 200, "staff stream {i}");
        held.push(res);
    }
    let (status, retry_after, _) = open_stream(&clerk, &staff).await;
    assert_eq!(status, 429, "a fourth stream of the same employee is refused");
    assert!(retry_after.is_some());

    // Another address still gets its own, up to the cap for all.
    let other = app.client_from("127.0.0.2");
    for i in 0..2 {
        let (status, _, res) = open_stream(&other, &display).await;
        assert_eq!(status, 200, "stream {i} from another address");
        held.push(res);
    }
    let third = app.client_from("127.0.0.3");
    let (status, retry_after, _) = open_stream(&third, &display).await;
    assert_eq!(status, 503, "beyond LIVE_STREAMS_MAX every new stream waits");
    assert!(retry_after.is_some());
    assert_eq!(third.get("/display").await.status, 200, "while pages still load");
    drop(held);
}

/// Opens the staff stream of `client` and returns what it sent until it ended,
/// or None if it was still open at the deadline.
async fn stream_until_end(
    app: &TestApp,
    client: &Client,
    end_session: impl std::future::Future<Output = ()>,
) -> Option<String> {
    let res = client.http.get(app.url("/events")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut chunks = res.bytes_stream();
    end_session.await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut received = String::new();
    loop {
        match timeout_at(deadline, chunks.next()).await {
            Err(_) => return None,
            Ok(None) | Ok(Some(Err(_))) => return Some(received),
            Ok(Some(Ok(bytes))) => received.push_str(&String::from_utf8_lossy(&bytes)),
        }
    }
}

const CHECK_OFTEN: &[(&str, &str)] = &[("LIVE_SESSION_CHECK", "200ms")];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_stream_ends_when_its_employee_signs_out() {
    let app = TestApp::spawn_with(office_db().await, CHECK_OFTEN).await;
    let clerk = app.signed_in("clerk").await;
    let other_tab = clerk.fork();
    let sent = stream_until_end(&app, &clerk, async {
        assert_eq!(other_tab.sign_out().await.status, 303);
    })
    .await;
    let sent = sent.expect("the desk's live stream ended after sign-out");
    assert!(sent.contains("event: session_ended"), "the page is told why: {sent}");

    // Signed in again, the stream works as before.
    let clerk = app.signed_in("clerk").await;
    let res = clerk.http.get(app.url("/events")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

/// The admin unticks "active" on the clerk's form.
async fn deactivate_clerk(app: &TestApp, admin: &Client) {
    let login = "clerk";
    let id = app.staff_id(login).await;
    let form = admin.get(&format!("/admin/staff/{id}")).await;
    let version = form.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let dept: uuid::Uuid = sqlx::query_scalar("select department_id from staff where login = $1")
        .bind(login)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let res = admin
        .post_with_token(
            &format!("/admin/staff/{id}"),
            &form.csrf(),
            &[
                ("version", &version),
                ("full_name", "Katarzyna Nowak"),
                ("login", login),
                ("phone", ""),
                ("department_id", &dept.to_string()),
                ("roles", "clerk"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_stream_ends_when_an_admin_deactivates_the_account() {
    let app = TestApp::spawn_with(office_db().await, CHECK_OFTEN).await;
    let clerk = app.signed_in("clerk").await;
    let admin = app.signed_in("admin").await;
    let sent = stream_until_end(&app, &clerk, deactivate_clerk(&app, &admin)).await;
    assert!(sent.is_some(), "the deactivated clerk's live stream ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_left_open_shows_the_sign_in_page_once_the_account_is_deactivated() {
    let app = TestApp::spawn_with(office_db().await, CHECK_OFTEN).await;
    let browser = crate::browser::Browser::start().await;
    browser.sign_in(&app, "clerk", crate::common::DEMO_PASSWORD).await;
    browser.h1_becomes("Dzień dobry, Katarzyna Nowak").await;
    browser.client.goto(&app.url("/desk")).await.unwrap();
    let desk = browser.h1_becomes("Stanowisko").await;
    assert!(desk.starts_with("Stanowisko"), "the desk is open: {desk}");
    // The page's live stream is open before the admin acts.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let admin = app.signed_in("admin").await;
    deactivate_clerk(&app, &admin).await;
    assert_eq!(browser.h1_becomes("Logowanie").await, "Logowanie", "the desk went to the sign-in page by itself");
    let page = browser.client.source().await.unwrap();
    assert!(page.contains("Zaloguj się, aby zobaczyć tę stronę."), "and asks to sign in");
    browser.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_stream_ends_when_its_session_times_out() {
    let app = TestApp::spawn_with(office_db().await, CHECK_OFTEN).await;
    let clerk = app.signed_in("clerk").await;
    let idle = app.config.session_idle_timeout;
    let sent = stream_until_end(&app, &clerk, async {
        app.clock.advance(TimeDelta::from_std(idle).unwrap() + TimeDelta::minutes(1));
    })
    .await;
    assert!(sent.is_some(), "the stream of a session idle past SESSION_IDLE_TIMEOUT ended");
    assert_eq!(clerk.get("/desk").await.status, 303, "and the session is over for pages too");
}
