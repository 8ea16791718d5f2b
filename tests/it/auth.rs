//! Signing in and out, sessions and their timeouts, throttling, password changes.

use std::time::Instant;

use chrono::TimeDelta;

use crate::common::{DEMO_PASSWORD, TestApp, office_db};

fn session_cookie(page: &crate::common::Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("okienko_session="))
        .map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_signs_in_and_lands_on_a_home_page_with_their_role() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.client();

    let res = clerk.sign_in("clerk", DEMO_PASSWORD).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/"));

    let home = clerk.get("/").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.h1(), "Dzień dobry, Katarzyna Nowak");
    assert!(home.body.contains("Pracownik BOM"), "the clerk's role is named");
    assert!(!home.body.contains("href=\"/admin/staff\""), "a clerk is not offered the staff administration");
    assert_eq!(app.audit_actions().await, vec!["auth.sign_in"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_is_case_insensitive_and_next_takes_you_back_where_you_were() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.client();
    let res = admin.get("/admin/desks").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/login?next=/admin/desks&notice=required"));

    let form = admin.get(res.location().unwrap()).await;
    assert!(form.body.contains("Zaloguj się, aby zobaczyć tę stronę."), "the reason for the detour is said");
    let res = admin
        .post_with_token(
            "/login",
            &form.csrf(),
            &[("login", "ADMIN"), ("password", DEMO_PASSWORD), ("next", "/admin/desks")],
        )
        .await;
    assert_eq!(res.location(), Some("/login/code"), "the admin's second step comes first");
    let res = admin.second_step("admin", res).await;
    assert_eq!(res.location(), Some("/admin/desks"));

    let evil = app.client();
    let form = evil.get("/login").await;
    let res = evil
        .post_with_token(
            "/login",
            &form.csrf(),
            &[("login", "admin"), ("password", DEMO_PASSWORD), ("next", "//evil.example/")],
        )
        .await;
    let res = evil.second_step("admin", res).await;
    assert_eq!(res.location(), Some("/"), "only local paths are followed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_login_and_a_wrong_password_get_the_same_message_and_similar_time() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client();

    let started = Instant::now();
    let wrong_password = client.sign_in("clerk", "not the password").await;
    let wrong_password_time = started.elapsed();
    let started = Instant::now();
    let unknown_login = client.sign_in("nobody.here", "not the password").await;
    let unknown_login_time = started.elapsed();

    for res in [&wrong_password, &unknown_login] {
        assert_eq!(res.status, 422);
        assert!(res.body.contains("Nieprawidłowy login lub hasło"));
    }
    assert!(wrong_password.body.contains("value=\"clerk\""), "the login typed is kept");
    assert!(!wrong_password.body.contains("not the password"), "a password is never echoed back");
    // Both paths verify an argon2 hash; neither answers in a fraction of the other's time.
    let (a, b) = (wrong_password_time.as_secs_f64(), unknown_login_time.as_secs_f64());
    assert!(a.min(b) / a.max(b) > 0.2, "timings differ too much: {a:.3}s vs {b:.3}s");
    let actions = app.audit_actions().await;
    assert_eq!(actions, vec!["auth.sign_in_failed", "auth.sign_in_failed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_id_is_renewed_at_sign_in() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client();
    let form = client.get("/login").await;
    assert_eq!(session_cookie(&form), None, "the sign-in form starts no session: its token has a cookie of its own");
    let res = client.post_with_token("/login", &form.csrf(), &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    let first = session_cookie(&res).expect("a session cookie at sign-in");
    // The same browser signing in again (say after its session expired) gets a new id.
    app.clock.advance(TimeDelta::hours(24));
    let form = client.get("/login").await;
    let res = client.post_with_token("/login", &form.csrf(), &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    let second = session_cookie(&res).expect("a new session cookie at sign-in");
    let id = |c: &str| c.split(';').next().unwrap().to_owned();
    assert_ne!(id(&first), id(&second));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_same_site_and_host_prefixed_behind_tls() {
    let db = office_db().await;
    let app = TestApp::spawn_on(db.pool.clone(), None, &[]).await;
    let client = app.client();
    let form = client.get("/login").await;
    let cookie = |page: &crate::common::Page, name: &str| {
        let all: Vec<String> =
            page.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        all.iter().find(|c| c.starts_with(name)).cloned().unwrap_or_else(|| all.join("|"))
    };
    let signed_in =
        client.post_with_token("/login", &form.csrf(), &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    for plain in [cookie(&form, "okienko_form="), cookie(&signed_in, "okienko_session=")] {
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(plain.contains(attribute), "{attribute} missing in {plain}");
        }
        assert!(!plain.contains("Secure"));
    }

    let tls = TestApp::spawn_bare(db, &[("PUBLIC_URL", "https://bom.example.pl")]).await;
    let client = tls.client();
    let form = client.get("/login").await;
    assert!(form.header("strict-transport-security").is_some(), "HSTS behind TLS");
    let signed_in =
        client.post_with_token("/login", &form.csrf(), &[("login", "clerk"), ("password", DEMO_PASSWORD)]).await;
    for secure in [cookie(&form, "__Host-okienko_form="), cookie(&signed_in, "__Host-okienko_session=")] {
        assert!(secure.starts_with("__Host-okienko_"), "{secure}");
        assert!(secure.contains("Secure") && !secure.contains("Domain"), "{secure}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let sessions_before: i64 =
        sqlx::query_scalar("select count(*) from session where staff_id is not null").fetch_one(&app.db).await.unwrap();
    assert_eq!(sessions_before, 1);

    let res = clerk.sign_out().await;
    assert_eq!(res.location(), Some("/login?notice=signed_out"));
    let login = clerk.get("/login?notice=signed_out").await;
    assert!(login.body.contains("Wylogowano"));
    let sessions_after: i64 =
        sqlx::query_scalar("select count(*) from session where staff_id is not null").fetch_one(&app.db).await.unwrap();
    assert_eq!(sessions_after, 0, "no signed-in session is left in the database");
    assert_eq!(clerk.get("/").await.status, 303);
    assert!(app.audit_actions().await.contains(&"auth.sign_out".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_expires() {
    let app =
        TestApp::spawn_with(office_db().await, &[("SESSION_IDLE_TIMEOUT", "20m"), ("SESSION_ABSOLUTE_TIMEOUT", "10h")])
            .await;
    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/").await.status, 200);
    for _ in 0..3 {
        app.clock.advance(TimeDelta::minutes(15));
        assert_eq!(clerk.get("/").await.status, 200, "activity keeps the session alive");
    }
    app.clock.advance(TimeDelta::minutes(21));
    let res = clerk.get("/").await;
    assert_eq!(res.status, 303, "an idle session ends");
    assert_eq!(res.location(), Some("/login?notice=expired"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_after_its_absolute_lifetime_even_when_active() {
    let app =
        TestApp::spawn_with(office_db().await, &[("SESSION_IDLE_TIMEOUT", "20m"), ("SESSION_ABSOLUTE_TIMEOUT", "1h")])
            .await;
    let clerk = app.signed_in("clerk").await;
    for _ in 0..5 {
        assert_eq!(clerk.get("/").await.status, 200, "still inside the absolute lifetime");
        app.clock.advance(TimeDelta::minutes(11));
    }
    assert_eq!(clerk.get("/").await.status, 200, "55 minutes after signing in");
    app.clock.advance(TimeDelta::minutes(6));
    let res = clerk.get("/").await;
    assert_eq!(res.status, 303);
    let login = clerk.get(res.location().unwrap()).await;
    assert!(login.body.contains("Sesja wygasła"), "the employee is told why");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_slow_down_that_address_but_not_a_colleague_elsewhere() {
    let app = TestApp::spawn(office_db().await).await;
    let attacker = app.client_from("127.0.0.2");
    for _ in 0..5 {
        assert_eq!(attacker.sign_in("clerk", "guess-guess").await.status, 422);
    }
    let res = attacker.sign_in("clerk", "guess-guess").await;
    assert_eq!(res.status, 429, "the sixth failure in a row must wait");
    assert!(res.body.contains("Zbyt wiele nieudanych prób"));
    assert!(res.header("retry-after").is_some());
    let res = attacker.sign_in("clerk", DEMO_PASSWORD).await;
    assert_eq!(res.status, 429, "while waiting even the right password is not tried");

    let colleague = app.client_from("127.0.0.3");
    assert_eq!(colleague.sign_in("clerk", DEMO_PASSWORD).await.status, 303, "no lockout of the account");

    let failures: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'auth.sign_in_failed'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(failures, 7, "every refused attempt is recorded");

    app.clock.advance(TimeDelta::seconds(1));
    assert_eq!(attacker.sign_in("clerk", DEMO_PASSWORD).await.status, 303, "after the wait the right password works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_of_one_ipv6_subscriber_share_their_failures() {
    let app = TestApp::spawn_with(office_db().await, &[("TRUST_PROXY_HEADERS", "true")]).await;
    for n in 1..=5 {
        let guesser = app.client_forwarded_for(&format!("2001:db8:7:7::{n}"));
        assert_eq!(guesser.sign_in("clerk", "guess-guess").await.status, 422);
    }
    let next = app.client_forwarded_for("2001:db8:7:7:ffff::99");
    let res = next.sign_in("clerk", DEMO_PASSWORD).await;
    assert_eq!(res.status, 429, "another address of the same /64 waits like the first five");
    assert!(res.body.contains("Zbyt wiele nieudanych prób"));
    let elsewhere = app.client_forwarded_for("2001:db8:7:8::1");
    assert_eq!(elsewhere.sign_in("clerk", DEMO_PASSWORD).await.status, 303, "another subscriber is not held up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parallel_burst_of_wrong_passwords_gets_exactly_the_free_attempts() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client_from("127.0.0.5");
    let token = client.get("/login").await.csrf();
    let attempts = (0..12).map(|_| {
        let client = client.fork();
        let token = token.clone();
        tokio::spawn(async move {
            client.post_with_token("/login", &token, &[("login", "clerk"), ("password", "guess-guess")]).await.status
        })
    });
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses.iter().filter(|s| **s == 422).count(), 5, "five passwords checked, no more: {statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 7, "{statuses:?}");
    let checked: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'auth.sign_in_failed' and detail->>'reason' = 'bad_credentials'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(checked, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_office_behind_one_address_signs_in_at_once() {
    let app = TestApp::spawn(office_db().await).await;
    let logins = ["clerk", "anna.kowalczyk", "michal.wojcik", "magdalena.kozlowska", "agnieszka.mazur"];
    let mut jobs = Vec::new();
    for round in 0..5 {
        for login in logins {
            let client = app.client_from("127.0.0.6");
            jobs.push(tokio::spawn(async move { (round, login, client.sign_in(login, DEMO_PASSWORD).await.status) }));
        }
    }
    for job in jobs {
        let (round, login, status) = job.await.unwrap();
        assert_eq!(status, 303, "{login} (round {round}) signs in although 24 sign-ins ran at the same moment");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_spread_over_logins_or_over_networks_slow_down_too() {
    let settings = [
        ("TRUST_PROXY_HEADERS", "true"),
        ("LOGIN_FREE_FAILURES_PER_ACCOUNT", "6"),
        ("LOGIN_FREE_FAILURES_PER_NETWORK", "6"),
    ];
    let app = TestApp::spawn_with(office_db().await, &settings).await;
    // One guess at each of six logins from one network (password spraying)...
    let sprayer = app.client_forwarded_for("198.51.100.7");
    for login in ["a.one", "b.two", "c.three", "d.four", "e.five", "f.six"] {
        assert_eq!(sprayer.sign_in(login, "Wiosna2026!").await.status, 422);
    }
    let res = sprayer.sign_in("clerk", "Wiosna2026!").await;
    assert_eq!(res.status, 429, "the seventh login from that network waits");
    // ...and one guess at one login from each of six networks.
    for n in 1..=6 {
        let guesser = app.client_forwarded_for(&format!("203.0.113.{n}"));
        assert_eq!(guesser.sign_in("anna.kowalczyk", "guess-guess").await.status, 422);
    }
    let res = app.client_forwarded_for("203.0.113.77").sign_in("anna.kowalczyk", DEMO_PASSWORD).await;
    assert_eq!(res.status, 429, "the account waits, from a seventh network too");
    let by: Vec<String> = sqlx::query_scalar(
        "select detail->>'by' from audit_event where detail->>'reason' = 'throttled' order by occurred_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(by, ["network", "account"], "the audit says which count ran out");
    // The wait is short: a minute at most, then the right password works.
    app.clock.advance(TimeDelta::seconds(61));
    let res = app.client_forwarded_for("203.0.113.77").sign_in("anna.kowalczyk", DEMO_PASSWORD).await;
    assert_eq!(res.status, 303, "an attacker can slow an account down, never lock it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivating_an_account_ends_its_sessions_at_once() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/").await.status, 200);

    let admin = app.signed_in("admin").await;
    let clerk_id: uuid::Uuid =
        sqlx::query_scalar("select staff_id from staff where login = 'clerk'").fetch_one(&app.db).await.unwrap();
    let form = admin.get(&format!("/admin/staff/{clerk_id}")).await;
    let version = form.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let dept: uuid::Uuid =
        sqlx::query_scalar("select department_id from staff where login = 'clerk'").fetch_one(&app.db).await.unwrap();
    let res = admin
        .post_with_token(
            &format!("/admin/staff/{clerk_id}"),
            &form.csrf(),
            &[
                ("version", &version),
                ("full_name", "Katarzyna Nowak"),
                ("login", "clerk"),
                ("phone", ""),
                ("department_id", &dept.to_string()),
                ("roles", "clerk"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    assert_eq!(clerk.get("/").await.status, 303, "the deactivated clerk is signed out");
    assert_eq!(clerk.sign_in("clerk", DEMO_PASSWORD).await.status, 422, "and cannot sign in again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_changes_their_password_with_the_current_one() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let other_device = app.signed_in("clerk").await;

    let res = clerk
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", "wrong"), ("new", "nowe hasło 2026"), ("confirm", "nowe hasło 2026")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Obecne hasło jest nieprawidłowe"));

    let res = clerk
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", DEMO_PASSWORD), ("new", "12345678"), ("confirm", "12345678")],
        )
        .await;
    assert!(res.body.contains("zbyt popularne"), "common passwords are refused");

    // Beyond any list: the employee's own name and a recent year, explained in Polish.
    let res = clerk
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", DEMO_PASSWORD), ("new", "Nowak2026!"), ("confirm", "Nowak2026!")],
        )
        .await;
    assert!(res.body.contains("To hasło łatwo odgadnąć."), "a guessable password is refused: {}", res.body);
    assert!(!res.body.contains("easy to guess"), "and none of the estimator's English");

    let res = clerk
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", DEMO_PASSWORD), ("new", "nowe hasło 2026"), ("confirm", "nowe hasło 2027")],
        )
        .await;
    assert!(res.body.contains("Hasła nie są takie same"));

    let res = clerk
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", DEMO_PASSWORD), ("new", "nowe hasło 2026"), ("confirm", "nowe hasło 2026")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(clerk.get("/").await.body.contains("Hasło zostało zmienione."));
    assert_eq!(other_device.get("/").await.status, 303, "other devices are signed out");

    let fresh = app.client();
    assert_eq!(fresh.sign_in("clerk", DEMO_PASSWORD).await.status, 422);
    assert_eq!(fresh.sign_in("clerk", "nowe hasło 2026").await.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_can_be_chosen_and_stays_chosen() {
    let app = TestApp::spawn(office_db().await).await;
    let client = app.client();
    let res = client.post_form("/login", "/language", &[("lang", "en"), ("back", "/login")]).await;
    assert_eq!(res.location(), Some("/login"));
    let page = client.get("/login").await;
    assert!(page.body.contains("<html lang=\"en\">"));
    assert_eq!(page.h1(), "Sign in");
    let res = client.sign_in("clerk", "wrong password").await;
    assert!(res.body.contains("The login or password is incorrect"));
    assert_eq!(client.get("/nothing-here").await.h1(), "Page not found", "error pages speak English too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_destination_with_a_tab_or_a_line_break_is_never_followed() {
    // Browsers drop a tab or line break from a Location, so "/\t/evil.example" is
    // "//evil.example", another site; a line break in a header was a 500 after a
    // correct password, and the user was not signed in.
    let app = TestApp::spawn(office_db().await).await;
    for next in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/ż/evil"] {
        let client = app.client();
        let linked = client.get(&format!("/login?next={}", okienko::web::url_encode(next))).await;
        assert!(linked.status == 400 || linked.status == 200, "{next:?}: {}", linked.status);
        assert!(!linked.body.contains("evil.example"), "the sign-in page does not carry {next:?} on");
        let form = client.get("/login").await;
        let res = client
            .post_with_token("/login", &form.csrf(), &[("login", "admin"), ("password", DEMO_PASSWORD), ("next", next)])
            .await;
        let res = client.second_step("admin", res).await;
        assert_eq!(res.status, 303, "{next:?}: {}", res.body);
        assert_eq!(res.location(), Some("/"), "{next:?} is replaced by the home page");
        assert_eq!(client.get("/").await.status, 200, "{next:?}: signed in");
        // The language switch takes the same care.
        let res = client.post_form("/", "/language", &[("lang", "en"), ("back", next)]).await;
        assert_eq!(res.location(), Some("/"), "the language switch does not follow {next:?}");
    }
}
