//! Live updates that stay right with several Okienko instances behind one address:
//! a write sends NOTIFY in its own transaction, every instance LISTENs and passes
//! the event on to its browsers (Server-Sent Events).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::broadcast;
use uuid::Uuid;

pub const CHANNEL: &str = "okienko_events";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A department's waiting list changed (a visit arrived, was called, redirected...).
    Queue { department_id: Uuid },
    /// A ticket was called to a desk, or called again (`recall`): the hall display
    /// shows it, chimes, and says it aloud where the office wants that.
    Called { ticket: String, desk: String, department_id: Uuid, recall: bool },
    /// Someone asked this employee to come to a client (ground floor, interpreter point).
    Assistance { staff_id: Uuid },
    /// Desks opened or closed, away notices set or ended.
    Board,
    /// A home-visit request was registered or moved a step: inboxes reload.
    HomeVisits,
    /// The listener reconnected and may have missed events: everybody reloads.
    Resync,
}

impl Event {
    /// The SSE event name, so pages listen only to what concerns them.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Queue { .. } => "queue",
            Event::Called { .. } => "called",
            Event::Assistance { .. } => "assistance",
            Event::Board => "board",
            Event::HomeVisits => "home_visits",
            Event::Resync => "resync",
        }
    }
}

/// Sends the event when (and only if) the surrounding transaction commits.
pub async fn notify(db: impl sqlx::PgExecutor<'_>, event: &Event) -> sqlx::Result<()> {
    let payload = serde_json::to_string(event).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query!("select pg_notify($1, $2)", CHANNEL, payload).execute(db).await?;
    Ok(())
}

#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Event>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { sender: broadcast::channel(256).0 }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    /// Listens for NOTIFY on the database, reconnecting after an outage.
    pub fn spawn_listener(&self, db: PgPool) {
        let sender = self.sender.clone();
        tokio::spawn(async move {
            let mut first = true;
            loop {
                match listen(&db, &sender, first).await {
                    Ok(()) => return,
                    Err(e) => tracing::debug!(error = %e, "event listener lost the database; retrying"),
                }
                first = false;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

async fn listen(db: &PgPool, sender: &broadcast::Sender<Event>, first: bool) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(db).await?;
    listener.listen(CHANNEL).await?;
    if !first {
        let _ = sender.send(Event::Resync);
    }
    loop {
        let notification = listener.recv().await?;
        match serde_json::from_str::<Event>(notification.payload()) {
            Ok(event) => {
                // Nobody listening is fine.
                let _ = sender.send(event);
            }
            Err(e) => tracing::warn!(error = %e, "unreadable event"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_travel_as_small_json() {
        let event =
            Event::Called { ticket: "P012".into(), desk: "4".into(), department_id: Uuid::nil(), recall: false };
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"called","ticket":"P012","desk":"4","department_id":"00000000-0000-0000-0000-000000000000","recall":false}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }
}
