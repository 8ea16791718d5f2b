//! The residents' side of the desk in a real Chromium, at the sizes its screens
//! have: the hall display at 1920×1080 and 1280×720 with more calls and away
//! notices than fit, chiming and following a recall; the walk-in's ticket printed
//! on one slip (80 mm and A6); the clerk's desk at 1366×900 run from the keyboard;
//! the ticket stand on an 800×1280 and a 1280×800 tablet, its ticket reaching the
//! clerk. Every page passes axe (WCAG 2.1 AA); the display and the stand also the
//! 7:1 contrast UI.md asks of screens read from afar.

use std::time::Duration;

use crate::browser::Browser;
use crate::common::{DEMO_PASSWORD, TestApp, office_db};
use fantoccini::Locator;
use serde_json::json;

/// What the layout check found on a screen.
#[derive(Debug)]
struct Fit {
    /// The page is taller or wider than the screen.
    scrolls: bool,
    /// Elements (their text) that stick out of the screen or are cut inside their box.
    cut: Vec<String>,
}

impl Browser {
    /// From now on the pages' own `window.print()` (the printer dialog) only counts
    /// itself in `<html data-printed>`, so the test sees that a page asked to print
    /// and can print it itself.
    async fn count_prints(&self) {
        let source = "window.print = () => { const d = document.documentElement.dataset; d.printed = String(Number(d.printed || 0) + 1); };";
        self.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
    }

    /// Whether the page fits the screen, and which of `selector`'s elements do not.
    async fn fit(&self, selector: &str) -> Fit {
        let script = r#"
            const vw = window.innerWidth, vh = window.innerHeight, doc = document.documentElement;
            const cut = [...document.querySelectorAll(arguments[0])].filter(e => {
              const r = e.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) return false;
              const out = r.bottom > vh + 1 || r.right > vw + 1 || r.left < -1 || r.top < -1;
              const clipped = e.clientWidth > 0 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
              return out || clipped;
            }).map(e => e.textContent.trim().replace(/\s+/g, ' ').slice(0, 60));
            return [doc.scrollHeight > vh + 1 || doc.scrollWidth > vw + 1, cut];
        "#;
        let v = self.client.execute(script, vec![json!(selector)]).await.unwrap();
        Fit {
            scrolls: v[0].as_bool().unwrap(),
            cut: v[1].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect(),
        }
    }

    /// The texts of `selector`'s elements whose content is wider than their box
    /// (a table running past its column).
    async fn too_wide(&self, selector: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])]
            .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60));";
        let v = self.client.execute(script, vec![json!(selector)]).await.unwrap();
        v.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
    }

    /// axe's 7:1 contrast rule (WCAG AAA 1.4.6), which UI.md asks of the kiosk and the hall.
    async fn contrast_7(&self) -> Vec<String> {
        self.axe_rules(&["color-contrast-enhanced"]).await
    }

    async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.client.find(Locator::Css(css)).await.ok()?.attr(name).await.ok()?
    }

    /// Waits until `css`'s attribute `name` reads `value`; what it reads after 10 s.
    async fn attr_becomes(&self, css: &str, name: &str, value: &str) -> Option<String> {
        let mut last = None;
        for _ in 0..100 {
            last = self.attr(css, name).await;
            if last.as_deref() == Some(value) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        last
    }

    /// A key typed wherever the focus is now (as the clerk types it).
    async fn key(&self, key: &str) {
        self.client.active_element().await.unwrap().send_keys(key).await.unwrap();
    }

    /// Whether the page is wider than the screen (scrolling sideways).
    async fn sideways(&self) -> bool {
        let script = "return document.documentElement.scrollWidth > window.innerWidth + 1;";
        self.client.execute(script, vec![]).await.unwrap().as_bool().unwrap()
    }

    async fn text_of(&self, css: &str) -> String {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
    }
}

