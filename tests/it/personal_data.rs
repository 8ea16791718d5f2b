//! Personal data (issue 14): every column that looks personal is declared in
//! `okienko::personal_data`, PESEL numbers and health reasons are sealed at rest,
//! keys rotate, and retention anonymises what has expired.

use okienko::personal_data;

use crate::common::*;

/// A new table or column with a name that looks personal (a name, a phone, a PESEL,
/// an address, a reason, a comment, a note...) must be declared, as personal data
/// (with its purpose, legal ground and retention) or as not personal, so that the
/// encryption, retention, a person's data on request and the register cover it.
#[tokio::test(flavor = "multi_thread")]
async fn every_column_that_looks_personal_is_declared() {
    let db = empty_db().await;
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text from information_schema.columns
         where table_schema = 'public' order by table_name, ordinal_position",
    )
    .fetch_all(&*db)
    .await
    .unwrap();
    // Columns that can hold what a person typed or is: text, bytes, JSON, addresses.
    let can_hold_data =
        |ty: &str| matches!(ty, "text" | "character varying" | "bytea" | "jsonb" | "json" | "inet" | "cidr");
    let undeclared: Vec<String> = columns
        .iter()
        .filter(|(t, c, ty)| can_hold_data(ty) && personal_data::looks_personal(c) && !personal_data::is_declared(t, c))
        .map(|(t, c, _)| format!("{t}.{c}"))
        .collect();
    assert!(
        undeclared.is_empty(),
        "columns that look personal but are declared neither in personal_data::KINDS nor in NOT_PERSONAL: {undeclared:?}"
    );
    // And every declaration names a column that exists (no stale or misspelt ones).
    let exists = |t: &str, c: &str| columns.iter().any(|(tt, cc, _)| tt == t && cc == c);
    for kind in personal_data::KINDS {
        for column in kind.columns {
            assert!(exists(kind.table, column.name), "{}.{} is declared but does not exist", kind.table, column.name);
        }
        assert!(exists(kind.table, kind.id_column), "{}.{}", kind.table, kind.id_column);
    }
    for (t, c, _) in personal_data::NOT_PERSONAL {
        assert!(exists(t, c), "{t}.{c} is declared not personal but does not exist");
    }
    // Each retention expression is valid SQL over its table.
    for kind in personal_data::KINDS {
        if let personal_data::Retention::AfterEnd { ended_at, .. } = kind.retention {
            let sql = format!("select {ended_at} from {} t limit 1", kind.table);
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&*db).await.unwrap_or_else(|e| panic!("{}: {e}", kind.key));
        }
    }
}

const PESEL: &str = "44051401458";
const REASON: &str = "Po operacji biodra, leżąca do końca miesiąca.";
const TAX: &str = "Zaświadczenie o niezaleganiu w podatkach";

