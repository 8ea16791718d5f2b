//! What every handler can reach: the database, the settings, the clock, and the
//! shared pieces of the process. It knows no feature.

use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sqlx::PgPool;

use crate::auth::password::Hasher;
use crate::clock::Clock;
use crate::config::Config;
use crate::events::Hub;
use crate::memory::Memory;
use crate::web::live::LiveStreams;

/// Cloned by every layer and handler of every request: one reference count, not
/// one per piece (the pieces are behind `Shared`, reached through `Deref`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub hasher: Hasher,
    /// Kiosk answers per device (`KIOSK_ANSWERS_PER_MINUTE`), counted by each instance.
    pub kiosk_limiter: Arc<DefaultKeyedRateLimiter<uuid::Uuid>>,
    /// Tickets per self-service stand (`STAND_TICKETS_PER_MINUTE`), counted by each instance.
    pub stand_limiter: Arc<DefaultKeyedRateLimiter<uuid::Uuid>>,
    /// What features keep in memory (e.g. `reports::trends`' past months).
    pub memory: Memory,
    /// Live updates from every instance (LISTEN/NOTIFY).
    pub events: Hub,
    /// The live streams open in this instance, capped per client and in all.
    pub live_streams: LiveStreams,
    /// Flipped to true when the server is shutting down, so live streams end and
    /// graceful shutdown need not wait for its deadline.
    pub closing: Arc<tokio::sync::watch::Sender<bool>>,
}

impl AppState {
    pub fn new(db: PgPool, config: Config) -> AppState {
        let per_minute = NonZeroU32::new(config.kiosk_answers_per_minute).unwrap_or(NonZeroU32::MIN);
        let kiosk_quota = Quota::per_minute(per_minute).allow_burst(per_minute);
        let tickets = NonZeroU32::new(config.stand_tickets_per_minute).unwrap_or(NonZeroU32::MIN);
        let stand_quota = Quota::per_minute(tickets).allow_burst(tickets);
        let events = Hub::default();
        events.spawn_listener(db.clone());
        AppState(Arc::new(Shared {
            closing: Arc::new(tokio::sync::watch::channel(false).0),
            events,
            live_streams: LiveStreams::new(config.live_streams_max, config.live_streams_per_client),
            db,
            clock: Clock::default(),
            hasher: Hasher::new(config.max_concurrent_hashes),
            kiosk_limiter: Arc::new(RateLimiter::keyed(kiosk_quota)),
            stand_limiter: Arc::new(RateLimiter::keyed(stand_quota)),
            memory: Memory::default(),
            config: Arc::new(config),
        }))
    }
}
