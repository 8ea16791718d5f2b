//! The role matrix: every route of the application, tried anonymously and with every
//! role. A route added to `routes.rs` without a row here fails this suite.

use crate::common::{TestApp, office_db};
use okienko::auth::{Access, Role};
use okienko::routes::ROUTES;

/// Who may reach each route: "public", "staff" (anyone signed in) or the roles.
const EXPECTED: &[(&str, &str, &[&str])] = &[
    ("get", "/healthz", &["public"]),
    ("get", "/readyz", &["public"]),
    ("get", "/login", &["public"]),
    ("post", "/login", &["public"]),
    ("get", "/login/code", &["public"]),
    ("post", "/login/code", &["public"]),
    ("get", "/login/enrol", &["public"]),
    ("post", "/login/enrol", &["public"]),
    ("post", "/language", &["public"]),
    ("post", "/logout", &["staff"]),
    ("get", "/", &["staff"]),
    ("get", "/account/password", &["staff"]),
    ("post", "/account/password", &["staff"]),
    ("get", "/account/second-factor", &["staff"]),
    ("get", "/account/second-factor/enrol", &["staff"]),
    ("post", "/account/second-factor/enrol", &["staff"]),
    ("get", "/account/second-factor/recovery-codes", &["staff"]),
    ("post", "/account/second-factor/recovery-codes", &["staff"]),
    ("get", "/account/sessions", &["staff"]),
    ("post", "/account/sessions/end-others", &["staff"]),
    ("post", "/account/sessions/{id}/end", &["staff"]),
    ("get", "/admin/staff", &["admin"]),
    ("get", "/admin/staff/new", &["admin"]),
    ("post", "/admin/staff", &["admin"]),
    ("get", "/admin/staff/{id}", &["admin"]),
    ("post", "/admin/staff/{id}", &["admin"]),
    ("get", "/admin/staff/{id}/second-factor/reset", &["admin"]),
    ("post", "/admin/staff/{id}/second-factor/reset", &["admin"]),
    ("get", "/admin/departments", &["admin"]),
    ("get", "/admin/departments/new", &["admin"]),
    ("post", "/admin/departments", &["admin"]),
    ("get", "/admin/departments/{id}", &["admin"]),
    ("post", "/admin/departments/{id}", &["admin"]),
    ("get", "/admin/desks", &["admin"]),
    ("get", "/admin/desks/new", &["admin"]),
    ("post", "/admin/desks", &["admin"]),
    ("get", "/admin/desks/{id}", &["admin"]),
    ("post", "/admin/desks/{id}", &["admin"]),
    ("get", "/admin/audit", &["admin"]),
    ("get", "/admin/kiosks", &["admin"]),
    ("post", "/admin/kiosks", &["admin"]),
    ("post", "/admin/kiosks/{id}/code", &["admin"]),
    ("post", "/admin/kiosks/{id}/revoke", &["admin"]),
    ("get", "/admin/survey", &["admin"]),
    ("post", "/admin/survey", &["admin"]),
    ("get", "/admin/closed-days", &["admin", "director"]),
    ("post", "/admin/closed-days", &["admin", "director"]),
    ("post", "/admin/closed-days/{day}/delete", &["admin", "director"]),
    ("get", "/procedures", &["staff"]),
    ("get", "/procedures/new", &["admin", "department_head"]),
    ("post", "/procedures", &["admin", "department_head"]),
    ("get", "/procedures/{id}", &["staff"]),
    ("get", "/procedures/{id}/checklist", &["staff"]),
    ("get", "/procedures/{id}/edit", &["admin", "department_head"]),
    ("post", "/procedures/{id}", &["admin", "department_head"]),
    ("get", "/visits/new", &["clerk", "info_point"]),
    ("post", "/visits", &["clerk", "info_point"]),
    ("get", "/visits/{id}/ticket", &["clerk", "info_point"]),
    ("get", "/desk", &["clerk"]),
    ("post", "/desk/open", &["clerk"]),
    ("post", "/desk/close", &["clerk"]),
    ("post", "/desk/call-next", &["clerk"]),
    ("post", "/desk/visits/{id}/call", &["clerk"]),
    ("post", "/desk/visits/{id}/start", &["clerk"]),
    ("post", "/desk/visits/{id}/no-show", &["clerk"]),
    ("post", "/desk/visits/{id}/undo-no-show", &["clerk"]),
    ("post", "/desk/visits/{id}/recall", &["clerk"]),
    ("post", "/desk/visits/{id}/delay", &["clerk"]),
    ("post", "/desk/visits/{id}/finish", &["clerk"]),
    ("get", "/desk/visits/{id}/redirect", &["clerk"]),
    ("post", "/desk/visits/{id}/redirect", &["clerk"]),
    ("post", "/desk/assistance/{id}/acknowledge", &["clerk"]),
    ("post", "/desk/assistance/{id}/arrived", &["clerk"]),
    ("get", "/display", &["public"]),
    ("get", "/kiosk", &["public"]),
    ("post", "/kiosk/enrol", &["public"]),
    ("post", "/kiosk/answers", &["public"]),
    ("get", "/kiosk/thanks", &["public"]),
    ("get", "/kiosk/stand", &["public"]),
    ("post", "/kiosk/tickets", &["public"]),
    ("get", "/kiosk/tickets/{id}", &["public"]),
    ("get", "/complaints", COMPLAINT_PARTIES),
    ("get", "/complaints/new", &["clerk", "info_point"]),
    ("post", "/complaints", &["clerk", "info_point"]),
    ("get", "/complaints/register", &["director", "secretary", "supervisor"]),
    ("get", "/complaints/register/export", &["director", "secretary", "supervisor"]),
    ("get", "/complaints/{id}", &["staff"]),
    ("post", "/complaints/{id}/steps/{step}", &["staff"]),
    ("post", "/reports/comments/{answer}/complaint", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports/today/export", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports/staff", &["supervisor", "director", "secretary", "department_head", "clerk"]),
    ("get", "/reports/staff/export", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports/staff/{id}", &["supervisor", "director", "secretary", "department_head", "clerk"]),
    ("get", "/reports/staff/{id}/export", &["supervisor", "director", "secretary", "department_head", "clerk"]),
    ("post", "/reports/staff/{id}/assessment", &["supervisor", "director", "department_head"]),
    ("get", "/reports/trends", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports/trends/export", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/reports/comments", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/display/events", &["public"]),
    ("get", "/events", &["staff"]),
    ("get", "/directory", &["staff"]),
    ("get", "/away", &["clerk", "info_point"]),
    ("post", "/away", &["clerk", "info_point"]),
    ("post", "/away/end", &["clerk", "info_point"]),
    ("get", "/absences", &["supervisor", "director"]),
    ("post", "/absences", &["supervisor", "director"]),
    ("get", "/home-visits", CASE_PARTIES),
    ("post", "/home-visits/search", CASE_PARTIES),
    ("get", "/home-visits/new", &["info_point"]),
    ("post", "/home-visits", &["info_point"]),
    ("get", "/home-visits/{id}", &["staff"]),
    ("post", "/home-visits/{id}/pesel", &["staff"]),
    ("get", "/home-visits/{id}/attachment", &["info_point", "director"]),
    ("post", "/home-visits/{id}/steps/{step}", &["staff"]),
    ("post", "/home-visits/{id}/loans", &["department_head"]),
    ("post", "/home-visit-loans/{loan}", &["department_head"]),
    ("get", "/authorisations", &["director", "secretary", "bomino"]),
    ("get", "/authorisations.csv", &["director", "secretary", "bomino"]),
    ("get", "/authorisations/{id}", &["staff"]),
    ("get", "/callbacks", &["clerk", "info_point"]),
    ("get", "/callbacks/new", &["clerk", "info_point"]),
    ("post", "/callbacks", &["clerk", "info_point"]),
    ("get", "/callbacks/overdue", &["supervisor", "director"]),
    ("get", "/callbacks/{id}", &["clerk", "info_point", "supervisor", "director"]),
    ("post", "/callbacks/{id}/close", &["clerk", "info_point"]),
    ("post", "/callbacks/{id}/repromise", &["clerk", "info_point"]),
    ("get", "/office-errors", &["staff"]),
    ("get", "/office-errors/new", &["staff"]),
    ("post", "/office-errors", &["staff"]),
    ("get", "/office-errors/export", &["director", "secretary"]),
    ("get", "/office-errors/{id}", &["staff"]),
    ("post", "/office-errors/{id}/clients", &["staff"]),
    ("post", "/office-errors/{id}/informed", &["staff"]),
    ("post", "/office-errors/{id}/remedy", &["staff"]),
    ("post", "/office-errors/{id}/close", &["staff"]),
    ("get", "/gifts", &["staff"]),
    ("get", "/gifts/new", &["staff"]),
    ("post", "/gifts", &["staff"]),
    ("get", "/gifts/export", &["supervisor", "director", "secretary"]),
    ("get", "/gifts/{id}", &["staff"]),
    ("get", "/suggestions", &["staff"]),
    ("get", "/suggestions/new", &["staff"]),
    ("post", "/suggestions", &["staff"]),
    ("get", "/suggestions/export", &["supervisor", "director"]),
    ("get", "/suggestions/{id}", &["staff"]),
    ("post", "/suggestions/{id}/status", &["supervisor", "director"]),
    ("post", "/reports/comments/{id}/suggestion", &["supervisor", "director"]),
    ("get", "/regulation", &["staff"]),
    ("get", "/regulation/versions/new", &["director", "secretary"]),
    ("post", "/regulation/versions", &["director", "secretary"]),
    ("get", "/regulation/versions/{id}", &["staff"]),
    ("get", "/regulation/versions/{id}/pdf", &["staff"]),
    ("post", "/regulation/versions/{id}/confirm", &["staff"]),
    ("get", "/regulation/acknowledgements", &["supervisor", "director", "secretary"]),
    ("get", "/regulation/acknowledgements/export", &["supervisor", "director", "secretary"]),
    ("get", "/trainings", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/trainings/export", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/trainings/new", &["supervisor", "director", "department_head"]),
    ("post", "/trainings", &["supervisor", "director", "department_head"]),
    ("get", "/trainings/{id}", &["supervisor", "director", "secretary", "department_head"]),
    ("get", "/trainings/{id}/edit", &["supervisor", "director", "department_head"]),
    ("post", "/trainings/{id}", &["supervisor", "director", "department_head"]),
    ("get", "/iod", &["iod"]),
    ("post", "/iod/person", &["iod"]),
    ("post", "/iod/person/export", &["iod"]),
    ("post", "/iod/person/erase/confirm", &["iod"]),
    ("post", "/iod/person/erase", &["iod"]),
    ("get", "/iod/register", &["iod"]),
    ("get", "/iod/reads", &["iod"]),
    ("post", "/iod/reads", &["iod"]),
];

/// Everyone who can take part in a case of the decree workflow, and BOMiNO's staff
/// ("bomino": the demo info point, director and supervisor work there).
const CASE_PARTIES: &[&str] = &["info_point", "director", "department_head", "secretary", "clerk", "bomino"];

/// Everyone who takes a complaint or takes part in one, and BOMiNO's staff.
const COMPLAINT_PARTIES: &[&str] =
    &["clerk", "info_point", "director", "department_head", "secretary", "supervisor", "bomino"];

/// Routes open to a role at the door whose handler then applies a finer rule of its
/// own: these roles get 403 from the handler, by design.
const REFUSED_BY_HANDLER: &[(&str, &str, &[&str])] = &[
    // The kiosk refuses every browser that is not an enrolled tablet, signed in or not.
    ("get", "/kiosk", KIOSK_REFUSED),
    ("post", "/kiosk/enrol", KIOSK_REFUSED),
    ("post", "/kiosk/answers", KIOSK_REFUSED),
    ("get", "/kiosk/stand", KIOSK_REFUSED),
    ("post", "/kiosk/tickets", KIOSK_REFUSED),
    ("get", "/kiosk/tickets/{id}", KIOSK_REFUSED),
];
const KIOSK_REFUSED: &[&str] =
    &["public", "clerk", "info_point", "director", "department_head", "secretary", "supervisor", "admin", "iod"];

/// The second step of signing in: open to anybody at the door, its handlers send a
/// visitor whose password was not just accepted back to the sign-in page.
const SECOND_STEP: &[(&str, &str)] =
    &[("get", "/login/code"), ("post", "/login/code"), ("get", "/login/enrol"), ("post", "/login/enrol")];

fn declared(access: Access) -> Vec<String> {
    match access {
        Access::Public => vec!["public".into()],
        Access::Staff => vec!["staff".into()],
        Access::Group(group) => {
            let mut names: Vec<String> = group.roles.iter().map(|r| r.as_str().to_owned()).collect();
            if group.bomino_staff {
                names.push("bomino".into());
            }
            names
        }
    }
}

#[test]
fn every_route_has_a_decision_in_this_test_and_no_other_route_exists() {
    for route in ROUTES {
        let expected = EXPECTED
            .iter()
            .find(|(m, p, _)| *m == route.method && *p == route.path)
            .unwrap_or_else(|| panic!("{} {} has no row in the role matrix test", route.method, route.path));
        assert_eq!(declared(route.access), expected.2, "{} {}", route.method, route.path);
    }
    assert_eq!(ROUTES.len(), EXPECTED.len(), "a row of the matrix names a route that no longer exists");
}

fn allowed(expected: &[&str], role: Option<Role>, in_bomino: bool) -> bool {
    match role {
        None => expected == ["public"],
        Some(role) => {
            expected == ["public"]
                || expected == ["staff"]
                || expected.contains(&role.as_str())
                || (in_bomino && expected.contains(&"bomino"))
        }
    }
}

/// Each role signs in once; every request goes out from a fresh tab of that session
/// (so a language switched on one route does not change what the next one says),
/// and signing out comes last.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_each_role_as_declared() {
    let app = TestApp::spawn(office_db().await).await;
    let some_id = uuid::Uuid::new_v4().to_string();
    let mut failures = Vec::new();
    let mut rows: Vec<&(&str, &str, &[&str])> = EXPECTED.iter().collect();
    rows.sort_by_key(|(_, path, _)| *path == "/logout");

    let mut who: Vec<Option<Role>> = vec![None];
    who.extend(Role::ALL.map(Some));
    for role in who {
        let session = match role {
            Some(role) => Some(app.signed_in(role.as_str()).await),
            None => None,
        };
        let token = match &session {
            Some(session) => session.get("/account/password").await.csrf(),
            None => String::new(),
        };
        let in_bomino: bool = match role {
            Some(role) => sqlx::query_scalar(
                "select exists(select 1 from staff join department using (department_id) where login = $1 and symbol = 'BOM')",
            )
            .bind(role.as_str())
            .fetch_one(&app.db)
            .await
            .unwrap(),
            None => false,
        };
        for (method, path, expected) in &rows {
            let client = match &session {
                Some(session) => session.fork(),
                None => app.client(),
            };
            let pattern = *path;
            let path = path.replace("{id}", &some_id).replace("{day}", "2030-01-02").replace("{step}", "decree");
            let res = if path.ends_with("/events") {
                // A live stream never ends: only its status and headers are read.
                client.head_of(&path).await
            } else if *method == "get" {
                client.get(&path).await
            } else if session.is_some() {
                client.post_with_token(&path, &token, &[]).await
            } else {
                client.post_form("/login", &path, &[]).await
            };
            let mut to_login = res.status == 303 && res.location().is_some_and(|l| l.starts_with("/login"));
            if path == "/logout" && to_login {
                // Signing out also ends on the sign-in page: tell the two apart by what it says.
                to_login = res.location() != Some("/login?notice=signed_out");
            }
            let refused_inside = REFUSED_BY_HANDLER.iter().any(|(m, p, roles)| {
                m == method && *p == pattern && roles.contains(&role.map_or("public", Role::as_str))
            });
            let verdict_ok = if refused_inside {
                res.status == 403
            } else if role.is_none() && SECOND_STEP.contains(&(*method, pattern)) {
                to_login
            } else if allowed(expected, role, in_bomino) {
                res.status != 403 && !to_login && res.status < 500
            } else if role.is_none() {
                to_login
            } else {
                res.status == 403 && res.body.contains("Brak dostępu")
            };
            if !verdict_ok {
                failures.push(format!("{:?} {method} {path}: {}", role.map(Role::as_str), res.status));
            }
        }
    }
    assert!(failures.is_empty(), "unexpected answers:\n{}", failures.join("\n"));

    let denied: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'access.denied'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(denied > 0, "refused accesses are audited");
    let sign_ins: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'auth.sign_in'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sign_ins, Role::ALL.len() as i64, "each role signed in once");
}

