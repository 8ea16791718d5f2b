//! The pages changed since the front desk's first release (complaints, the office's
//! registers, the regulation and its banner, trainings, the IOD's pages, the sessions
//! list, and the lines these added to the desk, the reports and the kiosk), in
//! Chromium at the size their users have: 1366×900 at the desks and in the offices,
//! the kiosk's enrolment on a 10-inch tablet either way round. Each page, opened by a
//! role that sees it with the demo data: axe finds no WCAG 2.1 AA fault, nothing runs
//! past the right edge or is clipped, no two texts or controls overlap; the printable
//! ones print on A4 with their page count. Set SCREENSHOT_DIR to look at them.

use crate::browser::Browser;
use crate::common::{TestApp, office_db};
use fantoccini::Locator;

/// Texts, controls and images drawn over one another, and text clipped by its box,
/// anywhere on the page (the header and the regulation's banner against the main content too).
async fn overlapping(browser: &Browser) -> Vec<String> {
    let script = r#"
        const shown = e => !e.closest('.visually-hidden, [hidden], select, textarea, script, style, noscript, template') &&
                           !(e.closest('details:not([open])') && !e.closest('summary')) &&
                           getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).opacity !== '0';
        const boxes = [], found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode());) {
          if (!n.textContent.trim() || !shown(n.parentElement)) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push([n.parentElement, r, n.textContent.trim().slice(0, 30)]);
        }
        for (const e of document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button, img')) {
          const r = e.getBoundingClientRect();
          if (shown(e) && r.width > 1 && r.height > 1) boxes.push([e, r, e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')]);
        }
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const [a, ra, ta] = boxes[i], [b, rb, tb] = boxes[j];
          if (a === b || a.contains(b) || b.contains(a)) continue;
          const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          // Lines of one paragraph may touch by their glyphs' ascent and descent: a third of a line does not.
          if (across > 2 && down > Math.min(ra.height, rb.height) / 3) found.push('overlap: "' + ta + '" and "' + tb + '"');
        }
        for (const e of document.body.querySelectorAll('*')) {
          const s = getComputedStyle(e);
          if (!['hidden', 'clip'].includes(s.overflowX) || !shown(e) || e.closest('.table-wrap')) continue;
          if (e.scrollWidth > e.clientWidth + 1 && e.textContent.trim()) found.push('clipped: "' + e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + '"');
        }
        return [...new Set(found)].slice(0, 10);
    "#;
    let v = browser.client.execute(script, vec![]).await.unwrap();
    v.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
}

/// What a reader would find wrong on the page open now: an error page instead of
/// the one asked for, axe's faults, anything past the edge, overlapping or clipped.
async fn look_here(browser: &Browser, name: &str, found: &mut Vec<String>) {
    if browser.client.find(Locator::Css(".error-page")).await.is_ok() {
        found.push(format!("{name}: an error page"));
    }
    browser.audit_here(name, found).await;
    found.extend(overlapping(browser).await.into_iter().map(|v| format!("{name}: {v}")));
}

async fn look_at(browser: &Browser, app: &TestApp, url: &str, name: &str, found: &mut Vec<String>) {
    browser.client.goto(&app.url(url)).await.unwrap();
    look_here(browser, name, found).await;
}

