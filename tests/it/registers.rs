//! The office's registers: errors disclosed to clients (Std 21), gifts refused
//! (Std 24) and suggestions (§7.1): their rules, who sees what, the audit, the exports.

use std::io::Read;

use crate::common::{Client, Page, TestApp, office_db};

/// The one-submission key of the create form on a page.
fn form_key_of(page: &Page) -> String {
    let marker = "name=\"form_key\" value=\"";
    let start = page.body.find(marker).unwrap_or_else(|| panic!("no form key: {}", page.body)) + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// The version a record's change forms carry.
fn version_of(page: &Page) -> String {
    let marker = "name=\"version\" value=\"";
    let start = page.body.find(marker).unwrap_or_else(|| panic!("no version: {}", page.body)) + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&app.db).await.unwrap()
}

fn xlsx_parts(bytes: Vec<u8>) -> (String, String) {
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut strings = String::new();
    book.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    let mut sheet = String::new();
    book.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    (strings, sheet)
}

const ERROR_FIELDS: &[(&str, &str)] = &[
    ("found_on", ""),
    ("what_happened", "Decyzje podatkowe wysłano z błędną kwotą raty."),
    ("consequences", "Dwóch podatników zapłaciło za dużo."),
    ("remedy", "Korekta decyzji i zwrot nadpłaty w 7 dni."),
    ("apology", "Przeprosiny telefoniczne i w piśmie z korektą."),
];

/// Registers an error as `by` would from the form; returns its id.
async fn register_error(by: &Client) -> String {
    let form = by.get("/office-errors/new").await;
    assert_eq!(form.status, 200);
    let key = form_key_of(&form);
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Warsaw).format("%d.%m.%Y").to_string();
    let mut fields: Vec<(&str, &str)> =
        ERROR_FIELDS.iter().map(|&(k, v)| (k, if k == "found_on" { today.as_str() } else { v })).collect();
    fields.push(("form_key", &key));
    let res = by.post_with_token("/office-errors", &form.csrf(), &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    res.location().unwrap().trim_start_matches("/office-errors/").to_owned()
}

/// Posts one of the error page's forms with the page's current version.
async fn on_error(by: &Client, id: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let page = by.get(&format!("/office-errors/{id}")).await;
    let version = version_of(&page);
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    by.post_with_token(&format!("/office-errors/{id}/{action}"), &page.csrf(), &all).await
}

