//! Who is signed in: the employee of a session and their roles, the groups of roles
//! that may reach each page (`access`), passwords, the second factor, sign-in
//! throttling and the session store. It knows nothing of pages: `web::guard` puts
//! it in front of the routes and `account` has the sign-in pages.

pub mod access;
pub mod password;
pub mod roles;
pub mod second_factor;
pub mod session_store;
pub mod throttle;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

pub use access::Access;
pub use roles::Role;

use crate::config::Config;
use crate::error::AppError;

/// Session key holding the signed-in employee's id.
pub const USER_KEY: &str = "uid";
/// Session key: when the employee signed in (Unix seconds), for the absolute timeout.
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// Session key: the last activity recorded (Unix milliseconds), for the idle timeout.
pub const LAST_SEEN_KEY: &str = "last_seen";
/// Session key: the browser's `User-Agent` at sign-in (at most `USER_AGENT_MAX`
/// characters), for "Twoje sesje".
pub const USER_AGENT_KEY: &str = "ua";
/// Session key: the address the employee signed in from, for "Twoje sesje".
pub const IP_KEY: &str = "ip";
/// Session key the store fills when it loads a signed-in session: the employee,
/// department and roles read in the same statement (`session_store`), so that a
/// request reads them once. Never stored in the row.
pub const STAFF_KEY: &str = "_staff";
/// How much of a `User-Agent` a session keeps.
pub const USER_AGENT_MAX: usize = 400;

/// Where a sign-in comes from: kept with the session so the employee can tell
/// their sessions apart (`account::sessions`).
#[derive(Clone, Debug)]
pub struct SignInFrom {
    pub ip: std::net::IpAddr,
    pub user_agent: String,
}

/// The signed-in employee, as loaded for this request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub staff_id: Uuid,
    pub login: String,
    pub full_name: String,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
    /// Works in BOMiNO (`BOMINO_SYMBOL`): keeps the register, drafts authorisations.
    pub in_bomino: bool,
    pub roles: Vec<Role>,
    /// An admin set the password: the employee must choose their own before
    /// anything else (`web::guard`).
    pub must_change_password: bool,
    /// The regulation in force they have not confirmed yet (§11): the banner of
    /// every staff page. Read with the session (`session_store`).
    pub regulation_due: Option<crate::regulation::Due>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether this employee belongs to the group of `access` (see `auth::access`).
    pub fn may(&self, access: Access) -> bool {
        access.allows(Some(self))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Present on every route declared with Access::Staff or Access::Group.
        parts.extensions.get::<CurrentUser>().cloned().ok_or(AppError::Forbidden)
    }
}

/// Starts the signed-in part of a session (after the password was checked).
/// Where from is kept too: the session store copies it into the row's columns.
pub async fn begin(session: &Session, staff_id: Uuid, now: DateTime<Utc>, from: &SignInFrom) -> Result<(), AppError> {
    session.remove_value(STAFF_KEY).await?;
    session.insert(USER_KEY, staff_id).await?;
    session.insert(SIGNED_IN_AT_KEY, now.timestamp()).await?;
    session.insert(LAST_SEEN_KEY, now.timestamp_millis()).await?;
    let user_agent: String = from.user_agent.chars().take(USER_AGENT_MAX).collect();
    session.insert(USER_AGENT_KEY, user_agent).await?;
    session.insert(IP_KEY, from.ip.to_string()).await?;
    Ok(())
}

/// Whether a session signed in at `signed_in_at` (Unix seconds) and last active at
/// `last_seen` (Unix milliseconds) has passed `SESSION_ABSOLUTE_TIMEOUT` or
/// `SESSION_IDLE_TIMEOUT` at `now`.
fn timed_out(config: &Config, signed_in_at: Option<i64>, last_seen: Option<i64>, now: DateTime<Utc>) -> bool {
    let age = now.timestamp().saturating_sub(signed_in_at.unwrap_or(0));
    let idle = now.timestamp_millis().saturating_sub(last_seen.unwrap_or(now.timestamp_millis()));
    age < 0
        || age as u64 >= config.session_absolute_timeout.as_secs()
        || idle > config.session_idle_timeout.as_millis() as i64
}

