//! Callbacks: promised for today or the next working day (the office's own days off
//! included), overdue ones stand out and reach supervisors, every promise is kept.

use crate::common::{TestApp, office_db};
use chrono::{Datelike, NaiveDate, Utc, Weekday};
use okienko::calendar::{Calendar, local_date};

fn today() -> NaiveDate {
    local_date(Utc::now(), &chrono_tz::Europe::Warsaw)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_is_promised_for_the_next_working_day_skipping_the_offices_own_days_off() {
    let app = TestApp::spawn(office_db().await).await;
    let statutory = Calendar::statutory_only();
    let closed = statutory.next_working_day(today());
    let director = app.signed_in("director").await;
    let res = director
        .post_form(
            "/admin/closed-days",
            "/admin/closed-days",
            &[("day", &closed.format("%d.%m.%Y").to_string()), ("reason", "Dzień wolny za święto")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let clerk = app.signed_in("clerk").await;
    let form = clerk.get("/callbacks/new").await;
    let expected = Calendar::new([closed]).callback_deadline(today());
    assert!(expected > closed, "the office's day off is skipped");
    assert!(form.body.contains(&expected.format("%d.%m.%Y").to_string()), "the form names the promised date");

    let res = clerk
        .post_form(
            "/callbacks/new",
            "/callbacks",
            &[
                ("caller_name", "Ewa Lis"),
                ("phone", "600 700 800"),
                ("question", "Czy mogę zapłacić kartą?"),
                ("promise", "next"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let due: NaiveDate = sqlx::query_scalar("select due_on from callback").fetch_one(&app.db).await.unwrap();
    assert_eq!(due, expected);
    let promises: i64 = sqlx::query_scalar("select count(*) from callback_promise").fetch_one(&app.db).await.unwrap();
    assert_eq!(promises, 1, "the first promise is kept in the history");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_and_the_question_are_checked_and_the_form_keeps_what_was_typed() {
    let app = TestApp::spawn(office_db().await).await;
    let clerk = app.signed_in("clerk").await;
    let res = clerk
        .post_form(
            "/callbacks/new",
            "/callbacks",
            &[("caller_name", "Ewa Lis"), ("phone", "12 34"), ("promise", "next")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Wpisz istniejący numer telefonu"));
    assert!(res.body.contains(">Wpisz pytanie klienta<"), "the empty question is asked for as itself");
    assert!(!res.body.contains("Wpisz wartość w tym polu"));
    assert!(res.body.contains("value=\"Ewa Lis\""));
    let count: i64 = sqlx::query_scalar("select count(*) from callback").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);

    // A landline keeps its area code as typed (it was regrouped as +48 447 321 122).
    let res = clerk
        .post_form(
            "/callbacks/new",
            "/callbacks",
            &[("caller_name", "Ewa Lis"), ("phone", "44 732 11 22"), ("question", "Termin?"), ("promise", "next")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let phone: String = sqlx::query_scalar("select phone from callback").fetch_one(&app.db).await.unwrap();
    assert_eq!(phone, "+48 44 732 11 22");
}

async fn insert_callback(app: &TestApp, login: &str, due: NaiveDate) -> uuid::Uuid {
    let staff = app.staff_id(login).await;
    let id: uuid::Uuid = sqlx::query_scalar(
        "insert into callback (staff_id, caller_name, phone, question, due_on) values ($1, 'Adam Wrona', '+48 601 000 111', 'Kiedy decyzja?', $2) returning callback_id",
    )
    .bind(staff)
    .bind(due)
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query("insert into callback_promise (callback_id, promised_for, promised_by) values ($1, $2, $3)")
        .bind(id)
        .bind(due)
        .bind(staff)
        .execute(&app.db)
        .await
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_callbacks_stand_out_and_supervisors_see_everyones() {
    let app = TestApp::spawn(office_db().await).await;
    let overdue = insert_callback(&app, "clerk", today() - chrono::Duration::days(3)).await;
    insert_callback(&app, "clerk", today() + chrono::Duration::days(1)).await;

    let clerk = app.signed_in("clerk").await;
    let list = clerk.get("/callbacks").await;
    assert_eq!(list.body.matches("po terminie").count(), 1);
    assert!(list.body.find("po terminie").unwrap() < list.body.rfind("Adam Wrona").unwrap(), "most urgent first");
    assert!(clerk.get("/").await.body.contains("Otwarte: 2, po terminie: 1"));

    let supervisor = app.signed_in("supervisor").await;
    let page = supervisor.get("/callbacks/overdue").await;
    assert!(page.body.contains("Katarzyna Nowak") && page.body.contains(&format!("/callbacks/{overdue}")));
    assert_eq!(page.body.matches("Adam Wrona").count(), 1, "only the overdue one");
    assert_eq!(supervisor.get(&format!("/callbacks/{overdue}")).await.status, 200, "a supervisor may open it");
    assert_eq!(
        app.signed_in("anna.kowalczyk").await.get(&format!("/callbacks/{overdue}")).await.status,
        403,
        "a colleague may not"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_date_is_given_only_for_a_working_day_and_every_promise_is_kept() {
    let app = TestApp::spawn(office_db().await).await;
    let id = insert_callback(&app, "clerk", today()).await;
    let clerk = app.signed_in("clerk").await;
    let page = format!("/callbacks/{id}");

    let mut saturday = today() + chrono::Duration::days(1);
    while saturday.weekday() != Weekday::Sat {
        saturday += chrono::Duration::days(1);
    }
    let res = clerk
        .post_form(
            &page,
            &format!("/callbacks/{id}/repromise"),
            &[("new_date", &saturday.format("%d.%m.%Y").to_string()), ("note", "Zadzwoniłam, odpowiedź później")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("nie jest dniem roboczym"));

    let monday = saturday + chrono::Duration::days(2);
    let working = Calendar::statutory_only().working_day_on_or_after(monday);
    let res = clerk
        .post_form(
            &page,
            &format!("/callbacks/{id}/repromise"),
            &[("new_date", &working.format("%d.%m.%Y").to_string()), ("note", "Zadzwoniłam, odpowiedź w poniedziałek")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let history = clerk.get(&page).await;
    assert_eq!(history.body.matches("obiecano na").count(), 2, "both promises are in the history");

    let res = clerk
        .post_form(
            &page,
            &format!("/callbacks/{id}/close"),
            &[("status", "done"), ("outcome", "Decyzja wydana, do odbioru.")],
        )
        .await;
    assert_eq!(res.status, 303);
    let status: String = sqlx::query_scalar("select status from callback where callback_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "done");
    let res =
        clerk.post_form(&page, &format!("/callbacks/{id}/close"), &[("status", "done"), ("outcome", "again")]).await;
    assert_eq!(res.status, 409, "closing twice is refused");
}

#[test]
fn due_dates_skip_weekends_and_polish_holidays() {
    let calendar = Calendar::statutory_only();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(calendar.callback_deadline(d(2026, 4, 3)), d(2026, 4, 7), "Good Friday -> Tuesday after Easter Monday");
    assert_eq!(calendar.callback_deadline(d(2026, 12, 23)), d(2026, 12, 28), "24-26 December");
    assert_eq!(calendar.callback_deadline(d(2026, 4, 30)), d(2026, 5, 4), "1 and 3 May");
    assert_eq!(calendar.callback_deadline(d(2026, 11, 10)), d(2026, 11, 12), "11 November");
    assert_eq!(calendar.callback_deadline(d(2026, 11, 6)), d(2026, 11, 9), "Friday -> Monday");
}
