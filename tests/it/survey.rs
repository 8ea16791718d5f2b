//! The kiosk survey: enrolment, invitations after a finished visit, one answer per
//! invitation under double submission, throttling per device, bad input, and
//! questionnaire versions. A real PostgreSQL per test.

use crate::common::{Client, TestApp, office_db};
use uuid::Uuid;

/// The admin adds a kiosk (at `desk`, or at the exit with ""); returns its one-time code.
pub(crate) async fn new_kiosk(app: &TestApp, admin: &Client, name: &str, desk: &str) -> String {
    let desk_id = if desk.is_empty() { String::new() } else { app.desk_id(desk).await.to_string() };
    let page = admin.post_form("/admin/kiosks", "/admin/kiosks", &[("name", name), ("desk_id", &desk_id)]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page.body.find("data-kiosk-code>").expect("the code is shown") + "data-kiosk-code>".len();
    page.body[start..].split('<').next().unwrap().to_owned()
}

/// A tablet enrolled with the code: its client keeps the kiosk cookie.
async fn enrolled(app: &TestApp, code: &str) -> Client {
    let tablet = app.client();
    let res = tablet.post_form("/kiosk", "/kiosk/enrol", &[("code", code)]).await;
    assert_eq!(res.status, 303, "enrolment failed: {}", res.body);
    let cookie = res.header("set-cookie").unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/kiosk"));
    tablet
}

async fn kiosk_at(app: &TestApp, desk: &str) -> Client {
    let admin = app.signed_in("admin").await;
    let code = new_kiosk(app, &admin, &format!("Tablet {desk}"), desk).await;
    enrolled(app, &code).await
}

/// A value of a hidden field of the kiosk's form.
fn field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} in {body}")) + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

/// The question ids on the form, in order.
fn questions(body: &str) -> Vec<String> {
    body.split("name=\"q_").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).step_by(5).collect()
}

