//! How many live streams (Server-Sent Events) may be open: per client and in all
//! (issue 12, finding 2: the public `/display/events` had no cap).
//!
//! A live stream keeps a connection (HTTP/1) for as long as its page is open, so
//! without a cap one client could open streams until no connection is left for
//! pages. Each stream holds a `Slot`, given back when the stream ends. Beyond a cap
//! the request is refused at once, never left waiting: 429 when this client has
//! `LIVE_STREAMS_PER_CLIENT` open, 503 when the instance has `LIVE_STREAMS_MAX`
//! (kept below `MAX_CONNECTIONS`), both with `Retry-After`; the page's script
//! (`static/js/live.js`) tries again later.
//!
//! The client is its address for the public hall display (an IPv6 address by its
//! /64, which one household or host is given whole) and the employee for staff
//! screens, since a whole office may reach Okienko from one address and its
//! employees must not crowd each other out. Counted by each instance.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use ipnet::IpNet;
use uuid::Uuid;

use crate::error::AppError;
use crate::web::client_ip::network_of;

/// What a refused client is told to wait before trying again, in seconds.
pub const RETRY_AFTER_SECS: u64 = 30;

/// Whose streams are counted together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// Anonymous (the hall display): its address, an IPv6 one by its /64.
    Address(IpNet),
    /// A signed-in employee, from wherever.
    Staff(Uuid),
}

impl Viewer {
    pub fn address(ip: IpAddr) -> Viewer {
        Viewer::Address(network_of(ip))
    }
}

#[derive(Clone)]
pub struct LiveStreams {
    counts: Arc<Mutex<Counts>>,
    max: usize,
    per_viewer: usize,
}

#[derive(Default)]
struct Counts {
    total: usize,
    by_viewer: HashMap<Viewer, usize>,
}

/// One open stream; dropping it (the stream ended) gives its place back.
pub struct Slot {
    counts: Arc<Mutex<Counts>>,
    viewer: Viewer,
}

impl LiveStreams {
    pub fn new(max: usize, per_viewer: usize) -> LiveStreams {
        LiveStreams { counts: Arc::default(), max, per_viewer }
    }

    /// A place for one more stream of `viewer`, or the refusal to answer with.
    pub fn open(&self, viewer: Viewer) -> Result<Slot, AppError> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let mine = counts.by_viewer.get(&viewer).copied().unwrap_or(0);
        if mine >= self.per_viewer {
            return Err(AppError::TooManyRequests { retry_after_secs: RETRY_AFTER_SECS });
        }
        if counts.total >= self.max {
            return Err(AppError::Busy { retry_after_secs: RETRY_AFTER_SECS });
        }
        counts.total += 1;
        counts.by_viewer.insert(viewer, mine + 1);
        Ok(Slot { counts: self.counts.clone(), viewer })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.by_viewer.get_mut(&self.viewer) {
            *n -= 1;
            if *n == 0 {
                counts.by_viewer.remove(&self.viewer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Viewer {
        Viewer::address(s.parse().unwrap())
    }

    #[test]
    fn each_viewer_has_its_share_and_all_together_the_cap() {
        let live = LiveStreams::new(3, 2);
        let a1 = live.open(ip("10.0.0.1")).unwrap();
        let a2 = live.open(ip("10.0.0.1")).unwrap();
        assert!(matches!(live.open(ip("10.0.0.1")), Err(AppError::TooManyRequests { .. })));
        let b1 = live.open(ip("10.0.0.2")).unwrap();
        assert!(matches!(live.open(ip("10.0.0.3")), Err(AppError::Busy { .. })), "three in all");
        drop(a1);
        assert!(live.open(ip("10.0.0.1")).is_ok(), "a stream that ended gives its place back");
        drop((a2, b1));
        let counts = live.counts.lock().unwrap();
        assert_eq!(counts.total, 0);
        assert!(counts.by_viewer.is_empty(), "and a viewer with none left is forgotten");
    }
}
