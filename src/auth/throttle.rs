//! Slows down guessing of passwords (and of other secrets typed at a form, such as
//! a kiosk's enrolment code), kept in PostgreSQL so every instance counts alike
//! and old failures are forgotten by the housekeeping task.
//!
//! Three counts, each with its own free allowance and then a wait that doubles up
//! to a minute:
//! - one login from one network: 5 failures free. A colleague signing in from
//!   their own desk is never held up by somebody else's guessing.
//! - one login from every network (`LOGIN_FREE_FAILURES_PER_ACCOUNT`, 20): guesses
//!   spread over many addresses still slow down. The wait is short, so an attacker
//!   can slow an account down but never lock it.
//! - one network for every login (`LOGIN_FREE_FAILURES_PER_NETWORK`, 100): password
//!   spraying. Only failures count, so a whole office behind one address signing in
//!   at eight o'clock is never refused.
//!
//! A network is an IPv4 address or an IPv6 /64: one subscriber holds a whole /64, so
//! counting single IPv6 addresses gave unlimited guesses.
//!
//! An attempt is counted *before* the password is checked, under a lock on the
//! login held for the decision only: parallel attempts are decided one after the
//! other, so a burst gets exactly the free attempts and no more (8 were checked in
//! one burst before). A correct password takes its own attempt back.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

pub use crate::web::client_ip::network_of;

/// Failures of one login from one network allowed before any wait.
const FREE_FAILURES: i64 = 5;
/// The longest wait between attempts, in seconds.
const MAX_WAIT_SECS: i64 = 60;
/// Failures older than this are forgotten.
const MEMORY_SECS: i64 = 3600;

/// The free allowances that the office may set (`config`).
#[derive(Clone, Copy, Debug)]
pub struct Allowance {
    pub per_account: i64,
    pub per_network: i64,
}

/// Seconds to wait after `failures` failures when `free` are allowed: 0 up to the
/// allowance, then 1, 2, 4... up to a minute.
pub fn wait_after(failures: i64, free: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let exp = (failures - free).min(10) as u32;
    (1i64 << exp).min(MAX_WAIT_SECS)
}

/// The outcome of asking to try a secret.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Go ahead: this attempt is already counted as failure number `failures` of
    /// this login from this network; `succeeded` takes it back.
    Allowed { failures: i64 },
    /// Wait this many seconds; `why` names the count that ran out.
    Wait { seconds: i64, why: &'static str },
}

/// Decides whether `subject` may be tried from `ip` now, and counts the attempt.
pub async fn attempt(
    db: &PgPool,
    subject: &str,
    ip: IpAddr,
    now: DateTime<Utc>,
    allowance: Allowance,
) -> sqlx::Result<Attempt> {
    let network = network_of(ip);
    let mut tx = db.begin().await?;
    // Every decision on one subject, on any instance, one after the other.
    sqlx::query!("select pg_advisory_xact_lock(hashtextextended('login_throttle:' || $1, 0))", subject)
        .execute(&mut *tx)
        .await?;
    let since = now - chrono::TimeDelta::seconds(MEMORY_SECS);
    let counts = sqlx::query!(
        r#"select coalesce(sum(failures) filter (where network = $2), 0)::int8 as "here!",
                  max(last_failure_at) filter (where network = $2) as here_last,
                  coalesce(sum(failures), 0)::int8 as "account!",
                  max(last_failure_at) as account_last,
                  (select coalesce(sum(failures), 0)::int8 from login_throttle
                    where network = $2 and last_failure_at > $3) as "network!",
                  (select max(last_failure_at) from login_throttle
                    where network = $2 and last_failure_at > $3) as network_last
           from login_throttle where subject = $1 and last_failure_at > $3"#,
        subject,
        network,
        since,
    )
    .fetch_one(&mut *tx)
    .await?;
    let waits = [
        (counts.here, counts.here_last, FREE_FAILURES, "address"),
        (counts.account, counts.account_last, allowance.per_account, "account"),
        (counts.network, counts.network_last, allowance.per_network, "network"),
    ];
    for (failures, last, free, why) in waits {
        let elapsed = last.map(|last| (now - last).num_seconds()).unwrap_or(MEMORY_SECS);
        let seconds = wait_after(failures, free) - elapsed;
        if seconds > 0 {
            tx.rollback().await?;
            return Ok(Attempt::Wait { seconds, why });
        }
    }
    let failures = count(&mut *tx, subject, ip, now).await?;
    tx.commit().await?;
    Ok(Attempt::Allowed { failures })
}

/// Counts a failure without deciding anything, for a secret checked where no wait
/// is imposed (a wrong code typed by an employee already signed in), so that it
/// still weighs on the next sign-in.
pub async fn count_failure(db: &PgPool, subject: &str, ip: IpAddr, now: DateTime<Utc>) -> sqlx::Result<i64> {
    count(db, subject, ip, now).await
}

async fn count(db: impl sqlx::PgExecutor<'_>, subject: &str, ip: IpAddr, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let since = now - chrono::TimeDelta::seconds(MEMORY_SECS);
    let failures = sqlx::query_scalar!(
        "insert into login_throttle (subject, network, failures, last_failure_at) values ($1, $2, 1, $4)
         on conflict (subject, network) do update
         set failures = case when login_throttle.last_failure_at < $3 then 1 else login_throttle.failures + 1 end,
             last_failure_at = $4
         returning failures",
        subject,
        network_of(ip),
        since,
        now,
    )
    .fetch_one(db)
    .await?;
    Ok(i64::from(failures))
}

/// The secret was right: this subject's failures from this network are forgotten
/// (the attempt counted by `attempt` included).
pub async fn succeeded(db: &PgPool, subject: &str, ip: IpAddr) -> sqlx::Result<()> {
    sqlx::query!("delete from login_throttle where subject = $1 and network = $2", subject, network_of(ip))
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets failures older than the memory; run periodically.
pub async fn forget_old(db: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let since = now - chrono::TimeDelta::seconds(MEMORY_SECS);
    let done = sqlx::query!("delete from login_throttle where last_failure_at < $1", since).execute(db).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_the_free_failures_and_doubles_up_to_a_minute() {
        assert_eq!(wait_after(4, 5), 0);
        assert_eq!(wait_after(5, 5), 1);
        assert_eq!(wait_after(6, 5), 2);
        assert_eq!(wait_after(8, 5), 8);
        assert_eq!(wait_after(11, 5), 60);
        assert_eq!(wait_after(500, 5), 60);
        assert_eq!(wait_after(19, 20), 0);
    }
}
