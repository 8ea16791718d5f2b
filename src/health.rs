//! Health checks for the load balancer and the administrator.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use crate::state::AppState;

/// The process is alive.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers, within a second.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let ping = sqlx::query_scalar!("select 1 as \"one!\"").fetch_one(&state.db);
    match tokio::time::timeout(Duration::from_secs(1), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready\n"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n"),
    }
}
