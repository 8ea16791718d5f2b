//! Shared test helpers: a fresh database per test, a real Okienko on a random port
//! over it, and a cookie-keeping HTTP client that fills in CSRF tokens like a
//! browser would.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use okienko::config::Config;
use okienko::state::AppState;
use reqwest::redirect::Policy;
use sqlx::PgPool;
use tokio::sync::oneshot;

pub const DEMO_PASSWORD: &str = okienko::demo::DEMO_PASSWORD;

/// A database of this test's own on the server of `DATABASE_URL`, copied from a
/// template made once per version of the migrations (and of the demo office, for
/// `office_db`): copying is several times faster than migrating for every test.
/// Dropped when the test ends, kept when it fails (to look into).
pub struct TestDb {
    pub pool: PgPool,
    name: String,
    /// The demo office's departments, desks, staff and cards are in it.
    pub office: bool,
}

impl std::ops::Deref for TestDb {
    type Target = PgPool;

    fn deref(&self) -> &PgPool {
        &self.pool
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let name = self.name.clone();
        // A runtime of its own: the test's runtime is shutting down around us.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(mut master) = master().await {
                    let _ = drop_database(&mut master, &name).await;
                }
            });
        })
        .join();
    }
}

/// Drops a test database. DROP DATABASE waits until every backend of the server has
/// taken its signal: a backend waiting for a lock, or for a client that stopped in
/// the middle of signing in, holds it up for up to a minute. So tests run on a
/// multi-threaded runtime (one thread blocked here leaves another to finish the
/// pool's connections) and wait for locks by polling, never inside PostgreSQL.
async fn drop_database(master: &mut sqlx::PgConnection, name: &str) -> sqlx::Result<()> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("drop database if exists \"{name}\" with (force)")))
        .execute(&mut *master)
        .await
        .map(|_| ())
}

async fn master() -> sqlx::Result<sqlx::PgConnection> {
    use sqlx::Connection;
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for tests (make test sets it)");
    sqlx::PgConnection::connect(&url).await
}

