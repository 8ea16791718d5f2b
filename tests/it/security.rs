//! Safe by default: headers, CSRF, limits, bad input, stale forms, slow clients, shutdown.

use std::time::{Duration, Instant};

use crate::common::{DEMO_PASSWORD, TestApp, office_db};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn assert_safe_headers(page: &crate::common::Page, what: &str) {
    let csp = page.header("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP"));
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(csp.contains(directive), "{what}: CSP lacks {directive}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: CSP allows inline code");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"), "{what}");
    assert_eq!(page.header("referrer-policy"), Some("same-origin"), "{what}");
    assert!(page.header("x-request-id").is_some(), "{what}: no request id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let anonymous = app.client();

    let staff_page = admin.get("/admin/staff").await;
    assert_safe_headers(&staff_page, "staff page");
    assert_eq!(staff_page.header("cache-control"), Some("no-store"), "staff pages are not cached");
    assert!(staff_page.header("strict-transport-security").is_none(), "no HSTS without TLS");

    let not_found = anonymous.get("/no/such/page").await;
    assert_eq!(not_found.status, 404);
    assert_safe_headers(&not_found, "404 page");
    assert_eq!(not_found.h1(), "Nie znaleziono strony");

    let forbidden = app.signed_in("clerk").await.get("/admin/staff").await;
    assert_eq!(forbidden.status, 403);
    assert_safe_headers(&forbidden, "403 page");

    let css = anonymous.get("/static/css/okienko.css").await;
    assert_eq!(css.status, 200);
    assert_safe_headers(&css, "stylesheet");
    assert!(css.header("cache-control").unwrap().contains("max-age"), "static files may be cached");

    let token = anonymous.get("/login").await.csrf();
    let wrong_method = anonymous.http.delete(app.url("/login")).header("x-csrf-token", token).send().await.unwrap();
    assert_eq!(wrong_method.status().as_u16(), 405);
    assert!(wrong_method.headers().get("content-security-policy").is_some());
    assert!(wrong_method.text().await.unwrap().contains("Niedozwolona operacja"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_without_the_session_token_is_refused_and_recorded() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;

    let res = admin.post_raw("/admin/departments", "symbol=HAX&name=Hacked").await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("Formularz wygasł"), "{}", res.body);

    let someone_else = app.signed_in("clerk").await;
    let foreign_token = someone_else.get("/account/password").await.csrf();
    let res =
        admin.post_with_token("/admin/departments", &foreign_token, &[("symbol", "HAX"), ("name", "Hacked")]).await;
    assert_eq!(res.status, 403, "another session's token is worthless");

    let count: i64 =
        sqlx::query_scalar("select count(*) from department where symbol = 'HAX'").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0, "nothing was written");
    let rejected: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'csrf.rejected'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rejected, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_visits_and_forged_posts_leave_no_rows_behind() {
    let app = TestApp::spawn(office_db().await).await;
    let rows = || async {
        let sessions: i64 = sqlx::query_scalar("select count(*) from session").fetch_one(&app.db).await.unwrap();
        let audit: i64 = sqlx::query_scalar("select count(*) from audit_event").fetch_one(&app.db).await.unwrap();
        (sessions, audit)
    };
    for n in 0..20 {
        let stranger = app.client();
        assert_eq!(stranger.get("/admin/staff").await.status, 303);
        let login = stranger.get("/login?notice=required").await;
        assert!(login.body.contains("Zaloguj się, aby zobaczyć tę stronę."), "the detour is still explained");
        assert_eq!(stranger.get("/display").await.status, 200);
        assert_eq!(stranger.post_raw("/login", format!("login=x{n}&password=y")).await.status, 303);
        assert_eq!(stranger.post_raw("/admin/departments", "symbol=HAX&name=Hacked").await.status, 403);
    }
    assert_eq!(rows().await, (0, 0), "nothing anonymous is kept: no session, no audit row");

    // The sign-in form still works, protected by the visitor's own form cookie.
    let visitor = app.client();
    let token = visitor.get("/login").await.csrf();
    let other = app.client();
    other.get("/login").await;
    let res = other.post_with_token("/login", &token, &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/login?notice=form_expired"), "another visitor's token is worthless");
    let res = visitor.post_with_token("/login", &token, &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(res.location(), Some("/"), "signed in with the form's own token");
    assert_eq!(rows().await.0, 1, "the one session is the employee's");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_post_is_refused_even_with_a_valid_token() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let token = admin.get("/admin/departments/new").await.csrf();
    let res = admin
        .http
        .post(app.url("/admin/departments"))
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .form(&[("_csrf", token.as_str()), ("symbol", "HAX"), ("name", "Hacked")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let count: i64 =
        sqlx::query_scalar("select count(*) from department where symbol = 'HAX'").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_form_left_open_too_long_comes_back_with_an_explanation() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client();
    let res = client.post_raw("/login", "_csrf=stale&login=clerk&password=x").await;
    assert_eq!(res.status, 303);
    let page = client.get(res.location().unwrap()).await;
    assert!(page.body.contains("Formularz wygasł"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_gets_a_friendly_413() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let token = admin.get("/admin/departments/new").await.csrf();
    let body = format!("_csrf={token}&symbol=BIG&name={}", "a".repeat(100 * 1024));
    let res = admin.post_raw("/admin/departments", body).await;
    assert_eq!(res.status, 413);
    assert!(res.body.contains("Za dużo danych"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nul_bytes_bad_encoding_and_long_fields_are_explained_on_the_form() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let token = admin.get("/admin/departments/new").await.csrf();

    let res = admin.post_raw("/admin/departments", format!("_csrf={token}&symbol=AB%00C&name=Wydzia%C5%82+Test")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("niedozwolone znaki"));
    assert!(res.body.contains("value=\"Wydział Test\""), "the other values are kept");
    assert!(res.body.contains("Popraw następujące błędy"), "an error summary leads");
    assert!(res.body.contains("href=\"#symbol\""), "the summary links to the field");

    let res = admin.post_raw("/admin/departments", format!("_csrf={token}&symbol=ABC&name=%FF%FE")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("niedozwolone znaki"));

    let long = "x".repeat(201);
    let res = admin.post_raw("/admin/departments", format!("_csrf={token}&symbol=ABC&name={long}")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("najwyżej 200 znaków"));

    let res = admin.post_raw("/admin/departments", format!("_csrf={token}")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Wpisz symbol komórki") && res.body.contains("Wpisz nazwę komórki"));

    let res = admin.post_raw("/login", format!("_csrf={token}&login=cl%00erk&password=x")).await;
    assert!(res.status < 500);

    let count: i64 = sqlx::query_scalar("select count(*) from department where symbol in ('ABC', 'AB')")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0, "no half-written record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_query_string_is_a_friendly_400_not_a_500() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin.get("/admin/audit?page=minus-one").await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("Niepoprawne żądanie"));
    let res = admin.get("/admin/staff/not-a-uuid").await;
    assert!(res.status == 400 || res.status == 404, "{}", res.status);
    assert!(!res.body.contains("UUID parsing failed"), "no internals shown");
}

fn staff_fields<'a>(version: &'a str, name: &'a str) -> [(&'a str, &'a str); 5] {
    [("version", version), ("full_name", name), ("login", "anna.kowalczyk"), ("roles", "clerk"), ("active", "1")]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_staff_form_cannot_overwrite_newer_changes() {
    let app = TestApp::spawn(office_db().await).await;
    let first = app.signed_in("admin").await;
    let second = app.signed_in("admin").await;
    let id: uuid::Uuid = sqlx::query_scalar("select staff_id from staff where login = 'anna.kowalczyk'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let path = format!("/admin/staff/{id}");
    let version =
        |html: &str| html.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();

    // Two tabs open the same form; the first saves, then the second.
    let (form_a, form_b) = (first.get(&path).await, second.get(&path).await);
    let (version_a, version_b) = (version(&form_a.body), version(&form_b.body));
    let res = first.post_with_token(&path, &form_a.csrf(), &staff_fields(&version_a, "Anna Kowalczyk-Nowa")).await;
    assert_eq!(res.status, 303);
    let res = second.post_with_token(&path, &form_b.csrf(), &staff_fields(&version_b, "Anna Inna")).await;
    assert_eq!(res.status, 409);
    assert!(res.body.contains("Dane zostały zmienione"));
    let name: String = sqlx::query_scalar("select full_name from staff where staff_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Anna Kowalczyk-Nowa");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_half_a_header_is_disconnected() {
    let db = office_db().await;
    let app = TestApp::spawn_bare(db, &[("HEADER_READ_TIMEOUT", "1s")]).await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server kept a half-sent request open for 10 s");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_request_in_flight_finish_and_then_stops() {
    let db = office_db().await;
    let mut app = TestApp::spawn(db).await;
    let client = app.client();
    // Start a sign-in (an argon2 verification) and ask the server to stop meanwhile.
    let in_flight = tokio::spawn({
        let token = client.get("/login").await.csrf();
        let url = app.url("/login");
        let http = client.http.clone();
        async move {
            http.post(url)
                .form(&[("_csrf", token.as_str()), ("login", "clerk"), ("password", DEMO_PASSWORD)])
                .send()
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(5)).await;
    let started = Instant::now();
    app.stop().await;
    assert!(started.elapsed() < Duration::from_secs(4), "shutdown respects its deadline");
    let res = in_flight.await.unwrap().expect("the request in flight got its answer");
    assert_eq!(res.status().as_u16(), 303);
    assert!(tokio::net::TcpStream::connect(app.addr).await.is_err(), "no new connections after shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_live_streams_do_not_hold_up_the_shutdown() {
    let db = office_db().await;
    let mut app = TestApp::spawn_with(db, &[("SHUTDOWN_GRACE", "20s")]).await;
    let hall = app.client();
    let stream = hall.http.get(app.url("/display/events")).send().await.unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let started = Instant::now();
    app.stop().await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the hall display's stream kept the server for {:?}",
        started.elapsed()
    );
    drop(stream);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_shorter_than_the_database_allows_are_explained_not_a_500() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res =
        admin.post_form("/admin/departments/new", "/admin/departments", &[("symbol", "ABC"), ("name", "X")]).await;
    assert_eq!(res.status, 422, "a one-letter department name");
    assert!(res.body.contains("co najmniej 2 znaki"));
    let res =
        admin.post_form("/admin/closed-days", "/admin/closed-days", &[("day", "02.01.2030"), ("reason", "x")]).await;
    assert_eq!(res.status, 422, "a one-letter reason for a day off");
    let res = admin.post_form("/procedures/new", "/procedures", &[("department_id", ""), ("name", "Y")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("co najmniej 2 znaki"));

    let clerk = app.signed_in("clerk").await;
    let res = clerk
        .post_form("/callbacks/new", "/callbacks", &[("phone", "600100200"), ("question", "?"), ("promise", "next")])
        .await;
    assert_eq!(res.status, 422, "a one-character question");

    let info = app.signed_in("info_point").await;
    let kind: uuid::Uuid = sqlx::query_scalar("select case_kind_id from case_kind where name = 'Rejestracja pojazdu'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let res = info
        .post_form(
            "/home-visits/new",
            "/home-visits",
            &[
                ("client_name", "J"),
                ("client_address", "ul."),
                ("client_phone", "600100200"),
                ("case_kind_id", &kind.to_string()),
                ("reason", "zł"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("co najmniej 5 znaków") && res.body.contains("co najmniej 3 znaki"));
    let written: i64 = sqlx::query_scalar(
        "select (select count(*) from callback) + (select count(*) from home_visit_request)
              + (select count(*) from office_closed_day) + (select count(*) from department where symbol = 'ABC')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(written, 0, "nothing half-written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_byte_or_a_line_break_in_a_query_string_is_a_bad_request_never_a_500() {
    // wapiti, signed in as the director, got a 500 from /authorisations?number=…%00:
    // the NUL byte reached PostgreSQL. Every query string is now checked once, before
    // any handler reads it.
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    for url in [
        "/authorisations?number=UP%00",
        "/authorisations.csv?number=%00",
        "/directory?q=Kowal%00ska",
        "/admin/audit?actor=a%0Ab",
        "/reports/trends?month=2026-1%FF",
    ] {
        let res = director.get(url).await;
        assert_eq!(res.status, 400, "{url}: {}", res.status);
        assert!(res.body.contains("Niepoprawne żądanie"), "{url}: the bad-request page, in Polish");
    }
    assert_eq!(director.get("/directory?q=Kowalska").await.status, 200, "a clean search still works");
    assert_eq!(director.get("/directory?q=%C5%BC").await.status, 200, "Polish letters are clean");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clients_request_id_is_kept_only_when_it_is_a_plain_id() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client();
    let form = client.get("/login").await;
    let sign_in = |id: &'static str| {
        client
            .http
            .post(app.url("/login"))
            .header("x-request-id", id)
            .form(&[("_csrf", form.csrf()), ("login", "clerk".into()), ("password", "wrong".into())])
            .send()
    };
    let res = sign_in("<script>alert(1)</script>' or 1=1 --").await.unwrap();
    let echoed = res.headers().get("x-request-id").unwrap().to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&echoed).is_ok(), "a fresh id of ours replaces it: {echoed}");
    sign_in("proxy-7f3a-0001").await.unwrap();
    let stored: Vec<Option<String>> = sqlx::query_scalar(
        "select request_id from audit_event where action = 'auth.sign_in_failed' order by audit_event_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].as_deref(), Some(echoed.as_str()), "the audit row carries our id, not the client's text");
    assert_eq!(stored[1].as_deref(), Some("proxy-7f3a-0001"), "a proxy's plain id is kept for correlation");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_enrolment_without_the_token_of_its_own_form_is_refused() {
    // wapiti, signed in as a clerk, found the one form with no token: the kiosk's
    // enrolment, which a device without the kiosk cookie may send. A page elsewhere
    // could make an office's tablet submit a code of its own choosing, and the
    // tablet would then collect answers for a kiosk the page's author controls.
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let code = crate::survey::new_kiosk(&app, &admin, "Tablet przy wyjściu", "").await;

    let tablet = app.client();
    let forged = tablet.post_raw("/kiosk/enrol", format!("code={code}&lang=pl")).await;
    assert_eq!(forged.status, 403, "a form that did not come from the enrolment page is refused");
    assert!(forged.header("set-cookie").is_none_or(|c| !c.starts_with("okienko_kiosk=")), "no kiosk cookie");
    assert!(forged.body.contains("Formularz wygasł"), "the tablet says to enter the code again");
    assert!(
        !app.audit_actions().await.contains(&"csrf.rejected".to_owned()),
        "an anonymous refusal goes to the server's log, not to the audit log kept for ever"
    );
    assert_eq!(tablet.get("/kiosk").await.status, 403, "the tablet is still not enrolled");

    // The code is not spent: through the form, with its token, the tablet enrols.
    let res = tablet.post_form("/kiosk", "/kiosk/enrol", &[("code", &code), ("lang", "pl")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(tablet.get("/kiosk").await.status, 200, "enrolled");
}
