//! What every page's layout needs: language, texts, the signed-in employee and what
//! they may open (the menu), the CSRF token for its forms, a one-time message, the
//! office's name, and the instant of the request.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use tower_sessions::Session;

pub use super::flash::{Flash, FlashKind, set_flash};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{self, Lang, Text, Texts};
use crate::state::AppState;
use crate::web::{csrf, flash, lang_from_headers};

/// Sent by `live.js` when it fetches a page in the background to refresh regions.
pub const LIVE_REFRESH_HEADER: &str = "x-live-refresh";

/// A link of the main menu.
#[derive(Clone, Copy, Debug)]
pub struct MenuLink {
    pub href: &'static str,
    pub label: Text,
    /// The paths under which this link is the current page.
    pub current: &'static [&'static str],
}

impl MenuLink {
    pub fn text(&self, t: &Texts) -> &'static str {
        (self.label)(t)
    }
}

/// What the signed-in employee may open, read from the route table by `routes::reach`
/// for each request: the menu, and every page (`GET` route) they would not be refused.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    pub menu: Vec<MenuLink>,
    pub pages: Vec<&'static str>,
}

pub struct PageCtx {
    pub lang: Lang,
    pub t: &'static Texts,
    pub user: Option<CurrentUser>,
    pub reach: Reach,
    pub csrf: String,
    pub flash: Option<Flash>,
    pub office_name: String,
    pub office_address: String,
    /// The path of this page, to mark the current menu item and to come back after switching language.
    pub path: String,
    pub tz: Tz,
    /// The instant of this request, from the application's clock.
    pub now: DateTime<Utc>,
    /// The regulation in force, when the signed-in employee has not confirmed it
    /// yet (§11): the banner on every staff page.
    pub regulation_due: Option<crate::regulation::Due>,
}

impl PageCtx {
    pub fn fill(&self, text: &str, name: &str, value: impl std::fmt::Display) -> String {
        i18n::fill(text, name, &value.to_string())
    }

    /// Today in the office's time zone.
    pub fn today(&self) -> NaiveDate {
        crate::calendar::local_date(self.now, &self.tz)
    }

    /// Whether the menu link is this page (or a page below it).
    pub fn is_current(&self, link: &MenuLink) -> bool {
        link.current.iter().any(|prefix| if *prefix == "/" { self.path == "/" } else { self.path.starts_with(prefix) })
    }

    /// Whether the employee may open the page of this route (its pattern as in
    /// `routes.rs`, e.g. `/home-visits/{id}/attachment`): links to it may be shown.
    pub fn may_open(&self, route: &str) -> bool {
        self.reach.pages.contains(&route)
    }

    /// 21.11.2026, the day in the office's time zone.
    pub fn date(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%d.%m.%Y").to_string()
    }

    /// 14:05 in the office's time zone.
    pub fn time(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%H:%M").to_string()
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
        let user = parts.extensions.get::<CurrentUser>().cloned();
        let live_refresh = parts.headers.contains_key(LIVE_REFRESH_HEADER);
        let now = state.clock.now();
        // Read with the session (`auth::session_store`): no query of its own.
        let regulation_due = user.as_ref().filter(|_| !live_refresh).and_then(|u| u.regulation_due.clone());
        Ok(PageCtx {
            lang,
            t: lang.texts(),
            user,
            reach: parts.extensions.get::<Reach>().cloned().unwrap_or_default(),
            csrf: csrf::token(&session, parts.extensions.get::<csrf::FormCookie>()).await?,
            // A background refresh must not take the message meant for the next page
            // (e.g. "Obsługa zakończona" after the redirect that follows a form).
            flash: if live_refresh { None } else { flash::take_flash(&session).await? },
            office_name: state.config.office_name.clone(),
            office_address: state.config.office_address.clone(),
            path: parts.uri.path().to_owned(),
            tz: state.config.time_zone,
            now,
            regulation_due,
        })
    }
}

/// A change as the audit log keeps it: the action, the record (its table and id)
/// and what to add.
pub struct Entry {
    pub action: crate::audit::Action,
    pub target: (&'static str, uuid::Uuid),
    pub detail: serde_json::Value,
}

/// How a saved form ends: the change audited in its own transaction, committed, a
/// one-time `message` and the way to `to` (303).
pub async fn saved(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    session: &Session,
    actor: &crate::audit::Actor,
    entry: Entry,
    message: &str,
    to: &str,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let (table, id) = entry.target;
    actor.record(&mut *tx, entry.action, Some((table, id.to_string())), entry.detail).await?;
    tx.commit().await?;
    set_flash(session, FlashKind::Success, message).await?;
    Ok(axum::response::Redirect::to(to).into_response())
}
