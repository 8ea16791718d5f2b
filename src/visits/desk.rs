//! The clerk's desk: open the desk, call the next client, serve, finish with an
//! outcome (Std 8-11), redirect (§4.7), answer assistance requests (§5.1-5.2).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::queries::{self, CallError, Current, Waiting};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::{AppError, Result};
use crate::events::{self, Event};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct DeskOption {
    pub desk_id: Uuid,
    pub label: String,
}

#[derive(serde::Deserialize)]
pub struct AssistRow {
    pub assistance_request_id: Uuid,
    pub ticket: String,
    pub kind: String,
    pub requested_at: chrono::DateTime<Utc>,
    pub acknowledged: bool,
}

/// What the finish form holds, kept when it comes back with errors.
#[derive(Default)]
pub struct FinishInput {
    pub outcome: String,
    pub settle_by: String,
    pub contact_phone: String,
    pub consent: bool,
    pub forms_handed: String,
    pub refusal_reason: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/desk.html")]
pub struct DeskPage {
    pub ctx: PageCtx,
    pub desk: Option<String>,
    pub desks: Vec<DeskOption>,
    pub current: Option<Current>,
    pub waiting: Vec<Waiting>,
    pub assistance: Vec<AssistRow>,
    pub away_until: Option<String>,
    /// The client this clerk marked as "did not come" less than a minute ago: (visit, ticket).
    pub undo_no_show: Option<(Uuid, String)>,
    pub finish: FinishInput,
    pub errors: FormErrors,
    pub interpreter_point: String,
}

pub const OUTCOMES: [&str; 4] = ["settled", "documents_accepted", "forms_handed", "refused"];

impl DeskPage {
    pub fn minutes_since(&self, t: &chrono::DateTime<Utc>) -> i64 {
        (self.ctx.now - *t).num_minutes().max(0)
    }

    pub fn time(&self, t: &chrono::DateTime<Utc>) -> String {
        self.ctx.time(t)
    }

    pub fn outcomes(&self) -> [&'static str; 4] {
        OUTCOMES
    }

    pub fn outcome_label(&self, outcome: &str) -> &'static str {
        outcome_label(self.ctx.t, outcome)
    }

    pub fn assist_label(&self, kind: &str) -> &'static str {
        if kind == "ground_floor" { self.ctx.t.assist_ground_floor } else { self.ctx.t.assist_interpreter }
    }

    pub fn today(&self) -> NaiveDate {
        self.ctx.today()
    }

    /// The keys 1-4 that choose the outcomes, in their order.
    pub fn outcome_key(&self, index: &usize) -> usize {
        index + 1
    }

    /// Seconds since `t`, for the live timer of the service.
    pub fn seconds_since(&self, t: &chrono::DateTime<Utc>) -> i64 {
        (self.ctx.now - *t).num_seconds().max(0)
    }

    /// "3 min 05 s"
    pub fn duration(&self, t: &chrono::DateTime<Utc>) -> String {
        let s = self.seconds_since(t);
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

pub fn outcome_label(t: &crate::i18n::Texts, outcome: &str) -> &'static str {
    match outcome {
        "settled" => t.outcome_settled,
        "documents_accepted" => t.outcome_documents_accepted,
        "forms_handed" => t.outcome_forms_handed,
        "redirected" => t.outcome_redirected,
        _ => t.outcome_refused,
    }
}

