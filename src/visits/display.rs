//! The hall display (tickets called to desks, away notices) and the live event
//! streams. No personal data ever reaches the hall: tickets, desks, staff names.

use std::convert::Infallible;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;

use crate::auth::CurrentUser;
use crate::error::Result;
use crate::events::Event;
use crate::state::AppState;
use crate::web::page::PageCtx;

pub struct CallRow {
    pub ticket: String,
    pub desk: String,
    pub called_at: DateTime<Utc>,
}

pub struct AwayRow {
    pub desk: Option<String>,
    pub full_name: String,
    pub back_at: DateTime<Utc>,
    pub substitute: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/display.html")]
pub struct DisplayPage {
    pub ctx: PageCtx,
    pub calls: Vec<CallRow>,
    pub away: Vec<AwayRow>,
}

impl DisplayPage {
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.ctx.tz).format("%H:%M").to_string()
    }
}

pub async fn show_display(State(state): State<AppState>, ctx: PageCtx) -> Result<DisplayPage> {
    let today = ctx.today();
    let calls = sqlx::query_as!(
        CallRow,
        r#"select v.ticket, d.number as desk, v.called_at as "called_at!"
           from visit v join desk d using (desk_id)
           where v.ticket_day = $1 and v.called_at is not null and v.status in ('called', 'serving', 'done')
           order by v.called_at desc limit 8"#,
        today
    )
    .fetch_all(&state.db)
    .await?;
    let away = sqlx::query_as!(
        AwayRow,
        r#"select d.number as "desk?", s.full_name, a.back_at, sub.full_name as "substitute?"
           from away_notice a join staff s using (staff_id)
           left join desk d on d.desk_id = a.desk_id
           left join staff sub on sub.staff_id = a.substitute_staff_id
           where a.ended_at is null order by d.number, s.full_name"#
    )
    .fetch_all(&state.db)
    .await?;
    Ok(DisplayPage { ctx, calls, away })
}

fn stream(
    state: &AppState,
    wanted: fn(&Event, Option<&CurrentUser>) -> bool,
    user: Option<CurrentUser>,
) -> impl Stream<Item = std::result::Result<SseEvent, Infallible>> + use<> {
    let rx = state.events.subscribe();
    let closing = state.closing.subscribe();
    futures_util::stream::unfold((rx, closing, user), move |(mut rx, mut closing, user)| async move {
        loop {
            if *closing.borrow() {
                return None;
            }
            let event = tokio::select! {
                received = rx.recv() => match received {
                    Ok(event) => event,
                    Err(RecvError::Lagged(_)) => Event::Resync,
                    Err(RecvError::Closed) => return None,
                },
                // The server is stopping: end the stream; the browser reconnects elsewhere.
                _ = closing.changed() => return None,
            };
            if event == Event::Resync || wanted(&event, user.as_ref()) {
                let data = serde_json::to_string(&event).unwrap_or_default();
                return Some((Ok(SseEvent::default().event(event.name()).data(data)), (rx, closing, user)));
            }
        }
    })
}

/// For the hall: calls and board changes only.
pub async fn display_events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = std::result::Result<SseEvent, Infallible>>> {
    let wanted = |e: &Event, _: Option<&CurrentUser>| matches!(e, Event::Called { .. } | Event::Board);
    Sse::new(stream(&state, wanted, None)).keep_alive(KeepAlive::default())
}

/// For staff screens: their department's queue and requests addressed to them.
pub async fn staff_events(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Sse<impl Stream<Item = std::result::Result<SseEvent, Infallible>>> {
    let wanted = |e: &Event, user: Option<&CurrentUser>| match (e, user) {
        (Event::Queue { .. }, _) | (Event::Board, _) | (Event::HomeVisits, _) => true,
        (Event::Assistance { staff_id }, Some(user)) => *staff_id == user.staff_id,
        _ => false,
    };
    Sse::new(stream(&state, wanted, Some(user))).keep_alive(KeepAlive::default())
}