/// The form's fields with every question answered `score`.
fn answer(body: &str, score: &str, comment: &str) -> String {
    let mut fields = vec![
        ("submission_key".to_owned(), field(body, "submission_key")),
        ("invitation".to_owned(), field(body, "invitation")),
        ("questionnaire".to_owned(), field(body, "questionnaire")),
        ("lang".to_owned(), field(body, "lang")),
        ("comment".to_owned(), comment.to_owned()),
    ];
    for q in questions(body) {
        fields.push((format!("q_{q}"), score.to_owned()));
    }
    fields.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A clerk at `desk` serves one client and finishes with `outcome` ("settled" or
/// "no_show"); returns the visit's id.
async fn serve_one(app: &TestApp, clerk: &Client, outcome: &str) -> Uuid {
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let id = app.visit_id(&ticket).await;
    if outcome == "no_show" {
        assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/no-show"), &[]).await.status, 303);
    } else {
        assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{id}/start"), &[]).await.status, 303);
        let res = clerk.post_form("/desk", &format!("/desk/visits/{id}/finish"), &[("outcome", outcome)]).await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    id
}

async fn answers(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from survey_answer").fetch_one(&app.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_without_enrolment_is_refused_and_a_code_works_once() {
    let app = TestApp::spawn(office_db().await).await;
    let stranger = app.client();
    let page = stranger.get("/kiosk").await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("nie jest zarejestrowane"), "the tablet says why");
    let questionnaire: Uuid =
        sqlx::query_scalar("select questionnaire_id from questionnaire").fetch_one(&app.db).await.unwrap();
    let forged = stranger
        .post_raw(
            "/kiosk/answers",
            format!("submission_key={}&questionnaire={questionnaire}&comment=spam", Uuid::new_v4()),
        )
        .await;
    assert_eq!(forged.status, 403);
    // a made-up cookie is no better
    let res = reqwest::Client::new()
        .post(app.url("/kiosk/answers"))
        .header("cookie", "okienko_kiosk=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("comment=spam")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(answers(&app).await, 0, "nothing recorded from unenrolled devices");

    let wrong = stranger.post_form("/kiosk", "/kiosk/enrol", &[("code", "AAAA-BBBB-CCCC")]).await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.body.contains("Kod jest nieprawidłowy"));
    assert!(app.audit_actions().await.contains(&"kiosk.enrol_refused".to_owned()));

    let admin = app.signed_in("admin").await;
    let code = new_kiosk(&app, &admin, "Tablet przy wyjściu", "").await;
    let tablet = enrolled(&app, &code.to_lowercase().replace('-', " ")).await;
    assert_eq!(tablet.get("/kiosk").await.status, 200, "enrolled: the survey is shown");
    let again = app.client().post_form("/kiosk", "/kiosk/enrol", &[("code", &code)]).await;
    assert_eq!(again.status, 403, "a code enrols one device only");

    // A new code for the kiosk (a replaced tablet) turns the old device off; so does revoking.
    let kiosk: Uuid = sqlx::query_scalar("select kiosk_id from kiosk").fetch_one(&app.db).await.unwrap();
    let renewed = admin.post_form("/admin/kiosks", &format!("/admin/kiosks/{kiosk}/code"), &[]).await;
    assert_eq!(renewed.status, 200);
    assert_eq!(tablet.get("/kiosk").await.status, 403, "the replaced tablet is refused");
    let start = renewed.body.find("data-kiosk-code>").unwrap() + "data-kiosk-code>".len();
    let new_code = renewed.body[start..].split('<').next().unwrap().to_owned();
    let replacement = enrolled(&app, &new_code).await;
    assert_eq!(replacement.get("/kiosk").await.status, 200);
    assert_eq!(admin.post_form("/admin/kiosks", &format!("/admin/kiosks/{kiosk}/revoke"), &[]).await.status, 303);
    assert_eq!(replacement.get("/kiosk").await.status, 403, "a revoked kiosk is refused at once");
    let list = admin.get("/admin/kiosks").await.body;
    assert!(list.contains("wyłączony"));
    let actions = app.audit_actions().await;
    for action in ["kiosk.created", "kiosk.enrolled", "kiosk.code_renewed", "kiosk.revoked"] {
        assert!(actions.contains(&action.to_owned()), "{action} is audited");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_visit_invites_its_client_and_the_answer_goes_to_the_clerk_who_served() {
    let app = TestApp::spawn(office_db().await).await;
    let tablet = kiosk_at(&app, "4").await;
    let idle = tablet.get("/kiosk").await;
    assert!(idle.body.contains("Stanowisko 4") && !idle.body.contains("name=\"q_"), "no invitation yet");

    // A client at another desk does not reach this tablet; nor does one who did not come.
    let colleague = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    serve_one(&app, &colleague, "settled").await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    serve_one(&app, &clerk, "no_show").await;
    assert!(!tablet.get("/kiosk").await.body.contains("name=\"q_"), "no invitation for others");

    let visit = serve_one(&app, &clerk, "settled").await;
    let form = tablet.get("/kiosk").await;
    assert!(form.body.contains("Jak oceniasz obsługę przy stanowisku 4?"), "{}", form.body);
    assert!(!form.body.contains("Katarzyna") && !form.body.contains("K00"), "no names or tickets on the kiosk");
    let invitation: Uuid = sqlx::query_scalar("select survey_invitation_id from survey_invitation where visit_id = $1")
        .bind(visit)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(field(&form.body, "invitation"), invitation.to_string());

    // Ukrainian on the same invitation, then the answer.
    let uk = tablet.get(&format!("/kiosk?lang=uk&invitation={invitation}")).await;
    assert!(uk.body.contains("lang=\"uk\"") && uk.body.contains("Надіслати"));
    let res = tablet.post_raw("/kiosk/answers", answer(&uk.body, "5", "Дуже дякую")).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/kiosk/thanks?lang=uk"));
    assert!(tablet.get("/kiosk/thanks?lang=uk").await.body.contains("Дякуємо!"));

    let row: (Option<Uuid>, Option<Uuid>, Option<Uuid>, String, Option<String>, i64) = sqlx::query_as(
        "select a.staff_id, a.desk_id, a.department_id, a.lang, a.comment,
                (select count(*) from survey_score s where s.survey_answer_id = a.survey_answer_id)
         from survey_answer a",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(row.0, Some(app.staff_id("clerk").await), "attributed to the clerk who served");
    assert_eq!(row.1, Some(app.desk_id("4").await));
    assert_eq!(row.2, Some(app.department_id("KM").await));
    assert_eq!((row.3.as_str(), row.4.as_deref(), row.5), ("uk", Some("Дуже дякую"), 4));
    let idle = tablet.get("/kiosk").await;
    assert!(!idle.body.contains("name=\"q_"), "answered: back to the start screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shown_invitation_is_not_shown_again_after_cancel_or_timeout() {
    let app = TestApp::spawn(office_db().await).await;
    let tablet = kiosk_at(&app, "4").await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    serve_one(&app, &clerk, "settled").await;
    assert!(tablet.get("/kiosk").await.body.contains("name=\"q_"));
    assert!(!tablet.get("/kiosk").await.body.contains("name=\"q_"), "the next resident does not rate the last visit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_tap_or_a_resent_form_records_one_answer() {
    let app = TestApp::spawn(office_db().await).await;
    let tablet = kiosk_at(&app, "4").await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    serve_one(&app, &clerk, "settled").await;
    let form = tablet.get("/kiosk").await.body;

    // Ten identical submissions at once, as a nervous double tap and resends would send.
    let body = answer(&form, "4", "");
    let sends = (0..10).map(|_| tablet.post_raw("/kiosk/answers", body.clone()));
    let results = futures_join(sends).await;
    assert!(results.iter().all(|s| *s == 303), "every resident sees thanks: {results:?}");
    assert_eq!(answers(&app).await, 1, "one answer recorded");

    // The same invitation from a form with another key (a reload) is still one answer.
    let mut other = answer(&form, "1", "");
    other = other.replace(&field(&form, "submission_key"), &Uuid::new_v4().to_string());
    let sends = (0..5).map(|_| tablet.post_raw("/kiosk/answers", other.clone()));
    futures_join(sends).await;
    assert_eq!(answers(&app).await, 1, "an invitation is answered once");
    let score: i16 = sqlx::query_scalar("select min(score) from survey_score").fetch_one(&app.db).await.unwrap();
    assert_eq!(score, 4, "the first answer stands");
}

/// Sends them all at once; the statuses.
async fn futures_join<F: std::future::Future<Output = crate::common::Page>>(
    sends: impl Iterator<Item = F>,
) -> Vec<u16> {
    futures_util::future::join_all(sends).await.into_iter().map(|p| p.status).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_throttled_per_device() {
    let app = TestApp::spawn_with(office_db().await, &[("KIOSK_ANSWERS_PER_MINUTE", "3")]).await;
    let admin = app.signed_in("admin").await;
    let exit = enrolled(&app, &new_kiosk(&app, &admin, "Wyjście", "").await).await;
    let other = enrolled(&app, &new_kiosk(&app, &admin, "Wyjście 2", "").await).await;
    for _ in 0..3 {
        let form = exit.get("/kiosk").await.body;
        assert_eq!(exit.post_raw("/kiosk/answers", answer(&form, "5", "")).await.status, 303);
    }
    let form = exit.get("/kiosk").await.body;
    let refused = exit.post_raw("/kiosk/answers", answer(&form, "1", "")).await;
    assert_eq!(refused.status, 429);
    assert!(refused.body.contains("Spróbuj ponownie za minutę"));
    assert_eq!(refused.header("retry-after"), Some("60"));
    assert_eq!(answers(&app).await, 3);
    // Another tablet is not held back by this one.
    let form = other.get("/kiosk").await.body;
    assert_eq!(other.post_raw("/kiosk/answers", answer(&form, "5", "")).await.status, 303);
    let office: (i64, i64) =
        sqlx::query_as("select count(*), count(staff_id) from survey_answer").fetch_one(&app.db).await.unwrap();
    assert_eq!(office, (4, 0), "exit kiosks answer for the office, not for a clerk");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_answers_get_a_message_on_the_kiosk_and_record_nothing() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let exit = enrolled(&app, &new_kiosk(&app, &admin, "Wyjście", "").await).await;
    let form = exit.get("/kiosk").await.body;
    let q = questions(&form);
    let base = format!(
        "submission_key={}&questionnaire={}&lang=pl&invitation=",
        field(&form, "submission_key"),
        field(&form, "questionnaire")
    );
    for (body, message) in [
        (format!("{base}&q_{}=7", q[0]), "Wybierz ocenę od 1 do 5."),
        (format!("{base}&q_{}=abc", q[1]), "Wybierz ocenę od 1 do 5."),
        (base.clone(), "Wybierz przynajmniej jedną ocenę albo wpisz komentarz."),
        (format!("{base}&comment=a%00b"), "bez znaków sterujących"),
        (format!("{base}&comment={}", "x".repeat(1001)), "najwyżej 1000 znaków"),
    ] {
        let res = exit.post_raw("/kiosk/answers", body.clone()).await;
        assert_eq!(res.status, 422, "{body}");
        assert!(res.body.contains(message), "{message} for {body}");
        assert!(!res.body.contains('\0'));
    }
    assert_eq!(answers(&app).await, 0);
    // A comment alone is a fine answer; scores are never required.
    let res = exit.post_raw("/kiosk/answers", format!("{base}&comment=Za+ma%C5%82o+krzese%C5%82")).await;
    assert_eq!(res.status, 303);
    assert_eq!(answers(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_questionnaire_is_a_new_version_and_answers_keep_theirs() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let exit = enrolled(&app, &new_kiosk(&app, &admin, "Wyjście", "").await).await;
    let old_form = exit.get("/kiosk").await.body;

    let editor = admin.get("/admin/survey").await;
    assert!(editor.body.contains("Obecna wersja: 2"), "the questions phrased for the scale are version 2");
    let token = editor.csrf();
    let mut fields: Vec<(String, String)> = vec![("version".into(), "2".into())];
    for (i, (code, pl, en, uk)) in [
        ("courtesy", "Czy obsługa była uprzejma?", "Were you treated courteously?", "Чи були з вами ввічливі?"),
        ("overall", "Jak oceniasz całą wizytę?", "How was your visit?", "Як ви оцінюєте візит?"),
    ]
    .into_iter()
    .enumerate()
    {
        let n = i + 1;
        fields.push((format!("q{n}_code"), code.into()));
        fields.push((format!("q{n}_pl"), pl.into()));
        fields.push((format!("q{n}_en"), en.into()));
        fields.push((format!("q{n}_uk"), uk.into()));
    }
    let as_refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = admin.post_with_token("/admin/survey", &token, &as_refs).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let new_form = exit.get("/kiosk").await.body;
    assert!(new_form.contains("Jak oceniasz całą wizytę?") && !new_form.contains("Jak oceniasz czas oczekiwania?"));

    // The same edit from a form opened before: refused, saying why.
    let stale = admin.post_with_token("/admin/survey", &admin.get("/admin/survey").await.csrf(), &as_refs).await;
    assert_eq!(stale.status, 422);
    assert!(stale.body.contains("ktoś zapisał nową wersję"));
    // A code used twice, and a question without its Ukrainian text.
    let mut bad = as_refs.clone();
    bad[0] = ("version", "2");
    bad[5] = ("q2_code", "courtesy");
    bad[8] = ("q2_uk", "");
    let refused = admin.post_with_token("/admin/survey", &admin.get("/admin/survey").await.csrf(), &bad).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Ten kod ma już inne pytanie.") && refused.body.contains("Wpisz treść pytania"));

    // A resident who had the old form on screen answers it: the answer keeps version 2.
    assert_eq!(exit.post_raw("/kiosk/answers", answer(&old_form, "3", "")).await.status, 303);
    assert_eq!(exit.post_raw("/kiosk/answers", answer(&new_form, "4", "")).await.status, 303);
    let versions: Vec<(i32, i64)> = sqlx::query_as(
        "select n.version, count(s.*) from survey_answer a join questionnaire n using (questionnaire_id)
         join survey_score s using (survey_answer_id) group by n.version order by n.version",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(versions, [(2, 4), (3, 2)]);
}
