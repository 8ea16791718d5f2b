//! The `okienko` command: the first administrator of a real install, and a clear
//! one-line refusal of bad configuration.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common::empty_db;
use sqlx::PgPool;

/// The URL of this test's own database (same server and credentials as DATABASE_URL).
pub fn url_of(db: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for tests");
    let name = db.connect_options().get_database().expect("the test database has a name").to_owned();
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

pub fn okienko(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(args)
        // Only the databases the test names: `make test` exports the dev cluster's
        // owner and application URLs too, which would point the command elsewhere.
        .env_remove("DATABASE_URL")
        .env_remove("DATABASE_OWNER_URL")
        .env_remove("DATABASE_APP_URL")
        .env_remove("DATABASE_APP_ROLE")
        // The keys of personal data, as an installation has them (a test may unset them).
        .env("OKIENKO_DATA_KEYS", crate::common::TEST_DATA_KEYS)
        .env("OKIENKO_LOOKUP_KEY", crate::common::TEST_LOOKUP_KEY)
        .envs(env.iter().copied())
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_makes_the_first_administrator_and_refuses_a_taken_login() {
    let db = empty_db().await;
    let url = url_of(&db);
    let args = ["create-admin", "--login", "Jan.Kowalski", "--name", "Jan Kowalski", "--password-stdin"];
    let out = okienko(&args, &[("DATABASE_URL", &url)], "długie hasło administratora\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let roles: Vec<String> =
        sqlx::query_scalar("select role from staff_role join staff using (staff_id) where login = 'jan.kowalski'")
            .fetch_all(&*db)
            .await
            .unwrap();
    assert_eq!(roles, vec!["admin"]);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'staff.created'")
        .fetch_one(&*db)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    let again = okienko(&args, &[("DATABASE_URL", &url)], "inne długie hasło\n");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already taken"));

    let weak = okienko(
        &["create-admin", "--login", "ewa", "--name", "Ewa", "--password-stdin"],
        &[("DATABASE_URL", &url)],
        "password\n",
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too common"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_install_has_no_accounts_until_create_admin() {
    let db = empty_db().await;
    let out = okienko(&["migrate"], &[("DATABASE_URL", &url_of(&db))], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let accounts: i64 = sqlx::query_scalar("select count(*) from staff").fetch_one(&*db).await.unwrap();
    assert_eq!(accounts, 0, "no default accounts in a real install");
}

#[test]
fn bad_configuration_stops_start_up_with_one_line_naming_the_setting() {
    let out = okienko(
        &["serve"],
        &[("DATABASE_URL", "postgres://x@127.0.0.1:1/x"), ("SESSION_IDLE_TIMEOUT", "pół godziny")],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("SESSION_IDLE_TIMEOUT"), "{stderr}");

    let out = okienko(&["serve"], &[], "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("DATABASE_URL must be set"));
}

#[test]
fn an_unreachable_database_is_said_plainly() {
    let out = okienko(
        &["migrate"],
        &[("DATABASE_URL", "postgres://okienko:x@127.0.0.1:1/okienko"), ("DB_ACQUIRE_TIMEOUT", "1s")],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot prepare the database"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

async fn count(db: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_loads_into_an_empty_database_and_again_into_its_own_demo() {
    let db = empty_db().await;
    let url = url_of(&db);
    let first = okienko(&["demo-data"], &[("DATABASE_URL", &url)], "");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let staff = count(&db, "select count(*) from staff").await;
    assert!(staff > 7, "the demo accounts are there");

    // `make run` loads the demo on every start.
    let second = okienko(&["demo-data"], &[("DATABASE_URL", &url)], "");
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(count(&db, "select count(*) from staff").await, staff, "loading again changes nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_refuses_a_real_office_unless_told_plainly() {
    let db = empty_db().await;
    let url = url_of(&db);
    let args = ["create-admin", "--login", "jan.kowalski", "--name", "Jan Kowalski", "--password-stdin"];
    let out = okienko(&args, &[("DATABASE_URL", &url)], "długie hasło administratora\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let refused = okienko(&["demo-data"], &[("DATABASE_URL", &url)], "");
    assert!(!refused.status.success(), "a real office gets no accounts with a public password");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--add-demo-accounts-to-a-real-database"), "the message names the flag: {stderr}");
    assert!(stderr.contains("jan.kowalski"), "and says why: {stderr}");
    assert_eq!(count(&db, "select count(*) from staff").await, 1, "nothing was loaded");
    assert_eq!(count(&db, "select count(*) from department").await, 0);

    // An employee named like a demo account does not pass for the demo either.
    let db2 = empty_db().await;
    let url2 = url_of(&db2);
    let args = ["create-admin", "--login", "admin", "--name", "Ewa Nowak", "--password-stdin"];
    assert!(okienko(&args, &[("DATABASE_URL", &url2)], "długie hasło administratora\n").status.success());
    assert!(!okienko(&["demo-data"], &[("DATABASE_URL", &url2)], "").status.success());

    let forced = okienko(&["demo-data", "--add-demo-accounts-to-a-real-database"], &[("DATABASE_URL", &url)], "");
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(count(&db, "select count(*) from staff").await > 7, "the flag loads the demo all the same");
    assert_eq!(count(&db, "select count(*) from demo_install").await, 0, "and the office still counts as real");
    assert!(!okienko(&["demo-data"], &[("DATABASE_URL", &url)], "").status.success());
}

/// `url` with another user and password.
fn as_user(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{user}:{password}@{host}")
}

async fn refused(app: &PgPool, sql: &'static str) -> String {
    let e = sqlx::raw_sql(sql).execute(app).await.expect_err(sql);
    let db = e.as_database_error().unwrap_or_else(|| panic!("{sql}: {e}"));
    assert_eq!(db.code().as_deref(), Some("42501"), "{sql}: {e}");
    db.message().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_application_role_uses_the_tables_but_cannot_change_the_schema_or_the_audit_log() {
    let db = empty_db().await;
    let owner_url = url_of(&db);
    sqlx::raw_sql(
        "do $$ begin
             if not exists (select from pg_roles where rolname = 'okienko_app_test') then
                 create role okienko_app_test login password 'okienko_app_test';
             end if;
         end $$",
    )
    .execute(&*db)
    .await
    .unwrap();
    let app_url = as_user(&owner_url, "okienko_app_test", "okienko_app_test");

    // `okienko migrate` as an installation with two roles runs it: migrations as the
    // owner, then the application role's rights (the role named by DATABASE_URL).
    let out = okienko(&["migrate"], &[("DATABASE_URL", &app_url), ("DATABASE_OWNER_URL", &owner_url)], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The application, started with its own role only, finds the schema up to date.
    let out = okienko(&["migrate"], &[("DATABASE_URL", &app_url)], "");
    assert!(out.status.success(), "the app role starts without the owner: {}", String::from_utf8_lossy(&out.stderr));

    let app = sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(&app_url).await.unwrap();
    // What the application does every day works.
    sqlx::raw_sql(
        "insert into department (symbol, name) values ('TST', 'Wydział Testowy');
         update department set name = 'Wydział Próbny' where symbol = 'TST';
         insert into audit_event (action, detail) values ('test.done', '{}');
         select count(*) from audit_event;
         delete from department where symbol = 'TST';",
    )
    .execute(&app)
    .await
    .expect("the app role reads and writes the tables and appends to the audit log");

    // What it must never do is refused by PostgreSQL's privileges, not only by our triggers.
    for sql in ["update audit_event set action = 'x.y.z'", "delete from audit_event", "truncate audit_event"] {
        let message = refused(&app, sql).await;
        assert!(message.contains("permission denied"), "{sql}: {message}");
    }
    refused(&app, "drop trigger audit_event_no_update on audit_event").await;
    refused(&app, "drop table staff").await;
    refused(&app, "drop table audit_event").await;
    refused(&app, "alter table staff add column backdoor text").await;
    refused(&app, "create table backdoor (id int)").await;
    refused(&app, "delete from _sqlx_migrations").await;
    app.close().await;
}
