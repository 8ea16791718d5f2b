//! The self-service ticket stand: a touch tablet in the hall, enrolled like the
//! survey kiosks (`survey::device`, purpose "tickets"), where a resident picks
//! their department and matter in plain words (the procedure cards' names), asks
//! for priority, the ground floor or the interpreter without giving any reason
//! (§5.1-5.2), and gets the same ticket the information point prints. In Polish,
//! English and Ukrainian, made for touch like the survey kiosk; nothing personal
//! is asked or shown.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::queries::{self, NewVisit};
use super::ticket::{queues, wait_text};
use crate::audit::Action;
use crate::error::{AppError, Result};
use crate::i18n::KioskLang;
use crate::state::AppState;
use crate::survey::kiosk::{lang_of, not_enrolled};
use crate::survey::{Device, KioskCtx, Purpose, device};
use crate::web::form::FormData;

/// The ticket stays on the stand's screen this long, then the next resident's turn.
const TICKET_SHOWN_SECONDS: u64 = 20;

#[derive(Deserialize, Default)]
pub struct StandQuery {
    #[serde(default)]
    lang: String,
    /// The department chosen on the first screen.
    #[serde(default)]
    department: String,
}

pub struct DepartmentTile {
    pub department_id: Uuid,
    pub name: String,
    /// The first matters of the department, in plain words, under its name.
    pub examples: String,
}

