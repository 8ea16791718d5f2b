//! Slows down repeated failed sign-ins for one login from one address. A colleague
//! signing in from their own desk is never held up by somebody else's guessing.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Failures allowed before any wait.
const FREE_FAILURES: i32 = 5;
/// The longest wait between attempts, in seconds.
const MAX_WAIT_SECS: i64 = 60;
/// Failures older than this are forgotten.
const MEMORY_SECS: i64 = 3600;

/// Seconds to wait after `failures` failures: 0 for the first few, then doubling.
pub fn wait_after(failures: i32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let exp = (failures - FREE_FAILURES).min(10) as u32;
    (1i64 << exp).min(MAX_WAIT_SECS)
}

/// Seconds the client must still wait before another attempt on `login`.
pub async fn seconds_to_wait(db: &PgPool, login: &str, ip: IpAddr, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        "select failures, last_failure_at from login_throttle where login = $1 and ip = $2",
        login,
        ipnet::IpNet::from(ip)
    )
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(0) };
    let elapsed = (now - row.last_failure_at).num_seconds();
    if elapsed > MEMORY_SECS {
        return Ok(0);
    }
    Ok((wait_after(row.failures) - elapsed).max(0))
}

pub async fn record_failure(db: &PgPool, login: &str, ip: IpAddr, now: DateTime<Utc>) -> sqlx::Result<i32> {
    let row = sqlx::query!(
        "insert into login_throttle (login, ip, failures, last_failure_at) values ($1, $2, 1, $4)
         on conflict (login, ip) do update
         set failures = case when login_throttle.last_failure_at < $4 - make_interval(secs => $3)
                             then 1 else login_throttle.failures + 1 end,
             last_failure_at = $4
         returning failures",
        login,
        ipnet::IpNet::from(ip),
        MEMORY_SECS as f64,
        now,
    )
    .fetch_one(db)
    .await?;
    Ok(row.failures)
}

pub async fn clear(db: &PgPool, login: &str, ip: IpAddr) -> sqlx::Result<()> {
    sqlx::query!("delete from login_throttle where login = $1 and ip = $2", login, ipnet::IpNet::from(ip))
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets old failures; run periodically.
pub async fn forget_old(db: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done =
        sqlx::query!("delete from login_throttle where last_failure_at < $1::timestamptz - interval '1 day'", now)
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_five_failures_and_doubles_up_to_a_minute() {
        assert_eq!(wait_after(4), 0);
        assert_eq!(wait_after(5), 1);
        assert_eq!(wait_after(6), 2);
        assert_eq!(wait_after(8), 8);
        assert_eq!(wait_after(11), 60);
        assert_eq!(wait_after(500), 60);
    }
}