async fn ids(app: &TestApp, sql: &str) -> Vec<uuid::Uuid> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&app.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_pages_fit_their_screens_read_well_and_print_on_a4() {
    let db = office_db().await;
    let now = chrono::Utc::now();
    // With the history: the residents' comments the supervisor turns into suggestions.
    okienko::demo::load(&db, now).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let complaints =
        ids(&app, "select case_file_id from case_file where case_type = 'complaint' order by case_ref").await;
    let errors = ids(&app, "select office_error_id from office_error order by found_on").await;
    let gift = ids(&app, "select gift_refusal_id from gift_refusal order by offered_on limit 1").await[0];
    let suggestions = ids(&app, "select suggestion_id from suggestion order by source::text, created_at").await;
    let versions = ids(&app, "select regulation_version_id from regulation_version order by effective_on").await;
    let training = ids(&app, "select training_id from training order by held_on limit 1").await[0];
    let clerk = app.staff_id("clerk").await;
    let serving = ids(&app, "select v.visit_id from visit v join staff s on s.staff_id = v.served_by where s.login = 'magdalena.kozlowska' and v.status = 'serving'").await[0];
    // The month of the clerk's last training, for the sheet's trainings line.
    let today = okienko::calendar::local_date(now, &chrono_tz::Europe::Warsaw);
    let month = (today - chrono::Days::new(5)).format("%Y-%m").to_string();

    let browser = Browser::start().await;
    browser.screen(1366, 900).await;
    let mut found = Vec::new();
    let desk: Vec<(&str, Vec<(&str, String)>)> = vec![
        (
            "director",
            vec![
                ("complaints", "/complaints".into()),
                ("complaints-register", "/complaints/register".into()),
                ("complaint-registered", format!("/complaints/{}", complaints[0])),
                ("complaint-decreed", format!("/complaints/{}", complaints[1])),
                ("complaint-assigned", format!("/complaints/{}", complaints[2])),
                ("complaint-overdue", format!("/complaints/{}", complaints[3])),
                ("complaint-answered", format!("/complaints/{}", complaints[4])),
                ("office-errors", "/office-errors".into()),
                ("office-error-new", "/office-errors/new".into()),
                ("office-error-closed", format!("/office-errors/{}", errors[0])),
                ("office-error-open", format!("/office-errors/{}", errors[1])),
                ("gifts", "/gifts".into()),
                ("gift", format!("/gifts/{gift}")),
                ("regulation", "/regulation".into()),
                ("regulation-new", "/regulation/versions/new".into()),
                ("regulation-2014", format!("/regulation/versions/{}", versions[0])),
                ("regulation-acknowledgements", "/regulation/acknowledgements".into()),
                ("home-visits", "/home-visits".into()),
            ],
        ),
        (
            "supervisor",
            vec![
                ("reports-today", "/reports".into()),
                ("reports-comments", "/reports/comments".into()),
                ("suggestions", "/suggestions".into()),
                ("suggestion-new", "/suggestions/new".into()),
                ("suggestion-resident", format!("/suggestions/{}", suggestions[0])),
                ("suggestion-staff", format!("/suggestions/{}", suggestions[suggestions.len() - 1])),
                ("trainings", "/trainings".into()),
                ("training-new", "/trainings/new".into()),
                ("training", format!("/trainings/{training}")),
                ("training-edit", format!("/trainings/{training}/edit")),
                ("sheet", format!("/reports/staff/{clerk}?month={month}")),
            ],
        ),
        (
            "clerk",
            vec![
                ("complaints-clerk", "/complaints".into()),
                ("complaint-new", "/complaints/new".into()),
                ("gifts-own", "/gifts".into()),
                ("gift-new", "/gifts/new".into()),
                ("account-sessions", "/account/sessions".into()),
                ("account-password", "/account/password".into()),
            ],
        ),
        (
            "magdalena.kozlowska",
            vec![
                ("desk-serving", "/desk".into()),
                ("complaint-from-visit", format!("/complaints/new?visit={serving}")),
            ],
        ),
        // Anna Kowalczyk has not confirmed the regulation in force: the banner.
        ("anna.kowalczyk", vec![("banner-home", "/".into()), ("banner-desk", "/desk".into())]),
        (
            "iod",
            vec![
                ("iod-search", "/iod".into()),
                ("iod-register", "/iod/register".into()),
                ("iod-reads", "/iod/reads".into()),
            ],
        ),
    ];
    let mut printed = Vec::new();
    for (login, pages) in &desk {
        browser.switch_to(&app, login).await;
        for (name, url) in pages {
            look_at(&browser, &app, url, &format!("1366x900-{login}-{name}"), &mut found).await;
            if *name == "sheet" {
                assert!(browser.shows("[data-trainings]", "Ochrona danych osobowych").await, "the trainings line");
                printed.push(("sheet", browser.printed("print-sheet").await));
            }
            if *name == "home-visits" {
                browser.fill("pesel", "44051401458").await;
                browser.click("form[action='/home-visits/search'] button[type=submit]").await;
                assert!(browser.shows("#found", "(1)").await, "the request found by PESEL");
                look_here(&browser, "1366x900-director-home-visits-found", &mut found).await;
            }
            if *name == "iod-register" {
                printed.push(("iod-register", browser.printed("print-iod-register").await));
            }
        }
    }
    // The IOD finds a person (a form sent), then the erasure's confirmation.
    browser.client.goto(&app.url("/iod")).await.unwrap();
    browser.fill("name", "Helena Wiśniewska").await;
    browser.fill("phone", "600 200 300").await;
    browser.click("main form.filters button[type=submit]").await;
    assert!(browser.shows("main", "Znalezione rekordy").await);
    look_here(&browser, "1366x900-iod-person", &mut found).await;
    printed.push(("iod-person", browser.printed("print-iod-person").await));
    browser.click("form[action='/iod/person/erase/confirm'] button").await;
    assert!(browser.shows("h1", "Usunięcie danych osoby").await);
    look_here(&browser, "1366x900-iod-erase", &mut found).await;

    // The kiosk's enrolment, on a tablet either way round.
    browser.switch_to(&app, "clerk").await;
    browser.click(".site-header__user button").await;
    for (width, height) in [(800, 1280), (1280, 800)] {
        browser.screen(width, height).await;
        look_at(&browser, &app, "/kiosk", &format!("{width}x{height}-kiosk-enrol"), &mut found).await;
    }
    browser.stop().await;

    assert!(found.is_empty(), "found:\n{}", found.join("\n"));
    let register = crate::iod::REGISTER_PAGES;
    let pages: Vec<_> = printed.iter().map(|(name, (count, w, h))| (*name, *count, *w, *h)).collect();
    assert_eq!(pages[0], ("sheet", 1, 210.0, 297.0), "the monthly sheet on one A4 page, its trainings line too");
    assert_eq!(pages[1], ("iod-register", register, 210.0, 297.0), "the Art. 30 register");
    assert!(pages[2].1 >= 1 && pages[2].1 <= register && (pages[2].2, pages[2].3) == (210.0, 297.0), "{pages:?}");
}
