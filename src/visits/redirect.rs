//! Sending a client to the competent colleague who is available (§4.7, Std 6.8,
//! Std 17.7-17.11). The visit keeps its place: it is ordered by its arrival.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::directory::handlers::presence_text;
use crate::directory::{Colleague, Filter, colleagues};
use crate::error::{AppError, Result};
use crate::events::{self, Event};
use crate::office::{DepartmentOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

#[derive(Deserialize, Default)]
pub struct RedirectQuery {
    #[serde(default)]
    pub department: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/redirect.html")]
pub struct RedirectPage {
    pub ctx: PageCtx,
    pub visit_id: Uuid,
    pub ticket: String,
    pub case_kind: Option<String>,
    pub department: String,
    pub departments: Vec<DepartmentOption>,
    pub colleagues: Vec<Colleague>,
    pub chosen: String,
    pub note: String,
    pub errors: FormErrors,
}

impl RedirectPage {
    pub fn presence(&self, colleague: &Colleague) -> (String, &'static str) {
        presence_text(&self.ctx, &colleague.presence)
    }

    /// Away all day: cannot be chosen (a client sent there would wait in vain).
    pub fn absent(&self, colleague: &Colleague) -> bool {
        matches!(colleague.presence, crate::directory::Presence::Absent { .. })
    }
}

struct VisitToSend {
    ticket: String,
    case_kind_id: Option<Uuid>,
    case_kind: Option<String>,
    department_id: Uuid,
}

/// A visit this clerk may send on: the one they serve, or one waiting in their queue.
async fn visit_to_send(state: &AppState, user: &CurrentUser, id: Uuid) -> Result<VisitToSend> {
    sqlx::query_as!(
        VisitToSend,
        r#"select v.ticket, v.case_kind_id, k.name as "case_kind?", v.department_id
           from visit v left join case_kind k using (case_kind_id)
           where v.visit_id = $1
             and ((v.served_by = $2 and v.status in ('called', 'serving'))
                  or (v.status = 'waiting' and (v.assigned_staff_id = $2
                      or (v.assigned_staff_id is null and v.department_id = $3))))"#,
        id,
        user.staff_id,
        user.department_id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::Conflict)
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    department: String,
    chosen: String,
    note: String,
    errors: FormErrors,
) -> Result<RedirectPage> {
    let visit = visit_to_send(state, user, id).await?;
    let departments = department_options(&state.db).await?;
    let department_id = department.parse::<Uuid>().ok().or(Some(visit.department_id));
    // The department's staff and everyone competent: a short list, shown whole.
    let filter = Filter {
        words: &[],
        case_kind_id: visit.case_kind_id,
        department_id,
        exclude: Some(user.staff_id),
        limit: 200,
        offset: 0,
    };
    let colleagues = colleagues(&state.db, &filter, ctx.now, &ctx.tz).await?;
    Ok(RedirectPage {
        ctx,
        visit_id: id,
        ticket: visit.ticket,
        case_kind: visit.case_kind,
        department: department_id.map(|d| d.to_string()).unwrap_or_default(),
        departments,
        colleagues,
        chosen,
        note,
        errors,
    })
}

pub async fn redirect_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    Query(query): Query<RedirectQuery>,
) -> Result<RedirectPage> {
    page(&state, &user, ctx, id, query.department, String::new(), String::new(), FormErrors::default()).await
}

pub async fn redirect_visit(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("to_staff_id", t.redirect_to), ("note", t.redirect_note)])
        .asking(&[("to_staff_id", t.ask_redirect_to), ("note", t.ask_redirect_note)]);
    let chosen = errors.take("to_staff_id", form.required("to_staff_id", 36, t));
    let note = errors.take("note", form.required("note", 500, t));
    let department = form.raw("department").unwrap_or("").to_owned();
    let to = chosen.parse::<Uuid>().ok();
    let visit = visit_to_send(&state, &user, id).await?;
    // The colleague, and whether they are here today: away all day (leave, training...)
    // means a client sent to them would wait in vain; away for a while is fine.
    let target = match to {
        Some(to) if to != user.staff_id => {
            sqlx::query!(
                r#"select s.full_name, s.department_id,
                          (select a.kind from absence a where a.staff_id = s.staff_id
                             and $2::date between a.first_day and a.last_day limit 1) as "absence?",
                          (select n.back_at from away_notice n where n.staff_id = s.staff_id and n.ended_at is null) as "back_at?"
                   from staff s where s.staff_id = $1 and s.active"#,
                to,
                ctx.today()
            )
            .fetch_optional(&state.db)
            .await?
        }
        _ => None,
    };
    match &target {
        None if errors.get("to_staff_id").is_none() => errors.add("to_staff_id", t.field_choose),
        Some(target) if target.absence.is_some() => {
            let kind = crate::directory::absence_for_colleagues(t, target.absence.as_deref().unwrap_or_default())
                .unwrap_or(t.absence_not_said);
            errors.add("to_staff_id", ctx.fill(&ctx.fill(t.redirect_absent, "name", &target.full_name), "kind", kind))
        }
        _ => {}
    }
    let (Some(to), Some(target), true) = (to, target, errors.is_empty()) else {
        let page = page(&state, &user, ctx, id, department, chosen, note, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    // Back to waiting, in the colleague's queue, with its arrival time (and so its place) kept.
    let moved = sqlx::query!(
        "update visit set status = 'waiting', assigned_staff_id = $2, department_id = coalesce($3, department_id),
                served_by = null, desk_id = null, called_at = null, started_at = null, updated_at = $4
         where visit_id = $1
           -- the same ownership as when the visit was read: a colleague who called
           -- the client in between keeps them
           and ((served_by = $5 and status in ('called', 'serving'))
                or (status = 'waiting' and (assigned_staff_id = $5
                    or (assigned_staff_id is null and department_id = $6))))",
        id,
        to,
        target.department_id,
        ctx.now,
        user.staff_id,
        user.department_id
    )
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    sqlx::query!(
        "insert into visit_redirect (visit_id, from_staff_id, to_staff_id, note, redirected_at) values ($1, $2, $3, $4, $5)",
        id,
        user.staff_id,
        to,
        note,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    actor
        .record(&mut *tx, Action::VisitRedirected, Some(("visit", id.to_string())), serde_json::json!({ "to": to }))
        .await?;
    events::notify(&mut *tx, &Event::Queue { department_id: visit.department_id }).await?;
    if let Some(d) = target.department_id.filter(|d| *d != visit.department_id) {
        events::notify(&mut *tx, &Event::Queue { department_id: d }).await?;
    }
    tx.commit().await?;
    let mut message = ctx.fill(&ctx.fill(t.visit_redirected, "ticket", &visit.ticket), "name", &target.full_name);
    if let Some(back_at) = target.back_at {
        let time = back_at.with_timezone(&ctx.tz).format("%H:%M");
        message =
            format!("{message} {}", ctx.fill(&ctx.fill(t.redirect_back_at, "name", &target.full_name), "time", time));
    }
    set_flash(&session, FlashKind::Success, &message).await?;
    Ok(Redirect::to("/desk").into_response())
}
