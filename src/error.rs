//! The one error type. A handler returns `Result<T, AppError>`; the response carries
//! only a status and a marker, and `web::error_page` renders the friendly page in the
//! user's language. Internal detail is logged here, once, and never shown.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("the form's CSRF token is missing or wrong")]
    Csrf,
    #[error("conflict")]
    Conflict,
    #[error("unprocessable")]
    Unprocessable,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The instance has no room for this now (every live stream taken): 503, try later.
    #[error("too busy")]
    Busy { retry_after_secs: u64 },
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Put on error responses so the error-page layer knows which page to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Status,
    Csrf,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) | AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if is_unavailable(&e) { AppError::Unavailable(e.to_string()) } else { AppError::Internal(e.into()) }
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(e: tower_sessions::session::Error) -> Self {
        // Our store reports a failed database as a backend error.
        AppError::Unavailable(e.to_string())
    }
}

/// Errors that mean "the database is not there right now" rather than a bug.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => {
            // 57P01..03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection
            db.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08"))
        }
        _ => false,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            AppError::Unavailable(e) => tracing::warn!(error = %e, "database unavailable"),
            _ => {}
        }
        let mut response = self.status().into_response();
        let kind = if matches!(self, AppError::Csrf) { ErrorKind::Csrf } else { ErrorKind::Status };
        response.extensions_mut().insert(kind);
        if let AppError::TooManyRequests { retry_after_secs } | AppError::Busy { retry_after_secs } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        if let AppError::Unavailable(_) = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}

/// True for a unique-violation on the named constraint: a form error, not a crash.
pub fn is_unique_violation(e: &sqlx::Error, constraint: &str) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation() && db.constraint() == Some(constraint))
}
