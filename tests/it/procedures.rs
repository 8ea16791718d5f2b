//! Procedure cards: found by residents' words, edited by the right people, printed as a checklist.

use crate::common::{TestApp, office_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cards_are_found_by_the_words_residents_use() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let page = clerk.get("/procedures?q=meldunek").await;
    assert!(page.body.contains("Zameldowanie na pobyt stały"));
    assert!(!page.body.contains("Rejestracja pojazdu"));
    let page = clerk.get("/procedures?q=dowod+osobisty").await;
    assert!(page.body.contains("Wydanie dowodu osobistego"));
    let page = clerk.get("/procedures?q=zupelnie+nic").await;
    assert!(page.body.contains("Nie znaleziono żadnej karty usługi."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checklist_lists_the_steps_for_the_client() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let id = app.case_kind_id("Rejestracja pojazdu").await;
    let page = clerk.get(&format!("/procedures/{id}/checklist")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(
            "<span class=\"checklist__tick\" aria-hidden=\"true\"></span>Potwierdzenie zawarcia umowy OC</li>"
        ),
        "each document with a box to tick"
    );
    assert!(page.body.contains("Kasa urzędu (bez prowizji)"), "Std 9.7: where to pay without commission");
    assert!(page.body.contains("Urząd Miasta Testowo"), "the office's name is on the printout");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_department_head_edits_the_cards_of_their_own_department_only() {
    let app = TestApp::spawn(office_db().await).await;
    let head = app.signed_in("department_head").await; // Wydział Podatków i Opłat
    let own = app.case_kind_id("Zaświadczenie o niezaleganiu w podatkach").await;
    let other = app.case_kind_id("Rejestracja pojazdu").await;
    assert_eq!(head.get(&format!("/procedures/{other}/edit")).await.status, 403);
    assert!(!head.get(&format!("/procedures/{other}")).await.body.contains(&format!("/procedures/{other}/edit")));

    let form = head.get(&format!("/procedures/{own}/edit")).await;
    assert_eq!(form.status, 200);
    let department: uuid::Uuid = app.department_id("FP").await;
    let res = head
        .post_with_token(
            &format!("/procedures/{own}"),
            &form.csrf(),
            &[
                ("department_id", &department.to_string()),
                ("name", "Zaświadczenie o niezaleganiu w podatkach"),
                ("fees", "21 zł"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let token = head.get(&format!("/procedures/{own}/edit")).await.csrf();
    let res = head.post_with_token(&format!("/procedures/{other}"), &token, &[("name", "Przejęta")]).await;
    assert_eq!(res.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_catalogue_comes_in_pages_that_keep_the_search() {
    let app = TestApp::spawn(office_db().await).await;
    sqlx::query(
        "insert into case_kind (department_id, name, keywords)
         select department_id, 'Zezwolenie nr ' || lpad(n::text, 3, '0'), 'zezwolenie'
         from department, generate_series(1, 60) n where symbol = 'GK'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let clerk = app.signed_in("clerk").await;
    let first = clerk.get("/procedures?q=zezwolenie").await;
    assert_eq!(first.body.matches("Zezwolenie nr ").count(), 50);
    assert!(
        first.body.contains("href=\"/procedures?q=zezwolenie&amp;page=2\"")
            || first.body.contains("href=\"/procedures?q=zezwolenie&#38;page=2\""),
        "the next page keeps the search"
    );
    let second = clerk.get("/procedures?q=zezwolenie&page=2").await;
    assert_eq!(second.body.matches("Zezwolenie nr ").count(), 10);
    assert!(second.body.contains("Poprzednia strona") && !second.body.contains("Następna strona"));
}
