//! Turns every error response (ours, axum's rejections, the layers' refusals) into a
//! friendly page in the user's language, without SQL, stack traces or internals.

use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::csrf::ProtectionError;

use crate::audit::Action;
use crate::error::ErrorKind;
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::lang_from_headers;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub lang: Lang,
    pub t: &'static Texts,
    pub code: u16,
    pub title: &'static str,
    pub text: &'static str,
    pub reference: Option<&'a str>,
    pub office_name: &'a str,
}

async fn database_answers(state: &AppState) -> bool {
    let ping = sqlx::query_scalar!("select 1 as \"one!\"").fetch_one(&state.db);
    matches!(tokio::time::timeout(std::time::Duration::from_millis(500), ping).await, Ok(Ok(_)))
}

fn texts_for(t: &'static Texts, status: StatusCode, kind: ErrorKind) -> (&'static str, &'static str) {
    if kind == ErrorKind::Csrf {
        return (t.error_csrf_title, t.error_csrf_text);
    }
    match status.as_u16() {
        403 => (t.error_403_title, t.error_403_text),
        404 => (t.error_404_title, t.error_404_text),
        405 => (t.error_405_title, t.error_405_text),
        409 => (t.error_409_title, t.error_409_text),
        413 => (t.error_413_title, t.error_413_text),
        415 | 422 => (t.error_422_title, t.error_422_text),
        429 => (t.error_429_title, t.error_429_text),
        503 | 504 | 408 => (t.error_503_title, t.error_503_text),
        400..=499 => (t.error_400_title, t.error_400_text),
        _ => (t.error_500_title, t.error_500_text),
    }
}

pub async fn render(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = lang_from_headers(req.headers());
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    // Health checks answer in plain text for machines.
    if matches!(req.uri().path(), "/healthz" | "/readyz") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let actor = crate::web::client_ip::actor_of(&parts, state.config.trust_proxy_headers);
    let response = next.run(Request::from_parts(parts, body)).await;

    let status = response.status();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || is_html {
        return response;
    }

    let marked = response.extensions().get::<ErrorKind>().copied();
    let mut kind = marked.unwrap_or(ErrorKind::Status);
    // A layer (the session store saving, say) failed without telling why: if the
    // database is not answering, this is an outage, not a bug.
    let mut status = status;
    if status == StatusCode::INTERNAL_SERVER_ERROR && marked.is_none() && !database_answers(&state).await {
        status = StatusCode::SERVICE_UNAVAILABLE;
    }
    if let Some(protection) = response.extensions().get::<ProtectionError>() {
        kind = ErrorKind::Csrf;
        let detail = serde_json::json!({ "cross_origin": protection.to_string() });
        if let Err(e) = actor.record(&state.db, Action::CsrfRejected, None, detail).await {
            tracing::warn!(error = %e, "could not record a cross-origin refusal");
        }
    }
    let t = lang.texts();
    let (title, text) = texts_for(t, status, kind);
    let page = ErrorPage {
        lang,
        t,
        code: status.as_u16(),
        title,
        text,
        reference: request_id.as_deref().filter(|_| status.is_server_error()),
        office_name: &state.config.office_name,
    };
    let html = match page.render() {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            format!("{} {}", status.as_u16(), title)
        }
    };

    let (mut parts, _) = response.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut response = Response::from_parts(parts, Body::from(html));
    *response.status_mut() = status;
    response.into_response()
}
