//! One check for every query string, before any handler reads it: a parameter that
//! holds a control character (a NUL byte, a line break) or bytes that are not UTF-8
//! is refused with the "bad request" page. PostgreSQL refuses a NUL byte in text,
//! so `?number=%00` reached the database and came back as a 500; forms have their
//! own checks (`web::form`), search parameters now have this one.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether a query string's names and values are all printable text.
pub fn is_clean(query: &str) -> bool {
    let decoded = super::form::decode(query.as_bytes());
    std::str::from_utf8(&decoded).is_ok_and(|text| !text.chars().any(char::is_control))
}

/// The layer: a query that is not clean never reaches a handler.
pub async fn refuse_unclean(req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| !is_clean(q)) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::is_clean;

    #[test]
    fn nul_bytes_line_breaks_and_broken_utf8_are_not_clean() {
        assert!(is_clean("q=Kowalska&page=2"));
        assert!(is_clean("q=%C5%BC%C3%B3%C5%82w+ka&month=2026-11"));
        assert!(is_clean("q=50%25"));
        for bad in ["number=%00", "q=a%0Ab", "q=%0d", "q=%FF", "q=%09", "q=\u{7f}"] {
            assert!(!is_clean(bad), "{bad}");
        }
    }
}
