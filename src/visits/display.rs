//! The hall display (tickets called to desks, away notices) and the live event
//! streams. No personal data ever reaches the hall: tickets, desks, staff names.
//!
//! Live streams are capped per client and in all (`web::live`). A staff screen's
//! stream ends with its session: it checks every `LIVE_SESSION_CHECK` in the
//! database (several instances may serve one office, and the sign-out may reach
//! another one) that the session is still there, not timed out, and the account
//! active, and otherwise says `session_ended` and ends (issue 12, finding 9).
//!
//! It fits its screen whatever happens (1920×1080, 1280×720): the newest call in
//! the largest type, a few before it, the away notices beside them (the oldest go
//! when there are too many). `/display?departments=KM,SO` shows only those
//! departments, for an office with several halls.

use std::convert::Infallible;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::{self, CurrentUser, session_store};
use crate::error::{AppError, Result};
use crate::events::Event;
use crate::state::AppState;
use crate::web::client_ip::ClientIp;
use crate::web::live::{Slot, Viewer};
use crate::web::page::PageCtx;

/// Calls shown: the newest, large, and those before it.
pub const CALLS_SHOWN: i64 = 7;
/// Away notices shown beside them; more are counted, not listed.
pub const AWAY_SHOWN: usize = 6;

pub struct CallRow {
    pub ticket: String,
    pub desk: String,
    pub called_at: DateTime<Utc>,
    /// Called again from the desk, most recently at `called_at`.
    pub recalled: bool,
}

pub struct AwayRow {
    pub desk: Option<String>,
    pub full_name: String,
    pub back_at: DateTime<Utc>,
    pub substitute: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct DisplayQuery {
    /// Department symbols, comma-separated: `KM,SO`.
    #[serde(default)]
    pub departments: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/display.html")]
pub struct DisplayPage {
    pub ctx: PageCtx,
    pub calls: Vec<CallRow>,
    pub away: Vec<AwayRow>,
    /// Away notices not shown for want of room.
    pub away_more: usize,
    /// The departments shown, when not all: (id, name).
    pub departments: Vec<(Uuid, String)>,
    /// The address of this very display, for its live refresh.
    pub live_url: String,
    pub speech: bool,
}

impl DisplayPage {
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.ctx.tz).format("%H:%M").to_string()
    }

    /// The back-at time has passed.
    pub fn late(&self, row: &AwayRow) -> bool {
        row.back_at < self.ctx.now
    }

    /// The ids of the departments shown, for the page's script ("" for all).
    pub fn department_ids(&self) -> String {
        self.departments.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(",")
    }

