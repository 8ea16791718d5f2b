//! Figures of past months, kept in memory for a while: a finished month hardly
//! changes, and its trends would otherwise be read again from a year of visits on
//! every page. The current month is never kept. After `TTL` a month is read
//! again, so a correction to old records shows within minutes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::figures::Period;
use super::{Month, Scope};

pub const TTL: Duration = Duration::from_secs(600);
/// More entries than any office needs: past that, everything is dropped at once.
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum What {
    /// The month as a whole (one period).
    Month,
    /// The departments compared in the month.
    Departments,
}

type Key = (Scope, Month, What);

#[derive(Default)]
pub struct MonthCache {
    entries: Mutex<HashMap<Key, (Instant, Vec<Period>)>>,
}

impl MonthCache {
    pub fn get(&self, scope: Scope, month: Month, what: What) -> Option<Vec<Period>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(&(scope, month, what)).filter(|(at, _)| at.elapsed() < TTL).map(|(_, p)| p.clone())
    }

    pub fn put(&self, scope: Scope, month: Month, what: What, periods: Vec<Period>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert((scope, month, what), (Instant::now(), periods));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_kept_per_scope_and_kind() {
        let cache = MonthCache::default();
        let m = Month { year: 2026, month: 10 };
        let p = Period { label: "x".into(), served: 7, ..Period::default() };
        cache.put(Scope::All, m, What::Month, vec![p.clone()]);
        assert_eq!(cache.get(Scope::All, m, What::Month), Some(vec![p]));
        assert_eq!(cache.get(Scope::All, m, What::Departments), None);
        assert_eq!(cache.get(Scope::Department(uuid::Uuid::nil()), m, What::Month), None);
        assert_eq!(cache.get(Scope::All, m.prev(), What::Month), None);
    }
}