fn short_hash(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The template database for `office` (or the bare schema), made by the first test
/// that asks for it; the others wait on an advisory lock meanwhile.
async fn template(office: bool) -> String {
    let mut parts: Vec<&[u8]> = okienko::db::MIGRATOR.iter().map(|m| &*m.checksum).collect();
    if office {
        parts.push(include_bytes!("../../src/demo/mod.rs"));
        parts.push(include_bytes!("../../src/demo/front_desk.sql"));
    }
    let name = format!("okienko_tpl_{}_{}", if office { "office" } else { "bare" }, short_hash(&parts));
    let mut master = master().await.expect("the test database server answers");
    loop {
        let locked: bool = sqlx::query_scalar("select pg_try_advisory_lock(hashtext($1))")
            .bind(&name)
            .fetch_one(&mut master)
            .await
            .unwrap();
        if locked {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let exists: bool = sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
        .bind(&name)
        .fetch_one(&mut master)
        .await
        .unwrap();
    if !exists {
        let building = format!("{name}_building");
        let run = |sql: String| sqlx::raw_sql(sqlx::AssertSqlSafe(sql));
        drop_database(&mut master, &building).await.unwrap();
        run(format!("create database \"{building}\"")).execute(&mut master).await.unwrap();
        let url = std::env::var("DATABASE_URL").unwrap();
        let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with(options.database(&building))
            .await
            .unwrap();
        okienko::db::migrate(&pool).await.expect("migrations apply");
        if office {
            okienko::demo::load_structure(&pool).await.expect("the demo office loads");
        }
        pool.close().await;
        // Older templates (other versions of the migrations) go.
        let stale: Vec<String> = sqlx::query_scalar(
            "select datname from pg_database where datname like $1 || '%' and datname <> $2 and datname not like '%_building'",
        )
        .bind(if office { "okienko_tpl_office_" } else { "okienko_tpl_bare_" })
        .bind(&name)
        .fetch_all(&mut master)
        .await
        .unwrap();
        for old in stale {
            let _ = drop_database(&mut master, &old).await;
        }
        run(format!("alter database \"{building}\" rename to \"{name}\"")).execute(&mut master).await.unwrap();
    }
    sqlx::query("select pg_advisory_unlock(hashtext($1))").bind(&name).execute(&mut master).await.unwrap();
    name
}

async fn copy_of(office: bool) -> TestDb {
    static COPIES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let template = template(office).await;
    let pid = std::process::id();
    let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("okienko_test_{pid}_{n}");
    let mut master = master().await.unwrap();
    let run = |sql: String| sqlx::raw_sql(sqlx::AssertSqlSafe(sql));
    // Databases left by test processes that are gone (a failed test keeps its own until then).
    let left: Vec<String> =
        sqlx::query_scalar("select datname from pg_database where datname like 'okienko\\_test\\_%'")
            .fetch_all(&mut master)
            .await
            .unwrap();
    for old in left {
        let owner = old.trim_start_matches("okienko_test_").split('_').next().unwrap_or("");
        if owner.parse::<u32>().is_ok_and(|p| p != pid && !std::path::Path::new(&format!("/proc/{p}")).exists()) {
            let _ = drop_database(&mut master, &old).await;
        }
    }
    drop_database(&mut master, &name).await.unwrap();
    run(format!("create database \"{name}\" template \"{template}\" strategy file_copy"))
        .execute(&mut master)
        .await
        .unwrap();
    let url = std::env::var("DATABASE_URL").unwrap();
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(5)
        .idle_timeout(std::time::Duration::from_secs(1))
        .connect_lazy_with(options.database(&name));
    TestDb { pool, name, office }
}

/// A fresh database with the migrations and the demo office's structure (departments,
/// desks, staff, procedure cards): what most tests start from.
pub async fn office_db() -> TestDb {
    copy_of(true).await
}

/// A fresh database with the migrations only.
pub async fn empty_db() -> TestDb {
    copy_of(false).await
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: PgPool,
    /// The test's database, dropped after the server stops.
    _test_db: Option<TestDb>,
    pub config: Arc<Config>,
    /// The application's clock: a test moves it instead of sleeping.
    pub clock: okienko::clock::Clock,
    shutdown: Option<oneshot::Sender<()>>,
    pub server: Option<tokio::task::JoinHandle<()>>,
}

/// The tests' keys sealing personal data (`OKIENKO_DATA_KEYS`), a second one for
/// rotation, and the PESEL's lookup key: 32 bytes each, base64.
pub const TEST_DATA_KEYS: &str = "test1:dGVzdC1rZXktb25lLW9mLW9raWVua28tMzItYnl0ZXM=";
pub const TEST_DATA_KEY_2: &str = "test2:c2Vjb25kLXRlc3Qta2V5LW9mLW9raWVua28tMzItYnk=";
pub const TEST_LOOKUP_KEY: &str = "bG9va3VwLWtleS1vZi1va2llbmtvLXRlc3RzLTMyLWI=";

/// The keys of `config`, for a test that reads sealed values itself.
pub fn test_keys() -> okienko::crypto::Keys {
    okienko::crypto::Keys::parse(TEST_DATA_KEYS, None, TEST_LOOKUP_KEY).unwrap()
}

/// Both test keys (the first current): opens whatever a test sealed, rotated or not.
pub fn all_test_keys() -> okienko::crypto::Keys {
    okienko::crypto::Keys::parse(&format!("{TEST_DATA_KEYS},{TEST_DATA_KEY_2}"), Some("test1"), TEST_LOOKUP_KEY)
        .unwrap()
}

/// Settings as an installation would have them, plus the test's own.
pub fn config(overrides: &[(&str, &str)]) -> Config {
    let mut env: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".into(), "postgres://unused-in-tests/okienko".into()),
        ("OKIENKO_DATA_KEYS".into(), TEST_DATA_KEYS.into()),
        ("OKIENKO_LOOKUP_KEY".into(), TEST_LOOKUP_KEY.into()),
        ("OFFICE_NAME".into(), "Urząd Miasta Testowo".into()),
        ("HEADER_READ_TIMEOUT".into(), "2s".into()),
        ("SHUTDOWN_GRACE".into(), "3s".into()),
        ("MAX_CONCURRENT_PASSWORD_HASHES".into(), "2".into()),
        ("DB_ACQUIRE_TIMEOUT".into(), "1s".into()),
    ]);
    for (k, v) in overrides {
        env.insert((*k).into(), (*v).into());
    }
    Config::from_lookup(|k| env.get(k).cloned()).expect("test configuration is valid")
}

impl TestApp {
    /// Okienko with the demo office loaded.
    pub async fn spawn(db: TestDb) -> TestApp {
        Self::spawn_with(db, &[]).await
    }

    pub async fn spawn_with(db: TestDb, overrides: &[(&str, &str)]) -> TestApp {
        if !db.office {
            okienko::demo::load_structure(&db).await.expect("demo office loads");
        }
        Self::spawn_bare(db, overrides).await
    }

    /// Okienko over the test's database as it is.
    pub async fn spawn_bare(db: TestDb, overrides: &[(&str, &str)]) -> TestApp {
        let pool = db.pool.clone();
        Self::spawn_on(pool, Some(db), overrides).await
    }

    /// Okienko over the given pool (a relay to the test's database, say).
    pub async fn spawn_on(db: PgPool, test_db: Option<TestDb>, overrides: &[(&str, &str)]) -> TestApp {
        let state = AppState::new(db.clone(), config(overrides));
        // As `okienko serve` does: values left in plain text (the demo's) are sealed.
        okienko::personal_data::sealing::seal_leftovers(&db, &state.config.keys).await.expect("leftovers sealed");
        let config = state.config.clone();
        let clock = state.clock.clone();
        let closing = state.closing.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(okienko::web::serve::serve(
            listener,
            okienko::app(state),
            okienko::web::serve::Limits::of(&config),
            async move {
                let _ = rx.await;
                closing.send_replace(true);
            },
        ));
        TestApp { addr, db, _test_db: test_db, config, clock, shutdown: Some(tx), server: Some(server) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A new browser-like client with its own cookies.
    pub fn client(&self) -> Client {
        Client::new(self, None)
    }

    /// A new client whose browser introduces itself as `user_agent`.
    pub fn client_as(&self, user_agent: &str) -> Client {
        let mut client = Client::new(self, None);
        client.http = reqwest::Client::builder()
            .cookie_provider(client.jar.clone())
            .redirect(Policy::none())
            .user_agent(user_agent)
            .build()
            .unwrap();
        client
    }

    /// A client whose requests come from another address on this machine.
    pub fn client_from(&self, ip: &str) -> Client {
        Client::new(self, Some(ip.parse().unwrap()))
    }

    /// A client behind the office's proxy, seen as `ip` (the app must be spawned
    /// with `TRUST_PROXY_HEADERS=true`): any address, IPv6 too, from one socket.
    pub fn client_forwarded_for(&self, ip: &str) -> Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-forwarded-for", ip.parse().unwrap());
        let jar: Arc<reqwest::cookie::Jar> = Arc::default();
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        Client {
            http,
            base: format!("http://{}", self.addr),
            jar,
            local: None,
            db: self.db.clone(),
            clock: self.clock.clone(),
        }
    }

    /// A client signed in with a demo account.
    pub async fn signed_in(&self, login: &str) -> Client {
        let client = self.client();
        let res = client.sign_in(login, DEMO_PASSWORD).await;
        let signed_in = res.status == 303 || (res.status == 200 && res.body.contains("data-recovery-codes"));
        assert!(signed_in, "{login} could not sign in: {} {}", res.status, res.body);
        client
    }

    /// The code `login`'s authenticator app shows now (see `Client::app_code`).
    pub async fn app_code(&self, login: &str) -> String {
        self.client().app_code(login).await
    }

    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        sqlx::query_scalar("select action from audit_event order by audit_event_id").fetch_all(&self.db).await.unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct Client {
    pub http: reqwest::Client,
    base: String,
    jar: Arc<reqwest::cookie::Jar>,
    local: Option<IpAddr>,
    /// The application's database and clock, to answer the second step of signing in
    /// as the employee's authenticator app would.
    db: PgPool,
    clock: okienko::clock::Clock,
}

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The CSRF token of the first form on the page.
    pub fn csrf(&self) -> String {
        csrf_in(&self.body).unwrap_or_else(|| panic!("no CSRF token on the page: {}", self.body))
    }

    /// The text of the page's `<h1>`.
    pub fn h1(&self) -> String {
        let start = self.body.find("<h1").expect("page has an h1");
        let open_end = self.body[start..].find('>').unwrap() + start + 1;
        let end = self.body[open_end..].find("</h1>").unwrap() + open_end;
        self.body[open_end..end].trim().to_owned()
    }
}

/// The authenticator secret a page shows to be typed in by hand (`data-secret`).
pub fn secret_on(html: &str) -> okienko::auth::second_factor::Secret {
    let marker = "data-secret>";
    let start = html.find(marker).unwrap_or_else(|| panic!("no secret on the page: {html}")) + marker.len();
    let end = html[start..].find('<').unwrap() + start;
    okienko::auth::second_factor::Secret::from_base32(&html[start..end]).expect("the page shows a base32 secret")
}

pub fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

impl Client {
    fn new(app: &TestApp, local: Option<IpAddr>) -> Client {
        Self::with_jar(format!("http://{}", app.addr), Arc::default(), local, app.db.clone(), app.clock.clone())
    }

    fn with_jar(
        base: String,
        jar: Arc<reqwest::cookie::Jar>,
        local: Option<IpAddr>,
        db: PgPool,
        clock: okienko::clock::Clock,
    ) -> Client {
        let mut builder = reqwest::Client::builder().cookie_provider(jar.clone()).redirect(Policy::none());
        if let Some(ip) = local {
            builder = builder.local_address(ip);
        }
        Client { http: builder.build().unwrap(), base, jar, local, db, clock }
    }

    /// The same browser (the same cookie jar, so the same session) talking to
    /// another instance of Okienko on the same database, as behind a load balancer.
    pub fn via(&self, app: &TestApp) -> Client {
        Self::with_jar(format!("http://{}", app.addr), self.jar.clone(), self.local, app.db.clone(), app.clock.clone())
    }

    /// Another browser tab of the same session: the cookies of this client so far,
    /// in a jar of its own (a language chosen there stays there), without signing in again.
    pub fn fork(&self) -> Client {
        use reqwest::cookie::CookieStore;
        let url: reqwest::Url = self.base.parse().unwrap();
        let jar = reqwest::cookie::Jar::default();
        if let Some(cookies) = self.jar.cookies(&url) {
            for pair in cookies.to_str().unwrap().split("; ") {
                jar.add_cookie_str(&format!("{pair}; Path=/"), &url);
            }
        }
        Self::with_jar(self.base.clone(), Arc::new(jar), self.local, self.db.clone(), self.clock.clone())
    }

    async fn page(res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap_or_default();
        Page { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(self.http.get(format!("{}{path}", self.base)).send().await.unwrap()).await
    }

    /// A GET that may fail (the server stopping, say): None when no answer came.
    pub async fn try_get(&self, path: &str) -> Option<Page> {
        let res = self.http.get(format!("{}{path}", self.base)).send().await.ok()?;
        Some(Self::page(res).await)
    }

    /// A form post that may fail: None when no answer came.
    pub async fn try_post_with_token(&self, path: &str, token: &str, fields: &[(&str, &str)]) -> Option<Page> {
        let mut all = vec![("_csrf", token)];
        all.extend_from_slice(fields);
        let res = self.http.post(format!("{}{path}", self.base)).form(&all).send().await.ok()?;
        Some(Self::page(res).await)
    }

    /// The status and headers of a GET, without reading the body (for live streams).
    pub async fn head_of(&self, path: &str) -> Page {
        let res = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        Page { status: res.status().as_u16(), headers: res.headers().clone(), body: String::new() }
    }

    /// Posts raw form fields, exactly as given.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> Page {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        Self::page(res).await
    }

    /// Posts a form with the CSRF token taken from `token_page` (a GET of a page with a form).
    pub async fn post_form(&self, token_page: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(token_page).await.csrf();
        self.post_with_token(path, &token, fields).await
    }

    pub async fn post_with_token(&self, path: &str, token: &str, fields: &[(&str, &str)]) -> Page {
        let mut all = vec![("_csrf", token)];
        all.extend_from_slice(fields);
        let res = self.http.post(format!("{}{path}", self.base)).form(&all).send().await.unwrap();
        Self::page(res).await
    }

    /// The body of a GET as bytes (downloads).
    pub async fn http_bytes(&self, path: &str) -> Vec<u8> {
        let res = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "GET {path}");
        res.bytes().await.unwrap().to_vec()
    }

    /// Signs in as a person would, with the second step when the page asks for it:
    /// the code of the employee's authenticator app (or, for an employee the office
    /// requires to have one and who has none yet, setting one up from the page).
    /// Returns the last answer: a redirect once signed in, or the recovery codes
    /// shown after setting up an app.
    pub async fn sign_in(&self, login: &str, password: &str) -> Page {
        let res = self.post_form("/login", "/login", &[("login", login), ("password", password)]).await;
        self.second_step(login, res).await
    }

    /// Answers the second step of signing in, if `res` (the password's answer) leads to it.
    pub async fn second_step(&self, login: &str, res: Page) -> Page {
        match res.location() {
            Some("/login/code") => {
                let code = self.app_code(login).await;
                self.post_form("/login/code", "/login/code", &[("code", &code)]).await
            }
            Some("/login/enrol") => {
                let page = self.get("/login/enrol").await;
                let secret = secret_on(&page.body);
                let code = secret.code_at(self.clock.now());
                self.post_with_token("/login/enrol", &page.csrf(), &[("code", &code)]).await
            }
            _ => res,
        }
    }

    /// The code the employee's authenticator app shows now. The employee's last
    /// accepted step is forgotten first: a person signing in twice within 30 seconds
    /// waits for the next code, which a test need not do.
    pub async fn app_code(&self, login: &str) -> String {
        let staff_id: uuid::Uuid = sqlx::query_scalar(
            "update second_factor f set last_step = null from staff s
             where s.staff_id = f.staff_id and s.login = $1 returning f.staff_id",
        )
        .bind(login)
        .fetch_one(&self.db)
        .await
        .unwrap_or_else(|e| panic!("{login} has no second factor: {e}"));
        let factor =
            okienko::auth::second_factor::factor_of(&self.db, &all_test_keys(), staff_id).await.unwrap().unwrap();
        factor.secret.code_at(self.clock.now())
    }

    pub async fn sign_out(&self) -> Page {
        self.post_form("/account/password", "/logout", &[]).await
    }
}

/// Ids of the demo office's records, by their human names.
impl TestApp {
    pub async fn staff_id(&self, login: &str) -> uuid::Uuid {
        sqlx::query_scalar("select staff_id from staff where login = $1").bind(login).fetch_one(&self.db).await.unwrap()
    }

    pub async fn department_id(&self, symbol: &str) -> uuid::Uuid {
        sqlx::query_scalar("select department_id from department where symbol = $1")
            .bind(symbol)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    pub async fn desk_id(&self, number: &str) -> uuid::Uuid {
        sqlx::query_scalar("select desk_id from desk where number = $1").bind(number).fetch_one(&self.db).await.unwrap()
    }

    pub async fn case_kind_id(&self, name: &str) -> uuid::Uuid {
        sqlx::query_scalar("select case_kind_id from case_kind where name = $1")
            .bind(name)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// A clerk signed in and sitting at the given desk.
    pub async fn clerk_at_desk(&self, login: &str, desk: &str) -> Client {
        let clerk = self.signed_in(login).await;
        let desk_id = self.desk_id(desk).await.to_string();
        let res = clerk.post_form("/desk", "/desk/open", &[("desk_id", &desk_id)]).await;
        assert_eq!(res.status, 303);
        assert!(clerk.get("/desk").await.body.contains("/desk/close"), "{login} could not open desk {desk}");
        clerk
    }

    /// Registers a client as the information point would; returns the ticket.
    pub async fn register(&self, by: &Client, case_kind: &str, extra: &[(&str, &str)]) -> String {
        let id = self.case_kind_id(case_kind).await.to_string();
        let mut fields = vec![("case_kind_id", id.as_str())];
        fields.extend_from_slice(extra);
        let res = by.post_form("/visits/new", "/visits", &fields).await;
        assert_eq!(res.status, 303, "registration failed: {}", res.body);
        let page = by.get("/visits/new").await;
        let marker = "Numer klienta: ";
        let start = page.body.find(marker).expect("the ticket is announced") + marker.len();
        page.body[start..].split('.').next().unwrap().to_owned()
    }

    /// The ticket this clerk is serving, from their desk page.
    pub async fn current_ticket(&self, clerk: &Client) -> Option<String> {
        let page = clerk.get("/desk").await;
        let start = page.body.find("class=\"desk__ticket\">")? + "class=\"desk__ticket\">".len();
        Some(page.body[start..].split('<').next()?.to_owned())
    }

    /// The id of the visit with this ticket today.
    pub async fn visit_id(&self, ticket: &str) -> uuid::Uuid {
        sqlx::query_scalar("select visit_id from visit where ticket = $1 order by arrived_at desc limit 1")
            .bind(ticket)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}
