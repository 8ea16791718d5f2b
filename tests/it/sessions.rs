//! "Twoje sesje" (ASVS 7.5.2) and the password change an admin's password requires
//! (issue 12, finding 11).

use crate::common::{Client, DEMO_PASSWORD, Page, TestApp, office_db};

const WINDOWS_CHROME: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const ANDROID_FIREFOX: &str = "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0";
const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

async fn signed_in_as(app: &TestApp, login: &str, user_agent: &str) -> Client {
    let client = app.client_as(user_agent);
    let res = client.sign_in(login, DEMO_PASSWORD).await;
    assert_eq!(res.status, 303, "{login} signs in: {}", res.body);
    client
}

/// The session keys in the "end" forms of a sessions page.
fn end_forms(html: &str) -> Vec<String> {
    html.split("action=\"/account/sessions/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter_map(|action| action.strip_suffix("/end").map(str::to_owned))
        .collect()
}

/// The `<tr>` of the session marked as this one.
fn current_row(html: &str) -> &str {
    let start = html.find("data-current-session").expect("this session is marked");
    let end = html[start..].find("</tr>").unwrap() + start;
    &html[start..end]
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<serde_json::Value> {
    sqlx::query_scalar("select detail from audit_event where action = $1 order by audit_event_id")
        .bind(action)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_sees_their_sessions_and_ends_another_one_but_not_a_colleagues() {
    let app = TestApp::spawn(office_db().await).await;
    let desk_pc = signed_in_as(&app, "clerk", WINDOWS_CHROME).await;
    let phone = signed_in_as(&app, "clerk", ANDROID_FIREFOX).await;
    let colleague = app.client_as(MAC_SAFARI);
    let res = colleague.sign_in("supervisor", DEMO_PASSWORD).await;
    assert_eq!(res.status, 303, "{}", res.body);

    let home = desk_pc.get("/").await;
    assert!(home.body.contains("href=\"/account/sessions\""), "the home page links the sessions page");
    let page = desk_pc.get("/account/sessions").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.h1(), "Twoje sesje");
    assert!(page.body.contains("Chrome w systemie Windows"), "{}", page.body);
    assert!(page.body.contains("Firefox w systemie Android"), "{}", page.body);
    assert!(page.body.contains("127.0.0.1"), "the address is shown");
    assert!(!page.body.contains("Safari w systemie macOS"), "a colleague's session is not shown");
    let current = current_row(&page.body);
    assert!(current.contains("Chrome w systemie Windows") && current.contains("To urządzenie"), "{current}");
    let others = end_forms(&page.body);
    assert_eq!(others.len(), 1, "only the other session can be ended here: {others:?}");
    assert!(phone.get("/account/sessions").await.body.contains("Firefox w systemie Android"));

    // A colleague's session cannot be ended by its key.
    let theirs: String = sqlx::query_scalar(
        "select session_id from session where staff_id = (select staff_id from staff where login = 'supervisor')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let res = desk_pc.post_form("/account/sessions", &format!("/account/sessions/{theirs}/end"), &[]).await;
    assert_eq!(res.status, 303);
    assert!(desk_pc.get("/account/sessions").await.body.contains("Ta sesja jest już zakończona."));
    assert_eq!(colleague.get("/").await.status, 200, "the colleague is still signed in");
    // Nor this one, by that form (signing out is the way).
    let this_key: String = sqlx::query_scalar(
        "select session_id from session where staff_id = (select staff_id from staff where login = 'clerk')
           and user_agent like '%Windows%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    desk_pc.post_form("/account/sessions", &format!("/account/sessions/{this_key}/end"), &[]).await;
    assert_eq!(desk_pc.get("/").await.status, 200, "this session goes on");
    assert!(audit_details(&app, "auth.session_ended").await.is_empty(), "nothing was ended yet");

    // The phone's session ends: its next page asks to sign in.
    let res = desk_pc.post_form("/account/sessions", &format!("/account/sessions/{}/end", others[0]), &[]).await;
    assert_eq!(res.status, 303);
    let page = desk_pc.get("/account/sessions").await;
    assert!(page.body.contains("Sesja została zakończona."), "{}", page.body);
    assert!(!page.body.contains("Firefox w systemie Android"));
    let res = phone.get("/").await;
    assert_eq!(res.status, 303);
    assert!(res.location().unwrap_or("").starts_with("/login"), "{:?}", res.location());
    assert_eq!(desk_pc.get("/").await.status, 200);

    let audited = audit_details(&app, "auth.session_ended").await;
    assert_eq!(audited.len(), 1);
    assert!(audited[0]["user_agent"].as_str().unwrap_or("").contains("Firefox"), "{}", audited[0]);
    let log = app.signed_in("admin").await.get("/admin/audit").await;
    assert!(log.body.contains("Zakończenie innej własnej sesji"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_every_other_device_keeps_this_one() {
    let app = TestApp::spawn(office_db().await).await;
    let desk_pc = signed_in_as(&app, "clerk", WINDOWS_CHROME).await;
    let phone = signed_in_as(&app, "clerk", ANDROID_FIREFOX).await;
    let laptop = signed_in_as(&app, "clerk", MAC_SAFARI).await;
    let colleague = app.signed_in("info_point").await;

    let page = desk_pc.get("/account/sessions").await;
    assert_eq!(end_forms(&page.body).len(), 2);
    let res = desk_pc.post_form("/account/sessions", "/account/sessions/end-others", &[]).await;
    assert_eq!(res.status, 303);
    let page = desk_pc.get("/account/sessions").await;
    assert!(page.body.contains("Zakończone sesje: 2."), "{}", page.body);
    assert!(page.body.contains("Nie masz innych aktywnych sesji."));
    for device in [&phone, &laptop] {
        let res = device.get("/").await;
        assert_eq!(res.status, 303);
        assert!(res.location().unwrap_or("").starts_with("/login"));
    }
    assert_eq!(desk_pc.get("/").await.status, 200);
    assert_eq!(colleague.get("/").await.status, 200, "a colleague's session is not anyone else's to end");

    let audited = audit_details(&app, "auth.other_sessions_ended").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0]["sessions_ended"], 2);
}

/// The admin's staff form, posted with its version and CSRF token.
async fn update_staff(app: &TestApp, admin: &Client, login: &str, fields: &[(&str, &str)]) -> Page {
    let id = app.staff_id(login).await;
    let form = admin.get(&format!("/admin/staff/{id}")).await;
    let version = form.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let mut all = vec![("version", version.as_str()), ("active", "on")];
    all.extend_from_slice(fields);
    admin.post_with_token(&format!("/admin/staff/{id}"), &form.csrf(), &all).await
}

async fn must_change(app: &TestApp, login: &str) -> bool {
    sqlx::query_scalar("select password_must_change from staff where login = $1")
        .bind(login)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_whose_password_an_admin_set_chooses_their_own_before_anything_else() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[
                ("full_name", "Jan Nowak"),
                ("login", "jan.nowak"),
                ("roles", "clerk"),
                ("password", "zielony parasol 77"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(must_change(&app, "jan.nowak").await);
    assert_eq!(audit_details(&app, "staff.created").await[0]["must_change_password"], true);

    // Signed in, every page leads to the password page, which says why.
    let jan = app.client();
    assert_eq!(jan.sign_in("jan.nowak", "zielony parasol 77").await.status, 303);
    for path in ["/", "/desk", "/procedures", "/account/sessions"] {
        let res = jan.get(path).await;
        assert_eq!((res.status, res.location()), (303, Some("/account/password")), "GET {path}");
    }
    let token = jan.get("/account/password").await.csrf();
    let res = jan.post_with_token("/desk/open", &token, &[]).await;
    assert_eq!((res.status, res.location()), (303, Some("/account/password")), "a form elsewhere leads there too");
    let page = jan.get("/account/password").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ustaw własne hasło"), "{}", page.body);
    assert!(page.body.contains("zostało ustawione przez administratora"));

    // A wrong try keeps the explanation; the right one opens the office.
    let res = jan
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", "zielony parasol 77"), ("new", "password"), ("confirm", "password")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ustaw własne hasło"));
    let res = jan
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", "zielony parasol 77"), ("new", "moje własne hasło 5"), ("confirm", "moje własne hasło 5")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(jan.get("/").await.status, 200);
    assert_eq!(jan.get("/desk").await.status, 200);
    assert!(!jan.get("/account/password").await.body.contains("Ustaw własne hasło"));
    assert!(!must_change(&app, "jan.nowak").await);
    assert_eq!(audit_details(&app, "auth.password_changed").await[0]["required_by_admin"], true);

    // An admin's reset asks for a new one again; demo accounts and an admin's own
    // password are never asked.
    let dept = sqlx::query_scalar::<_, uuid::Uuid>("select department_id from department limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap()
        .to_string();
    let res = update_staff(
        &app,
        &admin,
        "jan.nowak",
        &[
            ("full_name", "Jan Nowak"),
            ("login", "jan.nowak"),
            ("department_id", &dept),
            ("roles", "clerk"),
            ("password", "czerwony parasol 88"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let updated = audit_details(&app, "staff.updated").await;
    assert_eq!(updated.last().unwrap()["must_change_password"], true);
    let jan = app.client();
    assert_eq!(jan.sign_in("jan.nowak", "czerwony parasol 88").await.status, 303);
    assert_eq!(jan.get("/").await.location(), Some("/account/password"));
    assert_eq!(app.signed_in("clerk").await.get("/").await.status, 200, "demo accounts are not asked");
    let log = admin.get("/admin/audit").await;
    assert!(log.body.contains("Zmiana hasła wymagana przy logowaniu: Tak"), "the audit says so");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_session_in_the_address_is_explained_not_a_500() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = signed_in_as(&app, "clerk", WINDOWS_CHROME).await;
    let token = clerk.get("/account/sessions").await.csrf();
    for bad in ["%00", "abc", "%E2%80%AE", &"g".repeat(64)] {
        let res = clerk.post_with_token(&format!("/account/sessions/{bad}/end"), &token, &[]).await;
        assert_eq!(res.status, 303, "{bad}");
        let page = clerk.get("/account/sessions").await;
        assert!(page.body.contains("Ta sesja jest już zakończona."), "{bad}: the page says so");
    }
    assert_eq!(clerk.get("/").await.status, 200, "still signed in");
}
