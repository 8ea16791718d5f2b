//! What every handler can reach.

use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::password::Hasher;
use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub hasher: Hasher,
}