async fn client_id(app: &TestApp, name: &str) -> String {
    sqlx::query_scalar::<_, uuid::Uuid>("select office_error_client_id from office_error_client where client_name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_office_error_stays_open_until_every_client_is_told_and_the_remedy_is_done() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("michal.wojcik").await;
    let id = register_error(&clerk).await;

    // Nobody to tell yet: closing is refused and the page says why.
    let res = on_error(&clerk, &id, "close", &[]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Nie można zamknąć pomyłki: dodaj klientów, których dotyczy"), "{}", res.body);

    for (name, case_ref) in [("Helena Wiśniewska", "FP.3120.15.2026"), ("Stanisław Kowal", "FP.3120.16.2026")] {
        let res = on_error(
            &clerk,
            &id,
            "clients",
            &[("client_name", name), ("contact", "600 200 300"), ("case_ref", case_ref)],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let helena = client_id(&app, "Helena Wiśniewska").await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Warsaw).format("%d.%m.%Y").to_string();
    let res =
        on_error(&clerk, &id, "informed", &[("client", &helena), ("informed_on", &today), ("how", "phone")]).await;
    assert_eq!(res.status, 303, "{}", res.body);

    // One client still not told, the remedy not done: both said, nothing closed.
    let res = on_error(&clerk, &id, "close", &[]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("nie poinformowano klientów (1)"), "{}", res.body);
    assert!(res.body.contains("zapisz najpierw jej naprawienie"));
    assert_eq!(count(&app, "select count(*) from office_error where closed_at is not null").await, 0);

    let res = on_error(&clerk, &id, "remedy", &[("remedy_note", "Korekty wysłane, nadpłaty zwrócone.")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = on_error(&clerk, &id, "close", &[]).await;
    assert_eq!(res.status, 422, "one client is still not told");

    let stanislaw = client_id(&app, "Stanisław Kowal").await;
    let res =
        on_error(&clerk, &id, "informed", &[("client", &stanislaw), ("informed_on", &today), ("how", "letter")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = clerk.get(&format!("/office-errors/{id}")).await;
    assert!(page.body.contains("2 z 2"), "the page counts the clients told");
    let res = on_error(&clerk, &id, "close", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(count(&app, "select count(*) from office_error where closed_at is not null").await, 1);
    let page = clerk.get(&format!("/office-errors/{id}")).await;
    assert!(
        page.body.contains("Zamknięta") && !page.body.contains("/close\""),
        "a closed error offers no more changes"
    );

    // Every change was audited.
    let actions = app.audit_actions().await;
    for (action, times) in [
        ("office_error.registered", 1),
        ("office_error.client_added", 2),
        ("office_error.client_informed", 2),
        ("office_error.remedy_done", 1),
        ("office_error.closed", 1),
    ] {
        assert_eq!(actions.iter().filter(|a| *a == action).count(), times, "{action}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_error_form_or_a_second_click_gets_409_and_changes_nothing() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("michal.wojcik").await;
    let id = register_error(&clerk).await;
    let page = clerk.get(&format!("/office-errors/{id}")).await;
    let (token, old) = (page.csrf(), version_of(&page));
    let add = |name: &'static str| {
        let (clerk, token, old, id) = (&clerk, token.clone(), old.clone(), id.clone());
        async move {
            clerk
                .post_with_token(
                    &format!("/office-errors/{id}/clients"),
                    &token,
                    &[("version", &old), ("client_name", name)],
                )
                .await
        }
    };
    assert_eq!(add("Ewa Lis").await.status, 303);
    // The same form again (a double click), made from the version before.
    assert_eq!(add("Ewa Lis").await.status, 409);
    assert_eq!(count(&app, "select count(*) from office_error_client").await, 1);

    // The create form sent twice is one error.
    let form = clerk.get("/office-errors/new").await;
    let key = form_key_of(&form);
    let mut fields: Vec<(&str, &str)> =
        ERROR_FIELDS.iter().map(|&(k, v)| (k, if k == "found_on" { "01.11.2026" } else { v })).collect();
    fields.push(("form_key", &key));
    let first = clerk.post_with_token("/office-errors", &form.csrf(), &fields).await;
    let second = clerk.post_with_token("/office-errors", &form.csrf(), &fields).await;
    assert_eq!((first.status, second.status), (303, 409));
    assert_eq!(count(&app, "select count(*) from office_error").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_error_form_says_what_is_missing_and_never_fails_on_a_nul_byte_or_a_long_text() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let form = clerk.get("/office-errors/new").await;
    let key = form_key_of(&form);
    let res = clerk.post_with_token("/office-errors", &form.csrf(), &[("form_key", &key), ("found_on", "")]).await;
    assert_eq!(res.status, 422);
    for ask in [
        "Wpisz datę wykrycia pomyłki",
        "Opisz, co się stało",
        "Opisz konsekwencje pomyłki",
        "Opisz sposób naprawienia",
        "Opisz przeprosiny",
    ] {
        assert!(res.body.contains(ask), "{ask}");
    }
    assert!(res.body.contains("href=\"#what_happened\""), "the summary links to the field");

    let long = "x".repeat(4001);
    let res = clerk
        .post_raw(
            "/office-errors",
            format!(
                "_csrf={}&form_key={key}&found_on=01.11.2026&what_happened=B%C5%82%C4%85d%00&consequences={long}&remedy=Korekta&apology=Przeprosiny",
                form.csrf()
            ),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Pole zawiera niedozwolone znaki"));
    assert!(res.body.contains("najwyżej 4000 znaków"));
    assert!(res.body.contains("value=\"01.11.2026\""), "what was typed is kept");
    let res = clerk
        .post_with_token(
            "/office-errors",
            &form.csrf(),
            &[
                ("form_key", &key),
                ("found_on", "01.01.2099"),
                ("what_happened", "Błąd"),
                ("consequences", "Brak"),
                ("remedy", "Korekta"),
                ("apology", "Przepraszamy"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Data wykrycia nie może być w przyszłości"));
    assert_eq!(count(&app, "select count(*) from office_error").await, 0);

    // On the error's page: a NUL in a client's name is a message too.
    let id = register_error(&clerk).await;
    let page = clerk.get(&format!("/office-errors/{id}")).await;
    let res = clerk
        .post_raw(
            &format!("/office-errors/{id}/clients"),
            format!("_csrf={}&version={}&client_name=Ewa%00Lis", page.csrf(), version_of(&page)),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Pole zawiera niedozwolone znaki"));
}

/// Std 21: a client is told of an error once it is found, so the day they were told
/// cannot come before the day it was found (a typo the register would keep as a
/// disclosure made before the error was known); and a closed error takes no more
/// changes, whichever form is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_is_not_told_before_the_error_was_found_and_a_closed_error_takes_no_more_changes() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("michal.wojcik").await;
    let id = register_error(&clerk).await;
    let res = on_error(&clerk, &id, "clients", &[("client_name", "Helena Wiśniewska")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let helena = client_id(&app, "Helena Wiśniewska").await;
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Warsaw).date_naive();
    let yesterday = (now - chrono::Days::new(1)).format("%d.%m.%Y").to_string();
    let res =
        on_error(&clerk, &id, "informed", &[("client", &helena), ("informed_on", &yesterday), ("how", "phone")]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(
        res.body.contains("Data poinformowania nie może być wcześniejsza niż data wykrycia pomyłki"),
        "{}",
        res.body
    );
    assert!(res.body.contains(&format!("value=\"{yesterday}\"")), "what was typed is kept");
    assert_eq!(count(&app, "select count(*) from office_error_client where informed_on is not null").await, 0);

    let today = now.format("%d.%m.%Y").to_string();
    let res =
        on_error(&clerk, &id, "informed", &[("client", &helena), ("informed_on", &today), ("how", "phone")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = on_error(&clerk, &id, "remedy", &[("remedy_note", "Korekta wysłana.")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = clerk.get(&format!("/office-errors/{id}")).await;
    let (token, current) = (page.csrf(), version_of(&page));
    let res = clerk.post_with_token(&format!("/office-errors/{id}/close"), &token, &[("version", &current)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    // The page's forms are gone; the same forms sent anyway, even with the version after closing, change nothing.
    let closed = version_of_db(&app, &id).await;
    for (action, fields) in [
        ("clients", vec![("client_name", "Ewa Lis")]),
        ("remedy", vec![("remedy_note", "Jeszcze raz")]),
        ("close", vec![]),
    ] {
        let mut all = vec![("version", closed.as_str())];
        all.extend(fields);
        let res = clerk.post_with_token(&format!("/office-errors/{id}/{action}"), &token, &all).await;
        assert_eq!(res.status, 409, "{action} on a closed error");
    }
    assert_eq!(count(&app, "select count(*) from office_error_client").await, 1);
}

async fn version_of_db(app: &TestApp, id: &str) -> String {
    sqlx::query_scalar::<_, i32>("select version from office_error where office_error_id = $1::uuid")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_director_and_the_secretary_see_every_error_others_only_their_own() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("michal.wojcik").await;
    let id = register_error(&clerk).await;
    let res =
        on_error(&clerk, &id, "clients", &[("client_name", "Helena Wiśniewska"), ("case_ref", "=HYPERLINK(\"x\")")])
            .await;
    assert_eq!(res.status, 303);

    for login in ["director", "secretary"] {
        let reader = app.signed_in(login).await;
        let list = reader.get("/office-errors").await;
        assert!(list.body.contains(&format!("/office-errors/{id}")), "{login} sees it in the register");
        assert_eq!(reader.get(&format!("/office-errors/{id}")).await.status, 200, "{login}");
    }
    assert!(
        clerk.get("/office-errors").await.body.contains(&format!("/office-errors/{id}")),
        "the one who registered it"
    );
    for login in ["clerk", "supervisor", "department_head"] {
        let other = app.signed_in(login).await;
        assert!(!other.get("/office-errors").await.body.contains(&id), "{login} does not see it listed");
        assert_eq!(other.get(&format!("/office-errors/{id}")).await.status, 403, "{login}");
        let res = other.post_form("/office-errors", &format!("/office-errors/{id}/close"), &[("version", "1")]).await;
        assert_eq!(res.status, 403, "{login} cannot change it");
    }
    assert_eq!(clerk.get("/office-errors/export?format=csv").await.status, 403, "the export is for readers");
    // The home page's card counts the open errors each one reads.
    for login in ["director", "secretary", "michal.wojcik"] {
        assert!(app.signed_in(login).await.get("/").await.body.contains("Otwarte: 1"), "{login}'s card counts it");
    }
    assert!(app.signed_in("clerk").await.get("/").await.body.contains("Otwarte: 0"), "not another's error");

    // The register counts the month's errors.
    let director = app.signed_in("director").await;
    let list = director.get("/office-errors").await;
    let table = list.body.split("data-figure=\"office_errors_per_month\"").nth(1).unwrap();
    let first_row = table.split("<tbody>").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(first_row.contains(">1</td>"), "this month: one registered, one open: {first_row}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_error_register_downloads_as_csv_and_xlsx_with_names_masked_and_no_formulas() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("michal.wojcik").await;
    let id = register_error(&clerk).await;
    let res =
        on_error(&clerk, &id, "clients", &[("client_name", "Helena Wiśniewska"), ("case_ref", "=HYPERLINK(\"x\")")])
            .await;
    assert_eq!(res.status, 303);
    let director = app.signed_in("director").await;
    let csv = String::from_utf8(director.http_bytes("/office-errors/export?format=csv").await).unwrap();
    assert!(csv.contains("Decyzje podatkowe wysłano z błędną kwotą raty."), "{csv}");
    assert!(csv.contains("Helena W.") && !csv.contains("Wiśniewska"), "the client's name is masked: {csv}");
    assert!(csv.contains("'=HYPERLINK") && !csv.contains(",=HYPERLINK"), "a formula is defused: {csv}");
    let (strings, sheet) = xlsx_parts(director.http_bytes("/office-errors/export?format=xlsx").await);
    assert!(strings.contains("Dwóch podatników zapłaciło za dużo.") && strings.contains("Helena W."));
    assert!(!sheet.contains("<f>"), "no cell is a formula");
    assert!(app.audit_actions().await.contains(&"register.exported".to_owned()));
}

/// Records a refused gift as `by` would from the form.
async fn record_gift(by: &Client, offered: &str) -> Page {
    let form = by.get("/gifts/new").await;
    assert_eq!(form.status, 200);
    let key = form_key_of(&form);
    by.post_with_token(
        "/gifts",
        &form.csrf(),
        &[
            ("form_key", &key),
            ("offered_on", "02.11.2026"),
            ("offered", offered),
            ("matter", "Rejestracja pojazdu"),
            ("how_refused", "Nie mogę tego przyjąć; zaproponowałam ankietę."),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_gift_is_seen_by_its_employee_supervisors_the_director_and_the_secretary_only() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let res = record_gift(&clerk, "=1+1 bombonierka").await;
    assert_eq!(res.status, 303, "{}", res.body);
    let id: uuid::Uuid =
        sqlx::query_scalar("select gift_refusal_id from gift_refusal").fetch_one(&app.db).await.unwrap();
    let own = clerk.get("/gifts").await;
    assert!(own.body.contains("Zapisano odmowę przyjęcia prezentu.") && own.body.contains("bombonierka"));
    assert_eq!(clerk.get(&format!("/gifts/{id}")).await.status, 200);

    for login in ["michal.wojcik", "department_head", "info_point"] {
        let other = app.signed_in(login).await;
        assert!(!other.get("/gifts").await.body.contains("bombonierka"), "{login} does not see it listed");
        assert_eq!(other.get(&format!("/gifts/{id}")).await.status, 403, "{login}");
        assert_eq!(other.get("/gifts/export?format=csv").await.status, 403, "{login}");
    }
    for login in ["supervisor", "director", "secretary"] {
        let reader = app.signed_in(login).await;
        let list = reader.get("/gifts").await;
        assert!(list.body.contains("bombonierka") && list.body.contains("Katarzyna Nowak"), "{login} sees it, by whom");
        assert_eq!(reader.get(&format!("/gifts/{id}")).await.status, 200, "{login}");
    }
    let supervisor = app.signed_in("supervisor").await;
    let csv = String::from_utf8(supervisor.http_bytes("/gifts/export?format=csv").await).unwrap();
    assert!(csv.contains("Katarzyna Nowak") && csv.contains("Rejestracja pojazdu"), "{csv}");
    assert!(csv.contains("'=1+1 bombonierka"), "a formula is defused: {csv}");
    let (strings, sheet) = xlsx_parts(supervisor.http_bytes("/gifts/export?format=xlsx").await);
    assert!(strings.contains("=1+1 bombonierka") && !sheet.contains("<f>"), "text, never a formula");
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"gift_refusal.recorded".to_owned()));
    assert_eq!(actions.iter().filter(|a| *a == "register.exported").count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gift_form_says_what_is_missing_refuses_bad_text_and_counts_a_double_click_once() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let form = clerk.get("/gifts/new").await;
    let key = form_key_of(&form);
    let res = clerk.post_with_token("/gifts", &form.csrf(), &[("form_key", &key), ("offered_on", "")]).await;
    assert_eq!(res.status, 422);
    for ask in ["Wpisz datę", "Wpisz, co zaproponowano", "Wpisz, w jakiej sprawie", "Wpisz, jak odmówiono"] {
        assert!(res.body.contains(ask), "{ask}");
    }
    let long = "a".repeat(501);
    let res = clerk
        .post_raw(
            "/gifts",
            format!(
                "_csrf={}&form_key={key}&offered_on=31.02.2026&offered={long}&matter=Akt%00&how_refused=Odm%FF",
                form.csrf()
            ),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Wpisz datę jako DD.MM.RRRR"));
    assert!(res.body.contains("najwyżej 500 znaków"));
    assert!(res.body.contains("Pole zawiera niedozwolone znaki"));
    assert!(
        res.body.contains("id=\"matter-error\"") && res.body.contains("id=\"how_refused-error\""),
        "both fields say so"
    );
    assert_eq!(count(&app, "select count(*) from gift_refusal").await, 0);

    let form = clerk.get("/gifts/new").await;
    let key = form_key_of(&form);
    let fields = [
        ("form_key", key.as_str()),
        ("offered_on", "02.11.2026"),
        ("offered", "Kwiaty"),
        ("matter", "Akt urodzenia"),
        ("how_refused", "Podziękowałam i odmówiłam."),
    ];
    let first = clerk.post_with_token("/gifts", &form.csrf(), &fields).await;
    let second = clerk.post_with_token("/gifts", &form.csrf(), &fields).await;
    assert_eq!((first.status, second.status), (303, 409));
    assert_eq!(count(&app, "select count(*) from gift_refusal").await, 1);
}

/// A resident's comment given on a kiosk now, as the survey would store it.
async fn kiosk_comment(app: &TestApp, text: &str) -> uuid::Uuid {
    sqlx::query_scalar(
        "with k as (insert into kiosk (name) values ('Kiosk przy wyjściu') returning kiosk_id)
         insert into survey_answer (questionnaire_id, kiosk_id, submission_key, lang, comment, answered_at)
         select (select questionnaire_id from questionnaire order by version desc limit 1), k.kiosk_id,
                gen_random_uuid(), 'pl', $1, now()
         from k returning survey_answer_id",
    )
    .bind(text)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn on_suggestion(by: &Client, id: &str, fields: &[(&str, &str)]) -> Page {
    let page = by.get(&format!("/suggestions/{id}")).await;
    let version = version_of(&page);
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    by.post_with_token(&format!("/suggestions/{id}/status"), &page.csrf(), &all).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employees_suggestion_is_accepted_then_done_by_a_supervisor_with_what_was_done() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let form = clerk.get("/suggestions/new").await;
    let key = form_key_of(&form);
    let res = clerk.post_with_token("/suggestions", &form.csrf(), &[("form_key", &key), ("body", "")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Opisz swoją propozycję"));
    let res = clerk
        .post_with_token("/suggestions", &form.csrf(), &[("form_key", &key), ("body", "Drugi terminal płatniczy w KM")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let again = clerk
        .post_with_token("/suggestions", &form.csrf(), &[("form_key", &key), ("body", "Drugi terminal płatniczy w KM")])
        .await;
    assert_eq!(again.status, 409, "a double click is one suggestion");
    let id: uuid::Uuid = sqlx::query_scalar("select suggestion_id from suggestion").fetch_one(&app.db).await.unwrap();
    let id = id.to_string();
    assert!(clerk.get("/suggestions").await.body.contains("Drugi terminal"));
    let page = clerk.get(&format!("/suggestions/{id}")).await;
    assert!(!page.body.contains("/status\""), "the author cannot decide");
    let res = clerk
        .post_with_token(
            &format!("/suggestions/{id}/status"),
            &page.csrf(),
            &[("version", "1"), ("status", "accepted")],
        )
        .await;
    assert_eq!(res.status, 403);
    let michal = app.signed_in("michal.wojcik").await;
    assert!(!michal.get("/suggestions").await.body.contains("Drugi terminal"), "another employee's is not listed");
    assert_eq!(michal.get(&format!("/suggestions/{id}")).await.status, 403);

    let supervisor = app.signed_in("supervisor").await;
    assert!(supervisor.get("/suggestions").await.body.contains("Drugi terminal"));
    let stale = supervisor.get(&format!("/suggestions/{id}")).await;
    assert_eq!(on_suggestion(&supervisor, &id, &[("status", "accepted")]).await.status, 303);
    // The page read before the change is stale now.
    let res = supervisor
        .post_with_token(
            &format!("/suggestions/{id}/status"),
            &stale.csrf(),
            &[("version", &version_of(&stale)), ("status", "declined"), ("outcome", "Nie")],
        )
        .await;
    assert_eq!(res.status, 409);
    let res = on_suggestion(&supervisor, &id, &[("status", "done")]).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Opisz, co zrobiono"));
    let res =
        on_suggestion(&supervisor, &id, &[("status", "done"), ("outcome", "Terminal zamówiony i działa od 1.12.")])
            .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = supervisor.get(&format!("/suggestions/{id}")).await;
    assert!(!page.body.contains("/status\""), "a suggestion done offers no more changes");
    let res = supervisor
        .post_with_token(
            &format!("/suggestions/{id}/status"),
            &page.csrf(),
            &[("version", "3"), ("status", "declined"), ("outcome", "Jednak nie")],
        )
        .await;
    assert_eq!(res.status, 409, "done is final, even with the current version");
    let page = clerk.get(&format!("/suggestions/{id}")).await;
    assert!(
        page.body.contains("Wykonana") && page.body.contains("Terminal zamówiony"),
        "the author sees what was done"
    );

    let csv = String::from_utf8(supervisor.http_bytes("/suggestions/export?format=csv").await).unwrap();
    assert!(csv.contains("Drugi terminal płatniczy w KM") && csv.contains("Wykonana"), "{csv}");
    assert_eq!(clerk.get("/suggestions/export?format=csv").await.status, 403);
    let actions = app.audit_actions().await;
    assert_eq!(actions.iter().filter(|a| *a == "suggestion.submitted").count(), 1);
    assert_eq!(actions.iter().filter(|a| *a == "suggestion.status_changed").count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_makes_a_kiosk_comment_a_suggestion_once() {
    let app = TestApp::spawn(office_db().await).await;
    let answer = kiosk_comment(&app, "Przydałyby się krzesła przy okienkach").await;
    let supervisor = app.signed_in("supervisor").await;
    let page = supervisor.get("/reports/comments").await;
    let action = format!("/reports/comments/{answer}/suggestion");
    assert!(page.body.contains(&action), "the comment offers the button");
    let first = supervisor.post_with_token(&action, &page.csrf(), &[]).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let second = supervisor.post_with_token(&action, &page.csrf(), &[]).await;
    assert_eq!(second.status, 409, "a comment is made a suggestion once");
    let page = supervisor.get("/reports/comments").await;
    assert!(!page.body.contains(&action) && page.body.contains("Zgłoszona jako propozycja"));
    let list = supervisor.get("/suggestions").await;
    assert!(list.body.contains("Przydałyby się krzesła") && list.body.contains("uwaga mieszkańca (kiosk)"));
    assert!(app.audit_actions().await.contains(&"suggestion.from_comment".to_owned()));

    // A department head reads the comments but does not decide on suggestions.
    let head = app.signed_in("department_head").await;
    let page = head.get("/reports/comments").await;
    assert!(!page.body.contains("/suggestion\""), "no button for those who may not");
    assert_eq!(head.post_with_token(&action, &page.csrf(), &[]).await.status, 403);
}

/// In Chromium at 1366×900: a clerk finds the short form on the home page and
/// records a refused gift; a supervisor makes a resident's kiosk comment a
/// suggestion and accepts it. Every page passes axe and nothing leaves the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_records_a_refused_gift_and_a_supervisor_makes_a_kiosk_comment_a_suggestion_in_chromium() {
    use crate::browser::Browser;
    use crate::common::DEMO_PASSWORD;
    let db = office_db().await;
    // The demo's registers (an open error, gifts, suggestions), so the lists have rows.
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    kiosk_comment(&app, "Proszę o więcej miejsc siedzących przy okienkach.").await;
    let browser = Browser::start().await;
    let mut violations = Vec::new();

    browser.sign_in(&app, "clerk", DEMO_PASSWORD).await;
    assert_eq!(browser.h1_becomes("Dzień dobry, Katarzyna Nowak").await, "Dzień dobry, Katarzyna Nowak");
    assert!(browser.shows(".site-nav", "Rejestry").await, "the menu leads to the registers");
    browser.click("main a[href='/gifts/new']").await;
    assert_eq!(browser.h1_becomes("Zapisz odmowę przyjęcia prezentu").await, "Zapisz odmowę przyjęcia prezentu");
    browser.audit_here("gift-form", &mut violations).await;
    browser.press("main form button[type=submit]").await;
    assert!(browser.shows(".error-summary", "Wpisz, co zaproponowano").await, "an empty form says what is missing");
    browser.audit_here("gift-form-errors", &mut violations).await;
    browser.fill("offered", "Bombonierka").await;
    browser.fill("matter", "Rejestracja pojazdu").await;
    browser.fill("how_refused", "Nie mogę tego przyjąć; zaproponowałam ankietę w kiosku.").await;
    browser.press("main form button[type=submit]").await;
    assert!(browser.shows(".banner", "Zapisano odmowę przyjęcia prezentu.").await);
    assert!(browser.shows("main table", "Bombonierka").await, "the clerk's list shows the new record");
    browser.audit_here("gifts-own", &mut violations).await;
    for page in ["/office-errors", "/office-errors/new", "/suggestions", "/suggestions/new"] {
        violations.extend(browser.audit(&app.url(page), &format!("clerk{}", page.replace('/', "-"))).await);
    }
    let gifts: i64 =
        sqlx::query_scalar("select count(*) from gift_refusal g join staff s using (staff_id) where s.login = 'clerk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(gifts, 2, "the demo's and the new one");

    browser.switch_to(&app, "supervisor").await;
    browser.client.goto(&app.url("/reports/comments")).await.unwrap();
    assert!(browser.shows("main", "Proszę o więcej miejsc siedzących").await);
    browser.audit_here("comments", &mut violations).await;
    browser.press("main form[action$='/suggestion'] button").await;
    assert!(browser.shows(".banner", "Uwaga mieszkańca jest teraz propozycją usprawnienia.").await);
    assert_eq!(browser.h1_becomes("Propozycja usprawnienia").await, "Propozycja usprawnienia");
    browser.audit_here("suggestion", &mut violations).await;
    browser.tick("status-accepted").await;
    browser.press("main form[action$='/status'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Zmieniono stan propozycji: Przyjęta.").await);
    let source: String = sqlx::query_scalar(
        "select g.source::text from suggestion g join survey_answer a using (survey_answer_id)
         where a.comment like 'Proszę o więcej%' and g.status = 'accepted'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(source, "resident");
    for page in ["/suggestions", "/gifts"] {
        violations.extend(browser.audit(&app.url(page), &format!("supervisor{}", page.replace('/', "-"))).await);
    }

    // The director reads the errors' register and an open error with its forms.
    browser.switch_to(&app, "director").await;
    violations.extend(browser.audit(&app.url("/office-errors"), "director-office-errors").await);
    let open: uuid::Uuid =
        sqlx::query_scalar("select office_error_id from office_error where closed_at is null limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    violations.extend(browser.audit(&app.url(&format!("/office-errors/{open}")), "director-office-error").await);
    browser.press("main form[action$='/close'] button[type=submit]").await;
    assert!(browser.shows(".error-summary", "Nie można zamknąć pomyłki").await, "closing is refused with the reason");
    browser.audit_here("director-office-error-refused", &mut violations).await;
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core or the page's edges found:\n{}", violations.join("\n"));
}

#[test]
fn a_suggestion_goes_new_accepted_done_or_is_declined_and_never_back() {
    use okienko::registers::suggestions::{Refusal, Status, Status::*, change};
    for from in Status::ALL {
        for to in Status::ALL {
            let allowed =
                matches!((from, to), (New, Accepted) | (New, Declined) | (Accepted, Done) | (Accepted, Declined));
            let said = change(from, to, "Zrobiono");
            assert_eq!(said.is_ok(), allowed, "{from:?} -> {to:?}");
            if !allowed {
                assert_eq!(said, Err(Refusal::NotFromHere), "{from:?} -> {to:?}");
            } else if to.needs_outcome() {
                assert_eq!(change(from, to, "  "), Err(Refusal::OutcomeMissing), "{from:?} -> {to:?} without a word");
            } else {
                assert!(change(from, to, "").is_ok(), "{from:?} -> {to:?} needs no word");
            }
        }
        assert_eq!(Status::parse(from.code()), Some(from));
    }
    assert_eq!(Status::parse("maybe"), None);
}

#[test]
fn client_names_are_masked_to_a_first_name_and_initials_and_forms_without_key_or_version_are_stale() {
    use okienko::registers::{form_key, mask_name, version};
    use okienko::web::form::FormData;
    assert_eq!(mask_name("Helena Wiśniewska"), "Helena W.");
    assert_eq!(mask_name("  Jan  Maria   Rokita "), "Jan M. R.");
    assert_eq!(mask_name("Łucja żak"), "Łucja Ż.");
    assert_eq!(mask_name("Kowalski"), "K.");
    assert_eq!(mask_name(""), "");
    let form = FormData::parse(b"form_key=nope&version=x");
    assert!(form_key(&form).is_err() && version(&form).is_err());
    let form = FormData::parse(b"form_key=6f1c3c2e-4d36-4a62-9d0c-3c2c9d1c2b11&version=3");
    assert!(form_key(&form).is_ok());
    assert_eq!(version(&form).unwrap(), 3);
}

/// The new lists and pages answer a mangled address (a page that is not a number
/// or far past the end, a month that does not exist, a filter of made-up values,
/// a format nobody offers, an id that is not one) with a page or a clear 4xx, never
/// a 500, and never echo markup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_pages_answer_mangled_addresses_without_a_500() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    let iod = app.signed_in("iod").await;
    let bad_queries = [
        "page=abc",
        "page=-5",
        "page=99999999999999999999",
        "page=1000000",
        "month=2026-13",
        "month=%3Cscript%3E",
        "status=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "format=pdf",
        "employee=not-a-uuid&requests=zz,%3Cb%3E",
        "version=00000000-0000-0000-0000-000000000000",
        "visit=not-a-uuid",
    ];
    let pages = [
        "/complaints",
        "/complaints/new",
        "/complaints/register",
        "/complaints/register/export",
        "/office-errors",
        "/office-errors/export",
        "/gifts",
        "/gifts/export",
        "/suggestions",
        "/suggestions/export",
        "/regulation",
        "/regulation/acknowledgements",
        "/regulation/acknowledgements/export",
        "/trainings",
        "/trainings/export",
    ];
    let mut found = Vec::new();
    for page in pages {
        for q in bad_queries {
            let res = director.get(&format!("{page}?{q}")).await;
            if res.status >= 500 || res.body.contains("<script>") || res.body.contains("<b>") {
                found.push(format!("{page}?{q}: {}", res.status));
            }
        }
    }
    for page in ["/iod", "/iod/reads", "/iod/register"] {
        for q in bad_queries {
            let res = iod.get(&format!("{page}?{q}")).await;
            if res.status >= 500 || res.body.contains("<script>") || res.body.contains("<b>") {
                found.push(format!("{page}?{q}: {}", res.status));
            }
        }
    }
    for id in ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00"] {
        for base in ["/complaints", "/office-errors", "/gifts", "/suggestions", "/regulation/versions", "/trainings"] {
            let res = director.get(&format!("{base}/{id}")).await;
            if !(400..500).contains(&res.status) {
                found.push(format!("{base}/{id}: {}", res.status));
            }
        }
    }
    assert!(found.is_empty(), "mangled addresses answered badly:\n{}", found.join("\n"));
}
