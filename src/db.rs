//! The connection pool and the embedded migrations.

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

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
