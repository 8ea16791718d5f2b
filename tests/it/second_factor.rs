//! The second factor: setting up an authenticator app, signing in in two steps,
//! codes refused when wrong or used before, recovery codes, the office requiring it
//! by role, and an admin removing a lost one.

use chrono::TimeDelta;
use okienko::auth::second_factor::Secret;

use crate::common::{Client, DEMO_PASSWORD, Page, TestApp, office_db, secret_on};

/// The ten recovery codes of a page that shows them.
fn recovery_codes(page: &Page) -> Vec<String> {
    let list = page.body.split("data-recovery-codes>").nth(1).expect("the page lists recovery codes");
    let list = list.split("</ol>").next().unwrap();
    list.split("<code>").skip(1).map(|c| c.split('<').next().unwrap().to_owned()).collect()
}

/// Posts the second step's code as typed.
async fn type_code(client: &Client, code: &str) -> Page {
    client.post_form("/login/code", "/login/code", &[("code", code)]).await
}

/// The employee turns the app on from their account, as a person with a phone would:
/// reads the key off the page, types the code their app shows. Returns the key and
/// the recovery codes shown.
async fn turn_on(app: &TestApp, client: &Client) -> (Secret, Vec<String>) {
    let form = client.get("/account/second-factor/enrol").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let secret = secret_on(&form.body);
    let code = secret.code_at(app.clock.now());
    let res = client
        .post_with_token("/account/second-factor/enrol", &form.csrf(), &[("password", DEMO_PASSWORD), ("code", &code)])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    (secret, recovery_codes(&res))
}

/// The password of `login`, the right one: the answer sends to the second step.
async fn password_step(client: &Client, login: &str) -> Page {
    client.post_form("/login", "/login", &[("login", login), ("password", DEMO_PASSWORD)]).await
}

