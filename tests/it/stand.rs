//! The self-service ticket stand: enrolled like a survey tablet, it gives a resident
//! a ticket for the matter they pick, with priority, the ground floor or the
//! interpreter asked without a reason; the ticket reaches the clerk's queue; one
//! ticket per form however many taps; nobody else reads a stand's tickets.

use crate::common::{Client, TestApp, office_db};

/// The admin adds a ticket stand: the one-time code shown to enrol its tablet.
pub(crate) async fn new_stand_code(admin: &Client) -> String {
    let page =
        admin.post_form("/admin/kiosks", "/admin/kiosks", &[("name", "Automat w holu"), ("desk_id", "stand")]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page.body.find("data-kiosk-code>").expect("the code is shown") + "data-kiosk-code>".len();
    page.body[start..].split('<').next().unwrap().to_owned()
}

/// The admin adds a ticket stand; a tablet enrolled with its code.
async fn stand(app: &TestApp) -> Client {
    let admin = app.signed_in("admin").await;
    let code = new_stand_code(&admin).await;
    let list = admin.get("/admin/kiosks").await;
    assert!(list.body.contains("Automat z numerkami w holu"), "the list says what the tablet is for");
    let tablet = app.client();
    assert_eq!(tablet.post_form("/kiosk", "/kiosk/enrol", &[("code", &code)]).await.status, 303);
    tablet
}

fn field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} in {body}")) + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_takes_a_ticket_that_reaches_the_clerks_queue() {
    let app = TestApp::spawn(office_db().await).await;
    let tablet = stand(&app).await;
    // The stand's start screen: the departments, with their matters in plain words.
    let res = tablet.get("/kiosk").await;
    assert_eq!(res.status, 303);
    assert!(res.location().unwrap().starts_with("/kiosk/stand"), "a stand shows the stand, not the survey");
    let start = tablet.get("/kiosk/stand?lang=uk").await;
    assert_eq!(start.status, 200);
    assert!(start.body.contains("lang=\"uk\"") && start.body.contains("Візьміть номер"));
    assert!(start.body.contains("Wydział Komunikacji") && start.body.contains("Rejestracja pojazdu"));

    let km = app.department_id("KM").await;
    let matters = tablet.get(&format!("/kiosk/stand?lang=pl&department={km}")).await;
    assert!(
        matters.body.contains("W jakiej sprawie przychodzisz?") && matters.body.contains("Nie musisz podawać powodu")
    );
    let car = app.case_kind_id("Rejestracja pojazdu").await;
    let submission = field(&matters.body, "submission");
    let body = format!("lang=pl&department={km}&submission={submission}&matter={car}&priority=1");
    let res = tablet.post_raw("/kiosk/tickets", body.clone()).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let ticket_page = res.location().unwrap().to_owned();
    let ticket = tablet.get(&ticket_page).await;
    assert_eq!(ticket.status, 200);
    assert!(ticket.body.contains(">K001<") && ticket.body.contains("Przed Tobą w kolejce: 0"), "{}", ticket.body);
    assert!(ticket.body.contains("poza kolejnością"));

    // A second tap on the same form gives the same ticket, not a second one.
    let again = tablet.post_raw("/kiosk/tickets", body).await;
    assert_eq!(again.location(), Some(ticket_page.as_str()));
    let count: i64 = sqlx::query_scalar("select count(*) from visit").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 1);
    let (priority, by): (bool, Option<uuid::Uuid>) =
        sqlx::query_as("select priority, registered_by from visit").fetch_one(&app.db).await.unwrap();
    assert!(priority && by.is_none(), "out of turn as asked, registered by nobody at the office");

    // The clerk of the Wydział Komunikacji has the client in the queue, out of turn.
    let clerk = app.clerk_at_desk("clerk", "4").await;
    let desk = clerk.get("/desk").await;
    assert!(desk.body.contains(">K001") && desk.body.contains("Poza kolejnością"), "{}", desk.body);

    // Nobody else reads the stand's tickets: not another browser, not a staff member.
    assert_eq!(app.client().get(&ticket_page).await.status, 403);
    assert_eq!(clerk.get(&ticket_page).await.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stand_asks_again_for_a_matter_it_does_not_know_and_records_nothing() {
    let app = TestApp::spawn(office_db().await).await;
    let tablet = stand(&app).await;
    let km = app.department_id("KM").await;
    let usc_matter = app.case_kind_id("Odpis aktu stanu cywilnego").await;
    for matter in ["", "zzz", &usc_matter.to_string()] {
        let res = tablet.post_raw("/kiosk/tickets", format!("lang=en&department={km}&matter={matter}")).await;
        assert_eq!(res.status, 422, "{matter}");
        assert!(res.body.contains("Choose what you have come about."));
    }
    // "Something else in this department" is a matter too, and a ground floor request
    // reaches a clerk of the department at a desk.
    let asked = app.clerk_at_desk("magdalena.kozlowska", "3").await;
    let res = tablet.post_raw("/kiosk/tickets", format!("lang=pl&department={km}&matter=other&ground_floor=1")).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(asked.get("/desk").await.body.contains("Prośba o podejście do klienta"));
    let count: i64 = sqlx::query_scalar("select count(*) from visit").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_tablet_is_no_stand_and_a_stand_gives_no_answers() {
    let app = TestApp::spawn_with(office_db().await, &[("STAND_TICKETS_PER_MINUTE", "2")]).await;
    let admin = app.signed_in("admin").await;
    let page =
        admin.post_form("/admin/kiosks", "/admin/kiosks", &[("name", "Tablet przy wyjściu"), ("desk_id", "")]).await;
    let start = page.body.find("data-kiosk-code>").unwrap() + "data-kiosk-code>".len();
    let code = page.body[start..].split('<').next().unwrap().to_owned();
    let survey = app.client();
    assert_eq!(survey.post_form("/kiosk", "/kiosk/enrol", &[("code", &code)]).await.status, 303);
    let res = survey.get("/kiosk/stand").await;
    assert_eq!((res.status, res.location()), (303, Some("/kiosk")));
    let km = app.department_id("KM").await;
    let res = survey.post_raw("/kiosk/tickets", format!("lang=pl&department={km}&matter=other")).await;
    assert_eq!(res.status, 303, "a survey tablet is sent back to its own screen");
    let count: i64 = sqlx::query_scalar("select count(*) from visit").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);

    let tablet = stand(&app).await;
    assert_eq!(tablet.post_raw("/kiosk/answers", "lang=pl&comment=x").await.status, 403);
    // A finger stuck on the button: the third ticket within the minute waits.
    for expected in [303, 303, 429] {
        let res = tablet.post_raw("/kiosk/tickets", format!("lang=pl&department={km}&matter=other")).await;
        assert_eq!(res.status, expected);
    }
}
