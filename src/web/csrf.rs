//! CSRF tokens bound to the session, checked for every request that may change
//! something, before any handler runs (so no handler can forget). The cross-origin
//! check of tower-http sits in front of this as a second, independent guard.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::audit::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::flash::Notice;
use crate::web::form::FormData;

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

/// The token of a visitor who is not signed in, kept in a cookie of its own
/// (`form_cookie`) rather than in a session: every anonymous page view (the sign-in
/// page, the hall display, a staff page's redirect) wrote a session row before.
/// A form is accepted when its token equals the cookie's (double submit): another
/// site can neither read the cookie nor, with `__Host-` and SameSite, plant one, and
/// the cross-origin check in front of this layer refuses its posts anyway. Signing
/// in replaces it with the session's own token.
#[derive(Clone, Debug)]
pub struct FormCookie {
    token: String,
    /// The browser sent it (a new one is only a proposal until set).
    sent: bool,
    /// A page used it, so the response must set it.
    used: Arc<AtomicBool>,
}

/// The session's token, made on first use; a visitor without a session token who
/// never signed in gets the form cookie's.
pub async fn token(session: &Session, form_cookie: Option<&FormCookie>) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(KEY).await? {
        return Ok(token);
    }
    match form_cookie {
        Some(cookie) if !crate::auth::had_user(session).await => {
            cookie.used.store(true, Ordering::Relaxed);
            Ok(cookie.token.clone())
        }
        _ => renew(session).await,
    }
}

/// Reads the visitor's form cookie (or proposes a new one) for `token` and
/// `verify`, and sets it on the response when a page used a new one.
pub async fn form_cookie(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let name = state.config.form_cookie_name();
    let sent = super::cookie(req.headers(), name).filter(|v| v.len() == 43 && v.bytes().all(is_token_byte));
    let cookie = FormCookie {
        sent: sent.is_some(),
        token: sent.map(str::to_owned).unwrap_or_else(super::random_token),
        used: Arc::default(),
    };
    req.extensions_mut().insert(cookie.clone());
    let mut response = next.run(req).await;
    if !cookie.sent && cookie.used.load(Ordering::Relaxed) {
        let secure = if state.config.cookie_secure { "; Secure" } else { "" };
        let set = format!("{name}={}; Path=/; HttpOnly; SameSite=Lax{secure}", cookie.token);
        if let Ok(value) = HeaderValue::from_str(&set) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
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
            Ok(Some(token)) => Some(token),
            Ok(None) => req.extensions().get::<FormCookie>().filter(|c| c.sent).map(|c| c.token.clone()),
            Err(e) => return AppError::from(e).into_response(),
        }
    };
    let (parts, body) = req.into_parts();
    // A form with a file may be larger (`routes::body_limit` let it in).
    let limit = crate::routes::body_limit(&state.config, &parts.method, parts.uri.path());
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return (http::StatusCode::PAYLOAD_TOO_LARGE).into_response(),
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let sent = match parts.headers.get(HEADER).and_then(|v| v.to_str().ok()) {
        Some(token) => Some(token.to_owned()),
        None if is_form => FormData::parse(&bytes).raw(FIELD).map(str::to_owned),
        None if limit > FORM_BODY_LIMIT => super::multipart::boundary(content_type)
            .and_then(|b| super::multipart::parse(&bytes, &b))
            .and_then(|p| super::multipart::fields(&p).raw(FIELD).map(str::to_owned)),
        None => None,
    };
    let valid = matches!((&expected, &sent), (Some(e), Some(s)) if e.as_bytes().ct_eq(s.as_bytes()).into());
    if valid {
        return next.run(Request::from_parts(parts, Body::from(bytes))).await;
    }

    // An employee's refused form goes to the audit log. Anybody else's only to the
    // server's log: the audit log is kept for ever, and anonymous posts would let
    // anyone fill it (and the disk) with rows nobody may remove.
    if crate::auth::had_user(&session).await {
        let actor = crate::web::client_ip::actor_of(&parts, state.config.trust_proxy_headers);
        let detail = serde_json::json!({ "path": parts.uri.path(), "had_session_token": expected.is_some() });
        if let Err(e) = actor.record(&state.db, Action::CsrfRejected, None, detail).await {
            return AppError::from(e).into_response();
        }
    } else {
        tracing::info!(
            path = parts.uri.path(),
            had_token = expected.is_some(),
            "anonymous form refused: no valid token"
        );
    }
    // An enrolment form without its token: the form again, with a fresh one.
    if enrolment {
        let lang = crate::survey::kiosk::lang_of(FormData::parse(&bytes).raw("lang").unwrap_or(""));
        return crate::survey::kiosk::not_enrolled(&state, lang, Some(lang.texts().enrol_form_expired));
    }
    // A sign-in form left open too long: show it again with a word of explanation.
    if parts.uri.path() == "/login" {
        return Redirect::to(&format!("/login?notice={}", Notice::FormExpired.code())).into_response();
    }
    AppError::Csrf.into_response()
}