pub struct Matter {
    pub case_kind_id: Uuid,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/stand.html")]
pub struct StandPage {
    pub kctx: KioskCtx,
    pub departments: Vec<DepartmentTile>,
}

impl StandPage {
    pub fn lang_href(&self, lang: &KioskLang) -> String {
        format!("/kiosk/stand?lang={}", lang.code())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/stand_matters.html")]
pub struct MattersPage {
    pub kctx: KioskCtx,
    pub department_id: Uuid,
    pub department: String,
    pub matters: Vec<Matter>,
    pub submission: Uuid,
    pub error: Option<&'static str>,
}

impl MattersPage {
    pub fn lang_href(&self, lang: &KioskLang) -> String {
        format!("/kiosk/stand?lang={}&department={}", lang.code(), self.department_id)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/stand_ticket.html")]
pub struct StandTicketPage {
    pub kctx: KioskCtx,
    pub visit_id: Uuid,
    pub ticket: String,
    pub department: String,
    pub arrived_at: DateTime<Utc>,
    pub ahead: i64,
    pub wait: String,
    pub time: String,
    pub back_after: u64,
}

impl StandTicketPage {
    pub fn lang_href(&self, lang: &KioskLang) -> String {
        format!("/kiosk/tickets/{}?lang={}", self.visit_id, lang.code())
    }
}

/// The stand this request comes from; a survey tablet goes back to its own screen.
async fn stand(
    state: &AppState,
    headers: &HeaderMap,
    lang: KioskLang,
) -> Result<std::result::Result<Device, Response>> {
    match device(&state.db, headers, state.clock.now()).await? {
        None => Ok(Err(not_enrolled(state, lang, None))),
        Some(d) if d.purpose != Purpose::Tickets => Ok(Err(Redirect::to("/kiosk").into_response())),
        Some(d) => Ok(Ok(d)),
    }
}

/// The first screen: the departments, and the second: the matters of the one chosen.
pub async fn show_stand(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<StandQuery>,
) -> Result<Response> {
    let lang = lang_of(&query.lang);
    if let Err(response) = stand(&state, &headers, lang).await? {
        return Ok(response);
    }
    let kctx = KioskCtx::new(&state, lang);
    if let Ok(department_id) = query.department.parse::<Uuid>() {
        return matters_page(&state, kctx, department_id, None).await;
    }
    let departments = sqlx::query!(
        r#"select d.department_id, d.name,
                  coalesce((select string_agg(k.name, ', ' order by k.name) from case_kind k
                            where k.department_id = d.department_id and k.active), '') as "examples!"
           from department d
           where d.active and exists (select 1 from case_kind k where k.department_id = d.department_id and k.active)
           order by d.name"#
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|r| DepartmentTile { department_id: r.department_id, name: r.name, examples: r.examples })
    .collect();
    Ok(StandPage { kctx, departments }.into_response())
}

async fn matters_page(
    state: &AppState,
    kctx: KioskCtx,
    department_id: Uuid,
    error: Option<&'static str>,
) -> Result<Response> {
    let department =
        sqlx::query_scalar!("select name from department where department_id = $1 and active", department_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
    let matters = sqlx::query_as!(
        Matter,
        "select case_kind_id, name from case_kind where department_id = $1 and active order by name",
        department_id
    )
    .fetch_all(&state.db)
    .await?;
    let page = MattersPage { kctx, department_id, department, matters, submission: Uuid::new_v4(), error };
    let status =
        if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    Ok((status, page).into_response())
}

/// Gives the resident a ticket: one per form, whatever the taps; throttled per stand.
pub async fn take_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    actor: crate::audit::Actor,
    form: FormData,
) -> Result<Response> {
    let lang = lang_of(form.raw("lang").unwrap_or(""));
    let stand = match stand(&state, &headers, lang).await? {
        Ok(stand) => stand,
        Err(response) => return Ok(response),
    };
    let department_id = form.raw("department").and_then(|d| d.trim().parse::<Uuid>().ok()).ok_or(AppError::NotFound)?;
    let submission = form.raw("submission").and_then(|v| v.trim().parse::<Uuid>().ok()).unwrap_or_else(Uuid::new_v4);
    let back_to =
        |visit_id: Uuid| Redirect::to(&format!("/kiosk/tickets/{visit_id}?lang={}", lang.code())).into_response();
    // A second tap on the same form shows the ticket the first one gave.
    let given = sqlx::query_scalar!(
        "select visit_id from visit where stand_submission = $1 and stand_id = $2",
        submission,
        stand.kiosk_id
    )
    .fetch_optional(&state.db)
    .await?;
    if let Some(visit_id) = given {
        return Ok(back_to(visit_id));
    }
    let chosen = form.raw("matter").unwrap_or("").trim();
    let case_kind_id = match chosen {
        "other" => None,
        raw => match raw.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => {
                return matters_page(
                    &state,
                    KioskCtx::new(&state, lang),
                    department_id,
                    Some(lang.texts().stand_choose),
                )
                .await;
            }
        },
    };
    // The matter must be one of the department's, and the department a live one.
    let known = sqlx::query_scalar!(
        r#"select exists(select 1 from department d where d.department_id = $1 and d.active
                  and ($2::uuid is null or exists (select 1 from case_kind k where k.case_kind_id = $2
                       and k.department_id = d.department_id and k.active))) as "known!""#,
        department_id,
        case_kind_id
    )
    .fetch_one(&state.db)
    .await?;
    if !known {
        return matters_page(&state, KioskCtx::new(&state, lang), department_id, Some(lang.texts().stand_choose)).await;
    }
    if state.stand_limiter.check_key(&stand.kiosk_id).is_err() {
        return Err(AppError::TooManyRequests { retry_after_secs: 10 });
    }
    let now = state.clock.now();
    let visit = NewVisit {
        department_id,
        case_kind_id,
        client_name: None,
        client_phone: None,
        priority: form.checked("priority"),
        ground_floor: form.checked("ground_floor"),
        video_interpreter: form.checked("video_interpreter"),
        registered_by: None,
        stand: Some((stand.kiosk_id, submission)),
    };
    let mut tx = state.db.begin().await?;
    let registered =
        queries::register(&mut tx, &visit, crate::calendar::local_date(now, &state.config.time_zone), now).await;
    let (visit_id, ticket) = match registered {
        Ok(done) => done,
        // The same form sent twice at once: the other request gave the ticket.
        Err(e) if crate::error::is_unique_violation(&e, "visit_stand_submission_key") => {
            drop(tx);
            let given = sqlx::query_scalar!("select visit_id from visit where stand_submission = $1", submission)
                .fetch_one(&state.db)
                .await?;
            return Ok(back_to(given));
        }
        Err(e) => return Err(e.into()),
    };
    for (needed, kind) in [(visit.ground_floor, "ground_floor"), (visit.video_interpreter, "video_interpreter")] {
        if needed {
            super::register::ask_for_clerk(&mut tx, &visit, visit_id, kind, now, &state.config.time_zone).await?;
        }
    }
    let detail = serde_json::json!({ "ticket": ticket, "priority": visit.priority, "stand": stand.kiosk_id });
    actor.record(&mut *tx, Action::VisitRegistered, Some(("visit", visit_id.to_string())), detail).await?;
    tx.commit().await?;
    Ok(back_to(visit_id))
}

/// The ticket on the stand's screen, printed on its printer, then back to the start.
pub async fn show_stand_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(query): Query<StandQuery>,
) -> Result<Response> {
    let lang = lang_of(&query.lang);
    let stand = match stand(&state, &headers, lang).await? {
        Ok(stand) => stand,
        Err(response) => return Ok(response),
    };
    let now = state.clock.now();
    let today = crate::calendar::local_date(now, &state.config.time_zone);
    // Only this stand's tickets of today: another device cannot read them.
    let visit = sqlx::query!(
        r#"select v.ticket, v.department_id, d.name as department, v.arrived_at,
                  (select count(*) from visit w where w.department_id = v.department_id and w.ticket_day = v.ticket_day
                     and w.status = 'waiting' and w.assigned_staff_id is null and w.visit_id <> v.visit_id
                     and (w.priority > v.priority or (w.priority = v.priority and w.arrived_at < v.arrived_at))) as "ahead!"
           from visit v join department d using (department_id)
           where v.visit_id = $1 and v.stand_id = $2 and v.ticket_day = $3"#,
        id,
        stand.kiosk_id,
        today
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let kctx = KioskCtx::new(&state, lang);
    let queue = queues(&state.db, today, now).await?;
    let wait = queue
        .iter()
        .find(|q| q.department_id == visit.department_id)
        .map(|q| wait_text(kctx.k, q.wait_for(visit.ahead)))
        .unwrap_or_default();
    let time = visit.arrived_at.with_timezone(&state.config.time_zone).format("%d.%m.%Y %H:%M").to_string();
    Ok(StandTicketPage {
        kctx,
        visit_id: id,
        ticket: visit.ticket,
        department: visit.department,
        arrived_at: visit.arrived_at,
        ahead: visit.ahead,
        wait,
        time,
        back_after: TICKET_SHOWN_SECONDS,
    }
    .into_response())
}