async fn actions_of(app: &TestApp, action: &str) -> Vec<serde_json::Value> {
    sqlx::query_scalar("select detail from audit_event where action = $1 order by audit_event_id")
        .bind(action)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_turns_on_the_app_and_then_signs_in_with_its_code_which_works_only_once() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let account = clerk.get("/account/second-factor").await;
    assert!(account.body.contains("Wyłączone"), "{}", account.body);
    assert!(account.body.contains("możesz je włączyć"), "not required of a clerk, offered");

    // The page shows the QR code as an inline SVG, the key in groups of four, and asks
    // for the password and a first code before anything takes effect.
    let form = clerk.get("/account/second-factor/enrol").await;
    assert!(form.body.contains("<svg class=\"qr__code\""), "a QR code drawn by us");
    assert!(!form.body.contains("<img"), "no image from elsewhere");
    let secret = secret_on(&form.body);
    let grouped = secret.grouped();
    assert!(form.body.contains(&grouped) && grouped.split(' ').all(|g| g.len() == 4), "{grouped}");
    assert!(form.body.contains("otpauth://totp/") && form.body.contains(&secret.base32()));
    let wrong = clerk
        .post_with_token(
            "/account/second-factor/enrol",
            &form.csrf(),
            &[("password", DEMO_PASSWORD), ("code", "12345")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("Wpisz 6 cyfr, które pokazuje aplikacja"), "{}", wrong.body);
    assert!(wrong.body.contains(&grouped), "the same key is shown again: it may be scanned already");
    let no_factor: i64 = sqlx::query_scalar("select count(*) from second_factor").fetch_one(&app.db).await.unwrap();
    let (_, codes) = turn_on(&app, &clerk).await;
    assert_eq!(codes.len(), 10);
    let stored: i64 = sqlx::query_scalar("select count(*) from second_factor").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, no_factor + 1, "stored only once confirmed");
    assert!(clerk.get("/account/second-factor").await.body.contains("Niewykorzystane: 10 z 10"));
    assert_eq!(actions_of(&app, "auth.second_factor_enrolled").await.len(), 1);

    // Signed out, the password alone no longer signs in: step 2 asks for the code.
    clerk.sign_out().await;
    let res = password_step(&clerk, "clerk").await;
    assert_eq!(res.location(), Some("/login/code"));
    let step = clerk.get("/login/code").await;
    assert!(step.body.contains("Krok 2 z 2"), "the step is said");
    assert!(step.body.contains("autocomplete=\"one-time-code\"") && step.body.contains("inputmode=\"numeric\""));
    assert!(step.body.contains("kodów zapasowych"), "a recovery code is accepted here, and said so");
    assert_eq!(clerk.get("/desk").await.location(), Some("/login?next=/desk&notice=required"), "not signed in yet");

    // A person waits for the next code after setting up the app (the first was used).
    app.clock.advance(TimeDelta::seconds(30));
    let right = secret.code_at(app.clock.now());
    let wrong_code = if right == "000000" { "111111" } else { "000000" };
    let res = type_code(&clerk, wrong_code).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ten kod jest nieprawidłowy"), "{}", res.body);
    let res = type_code(&clerk, &right).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), Some("/"));
    assert_eq!(clerk.get("/desk").await.status, 200, "signed in now");

    // The same code, overheard, does not sign anybody in again.
    let eavesdropper = app.client();
    password_step(&eavesdropper, "clerk").await;
    let res = type_code(&eavesdropper, &right).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ten kod został już użyty"), "{}", res.body);
    assert_eq!(eavesdropper.get("/desk").await.status, 303);

    let failed = actions_of(&app, "auth.second_factor_failed").await;
    let reasons: Vec<&str> = failed.iter().map(|d| d["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["wrong_code", "replayed_code"]);
    let sign_ins = actions_of(&app, "auth.sign_in").await;
    assert_eq!(sign_ins.last().unwrap()["factor"], "totp");
    let log = app.signed_in("admin").await.get("/admin/audit").await;
    assert!(log.body.contains("Błędny kod logowania dwuetapowego") && log.body.contains("kod już użyty"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_code_signs_in_once_and_not_twice() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let (_, codes) = turn_on(&app, &clerk).await;
    clerk.sign_out().await;

    password_step(&clerk, "clerk").await;
    // Typed in capitals with spaces, as read off a printout.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let res = type_code(&clerk, &typed).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let home = clerk.get("/").await;
    assert!(home.body.contains("Pozostałe kody zapasowe: 9"), "{}", home.body);
    assert_eq!(actions_of(&app, "auth.recovery_code_used").await[0]["left"], 9);
    clerk.sign_out().await;

    password_step(&clerk, "clerk").await;
    let res = type_code(&clerk, &codes[3]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ten kod zapasowy został już wykorzystany"), "{}", res.body);
    assert_eq!(clerk.get("/").await.status, 303, "not signed in");
    let res = type_code(&clerk, &codes[4]).await;
    assert_eq!(res.status, 303, "another code works");

    // New codes replace the old ones, after the password and a code.
    let form = clerk.get("/account/second-factor/recovery-codes").await;
    let code = clerk.app_code("clerk").await;
    let res = clerk
        .post_with_token(
            "/account/second-factor/recovery-codes",
            &form.csrf(),
            &[("password", DEMO_PASSWORD), ("code", &code)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let fresh = recovery_codes(&res);
    assert_eq!(fresh.len(), 10);
    clerk.sign_out().await;
    password_step(&clerk, "clerk").await;
    assert_eq!(type_code(&clerk, &codes[5]).await.status, 422, "the old codes are void");
    assert_eq!(type_code(&clerk, &fresh[0]).await.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_whose_role_requires_it_sets_it_up_before_opening_anything() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[
                ("full_name", "Zofia Król"),
                ("login", "zofia.krol"),
                ("roles", "info_point"),
                ("password", "zielony parasol 77"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let list = admin.get("/admin/staff").await;
    assert!(list.body.contains("Bez logowania dwuetapowego"), "the admin sees who has not set it up");

    let zofia = app.client();
    let res = zofia.post_form("/login", "/login", &[("login", "zofia.krol"), ("password", "zielony parasol 77")]).await;
    assert_eq!(res.location(), Some("/login/enrol"));
    for page in ["/", "/home-visits", "/home-visits/new", "/account/second-factor"] {
        let res = zofia.get(page).await;
        assert_eq!(res.status, 303, "{page}");
        assert!(res.location().unwrap().starts_with("/login"), "{page} needs the second step first");
    }
    assert_eq!(zofia.get("/login/code").await.location(), Some("/login/enrol"), "no code to give yet");

    let enrol = zofia.get("/login/enrol").await;
    assert!(enrol.body.contains("Krok 2 z 2"));
    assert!(enrol.body.contains("Urząd wymaga logowania dwuetapowego"), "{}", enrol.body);
    let secret = secret_on(&enrol.body);
    let wrong = if secret.code_at(app.clock.now()) == "999999" { "999998" } else { "999999" };
    let res = zofia.post_with_token("/login/enrol", &enrol.csrf(), &[("code", wrong)]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ten kod nie pasuje"), "{}", res.body);
    assert_eq!(zofia.get("/").await.status, 303, "still nobody signed in");

    let code = secret.code_at(app.clock.now());
    let res = zofia.post_with_token("/login/enrol", &enrol.csrf(), &[("code", &code)]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(recovery_codes(&res).len(), 10, "the recovery codes, shown once");
    assert!(res.body.contains("Zalogowano jako Zofia Król") && res.body.contains("action=\"/logout\""), "signed in");
    let actions = app.audit_actions().await;
    assert!(actions.ends_with(&["auth.second_factor_enrolled".to_owned(), "auth.sign_in".to_owned()]), "{actions:?}");
    // The admin chose her password: she chooses her own next.
    assert_eq!(zofia.get("/").await.location(), Some("/account/password"));
    let new = [("current", "zielony parasol 77"), ("new", "moja łąka 2026"), ("confirm", "moja łąka 2026")];
    assert_eq!(zofia.post_form("/account/password", "/account/password", &new).await.status, 303);
    let home = zofia.get("/").await;
    assert_eq!(home.h1(), "Dzień dobry, Zofia Król");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_alone_opens_nothing_and_its_step_expires() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.client();
    let res = password_step(&admin, "admin").await;
    assert_eq!(res.location(), Some("/login/code"));
    for page in ["/", "/admin/staff", "/admin/audit", "/account/second-factor"] {
        let res = admin.get(page).await;
        assert_eq!(res.status, 303, "{page}");
        assert!(res.location().unwrap().starts_with("/login"), "{page}");
    }
    let token = admin.get("/login/code").await.csrf();
    let res = admin.post_with_token("/admin/staff", &token, &[("full_name", "Intruz")]).await;
    assert_eq!(res.location(), Some("/login?notice=required"), "no staff form is taken either");

    // Five minutes later the password must be given again.
    app.clock.advance(TimeDelta::minutes(6));
    let code = app.app_code("admin").await;
    let res = admin.post_with_token("/login/code", &token, &[("code", &code)]).await;
    assert_eq!(res.location(), Some("/login"));
    assert!(admin.get("/login").await.body.contains("Czas na drugi krok logowania minął"));
    assert_eq!(admin.get("/admin/staff").await.status, 303);

    // The demo's accounts that need it share one published secret (README).
    let demo = Secret::from_base32(okienko::demo::DEMO_TOTP_SECRET).unwrap();
    password_step(&admin, "admin").await;
    let res = type_code(&admin, &demo.code_at(app.clock.now())).await;
    assert_eq!(res.location(), Some("/"), "{}", res.body);
    assert_eq!(admin.get("/admin/staff").await.status, 200);
    let clerk = app.client();
    assert_eq!(password_step(&clerk, "clerk").await.location(), Some("/"), "a clerk needs none by default");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_codes_send_back_to_the_password_and_count_toward_the_throttle() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.client();
    password_step(&director, "director").await;
    let token = director.get("/login/code").await.csrf();
    let right = app.app_code("director").await;
    let wrong = if right == "123456" { "654321" } else { "123456" };
    for attempt in 1..=4 {
        let res = type_code(&director, wrong).await;
        assert_eq!(res.status, 422, "attempt {attempt}");
    }
    let res = type_code(&director, wrong).await;
    assert_eq!(res.location(), Some("/login"), "the fifth sends back to the password");
    assert!(director.get("/login").await.body.contains("Zbyt wiele błędnych kodów"));
    let res = director.post_with_token("/login/code", &token, &[("code", &right)]).await;
    assert_eq!(res.location(), Some("/login"), "the pending sign-in is over");
    let failures: Vec<i64> =
        actions_of(&app, "auth.second_factor_failed").await.iter().map(|d| d["failures"].as_i64().unwrap()).collect();
    assert_eq!(failures, [1, 2, 3, 4, 5], "each wrong code is a failed sign-in for the throttle");
    // The right password again does not buy fresh guesses: the next code waits.
    assert_eq!(password_step(&director, "director").await.location(), Some("/login/code"));
    let res = type_code(&director, wrong).await;
    assert_eq!(res.status, 429, "the sixth code in a row waits");
    assert!(res.body.contains("Zbyt wiele nieudanych prób"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_removes_a_lost_second_factor_ending_the_sessions_and_the_log_says_so() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    let director_id = app.staff_id("director").await;
    let admin = app.signed_in("admin").await;

    let form = admin.get(&format!("/admin/staff/{director_id}")).await;
    assert!(form.body.contains("Włączone"), "the staff form says it is on");
    let link = format!("/admin/staff/{director_id}/second-factor/reset");
    assert!(form.body.contains(&link));
    let confirm = admin.get(&link).await;
    assert_eq!(confirm.h1(), "Usunąć drugi składnik logowania: Elżbieta Kamińska?");
    let res = admin.post_with_token(&link, &confirm.csrf(), &[]).await;
    assert_eq!(res.location(), Some(format!("/admin/staff/{director_id}").as_str()));
    let form = admin.get(&format!("/admin/staff/{director_id}")).await;
    assert!(form.body.contains("Usunięto drugi składnik logowania: Elżbieta Kamińska"), "{}", form.body);
    assert!(form.body.contains("Wyłączone"));

    assert_eq!(director.get("/").await.status, 303, "the director's session has ended");
    let left: i64 = sqlx::query_scalar(
        "select (select count(*) from second_factor where staff_id = $1) + (select count(*) from recovery_code where staff_id = $1)",
    )
    .bind(director_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(left, 0, "the secret and the recovery codes are gone");
    let (target, actor): (Option<String>, Option<String>) =
        sqlx::query_as("select target_id, actor_login from audit_event where action = 'auth.second_factor_reset'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((target.as_deref(), actor.as_deref()), (Some(director_id.to_string().as_str()), Some("admin")));
    let log = admin.get("/admin/audit").await;
    assert!(log.body.contains("Usunięcie drugiego składnika logowania"));

    // The director's role requires one: the next sign-in sets up a new app first.
    let again = app.client();
    assert_eq!(password_step(&again, "director").await.location(), Some("/login/enrol"));
    // A second reset finds nothing to remove.
    let res = admin.get(&link).await;
    assert_eq!(res.location(), Some(format!("/admin/staff/{director_id}").as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_that_requires_it_given_to_an_employee_without_one_ends_their_sessions() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let clerk_id = app.staff_id("clerk").await;
    let admin = app.signed_in("admin").await;
    let form = admin.get(&format!("/admin/staff/{clerk_id}")).await;
    let version = form.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let res = admin
        .post_with_token(
            &format!("/admin/staff/{clerk_id}"),
            &form.csrf(),
            &[
                ("version", &version),
                ("full_name", "Katarzyna Nowak"),
                ("login", "clerk"),
                ("roles", "clerk"),
                ("roles", "info_point"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(clerk.get("/").await.status, 303, "no PESEL within reach before the second factor");
    assert_eq!(password_step(&clerk, "clerk").await.location(), Some("/login/enrol"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_step_and_setting_up_the_app_pass_axe_in_a_browser() {
    use crate::browser::Browser;
    use fantoccini::Locator;

    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[
                ("full_name", "Zofia Król"),
                ("login", "zofia.krol"),
                ("roles", "director"),
                ("password", "zielony parasol 77"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let browser = Browser::start().await;
    let mut violations = Vec::new();

    // The admin's second step, first with a wrong code.
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.fill("login", "admin").await;
    browser.fill("password", DEMO_PASSWORD).await;
    browser.click("main button[type=submit]").await;
    assert!(browser.shows("h1", "Kod z aplikacji").await);
    browser.screenshot("login-code").await;
    violations.extend(browser.axe().await.into_iter().map(|v| format!("login-code: {v}")));
    let focused = browser.client.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(focused.as_deref(), Some("code"), "the one field of the page has the focus");
    browser.fill("code", "12").await;
    browser.click("main button[type=submit]").await;
    browser.client.wait().for_element(Locator::Css(".error-summary")).await.unwrap();
    violations.extend(browser.axe().await.into_iter().map(|v| format!("login-code-error: {v}")));
    browser.fill("code", &app.app_code("admin").await).await;
    browser.click("main button[type=submit]").await;
    assert!(browser.shows("h1", "Dzień dobry, Paweł Dąbrowski").await);
    for page in ["/account/second-factor", "/account/second-factor/enrol", "/account/second-factor/recovery-codes"] {
        violations.extend(browser.audit(&app.url(page), &page.replace('/', "-")).await);
    }
    let director_id = app.staff_id("director").await;
    let reset = format!("/admin/staff/{director_id}/second-factor/reset");
    violations.extend(browser.audit(&app.url(&reset), "second-factor-reset").await);
    browser.click(".site-header__user button").await;
    assert!(browser.shows("h1", "Logowanie").await);

    // A director without an app sets one up at sign-in, from the key shown.
    browser.sign_in(&app, "zofia.krol", "zielony parasol 77").await;
    assert!(browser.shows("h1", "Włącz logowanie dwuetapowe").await);
    browser.screenshot("login-enrol").await;
    violations.extend(browser.axe().await.into_iter().map(|v| format!("login-enrol: {v}")));
    let width = browser
        .client
        .execute("return document.querySelector('svg.qr__code').getBoundingClientRect().width;", vec![])
        .await
        .unwrap();
    assert!(width.as_f64().unwrap() >= 150.0, "the QR code is drawn large enough to scan: {width}");
    let key = browser.client.find(Locator::Css("[data-secret]")).await.unwrap().text().await.unwrap();
    let code = Secret::from_base32(&key).unwrap().code_at(app.clock.now());
    browser.fill("code", &code).await;
    browser.press("main button[type=submit]").await;
    assert!(browser.shows("h1", "Kody zapasowe").await);
    browser.screenshot("recovery-codes").await;
    violations.extend(browser.axe().await.into_iter().map(|v| format!("recovery-codes: {v}")));
    browser.click("main a.button").await;
    // The admin chose her password: she chooses her own, and the page says why.
    assert!(browser.shows("h1", "Zmień hasło").await);
    assert!(browser.shows(".banner__title", "Ustaw własne hasło").await);
    violations.extend(browser.axe().await.into_iter().map(|v| format!("password-must-change: {v}")));
    browser.fill("current", "zielony parasol 77").await;
    browser.fill("new", "moja laka nad rzeka 2026").await;
    browser.fill("confirm", "moja laka nad rzeka 2026").await;
    browser.press("main button[type=submit]").await;
    assert!(browser.shows("h1", "Dzień dobry, Zofia Król").await);
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}