/// Whether the session stored under `session_key` (`session_store::key`) is still
/// signed in as `staff_id` at `now`: it is there (sign-out, a password change
/// elsewhere and deactivation delete it), it has not timed out, and the account is
/// active. For what outlives the request that loaded the employee: a staff screen's
/// live stream asks every `LIVE_SESSION_CHECK`. It asks the database, not this
/// process, since the sign-out may have reached another instance. It only reads:
/// an open stream is not activity, so the idle timeout still ends the session.
pub async fn still_signed_in(
    db: &PgPool,
    config: &Config,
    session_key: &str,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let data = sqlx::query_scalar!(
        "select se.data from session se join staff s using (staff_id)
         where se.session_id = $1 and se.staff_id = $2 and se.expires_at > now() and s.active",
        session_key,
        staff_id
    )
    .fetch_optional(db)
    .await?;
    let Some(data) = data else {
        return Ok(false);
    };
    let signed_in_at = data.get(SIGNED_IN_AT_KEY).and_then(serde_json::Value::as_i64);
    let last_seen = data.get(LAST_SEEN_KEY).and_then(serde_json::Value::as_i64);
    Ok(!timed_out(config, signed_in_at, last_seen, now))
}

/// Forgets whoever was signed in with this session: a new sign-in starts in it, and
/// until its second step is done nobody is signed in.
pub async fn forget_user(session: &Session) -> Result<(), AppError> {
    for key in [USER_KEY, SIGNED_IN_AT_KEY, LAST_SEEN_KEY, USER_AGENT_KEY, IP_KEY, STAFF_KEY] {
        session.remove_value(key).await?;
    }
    Ok(())
}

/// Whether the session says somebody signed in (even if it has since expired).
pub async fn had_user(session: &Session) -> bool {
    matches!(session.get::<Uuid>(USER_KEY).await, Ok(Some(_)))
}

/// Loads the employee of this session at `now`, ending the session when it was idle
/// longer than `SESSION_IDLE_TIMEOUT`, is past `SESSION_ABSOLUTE_TIMEOUT`, or the
/// account is no longer active. Records the activity, writing the session at most
/// ten times per idle period.
pub async fn load_user(
    db: &PgPool,
    config: &Config,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(staff_id) = session.get::<Uuid>(USER_KEY).await? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT_KEY).await?;
    let last_seen = session.get::<i64>(LAST_SEEN_KEY).await?;
    if timed_out(config, signed_in_at, last_seen, now) {
        session.flush().await?;
        return Ok(None);
    }
    let idle = now.timestamp_millis().saturating_sub(last_seen.unwrap_or(now.timestamp_millis()));
    let idle_limit = config.session_idle_timeout.as_millis() as i64;
    // Read with the session itself by the store (`session_store`); asked again only
    // when this session's employee changed since (a sign-in in this request).
    let loaded = session.get::<StaffRow>(STAFF_KEY).await.ok().flatten().filter(|r| r.staff_id == staff_id);
    let row = match loaded {
        Some(row) => Some(row),
        None => {
            let row = sqlx::query!(
                r#"select s.staff_id, s.login, s.full_name, s.department_id, s.password_must_change,
                      d.name as "department_name?", d.symbol as "department_symbol?",
                      array(select role from staff_role r where r.staff_id = s.staff_id order by role) as "roles!"
               from staff s left join department d using (department_id)
               where s.staff_id = $1 and s.active"#,
                staff_id
            )
            .fetch_optional(db)
            .await?;
            match row {
                Some(r) => {
                    let today = crate::calendar::local_date(now, &config.time_zone);
                    Some(StaffRow {
                        staff_id: r.staff_id,
                        login: r.login,
                        full_name: r.full_name,
                        department_id: r.department_id,
                        department_name: r.department_name,
                        department_symbol: r.department_symbol,
                        password_must_change: r.password_must_change,
                        roles: r.roles,
                        regulation_due: crate::regulation::due(db, staff_id, today).await?,
                    })
                }
                None => None,
            }
        }
    };
    let Some(row) = row else {
        session.flush().await?;
        return Ok(None);
    };
    if idle >= (idle_limit / 10).max(1000) {
        session.insert(LAST_SEEN_KEY, now.timestamp_millis()).await?;
    }
    Ok(Some(CurrentUser {
        staff_id,
        login: row.login,
        full_name: row.full_name,
        department_id: row.department_id,
        department_name: row.department_name,
        in_bomino: row.department_symbol.as_deref() == Some(config.bomino_symbol.as_str()),
        roles: row.roles.iter().filter_map(|r| Role::parse(r)).collect(),
        must_change_password: row.password_must_change,
        regulation_due: row.regulation_due,
    }))
}

/// The employee of a session as `load_user` reads them.
#[derive(serde::Deserialize)]
struct StaffRow {
    staff_id: Uuid,
    login: String,
    full_name: String,
    department_id: Option<Uuid>,
    department_name: Option<String>,
    department_symbol: Option<String>,
    password_must_change: bool,
    roles: Vec<String>,
    #[serde(default)]
    regulation_due: Option<crate::regulation::Due>,
}
