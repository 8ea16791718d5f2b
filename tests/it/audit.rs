//! The audit log is append-only in the database itself, and admins can browse it.

use crate::common::{TestApp, office_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_can_change_or_remove_audit_rows_not_even_the_applications_own_role() {
    let app = TestApp::spawn(office_db().await).await;
    app.signed_in("admin").await;
    assert_eq!(app.audit_actions().await, vec!["auth.sign_in"]);

    let update = sqlx::query("update audit_event set action = 'auth.sign_out'").execute(&app.db).await;
    assert!(update.is_err(), "an update went through");
    let delete = sqlx::query("delete from audit_event").execute(&app.db).await;
    assert!(delete.is_err(), "a delete went through");
    let truncate = sqlx::query("truncate audit_event").execute(&app.db).await;
    assert!(truncate.is_err(), "a truncate went through");
    assert_eq!(app.audit_actions().await, vec!["auth.sign_in"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_are_recorded_with_who_and_from_where() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let res =
        admin.post_form("/admin/desks/new", "/admin/desks", &[("number", "21"), ("floor", "2"), ("room", "201")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let row: (String, Option<String>, String) =
        sqlx::query_as("select action, actor_login, host(ip) from audit_event where action = 'desk.created'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(row, ("desk.created".into(), Some("admin".into()), "127.0.0.1".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_filters_the_log_by_event_and_login() {
    let app = TestApp::spawn(office_db().await).await;
    app.client().sign_in("clerk", "wrong password").await;
    app.signed_in("clerk").await;
    let admin = app.signed_in("admin").await;

    let page = admin.get("/admin/audit?action=auth.sign_in_failed").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<td class=\"table__cell\">Nieudane logowanie</td>").count(), 1);
    assert!(!page.body.contains("<td class=\"table__cell\">Logowanie</td>"));

    let page = admin.get("/admin/audit?actor=clerk&action=auth.sign_in").await;
    assert_eq!(page.body.matches("<td class=\"table__cell\">Logowanie</td>").count(), 1);

    let page = admin.get("/admin/audit?from=31.02.2026").await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("DD.MM.RRRR"));

    // The details read as words, in either language: no field names, no codes.
    let page = admin.get("/admin/audit?action=auth.sign_in_failed").await;
    assert!(page.body.contains("Login: clerk; Powód: błędny login lub hasło"), "{}", page.body);
    assert!(!page.body.contains("bad_credentials") && !page.body.contains("failures"));
    admin.post_form("/admin/audit", "/language", &[("lang", "en"), ("back", "/admin/audit")]).await;
    let page = admin.get("/admin/audit?action=auth.sign_in_failed").await;
    assert!(page.body.contains("<td class=\"table__cell\">Failed sign-in</td>"));
    assert!(page.body.contains("Login: clerk; Reason: wrong login or password"), "{}", page.body);

    // Each row says what it is about: a registered client by the ticket's number.
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let page = admin.get("/admin/audit?action=visit.registered").await;
    assert!(page.body.contains(&format!("Ticket {ticket}")), "{}", page.body);
}
