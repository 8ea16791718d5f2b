//! The staff directory and who is where: at a desk, away until when (and late), absent.

use crate::common::{TestApp, office_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_finds_the_competent_colleague_in_the_clients_words() {
    let app = TestApp::spawn(office_db().await).await;
    let info = app.signed_in("info_point").await;
    let page = info.get("/directory?q=dowod").await;
    assert!(page.body.contains("Agnieszka Mazur"), "competent for ID cards, found without Polish letters");
    assert!(!page.body.contains("Michał Wójcik"));
    let page = info.get("/directory?q=W%C3%B3jcik").await;
    assert!(page.body.contains("Michał Wójcik") && page.body.contains("44 732 18 81"), "name and direct phone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_follows_the_desk_the_away_notice_and_absences() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let viewer = app.signed_in("info_point").await;
    let row = |page: &crate::common::Page| {
        let start = page.body.find("Katarzyna Nowak").unwrap();
        page.body[start..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(row(&viewer.get("/directory?q=nowak").await).contains("Przy stanowisku 4"));

    let barbara = app.staff_id("barbara.pawlowska").await.to_string();
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Warsaw);
    // In the last half hour of the day "back at" cannot be later today; the rest still runs.
    if now.format("%H:%M").to_string().as_str() < "23:29" {
        let back = (now + chrono::Duration::minutes(30)).format("%H:%M").to_string();
        let res = clerk.post_form("/away", "/away", &[("back_at", &back), ("substitute", &barbara)]).await;
        assert_eq!(res.status, 303, "{}", res.body);
        let shown = row(&viewer.get("/directory?q=nowak").await);
        assert!(
            shown.contains(&format!("Wraca o {back}")) && shown.contains("zastępstwo: Barbara Pawłowska"),
            "{shown}"
        );
        let hall = app.client().get("/display").await;
        assert!(
            hall.body.contains("Katarzyna Nowak") && hall.body.contains(&back),
            "the notice is on the public board, signed"
        );
    }
    let res = clerk.post_form("/away", "/away", &[("back_at", "00:00")]).await;
    assert_eq!(res.status, 422, "a time already past is refused");

    // Past the time given: the notice says so, for supervisors to see.
    sqlx::query("delete from away_notice").execute(&app.db).await.unwrap();
    sqlx::query("insert into away_notice (staff_id, started_at, back_at) values ($1, now() - interval '1 hour', now() - interval '10 minutes')")
        .bind(app.staff_id("clerk").await)
        .execute(&app.db)
        .await
        .unwrap();
    assert!(row(&viewer.get("/directory?q=nowak").await).contains("spóźnia się"));
    assert!(app.signed_in("supervisor").await.get("/").await.body.contains("Spóźnione powroty na stanowisko: 1"));

    assert_eq!(clerk.post_form("/desk", "/away/end", &[]).await.status, 303);
    assert!(row(&viewer.get("/directory?q=nowak").await).contains("Przy stanowisku 4"), "the notice ends on return");

    let supervisor = app.signed_in("supervisor").await;
    let today =
        okienko::calendar::local_date(chrono::Utc::now(), &chrono_tz::Europe::Warsaw).format("%d.%m.%Y").to_string();
    let staff = app.staff_id("clerk").await.to_string();
    let res = supervisor
        .post_form(
            "/absences",
            "/absences",
            &[("staff_id", &staff), ("first_day", &today), ("last_day", &today), ("kind", "training")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(row(&viewer.get("/directory?q=nowak").await).contains("Nieobecność: szkolenie"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absence_cannot_end_before_it_starts() {
    let app = TestApp::spawn(office_db().await).await;
    let supervisor = app.signed_in("supervisor").await;
    let staff = app.staff_id("clerk").await.to_string();
    let res = supervisor
        .post_form(
            "/absences",
            "/absences",
            &[("staff_id", &staff), ("first_day", "10.12.2026"), ("last_day", "01.12.2026"), ("kind", "leave")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Ostatni dzień nie może być wcześniejszy niż pierwszy"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleagues_sick_leave_is_seen_by_supervisors_only() {
    // Sick leave is health data of staff: colleagues learn only that the person is away.
    let app = TestApp::spawn(office_db().await).await;
    let supervisor = app.signed_in("supervisor").await;
    let today =
        okienko::calendar::local_date(chrono::Utc::now(), &chrono_tz::Europe::Warsaw).format("%d.%m.%Y").to_string();
    let staff = app.staff_id("clerk").await.to_string();
    let res = supervisor
        .post_form(
            "/absences",
            "/absences",
            &[("staff_id", &staff), ("first_day", &today), ("last_day", &today), ("kind", "sick")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(supervisor.get("/absences").await.body.contains("zwolnienie lekarskie"), "the supervisor knows why");

    let colleague = app.signed_in("magdalena.kozlowska").await;
    let directory = colleague.get("/directory?q=nowak").await.body;
    assert!(directory.contains("Nieobecność"), "the directory says she is away");
    assert!(!directory.contains("zwolnienie lekarskie") && !directory.contains("lekarsk"), "but not why");

    // Sending a client to her is refused without the reason either.
    let info = app.signed_in("info_point").await;
    let ticket = app.register(&info, "Rejestracja pojazdu", &[]).await;
    let desk = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let token = desk.get("/desk").await.csrf();
    let called = desk.post_with_token("/desk/call-next", &token, &[]).await;
    assert_eq!(called.status, 303);
    let id = app.visit_id(&ticket).await;
    let form = desk.get(&format!("/desk/visits/{id}/redirect")).await;
    assert!(!form.body.contains("lekarsk"), "the redirect list does not say it");
    let res = desk
        .post_with_token(
            &format!("/desk/visits/{id}/redirect"),
            &form.csrf(),
            &[("to_staff_id", &staff), ("note", "x")],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("powód znany przełożonym") && !res.body.contains("lekarsk"));
}
