//! Callbacks (§6.3, Std 17.3-17.5): a question that could not be answered on the
//! phone, the promise to call back today or the next working day, every new
//! promise kept in the history, and overdue ones visible to supervisors.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::SUPERVISORS;
use crate::calendar::{self, Calendar};
use crate::error::{AppError, Result};
use crate::office::{CaseKindOption, case_kind_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

/// The calendar for promises made on `today`: the next working day is never a month away.
async fn calendar_from(db: &sqlx::PgPool, today: NaiveDate) -> sqlx::Result<Calendar> {
    calendar::load(db, today, today + chrono::Days::new(31)).await
}

pub struct CallbackRow {
    pub callback_id: Uuid,
    pub staff_name: String,
    pub caller_name: String,
    pub phone: String,
    pub question: String,
    pub due_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub promises: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "callbacks/list.html")]
pub struct CallbacksPage {
    pub ctx: PageCtx,
    pub rows: Vec<CallbackRow>,
    pub today: NaiveDate,
    /// The supervisors' list of everyone's overdue callbacks, rather than one's own.
    pub overdue_view: bool,
}

impl CallbacksPage {
    pub fn date(&self, d: &NaiveDate) -> String {
        d.format("%d.%m.%Y").to_string()
    }
}

pub async fn list_callbacks(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<CallbacksPage> {
    let today = ctx.today();
    let rows = sqlx::query_as!(
        CallbackRow,
        r#"select c.callback_id, s.full_name as staff_name, c.caller_name, c.phone, c.question, c.due_on, c.created_at,
                  (select count(*) from callback_promise p where p.callback_id = c.callback_id) as "promises!"
           from callback c join staff s using (staff_id)
           where c.staff_id = $1 and c.status = 'open' order by c.due_on, c.created_at limit 200"#,
        user.staff_id
    )
    .fetch_all(&state.db)
    .await?;
    Ok(CallbacksPage { ctx, rows, today, overdue_view: false })
}

pub async fn list_overdue(State(state): State<AppState>, ctx: PageCtx) -> Result<CallbacksPage> {
    let today = ctx.today();
    let rows = sqlx::query_as!(
        CallbackRow,
        r#"select c.callback_id, s.full_name as staff_name, c.caller_name, c.phone, c.question, c.due_on, c.created_at,
                  (select count(*) from callback_promise p where p.callback_id = c.callback_id) as "promises!"
           from callback c join staff s using (staff_id)
           where c.status = 'open' and c.due_on < $1 order by c.due_on, s.full_name limit 500"#,
        today
    )
    .fetch_all(&state.db)
    .await?;
    Ok(CallbacksPage { ctx, rows, today, overdue_view: true })
}

#[derive(Default)]
pub struct CallbackInput {
    pub caller_name: String,
    pub phone: String,
    pub question: String,
    pub case_kind_id: String,
    pub promise: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "callbacks/new.html")]
pub struct NewCallbackPage {
    pub ctx: PageCtx,
    pub input: CallbackInput,
    pub case_kinds: Vec<CaseKindOption>,
    /// Whether today is a working day (otherwise only the next working day can be promised).
    pub today_open: bool,
    pub next_day: String,
    pub errors: FormErrors,
}

async fn new_page(state: &AppState, ctx: PageCtx, input: CallbackInput, errors: FormErrors) -> Result<NewCallbackPage> {
    let today = ctx.today();
    let calendar = calendar_from(&state.db, today).await?;
    Ok(NewCallbackPage {
        ctx,
        input,
        case_kinds: case_kind_options(&state.db).await?,
        today_open: calendar.is_working_day(today),
        next_day: calendar.callback_deadline(today).format("%d.%m.%Y").to_string(),
        errors,
    })
}

pub async fn new_callback_form(State(state): State<AppState>, ctx: PageCtx) -> Result<NewCallbackPage> {
    new_page(&state, ctx, CallbackInput { promise: "today".into(), ..Default::default() }, FormErrors::default()).await
}

