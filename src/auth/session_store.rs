//! Our PostgreSQL store for tower-sessions (the published one lags behind sqlx).
//!
//! The rows' expiry is tower-sessions' own, computed from the system clock, so it
//! is compared with the database's `now()`; the idle and absolute timeouts that an
//! employee notices are decided by `auth::load_user` with the application's clock.
//!
//! Rows are keyed by a SHA-256 of the session id, so a copy of the table gives no
//! usable cookie. The signed-in employee's id is copied into its own column so an
//! admin's deactivation can end every session of that employee at once, and so
//! are where and when they signed in and were last seen, for "Twoje sesje"
//! (`account::sessions`): the row is written at the end of a request, so the
//! sign-in handler keeps them in the data (`auth::begin`) and this store copies them.
//!
//! Loading a session also reads its employee, their department and roles in the
//! same statement (one round trip per request instead of two): the store hands
//! them to `auth::load_user` in the record under `STAFF_KEY`, and never writes
//! that key back to the row. The same statement asks whether the employee has yet
//! to confirm the regulation in force on the office's day (§11, the banner of every
//! staff page: `regulation::due`): two index lookups, no round trip of its own.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};
use uuid::Uuid;

use super::{IP_KEY, LAST_SEEN_KEY, SIGNED_IN_AT_KEY, STAFF_KEY, USER_AGENT_KEY, USER_KEY};
use crate::clock::Clock;

#[derive(Clone, Debug)]
pub struct PgSessionStore {
    db: PgPool,
    /// The application's clock and the office's time zone: the office's day, on
    /// which the regulation in force is decided. Without them (housekeeping, which
    /// loads no session) nothing is in force.
    office_day: Option<(Clock, Tz)>,
}

impl PgSessionStore {
    pub fn new(db: PgPool) -> Self {
        Self { db, office_day: None }
    }

    /// The store of the served application, which knows the office's day.
    pub fn with_office_day(self, clock: Clock, tz: Tz) -> Self {
        Self { office_day: Some((clock, tz)), ..self }
    }

    fn today(&self) -> Option<NaiveDate> {
        self.office_day.as_ref().map(|(clock, tz)| crate::calendar::local_date(clock.now(), tz))
    }

    /// Removes expired sessions; run periodically.
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        let done = sqlx::query!("delete from session where expires_at <= now()").execute(&self.db).await?;
        Ok(done.rows_affected())
    }
}

/// Ends every session of an employee (deactivation, password reset by an admin).
pub async fn end_sessions_of(db: impl sqlx::PgExecutor<'_>, staff_id: Uuid) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from session where staff_id = $1", staff_id).execute(db).await?;
    Ok(done.rows_affected())
}

