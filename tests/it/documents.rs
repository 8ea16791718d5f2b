//! Printed documents as Chromium prints them (A4 from the print stylesheet): each
//! one's page count is part of its design (UI.md), and what a signature needs is
//! on the paper: the authorisation names the employee without declension, with
//! position and department, room for the Secretary's signature and the stamp;
//! Załącznik Nr 1 is titled as in the regulation, with the client's signature and
//! the RODO information clause; the checklist has boxes to tick.

use crate::browser::Browser;
use crate::common::{TestApp, office_db};
use chrono::Datelike;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_printed_document_has_its_page_count_and_room_to_sign() {
    let db = office_db().await;
    let now = chrono::Utc::now();
    okienko::demo::load(&db, now).await.unwrap();
    let app = TestApp::spawn_bare(db, &[]).await;
    let registered: uuid::Uuid =
        sqlx::query_scalar("select case_file_id from case_file where case_type = 'home_visit' and state = 'registered' order by case_ref limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let signed: uuid::Uuid =
        sqlx::query_scalar("select authorisation_id from authorisation where register_number is not null limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let car = app.case_kind_id("Rejestracja pojazdu").await;
    let clerk = app.staff_id("clerk").await;
    let last_month = (now.date_naive().with_day(1).unwrap() - chrono::Duration::days(1)).format("%Y-%m").to_string();

    let browser = Browser::start().await;
    let mut pages = Vec::new();
    for (login, name, url) in [
        ("director", "attachment", format!("/home-visits/{registered}/attachment")),
        ("director", "authorisation", format!("/authorisations/{signed}")),
        ("supervisor", "sheet", format!("/reports/staff/{clerk}?month={last_month}")),
        ("clerk", "checklist", format!("/procedures/{car}/checklist")),
    ] {
        browser.switch_to(&app, login).await;
        browser.client.goto(&app.url(&url)).await.unwrap();
        let (count, width, height) = browser.printed(&format!("print-{name}")).await;
        pages.push((name, count, width, height));
        let source = browser.client.source().await.unwrap();
        let needs: &[&str] = match name {
            "attachment" => &[
                "Załącznik Nr 1 do Regulaminu obsługi klientów",
                "Wniosek o wizytę urzędnika w domu Klienta",
                "Data i czytelny podpis Klienta",
                "art. 13 RODO",
                "Administratorem Pani/Pana danych osobowych jest Urząd Miasta Testowo",
            ],
            "authorisation" => &["upoważniam Pan", "Stanowisko", "Komórka organizacyjna", "Pieczęć urzędu", "(podpis)"],
            "checklist" => &["checklist__tick"],
            _ => &[],
        };
        for text in needs {
            assert!(source.contains(text), "{name} has {text}");
        }
    }
    browser.stop().await;
    assert_eq!(
        pages,
        [
            ("attachment", 1, 210.0, 297.0),
            ("authorisation", 1, 210.0, 297.0),
            ("sheet", 1, 210.0, 297.0),
            ("checklist", 1, 210.0, 297.0)
        ]
    );
}