/// A busy late morning: twelve clients already called at desks across the hall,
/// and more colleagues away than the screen has room for, one of them late.
async fn busy_hall(app: &TestApp) {
    sqlx::query(
        "insert into visit (ticket, ticket_day, department_id, status, desk_id, arrived_at, called_at, finished_at)
         select 'S' || lpad((100 + n)::text, 3, '0'), (now() at time zone 'Europe/Warsaw')::date, d.department_id, 'done', d.desk_id,
                now() - interval '2 hours', now() - (13 - n) * interval '3 minutes', now() - (13 - n) * interval '2 minutes'
         from generate_series(1, 12) n
         join lateral (select desk_id, department_id from desk where department_id is not null
                       order by number offset (n % 3) limit 1) d on true",
    )
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into away_notice (staff_id, desk_id, started_at, back_at, substitute_staff_id)
         select staff_id, (select desk_id from desk where department_id is not null order by number desc limit 1),
                now() - interval '1 hour',
                now() + case when row_number() over (order by login) = 1 then interval '-10 minutes'
                             else row_number() over (order by login) * interval '5 minutes' end,
                (select staff_id from staff where login = 'magdalena.kozlowska')
         from staff where login not in ('clerk', 'magdalena.kozlowska') order by login limit 12",
    )
    .execute(&app.db)
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hall_display_fits_its_screens_chimes_and_follows_a_recall() {
    let app = TestApp::spawn(office_db().await).await;
    busy_hall(&app).await;
    let mut violations = Vec::new();
    let hall = Browser::start().await;
    let rows = ".display__title, .display__clock, .display__calls, .display__away, .display__table td, .display__away-list li, .display__more";
    for (width, height) in [(1920, 1080), (1280, 720)] {
        hall.screen(width, height).await;
        hall.client.goto(&app.url("/display")).await.unwrap();
        let fit = hall.fit(rows).await;
        hall.screenshot(&format!("display-{width}x{height}")).await;
        assert!(!fit.scrolls && fit.cut.is_empty(), "{width}×{height}: nothing scrolls or is cut: {fit:?}");
        let shown = hall.client.find_all(Locator::Css(".display__table tbody tr")).await.unwrap().len();
        assert_eq!(shown, 7, "the newest seven calls, however many there were");
        assert_eq!(hall.text_of(".display__newest").await, "S112 1", "the newest call on top");
        let more = hall.text_of(".display__more").await;
        assert!(more.contains('6'), "the oldest away notices give way, counted: {more}");
        assert!(hall.shows(".display__late", "").await, "a colleague past the time given is marked late");
        let sizes = hall
            .client
            .execute(
                "const px = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
                 return [px('.display__newest td'), px('.display__row td'), px('.display__away-list li')];",
                vec![],
            )
            .await
            .unwrap();
        let (newest, row, away) = (sizes[0].as_f64().unwrap(), sizes[1].as_f64().unwrap(), sizes[2].as_f64().unwrap());
        assert!(newest > row && row >= away, "the newest call in the largest type: {newest} > {row} ≥ {away}");
        assert!(away >= 20.0, "read from metres away: the smallest text is {away} px at {width}×{height}");
        violations.extend(hall.axe().await.into_iter().map(|v| format!("display {width}: {v}")));
        violations.extend(hall.contrast_7().await.into_iter().map(|v| format!("display {width}: {v}")));
    }

    // Sound needs a touch once the screen is on: the notice says so and goes once touched.
    assert!(hall.shows("[data-sound-off]", "").await);
    hall.key("x").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hall.attr("[data-sound-off]", "hidden").await.as_deref(), Some("true"), "sound on after a touch");

    // A call at desk 4, then a recall: each chimes and goes on top.
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    assert_eq!(clerk.post_form("/desk", "/desk/call-next", &[]).await.status, 303);
    let call = format!("{ticket}:4:call");
    assert_eq!(hall.attr_becomes("body", "data-last-call", &call).await.as_deref(), Some(call.as_str()));
    assert_eq!(hall.attr_becomes("html", "data-chimes", "1").await.as_deref(), Some("1"), "a chime with the call");
    assert!(hall.shows(".display__newest", &ticket).await);
    sqlx::query("update visit set called_at = called_at - interval '5 minutes' where ticket = $1")
        .bind(&ticket)
        .execute(&app.db)
        .await
        .unwrap();
    let visit = app.visit_id(&ticket).await;
    assert_eq!(clerk.post_form("/desk", &format!("/desk/visits/{visit}/recall"), &[]).await.status, 303);
    let recall = format!("{ticket}:4:recall");
    assert_eq!(hall.attr_becomes("body", "data-last-call", &recall).await.as_deref(), Some(recall.as_str()));
    assert_eq!(hall.attr_becomes("html", "data-chimes", "2").await.as_deref(), Some("2"), "a chime with the recall");
    assert!(hall.shows(".display__newest", &ticket).await, "the recalled ticket is on top again");
    let fit = hall.fit(rows).await;
    assert!(!fit.scrolls && fit.cut.is_empty(), "1280×720 after the calls: {fit:?}");

    // A screen of its own for one department: only its calls.
    hall.client.goto(&app.url("/display?departments=KM")).await.unwrap();
    assert!(hall.shows(".display__title", "Wydział Komunikacji").await);
    let tickets = hall.text_of(".display__calls").await;
    assert!(tickets.contains(&ticket), "{tickets}");
    hall.screenshot("display-km-1280x720").await;
    violations.extend(hall.axe().await.into_iter().map(|v| format!("display KM: {v}")));
    hall.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_walk_in_gets_a_one_page_ticket_and_is_served_from_the_keyboard() {
    let app = TestApp::spawn(office_db().await).await;
    let mut violations = Vec::new();
    let car = app.case_kind_id("Rejestracja pojazdu").await.to_string();

    // The information point registers a client and lands on the ticket to print.
    let info = Browser::start().await;
    info.screen(1366, 900).await;
    info.count_prints().await;
    info.sign_in(&app, "info_point", DEMO_PASSWORD).await;
    info.h1_becomes("Dzień dobry, Tomasz Wiśniewski").await;
    let first = app.signed_in("info_point").await;
    app.register(&first, "Rejestracja pojazdu", &[]).await;
    info.client.goto(&app.url("/visits/new")).await.unwrap();
    assert!(info.shows("main", "Kolejki teraz").await, "the queues beside the form");
    info.audit_here("register-queues", &mut violations).await;
    assert!(!info.sideways().await, "the form and the queues fit 1366 px");
    let wide = info.too_wide(".register__form, .register__queues").await;
    assert!(wide.is_empty(), "the queues table stays in its column: {wide:?}");
    info.choose("case_kind_id", &car).await;
    info.press("main button[type=submit]").await;
    assert_eq!(info.h1_becomes("Numer K002").await, "Numer K002");
    assert_eq!(info.attr("[data-ticket-ahead]", "data-ticket-ahead").await.as_deref(), Some("1"));
    assert!(info.shows(".ticket", "Wydział Komunikacji").await);
    info.audit_here("ticket-80mm", &mut violations).await;
    assert!(!info.sideways().await, "the ticket page fits 1366 px");
    assert_eq!(info.attr_becomes("html", "data-printed", "1").await.as_deref(), Some("1"), "printed at once");
    let (pages, width, height) = info.printed("ticket-80mm").await;
    assert_eq!((pages, width, height), (1, 80.0, 120.0), "one 80 mm slip");
    info.click("a[href$='paper=a6']").await;
    assert!(info.shows("a[href$='paper=80mm']", "").await);
    let (pages, width, height) = info.printed("ticket-a6").await;
    assert_eq!((pages, width, height), (1, 105.0, 148.0), "one A6 sheet");
    info.stop().await;

    // The clerk at a 1366×900 laptop: N calls, S starts, 1 settles, Z finishes; no mouse.
    let clerk = Browser::start().await;
    clerk.screen(1366, 900).await;
    clerk.sign_in(&app, "clerk", DEMO_PASSWORD).await;
    clerk.h1_becomes("Dzień dobry, Katarzyna Nowak").await;
    clerk.client.goto(&app.url("/desk")).await.unwrap();
    clerk.choose("desk_id", &app.desk_id("4").await.to_string()).await;
    clerk.press("main form[action='/desk/open'] button").await;
    assert!(clerk.shows("#desk-queue", "K002").await);
    clerk.key("n").await;
    assert!(clerk.shows(".desk__ticket", "K001").await, "N calls the first in the queue");
    assert!(
        clerk.client.find(Locator::Id("outcome-settled")).await.is_err(),
        "no outcome to pick before service has started"
    );
    clerk.key("s").await;
    assert!(clerk.shows(".desk__current", "Zakończ obsługę").await, "S starts the service");
    assert!(clerk.attr("[data-timer-since]", "data-timer-since").await.is_some(), "the service's running time");
    clerk.key("1").await;
    assert!(clerk.client.find(Locator::Id("outcome-settled")).await.unwrap().is_selected().await.unwrap(), "1 settles");
    assert!(!clerk.sideways().await, "no sideways scrolling at 1366×900");
    clerk.audit_here("desk-keys-serving", &mut violations).await;
    clerk.key("z").await;
    assert!(clerk.shows(".banner", "Obsługa zakończona").await, "Z finishes");
    let outcome: Option<String> =
        sqlx::query_scalar("select outcome from visit where ticket = 'K001'").fetch_one(&app.db).await.unwrap();
    assert_eq!(outcome.as_deref(), Some("settled"));

    // The next client does not come: N, then did-not-come; then they do, and U takes it back.
    clerk.key("n").await;
    assert!(clerk.shows(".desk__ticket", "K002").await);
    clerk.press("form[action$='/no-show'] button").await;
    assert!(clerk.shows("form[action$='/undo-no-show']", "").await, "the undo is offered");
    clerk.audit_here("desk-undo", &mut violations).await;
    clerk.key("u").await;
    assert!(clerk.shows(".desk__ticket", "K002").await, "U gives the clerk the client back, called");
    assert!(clerk.client.find(Locator::Css("form[action$='/undo-no-show']")).await.is_err(), "the undo is gone");
    clerk.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ticket_stand_fits_the_tablet_both_ways_and_its_ticket_reaches_the_clerk() {
    let app = TestApp::spawn(office_db().await).await;
    let mut violations = Vec::new();
    let code = crate::stand::new_stand_code(&app.signed_in("admin").await).await;

    let tablet = Browser::start().await;
    tablet.count_prints().await;
    tablet.screen(800, 1280).await;
    tablet.client.goto(&app.url("/kiosk")).await.unwrap();
    tablet.fill("code", &code).await;
    tablet.press("form[action='/kiosk/enrol'] button").await;
    assert_eq!(tablet.h1_becomes("Pobierz numer").await, "Pobierz numer", "an enrolled stand shows the stand");

    let targets = ".stand__tile, .kiosk__choice, .kiosk__button, .kiosk__lang";
    let km = app.department_id("KM").await;
    for (width, height) in [(1280, 800), (800, 1280)] {
        tablet.screen(width, height).await;
        for (screen, url) in [
            ("start", "/kiosk/stand?lang=pl".to_owned()),
            ("matters", format!("/kiosk/stand?lang=pl&department={km}")),
            ("matters-uk", format!("/kiosk/stand?lang=uk&department={km}")),
        ] {
            tablet.client.goto(&app.url(&url)).await.unwrap();
            let name = format!("stand-{screen}-{width}x{height}");
            tablet.screenshot(&name).await;
            let fit = tablet.fit(targets).await;
            assert!(!fit.scrolls && fit.cut.is_empty(), "{name}: one screen, nothing cut: {fit:?}");
            let smallest = tablet
                .client
                .execute(
                    "return Math.min(...[...document.querySelectorAll(arguments[0])].map(e => e.getBoundingClientRect())
                       .filter(r => r.width > 0).map(r => Math.min(r.width, r.height)));",
                    vec![json!(targets)],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap();
            assert!(smallest >= 48.0, "{name}: touch targets are at least 48 px, the smallest is {smallest}");
            violations.extend(tablet.axe().await.into_iter().map(|v| format!("{name}: {v}")));
            violations.extend(tablet.contrast_7().await.into_iter().map(|v| format!("{name}: {v}")));
        }
    }

    // A resident asks for priority and picks the matter: a ticket on screen and on paper.
    tablet.client.goto(&app.url(&format!("/kiosk/stand?lang=pl&department={km}"))).await.unwrap();
    tablet.click("label[for='priority']").await;
    let car = app.case_kind_id("Rejestracja pojazdu").await;
    tablet.click(&format!("label[for='matter-{car}']")).await;
    tablet.click(".kiosk__button--primary").await;
    assert!(tablet.shows("#ticket-number", "K001").await, "the ticket on screen");
    tablet.screenshot("stand-ticket-800x1280").await;
    let fit = tablet.fit(".ticket, .kiosk__button").await;
    assert!(!fit.scrolls && fit.cut.is_empty(), "the ticket screen fits: {fit:?}");
    violations.extend(tablet.axe().await.into_iter().map(|v| format!("stand-ticket: {v}")));
    assert_eq!(tablet.attr_becomes("html", "data-printed", "1").await.as_deref(), Some("1"), "printed at once");
    let (pages, width, _) = tablet.printed("stand-ticket").await;
    assert_eq!((pages, width), (1, 80.0), "the stand prints one 80 mm slip");

    // The clerk of the department has the client, out of turn, in the queue.
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains(">K001") && desk.body.contains("Poza kolejnością"), "{}", desk.body);
    tablet.stop().await;
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}