/// Ends every session of an employee but the one kept (`key` of this session):
/// a password changed, an authenticator replaced, "end all others".
pub async fn end_other_sessions_of(db: impl sqlx::PgExecutor<'_>, staff_id: Uuid, keep: &str) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from session where staff_id = $1 and session_id <> $2", staff_id, keep)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// The row key of this request's session ("" before it has an id).
pub fn key_of(session: &tower_sessions::Session) -> String {
    session.id().map(|id| key(&id)).unwrap_or_default()
}

pub fn key(id: &Id) -> String {
    let digest = Sha256::digest(id.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_else(Utc::now)
}

fn to_time(t: DateTime<Utc>) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp()).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

fn staff_id(record: &Record) -> Option<Uuid> {
    record.data.get(USER_KEY)?.as_str()?.parse().ok()
}

/// What the row's columns repeat of the data: who, from which browser and
/// address, signed in when, last seen when.
struct Columns {
    staff_id: Option<Uuid>,
    user_agent: Option<String>,
    ip: Option<ipnet::IpNet>,
    signed_in_at: Option<DateTime<Utc>>,
    last_seen_at: Option<DateTime<Utc>>,
}

fn columns(record: &Record) -> Columns {
    let data = &record.data;
    let int = |key: &str| data.get(key).and_then(serde_json::Value::as_i64);
    Columns {
        staff_id: staff_id(record),
        user_agent: data.get(USER_AGENT_KEY).and_then(|v| v.as_str()).map(str::to_owned),
        ip: data
            .get(IP_KEY)
            .and_then(|v| v.as_str())
            .and_then(|v| v.parse::<std::net::IpAddr>().ok())
            .map(ipnet::IpNet::from),
        signed_in_at: int(SIGNED_IN_AT_KEY).and_then(|s| DateTime::from_timestamp(s, 0)),
        last_seen_at: int(LAST_SEEN_KEY).and_then(DateTime::from_timestamp_millis),
    }
}

/// The record's data as stored: without the employee the load added (`STAFF_KEY`).
fn stored_data(record: &Record) -> Result<serde_json::Value> {
    let data: serde_json::Map<String, serde_json::Value> =
        record.data.iter().filter(|(k, _)| k.as_str() != STAFF_KEY).map(|(k, v)| (k.clone(), v.clone())).collect();
    Ok(serde_json::Value::Object(data))
}

fn backend(e: sqlx::Error) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = stored_data(record)?;
        let c = columns(record);
        loop {
            let inserted = sqlx::query!(
                "insert into session (session_id, staff_id, data, expires_at, user_agent, ip, signed_in_at, last_seen_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)
                 on conflict (session_id) do nothing",
                key(&record.id),
                c.staff_id,
                data,
                to_chrono(record.expiry_date),
                c.user_agent,
                c.ip,
                c.signed_in_at,
                c.last_seen_at,
            )
            .execute(&self.db)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = stored_data(record)?;
        let c = columns(record);
        sqlx::query!(
            "insert into session (session_id, staff_id, data, expires_at, user_agent, ip, signed_in_at, last_seen_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)
             on conflict (session_id) do update
             set staff_id = excluded.staff_id, data = excluded.data, expires_at = excluded.expires_at,
                 user_agent = excluded.user_agent, ip = excluded.ip,
                 signed_in_at = excluded.signed_in_at, last_seen_at = excluded.last_seen_at",
            key(&record.id),
            c.staff_id,
            data,
            to_chrono(record.expiry_date),
            c.user_agent,
            c.ip,
            c.signed_in_at,
            c.last_seen_at,
        )
        .execute(&self.db)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        // The session and, when it is signed in, its active employee with department
        // and roles, and the regulation in force they have not confirmed (the same
        // statement as `regulation::due`): what every staff page needs, in one round trip.
        let row = sqlx::query!(
            r#"select se.data, se.expires_at,
                      case when s.staff_id is not null then
                          jsonb_build_object(
                              'staff_id', s.staff_id, 'login', s.login, 'full_name', s.full_name,
                              'department_id', s.department_id, 'department_name', d.name,
                              'department_symbol', d.symbol, 'password_must_change', s.password_must_change,
                              'roles', array(select role from staff_role r where r.staff_id = s.staff_id order by role),
                              'regulation_due',
                              (select jsonb_build_object('regulation_version_id', v.regulation_version_id,
                                                         'title', v.title, 'effective_on', v.effective_on)
                               from (select regulation_version_id, title, effective_on from regulation_version
                                     where effective_on <= $2 order by effective_on desc, created_at desc limit 1) v
                               where not exists (select 1 from regulation_acknowledgement a
                                                 where a.regulation_version_id = v.regulation_version_id
                                                   and a.staff_id = s.staff_id)))
                      end as staff
               from session se
               left join staff s on s.staff_id = se.staff_id and s.active
               left join department d on d.department_id = s.department_id
               where se.session_id = $1 and se.expires_at > now()"#,
            key(id),
            self.today() as Option<NaiveDate>
        )
        .fetch_optional(&self.db)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let mut data: std::collections::HashMap<String, serde_json::Value> =
            serde_json::from_value(row.data).map_err(|e| Error::Decode(e.to_string()))?;
        data.remove(STAFF_KEY);
        if let Some(staff) = row.staff {
            data.insert(STAFF_KEY.to_owned(), staff);
        }
        Ok(Some(Record { id: *id, data, expiry_date: to_time(row.expires_at) }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query!("delete from session where session_id = $1", key(id)).execute(&self.db).await.map_err(backend)?;
        Ok(())
    }
}
