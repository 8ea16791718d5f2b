//! Away notices (§4.11, Std 7.3): "back at HH:MM, meanwhile ask X", signed, ended on
//! return; and whole-day absences recorded by supervisors.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::events::{self, Event};
use crate::office::{StaffOption, staff_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

#[derive(Template, WebTemplate)]
#[template(path = "directory/away.html")]
pub struct AwayPage {
    pub ctx: PageCtx,
    pub back_at: String,
    pub substitute: String,
    pub colleagues: Vec<StaffOption>,
    /// The notice in force, if the employee is away now: (back at HH:MM, substitute).
    pub current: Option<(String, Option<String>)>,
    pub errors: FormErrors,
}

async fn current_notice(state: &AppState, ctx: &PageCtx, staff_id: Uuid) -> Result<Option<(String, Option<String>)>> {
    let row = sqlx::query!(
        r#"select a.back_at, s.full_name as "substitute?" from away_notice a
           left join staff s on s.staff_id = a.substitute_staff_id
           where a.staff_id = $1 and a.ended_at is null"#,
        staff_id
    )
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(|r| (r.back_at.with_timezone(&ctx.tz).format("%H:%M").to_string(), r.substitute)))
}

pub async fn away_form(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<AwayPage> {
    let current = current_notice(&state, &ctx, user.staff_id).await?;
    Ok(AwayPage {
        back_at: String::new(),
        substitute: String::new(),
        colleagues: staff_options(&state.db, Some(user.staff_id)).await?,
        current,
        errors: FormErrors::default(),
        ctx,
    })
}

/// Reads "HH:MM" as a moment later today in the office's time zone.
pub fn back_today(raw: &str, ctx: &PageCtx) -> Option<chrono::DateTime<Utc>> {
    let time = NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok()?;
    let today = ctx.today();
    ctx.tz.from_local_datetime(&today.and_time(time)).earliest().map(|t| t.with_timezone(&Utc))
}

pub async fn set_away(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let colleagues = staff_options(&state.db, Some(user.staff_id)).await?;
    let mut errors = FormErrors::labelled(&[("back_at", t.away_back_at), ("substitute", t.away_substitute)])
        .asking(&[("back_at", t.ask_back_at), ("substitute", t.ask_substitute)]);
    let back_raw = errors.take("back_at", form.required("back_at", 5, t));
    let typed = back_today(&back_raw, &ctx);
    let back_at = typed.filter(|b| *b > ctx.now);
    if errors.get("back_at").is_none() && back_at.is_none() {
        // "14.45" is a time written with a dot, not a time in the past: say which.
        errors.add("back_at", if typed.is_none() { t.ask_back_at } else { t.away_back_at_past });
    }
    let substitute_raw = errors.take("substitute", form.text("substitute", 36, t));
    let substitute = errors.choice("substitute", &substitute_raw, |id| colleagues.iter().any(|c| c.staff_id == id), t);
    let (Some(back_at), true) = (back_at, errors.is_empty()) else {
        let current = current_notice(&state, &ctx, user.staff_id).await?;
        let page = AwayPage { ctx, back_at: back_raw, substitute: substitute_raw, colleagues, current, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    // A new notice replaces one still in force.
    sqlx::query!(
        "update away_notice set ended_at = $2 where staff_id = $1 and ended_at is null",
        user.staff_id,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    let desk = super::super::visits::queries::open_desk(&mut *tx, user.staff_id).await?.map(|d| d.0);
    let id = sqlx::query_scalar!(
        "insert into away_notice (staff_id, desk_id, back_at, substitute_staff_id, started_at) values ($1, $2, $3, $4, $5)
         returning away_notice_id",
        user.staff_id,
        desk,
        back_at,
        substitute,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "back_at": back_raw, "substitute": substitute });
    actor.record(&mut *tx, Action::AwayStarted, Some(("away_notice", id.to_string())), detail).await?;
    events::notify(&mut *tx, &Event::Board).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.away_set, "time", &back_raw)).await?;
    Ok(Redirect::to("/desk").into_response())
}

pub async fn end_away(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let ended = sqlx::query!(
        "update away_notice set ended_at = $2 where staff_id = $1 and ended_at is null
         returning away_notice_id, ($2 > back_at) as late",
        user.staff_id,
        ctx.now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(ended) = ended {
        let detail = serde_json::json!({ "late": ended.late });
        actor
            .record(&mut *tx, Action::AwayEnded, Some(("away_notice", ended.away_notice_id.to_string())), detail)
            .await?;
        events::notify(&mut *tx, &Event::Board).await?;
    }
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.away_ended).await?;
    Ok(Redirect::to("/desk").into_response())
}

pub struct AbsenceRow {
    pub full_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub kind: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/absences.html")]
pub struct AbsencesPage {
    pub ctx: PageCtx,
    pub rows: Vec<AbsenceRow>,
    pub staff: Vec<StaffOption>,
    pub input: AbsenceInput,
    pub errors: FormErrors,
}

#[derive(Default)]
pub struct AbsenceInput {
    pub staff_id: String,
    pub first_day: String,
    pub last_day: String,
    pub kind: String,
    pub note: String,
}

pub const ABSENCE_KINDS: [&str; 5] = ["leave", "training", "sick", "business_trip", "other"];

impl AbsencesPage {
    pub fn kinds(&self) -> [&'static str; 5] {
        ABSENCE_KINDS
    }

    pub fn kind_label(&self, kind: &str) -> &'static str {
        super::absence_label(self.ctx.t, kind)
    }
}

async fn absences_page(
    state: &AppState,
    ctx: PageCtx,
    input: AbsenceInput,
    errors: FormErrors,
) -> Result<AbsencesPage> {
    let today = ctx.today();
    let rows = sqlx::query_as!(
        AbsenceRow,
        "select s.full_name, a.first_day, a.last_day, a.kind, a.note from absence a join staff s using (staff_id)
         where a.last_day >= $1 order by a.first_day, s.full_name limit 200",
        today
    )
    .fetch_all(&state.db)
    .await?;
    Ok(AbsencesPage { ctx, rows, staff: staff_options(&state.db, None).await?, input, errors })
}

pub async fn list_absences(State(state): State<AppState>, ctx: PageCtx) -> Result<AbsencesPage> {
    absences_page(&state, ctx, AbsenceInput::default(), FormErrors::default()).await
}

pub async fn create_absence(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    user: CurrentUser,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("staff_id", t.absence_employee),
        ("first_day", t.absence_first_day),
        ("last_day", t.absence_last_day),
        ("kind", t.absence_kind),
        ("note", t.absence_note),
    ])
    .asking(&[
        ("staff_id", t.ask_employee),
        ("first_day", t.ask_first_day),
        ("last_day", t.ask_last_day),
        ("kind", t.ask_absence_kind),
    ]);
    let input = AbsenceInput {
        staff_id: errors.take("staff_id", form.required("staff_id", 36, t)),
        first_day: errors.take("first_day", form.required("first_day", 10, t)),
        last_day: errors.take("last_day", form.required("last_day", 10, t)),
        kind: errors.take("kind", form.required("kind", 20, t)),
        note: errors.take("note", form.text("note", 300, t)),
    };
    let staff = staff_options(&state.db, None).await?;
    let staff_id = errors.choice("staff_id", &input.staff_id, |id| staff.iter().any(|s| s.staff_id == id), t);
    let first = errors.date("first_day", &input.first_day, t);
    let last = errors.date("last_day", &input.last_day, t);
    if let (Some(f), Some(l)) = (first, last)
        && l < f
    {
        errors.add("last_day", t.absence_order);
    }
    if errors.get("kind").is_none() && !ABSENCE_KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", t.field_choose);
    }
    let (Some(staff_id), Some(first), Some(last), true) = (staff_id, first, last, errors.is_empty()) else {
        let page = absences_page(&state, ctx, input, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let id = sqlx::query_scalar!(
        "insert into absence (staff_id, first_day, last_day, kind, note, recorded_by, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning absence_id",
        staff_id,
        first,
        last,
        input.kind,
        input.note,
        user.staff_id,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "staff_id": staff_id, "first_day": first, "last_day": last, "kind": input.kind });
    actor.record(&mut *tx, Action::AbsenceRecorded, Some(("absence", id.to_string())), detail).await?;
    events::notify(&mut *tx, &Event::Board).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.saved).await?;
    Ok(Redirect::to("/absences").into_response())
}
