//! Retention (RODO Art. 5(1)(e)): the personal data of each kind whose matter
//! ended longer ago than its period (`Config::retention_days`) is anonymised as its
//! columns declare (`Erase`); the rows stay, with the counts, times and states the
//! §7.4 reports read. Once a day inside `okienko serve` (`daily`), claimed per day
//! in `retention_run` so that several instances do it once, and on demand with
//! `okienko retention [--dry-run]`.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, PgPool};

use super::{Erase, KINDS, RecordKind, Retention};
use crate::audit::{Action, Actor};
use crate::clock::Clock;
use crate::config::Config;

/// How many records of one kind retention touches (or would).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub kind: &'static str,
    pub days: u32,
    pub records: i64,
}

/// The kinds retention handles, with their period in days and end expression.
fn kinds(config: &Config) -> impl Iterator<Item = (&'static RecordKind, u32, &'static str)> + '_ {
    KINDS.iter().filter_map(|k| match k.retention {
        Retention::AfterEnd { ended_at, default_days, .. } => {
            Some((k, config.retention_days.get(k.key).copied().unwrap_or(default_days), ended_at))
        }
        Retention::Other(_) => None,
    })
}

fn expired(ended_at: &str) -> String {
    format!("t.anonymised_at is null and {ended_at} < $1 - make_interval(days => $2)")
}

/// What retention would anonymise now, per kind; changes nothing.
pub async fn dry_run(db: &PgPool, config: &Config, now: DateTime<Utc>) -> anyhow::Result<Vec<Count>> {
    let mut counts = Vec::new();
    for (kind, days, ended_at) in kinds(config) {
        let sql = format!("select count(*) from {} t where {}", kind.table, expired(ended_at));
        let records: i64 = sqlx::query_scalar(AssertSqlSafe(sql)).bind(now).bind(days as i32).fetch_one(db).await?;
        counts.push(Count { kind: kind.key, days, records });
    }
    Ok(counts)
}

/// Anonymises everything expired, each kind in one statement, all in one
/// transaction with its audit record (counts per kind, never the data).
pub async fn run(db: &PgPool, config: &Config, now: DateTime<Utc>, by: &str) -> anyhow::Result<Vec<Count>> {
    let mut tx = db.begin().await?;
    let mut counts = Vec::new();
    for (kind, days, ended_at) in kinds(config) {
        let sets: Vec<String> = kind
            .columns
            .iter()
            .filter_map(|c| match c.erase {
                Erase::Null => Some(format!("{} = null", c.name)),
                Erase::Empty => Some(format!("{} = ''", c.name)),
                // Only where there was something: a NULL stays NULL.
                Erase::Replace(text) => Some(format!(
                    "{col} = case when {col} is null then null else '{text}' end",
                    col = c.name,
                    text = text.replace('\'', "''")
                )),
                Erase::Keep(_) => None,
            })
            .chain(std::iter::once("anonymised_at = $1".to_owned()))
            .collect();
        let sql = format!("update {} t set {} where {}", kind.table, sets.join(", "), expired(ended_at));
        let done = sqlx::query(AssertSqlSafe(sql)).bind(now).bind(days as i32).execute(&mut *tx).await?;
        counts.push(Count { kind: kind.key, days, records: done.rows_affected() as i64 });
    }
    let detail: serde_json::Map<String, serde_json::Value> =
        counts.iter().map(|c| (c.kind.to_owned(), serde_json::json!(c.records))).collect();
    if counts.iter().any(|c| c.records > 0) {
        system(by)
            .record(&mut *tx, Action::DataAnonymised, None, serde_json::json!({ "anonymised": detail, "by": by }))
            .await?;
    }
    tx.commit().await?;
    Ok(counts)
}

/// The audit log's actor for what Okienko does by itself or from the command line.
pub fn system(by: &str) -> Actor {
    Actor { staff_id: None, login: Some(by.to_owned()), ip: IpAddr::V4(Ipv4Addr::LOCALHOST), request_id: None }
}

/// Runs retention for today unless another instance (or this one) already has:
/// the day's row in `retention_run` is taken by one insert that only one wins.
/// Returns the counts when this call did the work.
pub async fn run_once_today(db: &PgPool, config: &Config, now: DateTime<Utc>) -> anyhow::Result<Option<Vec<Count>>> {
    let day = now.with_timezone(&config.time_zone).date_naive();
    let claimed = sqlx::query_scalar!(
        "insert into retention_run (day, started_at) values ($1, $2) on conflict (day) do nothing returning day",
        day,
        now
    )
    .fetch_optional(db)
    .await?;
    if claimed.is_none() {
        return Ok(None);
    }
    let counts = match run(db, config, now, "retention").await {
        Ok(counts) => counts,
        Err(e) => {
            // Free the day, so that the next hourly check (here or elsewhere) tries again.
            sqlx::query!("delete from retention_run where day = $1 and finished_at is null", day).execute(db).await?;
            return Err(e);
        }
    };
    let detail: serde_json::Map<String, serde_json::Value> =
        counts.iter().map(|c| (c.kind.to_owned(), serde_json::json!(c.records))).collect();
    sqlx::query!(
        "update retention_run set finished_at = $2, counts = $3 where day = $1",
        day,
        now,
        serde_json::Value::Object(detail)
    )
    .execute(db)
    .await?;
    Ok(Some(counts))
}

/// The daily job of `okienko serve`: checks every hour whether today's run is done.
pub async fn daily(db: PgPool, config: std::sync::Arc<Config>, clock: Clock) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match run_once_today(&db, &config, clock.now()).await {
            Ok(Some(counts)) => {
                let total: i64 = counts.iter().map(|c| c.records).sum();
                tracing::info!(anonymised = total, "retention: personal data past its period anonymised");
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "retention could not run"),
        }
    }
}