    pub fn department_names(&self) -> String {
        self.departments.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The server's clock in milliseconds, so the display's clock shows the office's time.
    pub fn now_ms(&self) -> i64 {
        self.ctx.now.timestamp_millis()
    }

    /// The office's offset from UTC now, in minutes (the clock shows local time).
    pub fn offset_minutes(&self) -> i32 {
        use chrono::Offset;
        self.ctx.now.with_timezone(&self.ctx.tz).offset().fix().local_minus_utc() / 60
    }
}

pub async fn show_display(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<DisplayQuery>,
) -> Result<DisplayPage> {
    let today = ctx.today();
    let symbols: Vec<String> = query
        .departments
        .split(',')
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty() && s.len() <= 16 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .take(20)
        .collect();
    let departments: Vec<(Uuid, String)> = if symbols.is_empty() {
        Vec::new()
    } else {
        sqlx::query!("select department_id, name from department where symbol = any($1) order by name", &symbols)
            .fetch_all(&state.db)
            .await?
            .into_iter()
            .map(|r| (r.department_id, r.name))
            .collect()
    };
    let only: Option<Vec<Uuid>> = (!symbols.is_empty()).then(|| departments.iter().map(|(id, _)| *id).collect());
    let calls = sqlx::query_as!(
        CallRow,
        r#"select v.ticket, d.number as desk, coalesce(v.recalled_at, v.called_at) as "called_at!",
                  (v.recalled_at is not null) as "recalled!"
           from visit v join desk d using (desk_id)
           where v.ticket_day = $1 and v.called_at is not null and v.status in ('called', 'serving', 'done')
             and ($2::uuid[] is null or v.department_id = any($2))
           order by coalesce(v.recalled_at, v.called_at) desc limit $3"#,
        today,
        only.as_deref(),
        CALLS_SHOWN
    )
    .fetch_all(&state.db)
    .await?;
    let mut away = sqlx::query_as!(
        AwayRow,
        r#"select d.number as "desk?", s.full_name, a.back_at, sub.full_name as "substitute?"
           from away_notice a join staff s using (staff_id)
           left join desk d on d.desk_id = a.desk_id
           left join staff sub on sub.staff_id = a.substitute_staff_id
           where a.ended_at is null
             and ($1::uuid[] is null or s.department_id = any($1) or d.department_id = any($1))
           order by a.started_at desc"#,
        only.as_deref()
    )
    .fetch_all(&state.db)
    .await?;
    // The newest notices stay; the oldest give way when there are too many to fit.
    let away_more = away.len().saturating_sub(AWAY_SHOWN);
    away.truncate(AWAY_SHOWN);
    away.sort_by(|a, b| (a.desk.as_deref().map(str::len), &a.desk).cmp(&(b.desk.as_deref().map(str::len), &b.desk)));
    let live_url =
        if symbols.is_empty() { "/display".to_owned() } else { format!("/display?departments={}", symbols.join(",")) };
    Ok(DisplayPage { speech: state.config.display_speech, ctx, calls, away, away_more, departments, live_url })
}

/// Who a live stream is for: the hall (anonymous), or an employee signed in with
/// the session stored under `session_key`.
enum Audience {
    Hall,
    Staff { user: Box<CurrentUser>, session_key: String },
}

/// What a live stream carries from one event to the next.
struct Live {
    rx: tokio::sync::broadcast::Receiver<Event>,
    closing: tokio::sync::watch::Receiver<bool>,
    audience: Audience,
    /// When to check again that a staff stream's session still stands.
    check: tokio::time::Interval,
    /// Its place among the live streams (`web::live`), given back when the stream ends.
    _slot: Slot,
    /// The last event was sent: the stream ends.
    over: bool,
}

/// The event a staff screen gets when its session has ended (signed out, here or
/// elsewhere, timed out, or the account deactivated): `live.js` reloads the page,
/// which leads to the sign-in page. The stream ends right after it.
pub const SESSION_ENDED: &str = "session_ended";

fn stream(
    state: &AppState,
    wanted: fn(&Event, Option<&CurrentUser>) -> bool,
    audience: Audience,
    slot: Slot,
) -> impl Stream<Item = std::result::Result<SseEvent, Infallible>> + use<> {
    let every = state.config.live_session_check;
    let live = Live {
        rx: state.events.subscribe(),
        closing: state.closing.subscribe(),
        audience,
        check: tokio::time::interval_at(tokio::time::Instant::now() + every, every),
        _slot: slot,
        over: false,
    };
    let state = state.clone();
    futures_util::stream::unfold(live, move |mut live| {
        let state = state.clone();
        async move {
            loop {
                if live.over || *live.closing.borrow() {
                    return None;
                }
                let staff = matches!(live.audience, Audience::Staff { .. });
                let event = tokio::select! {
                    received = live.rx.recv() => match received {
                        Ok(event) => event,
                        Err(RecvError::Lagged(_)) => Event::Resync,
                        Err(RecvError::Closed) => return None,
                    },
                    // The server is stopping: end the stream; the browser reconnects elsewhere.
                    _ = live.closing.changed() => return None,
                    _ = live.check.tick(), if staff => match session_stands(&state, &live.audience).await {
                        Some(true) => continue,
                        Some(false) => {
                            live.over = true;
                            return Some((Ok(SseEvent::default().event(SESSION_ENDED).data("{}")), live));
                        }
                        // The database cannot say: end quietly; the browser reconnects
                        // and the guard decides afresh (a blip reloads no page).
                        None => return None,
                    },
                };
                let user = match &live.audience {
                    Audience::Staff { user, .. } => Some(&**user),
                    Audience::Hall => None,
                };
                if event == Event::Resync || wanted(&event, user) {
                    let data = serde_json::to_string(&event).unwrap_or_default();
                    return Some((Ok(SseEvent::default().event(event.name()).data(data)), live));
                }
            }
        }
    })
}

/// Whether the session of a staff stream still stands; None when the database
/// cannot say.
async fn session_stands(state: &AppState, audience: &Audience) -> Option<bool> {
    let Audience::Staff { user, session_key } = audience else {
        return Some(true);
    };
    let now = state.clock.now();
    match auth::still_signed_in(&state.db, &state.config, session_key, user.staff_id, now).await {
        Ok(stands) => Some(stands),
        Err(e) => {
            tracing::debug!(error = %e, "could not check a live stream's session");
            None
        }
    }
}

/// For the hall: calls and board changes only.
pub async fn display_events(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
) -> Result<Sse<impl Stream<Item = std::result::Result<SseEvent, Infallible>>>> {
    let slot = state.live_streams.open(Viewer::address(ip))?;
    let wanted = |e: &Event, _: Option<&CurrentUser>| matches!(e, Event::Called { .. } | Event::Board);
    Ok(Sse::new(stream(&state, wanted, Audience::Hall, slot)).keep_alive(KeepAlive::default()))
}

/// For staff screens: their department's queue and requests addressed to them,
/// while their session stands.
pub async fn staff_events(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
) -> Result<Sse<impl Stream<Item = std::result::Result<SseEvent, Infallible>>>> {
    // The guard has just loaded the employee from this session, so it has an id.
    let session_key = session.id().map(|id| session_store::key(&id)).ok_or(AppError::Forbidden)?;
    let slot = state.live_streams.open(Viewer::Staff(user.staff_id))?;
    let wanted = |e: &Event, user: Option<&CurrentUser>| match (e, user) {
        (Event::Queue { .. }, _) | (Event::Board, _) | (Event::HomeVisits, _) => true,
        (Event::Assistance { staff_id }, Some(user)) => *staff_id == user.staff_id,
        _ => false,
    };
    let audience = Audience::Staff { user: Box::new(user), session_key };
    Ok(Sse::new(stream(&state, wanted, audience, slot)).keep_alive(KeepAlive::default()))
}
