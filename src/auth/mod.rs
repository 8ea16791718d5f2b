//! Who is signed in, and whether they may reach a route.

pub mod handlers;
pub mod password;
pub mod roles;
pub mod throttle;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tower_sessions::Session;
use uuid::Uuid;

pub use roles::Role;

use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{FlashKind, lang_from_headers, set_flash};
use crate::web::session_store::USER_KEY;

/// Session key: when the employee signed in (Unix seconds), for the absolute timeout.
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";

/// Who may reach a route. Declared for every route in `routes.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anybody, signed in or not.
    Public,
    /// Any signed-in employee.
    Staff,
    /// A signed-in employee holding at least one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    pub fn allows(self, user: Option<&CurrentUser>) -> bool {
        match (self, user) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::Staff, Some(_)) => true,
            (Access::Roles(roles), Some(user)) => roles.iter().any(|r| user.roles.contains(r)),
        }
    }
}

/// The signed-in employee, as loaded for this request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub staff_id: Uuid,
    pub login: String,
    pub full_name: String,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
    pub roles: Vec<Role>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Present on every route declared with Access::Staff or Access::Roles.
        parts.extensions.get::<CurrentUser>().cloned().ok_or(AppError::Forbidden)
    }
}

/// Loads the employee of this session, ending the session when it is past its
/// absolute lifetime or the account is no longer active.
pub async fn load_user(state: &AppState, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(staff_id) = session.get::<Uuid>(USER_KEY).await? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT_KEY).await?.unwrap_or(0);
    let age = Utc::now().timestamp().saturating_sub(signed_in_at);
    if age < 0 || age as u64 >= state.config.session_absolute_timeout.as_secs() {
        session.flush().await?;
        return Ok(None);
    }
    let row = sqlx::query!(
        r#"select s.login, s.full_name, s.department_id, d.name as "department_name?",
                  array(select role from staff_role r where r.staff_id = s.staff_id order by role) as "roles!"
           from staff s left join department d using (department_id)
           where s.staff_id = $1 and s.active"#,
        staff_id
    )
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else {
        session.flush().await?;
        return Ok(None);
    };
    Ok(Some(CurrentUser {
        staff_id,
        login: row.login,
        full_name: row.full_name,
        department_id: row.department_id,
        department_name: row.department_name,
        roles: row.roles.iter().filter_map(|r| Role::parse(r)).collect(),
    }))
}

/// Only a path on this site may be a destination after signing in.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && next.len() <= 512;
    ok.then_some(next)
}

/// The guard put on each route by `routes.rs`.
pub async fn guard(
    State((state, access)): State<(AppState, Access)>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    if access == Access::Public {
        return next.run(req).await;
    }
    let had_user = matches!(session.get::<Uuid>(USER_KEY).await, Ok(Some(_)));
    let user = match load_user(&state, &session).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    let Some(user) = user else {
        let t = lang_from_headers(req.headers()).texts();
        let message = if had_user { t.session_expired_msg } else { t.login_required_msg };
        if let Err(e) = set_flash(&session, FlashKind::Info, message).await {
            return e.into_response();
        }
        return Redirect::to(&login_redirect(req.method(), req.uri())).into_response();
    };
    if !access.allows(Some(&user)) {
        let (parts, body) = req.into_parts();
        let actor = Actor::from_parts(&parts, state.config.trust_proxy_headers).as_staff(user.staff_id, &user.login);
        let detail = serde_json::json!({ "method": parts.method.as_str(), "path": parts.uri.path() });
        if let Err(e) = actor.record(&state.db, "access.denied", None, detail).await {
            return AppError::from(e).into_response();
        }
        drop(body);
        return AppError::Forbidden.into_response();
    }
    if let Err(e) = keep_alive(&state, &session).await {
        return e.into_response();
    }
    req.extensions_mut().insert(user);
    next.run(req).await
}

/// Session key: the last time the session's idle expiry was pushed back.
const SEEN_KEY: &str = "seen";

/// Pushes the idle expiry back, but writes the session at most ten times per idle
/// period instead of on every request.
async fn keep_alive(state: &AppState, session: &Session) -> Result<(), AppError> {
    let step = (state.config.session_idle_timeout.as_millis() / 10).max(1000) as i64;
    let slot = Utc::now().timestamp_millis() / step;
    if session.get::<i64>(SEEN_KEY).await? != Some(slot) {
        session.insert(SEEN_KEY, slot).await?;
    }
    Ok(())
}

fn login_redirect(method: &Method, uri: &Uri) -> String {
    let wanted = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    if *method == Method::GET && wanted != "/" && safe_next(wanted).is_some() {
        let encoded: String = url_encode(wanted);
        format!("/login?next={encoded}")
    } else {
        "/login".to_owned()
    }
}

pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[Role]) -> CurrentUser {
        CurrentUser {
            staff_id: Uuid::nil(),
            login: "x".into(),
            full_name: "X".into(),
            department_id: None,
            department_name: None,
            roles: roles.to_vec(),
        }
    }

    #[test]
    fn access_needs_one_of_the_roles() {
        let admin_only = Access::Roles(&[Role::Admin]);
        assert!(!admin_only.allows(None));
        assert!(!admin_only.allows(Some(&user(&[Role::Clerk]))));
        assert!(admin_only.allows(Some(&user(&[Role::Clerk, Role::Admin]))));
        assert!(Access::Staff.allows(Some(&user(&[]))));
        assert!(!Access::Staff.allows(None));
        assert!(Access::Public.allows(None));
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/admin/staff?page=2"), Some("/admin/staff?page=2"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
    }

    #[test]
    fn the_login_redirect_remembers_a_get_only() {
        assert_eq!(
            login_redirect(&Method::GET, &Uri::from_static("/admin/staff?page=2")),
            "/login?next=/admin/staff%3Fpage%3D2"
        );
        assert_eq!(login_redirect(&Method::POST, &Uri::from_static("/admin/staff")), "/login");
        assert_eq!(login_redirect(&Method::GET, &Uri::from_static("/")), "/login");
    }
}
