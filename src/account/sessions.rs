//! "Twoje sesje" (ASVS 7.5.2): the employee's own signed-in sessions, each with
//! the device (read from its `User-Agent`), the address, when it signed in and was
//! last seen, this one marked; ending another one or all the others.
//!
//! The columns come from the session store (`auth::session_store`), which copies
//! them from the session's data. Ownership is in every WHERE clause: an employee
//! can neither see nor end anybody else's session, nor this one (that is "Wyloguj").

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::session_store::{end_other_sessions_of, key_of};
use crate::error::Result;
use crate::i18n::{Texts, fill};
use crate::state::AppState;
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct SessionRow {
    /// The row's key (a SHA-256 of the session id, not the id itself).
    pub id: String,
    pub device: String,
    pub address: String,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sessions.html")]
pub struct SessionsPage {
    pub ctx: PageCtx,
    pub rows: Vec<SessionRow>,
}

impl SessionsPage {
    pub fn others(&self) -> usize {
        self.rows.iter().filter(|r| !r.current).count()
    }
}

pub async fn list_sessions(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<SessionsPage> {
    let current = key_of(&session);
    let idle = chrono::Duration::from_std(state.config.session_idle_timeout).unwrap_or(chrono::Duration::MAX);
    let absolute = chrono::Duration::from_std(state.config.session_absolute_timeout).unwrap_or(chrono::Duration::MAX);
    // Only the sessions still signed in by the application's clock (`auth::load_user`
    // ends the others at their next request).
    let rows = sqlx::query!(
        r#"select session_id, user_agent, ip, signed_in_at, last_seen_at from session
           where staff_id = $1 and expires_at > now()
             and (last_seen_at is null or last_seen_at > $3) and (signed_in_at is null or signed_in_at > $4)
           order by session_id = $2 desc, last_seen_at desc nulls last, session_id"#,
        user.staff_id,
        current,
        ctx.now.checked_sub_signed(idle).unwrap_or(DateTime::<Utc>::MIN_UTC),
        ctx.now.checked_sub_signed(absolute).unwrap_or(DateTime::<Utc>::MIN_UTC),
    )
    .fetch_all(&state.db)
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let is_current = r.session_id == current;
            SessionRow {
                device: device(ctx.t, r.user_agent.as_deref().unwrap_or("")),
                address: r.ip.map(|ip| ip.addr().to_string()).unwrap_or_else(|| "–".into()),
                signed_in_at: r.signed_in_at,
                // This request is this session's activity, whether written yet or not.
                last_seen_at: if is_current { Some(ctx.now) } else { r.last_seen_at },
                current: is_current,
                id: r.session_id,
            }
        })
        .collect();
    Ok(SessionsPage { ctx, rows })
}

pub async fn end_session(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response> {
    // A row key is 64 hex digits (`session_store::key`); anything else (a NUL byte
    // typed into the address, say) names no session and never reaches the database.
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        set_flash(&session, FlashKind::Info, ctx.t.sessions_already_ended).await?;
        return Ok(Redirect::to("/account/sessions").into_response());
    }
    let current = key_of(&session);
    let mut tx = state.db.begin().await?;
    let ended = sqlx::query!(
        "delete from session where session_id = $1 and staff_id = $2 and session_id <> $3
         returning user_agent, ip",
        id,
        user.staff_id,
        current
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(ended) = ended else {
        // Already ended (signed out, timed out, a second click), or not this
        // employee's: the same words either way.
        set_flash(&session, FlashKind::Info, ctx.t.sessions_already_ended).await?;
        return Ok(Redirect::to("/account/sessions").into_response());
    };
    let detail = serde_json::json!({
        "user_agent": ended.user_agent,
        "address": ended.ip.map(|ip| ip.addr().to_string()),
    });
    actor.record(&mut *tx, Action::AuthSessionEnded, Some(("staff", user.staff_id.to_string())), detail).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.sessions_ended_one).await?;
    Ok(Redirect::to("/account/sessions").into_response())
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
) -> Result<Response> {
    let current = key_of(&session);
    let mut tx = state.db.begin().await?;
    let ended = end_other_sessions_of(&mut *tx, user.staff_id, &current).await?;
    let detail = serde_json::json!({ "sessions_ended": ended });
    actor.record(&mut *tx, Action::AuthOtherSessionsEnded, Some(("staff", user.staff_id.to_string())), detail).await?;
    tx.commit().await?;
    let text = fill(ctx.t.sessions_ended_others, "count", &ended.to_string());
    set_flash(&session, FlashKind::Success, &text).await?;
    Ok(Redirect::to("/account/sessions").into_response())
}

/// The browser of a `User-Agent`, by the tokens browsers put in it, the more
/// specific first (Edge and Opera say "Chrome" too, Chrome says "Safari").
fn browser_of(ua: &str) -> Option<&'static str> {
    const BROWSERS: &[(&str, &str)] = &[
        ("Edg/", "Microsoft Edge"),
        ("EdgA/", "Microsoft Edge"),
        ("EdgiOS/", "Microsoft Edge"),
        ("Edge/", "Microsoft Edge"),
        ("OPR/", "Opera"),
        ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("YaBrowser/", "Yandex"),
        ("Vivaldi/", "Vivaldi"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("HeadlessChrome/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("Trident/", "Internet Explorer"),
        ("MSIE ", "Internet Explorer"),
    ];
    BROWSERS.iter().find(|(token, _)| ua.contains(token)).map(|&(_, name)| name)
}

/// The system of a `User-Agent` (Android says "Linux", iOS says "like Mac OS X").
fn system_of(ua: &str) -> Option<&'static str> {
    const SYSTEMS: &[(&str, &str)] = &[
        ("Windows Phone", "Windows Phone"),
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("iPod", "iOS"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
        ("FreeBSD", "FreeBSD"),
    ];
    SYSTEMS.iter().find(|(token, _)| ua.contains(token)).map(|&(_, name)| name)
}

/// A short, readable description of the device of a `User-Agent`:
/// "Chrome w systemie Windows", "Firefox", "Nieznane urządzenie".
pub fn device(t: &Texts, user_agent: &str) -> String {
    match (browser_of(user_agent), system_of(user_agent)) {
        (Some(browser), Some(system)) => fill(&fill(t.sessions_device, "browser", browser), "system", system),
        (Some(browser), None) => browser.to_owned(),
        (None, Some(system)) => fill(t.sessions_device_system, "system", system),
        (None, None) => t.sessions_device_unknown.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, PL};

    #[test]
    fn devices_read_as_browser_and_system() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                "Chrome w systemie Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
                "Microsoft Edge w systemie Windows",
            ),
            (
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
                "Firefox w systemie Linux",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
                "Safari w systemie macOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1",
                "Chrome w systemie iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
                "Samsung Internet w systemie Android",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36 OPR/81.0",
                "Opera w systemie Android",
            ),
            ("curl/8.5.0", "Nieznane urządzenie"),
            ("", "Nieznane urządzenie"),
        ];
        for (ua, words) in cases {
            assert_eq!(device(&PL, ua), words, "{ua}");
        }
        assert_eq!(device(&EN, cases[0].0), "Chrome on Windows");
        assert_eq!(device(&PL, "SomeBot (Windows)"), "Przeglądarka w systemie Windows");
    }
}
