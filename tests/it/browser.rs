//! User journeys in a real headless Chromium, with the axe-core audit (WCAG 2.1 AA)
//! of every page a role can open. `make test` installs Chromium, chromedriver and
//! axe-core (scripts/browser-deps.sh). Set SCREENSHOT_DIR to keep a PNG of each page.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{DEMO_PASSWORD, TestApp, office_db};
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// axe-core's source, read once.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::env::var("AXE_JS")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/axe-core/axe.min.js").into());
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("axe-core not found at {path} ({e}); run `make test`"))
    })
}

pub(crate) struct Browser {
    pub(crate) client: Client,
    driver: Child,
    _profile: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    pub(crate) async fn start() -> Browser {
        let port = StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path} ({e}); run `make test`, which installs it"));
        let profile = TempDir(std::env::temp_dir().join(format!("okienko-chromium-{}", uuid::Uuid::new_v4())));
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--disable-quic", "--window-size=1366,900", "--lang=pl",
                    format!("--user-data-dir={}", profile.0.display()),
                ]
            }),
        );
        let mut last_error = String::new();
        for _ in 0..50 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => return Browser { client, driver, _profile: profile },
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("chromedriver did not start: {last_error}");
    }

    /// The page's h1 once it reads `expected` (pages load after clicks), or what it says after 10 s.
    pub(crate) async fn h1_becomes(&self, expected: &str) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(h1) = self.client.find(Locator::Css("h1")).await
                && let Ok(text) = h1.text().await
            {
                if text == expected {
                    return text;
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        last
    }

    /// Runs axe-core on the page and returns its WCAG 2.1 A/AA violations.
    pub(crate) async fn axe(&self) -> Vec<String> {
        self.axe_run(json!({ "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })).await
    }

    /// Runs only these axe-core rules (e.g. the 7:1 contrast of WCAG AAA).
    pub(crate) async fn axe_rules(&self, rules: &[&str]) -> Vec<String> {
        self.axe_run(json!({ "type": "rule", "values": rules })).await
    }

    async fn axe_run(&self, run_only: Value) -> Vec<String> {
        // Sent once per page: an audit after a click on the same page finds it there.
        let loaded = self.client.execute("return typeof axe !== 'undefined';", vec![]).await.unwrap();
        if loaded != Value::Bool(true) {
            self.client.execute(axe_source(), vec![]).await.unwrap();
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: arguments[0], resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));
        "#;
        let result = self.client.execute_async(script, vec![run_only]).await.unwrap();
        result.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// With SCREENSHOT_DIR set, keeps the whole page (not only the viewport) as `name`.png.
    pub(crate) async fn screenshot(&self, name: &str) {
        if let Ok(dir) = std::env::var("SCREENSHOT_DIR") {
            let shot = self.cdp("Page.captureScreenshot", json!({ "captureBeyondViewport": true })).await;
            let png = base64_decode(shot["data"].as_str().expect("a PNG"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(format!("{dir}/{name}.png"), png).unwrap();
        }
    }

    /// Opens a page, checks it with axe and for content past the right edge,
    /// keeps a screenshot. Returns the violations.
    pub(crate) async fn audit(&self, url: &str, name: &str) -> Vec<String> {
        self.client.goto(url).await.unwrap();
        self.screenshot(name).await;
        let mut found = self.axe().await;
        found.extend(self.past_the_edge().await);
        found.into_iter().map(|v| format!("{name}: {v}")).collect()
    }

    /// What a reader would find cut or scrolling sideways at this width (UI.md:
    /// no table runs past the screen's edge): the page wider than the window, a
    /// table wider than the column it sits in, a scrolling region (`.table-wrap`)
    /// that scrolls with no visible hint before it, an element sticking out on the right.
    pub(crate) async fn past_the_edge(&self) -> Vec<String> {
        let script = r#"
            const vw = document.documentElement.clientWidth, found = [];
            const label = e => (e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' "' +
                                e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + '"');
            if (document.documentElement.scrollWidth > vw + 1) found.push('overflow: the page scrolls sideways (' + document.documentElement.scrollWidth + ' px in ' + vw + ')');
            for (const t of document.querySelectorAll('main table')) {
              if (t.closest('.table-wrap') || t.offsetParent === null) continue;
              const parent = t.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
              if (r.right > parent.right + 1) found.push('overflow: a table runs ' + Math.round(r.right - parent.right) + ' px past its column: ' + label(t));
            }
            for (const w of document.querySelectorAll('main .table-wrap')) {
              const hint = w.previousElementSibling;
              const hinted = hint && hint.classList.contains('table-wrap__hint') && hint.offsetParent !== null;
              if (w.scrollWidth > w.clientWidth + 1 && !hinted) found.push('overflow: a table scrolls sideways with no hint: ' + label(w.querySelector('table') || w));
            }
            // Charts: the title above the drawing, no two texts overlapping, none outside it.
            for (const svg of document.querySelectorAll('main svg.chart__svg')) {
              const caption = svg.closest('figure').querySelector('figcaption');
              if (!caption || !(caption.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING))
                found.push('chart: the title is not above the chart ' + svg.querySelector('title').textContent);
              const box = svg.getBoundingClientRect();
              const texts = [...svg.querySelectorAll('text')].map(t => [t, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
              for (const [t, r] of texts) {
                if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
                  found.push('chart: "' + t.textContent + '" outside its chart ' + svg.querySelector('title').textContent);
              }
              for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
                const [a, ra] = texts[i], [b, rb] = texts[j];
                const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1;
                if (overlap) found.push('chart: "' + a.textContent + '" overlaps "' + b.textContent + '" in ' + svg.querySelector('title').textContent);
              }
            }
            for (const e of document.querySelectorAll('main *')) {
              const r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > vw + 1 && !e.closest('.table-wrap')) { found.push('overflow: past the right edge: ' + label(e)); break; }
            }
            return found;
        "#;
        let v = self.client.execute(script, vec![]).await.unwrap();
        v.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
    }

    pub(crate) async fn sign_in(&self, app: &TestApp, login: &str, password: &str) {
        self.client.goto(&app.url("/login")).await.unwrap();
        self.client.find(Locator::Id("login")).await.unwrap().send_keys(login).await.unwrap();
        self.client.find(Locator::Id("password")).await.unwrap().send_keys(password).await.unwrap();
        self.client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
        // The second step, when the account has a second factor: the code from its app.
        for _ in 0..100 {
            let path = self.client.current_url().await.unwrap().path().to_owned();
            if path == "/login/code"
                && let Ok(field) = self.client.find(Locator::Id("code")).await
            {
                field.send_keys(&app.app_code(login).await).await.unwrap();
                self.client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
                return;
            }
            if path != "/login" || self.client.find(Locator::Css(".error-summary")).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) async fn stop(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A Chrome DevTools command sent through chromedriver (`goog/cdp/execute`): the
/// standard WebDriver print ignores the page's own `@page` size, and the viewport
/// must be exact, not the window's outer size.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

impl Browser {
    pub(crate) async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.client.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// The viewport of a screen of this size (CSS pixels, scale 1).
    pub(crate) async fn screen(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await;
    }

    /// The page printed as Chromium prints it, with the page size the page asks
    /// for: the number of pages and the first page's size in millimetres.
    /// With SCREENSHOT_DIR set, the PDF is kept there as `name`.pdf.
    pub(crate) async fn printed(&self, name: &str) -> (usize, f64, f64) {
        let pdf = self.cdp("Page.printToPDF", json!({ "preferCSSPageSize": true, "printBackground": true })).await;
        let data = base64_decode(pdf["data"].as_str().expect("a PDF"));
        if let Ok(dir) = std::env::var("SCREENSHOT_DIR") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(format!("{dir}/{name}.pdf"), &data).unwrap();
        }
        let text = String::from_utf8_lossy(&data);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        let media = text.split("/MediaBox [").nth(1).expect("a page size").split(']').next().unwrap().to_owned();
        let numbers: Vec<f64> = media.split_whitespace().map(|n| n.parse().unwrap()).collect();
        let mm = |points: f64| (points * 25.4 / 72.0).round();
        (pages, mm(numbers[2] - numbers[0]), mm(numbers[3] - numbers[1]))
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes().filter(|b| *b != b'=') {
        let value = ALPHABET.iter().position(|a| *a == byte).expect("base64") as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The pages each demo account opens (besides its home page). The pages everyone
/// opens differ between roles by the menu only, which each role's home page shows:
/// they are audited as the clerk (the shortest menu), the department head (who may
/// edit the cards) and the admin (the longest menu).
fn pages_of(role: &str, ids: &Value) -> Vec<String> {
    let id = |key: &str| ids[key].as_str().unwrap().to_owned();
    let mut pages = Vec::new();
    if matches!(role, "clerk" | "department_head" | "admin") {
        pages.extend([
            "/account/password".to_owned(),
            "/account/second-factor".to_owned(),
            "/account/sessions".to_owned(),
            "/directory".to_owned(),
            "/directory?q=dowod".to_owned(),
            "/procedures".to_owned(),
            format!("/procedures/{}", id("card")),
            format!("/procedures/{}/checklist", id("card")),
        ]);
    }
    let more: &[String] = match role {
        "clerk" => {
            &["/desk".into(), "/visits/new".into(), "/callbacks".into(), "/callbacks/new".into(), "/away".into()]
        }
        "info_point" => &[
            "/visits/new".into(),
            "/callbacks".into(),
            "/callbacks/new".into(),
            "/away".into(),
            "/home-visits".into(),
            "/home-visits/new".into(),
        ],
        "supervisor" => &[
            "/callbacks/overdue".into(),
            "/absences".into(),
            "/reports".into(),
            "/reports/staff".into(),
            format!("/reports/staff/{}", id("staff")),
            "/reports/trends".into(),
            "/reports/comments".into(),
        ],
        "director" => {
            &["/callbacks/overdue".into(), "/absences".into(), "/admin/closed-days".into(), "/home-visits".into()]
        }
        "secretary" => &["/home-visits".into()],
        "department_head" => &[
            "/procedures/new".into(),
            format!("/procedures/{}/edit", id("own_card")),
            "/home-visits".into(),
            "/reports/trends".into(),
        ],
        "admin" => &[
            "/admin/staff".into(),
            "/admin/staff/new".into(),
            format!("/admin/staff/{}", id("staff")),
            "/admin/departments".into(),
            "/admin/departments/new".into(),
            format!("/admin/departments/{}", id("department")),
            "/admin/desks".into(),
            "/admin/desks/new".into(),
            format!("/admin/desks/{}", id("desk")),
            "/admin/audit".into(),
            "/admin/closed-days".into(),
            "/procedures/new".into(),
        ],
        _ => &[],
    };
    pages.extend_from_slice(more);
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_signs_in_to_its_home_page_every_page_passes_axe_and_signs_out() {
    // With six months of history, so the reports' tables hold figures of real width.
    let db = office_db().await;
    okienko::demo::load(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let ids: (uuid::Uuid, uuid::Uuid, uuid::Uuid, uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "select (select staff_id from staff where login = 'clerk'), (select department_id from department where symbol = 'USC'),
                (select desk_id from desk where number = '4'),
                (select case_kind_id from case_kind where name = 'Rejestracja pojazdu'),
                (select case_kind_id from case_kind where name = 'Zaświadczenie o niezaleganiu w podatkach')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let ids = json!({
        "staff": ids.0.to_string(), "department": ids.1.to_string(), "desk": ids.2.to_string(),
        "card": ids.3.to_string(), "own_card": ids.4.to_string(),
    });
    let browser = Browser::start().await;
    let mut violations = browser.audit(&app.url("/login"), "login").await;
    violations.extend(browser.audit(&app.url("/display"), "display").await);

    for role in okienko::auth::Role::ALL {
        let login = role.as_str();
        browser.sign_in(&app, login, DEMO_PASSWORD).await;
        let name: String = sqlx::query_scalar("select full_name from staff where login = $1")
            .bind(login)
            .fetch_one(&app.db)
            .await
            .unwrap();
        let greeting = format!("Dzień dobry, {name}");
        assert_eq!(browser.h1_becomes(&greeting).await, greeting, "{login} lands on their home page");
        let body = browser.client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(body.contains(role.label(&okienko::i18n::PL)), "{login}'s home page names the role");
        browser.screenshot(&format!("home-{login}")).await;
        violations.extend(browser.axe().await.into_iter().map(|v| format!("home-{login}: {v}")));

        for page in pages_of(login, &ids) {
            let name = format!("{login}{}", page.replace('/', "-"));
            violations.extend(browser.audit(&app.url(&page), &name).await);
        }

        browser.client.find(Locator::Css(".site-header__user button")).await.unwrap().click().await.unwrap();
        assert_eq!(browser.h1_becomes("Logowanie").await, "Logowanie", "{login} is back on the sign-in page");
        let banner = browser.client.find(Locator::Css(".banner")).await.unwrap().text().await.unwrap();
        assert!(banner.contains("Wylogowano"));
    }
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_with_errors_error_pages_and_english_pass_axe() {
    let app = TestApp::spawn(office_db().await).await;
    let browser = Browser::start().await;
    let mut violations = Vec::new();

    browser.sign_in(&app, "clerk", "a wrong password").await;
    browser.client.wait().for_element(Locator::Css(".error-summary")).await.unwrap();
    assert!(browser.client.source().await.unwrap().contains("Nieprawidłowy login lub hasło"));
    let focused = browser.client.active_element().await.unwrap().attr("class").await.unwrap().unwrap_or_default();
    assert!(focused.contains("error-summary"), "the error summary takes the focus, got {focused:?}");
    browser.screenshot("login-error").await;
    violations.extend(browser.axe().await.into_iter().map(|v| format!("login-error: {v}")));

    violations.extend(browser.audit(&app.url("/no/such/page"), "404").await);

    browser.sign_in(&app, "admin", DEMO_PASSWORD).await;
    // Signed in (the home page is there) before going on: otherwise the next page may
    // be asked for while the sign-in is still under way.
    assert_eq!(browser.h1_becomes("Dzień dobry, Paweł Dąbrowski").await, "Dzień dobry, Paweł Dąbrowski");
    browser.client.goto(&app.url("/admin/staff/new")).await.unwrap();
    browser.client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.client.wait().for_element(Locator::Css(".error-summary")).await.unwrap();
    browser.screenshot("staff-form-errors").await;
    violations.extend(browser.axe().await.into_iter().map(|v| format!("staff-form-errors: {v}")));
    violations.extend(browser.audit(&app.url("/admin/audit?from=yesterday"), "audit-errors").await);

    browser.client.find(Locator::Css("button[lang=en]")).await.unwrap().click().await.unwrap();
    assert_eq!(browser.h1_becomes("Audit log").await, "Audit log");
    let lang = browser.client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(lang.as_deref(), Some("en"));
    violations.extend(browser.audit(&app.url("/"), "home-en").await);
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_audit_does_find_faults_when_there_are_some() {
    // Guards the guard: a page with an unlabelled field and an image without text must fail.
    let browser = Browser::start().await;
    browser.client.goto("data:text/html,<html><body><img src='x.png'><input type='text'></body></html>").await.unwrap();
    let found = browser.axe().await.join("\n");
    browser.stop().await;
    for rule in ["html-has-lang", "image-alt", "label"] {
        assert!(found.contains(rule), "axe-core missed {rule}: {found}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_journey_works_with_the_keyboard_alone() {
    let app = TestApp::spawn(office_db().await).await;
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/login")).await.unwrap();

    // The first Tab reaches the skip link, which is then visible.
    let body = browser.client.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&Key::Tab.to_string()).await.unwrap();
    let first = browser.client.active_element().await.unwrap();
    assert_eq!(first.attr("class").await.unwrap().as_deref(), Some("skip-link"));
    first.send_keys(&Key::Enter.to_string()).await.unwrap();

    // From the main content, Tab moves to the login field, with a visible focus ring.
    let mut reached = false;
    for _ in 0..10 {
        browser.client.active_element().await.unwrap().send_keys(&Key::Tab.to_string()).await.unwrap();
        if browser.client.active_element().await.unwrap().attr("id").await.unwrap().as_deref() == Some("login") {
            reached = true;
            break;
        }
    }
    assert!(reached, "the login field cannot be reached with Tab");
    let ring = browser
        .client
        .execute("const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow;", vec![])
        .await
        .unwrap();
    let ring = ring.as_str().unwrap_or_default().to_owned();
    assert!(!ring.starts_with("none 0px none"), "no visible focus on the login field: {ring}");

    let field = browser.client.active_element().await.unwrap();
    field.send_keys("clerk").await.unwrap();
    field.send_keys(&Key::Tab.to_string()).await.unwrap();
    let password = browser.client.active_element().await.unwrap();
    assert_eq!(password.attr("id").await.unwrap().as_deref(), Some("password"));
    password.send_keys(DEMO_PASSWORD).await.unwrap();
    password.send_keys(&Key::Enter.to_string()).await.unwrap();

    assert_eq!(browser.h1_becomes("Dzień dobry, Katarzyna Nowak").await, "Dzień dobry, Katarzyna Nowak");
    browser.stop().await;
}

impl Browser {
    /// Waits until the page's text contains `text`; false after 10 s.
    pub(crate) async fn shows(&self, selector: &str, text: &str) -> bool {
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(selector)).await
                && let Ok(found) = el.text().await
                && found.contains(text)
            {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    pub(crate) async fn click(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element.click().await.unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    /// Ticks a checkbox or a radio button with the space bar.
    pub(crate) async fn tick(&self, id: &str) {
        let element = self.client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("{id}: {e}"));
        element.send_keys(&Key::Space.to_string()).await.unwrap_or_else(|e| panic!("{id}: {e}"));
    }

    /// Activates a button with the keyboard, as a clerk who never leaves it would.
    pub(crate) async fn press(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element.send_keys(&Key::Enter.to_string()).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    pub(crate) async fn fill(&self, id: &str, text: &str) {
        self.client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap();
    }

    /// Picks an option with the keyboard: focus the list, type the start of its label.
    pub(crate) async fn choose(&self, id: &str, value: &str) {
        let select = self.client.find(Locator::Id(id)).await.unwrap();
        select.select_by_value(value).await.unwrap();
        // Leave the list, as a person tabbing on would.
        select.send_keys(&Key::Tab.to_string()).await.unwrap();
    }

    /// The ticket announced after a registration.
    pub(crate) async fn announced_ticket(&self) -> String {
        if !self.shows(".banner", "Numer klienta").await {
            self.screenshot("failed-registration").await;
            panic!("no ticket announced: {}", self.client.source().await.unwrap_or_default());
        }
        let text = self.client.find(Locator::Css(".banner")).await.unwrap().text().await.unwrap();
        text.split("Numer klienta: ").nth(1).unwrap().split('.').next().unwrap().to_owned()
    }

    pub(crate) async fn audit_here(&self, name: &str, violations: &mut Vec<String>) {
        self.screenshot(name).await;
        violations.extend(self.axe().await.into_iter().map(|v| format!("{name}: {v}")));
        violations.extend(self.past_the_edge().await.into_iter().map(|v| format!("{name}: {v}")));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_morning_at_the_desk() {
    let app = TestApp::spawn(office_db().await).await;
    let mut violations = Vec::new();
    // A colleague at desk 3, competent for car registrations, to redirect to.
    let _magdalena = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let car = app.case_kind_id("Rejestracja pojazdu").await.to_string();

    let hall = Browser::start().await;
    hall.client.goto(&app.url("/display")).await.unwrap();

    // The information point registers three clients, the third out of turn.
    let info = Browser::start().await;
    info.sign_in(&app, "info_point", DEMO_PASSWORD).await;
    info.h1_becomes("Dzień dobry, Tomasz Wiśniewski").await;
    let mut tickets = Vec::new();
    for priority in [false, false, true] {
        info.client.goto(&app.url("/visits/new")).await.unwrap();
        info.choose("case_kind_id", &car).await;
        if priority {
            info.tick("priority").await;
            info.audit_here("register-filled", &mut violations).await;
        }
        info.press("main button[type=submit]").await;
        tickets.push(info.announced_ticket().await);
    }
    assert_eq!(tickets, ["K001", "K002", "K003"]);

    // The clerk opens desk 4 and calls with the keyboard: the client out of turn first.
    let clerk = Browser::start().await;
    clerk.sign_in(&app, "clerk", DEMO_PASSWORD).await;
    clerk.h1_becomes("Dzień dobry, Katarzyna Nowak").await;
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    let desk4 = app.desk_id("4").await.to_string();
    clerk.choose("desk_id", &desk4).await;
    clerk.press("main form[action='/desk/open'] button").await;
    assert!(clerk.shows("#desk-queue", "K003").await);
    clerk.audit_here("desk-waiting", &mut violations).await;
    clerk.client.find(Locator::Css("body")).await.unwrap().send_keys("n").await.unwrap();
    assert!(clerk.shows(".desk__ticket", "K003").await, "N calls the client out of turn first");
    assert!(hall.shows("#board", "K003").await, "the hall display shows the call live");

    // Served: documents accepted with the promised date, and the checklist printed.
    clerk.press("form[action$='/start'] button").await;
    assert!(clerk.shows(".desk__current", "Zakończ obsługę").await);
    clerk.tick("outcome-documents_accepted").await;
    clerk.fill("settle_by", "31.12.2099").await;
    clerk.audit_here("desk-serving", &mut violations).await;
    clerk.press("form[action$='/finish'] button[type=submit]").await;
    assert!(clerk.shows(".banner", "Obsługa zakończona").await);
    let settle: Option<chrono::NaiveDate> =
        sqlx::query_scalar("select settle_by from visit where ticket = 'K003'").fetch_one(&app.db).await.unwrap();
    assert_eq!(settle, chrono::NaiveDate::from_ymd_opt(2099, 12, 31));
    clerk.client.goto(&app.url(&format!("/procedures/{car}/checklist"))).await.unwrap();
    assert!(clerk.shows("main", "Potwierdzenie zawarcia umowy OC").await);
    clerk.audit_here("checklist", &mut violations).await;

    // The next one is redirected to the competent colleague, shown available at desk 3.
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    clerk.press("form[action='/desk/call-next'] button").await;
    assert!(clerk.shows(".desk__ticket", "K001").await);
    assert!(hall.shows("#board", "K001").await);
    clerk.click("a[href$='/redirect']").await;
    assert!(clerk.shows("main", "Magdalena Kozłowska").await);
    assert!(clerk.shows("main", "Przy stanowisku 3").await);
    clerk.audit_here("redirect", &mut violations).await;
    let magdalena = app.staff_id("magdalena.kozlowska").await;
    clerk.tick(&format!("to-{magdalena}")).await;
    clerk.fill("note", "Klient ma umowę kupna z zagranicy").await;
    clerk.press("main form[method=post] button[type=submit]").await;
    assert!(clerk.shows(".banner", "Magdalena Kozłowska").await);

    // The last one is settled on the spot.
    clerk.press("form[action='/desk/call-next'] button").await;
    assert!(clerk.shows(".desk__ticket", "K002").await);
    clerk.press("form[action$='/start'] button").await;
    assert!(clerk.shows(".desk__current", "Zakończ obsługę").await);
    clerk.tick("outcome-settled").await;
    clerk.press("form[action$='/finish'] button[type=submit]").await;
    assert!(clerk.shows(".banner", "Obsługa zakończona").await);

    // A phone call that needs checking: a callback for the next working day.
    clerk.client.goto(&app.url("/callbacks/new")).await.unwrap();
    clerk.fill("caller_name", "Jan Zieliński").await;
    clerk.fill("phone", "601 222 333").await;
    clerk.fill("question", "Czy potrzebne jest tłumaczenie dowodu rejestracyjnego?").await;
    clerk.tick("promise-next").await;
    clerk.audit_here("callback-new", &mut violations).await;
    clerk.press("main button[type=submit]").await;
    assert!(clerk.shows(".banner", "Obiecano oddzwonić").await);
    assert!(clerk.shows("main", "Jan Zieliński").await);
    clerk.audit_here("callbacks", &mut violations).await;

    hall.audit_here("display-live", &mut violations).await;
    let moved: Option<uuid::Uuid> = sqlx::query_scalar("select assigned_staff_id from visit where ticket = 'K001'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(moved, Some(magdalena));
    for browser in [hall, info, clerk] {
        browser.stop().await;
    }
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_visit_pages_pass_axe_at_every_step() {
    let db = office_db().await;
    okienko::demo::load_day(&db, chrono::Utc::now()).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let ids: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "select case_file_id, state::text from case_file where case_type = 'home_visit' order by case_ref",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let of = |state: &str| ids.iter().find(|(_, s)| s == state).unwrap().0;
    let signed: uuid::Uuid =
        sqlx::query_scalar("select authorisation_id from authorisation where register_number is not null limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let browser = Browser::start().await;
    let mut violations = Vec::new();
    let pages: [(&str, Vec<String>); 5] = [
        (
            "info_point",
            vec!["/home-visits".into(), "/home-visits/new".into(), format!("/home-visits/{}", of("scheduled"))],
        ),
        (
            "director",
            vec![
                format!("/home-visits/{}", of("registered")),
                format!("/home-visits/{}/attachment", of("registered")),
                "/authorisations".into(),
                format!("/authorisations/{signed}"),
            ],
        ),
        ("department_head", vec![format!("/home-visits/{}", of("decreed"))]),
        ("secretary", vec![format!("/home-visits/{}", of("drafted"))]),
        ("clerk", vec![format!("/home-visits/{}", of("authorised"))]),
    ];
    for (login, urls) in pages {
        browser.sign_in(&app, login, DEMO_PASSWORD).await;
        assert!(browser.shows("h1", "Dzień dobry").await, "{login} signed in");
        for url in urls {
            let name = format!("hv-{login}{}", url.replace('/', "-"));
            violations.extend(browser.audit(&app.url(&url), &name).await);
        }
        browser.client.goto(&app.url("/")).await.unwrap();
        browser.click(".site-header__user button").await;
    }
    // A step taken from the browser, with the keyboard: the director decrees.
    browser.sign_in(&app, "director", DEMO_PASSWORD).await;
    assert!(browser.shows("h1", "Dzień dobry").await);
    browser.client.goto(&app.url(&format!("/home-visits/{}", of("registered")))).await.unwrap();
    browser.fill("note", "Proszę o wyznaczenie pracownika i termin wizyty.").await;
    browser.press("form[action$='/steps/decree'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Zadekretowany do komórki").await);
    browser.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

impl Browser {
    /// Signs out (if signed in) and in again as `login`, waiting for the home page.
    pub(crate) async fn switch_to(&self, app: &TestApp, login: &str) {
        self.client.goto(&app.url("/")).await.unwrap();
        if self.client.find(Locator::Css(".site-header__user button")).await.is_ok() {
            self.click(".site-header__user button").await;
            assert!(self.shows("h1", "Logowanie").await);
        }
        self.sign_in(app, login, DEMO_PASSWORD).await;
        assert!(self.shows("h1", "Dzień dobry").await, "{login} signed in");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_home_visit_from_the_information_point_to_the_recorded_visit() {
    let app = TestApp::spawn(office_db().await).await;
    let browser = Browser::start().await;
    let tax = app.case_kind_id("Zaświadczenie o niezaleganiu w podatkach").await.to_string();

    browser.switch_to(&app, "info_point").await;
    browser.client.goto(&app.url("/home-visits/new")).await.unwrap();
    browser.fill("client_name", "Helena Wiśniewska").await;
    browser.fill("client_address", "ul. Słowackiego 12 m. 4, 97-300 Piotrków Trybunalski").await;
    browser.fill("client_phone", "600 200 300").await;
    browser.choose("case_kind_id", &tax).await;
    browser.fill("pesel", "44051401458").await;
    browser.fill("reason", "Po operacji biodra, leżąca.").await;
    browser.press("main button[type=submit]").await;
    assert!(browser.shows(".banner", "Wniosek zarejestrowany").await);
    let id: uuid::Uuid =
        sqlx::query_scalar("select home_visit_request_id from home_visit_request").fetch_one(&app.db).await.unwrap();
    let page = app.url(&format!("/home-visits/{id}"));

    browser.switch_to(&app, "director").await;
    browser.client.goto(&page).await.unwrap();
    browser.fill("note", "Proszę o wyznaczenie pracownika i termin wizyty.").await;
    browser.press("form[action$='/steps/decree'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Zadekretowany do komórki").await);

    browser.switch_to(&app, "department_head").await;
    browser.client.goto(&page).await.unwrap();
    let michal = app.staff_id("michal.wojcik").await;
    browser.tick(&format!("emp-{michal}")).await;
    let calendar = okienko::calendar::Calendar::statutory_only();
    let today = okienko::calendar::local_date(chrono::Utc::now(), &chrono_tz::Europe::Warsaw);
    let day = calendar.next_working_day(calendar.next_working_day(today)).format("%d.%m.%Y").to_string();
    browser.fill("date", &day).await;
    browser.fill("time", "10:30").await;
    browser.press("form[action$='/steps/schedule'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Wizyta zaplanowana").await);

    browser.switch_to(&app, "director").await;
    browser.client.goto(&page).await.unwrap();
    browser.choose("drafter_id", &app.staff_id("barbara.pawlowska").await.to_string()).await;
    browser.press("form[action$='/steps/assign_drafter'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Wizyta zaplanowana").await);

    browser.switch_to(&app, "barbara.pawlowska").await;
    browser.client.goto(&page).await.unwrap();
    browser.press("form[action$='/steps/draft'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Upoważnienia przygotowane").await);

    browser.switch_to(&app, "secretary").await;
    browser.client.goto(&page).await.unwrap();
    browser.press("form[action$='/steps/sign'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Upoważnienia podpisane").await);
    let number = format!("UP/0001/{}", chrono::Datelike::year(&today));
    browser.client.goto(&app.url("/authorisations")).await.unwrap();
    assert!(browser.shows("main", &number).await, "the register lists the authorisation");
    browser.click("main table a[href^='/authorisations/']").await;
    assert!(browser.shows("h1", &number).await);
    assert!(browser.shows(".document__fields", "Michał Wójcik").await, "the authorised employee is named");
    browser.screenshot("hv-authorisation-printed").await;

    browser.switch_to(&app, "clerk").await;
    browser.client.goto(&page).await.unwrap();
    assert!(browser.shows("h1", "Brak dostępu").await, "a clerk not involved is refused");

    browser.switch_to(&app, "michal.wojcik").await;
    browser.client.goto(&page).await.unwrap();
    assert!(browser.shows("main", "od dnia wizyty").await, "not before the visit's day");
    // The day of the visit.
    let visit = chrono::NaiveDate::parse_from_str(&day, "%d.%m.%Y").unwrap();
    app.clock.advance(chrono::TimeDelta::days((visit - today).num_days()));
    browser.switch_to(&app, "michal.wojcik").await;
    browser.client.goto(&page).await.unwrap();
    browser.press("form[action$='/steps/record_done'] button[type=submit]").await;
    assert!(browser.shows(".banner", "Po wizycie").await);
    assert_eq!(browser.client.find_all(Locator::Css(".timeline li")).await.unwrap().len(), 7);
    browser.stop().await;
}

impl Browser {
    /// What a tablet needs, measured in the page: the smallest touch target (CSS px),
    /// the smallest text among the answers and buttons, and whether the page is wider
    /// than the window (which would mean scrolling sideways).
    pub(crate) async fn whole_survey_in_view(&self) -> (bool, f64) {
        let script = "const d = document.documentElement;
            return [d.scrollHeight > window.innerHeight + 1 || d.scrollWidth > window.innerWidth + 1,
                    document.querySelector('.kiosk__button--primary').getBoundingClientRect().bottom];";
        let v = self.client.execute(script, vec![]).await.unwrap();
        (v[0].as_bool().unwrap(), v[1].as_f64().unwrap())
    }

    pub(crate) async fn kiosk_measures(&self) -> (f64, f64, bool) {
        let script = r#"
            const targets = [...document.querySelectorAll('.kiosk__choice, .kiosk__button, .kiosk__lang, .kiosk__textarea')];
            const sizes = targets.map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
            const smallest = Math.min(...sizes.map(r => Math.min(r.width, r.height)));
            const texts = [...document.querySelectorAll('.kiosk__word, .kiosk__button, .kiosk__lang, .kiosk__legend, .kiosk__note, .kiosk__label')];
            const font = Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize)));
            return [smallest, font, document.documentElement.scrollWidth > window.innerWidth + 1];
        "#;
        let v = self.client.execute(script, vec![]).await.unwrap();
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap(), v[2].as_bool().unwrap())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_rates_the_visit_on_the_desk_kiosk_and_the_supervisor_sees_it() {
    let app = TestApp::spawn(office_db().await).await;
    let mut violations = Vec::new();

    // The admin adds a kiosk at desk 4 and reads out its one-time code.
    let admin = Browser::start().await;
    admin.sign_in(&app, "admin", DEMO_PASSWORD).await;
    admin.h1_becomes("Dzień dobry, Paweł Dąbrowski").await;
    admin.client.goto(&app.url("/admin/kiosks")).await.unwrap();
    admin.fill("name", "Tablet przy stanowisku 4").await;
    admin.choose("desk_id", &app.desk_id("4").await.to_string()).await;
    admin.press("form[action='/admin/kiosks'] button[type=submit]").await;
    assert!(admin.shows("[data-kiosk-code]", "-").await, "the code is shown once");
    let code = admin.client.find(Locator::Css("[data-kiosk-code]")).await.unwrap().text().await.unwrap();
    admin.audit_here("admin-kiosks", &mut violations).await;
    violations.extend(admin.audit(&app.url("/admin/survey"), "admin-survey").await);

    // The tablet is refused until it is enrolled with the code.
    let kiosk = Browser::start().await;
    kiosk.client.goto(&app.url("/kiosk")).await.unwrap();
    assert_eq!(
        kiosk.h1_becomes("To urządzenie nie jest zarejestrowane jako kiosk").await,
        "To urządzenie nie jest zarejestrowane jako kiosk"
    );
    kiosk.audit_here("kiosk-enrol", &mut violations).await;
    kiosk.fill("code", &code.to_lowercase()).await;
    kiosk.press("form[action='/kiosk/enrol'] button").await;
    assert_eq!(kiosk.h1_becomes("Stanowisko 4").await, "Stanowisko 4", "the enrolled tablet waits at desk 4");
    kiosk.audit_here("kiosk-idle", &mut violations).await;
    kiosk.client.goto(&app.url("/kiosk?lang=uk")).await.unwrap();
    assert_eq!(kiosk.h1_becomes("Віконце 4").await, "Віконце 4", "Ukrainian is offered");
    let lang = kiosk.client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(lang.as_deref(), Some("uk"));
    kiosk.audit_here("kiosk-idle-uk", &mut violations).await;
    kiosk.client.goto(&app.url("/kiosk")).await.unwrap();
    // Waiting for a client, the start screen stays put (it looks for an invitation
    // in the background; a reload every few seconds made it flicker).
    kiosk.client.execute("window.okienkoStillHere = true;", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let kept = kiosk.client.execute("return window.okienkoStillHere === true;", vec![]).await.unwrap();
    assert_eq!(kept, Value::Bool(true), "the idle kiosk does not reload");

    // A clerk at desk 4 serves a client and finishes the visit.
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let clerk = Browser::start().await;
    clerk.sign_in(&app, "clerk", DEMO_PASSWORD).await;
    clerk.h1_becomes("Dzień dobry, Katarzyna Nowak").await;
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    clerk.choose("desk_id", &app.desk_id("4").await.to_string()).await;
    clerk.press("main form[action='/desk/open'] button").await;
    assert!(clerk.shows("#desk-queue", &ticket).await);
    clerk.press("form[action='/desk/call-next'] button").await;
    assert!(clerk.shows(".desk__ticket", &ticket).await);
    clerk.press("form[action$='/start'] button").await;
    assert!(clerk.shows(".desk__current", "Zakończ obsługę").await);
    clerk.tick("outcome-settled").await;
    clerk.press("form[action$='/finish'] button[type=submit]").await;
    assert!(clerk.shows(".banner", "Obsługa zakończona").await);

    // The desk's tablet invites that client by itself (its start screen looks every few seconds).
    let invited = "Jak oceniasz obsługę przy stanowisku 4?";
    assert_eq!(kiosk.h1_becomes(invited).await, invited, "the kiosk invites the client of the finished visit");
    kiosk.audit_here("kiosk-survey", &mut violations).await;
    let (target, font, sideways) = kiosk.kiosk_measures().await;
    assert!(target >= 48.0, "touch targets are at least 48 px, the smallest is {target}");
    assert!(font >= 24.0, "text is at least 24 px, the smallest is {font}");
    assert!(!sideways, "no sideways scrolling at 100 %");
    // 200 % zoom: the same page in half the CSS pixels must reflow, not cut off.
    kiosk.client.set_window_size(683, 450).await.unwrap();
    let (target, _, sideways) = kiosk.kiosk_measures().await;
    assert!(target >= 48.0 && !sideways, "at 200 % the targets stay big ({target}) and nothing scrolls sideways");
    kiosk.audit_here("kiosk-survey-200", &mut violations).await;
    kiosk.client.set_window_size(1366, 900).await.unwrap();
    // A 10-inch tablet either way round: the whole survey and its send button on one
    // screen, in each of the kiosk's languages (English and Ukrainian words run longer).
    for lang in ["pl", "en", "uk"] {
        if lang != "pl" {
            kiosk.click(&format!("a.kiosk__lang[lang='{lang}']")).await;
            let shown = kiosk.client.execute("return document.documentElement.lang;", vec![]).await.unwrap();
            assert_eq!(shown.as_str(), Some(lang));
        }
        for (width, height) in [(800, 1280), (1280, 800)] {
            kiosk.screen(width, height).await;
            let (scrolls, send_bottom) = kiosk.whole_survey_in_view().await;
            kiosk.screenshot(&format!("kiosk-survey-{lang}-{width}x{height}")).await;
            assert!(
                !scrolls && send_bottom <= height as f64,
                "{lang} {width}×{height}: no scrolling, send at {send_bottom}"
            );
        }
    }
    kiosk.click("a.kiosk__lang[lang='pl']").await;
    kiosk.cdp("Emulation.clearDeviceMetricsOverride", json!({})).await;

    // "Send" with nothing chosen: the kiosk says what to do and keeps the invitation.
    kiosk.click(".kiosk__actions button[type=submit]").await;
    assert!(kiosk.shows(".kiosk__errors", "Wybierz przynajmniej jedną ocenę").await, "nothing chosen is explained");
    kiosk.audit_here("kiosk-survey-errors", &mut violations).await;

    // Touch-size answers: the big labels are what a finger taps.
    let questions: Vec<(uuid::Uuid, String)> = sqlx::query_as(
        "select survey_question_id, code from survey_question q join questionnaire n using (questionnaire_id)
         where n.version = (select max(version) from questionnaire) order by position",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (id, code) in &questions {
        let score = if code == "waiting" { 4 } else { 5 };
        kiosk.click(&format!("label[for='q-{id}-{score}']")).await;
    }
    kiosk.fill("comment", "Bardzo sprawnie, dziękuję").await;
    kiosk.click(".kiosk__actions button[type=submit]").await;
    assert_eq!(kiosk.h1_becomes("Dziękujemy!").await, "Dziękujemy!");
    kiosk.audit_here("kiosk-thanks", &mut violations).await;
    // ...and goes back to its start screen by itself, with nothing of the answer left.
    assert_eq!(kiosk.h1_becomes("Stanowisko 4").await, "Stanowisko 4", "the kiosk resets after thanking");
    let left = kiosk.client.source().await.unwrap();
    assert!(!left.contains("Bardzo sprawnie"), "nothing of the answer stays on screen");

    let clerk_id = app.staff_id("clerk").await;
    let saved: (i64, Option<uuid::Uuid>) = sqlx::query_as(
        "select count(*), max(a.staff_id::text)::uuid from survey_answer a join survey_invitation i using (survey_invitation_id)
         join visit v using (visit_id) where v.ticket = $1",
    )
    .bind(&ticket)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(saved, (1, Some(clerk_id)), "one answer, attributed to the clerk who served");

    // The supervisor sees it counted in the clerk's sheet (the mean waits for 5 answers).
    let supervisor = Browser::start().await;
    supervisor.sign_in(&app, "supervisor", DEMO_PASSWORD).await;
    supervisor.h1_becomes("Dzień dobry, Andrzej Szymański").await;
    supervisor.client.goto(&app.url("/reports/staff")).await.unwrap();
    supervisor.click(&format!("a[href^='/reports/staff/{clerk_id}']")).await;
    assert!(supervisor.shows("main", "Odpowiedzi w miesiącu: 1.").await, "the answer is counted");
    assert!(supervisor.shows("main", "mniej niż 5 odpowiedzi").await, "no mean from one answer");
    assert!(supervisor.shows("main", "Bardzo sprawnie, dziękuję").await, "supervisors read the comment");
    supervisor.audit_here("report-sheet", &mut violations).await;
    // The report pages with months of figures are audited in the role tour.
    violations.extend(supervisor.audit(&app.url("/reports/staff?month=2026-13"), "report-month-refused").await);
    // The clerk sees their own sheet, without the residents' comments.
    clerk.client.goto(&app.url("/reports/staff")).await.unwrap();
    assert!(clerk.shows("main", "Odpowiedzi w miesiącu: 1.").await);
    assert!(!clerk.client.source().await.unwrap().contains("Bardzo sprawnie"), "comments are for supervisors only");
    clerk.audit_here("report-own-sheet", &mut violations).await;

    for browser in [admin, kiosk, clerk, supervisor] {
        browser.stop().await;
    }
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_given_while_the_network_is_down_is_kept_and_sent_later() {
    let app = TestApp::spawn(office_db().await).await;
    let admin = app.signed_in("admin").await;
    let page =
        admin.post_form("/admin/kiosks", "/admin/kiosks", &[("name", "Tablet przy wyjściu"), ("desk_id", "")]).await;
    let start = page.body.find("data-kiosk-code>").unwrap() + "data-kiosk-code>".len();
    let code = page.body[start..].split('<').next().unwrap().to_owned();

    let kiosk = Browser::start().await;
    kiosk.client.goto(&app.url("/kiosk")).await.unwrap();
    kiosk.fill("code", &code).await;
    kiosk.press("form[action='/kiosk/enrol'] button").await;
    let asked = "Jak oceniasz dzisiejszą wizytę w urzędzie?";
    assert_eq!(kiosk.h1_becomes(asked).await, asked, "the exit kiosk asks anyone");

    // The network drops just as the resident sends: every request fails.
    kiosk
        .client
        .execute("window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));", vec![])
        .await
        .unwrap();
    let overall: uuid::Uuid = sqlx::query_scalar(
        "select survey_question_id from survey_question where code = 'overall' and questionnaire_id =
           (select questionnaire_id from questionnaire order by version desc limit 1)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    kiosk.click(&format!("label[for='q-{overall}-4']")).await;
    kiosk.click(".kiosk__actions button[type=submit]").await;
    assert!(kiosk.shows("[data-kiosk-thanks]", "Dziękujemy!").await, "the resident just sees thank you");
    let kept = kiosk
        .client
        .execute("return JSON.parse(localStorage.getItem('okienko-kiosk-queue') || '[]').length;", vec![])
        .await
        .unwrap();
    assert_eq!(kept.as_i64(), Some(1), "the answer is kept on the tablet");
    let count = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from survey_answer").fetch_one(&app.db).await.unwrap()
    };
    assert_eq!(count().await, 0);

    // The network is back (the page goes back to its start and the real fetch returns):
    // the kept answer is sent, once.
    let mut sent = 0;
    for _ in 0..150 {
        sent = count().await;
        if sent > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 1, "the kept answer arrives when the network is back");
    let score: i16 = sqlx::query_scalar("select score from survey_score").fetch_one(&app.db).await.unwrap();
    assert_eq!(score, 4);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let left = kiosk
        .client
        .execute("return JSON.parse(localStorage.getItem('okienko-kiosk-queue') || '[]').length;", vec![])
        .await
        .unwrap();
    assert_eq!(left.as_i64(), Some(0), "and leaves the tablet");
    assert_eq!(count().await, 1, "sent once");
    kiosk.stop().await;
}
