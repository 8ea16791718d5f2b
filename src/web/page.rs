//! What every page's layout needs: language, texts, the signed-in employee, the
//! CSRF token for its forms, a one-time message, the office's name.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{self, Lang, Texts};
use crate::state::AppState;
use crate::web::csrf;

pub const LANG_COOKIE: &str = "okienko_lang";
/// Sent by `live.js` when it fetches a page in the background to refresh regions.
pub const LIVE_REFRESH_HEADER: &str = "x-live-refresh";
const FLASH_KEY: &str = "flash";

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Info,
    Warning,
}

/// A message shown once, on the next page (e.g. "Changes saved.").
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

impl Flash {
    pub fn css(&self) -> &'static str {
        match self.kind {
            FlashKind::Success => "banner--success",
            FlashKind::Info => "banner--info",
            FlashKind::Warning => "banner--warning",
        }
    }
}

/// The one-time message, removed once read (and the session left untouched when there is none).
async fn take_flash(session: &Session) -> Result<Option<Flash>, AppError> {
    if session.get_value(FLASH_KEY).await?.is_none() {
        return Ok(None);
    }
    Ok(session.remove::<Flash>(FLASH_KEY).await?)
}

pub async fn set_flash(session: &Session, kind: FlashKind, text: &str) -> Result<(), AppError> {
    session.insert(FLASH_KEY, Flash { kind, text: text.to_owned() }).await?;
    Ok(())
}

/// The language chosen with the switch (a cookie, so error pages know it too).
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    super::cookie(headers, LANG_COOKIE).and_then(Lang::parse).unwrap_or_default()
}

pub struct PageCtx {
    pub lang: Lang,
    pub t: &'static Texts,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    pub flash: Option<Flash>,
    pub office_name: String,
    pub office_address: String,
    /// The path of this page, to mark the current menu item and to come back after switching language.
    pub path: String,
    pub tz: Tz,
}

impl PageCtx {
    pub fn fill(&self, text: &str, name: &str, value: impl std::fmt::Display) -> String {
        i18n::fill(text, name, &value.to_string())
    }

    /// Whether the menu item for `prefix` is this page (or a page below it).
    pub fn is_current(&self, prefix: &str) -> bool {
        if prefix == "/" { self.path == "/" } else { self.path.starts_with(prefix) }
    }

    pub fn has_role(&self, role: &str) -> bool {
        self.user.as_ref().is_some_and(|u| u.roles.iter().any(|r| r.as_str() == role))
    }

    /// 21.11.2026 14:05 in the office's time zone.
    pub fn datetime(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%d.%m.%Y %H:%M").to_string()
    }

    /// `aria-pressed` of a language button.
    pub fn pressed(&self, code: &str) -> &'static str {
        if self.lang.code() == code { "true" } else { "false" }
    }

    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }
}

impl<S> FromRequestParts<S> for PageCtx
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let session =
            Session::from_request_parts(parts, &state).await.map_err(|_| anyhow::anyhow!("session layer missing"))?;
        let lang = lang_from_headers(&parts.headers);
        Ok(PageCtx {
            lang,
            t: lang.texts(),
            user: parts.extensions.get::<CurrentUser>().cloned(),
            csrf: csrf::token(&session).await?,
            // A background refresh must not take the message meant for the next page
            // (e.g. "Obsługa zakończona" after the redirect that follows a form).
            flash: if parts.headers.contains_key(LIVE_REFRESH_HEADER) { None } else { take_flash(&session).await? },
            office_name: state.config.office_name.clone(),
            office_address: state.config.office_address.clone(),
            path: parts.uri.path().to_owned(),
            tz: state.config.time_zone,
        })
    }
}
