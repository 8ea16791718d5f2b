//! CSRF tokens bound to the session, checked for every request that may change
//! something, before any handler runs (so no handler can forget). The cross-origin
//! check of tower-http sits in front of this as a second, independent guard.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::audit::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::flash::{FlashKind, set_flash};
use crate::web::form::FormData;
use crate::web::lang_from_headers;

pub const FIELD: &str = "_csrf";
pub const HEADER: &str = "x-csrf-token";
const KEY: &str = "csrf";
/// The kiosk's pages (see `verify`).
pub const KIOSK_PREFIX: &str = "/kiosk/";
/// The one kiosk form that a device without the kiosk's cookie sends: it carries a
/// token of its own, kept in this cookie (`survey::kiosk::not_enrolled`).
pub const KIOSK_ENROL_PATH: &str = "/kiosk/enrol";
pub const KIOSK_ENROL_COOKIE: &str = "okienko_kiosk_enrol";
pub const FORM_BODY_LIMIT: usize = 64 * 1024;

/// The session's token, made on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    match session.get::<String>(KEY).await? {
        Some(token) => Ok(token),
        None => renew(session).await,
    }
}

/// A new token, made at sign-in: every page opened afterwards, in any number of tabs
/// at once, shares it (two first pages making two tokens would outdate one form).
pub async fn renew(session: &Session) -> Result<String, AppError> {
    let token = super::random_token();
    session.insert(KEY, &token).await?;
    Ok(token)
}

pub async fn verify(State(state): State<AppState>, session: Session, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // The kiosk has no session (nobody signs in on it): its forms are protected by
    // its own cookie, which is SameSite=Strict and limited to /kiosk, together with
    // the cross-origin check in front of this layer. Its answers must also arrive
    // hours later from the offline queue, when a session token would be long gone.
    // Enrolment comes before that cookie, so its form carries a token of its own,
    // kept in a cookie of its own (a page elsewhere must not enrol a tablet with a
    // code it chose).
    let enrolment = req.uri().path() == KIOSK_ENROL_PATH;
    if req.uri().path().starts_with(KIOSK_PREFIX) && !enrolment {
        return next.run(req).await;
    }
    let expected = if enrolment {
        super::cookie(req.headers(), KIOSK_ENROL_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned)
    } else {
        match session.get::<String>(KEY).await {
            Ok(token) => token,
            Err(e) => return AppError::from(e).into_response(),
        }
    };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, FORM_BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return (http::StatusCode::PAYLOAD_TOO_LARGE).into_response(),
    };
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let sent = match parts.headers.get(HEADER).and_then(|v| v.to_str().ok()) {
        Some(token) => Some(token.to_owned()),
        None if is_form => FormData::parse(&bytes).raw(FIELD).map(str::to_owned),
        None => None,
    };
    let valid = matches!((&expected, &sent), (Some(e), Some(s)) if e.as_bytes().ct_eq(s.as_bytes()).into());
    if valid {
        return next.run(Request::from_parts(parts, Body::from(bytes))).await;
    }

    let actor = crate::web::client_ip::actor_of(&parts, state.config.trust_proxy_headers);
    let detail = serde_json::json!({ "path": parts.uri.path(), "had_session_token": expected.is_some() });
    if let Err(e) = actor.record(&state.db, Action::CsrfRejected, None, detail).await {
        return AppError::from(e).into_response();
    }
    // An enrolment form without its token: the form again, with a fresh one.
    if enrolment {
        let lang = crate::survey::kiosk::lang_of(FormData::parse(&bytes).raw("lang").unwrap_or(""));
        return crate::survey::kiosk::not_enrolled(&state, lang, Some(lang.texts().enrol_form_expired));
    }
    // A sign-in form left open too long: show it again with a word of explanation.
    if parts.uri.path() == "/login" {
        let t = lang_from_headers(&parts.headers).texts();
        if let Err(e) = set_flash(&session, FlashKind::Warning, t.form_expired_msg).await {
            return e.into_response();
        }
        return Redirect::to("/login").into_response();
    }
    AppError::Csrf.into_response()
}
