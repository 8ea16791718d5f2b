//! Registering a client who comes in: the information point or the clerk (§4.2, §5.1, §5.2).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use super::queries::{self, NewVisit};
use super::ticket::{self, QueueNow};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::events::{self, Event};
use crate::office::{CaseKindOption, case_kind_options};
use crate::office::{DepartmentOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

#[derive(Default)]
pub struct VisitInput {
    pub department_id: String,
    pub case_kind_id: String,
    pub client_name: String,
    pub client_phone: String,
    pub priority: bool,
    pub ground_floor: bool,
    pub video_interpreter: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub input: VisitInput,
    pub departments: Vec<DepartmentOption>,
    pub case_kinds: Vec<CaseKindOption>,
    pub errors: FormErrors,
    pub interpreter_point: String,
    /// Each department's queue now, and about how long a new client would wait.
    pub queues: Vec<QueueNow>,
    /// Today's tickets still waiting, newest first, to print again.
    pub waiting: Vec<WaitingTicket>,
}

pub struct WaitingTicket {
    pub visit_id: Uuid,
    pub ticket: String,
    pub department: String,
    pub arrived_at: chrono::DateTime<chrono::Utc>,
}

impl RegisterPage {
    /// "about 15 min" for a client registered now in this department.
    pub fn wait(&self, queue: &QueueNow) -> String {
        // The staff's words: the resident's ("we will call you") do not fit a table.
        let t = self.ctx.t;
        ticket::wait_in((t.queues_wait_about, t.queues_wait_now, t.queues_no_desk), queue.wait_for(queue.waiting))
    }

    pub fn time(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        t.with_timezone(&self.ctx.tz).format("%H:%M").to_string()
    }
}

/// The form with the queues beside it (also when it comes back with errors).
async fn register_page(state: &AppState, ctx: PageCtx, input: VisitInput, errors: FormErrors) -> Result<RegisterPage> {
    let queues = ticket::queues(&state.db, ctx.today(), ctx.now).await?;
    let waiting = sqlx::query_as!(
        WaitingTicket,
        "select v.visit_id, v.ticket, d.name as department, v.arrived_at
         from visit v join department d using (department_id)
         where v.ticket_day = $1 and v.status = 'waiting' order by v.arrived_at desc limit 20",
        ctx.today()
    )
    .fetch_all(&state.db)
    .await?;
    Ok(RegisterPage {
        input,
        departments: department_options(&state.db).await?,
        case_kinds: case_kind_options(&state.db).await?,
        errors,
        interpreter_point: state.config.interpreter_point.clone(),
        queues,
        waiting,
        ctx,
    })
}

pub async fn register_form(State(state): State<AppState>, ctx: PageCtx) -> Result<RegisterPage> {
    register_page(&state, ctx, VisitInput::default(), FormErrors::default()).await
}

pub async fn register_visit(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let departments = department_options(&state.db).await?;
    let case_kinds = case_kind_options(&state.db).await?;
    let mut errors = FormErrors::labelled(&[
        ("case_kind_id", t.visit_case_kind),
        ("department_id", t.staff_department),
        ("client_name", t.visit_client_name),
        ("client_phone", t.visit_client_phone),
    ])
    .asking(&[
        ("case_kind_id", t.ask_case_kind),
        ("department_id", t.ask_department),
        ("client_name", t.ask_client_name),
        ("client_phone", t.ask_client_phone),
    ]);
    let input = VisitInput {
        department_id: errors.take("department_id", form.text("department_id", 36, t)),
        case_kind_id: errors.take("case_kind_id", form.text("case_kind_id", 36, t)),
        client_name: errors.take("client_name", form.text("client_name", 200, t)),
        client_phone: errors.take("client_phone", form.text("client_phone", 25, t)),
        priority: form.checked("priority"),
        ground_floor: form.checked("ground_floor"),
        video_interpreter: form.checked("video_interpreter"),
    };
    let case_kind = errors
        .choice("case_kind_id", &input.case_kind_id, |id| case_kinds.iter().any(|k| k.case_kind_id == id), t)
        .and_then(|id| case_kinds.iter().find(|k| k.case_kind_id == id));
    // The case kind decides the department; without one, the department must be chosen.
    let department_id = match (case_kind, input.department_id.as_str()) {
        (Some(kind), _) => Some(kind.department_id),
        (None, "") => {
            if errors.get("case_kind_id").is_none() {
                errors.add("case_kind_id", t.visit_case_or_department);
            }
            None
        }
        (None, raw) => errors.choice("department_id", raw, |id| departments.iter().any(|d| d.department_id == id), t),
    };
    let phone = errors.phone("client_phone", &input.client_phone, t);
    let (Some(department_id), true) = (department_id, errors.is_empty()) else {
        let page = register_page(&state, ctx, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let visit = NewVisit {
        department_id,
        case_kind_id: case_kind.map(|k| k.case_kind_id),
        client_name: Some(input.client_name.clone()).filter(|n| !n.is_empty()),
        client_phone: phone.map(|p| p.to_string()),
        priority: input.priority,
        ground_floor: input.ground_floor,
        video_interpreter: input.video_interpreter,
        registered_by: Some(user.staff_id),
        stand: None,
    };
    let today = ctx.today();
    let mut tx = state.db.begin().await?;
    let (visit_id, ticket) = queries::register(&mut tx, &visit, today, ctx.now).await?;
    actor
        .record(
            &mut *tx,
            Action::VisitRegistered,
            Some(("visit", visit_id.to_string())),
            serde_json::json!({ "ticket": ticket, "priority": visit.priority }),
        )
        .await?;
    let mut message = ctx.fill(t.visit_registered, "ticket", &ticket);
    for (needed, kind) in [(visit.ground_floor, "ground_floor"), (visit.video_interpreter, "video_interpreter")] {
        if !needed {
            continue;
        }
        match ask_for_clerk(&mut tx, &visit, visit_id, kind, ctx.now, &ctx.tz).await? {
            Some(name) => message = format!("{message} {}", ctx.fill(t.assist_asked, "name", &name)),
            None => message = format!("{message} {}", t.assist_nobody),
        }
    }
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &message).await?;
    Ok(Redirect::to(&format!("/visits/{visit_id}/ticket?print=1")).into_response())
}

/// Asks the competent clerk at a desk (or any clerk of the department at a desk) to
/// come to the client; returns their name, or None when nobody is at a desk.
pub(super) async fn ask_for_clerk(
    tx: &mut sqlx::PgConnection,
    visit: &NewVisit,
    visit_id: Uuid,
    kind: &str,
    now: chrono::DateTime<chrono::Utc>,
    tz: &chrono_tz::Tz,
) -> sqlx::Result<Option<String>> {
    let today = crate::calendar::local_date(now, tz);
    let chosen = sqlx::query!(
        "select s.staff_id, s.full_name from staff s
         join staff_role r on r.staff_id = s.staff_id and r.role = 'clerk'
         join desk_session ds on ds.staff_id = s.staff_id and ds.ended_at is null
         where s.active
           and not exists (select 1 from away_notice a where a.staff_id = s.staff_id and a.ended_at is null)
           and not exists (select 1 from absence a where a.staff_id = s.staff_id and $3::date between a.first_day and a.last_day)
           and (s.department_id = $1 or exists (select 1 from staff_competence c where c.staff_id = s.staff_id and c.case_kind_id = $2))
         order by exists (select 1 from staff_competence c where c.staff_id = s.staff_id and c.case_kind_id = $2) desc,
                  (select count(*) from assistance_request a where a.staff_id = s.staff_id and a.arrived_at is null),
                  s.full_name
         limit 1",
        visit.department_id,
        visit.case_kind_id,
        today
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(chosen) = chosen else { return Ok(None) };
    sqlx::query!(
        "insert into assistance_request (visit_id, kind, staff_id, requested_by, requested_at) values ($1, $2, $3, $4, $5)",
        visit_id,
        kind,
        chosen.staff_id,
        visit.registered_by,
        now
    )
    .execute(&mut *tx)
    .await?;
    events::notify(&mut *tx, &Event::Assistance { staff_id: chosen.staff_id }).await?;
    Ok(Some(chosen.full_name))
}
