//! Structured logs: one line per request with its id, status and duration. The
//! query string is never logged (it may carry personal data), nor any header.

use std::time::Duration;

use axum::extract::Request;
use axum::response::Response;
use tracing::Span;
use tracing_subscriber::EnvFilter;

use crate::config::Config;

pub fn init(config: &Config) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(format!("{},sqlx=warn,tower_sessions=warn", config.log_level)))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ = if config.log_json { builder.json().try_init() } else { builder.try_init() };
}

pub fn make_span(req: &Request) -> Span {
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", id = %request_id, method = %req.method(), path = %req.uri().path())
}

pub fn on_response(res: &Response, latency: Duration, _span: &Span) {
    let status = res.status().as_u16();
    let ms = latency.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::warn!(status, ms = format_args!("{ms:.1}"), "request");
    } else {
        tracing::info!(status, ms = format_args!("{ms:.1}"), "request");
    }
}