/// The information point registers a request with a PESEL and a health reason.
async fn register(app: &TestApp, info: &Client, pesel: &str) -> uuid::Uuid {
    let kind = app.case_kind_id(TAX).await.to_string();
    let res = info
        .post_form(
            "/home-visits/new",
            "/home-visits",
            &[
                ("client_name", "Helena Wiśniewska"),
                ("client_address", "ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski"),
                ("client_phone", "600 200 300"),
                ("pesel", pesel),
                ("case_kind_id", &kind),
                ("reason", REASON),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    res.location().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

/// Every row of every table as text (bytea as hex), as a dump of the data shows it.
async fn dump(db: &sqlx::PgPool) -> String {
    let tables: Vec<String> =
        sqlx::query_scalar("select tablename::text from pg_tables where schemaname = 'public' order by 1")
            .fetch_all(db)
            .await
            .unwrap();
    let mut all = String::new();
    for table in tables {
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select t::text from \"{table}\" t")))
            .fetch_all(db)
            .await
            .unwrap();
        all.push_str(&rows.join("\n"));
    }
    all
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A raw look at the database (what a stolen dump or backup shows) finds neither the
/// PESEL nor the health reason nor an authenticator's secret, in plain text or in
/// the hex of bytes; the people who need them still read them in Okienko.
#[tokio::test(flavor = "multi_thread")]
async fn a_database_dump_shows_no_pesel_no_health_reason_and_no_second_factor_secret() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info, PESEL).await;

    let all = dump(&app.db).await;
    for secret in [PESEL, REASON, "operacji biodra"] {
        assert!(!all.contains(secret), "{secret:?} is in the database in plain text");
        assert!(!all.contains(&hex(secret.as_bytes())), "{secret:?} is in the database as bytes");
    }
    let demo_secret = okienko::auth::second_factor::Secret::from_base32(okienko::demo::DEMO_TOTP_SECRET).unwrap();
    assert!(!all.contains(&hex(demo_secret.as_bytes())), "an authenticator's secret is in the database as it is");
    let plain: i64 = sqlx::query_scalar(
        "select (select count(*) from home_visit_request where pesel is not null or reason is not null)
              + (select count(*) from second_factor where secret is not null)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(plain, 0, "no plain column is written any more");

    // The director still reads the reason, and the PESEL on request.
    let director = app.signed_in("director").await;
    let page = director.get(&format!("/home-visits/{id}")).await;
    assert!(page.body.contains("Po operacji biodra"), "{}", page.body);
    let revealed = director.post_with_token(&format!("/home-visits/{id}/pesel"), &page.csrf(), &[]).await;
    assert!(revealed.body.contains(PESEL));
}

/// The information point finds a request by the resident's PESEL (its keyed hash),
/// the PESEL is never in an address, a wrong number is explained, and each search
/// is audited without the number.
#[tokio::test(flavor = "multi_thread")]
async fn a_request_is_found_by_its_pesel() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info, PESEL).await;
    let other = register(&app, &info, "02270803624").await;
    let case_ref: String = sqlx::query_scalar("select case_ref from case_file where case_file_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let other_ref: String = sqlx::query_scalar("select case_ref from case_file where case_file_id = $1")
        .bind(other)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let found = info.post_form("/home-visits", "/home-visits/search", &[("pesel", PESEL)]).await;
    assert_eq!(found.status, 200, "{}", found.body);
    let section = found.body.split("id=\"found\"").nth(1).expect("a section of what was found");
    let section = section.split("</table>").next().unwrap();
    assert!(section.contains(&case_ref), "{section}");
    assert!(!section.contains(&other_ref), "only the request with this PESEL: {section}");
    assert!(!found.body.contains(PESEL), "the number is not shown back");

    let none = info.post_form("/home-visits", "/home-visits/search", &[("pesel", "90090515836")]).await;
    assert!(none.body.contains("Brak wniosków z podanym numerem PESEL"), "{}", none.body);
    let wrong = info.post_form("/home-visits", "/home-visits/search", &[("pesel", "44051401459")]).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("error-summary") || wrong.body.contains("cyfra kontrolna"), "{}", wrong.body);

    let searches: Vec<serde_json::Value> =
        sqlx::query_scalar("select detail from audit_event where action = 'home_visit.pesel_searched' order by 1")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(searches.len(), 2, "each search made is audited");
    assert!(searches.iter().all(|d| !d.to_string().contains(PESEL)));
}