pub async fn create_callback(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("caller_name", t.callback_caller),
        ("phone", t.callback_phone),
        ("question", t.callback_question),
        ("case_kind_id", t.visit_case_kind),
        ("promise", t.callback_promise),
    ])
    .asking(&[("phone", t.ask_phone), ("question", t.ask_question), ("promise", t.ask_promise)]);
    let input = CallbackInput {
        caller_name: errors.take("caller_name", form.text("caller_name", 200, t)),
        phone: errors.take("phone", form.required("phone", 25, t)),
        question: errors.take("question", form.required_between("question", 2, 2000, t)),
        case_kind_id: errors.take("case_kind_id", form.text("case_kind_id", 36, t)),
        promise: errors.take("promise", form.required("promise", 10, t)),
    };
    let phone = errors.phone("phone", &input.phone, t);
    let kinds = case_kind_options(&state.db).await?;
    let case_kind_id =
        errors.choice("case_kind_id", &input.case_kind_id, |id| kinds.iter().any(|k| k.case_kind_id == id), t);
    let today = ctx.today();
    let calendar = calendar_from(&state.db, today).await?;
    let due_on = match input.promise.as_str() {
        "today" if calendar.is_working_day(today) => Some(today),
        "today" => {
            errors.add("promise", t.callback_today_closed);
            None
        }
        "next" => Some(calendar.callback_deadline(today)),
        _ => {
            if errors.get("promise").is_none() {
                errors.add("promise", t.field_choose);
            }
            None
        }
    };
    let (Some(phone), Some(due_on), true) = (phone, due_on, errors.is_empty()) else {
        let page = new_page(&state, ctx, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let id = sqlx::query_scalar!(
        "insert into callback (staff_id, caller_name, phone, question, case_kind_id, due_on, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning callback_id",
        user.staff_id,
        input.caller_name,
        phone.to_string(),
        input.question,
        case_kind_id,
        due_on,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into callback_promise (callback_id, promised_for, promised_by, promised_at) values ($1, $2, $3, $4)",
        id,
        due_on,
        user.staff_id,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    actor
        .record(
            &mut *tx,
            Action::CallbackCreated,
            Some(("callback", id.to_string())),
            serde_json::json!({ "due_on": due_on }),
        )
        .await?;
    tx.commit().await?;
    let message = ctx.fill(t.callback_created, "date", due_on.format("%d.%m.%Y"));
    set_flash(&session, FlashKind::Success, &message).await?;
    Ok(Redirect::to("/callbacks").into_response())
}

pub struct Promise {
    pub promised_for: NaiveDate,
    pub promised_at: DateTime<Utc>,
    pub by: Option<String>,
    pub note: String,
}

pub struct CallbackDetail {
    pub callback_id: Uuid,
    pub staff_id: Uuid,
    pub staff_name: String,
    pub caller_name: String,
    pub phone: String,
    pub question: String,
    pub case_kind: Option<String>,
    pub due_on: NaiveDate,
    pub status: String,
    pub outcome: Option<String>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Template, WebTemplate)]
#[template(path = "callbacks/show.html")]
pub struct CallbackPage {
    pub ctx: PageCtx,
    pub callback: CallbackDetail,
    pub promises: Vec<Promise>,
    pub mine: bool,
    pub overdue: bool,
    pub outcome: String,
    pub new_date: String,
    pub note: String,
    pub errors: FormErrors,
}

impl CallbackPage {
    pub fn date(&self, d: &NaiveDate) -> String {
        d.format("%d.%m.%Y").to_string()
    }

    pub fn tel(&self) -> String {
        self.callback.phone.replace(' ', "")
    }
}

async fn callback_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    form: (String, String, String),
    errors: FormErrors,
) -> Result<CallbackPage> {
    let callback = sqlx::query_as!(
        CallbackDetail,
        r#"select c.callback_id, c.staff_id, s.full_name as staff_name, c.caller_name, c.phone, c.question,
                  k.name as "case_kind?", c.due_on, c.status, c.outcome, c.created_at, c.closed_at
           from callback c join staff s using (staff_id) left join case_kind k using (case_kind_id)
           where c.callback_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if callback.staff_id != user.staff_id && !user.may(SUPERVISORS) {
        return Err(AppError::Forbidden);
    }
    let promises = sqlx::query_as!(
        Promise,
        r#"select p.promised_for, p.promised_at, s.full_name as "by?", p.note
           from callback_promise p left join staff s on s.staff_id = p.promised_by
           where p.callback_id = $1 order by p.promised_at"#,
        id
    )
    .fetch_all(&state.db)
    .await?;
    let today = ctx.today();
    Ok(CallbackPage {
        overdue: callback.status == "open" && callback.due_on < today,
        mine: callback.staff_id == user.staff_id,
        callback,
        promises,
        outcome: form.0,
        new_date: form.1,
        note: form.2,
        errors,
        ctx,
    })
}

pub async fn show_callback(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<CallbackPage> {
    callback_page(&state, &user, ctx, id, Default::default(), FormErrors::default()).await
}

/// Closes one's own open callback: done (with what was said) or caller unreachable.
pub async fn close_callback(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("outcome", t.callback_outcome), ("status", t.callback_result)])
        .asking(&[("outcome", t.ask_callback_outcome), ("status", t.ask_callback_status)]);
    let outcome = errors.take("outcome", form.required("outcome", 2000, t));
    let status = form.raw("status").unwrap_or("");
    if !matches!(status, "done" | "unreachable") {
        errors.add("status", t.field_choose);
    }
    if !errors.is_empty() {
        let page = callback_page(&state, &user, ctx, id, (outcome, String::new(), String::new()), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    let closed = sqlx::query!(
        "update callback set status = $3, outcome = $4, closed_at = $5, updated_at = $5
         where callback_id = $1 and staff_id = $2 and status = 'open'",
        id,
        user.staff_id,
        status,
        outcome,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    actor
        .record(
            &mut *tx,
            Action::CallbackClosed,
            Some(("callback", id.to_string())),
            serde_json::json!({ "status": status }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.callback_closed).await?;
    Ok(Redirect::to("/callbacks").into_response())
}

/// Std 17.4: when the answer is not ready, the client is told and given a new date.
pub async fn repromise_callback(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("new_date", t.callback_new_date), ("note", t.callback_repromise_note)])
        .asking(&[("new_date", t.ask_new_date), ("note", t.ask_repromise_note)]);
    let raw = errors.take("new_date", form.required("new_date", 10, t));
    let note = errors.take("note", form.required("note", 500, t));
    let today = ctx.today();
    let date = errors.date("new_date", &raw, t);
    match date {
        None => {}
        Some(d) if d < today => errors.add("new_date", t.visit_settle_by_past),
        Some(d) if !calendar::load(&state.db, d, d).await?.is_working_day(d) => {
            errors.add("new_date", t.callback_not_working_day)
        }
        Some(_) => {}
    }
    let (Some(date), true) = (date, errors.is_empty()) else {
        let page = callback_page(&state, &user, ctx, id, (String::new(), raw, note), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let moved = sqlx::query!(
        "update callback set due_on = $3, updated_at = $4 where callback_id = $1 and staff_id = $2 and status = 'open'",
        id,
        user.staff_id,
        date,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    sqlx::query!(
        "insert into callback_promise (callback_id, promised_for, promised_by, note, promised_at) values ($1, $2, $3, $4, $5)",
        id,
        date,
        user.staff_id,
        note,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    actor
        .record(
            &mut *tx,
            Action::CallbackRepromised,
            Some(("callback", id.to_string())),
            serde_json::json!({ "due_on": date }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.callback_created, "date", date.format("%d.%m.%Y"))).await?;
    Ok(Redirect::to(&format!("/callbacks/{id}")).into_response())
}