/// The route (as declared in `routes.rs`) a concrete path belongs to, if any.
fn route_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    ROUTES.iter().filter(|r| r.method == "get").map(|r| r.path).find(|pattern| {
        let parts: Vec<&str> = pattern.split('/').collect();
        parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
    })
}

/// The local links of a page (`href="/..."`), without those that are not pages to
/// open (static files, live streams).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.replace("&amp;", "&").replace("&#38;", "&"))
        .filter(|href| !href.starts_with("/static/") && !href.ends_with("/events"))
        .collect()
}

/// Every link shown to each role (and to the demo's people with two roles), followed
/// from the home page across the demo office, opens: none answers 403 (or fails).
/// Each route is opened at most twice per person (two ids, two filters), which
/// reaches every page without walking every row of every list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_link_shown_to_anyone_answers_403() {
    let db = office_db().await;
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let mut people: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    people.extend(["krzysztof.krawczyk", "barbara.pawlowska"]);
    let mut refused = Vec::new();
    let mut opened = 0;
    for login in people {
        let client = app.signed_in(login).await;
        let mut seen = std::collections::HashSet::new();
        let mut per_route: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut queue = std::collections::VecDeque::from(["/".to_owned()]);
        while let Some(href) = queue.pop_front() {
            if !seen.insert(href.clone()) {
                continue;
            }
            let path = href.split(['?', '#']).next().unwrap_or("/");
            let Some(route) = route_of(path) else {
                refused.push(format!("{login}: {href} is no route"));
                continue;
            };
            let count = per_route.entry(route).or_default();
            if *count >= 2 {
                continue;
            }
            *count += 1;
            let page = client.get(&href).await;
            opened += 1;
            if page.status == 403 || page.status >= 500 || page.status == 404 {
                refused.push(format!("{login}: {href} answered {}", page.status));
                continue;
            }
            if page.header("content-type").is_some_and(|c| c.starts_with("text/html")) {
                queue.extend(links(&page.body).into_iter().filter(|l| !l.starts_with("/logout")));
            }
        }
    }
    assert!(refused.is_empty(), "links that do not open:\n{}", refused.join("\n"));
    assert!(opened > 150, "the walk reached the office's pages ({opened} opened)");
}