/// Two keys, the new one current: `okienko rotate-keys` seals everything again with
/// it; with the old key removed every PESEL, health reason and authenticator still
/// reads, and the search by PESEL still finds.
#[tokio::test(flavor = "multi_thread")]
async fn rotating_keys_keeps_every_value_readable_without_the_old_key() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info, PESEL).await;
    let sealed_before: i64 = sqlx::query_scalar(
        "select (select count(pesel_sealed) + count(reason_sealed) from home_visit_request)
              + (select count(secret_sealed) from second_factor)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(sealed_before > 3);

    let url = crate::cli::url_of(&app.db);
    let both = format!("{TEST_DATA_KEYS},{TEST_DATA_KEY_2}");
    let out = crate::cli::okienko(
        &["rotate-keys"],
        &[("DATABASE_URL", &url), ("OKIENKO_DATA_KEYS", &both), ("OKIENKO_DATA_KEY_CURRENT", "test2")],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("{sealed_before} values")), "{said}");

    let ids: Vec<Vec<u8>> = sqlx::query_scalar(
        "select pesel_sealed from home_visit_request where pesel_sealed is not null
         union all select reason_sealed from home_visit_request where reason_sealed is not null
         union all select secret_sealed from second_factor",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(ids.iter().all(|v| okienko::crypto::key_id(v) == Some("test2")), "everything is under the new key");

    // Okienko with the new key only.
    let new_only = TestApp::spawn_on(app.db.clone(), None, &[("OKIENKO_DATA_KEYS", TEST_DATA_KEY_2)]).await;
    let director = new_only.signed_in("director").await; // its authenticator's secret opens
    let page = director.get(&format!("/home-visits/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Po operacji biodra"));
    let revealed = director.post_with_token(&format!("/home-visits/{id}/pesel"), &page.csrf(), &[]).await;
    assert!(revealed.body.contains(PESEL));
    let info = new_only.signed_in("info_point").await;
    let found = info.post_form("/home-visits", "/home-visits/search", &[("pesel", PESEL)]).await;
    assert!(found.body.split("id=\"found\"").nth(1).is_some_and(|s| s.contains(&id.to_string())), "{}", found.body);
    // The old key alone opens nothing any more.
    let context = okienko::crypto::context("home_visit_request", "reason_sealed", id);
    let reason: Vec<u8> =
        sqlx::query_scalar("select reason_sealed from home_visit_request where home_visit_request_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(test_keys().open(&context, &reason).is_err());
    let rotated: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'personal_data.keys_rotated'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rotated, 1);
}

/// Without its keys Okienko does not start (nor migrate): one line names the setting.
#[tokio::test(flavor = "multi_thread")]
async fn start_up_refuses_a_missing_key() {
    let db = empty_db().await;
    let url = crate::cli::url_of(&db);
    for command in ["serve", "migrate"] {
        let out = crate::cli::okienko(
            &[command],
            &[("DATABASE_URL", &url), ("OKIENKO_DATA_KEYS", ""), ("BIND_ADDR", "127.0.0.1:0")],
            "",
        );
        assert!(!out.status.success(), "{command} started without a key");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("OKIENKO_DATA_KEYS") && said.trim().lines().count() == 1, "{said}");
    }
    let out = crate::cli::okienko(&["serve"], &[("DATABASE_URL", &url), ("OKIENKO_LOOKUP_KEY", "")], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("OKIENKO_LOOKUP_KEY"));
}

/// The §7.4 figures as a supervisor exports them: the trends of twelve months and
/// the staff list of each of the last months.
async fn figures(app: &TestApp) -> Vec<String> {
    let supervisor = app.signed_in("supervisor").await;
    let mut all = vec![String::from_utf8(supervisor.http_bytes("/reports/trends/export?format=csv").await).unwrap()];
    let today = chrono::Utc::now().date_naive();
    for back in 1..=4u32 {
        let month = today - chrono::Months::new(back);
        let code = month.format("%Y-%m").to_string();
        let csv = supervisor.http_bytes(&format!("/reports/staff/export?month={code}&format=csv")).await;
        all.push(String::from_utf8(csv).unwrap());
    }
    all
}