async fn desk_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    finish: FinishInput,
    errors: FormErrors,
) -> Result<DeskPage> {
    // Everything of this clerk's own in one statement: the open desk, the client
    // called or served, the away notice, the "did not come" that may be taken back,
    // and the assistance requests. A request stays only while its client still
    // waits (or is this clerk's own): once a colleague's desk has called the client,
    // nobody need come any more.
    // The undo's time limit is a sub-select so that the planner does not estimate
    // it from the value: knowing that only a minute is read, it found every plan
    // of its own cheaper than the generic one and planned the statement again on
    // every desk view (0.7 ms of planning for 0.15 ms of execution); now the
    // prepared statement's generic plan, the same plan, serves.
    let own = sqlx::query!(
        r#"select od.desk_id as "desk_id?", od.number as "desk_number?",
                  (select back_at from away_notice where staff_id = $1 and ended_at is null) as away_back_at,
                  u.visit_id as "undo_visit_id?", u.ticket as "undo_ticket?",
                  (select to_jsonb(c) from (
                       select v.visit_id, v.ticket, v.status, v.case_kind_id, k.name as case_kind, v.client_name,
                              v.priority, v.ground_floor, v.video_interpreter, v.arrived_at, v.called_at, v.started_at,
                              v.delay_reason,
                              (select note from visit_redirect r where r.visit_id = v.visit_id
                               order by redirected_at desc limit 1) as redirect_note
                       from visit v left join case_kind k using (case_kind_id)
                       where v.served_by = $1 and v.status in ('called', 'serving')) c) as current,
                  (select coalesce(jsonb_agg(to_jsonb(a) order by a.requested_at), '[]') from (
                       select a.assistance_request_id, v.ticket, a.kind, a.requested_at,
                              (a.acknowledged_at is not null) as acknowledged
                       from assistance_request a join visit v using (visit_id)
                       where a.staff_id = $1 and a.arrived_at is null and (v.status = 'waiting' or v.served_by = $1)) a)
                   as "assistance!"
           from (select 1) as one
           left join lateral (select s.desk_id, d.number from desk_session s join desk d using (desk_id)
                              where s.staff_id = $1 and s.ended_at is null) od on true
           left join lateral (select visit_id, ticket from visit
                              where served_by = $1 and status = 'no_show'
                                and finished_at > (select $2::timestamptz - make_interval(secs => $3))
                              order by finished_at desc limit 1) u on true"#,
        user.staff_id,
        ctx.now,
        queries::NO_SHOW_UNDO_SECONDS as f64
    )
    .fetch_one(&state.db)
    .await?;
    let desks = if own.desk_id.is_none() {
        sqlx::query!(
            r#"select k.desk_id, k.number, k.floor, d.name as "department?" from desk k
               left join department d using (department_id)
               where k.active and not exists (select 1 from desk_session s where s.desk_id = k.desk_id and s.ended_at is null)
               order by (k.department_id is not distinct from $1) desc, k.floor, length(k.number), k.number"#,
            user.department_id
        )
        .fetch_all(&state.db)
        .await?
        .into_iter()
        .map(|r| DeskOption {
            desk_id: r.desk_id,
            label: format!("{} {}{}", ctx.t.desk_number, r.number, r.department.map(|d| format!(" ({d})")).unwrap_or_default()),
        })
        .collect()
    } else {
        Vec::new()
    };
    let json = |e: serde_json::Error| AppError::Internal(anyhow::anyhow!("desk: {e}"));
    let current: Option<Current> = own.current.map(serde_json::from_value).transpose().map_err(json)?;
    let assistance: Vec<AssistRow> = serde_json::from_value(own.assistance).map_err(json)?;
    let away_until = own.away_back_at.map(|t| t.with_timezone(&ctx.tz).format("%H:%M").to_string());
    let undo_no_show = own.undo_visit_id.zip(own.undo_ticket);
    Ok(DeskPage {
        undo_no_show,
        desk: own.desk_number,
        desks,
        current,
        waiting: queries::waiting(&state.db, user.staff_id, user.department_id, 50).await?,
        assistance,
        away_until,
        finish,
        errors,
        interpreter_point: state.config.interpreter_point.clone(),
        ctx,
    })
}

