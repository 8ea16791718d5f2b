//! What time it is, for the whole application. It reads the system clock; a test
//! moves it forward instead of sleeping, and every copy of the state sees the move.
//!
//! Code that needs "now" asks `AppState::clock` (or `PageCtx::now`, the instant of
//! the request) and passes it on, also into SQL, so that the times the database
//! writes and compares are the same as the application's.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Milliseconds added to the system clock (zero outside tests).
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward (or back, with a negative delta) for everyone holding it.
    pub fn advance(&self, by: TimeDelta) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }

    /// Makes it `at` now; time goes on from there.
    pub fn set(&self, at: DateTime<Utc>) {
        self.offset_ms.store((at - Utc::now()).num_milliseconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_is_moved_for_every_copy() {
        let clock = Clock::default();
        let copy = clock.clone();
        let before = copy.now();
        clock.advance(TimeDelta::hours(2));
        let moved = copy.now() - before;
        assert!(moved >= TimeDelta::hours(2) && moved < TimeDelta::hours(2) + TimeDelta::seconds(5), "{moved}");

        let at = DateTime::parse_from_rfc3339("2026-10-30T09:00:00+01:00").unwrap().with_timezone(&Utc);
        clock.set(at);
        assert!((copy.now() - at).abs() < TimeDelta::seconds(5));
    }
}