/// Records of ended matters that still hold a resident's personal data.
async fn plain_personal_rows(db: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar(
        "select (select count(*) from visit
                 where status in ('done', 'no_show') and (client_name is not null or client_phone is not null))
              + (select count(*) from callback where status <> 'open' and phone <> '')
              + (select count(*) from survey_answer where comment is not null)
              + (select count(*) from home_visit_request r join case_file f on f.case_file_id = r.home_visit_request_id
                 where f.state in ('visited', 'cancelled') and (r.reason_sealed is not null or r.reason is not null))",
    )
    .fetch_one(db)
    .await
    .unwrap()
}

/// With the clock moved past every retention period, retention anonymises names,
/// phones, comments, the PESEL and the health reason, and every figure of the §7.4
/// reports is the same before and after; the dry run lists and changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn retention_anonymises_what_expired_and_the_reports_stay_the_same() {
    let db = office_db().await;
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    // One request closed: cancelled by the director.
    let info = app.signed_in("info_point").await;
    let id = register(&app, &info, PESEL).await;
    sqlx::query("update case_file set state = 'cancelled' where case_file_id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    let before = figures(&app).await;
    let personal_before = plain_personal_rows(&app.db).await;
    assert!(personal_before > 0);

    let later = app.clock.now() + chrono::TimeDelta::days(6 * 365);
    let dry = okienko::personal_data::retention::dry_run(&app.db, &app.config, later).await.unwrap();
    let would = |kind: &str| dry.iter().find(|c| c.kind == kind).unwrap().records;
    assert!(
        would("visit") > 0 && would("callback") > 0 && would("survey_comment") > 0 && would("home_visit") > 0,
        "{dry:?}"
    );
    assert_eq!(plain_personal_rows(&app.db).await, personal_before, "a dry run changes nothing");

    // Not yet: today nothing has expired.
    let now = okienko::personal_data::retention::run(&app.db, &app.config, app.clock.now(), "test").await.unwrap();
    assert!(now.iter().all(|c| c.records == 0), "{now:?}");

    let done = okienko::personal_data::retention::run(&app.db, &app.config, later, "test").await.unwrap();
    assert_eq!(done, dry, "it does what the dry run said");
    assert_eq!(plain_personal_rows(&app.db).await, 0);
    let row: String = sqlx::query_scalar("select t::text from home_visit_request t where home_visit_request_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!row.contains("Helena") && !row.contains("Słowackiego") && !row.contains("600"), "{row}");
    let (name, pesel, reason): (String, Option<Vec<u8>>, Option<Vec<u8>>) = sqlx::query_as(
        "select client_name, pesel_sealed, reason_sealed from home_visit_request where home_visit_request_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((name.as_str(), pesel, reason), (okienko::personal_data::ANONYMISED, None, None));
    let audited: Vec<serde_json::Value> =
        sqlx::query_scalar("select detail from audit_event where action = 'personal_data.anonymised'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(audited.len(), 1, "one audit record for the run that changed something");
    assert_eq!(audited[0]["anonymised"]["visit"], serde_json::json!(would("visit")));

    // A fresh Okienko (nothing cached) shows the same figures, and the request still opens.
    let fresh = TestApp::spawn_on(app.db.clone(), None, &[]).await;
    assert_eq!(figures(&fresh).await, before, "the reports' figures are unchanged");
    let page = fresh.signed_in("director").await.get(&format!("/home-visits/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(okienko::personal_data::ANONYMISED));
}

/// `okienko retention --dry-run` counts per kind what it would anonymise, prints
/// no personal data and changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn the_dry_run_lists_counts_and_changes_nothing() {
    let db = office_db().await;
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    okienko::personal_data::sealing::seal_leftovers(&db, &test_keys()).await.unwrap();
    let before = plain_personal_rows(&db).await;
    let url = crate::cli::url_of(&db);
    let out = crate::cli::okienko(
        &["retention", "--dry-run"],
        &[("DATABASE_URL", &url), ("RETENTION_VISIT", "30d"), ("RETENTION_SURVEY_COMMENT", "30d")],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    let count_of = |kind: &str| -> i64 {
        let line = said.lines().find(|l| l.split_whitespace().next() == Some(kind)).unwrap_or_else(|| panic!("{said}"));
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    assert!(count_of("visit") > 0 && count_of("survey_comment") > 0, "{said}");
    assert_eq!(count_of("home_visit"), 0, "{said}");
    assert!(said.contains("nothing was changed"));
    let names: Vec<String> = sqlx::query_scalar("select client_name from visit where client_name is not null")
        .fetch_all(&*db)
        .await
        .unwrap();
    assert!(names.iter().all(|n| !said.contains(n.as_str())), "no personal data printed");
    // seal_leftovers ran (the demo's requests), but nothing was anonymised.
    assert_eq!(plain_personal_rows(&db).await, before);
    let anonymised: i64 =
        sqlx::query_scalar("select count(*) from visit where anonymised_at is not null").fetch_one(&*db).await.unwrap();
    assert_eq!(anonymised, 0);
}

/// Two instances start the day's job at the same moment: one does the work, the
/// other finds the day taken; one audit record.
#[tokio::test(flavor = "multi_thread")]
async fn two_instances_do_the_days_retention_once() {
    let db = office_db().await;
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[("RETENTION_VISIT", "30d")]).await;
    let now = app.clock.now();
    let (a, b) = tokio::join!(
        okienko::personal_data::retention::run_once_today(&app.db, &app.config, now),
        okienko::personal_data::retention::run_once_today(&app.db, &app.config, now),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.is_some() != b.is_some(), "exactly one did it: {a:?} {b:?}");
    let counts = a.or(b).unwrap();
    assert!(counts.iter().find(|c| c.kind == "visit").unwrap().records > 0);
    let runs: i64 = sqlx::query_scalar("select count(*) from retention_run where finished_at is not null")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(runs, 1);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'personal_data.anonymised'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    // Later the same day: nothing more to do.
    assert!(okienko::personal_data::retention::run_once_today(&app.db, &app.config, now).await.unwrap().is_none());
}

/// A complaint (answered or cancelled) with a note on its workflow, as the
/// director's decree or a cancellation leaves it in `case_history`.
async fn complaint_with_note(app: &TestApp, state: &str, note: &str) -> uuid::Uuid {
    let clerk = app.staff_id("clerk").await;
    sqlx::query_scalar(
        "with c as (insert into case_file (case_type, case_ref, state, state_since, registered_by, registered_at)
                    values ('complaint', 'BOM.151.' || (select count(*) + 1 from case_file) || '.2026', $2::case_state,
                            now(), $1, now()) returning case_file_id),
              h as (insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at, note)
                    select case_file_id, 'decree', 'registered', 'decreed', $1, now(), $3 from c)
         insert into complaint (complaint_id, taken_during, client_name, wants_answer, about, client_words, due_on)
         select case_file_id, 'in_person', 'Helena Wiśniewska', false, 'procedure', 'Czekałam dwie godziny',
                current_date + 30
         from c returning complaint_id",
    )
    .bind(clerk)
    .bind(state)
    .bind(note)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn notes_of(db: &sqlx::PgPool, case: uuid::Uuid) -> Vec<String> {
    sqlx::query_scalar("select note from case_history where case_file_id = $1 order by case_history_id")
        .bind(case)
        .fetch_all(db)
        .await
        .unwrap()
}

/// The notes on a complaint's workflow are the complaint's file: they are kept for
/// the complaints' period (not the home visits'), and anonymised with the complaint
/// once it was answered or cancelled and that period is over.
#[tokio::test(flavor = "multi_thread")]
async fn a_complaints_workflow_notes_are_kept_and_anonymised_with_the_complaint() {
    let app = TestApp::spawn_with(office_db().await, &[("RETENTION_HOME_VISIT", "30d")]).await;
    let note = "Pani Wiśniewska, tel. 600 200 300, prosi o odpowiedź listem";
    let answered = complaint_with_note(&app, "answered", note).await;
    let cancelled = complaint_with_note(&app, "cancelled", note).await;

    // Past the home visits' period, well within the complaints': nothing goes.
    let soon = app.clock.now() + chrono::TimeDelta::days(60);
    okienko::personal_data::retention::run(&app.db, &app.config, soon, "test").await.unwrap();
    assert_eq!(notes_of(&app.db, cancelled).await, vec![note], "a home visit's period does not reach a complaint");
    assert_eq!(notes_of(&app.db, answered).await, vec![note]);

    // Past the complaints' period: the notes go with the complaint's words.
    let later = app.clock.now() + chrono::TimeDelta::days(6 * 365);
    let done = okienko::personal_data::retention::run(&app.db, &app.config, later, "test").await.unwrap();
    for case in [answered, cancelled] {
        assert_eq!(notes_of(&app.db, case).await, vec![String::new()], "an answered or cancelled complaint's notes");
        let words: String = sqlx::query_scalar("select client_words from complaint where complaint_id = $1")
            .bind(case)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(words, okienko::personal_data::ANONYMISED);
    }
    assert_eq!(done.iter().find(|c| c.kind == "complaint_history").map(|c| c.records), Some(2), "{done:?}");
}

/// A supervisor makes a resident's kiosk comment a suggestion: the suggestion's
/// text is that comment, so retention anonymises it with the comment; a staff
/// member's own suggestion stays as it is.
#[tokio::test(flavor = "multi_thread")]
async fn a_suggestion_made_from_a_kiosk_comment_is_anonymised_with_the_comment() {
    let app = TestApp::spawn(office_db().await).await;
    let comment = "Pani w okienku 3 mówiła do mnie po imieniu, Helena W., tel. 600200300";
    let answer: uuid::Uuid = sqlx::query_scalar(
        "with k as (insert into kiosk (name) values ('Tablet przy wyjściu') returning kiosk_id)
         insert into survey_answer (questionnaire_id, kiosk_id, submission_key, lang, comment)
         select (select questionnaire_id from questionnaire order by version desc limit 1), kiosk_id,
                gen_random_uuid(), 'pl', $1
         from k returning survey_answer_id",
    )
    .bind(comment)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let supervisor = app.signed_in("supervisor").await;
    let res = supervisor.post_form("/suggestions", &format!("/reports/comments/{answer}/suggestion"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let staff_idea = "Tablica z godzinami pracy przy wejściu";
    sqlx::query("insert into suggestion (source, submitted_by, body, created_at) values ('staff', $1, $2, now())")
        .bind(app.staff_id("clerk").await)
        .bind(staff_idea)
        .execute(&app.db)
        .await
        .unwrap();
    let bodies = || async {
        sqlx::query_as::<_, (String, String)>("select source::text, body from suggestion order by source")
            .fetch_all(&app.db)
            .await
            .unwrap()
    };
    assert!(bodies().await.iter().any(|(_, b)| b == comment));

    let later = app.clock.now() + chrono::TimeDelta::days(400);
    let dry = okienko::personal_data::retention::dry_run(&app.db, &app.config, later).await.unwrap();
    assert_eq!(dry.iter().find(|c| c.kind == "suggestion_from_comment").map(|c| c.records), Some(1), "{dry:?}");
    okienko::personal_data::retention::run(&app.db, &app.config, later, "test").await.unwrap();
    let after = bodies().await;
    assert!(after.iter().all(|(_, b)| !b.contains("Helena")), "the copy of the comment is gone: {after:?}");
    assert!(after.contains(&("resident".to_owned(), okienko::personal_data::ANONYMISED.to_owned())), "{after:?}");
    assert!(after.contains(&("staff".to_owned(), staff_idea.to_owned())), "a staff suggestion stays: {after:?}");
    let page = supervisor.get("/suggestions").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Helena W."), "{}", page.body);
}
