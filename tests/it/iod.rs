//! The data protection officer (issue 14, items 3-5): a resident's data found by
//! PESEL and by name and phone across every declared kind of record, exported
//! (JSON with every declared personal column) and erased where no law requires
//! keeping it, with the reason recorded; the register of processing activities;
//! who read a PESEL. Only the IOD reaches these pages.

use crate::common::{Client, TestApp, office_db};
use okienko::auth::Role;
use okienko::personal_data::KINDS;
use serde_json::Value;

const TAX: &str = "Zaświadczenie o niezaleganiu w podatkach";
const CAR: &str = "Rejestracja pojazdu";
const NAME: &str = "Helena Wiśniewska";
const PHONE: &str = "600 200 300";
const PESEL: &str = "44051401458";

/// The resident's records: one in every kind the declarations say holds a
/// resident's data (a new such kind fails the coverage test until it is seeded
/// here), and a neighbour's records, which no search for her may find.
struct Seeded {
    request: uuid::Uuid,
    visit: uuid::Uuid,
    callback: uuid::Uuid,
}

async fn seed(app: &TestApp) -> Seeded {
    let info = app.signed_in("info_point").await;
    let request = home_visit_request(app, NAME, PESEL).await;
    home_visit_request(app, "Jan Wiśniewski", "02070803628").await;

    // A visit at the desk, finished, redirected once, and rated with a comment.
    let ticket =
        app.register(&info, CAR, &[("client_name", "helena  wiśniewska"), ("client_phone", "+48 600-200-300")]).await;
    let visit = app.visit_id(&ticket).await;
    let neighbour =
        app.register(&info, CAR, &[("client_name", "Jan Wiśniewski"), ("client_phone", "600 200 301")]).await;
    let neighbour = app.visit_id(&neighbour).await;
    let clerk = app.staff_id("clerk").await;
    for v in [visit, neighbour] {
        sqlx::query(
            "update visit set status = 'done', called_at = now(), started_at = now(), finished_at = now(), served_by = $2,
                              note = 'Klientka donosi zaświadczenie' where visit_id = $1",
        )
        .bind(v)
        .bind(clerk)
        .execute(&app.db)
        .await
        .unwrap();
        sqlx::query("insert into visit_redirect (visit_id, to_staff_id, note) values ($1, $2, 'Pyta o ulgę')")
            .bind(v)
            .bind(clerk)
            .execute(&app.db)
            .await
            .unwrap();
        sqlx::query(
            "with k as (insert into kiosk (name) values ('Tablet ' || $1::text) returning kiosk_id),
                  i as (insert into survey_invitation (kiosk_id, visit_id, expires_at)
                        select kiosk_id, $1, now() + interval '1 hour' from k returning survey_invitation_id, kiosk_id)
             insert into survey_answer (questionnaire_id, kiosk_id, survey_invitation_id, submission_key, lang, comment)
             select (select questionnaire_id from questionnaire order by version desc limit 1), kiosk_id,
                    survey_invitation_id, gen_random_uuid(), 'pl', 'Bardzo miła obsługa, dziękuję'
             from i",
        )
        .bind(v)
        .execute(&app.db)
        .await
        .unwrap();
    }

    // A callback promised, then kept.
    let front = app.signed_in("clerk").await;
    for (name, phone) in [(NAME, "600200300"), ("Jan Wiśniewski", "600 200 301")] {
        let res = front
            .post_form(
                "/callbacks/new",
                "/callbacks",
                &[
                    ("caller_name", name),
                    ("phone", phone),
                    ("question", "Czy mogę zapłacić kartą?"),
                    ("promise", "next"),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let callback: uuid::Uuid = sqlx::query_scalar("select callback_id from callback where caller_name = $1")
        .bind(NAME)
        .fetch_one(&app.db)
        .await
        .unwrap();
    sqlx::query("update callback set status = 'done', closed_at = now(), outcome = 'Oddzwoniono, wyjaśniono'")
        .execute(&app.db)
        .await
        .unwrap();
    // A complaint she made, wanting an answer by phone, and an error of the office
    // that touched her (the registers of Std 20-22 and Std 21).
    sqlx::query(
        "with c as (insert into case_file (case_type, case_ref, state, state_since, registered_by, registered_at)
                    values ('complaint', 'BOM.151.1.2026', 'registered', now(), $1, now()) returning case_file_id)
         insert into complaint (complaint_id, taken_during, client_name, wants_answer, channel, contact, about,
                                client_words, due_on)
         select case_file_id, 'in_person', $2, true, 'phone', $3, 'procedure', 'Czekałam dwie godziny na wpis',
                current_date + 30
         from c",
    )
    .bind(clerk)
    .bind(NAME)
    .bind(PHONE)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "with e as (insert into office_error (form_key, found_on, registered_by, what_happened, consequences, remedy,
                                              apology, registered_at)
                    values (gen_random_uuid(), current_date, $1, 'Błędna kwota raty', 'Nadpłata', 'Korekta decyzji',
                            'Przeprosiny w piśmie', now()) returning office_error_id)
         insert into office_error_client (office_error_id, client_name, contact, case_ref, added_at)
         select office_error_id, $2, $3, 'FP.3120.7.2026', now() from e",
    )
    .bind(clerk)
    .bind(NAME)
    .bind(PHONE)
    .execute(&app.db)
    .await
    .unwrap();
    // The director's note decreeing her complaint (`complaint_history`), and her kiosk
    // comment a supervisor made a suggestion (`suggestion_from_comment`).
    sqlx::query(
        "insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
         select complaint_id, 'register', 'registered', 'registered', $1, now(), 'Oddzwonić do pani Heleny'
         from complaint",
    )
    .bind(clerk)
    .execute(&app.db)
    .await
    .unwrap();
    let answer: uuid::Uuid = sqlx::query_scalar(
        "select survey_answer_id from survey_answer a join survey_invitation i using (survey_invitation_id)
         where i.visit_id = $1",
    )
    .bind(visit)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let supervisor = app.signed_in("supervisor").await;
    let res = supervisor.post_form("/suggestions", &format!("/reports/comments/{answer}/suggestion"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    Seeded { request, visit, callback }
}

/// A home-visit request as the information point registers it, written as an
/// earlier version of Okienko left it (PESEL and reason in the plain columns the
/// declarations name `LegacyPlain`), with its first workflow note.
async fn home_visit_request(app: &TestApp, name: &str, pesel: &str) -> uuid::Uuid {
    let info = app.staff_id("info_point").await;
    let kind = app.case_kind_id(TAX).await;
    sqlx::query_scalar(
        "with c as (insert into case_file (case_type, case_ref, state, state_since, registered_by, registered_at)
                    values ('home_visit', 'BOM.1510.' || (select count(*) + 1 from case_file) || '.2026', 'registered',
                            now(), $1, now())
                    returning case_file_id),
              h as (insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
                    select case_file_id, 'register', 'registered', 'registered', $1, now(), 'Prosi o wizytę przed południem'
                    from c)
         insert into home_visit_request (home_visit_request_id, client_name, client_address, client_phone,
                                         pesel, case_kind_id, reason)
         select case_file_id, $2, 'ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski', $3, $4, $5,
                'Po operacji biodra, leżąca do końca miesiąca.'
         from c returning home_visit_request_id",
    )
    .bind(info)
    .bind(name)
    .bind(PHONE)
    .bind(pesel)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The kinds the declarations say hold a resident's data.
fn resident_kinds() -> Vec<&'static str> {
    KINDS.iter().filter(|k| k.subject.is_resident()).map(|k| k.key).collect()
}

