//! The pages where the director or an admin keeps the days the office closes by
//! its own decision; they count as non-working days for every deadline.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use tower_sessions::Session;

use super::holidays;
use crate::audit::{Action, Actor};
use crate::error::{Result, is_unique_violation};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct ClosedDay {
    pub day: NaiveDate,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "calendar/closed_days.html")]
pub struct ClosedDaysPage {
    pub ctx: PageCtx,
    pub rows: Vec<ClosedDay>,
    /// This year's and next year's statutory holidays, for reference.
    pub holidays: Vec<(String, &'static str)>,
    pub day: String,
    pub reason: String,
    pub errors: FormErrors,
}

async fn page(
    state: &AppState,
    ctx: PageCtx,
    day: String,
    reason: String,
    errors: FormErrors,
) -> Result<ClosedDaysPage> {
    let today = ctx.today();
    let rows =
        sqlx::query_as!(ClosedDay, "select day, reason from office_closed_day where day >= $1 order by day", today)
            .fetch_all(&state.db)
            .await?;
    let year = chrono::Datelike::year(&today);
    let english = ctx.lang == crate::i18n::Lang::En;
    let holidays = holidays(year)
        .into_iter()
        .chain(holidays(year + 1))
        .filter(|h| h.date >= today)
        .map(|h| (h.date.format("%d.%m.%Y").to_string(), if english { h.name_en } else { h.name_pl }))
        .collect();
    Ok(ClosedDaysPage { ctx, rows, holidays, day, reason, errors })
}

pub async fn list_closed_days(State(state): State<AppState>, ctx: PageCtx) -> Result<ClosedDaysPage> {
    page(&state, ctx, String::new(), String::new(), FormErrors::default()).await
}

pub async fn add_closed_day(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("day", t.closed_day), ("reason", t.closed_reason)])
        .asking(&[("day", t.ask_closed_day), ("reason", t.ask_closed_reason)]);
    let day_raw = errors.take("day", form.required("day", 10, t));
    let reason = errors.take("reason", form.required_between("reason", 2, 200, t));
    let day = errors.date("day", &day_raw, t);
    if let (Some(day), true) = (day, errors.is_empty()) {
        let mut tx = state.db.begin().await?;
        let added = sqlx::query!("insert into office_closed_day (day, reason) values ($1, $2)", day, reason)
            .execute(&mut *tx)
            .await;
        match added {
            Ok(_) => {
                actor
                    .record(
                        &mut *tx,
                        Action::ClosedDayAdded,
                        Some(("day", day.to_string())),
                        serde_json::json!({ "reason": reason }),
                    )
                    .await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, t.saved).await?;
                return Ok(Redirect::to("/admin/closed-days").into_response());
            }
            Err(e) if is_unique_violation(&e, "office_closed_day_pkey") => errors.add("day", t.closed_day_taken),
            Err(e) => return Err(e.into()),
        }
    }
    let page = page(&state, ctx, day_raw, reason, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn remove_closed_day(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    Path(day): Path<NaiveDate>,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let removed = sqlx::query!("delete from office_closed_day where day = $1", day).execute(&mut *tx).await?;
    if removed.rows_affected() > 0 {
        actor.record(&mut *tx, Action::ClosedDayRemoved, Some(("day", day.to_string())), serde_json::json!({})).await?;
    }
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.saved).await?;
    Ok(Redirect::to("/admin/closed-days").into_response())
}
