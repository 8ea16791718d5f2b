//! The connection pool and the embedded migrations.

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::config::Config;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A pool that connects lazily, so the service starts (and answers 503) while the
/// database is down, and recovers by itself when it is back.
pub fn pool(config: &Config) -> anyhow::Result<PgPool> {
    let pool = PgPoolOptions::new()
        .max_connections(config.db_max_connections)
        .acquire_timeout(config.db_acquire_timeout)
        // A broken connection fails its one request (503) and is dropped; pinging
        // before every query would double the round trips of every page.
        .test_before_acquire(false)
        .connect_lazy(&config.database_url)?;
    Ok(pool)
}

pub async fn migrate(db: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(db).await?;
    Ok(())
}

/// Brings the schema up to date. With `DATABASE_OWNER_URL`, as the schema's owner,
/// then grants the application's role (`DATABASE_APP_ROLE`, or the user of
/// `DATABASE_URL`) what it needs and no more ([`grant_app_role`]). Without it
/// (one role does everything), through the application's own pool.
pub async fn migrate_for(config: &Config, app: &PgPool) -> anyhow::Result<()> {
    let Some(owner_url) = &config.database_owner_url else {
        // The application's role may not create even sqlx's own table: leave an
        // up-to-date schema alone.
        if up_to_date(app).await? {
            return Ok(());
        }
        return migrate(app).await.map_err(|e| {
            anyhow::anyhow!("{e} (with two database roles, set DATABASE_OWNER_URL to migrate as the owner)")
        });
    };
    let owner =
        PgPoolOptions::new().max_connections(1).acquire_timeout(config.db_acquire_timeout).connect(owner_url).await?;
    migrate(&owner).await?;
    if let Some(role) = app_role(config) {
        grant_app_role(&owner, &role).await?;
    }
    owner.close().await;
    Ok(())
}

/// True when every migration is applied, as it is, with success.
async fn up_to_date(db: &PgPool) -> anyhow::Result<bool> {
    let applied: Vec<(i64, Vec<u8>)> =
        match sqlx::query_as("select version, checksum from _sqlx_migrations where success").fetch_all(db).await {
            Ok(rows) => rows,
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P01") => return Ok(false),
            Err(e) => return Err(e.into()),
        };
    Ok(MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .all(|m| applied.iter().any(|(version, checksum)| *version == m.version && **checksum == *m.checksum)))
}

/// The role the application connects as, when it is not the owner's.
pub fn app_role(config: &Config) -> Option<String> {
    if let Some(role) = &config.database_app_role {
        return Some(role.clone());
    }
    let user_of = |url: &str| url.parse::<PgConnectOptions>().ok().map(|o| o.get_username().to_owned());
    let app = user_of(&config.database_url)?;
    let owner = user_of(config.database_owner_url.as_deref()?)?;
    (app != owner).then_some(app)
}

/// Lets `role` read and write the application's tables and use their sequences,
/// but not change the schema (it owns nothing and gets no CREATE), nor change or
/// empty the audit log (SELECT and INSERT on `audit_event` only, and its
/// append-only triggers belong to the owner). Tables made by later migrations get
/// the same through default privileges. Run by the owner after migrating.
pub async fn grant_app_role(owner: &PgPool, role: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        !role.is_empty() && role.len() <= 63 && role.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "DATABASE_APP_ROLE must be a plain role name (letters, digits, _)"
    );
    let role = format!("\"{role}\"");
    let statements = [
        format!("grant usage on schema public to {role}"),
        format!("revoke create on schema public from {role}"),
        format!("grant select, insert, update, delete on all tables in schema public to {role}"),
        format!("revoke update, delete, truncate, references, trigger on audit_event from {role}"),
        format!("revoke insert, update, delete on _sqlx_migrations from {role}"),
        format!("grant usage, select on all sequences in schema public to {role}"),
        format!("alter default privileges in schema public grant select, insert, update, delete on tables to {role}"),
        format!("alter default privileges in schema public grant usage, select on sequences to {role}"),
    ];
    let mut tx = owner.begin().await?;
    for statement in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement)).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}