/// The record markers (`kind:id`) on a results page.
fn records_on(html: &str) -> Vec<String> {
    html.split("data-record=\"").skip(1).filter_map(|r| r.split('"').next()).map(str::to_owned).collect()
}

async fn search(iod: &Client, fields: &[(&str, &str)]) -> crate::common::Page {
    iod.post_form("/iod", "/iod/person", fields).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_iod_finds_a_residents_records_by_pesel_and_by_name_and_phone() {
    let app = TestApp::spawn(office_db().await).await;
    let seeded = seed(&app).await;
    let iod = app.signed_in("iod").await;

    let by_pesel = search(&iod, &[("pesel", PESEL)]).await;
    assert_eq!(by_pesel.status, 200, "{}", by_pesel.body);
    let found = records_on(&by_pesel.body);
    assert!(found.contains(&format!("home_visit:{}", seeded.request)), "the request by its PESEL: {found:?}");
    assert!(found.iter().any(|r| r.starts_with("home_visit_history:")), "and its workflow notes: {found:?}");
    assert!(by_pesel.body.contains("Po operacji biodra"), "the health reason is shown to the IOD, opened");
    assert!(!found.iter().any(|r| r.starts_with("callback:")), "a PESEL finds only records that carry it");

    let by_name = search(&iod, &[("name", "Helena Wiśniewska"), ("phone", "600200300")]).await;
    assert_eq!(by_name.status, 200, "{}", by_name.body);
    let found = records_on(&by_name.body);
    for kind in resident_kinds() {
        assert!(found.iter().any(|r| r.starts_with(&format!("{kind}:"))), "{kind} found by name and phone: {found:?}");
    }
    assert!(found.contains(&format!("visit:{}", seeded.visit)), "the visit, though typed in lower case with +48");
    assert!(found.contains(&format!("callback:{}", seeded.callback)));
    assert!(by_name.body.contains("Bardzo miła obsługa"), "her comment on the kiosk, through her visit");
    assert!(
        !by_name.body.contains("Jan Wiśniewski"),
        "the neighbour sharing the street and most of the number is not hers"
    );
    assert_eq!(found.iter().filter(|r| r.starts_with("visit:")).count(), 1, "{found:?}");

    let nobody = search(&iod, &[("name", "Anna Nowak"), ("phone", "500 100 100")]).await;
    assert_eq!(nobody.status, 200);
    assert!(records_on(&nobody.body).is_empty());
    assert!(nobody.body.contains("nie przechowuje danych tej osoby"), "{}", nobody.body);

    let searched: Vec<Value> = sqlx::query_scalar(
        "select detail from audit_event where action = 'iod.person_searched' order by audit_event_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(searched.len(), 3, "every search is audited");
    assert_eq!(searched[0]["records"]["home_visit"][0], seeded.request.to_string(), "with the records it read");
}

/// The coverage test: every kind declared as a resident's is searched, and the
/// export holds every column it declares personal, for every record found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_holds_every_declared_personal_column_of_every_record_found() {
    let app = TestApp::spawn(office_db().await).await;
    seed(&app).await;
    let iod = app.signed_in("iod").await;
    let res = iod.post_form("/iod", "/iod/person/export", &[("pesel", PESEL), ("name", NAME), ("phone", PHONE)]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.header("content-type").unwrap().starts_with("application/json"));
    assert!(res.header("content-disposition").unwrap().contains(".json"));
    let export: Value = serde_json::from_str(&res.body).unwrap();
    let kinds = export["kinds"].as_array().unwrap();
    for kind in KINDS.iter().filter(|k| k.subject.is_resident()) {
        let exported = kinds
            .iter()
            .find(|k| k["kind"] == kind.key)
            .unwrap_or_else(|| panic!("{} is declared a resident's but left out of the export", kind.key));
        assert!(
            !exported["purpose"].as_str().unwrap().is_empty() && !exported["legal_ground"].as_str().unwrap().is_empty()
        );
        let records = exported["records"].as_array().unwrap();
        assert!(
            !records.is_empty(),
            "{}: the search found none of the resident's records (seed one in `seed`)",
            kind.key
        );
        for record in records {
            for column in kind.columns {
                assert!(
                    record["personal_data"].get(column.name).is_some(),
                    "{}.{} is declared personal but left out of the export",
                    kind.table,
                    column.name
                );
            }
        }
    }
    let text = res.body;
    for value in [NAME, PESEL, "Po operacji biodra", "Bardzo miła obsługa", "Klientka donosi", "Pyta o ulgę"] {
        assert!(text.contains(value), "the export holds {value}");
    }
    let exported: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'iod.person_exported'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(exported, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_anonymises_what_no_law_keeps_records_the_reason_and_refuses_the_rest() {
    let app = TestApp::spawn(office_db().await).await;
    let seeded = seed(&app).await;
    let visits_before: (i64, i64) =
        sqlx::query_as("select count(*), count(finished_at) from visit").fetch_one(&app.db).await.unwrap();
    let iod = app.signed_in("iod").await;
    let criteria = [("pesel", PESEL), ("name", NAME), ("phone", PHONE)];

    let confirm = iod.post_form("/iod", "/iod/person/erase/confirm", &criteria).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let refused = format!("data-refused=\"home_visit:{}\"", seeded.request);
    assert!(confirm.body.contains(&refused), "the open request is refused");
    assert!(confirm.body.contains("sprawa jest w toku"), "and the page says why: {}", confirm.body);
    assert!(confirm.body.contains(&format!("data-erasable=\"visit:{}\"", seeded.visit)));
    let records: Vec<String> = confirm
        .body
        .split("name=\"record\" value=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(str::to_owned)
        .collect();
    assert!(!records.iter().any(|r| r.starts_with("home_visit:")));

    let token = confirm.csrf();
    let mut fields: Vec<(&str, &str)> = criteria.to_vec();
    fields.extend(records.iter().map(|r| ("record", r.as_str())));
    let no_reason = iod.post_with_token("/iod/person/erase", &token, &fields).await;
    assert_eq!(no_reason.status, 422, "a reason is required");
    assert!(no_reason.body.contains("Podaj podstawę usunięcia"));

    let reason = "Żądanie z 20.11.2026, art. 17 ust. 1 lit. b RODO";
    fields.push(("reason", reason));
    let done = iod.post_with_token("/iod/person/erase", &token, &fields).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let after = iod.get("/iod").await;
    assert!(after.body.contains("Zanonimizowane rekordy"), "{}", after.body);

    let visit: (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("select client_name, client_phone, note from visit where visit_id = $1")
            .bind(seeded.visit)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(visit, (None, None, None), "the visit's personal columns are gone");
    let callback: (String, String, String) =
        sqlx::query_as("select caller_name, phone, question from callback where callback_id = $1")
            .bind(seeded.callback)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(callback.0, "");
    assert_eq!(callback.1, "");
    assert_ne!(callback.2, "Czy mogę zapłacić kartą?");
    let comment: Option<String> = sqlx::query_scalar(
        "select a.comment from survey_answer a join survey_invitation i using (survey_invitation_id) where i.visit_id = $1",
    )
    .bind(seeded.visit)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(comment, None);
    let suggestion: String = sqlx::query_scalar(
        "select s.body from suggestion s join survey_invitation i on i.survey_invitation_id =
             (select survey_invitation_id from survey_answer a where a.survey_answer_id = s.survey_answer_id)
         where i.visit_id = $1",
    )
    .bind(seeded.visit)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(suggestion, okienko::personal_data::ANONYMISED, "the suggestion copied from her comment");
    let visits_after: (i64, i64) =
        sqlx::query_as("select count(*), count(finished_at) from visit").fetch_one(&app.db).await.unwrap();
    assert_eq!(visits_after, visits_before, "counts and times stay for the reports");
    let neighbour: i64 = sqlx::query_scalar("select count(*) from visit where client_name = 'Jan Wiśniewski'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(neighbour, 1, "the neighbour's records are untouched");
    let kept: String =
        sqlx::query_scalar("select client_name from home_visit_request where home_visit_request_id = $1")
            .bind(seeded.request)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, NAME, "the request the law keeps is kept");

    let (stored, by): (String, String) =
        sqlx::query_as("select e.reason, s.login from erasure e join staff s on s.staff_id = e.erased_by")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((stored.as_str(), by.as_str()), (reason, "iod"));
    let audited: Value = sqlx::query_scalar("select detail from audit_event where action = 'iod.person_erased'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited["reason"], reason);
    assert_eq!(audited["erased"].as_array().unwrap().len(), records.len());

    // Searched again: what was erased no longer names her; the request still does.
    let again = search(&iod, &[("name", NAME), ("phone", PHONE)]).await;
    let found = records_on(&again.body);
    assert!(!found.iter().any(|r| r.starts_with("visit:") || r.starts_with("callback:")), "{found:?}");
    assert!(found.contains(&format!("home_visit:{}", seeded.request)));
}

/// The erasure's own form: a ground with a NUL byte, too long, or holding a PESEL
/// (the ground is kept in the audit log) gets a message on the form; records made
/// up, malformed or still open, and a second click, erase nothing and say so; never
/// a 500, and no PESEL reaches the audit log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_on_the_erasure_form_gets_a_message_and_no_pesel_reaches_the_audit_log() {
    let app = TestApp::spawn(office_db().await).await;
    let seeded = seed(&app).await;
    let iod = app.signed_in("iod").await;
    let token = iod.post_form("/iod", "/iod/person/erase/confirm", &[("name", NAME), ("phone", PHONE)]).await.csrf();
    let visit = format!("visit:{}", seeded.visit);
    let erase = |record: String, reason: String| {
        let (iod, token) = (&iod, &token);
        async move {
            iod.post_with_token(
                "/iod/person/erase",
                token,
                &[("name", NAME), ("phone", PHONE), ("record", &record), ("reason", &reason)],
            )
            .await
        }
    };
    let name_kept = || async {
        sqlx::query_scalar::<_, Option<String>>("select client_name from visit where visit_id = $1")
            .bind(seeded.visit)
            .fetch_one(&app.db)
            .await
            .unwrap()
            .is_some()
    };
    for (reason, message) in [
        ("Żądanie\0 z 20.11.2026".to_owned(), "niedozwolone znaki"),
        ("x".repeat(1001), "najwyżej 1000 znaków"),
        (format!("Żądanie pani Heleny, PESEL {PESEL}"), "nie wpisuj w niej numeru PESEL"),
        ("Żądanie, nr 440 514 014 58".to_owned(), "nie wpisuj w niej numeru PESEL"),
    ] {
        let res = erase(visit.clone(), reason.clone()).await;
        assert_eq!(res.status, 422, "{reason:?}: {}", res.body);
        assert!(res.body.contains(message) && res.body.contains("error-summary"), "{reason:?}: {}", res.body);
        assert!(name_kept().await, "nothing erased");
    }
    let reason = "Żądanie z 20.11.2026, art. 17 ust. 1 lit. b RODO".to_owned();
    for record in ["nope:1".to_owned(), "visit:not-an-id".to_owned(), "visit:\0".to_owned(), "x".repeat(5000)]
        .into_iter()
        .chain([format!("home_visit:{}", seeded.request)])
    {
        let res = erase(record.clone(), reason.clone()).await;
        assert_eq!(res.status, 303, "{record:.40}: {}", res.body);
        assert!(name_kept().await, "{record:.40} erased nothing");
    }
    assert!(iod.get("/iod").await.body.contains("Nie ma danych, które można usunąć"));
    // A double click: the first erases, the second finds nothing left and says so.
    assert_eq!(erase(visit.clone(), reason.clone()).await.status, 303);
    assert!(!name_kept().await);
    assert_eq!(erase(visit.clone(), reason.clone()).await.status, 303);
    assert!(iod.get("/iod").await.body.contains("Nie ma danych, które można usunąć"));
    let erasures: i64 = sqlx::query_scalar("select count(*) from erasure").fetch_one(&app.db).await.unwrap();
    assert_eq!(erasures, 1);

    let audit: Vec<String> = sqlx::query_scalar("select concat_ws(' ', target_id, detail::text) from audit_event")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(audit.iter().all(|a| !a.contains(PESEL) && !a.contains("44051401458")), "{audit:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_iod_reaches_the_iod_pages_not_even_the_admin() {
    let app = TestApp::spawn(office_db().await).await;
    for role in Role::ALL {
        let client = app.signed_in(role.as_str()).await;
        for page in ["/iod", "/iod/register", "/iod/reads"] {
            let res = client.get(page).await;
            let expected = if role == Role::Iod { 200 } else { 403 };
            assert_eq!(res.status, expected, "{} {page}", role.as_str());
        }
        let home = client.get("/").await;
        assert_eq!(
            home.body.contains("href=\"/iod\""),
            role == Role::Iod,
            "{}: the menu and the home page",
            role.as_str()
        );
        let res = client.post_form("/account/password", "/iod/person", &[("pesel", PESEL)]).await;
        assert_eq!(res.status, if role == Role::Iod { 200 } else { 403 }, "{} searching", role.as_str());
    }
    let anonymous = app.client().get("/iod").await;
    assert_eq!(anonymous.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_read_audit_shows_who_read_a_pesel_by_resident_and_by_employee() {
    let app = TestApp::spawn(office_db().await).await;
    let seeded = seed(&app).await;
    let director = app.signed_in("director").await;
    let page = director
        .post_form(&format!("/home-visits/{}", seeded.request), &format!("/home-visits/{}/pesel", seeded.request), &[])
        .await;
    assert!(page.body.contains(PESEL), "the director read the whole PESEL");

    let iod = app.signed_in("iod").await;
    let res = iod.post_form("/iod/reads", "/iod/reads", &[("pesel", PESEL)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let to = res.location().unwrap().to_owned();
    assert!(!to.contains(PESEL), "the PESEL never goes into an address: {to}");
    let reads = iod.get(&to).await;
    assert_eq!(reads.status, 200);
    let rows: Vec<&str> = reads.body.split("<tr data-read>").skip(1).collect();
    assert!(
        rows.iter().any(|r| r.contains("Elżbieta Kamińska") && r.contains("Odczyt numeru PESEL")),
        "the director's read is listed: {}",
        reads.body
    );
    let case_ref: String = sqlx::query_scalar("select case_ref from case_file").fetch_one(&app.db).await.unwrap();
    assert!(reads.body.contains(&case_ref));
    assert!(!rows.iter().any(|r| r.contains("Wyszukanie wniosków po numerze PESEL")), "nobody searched yet");

    // The information point looks her requests up by PESEL: that search is one of
    // the reads of her data (it tells who has requests under this number).
    // The seeded requests hold the PESEL in plain text, as before sealing: sealed
    // (with its keyed hash) as a server does at start-up, so that a search finds it.
    okienko::personal_data::sealing::seal_leftovers(&app.db, &crate::common::test_keys()).await.unwrap();
    let info = app.signed_in("info_point").await;
    let found = info.post_form("/home-visits", "/home-visits/search", &[("pesel", PESEL)]).await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.contains(&case_ref), "the search finds her request");
    let reads = iod.get(&to).await;
    assert!(
        reads
            .body
            .split("<tr data-read>")
            .skip(1)
            .any(|r| r.contains("Wyszukanie wniosków po numerze PESEL") && r.contains("Tomasz Wiśniewski")),
        "the search by PESEL is listed among her reads: {}",
        reads.body
    );

    let director_id = app.staff_id("director").await;
    let supervisor_id = app.staff_id("supervisor").await;
    let by_director = iod.get(&format!("{to}&employee={director_id}")).await;
    assert!(by_director.body.contains("Odczyt numeru PESEL"));
    let by_supervisor = iod.get(&format!("/iod/reads?employee={supervisor_id}")).await;
    assert!(!by_supervisor.body.contains("<tr data-read>"), "nobody else read anything");

    // A supervisor reads a clerk's evaluation sheet: listed under the supervisor.
    let supervisor = app.signed_in("supervisor").await;
    let clerk = app.staff_id("clerk").await;
    assert_eq!(supervisor.get(&format!("/reports/staff/{clerk}")).await.status, 200);
    let sheets = iod.get(&format!("/iod/reads?employee={supervisor_id}")).await;
    assert!(sheets.body.contains("Katarzyna Nowak"), "whose sheet was read: {}", sheets.body);
    // The staff list shows every employee's evaluation figures: its reading is recorded too.
    assert_eq!(supervisor.get("/reports/staff").await.status, 200);
    let sheets = iod.get(&format!("/iod/reads?employee={supervisor_id}")).await;
    assert!(sheets.body.contains("Odczyt zestawienia arkuszy oceny"), "{}", sheets.body);

    let unknown = iod.post_form("/iod/reads", "/iod/reads", &[("pesel", "85031501234")]).await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("Nie ma wniosków z tym numerem PESEL"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_byte_or_a_malformed_pesel_in_a_search_gets_a_message_never_a_500() {
    let app = TestApp::spawn(office_db().await).await;
    let iod = app.signed_in("iod").await;
    let token = iod.get("/iod").await.csrf();
    let cases: &[(&str, &str)] = &[
        ("pesel=%00", "niedozwolone znaki"),
        ("pesel=4405140%001458", "niedozwolone znaki"),
        ("pesel=12345", "PESEL ma 11 cyfr"),
        ("pesel=44051401459", "cyfrę kontrolną"),
        ("pesel=44553101458", ""),
        ("name=Helena+Wi%C5%9Bniewska", "Podaj też numer telefonu"),
        ("phone=600200300", "Podaj też imię i nazwisko"),
        ("name=Helena&phone=%00", "niedozwolone znaki"),
        ("name=Helena&phone=abc", ""),
        ("", "Podaj numer PESEL albo imię i nazwisko"),
    ];
    for (i, (fields, message)) in cases.iter().enumerate() {
        let mut paths = vec!["/iod/person", "/iod/person/export", "/iod/person/erase/confirm", "/iod/person/erase"];
        // Reads are narrowed by PESEL alone.
        if i < 5 {
            paths.push("/iod/reads");
        }
        for path in paths {
            let res = iod.post_raw(path, format!("_csrf={token}&{fields}")).await;
            assert_eq!(res.status, 422, "{path} {fields}: {}", res.body);
            assert!(res.body.contains(message), "{path} {fields} says {message}");
            assert!(res.body.contains("error-summary"), "{path} {fields}");
        }
    }
    let res = iod.post_raw("/iod/reads", format!("_csrf={token}&pesel=")).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("error-summary"));
    let bad_requests = iod.get("/iod/reads?requests=not-an-id").await;
    assert_eq!(bad_requests.status, 422);
    assert!(bad_requests.body.contains("Wyszukaj osobę ponownie"));
    assert_eq!(iod.get("/iod/reads?employee=%00").await.status, 400);
    assert_eq!(iod.get("/iod/reads?employee=x").await.status, 422);
}

/// The IOD's pages in Chromium at 1366 px, in Polish and in English: axe finds no
/// WCAG 2.1 AA fault and nothing runs past the edge; the person's page and the
/// register print on A4, the register on its designed number of pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_iod_pages_pass_axe_at_1366_px_in_both_languages_and_print_on_a4() {
    use crate::browser::Browser;
    let app = TestApp::spawn(office_db().await).await;
    seed(&app).await;
    let browser = Browser::start().await;
    browser.screen(1366, 768).await;
    browser.sign_in(&app, "iod", crate::common::DEMO_PASSWORD).await;
    assert!(browser.shows("h1", "Dzień dobry").await);
    let mut violations = Vec::new();
    let mut printed = Vec::new();

    violations.extend(browser.audit(&app.url("/iod"), "iod-search").await);
    browser.fill("name", NAME).await;
    browser.fill("phone", PHONE).await;
    browser.click("main form.filters button[type=submit]").await;
    assert!(browser.shows("main", "Znalezione rekordy").await);
    browser.audit_here("iod-person", &mut violations).await;
    printed.push(("person", browser.printed("print-iod-person").await));
    browser.click("form[action='/iod/person/erase/confirm'] button").await;
    assert!(browser.shows("h1", "Usunięcie danych osoby").await);
    browser.audit_here("iod-erase", &mut violations).await;

    violations.extend(browser.audit(&app.url("/iod/register"), "iod-register").await);
    printed.push(("register", browser.printed("print-iod-register").await));
    violations.extend(browser.audit(&app.url("/iod/reads"), "iod-reads").await);

    browser.click(".lang-switch button[value=en]").await;
    assert!(browser.shows("h1", "Who read what").await);
    browser.audit_here("iod-reads-en", &mut violations).await;
    violations.extend(browser.audit(&app.url("/iod/register"), "iod-register-en").await);
    assert!(browser.shows("h1", "Register of processing activities").await);
    violations.extend(browser.audit(&app.url("/iod"), "iod-search-en").await);
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));

    let (pages, width, height) = printed[0].1;
    assert_eq!((width, height), (210.0, 297.0), "the person's page prints on A4");
    assert!((1..=REGISTER_PAGES).contains(&pages), "the person's page: {pages} pages");
    assert_eq!(printed[1].1, (REGISTER_PAGES, 210.0, 297.0), "the register of {} kinds", KINDS.len());
}

/// The register prints an entry per declared kind, none split across pages: the 20
/// kinds declared now take 9 pages of A4 (a kind declared more may take one more).
pub(crate) const REGISTER_PAGES: usize = 9;