pub async fn show_desk(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<DeskPage> {
    desk_page(&state, &user, ctx, FinishInput::default(), FormErrors::default()).await
}

pub async fn open_desk(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let desk_id = form.raw("desk_id").and_then(|d| d.parse::<Uuid>().ok());
    let mut tx = state.db.begin().await?;
    let opened = match desk_id {
        Some(desk_id) => {
            sqlx::query_scalar!(
                "insert into desk_session (staff_id, desk_id, started_at)
                 select $1, desk_id, $3 from desk where desk_id = $2 and active
                 on conflict do nothing returning desk_session_id",
                user.staff_id,
                desk_id,
                ctx.now
            )
            .fetch_optional(&mut *tx)
            .await?
        }
        None => None,
    };
    let Some(opened) = opened else {
        set_flash(&session, FlashKind::Warning, ctx.t.desk_taken).await?;
        return Ok(Redirect::to("/desk").into_response());
    };
    actor
        .record(
            &mut *tx,
            Action::DeskOpened,
            Some(("desk_session", opened.to_string())),
            serde_json::json!({ "desk_id": desk_id }),
        )
        .await?;
    events::notify(&mut *tx, &Event::Board).await?;
    tx.commit().await?;
    Ok(Redirect::to("/desk").into_response())
}

pub async fn close_desk(State(state): State<AppState>, user: CurrentUser, actor: Actor) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let closed = sqlx::query_scalar!(
        "update desk_session set ended_at = $2 where staff_id = $1 and ended_at is null returning desk_session_id",
        user.staff_id,
        state.clock.now()
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(closed) = closed {
        actor
            .record(&mut *tx, Action::DeskClosed, Some(("desk_session", closed.to_string())), serde_json::json!({}))
            .await?;
        events::notify(&mut *tx, &Event::Board).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/desk").into_response())
}

async fn call(
    state: AppState,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    visit: Option<Uuid>,
) -> Result<Response> {
    let t = ctx.t;
    match queries::call(&state.db, &actor, user.staff_id, user.department_id, visit, ctx.now).await? {
        Ok(called) => {
            let mut message = ctx.fill(&ctx.fill(t.visit_called, "ticket", &called.ticket), "desk", &called.desk);
            if called.ended_away.is_some() {
                message = format!("{message} {}", t.away_ended_by_call);
            }
            set_flash(&session, FlashKind::Success, &message).await?;
        }
        Err(CallError::Gone) if visit.is_some() => return Err(AppError::Conflict),
        Err(e) => {
            let message = match e {
                CallError::NoDesk => t.desk_open_first,
                CallError::Busy => t.desk_finish_first,
                CallError::Gone => t.queue_empty,
            };
            set_flash(&session, FlashKind::Warning, message).await?;
        }
    }
    Ok(Redirect::to("/desk").into_response())
}

pub async fn call_next(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
) -> Result<Response> {
    call(state, session, user, actor, ctx, None).await
}

pub async fn call_visit(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    call(state, session, user, actor, ctx, Some(id)).await
}

/// Moves the clerk's current visit along: start, or "did not come".
async fn advance(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    id: Uuid,
    from: &[&str],
    to: &str,
    action: Action,
) -> Result<Response> {
    queries::advance_recorded(&state.db, actor, user.staff_id, id, (from, to), action, state.clock.now())
        .await?
        .ok_or(AppError::Conflict)?;
    Ok(Redirect::to("/desk").into_response())
}

pub async fn start_visit(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    advance(&state, &user, &actor, id, &["called"], "serving", Action::VisitStarted).await
}

pub async fn no_show(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    advance(&state, &user, &actor, id, &["called"], "no_show", Action::VisitNoShow).await
}

/// Calls the client again to the hall: the display shows the ticket anew and chimes.
pub async fn recall_visit(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let (ticket, desk, _) = queries::recall(&mut tx, user.staff_id, id, ctx.now).await?.ok_or(AppError::Conflict)?;
    let detail = serde_json::json!({ "ticket": ticket });
    actor.record(&mut *tx, Action::VisitRecalled, Some(("visit", id.to_string())), detail).await?;
    tx.commit().await?;
    let message = ctx.fill(&ctx.fill(ctx.t.visit_recalled, "ticket", &ticket), "desk", &desk);
    set_flash(&session, FlashKind::Success, &message).await?;
    Ok(Redirect::to("/desk").into_response())
}

/// Takes back "did not come" within a minute: the client came after all.
pub async fn undo_no_show(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let Some(department) = queries::undo_no_show(&mut tx, user.staff_id, id, ctx.now).await? else {
        set_flash(&session, FlashKind::Warning, ctx.t.visit_no_show_undo_late).await?;
        return Ok(Redirect::to("/desk").into_response());
    };
    actor.record(&mut *tx, Action::VisitNoShowUndone, Some(("visit", id.to_string())), serde_json::json!({})).await?;
    events::notify(&mut *tx, &Event::Queue { department_id: department }).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.visit_no_show_undone).await?;
    Ok(Redirect::to("/desk").into_response())
}

/// §4.2: the clerk must first finish something; the reason is kept with the visit.
pub async fn save_delay(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let reason = match form.required("delay_reason", 300, ctx.t) {
        Ok(reason) => reason,
        Err(message) => {
            let mut errors = FormErrors::labelled(&[("delay_reason", ctx.t.visit_delay_reason)])
                .asking(&[("delay_reason", ctx.t.ask_delay_reason)]);
            errors.add("delay_reason", message);
            let page = desk_page(&state, &user, ctx, FinishInput::default(), errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query!(
        "update visit set delay_reason = $3, updated_at = $4 where visit_id = $2 and served_by = $1 and status in ('called', 'serving')",
        user.staff_id,
        id,
        reason,
        state.clock.now()
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    actor.record(&mut *tx, Action::VisitDelayNoted, Some(("visit", id.to_string())), serde_json::json!({})).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.saved).await?;
    Ok(Redirect::to("/desk").into_response())
}

pub async fn finish_visit(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("outcome", t.visit_outcome),
        ("settle_by", t.visit_settle_by),
        ("contact_phone", t.visit_contact_phone),
        ("consent", t.visit_consent),
        ("forms_handed", t.visit_forms_handed),
        ("refusal_reason", t.visit_refusal_reason),
        ("note", t.visit_note),
    ])
    .asking(&[
        ("outcome", t.ask_outcome),
        ("settle_by", t.ask_settle_by),
        ("forms_handed", t.ask_forms_handed),
        ("refusal_reason", t.ask_refusal_reason),
    ]);
    let input = FinishInput {
        outcome: errors.take("outcome", form.required("outcome", 30, t)),
        settle_by: errors.take("settle_by", form.text("settle_by", 10, t)),
        contact_phone: errors.take("contact_phone", form.text("contact_phone", 25, t)),
        consent: form.checked("consent"),
        forms_handed: errors.take("forms_handed", form.text("forms_handed", 500, t)),
        refusal_reason: errors.take("refusal_reason", form.text("refusal_reason", 1000, t)),
        note: errors.take("note", form.text("note", 1000, t)),
    };
    if errors.get("outcome").is_none() && !OUTCOMES.contains(&input.outcome.as_str()) {
        errors.add("outcome", t.field_choose);
    }
    let today = ctx.today();
    let mut settle_by = None;
    let mut phone = None;
    match input.outcome.as_str() {
        // Std 11.5: the exact date; Std 11.6: a phone number only if the client agrees.
        "documents_accepted" => {
            match errors.date("settle_by", &input.settle_by, t) {
                Some(d) if d >= today => settle_by = Some(d),
                Some(_) => errors.add("settle_by", t.visit_settle_by_past),
                // The date is required here, not only well formed.
                None => errors.add("settle_by", t.ask_settle_by),
            }
            if !input.contact_phone.is_empty() {
                phone = errors.phone("contact_phone", &input.contact_phone, t).map(|p| p.to_string());
                if !input.consent {
                    errors.add("consent", t.visit_consent_needed);
                }
            }
        }
        "forms_handed" if input.forms_handed.is_empty() => errors.add("forms_handed", t.field_required),
        "refused" if input.refusal_reason.is_empty() => errors.add("refusal_reason", t.field_required),
        _ => {}
    }
    if !errors.is_empty() {
        let page = desk_page(&state, &user, ctx, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let mut tx = state.db.begin().await?;
    let department = queries::advance(&mut tx, user.staff_id, id, (&["called", "serving"], "done"), ctx.now)
        .await?
        .ok_or(AppError::Conflict)?;
    sqlx::query!(
        "update visit set outcome = $2, settle_by = $3, contact_phone = $4, forms_handed = $5, refusal_reason = $6, note = $7
         where visit_id = $1",
        id,
        input.outcome,
        settle_by,
        phone,
        nonempty(&input.forms_handed).filter(|_| input.outcome == "forms_handed"),
        nonempty(&input.refusal_reason).filter(|_| input.outcome == "refused"),
        nonempty(&input.note)
    )
    .execute(&mut *tx)
    .await?;
    actor
        .record(
            &mut *tx,
            Action::VisitFinished,
            Some(("visit", id.to_string())),
            serde_json::json!({ "outcome": input.outcome }),
        )
        .await?;
    // The desk's kiosk, if there is one, invites the client to rate the visit.
    crate::survey::invite(&mut tx, id, state.config.kiosk_invitation_valid, ctx.now).await?;
    events::notify(&mut *tx, &Event::Queue { department_id: department }).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.visit_finished).await?;
    Ok(Redirect::to("/desk").into_response())
}

/// The clerk asked to come to a client confirms, then confirms arriving (§5.1-5.2).
pub async fn acknowledge_assistance(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    assistance_step(&state, &user, &actor, id, Action::AssistanceAcknowledged).await
}

pub async fn arrive_assistance(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    assistance_step(&state, &user, &actor, id, Action::AssistanceArrived).await
}

async fn assistance_step(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Response> {
    let arrived = action == Action::AssistanceArrived;
    let mut tx = state.db.begin().await?;
    let done = sqlx::query!(
        "update assistance_request
         set acknowledged_at = coalesce(acknowledged_at, $4),
             arrived_at = case when $3 then $4 else arrived_at end
         where assistance_request_id = $1 and staff_id = $2 and arrived_at is null",
        id,
        user.staff_id,
        arrived,
        state.clock.now()
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    actor.record(&mut *tx, action, Some(("assistance_request", id.to_string())), serde_json::json!({})).await?;
    tx.commit().await?;
    Ok(Redirect::to("/desk").into_response())
}
