//! Admin pages: staff with several roles, departments with symbols, desks.

use crate::common::{TestApp, empty_db, office_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_an_employee_with_two_roles_who_can_then_sign_in() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[
                ("full_name", "Zofia Król"),
                ("login", "Zofia.Krol"),
                ("job_title", "Starszy inspektor"),
                ("phone", "44 732 18 99"),
                ("roles", "clerk"),
                ("roles", "info_point"),
                ("password", "zielony parasol 77"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let list = admin.get("/admin/staff").await;
    assert!(list.body.contains("Zofia Król"));
    assert!(
        list.body.contains("Pracownik BOM, Punkt Informacyjny")
            || list.body.contains("Punkt Informacyjny, Pracownik BOM")
    );

    // The position, for the authorisations she may be given, is on her form.
    let id = app.staff_id("zofia.krol").await;
    let form = admin.get(&format!("/admin/staff/{id}")).await;
    assert!(form.body.contains("value=\"Starszy inspektor\""), "{}", form.body);

    // The information point reads PESEL numbers: her first sign-in sets up the
    // second factor (the helper does as she would) and shows her recovery codes.
    let zofia = app.client();
    let res = zofia.sign_in("zofia.krol", "zielony parasol 77").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("Kody zapasowe"));
    // The admin chose her password: she chooses her own before anything else.
    assert_eq!(zofia.get("/").await.location(), Some("/account/password"));
    let res = zofia
        .post_form(
            "/account/password",
            "/account/password",
            &[("current", "zielony parasol 77"), ("new", "moja łąka 2026"), ("confirm", "moja łąka 2026")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let home = zofia.get("/").await;
    assert!(home.body.contains("Pracownik BOM") && home.body.contains("Punkt Informacyjny"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taken_login_and_a_weak_password_are_explained_and_nothing_is_saved() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[("full_name", "Druga Katarzyna"), ("login", "clerk"), ("password", "długie i dobre hasło")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ten login jest już zajęty"));
    assert!(res.body.contains("value=\"Druga Katarzyna\""));
    assert!(!res.body.contains("długie i dobre hasło"), "the password is not sent back");

    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[("full_name", "Jan Nowy"), ("login", "jan.nowy"), ("password", "password")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("zbyt popularne"));
    let count: i64 =
        sqlx::query_scalar("select count(*) from staff where login in ('jan.nowy') or full_name = 'Druga Katarzyna'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_cannot_lock_themselves_out() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let id: uuid::Uuid =
        sqlx::query_scalar("select staff_id from staff where login = 'admin'").fetch_one(&app.db).await.unwrap();
    let form = admin.get(&format!("/admin/staff/{id}")).await;
    let version = form.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let res = admin
        .post_with_token(
            &format!("/admin/staff/{id}"),
            &form.csrf(),
            &[("version", &version), ("full_name", "Paweł Dąbrowski"), ("login", "admin"), ("roles", "clerk")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Nie możesz wyłączyć własnego konta"));
    assert!(res.body.contains("Nie możesz odebrać sobie roli administratora"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn departments_need_a_valid_unique_symbol() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form("/admin/departments/new", "/admin/departments", &[("symbol", "1abc"), ("name", "Wydział Nowy")])
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("pierwszy znak to litera"));
    let res = admin
        .post_form("/admin/departments/new", "/admin/departments", &[("symbol", "usc"), ("name", "Drugi USC")])
        .await;
    assert!(res.body.contains("Komórka o tym symbolu już istnieje"), "symbols are compared in capitals");
    let res = admin
        .post_form("/admin/departments/new", "/admin/departments", &[("symbol", "ROL"), ("name", "Wydział Rolnictwa")])
        .await;
    assert_eq!(res.status, 303);
    assert!(admin.get("/admin/departments").await.body.contains("Wydział Rolnictwa"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desks_have_a_unique_number_and_a_sensible_floor() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin.post_form("/admin/desks/new", "/admin/desks", &[("number", "4"), ("floor", "0")]).await;
    assert!(res.body.contains("Stanowisko o tym numerze już istnieje"));
    let res = admin.post_form("/admin/desks/new", "/admin/desks", &[("number", "40"), ("floor", "parter")]).await;
    assert!(res.body.contains("Piętro to liczba od -5 do 50"));
    let res = admin
        .post_form(
            "/admin/desks/new",
            "/admin/desks",
            &[("number", "40"), ("floor", "3"), ("department_id", "not-a-department")],
        )
        .await;
    assert!(res.body.contains("Wybierz komórkę"), "a department not on the list is asked for by name");
    let res =
        admin.post_form("/admin/desks/new", "/admin/desks", &[("number", "40"), ("floor", "3"), ("room", "301")]).await;
    assert_eq!(res.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_data_loads_twice_without_changing_anything() {
    let db = empty_db().await;
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    const COUNTS: &str = "select (select count(*) from department), (select count(*) from desk),
                                 (select count(*) from staff), (select count(*) from staff_role),
                                 (select count(*) from case_kind), (select count(*) from visit),
                                 (select count(*) from callback)";
    let before: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(COUNTS).fetch_one(&*db).await.unwrap();
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    let after: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(COUNTS).fetch_one(&*db).await.unwrap();
    assert_eq!(before.2, 15, "the demo office has its staff");
    assert!(before.5 >= 20 && before.6 >= 3, "a living morning: visits and callbacks today");
    assert_eq!(before, after);
    for role in okienko::auth::Role::ALL {
        let holds: bool = sqlx::query_scalar("select exists(select 1 from staff s join staff_role r using (staff_id) where s.login = $1 and r.role = $1)")
            .bind(role.as_str())
            .fetch_one(&*db)
            .await
            .unwrap();
        assert!(holds, "the demo account {} holds its role", role.as_str());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_position_with_a_line_break_is_explained_on_the_form_and_nothing_is_saved() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res = admin
        .post_form(
            "/admin/staff/new",
            "/admin/staff",
            &[
                ("full_name", "Zofia Król"),
                ("login", "zofia.krol"),
                ("job_title", "Starszy\tinspektor\nds. rejestracji"),
                ("roles", "clerk"),
                ("password", "zielony parasol 77"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "a clear message, not a 500 from the database's check");
    assert!(res.body.contains("href=\"#job_title\""), "the message points at the position field");
    assert!(res.body.contains("Wpisz nazwę stanowiska w jednym wierszu"));
    let saved: i64 =
        sqlx::query_scalar("select count(*) from staff where login = 'zofia.krol'").fetch_one(&app.db).await.unwrap();
    assert_eq!(saved, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_of_address_is_kept_with_the_account_and_an_unknown_one_is_refused() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let form = |address: &'static str| {
        vec![
            ("full_name", "Zofia Król"),
            ("login", "zofia.krol"),
            ("address_form", address),
            ("roles", "clerk"),
            ("password", "zielony parasol 77"),
        ]
    };
    let res = admin.post_form("/admin/staff/new", "/admin/staff", &form("madame")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("href=\"#address_form\""), "the message points at the form of address");
    let page = admin.get("/admin/staff/new").await;
    assert!(page.body.contains("Zwrot grzecznościowy") && page.body.contains("Nie podano"));

    let res = admin.post_form("/admin/staff/new", "/admin/staff", &form("pani")).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let kept: Option<String> = sqlx::query_scalar("select address_form from staff where login = 'zofia.krol'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("pani"));
}
