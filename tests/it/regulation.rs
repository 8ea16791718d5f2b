//! The office's regulation in versions, confirmed by every employee (§11), and the
//! trainings the staff took part in (§7.2.3).

use fantoccini::Locator;

use crate::browser::Browser;
use crate::common::{Client, DEMO_PASSWORD, Page, TestApp, office_db};

const BOUNDARY: &str = "----OkienkoTestBoundary7MA4YWxkTrZu0gW";

/// The value of a hidden field of the page.
fn hidden(page: &Page, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start =
        page.body.find(&marker).unwrap_or_else(|| panic!("no {name} on the page: {}", page.body)) + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// A `multipart/form-data` body, as a browser sends the form with a file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"pdf\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send_multipart(app: &TestApp, client: &Client, body: Vec<u8>) -> Page {
    let res = client
        .http
        .post(app.url("/regulation/versions"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Page { status, headers, body: res.text().await.unwrap_or_default() }
}

/// Sends the "new version" form as it was shown (its CSRF and form tokens), with
/// these fields and file.
async fn add_version(app: &TestApp, client: &Client, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Page {
    let form = client.get("/regulation/versions/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let (csrf, token) = (form.csrf(), hidden(&form, "form_token"));
    let mut all = vec![("_csrf", csrf.as_str()), ("form_token", token.as_str())];
    all.extend_from_slice(fields);
    send_multipart(app, client, multipart(&all, file)).await
}

fn today(app: &TestApp) -> chrono::NaiveDate {
    okienko::calendar::local_date(app.clock.now(), &app.config.time_zone)
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

async fn version_id(app: &TestApp, title: &str) -> uuid::Uuid {
    sqlx::query_scalar("select regulation_version_id from regulation_version where title = $1")
        .bind(title)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn owned(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_in_force_asks_at_sign_in_and_is_confirmed_once() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    let today = day(today(&app));
    let res = add_version(
        &app,
        &director,
        &[("title", "Regulamin 2026"), ("effective_on", &today), ("body", "§1\nObsługujemy uprzejmie.")],
        None,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let first = version_id(&app, "Regulamin 2026").await;

    // The clerk signs in: every page asks for the confirmation, the text is a click away.
    let clerk = app.signed_in("clerk").await;
    let home = clerk.get("/").await;
    assert!(
        home.body.contains("regulation-notice") && home.body.contains("„Regulamin 2026” obowiązuje od"),
        "{}",
        home.body
    );
    assert!(clerk.get("/desk").await.body.contains("regulation-notice"), "the desk shows it too");
    let text = clerk.get("/regulation").await;
    assert_eq!(text.h1(), "Regulamin 2026");
    assert!(text.body.contains("Obsługujemy uprzejmie."));

    // A double click confirms once, recorded with the time and audited once.
    let token = home.csrf();
    let path = format!("/regulation/versions/{first}/confirm");
    let (a, b) = tokio::join!(
        clerk.post_with_token(&path, &token, &[("back", "/desk")]),
        clerk.post_with_token(&path, &token, &[("back", "/desk")])
    );
    assert_eq!((a.status, b.status), (303, 303));
    assert_eq!(a.location(), Some("/desk"), "back where the employee was");
    assert_eq!(count(&app, "select count(*) from regulation_acknowledgement").await, 1);
    assert_eq!(count(&app, "select count(*) from audit_event where action = 'regulation.confirmed'").await, 1);
    assert!(!clerk.get("/").await.body.contains("regulation-notice"), "confirmed: no more banner");
    assert!(clerk.get("/regulation").await.body.contains("Potwierdzono zapoznanie się z tą wersją"));

    // A new version in force asks again at the next sign-in.
    let res = add_version(
        &app,
        &director,
        &[("title", "Regulamin 2026 – zmiany"), ("effective_on", &today), ("body", "§1\nNowe.")],
        None,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let again = app.signed_in("clerk").await;
    assert!(again.get("/").await.body.contains("„Regulamin 2026 – zmiany” obowiązuje od"));
    // The old version's form is stale now.
    let stale = again.post_with_token(&path, &again.get("/").await.csrf(), &[]).await;
    assert_eq!(stale.status, 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_dated_ahead_is_not_in_force_until_its_day() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    let ahead = today(&app) + chrono::Days::new(3);
    let res = add_version(
        &app,
        &director,
        &[("title", "Regulamin od przyszłego tygodnia"), ("effective_on", &day(ahead)), ("body", "Tekst.")],
        None,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let id = version_id(&app, "Regulamin od przyszłego tygodnia").await;

    let clerk = app.signed_in("clerk").await;
    assert!(!clerk.get("/").await.body.contains("regulation-notice"), "not in force yet: nothing to confirm");
    assert!(clerk.get(&format!("/regulation/versions/{id}")).await.body.contains("jeszcze nie obowiązuje"));
    let early = clerk.post_form("/", &format!("/regulation/versions/{id}/confirm"), &[]).await;
    assert_eq!(early.status, 409, "a version not in force cannot be confirmed");

    app.clock.advance(chrono::TimeDelta::days(3));
    let later = app.signed_in("clerk").await;
    let home = later.get("/").await;
    assert!(home.body.contains("„Regulamin od przyszłego tygodnia” obowiązuje od"), "its day has come");
    let res = later.post_with_token(&format!("/regulation/versions/{id}/confirm"), &home.csrf(), &[]).await;
    assert_eq!(res.status, 303);
    assert!(!later.get("/").await.body.contains("regulation-notice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisors_see_who_has_not_confirmed_and_a_clerk_may_not() {
    let db = office_db().await;
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;

    let supervisor = app.signed_in("supervisor").await;
    let missing = supervisor.get("/regulation/acknowledgements?show=missing").await;
    assert_eq!(missing.status, 200);
    assert!(missing.body.contains("Anna Kowalczyk") && missing.body.contains("Agnieszka Mazur"), "{}", missing.body);
    assert!(!missing.body.contains("Katarzyna Nowak"), "the clerk has confirmed");
    assert!(missing.body.contains("Liczba potwierdzeń: 13 z 15."), "{}", missing.body);
    let all = supervisor.get("/regulation/acknowledgements").await;
    assert!(all.body.contains("Katarzyna Nowak"), "everyone, with the time of the confirmation");
    let first_missing = all.body.find("Anna Kowalczyk").unwrap();
    assert!(first_missing < all.body.find("Katarzyna Nowak").unwrap(), "those who have not confirmed come first");

    let csv =
        String::from_utf8(supervisor.http_bytes("/regulation/acknowledgements/export?show=missing&format=csv").await)
            .unwrap();
    assert!(
        csv.contains("Anna Kowalczyk") && csv.contains("brak potwierdzenia") && !csv.contains("Katarzyna Nowak"),
        "{csv}"
    );
    let xlsx = supervisor.http_bytes("/regulation/acknowledgements/export?format=xlsx").await;
    assert!(xlsx.starts_with(b"PK"), "an XLSX file");
    assert_eq!(app.signed_in("secretary").await.get("/regulation/acknowledgements").await.status, 200);

    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/regulation/acknowledgements").await.status, 403);
    assert_eq!(clerk.get("/regulation/acknowledgements/export?format=csv").await.status, 403);
    assert_eq!(clerk.get("/regulation/versions/new").await.status, 403, "only the director and the Secretary publish");
    // Loading the demo again adds nothing.
    okienko::demo::load_day(&app.db, chrono::Utc::now()).await.unwrap();
    assert_eq!(count(&app, "select count(*) from regulation_version").await, 2);
    assert_eq!(count(&app, "select count(*) from training").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_pdf_is_checked_kept_once_and_served_as_a_download() {
    let app = TestApp::spawn_with(office_db().await, &[("REGULATION_PDF_MAX_MB", "1")]).await;
    let secretary = app.signed_in("secretary").await;
    let today = day(today(&app));
    let fields = [("title", "Regulamin w PDF"), ("effective_on", today.as_str()), ("body", "")];

    let not_pdf = add_version(&app, &secretary, &fields, Some(("regulamin.pdf", b"<script>alert(1)</script>"))).await;
    assert_eq!(not_pdf.status, 422);
    assert!(not_pdf.body.contains("Ten plik nie jest dokumentem PDF"), "{}", not_pdf.body);
    assert!(not_pdf.body.contains("value=\"Regulamin w PDF\""), "what was typed is kept");

    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(1024 * 1024 + 10, b'x');
    let too_large = add_version(&app, &secretary, &fields, Some(("duzy.pdf", &big))).await;
    assert_eq!(too_large.status, 422);
    assert!(too_large.body.contains("Plik jest za duży"), "{}", too_large.body);

    let neither = add_version(&app, &secretary, &fields, None).await;
    assert!(neither.body.contains("Wpisz tekst regulaminu albo dołącz plik PDF"));
    let both = add_version(
        &app,
        &secretary,
        &[("title", "Regulamin w PDF"), ("effective_on", &today), ("body", "Tekst")],
        Some(("r.pdf", b"%PDF-1.4 x")),
    )
    .await;
    assert!(both.body.contains("nie jedno i drugie"));
    assert_eq!(count(&app, "select count(*) from regulation_version").await, 0);

    // A real one, sent twice from the same form (a double click): one version.
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    let form = secretary.get("/regulation/versions/new").await;
    let body = multipart(
        &[
            ("_csrf", &form.csrf()),
            ("form_token", &hidden(&form, "form_token")),
            ("title", "Regulamin w PDF"),
            ("effective_on", &today),
            ("body", ""),
        ],
        Some(("C:\\dokumenty\\Regulamin 2026.pdf", pdf)),
    );
    let (a, b) = tokio::join!(send_multipart(&app, &secretary, body.clone()), send_multipart(&app, &secretary, body));
    assert_eq!((a.status, b.status), (303, 303), "{}", a.body);
    assert_eq!(a.location(), b.location());
    assert_eq!(count(&app, "select count(*) from regulation_version").await, 1);
    assert_eq!(count(&app, "select count(*) from audit_event where action = 'regulation.version_added'").await, 1);

    let clerk = app.signed_in("clerk").await;
    let page = clerk.get(a.location().unwrap()).await;
    assert!(page.body.contains("Regulamin 2026.pdf"), "the file's own name, without its folders");
    let id = version_id(&app, "Regulamin w PDF").await;
    let res = clerk.http.get(app.url(&format!("/regulation/versions/{id}/pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"regulamin-"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(&res.bytes().await.unwrap()[..], pdf, "the bytes as uploaded");

    // Without the form's CSRF token the upload is refused.
    let forged = multipart(
        &[("form_token", &uuid::Uuid::new_v4().to_string()), ("title", "Obcy"), ("effective_on", &today)],
        Some(("x.pdf", pdf)),
    );
    assert_eq!(send_multipart(&app, &secretary, forged).await.status, 403);
    // A clerk may not publish.
    let clerk_form = clerk.get("/").await;
    let by_clerk = multipart(
        &[("_csrf", &clerk_form.csrf()), ("form_token", &uuid::Uuid::new_v4().to_string())],
        Some(("x.pdf", pdf)),
    );
    assert_eq!(send_multipart(&app, &clerk, by_clerk).await.status, 403);
    // A form far over the limit comes back to the form, which says why.
    let huge = vec![b'x'; 3 * 1024 * 1024];
    let res = secretary
        .http
        .post(app.url("/regulation/versions"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(huge)
        .send()
        .await;
    if let Ok(res) = res {
        assert_eq!(res.status().as_u16(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(secretary.get(&location).await.body.contains("Plik jest za duży"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_training_shows_on_the_attendees_monthly_sheet() {
    let app = TestApp::spawn(office_db().await).await;
    let supervisor = app.signed_in("supervisor").await;
    let clerk_id = app.staff_id("clerk").await;
    let michal_id = app.staff_id("michal.wojcik").await;
    let today = day(today(&app));

    let form = supervisor.get("/trainings/new").await;
    let fields = owned(&[
        ("_csrf", &form.csrf()),
        ("form_token", &hidden(&form, "form_token")),
        ("title", "Trudny klient przy okienku"),
        ("held_on", &today),
        ("hours", "3,5"),
        ("attendees", &clerk_id.to_string()),
    ]);
    let post = |fields: Vec<(String, String)>| {
        let client = &supervisor;
        let url = app.url("/trainings");
        async move { client.http.post(url).form(&fields).send().await.unwrap().status().as_u16() }
    };
    let (a, b) = tokio::join!(post(fields.clone()), post(fields));
    assert_eq!((a, b), (303, 303));
    assert_eq!(count(&app, "select count(*) from training").await, 1, "a double click records one training");
    assert_eq!(count(&app, "select count(*) from audit_event where action = 'training.recorded'").await, 1);

    let clerk = app.signed_in("clerk").await;
    let sheet = clerk.get(&format!("/reports/staff/{clerk_id}")).await;
    assert!(sheet.body.contains(&format!("Trudny klient przy okienku ({today}, 3,5 h)")), "{}", sheet.body);
    let other = supervisor.get(&format!("/reports/staff/{michal_id}")).await;
    assert!(!other.body.contains("Trudny klient") && other.body.contains("brak w tym miesiącu"));
    let csv = String::from_utf8(supervisor.http_bytes("/trainings/export?format=csv").await).unwrap();
    assert!(csv.contains("Trudny klient przy okienku") && csv.contains("Katarzyna Nowak"), "{csv}");
    assert!(supervisor.get("/trainings").await.body.contains("Trudny klient przy okienku"));

    // An edit over a form read before another edit is stale.
    let id: uuid::Uuid = sqlx::query_scalar("select training_id from training").fetch_one(&app.db).await.unwrap();
    let edit = supervisor.get(&format!("/trainings/{id}/edit")).await;
    let version = hidden(&edit, "version");
    let (clerk_s, michal_s) = (clerk_id.to_string(), michal_id.to_string());
    let change = |title: &'static str| {
        owned(&[
            ("version", &version),
            ("title", title),
            ("held_on", &today),
            ("hours", "4"),
            ("attendees", &clerk_s),
            ("attendees", &michal_s),
        ])
    };
    let token = edit.csrf();
    let first = change("Trudny klient – warsztat");
    assert_eq!(supervisor.post_with_token(&format!("/trainings/{id}"), &token, &refs(&first)).await.status, 303);
    let second = change("Inna nazwa");
    assert_eq!(supervisor.post_with_token(&format!("/trainings/{id}"), &token, &refs(&second)).await.status, 409);
    let other = supervisor.get(&format!("/reports/staff/{michal_id}")).await;
    assert!(other.body.contains("Trudny klient – warsztat"), "the attendee added sees it on their sheet");

    // A department head records only the department's own staff; a clerk none.
    let head = app.signed_in("department_head").await; // Wydział Podatków i Opłat
    let form = head.get("/trainings/new").await;
    assert!(!form.body.contains("Katarzyna Nowak") && form.body.contains("Michał Wójcik"));
    let refused = head
        .post_with_token(
            "/trainings",
            &form.csrf(),
            &[
                ("form_token", &hidden(&form, "form_token")),
                ("title", "Szkolenie"),
                ("held_on", &today),
                ("hours", "2"),
                ("attendees", &clerk_id.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(clerk.post_form("/", "/trainings", &[("title", "x")]).await.status, 403);
}

/// The employee signs in, sees the banner, can still serve at the desk, reads the
/// text and confirms: the banner is gone. At 1366×900, every page axe-clean.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employee_confirms_a_new_version_of_the_regulation_at_sign_in() {
    let app = TestApp::spawn(office_db().await).await;
    let director = app.signed_in("director").await;
    let res = add_version(
        &app,
        &director,
        &[("title", "Regulamin obsługi klientów 2026"), ("effective_on", &day(today(&app))), ("body", "§1\nKlienta obsługujemy uprzejmie i bez zwłoki.\n\n§11\nPracownicy potwierdzają zapoznanie się z regulaminem.")],
        None,
    )
    .await;
    assert_eq!(res.status, 303);
    let info = app.signed_in("info_point").await;
    let mut violations = Vec::new();

    let clerk = Browser::start().await;
    clerk.sign_in(&app, "clerk", DEMO_PASSWORD).await;
    assert_eq!(clerk.h1_becomes("Dzień dobry, Katarzyna Nowak").await, "Dzień dobry, Katarzyna Nowak");
    assert!(clerk.shows(".regulation-notice", "Regulamin obsługi klientów 2026").await, "the banner asks at sign-in");
    clerk.audit_here("regulation-banner-home", &mut violations).await;

    // Urgent work first: the desk works with the banner on it.
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    assert!(clerk.shows(".regulation-notice", "Potwierdzam").await);
    clerk.choose("desk_id", &app.desk_id("4").await.to_string()).await;
    clerk.press("main form[action='/desk/open'] button").await;
    assert!(clerk.shows("#desk-queue", &ticket).await);
    clerk.press("form[action='/desk/call-next'] button").await;
    assert!(clerk.shows(".desk__ticket", &ticket).await, "the client is called with the banner showing");
    clerk.audit_here("regulation-banner-desk", &mut violations).await;

    // The text, then the confirmation.
    clerk.click(".regulation-notice__link").await;
    assert_eq!(clerk.h1_becomes("Regulamin obsługi klientów 2026").await, "Regulamin obsługi klientów 2026");
    assert!(clerk.shows("[data-regulation-text]", "bez zwłoki").await);
    clerk.audit_here("regulation-text", &mut violations).await;
    clerk.press("[data-confirm]").await;
    assert!(clerk.shows(".banner", "Zapisano potwierdzenie").await);
    assert!(clerk.shows("[data-confirmed]", "Potwierdzono zapoznanie się").await);
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    assert!(clerk.shows(".desk__ticket", &ticket).await);
    assert!(clerk.client.find(Locator::Css(".regulation-notice")).await.is_err(), "the banner is gone");
    let confirmed: i64 =
        sqlx::query_scalar("select count(*) from regulation_acknowledgement").fetch_one(&app.db).await.unwrap();
    assert_eq!(confirmed, 1);

    // The supervisor's list and the trainings register pass too.
    let supervisor = Browser::start().await;
    supervisor.sign_in(&app, "supervisor", DEMO_PASSWORD).await;
    supervisor.h1_becomes("Dzień dobry, Andrzej Szymański").await;
    for (path, name) in [
        ("/regulation/acknowledgements", "regulation-acknowledgements"),
        ("/trainings/new", "training-new"),
        ("/trainings", "trainings"),
    ] {
        violations.extend(supervisor.audit(&app.url(path), name).await);
    }
    let director = Browser::start().await;
    director.sign_in(&app, "director", DEMO_PASSWORD).await;
    director.h1_becomes("Dzień dobry, Elżbieta Kamińska").await;
    violations.extend(director.audit(&app.url("/regulation/versions/new"), "regulation-new").await);
    for browser in [clerk, supervisor, director] {
        browser.stop().await;
    }
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}
