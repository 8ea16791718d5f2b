//! The figures of the reports, read from the records. Durations are in minutes.
//!
//! Definitions (also in the README's "Reports" section):
//! * waiting time: from arrival (registration) to being called to a desk;
//! * service time: from the start of service to its end, for visits finished;
//! * a visit counts in the month (and for the clerk) it was finished in;
//! * presence: desk sessions within office hours on working days, minus away
//!   notices (`presence`); minutes away are the away notices within those;
//! * callbacks kept on time: closed (answered or caller unreachable) on or before
//!   the date last promised, counted in the month of that date; late: closed after
//!   it, or still open after it;
//! * survey: answers given in the month, per question code, the mean shown only
//!   from `stats::MIN_ANSWERS` answers.

use chrono::{DateTime, Utc};

use super::stats::{mean, median, percentile, share_within};

/// The minutes between two instants.
pub fn minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_milliseconds() as f64 / 60_000.0
}

/// Wait and service times of a set of visits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Times {
    pub served: i64,
    pub wait_mean: Option<f64>,
    pub wait_median: Option<f64>,
    pub wait_p90: Option<f64>,
    pub within_target: Option<f64>,
    pub service_mean: Option<f64>,
    pub service_median: Option<f64>,
}

impl Times {
    pub fn of(waits: &[f64], services: &[f64], served: i64, target: f64) -> Times {
        Times {
            served,
            wait_mean: mean(waits),
            wait_median: median(waits),
            wait_p90: percentile(waits, 90.0),
            within_target: share_within(waits, target),
            service_mean: mean(services),
            service_median: median(services),
        }
    }
}
