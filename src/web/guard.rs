//! The guard `routes.rs` puts in front of every route: loads the employee of the
//! session, sends an anonymous visitor to the sign-in page (remembering where they
//! were going), refuses and audits a signed-in employee outside the route's group,
//! and tells the page what else this employee may open (the menu). An employee
//! whose password an admin set reaches only the password page until they chose
//! their own.

use axum::extract::{Request, State};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::audit::Action;
use crate::auth::{self, Access, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::flash::Notice;
use crate::web::page::Reach;
use crate::web::{safe_next, url_encode};

/// Where an employee whose password an admin set is sent, and all they may reach
/// until they chose their own (static files and public pages are outside the guard).
pub const PASSWORD_PAGE: &str = "/account/password";
const PASSWORD_CHANGE_ALLOWS: &[&str] = &[PASSWORD_PAGE, "/logout"];

/// What an employee may open, computed from the route table by `routes::reach`.
pub type ReachOf = fn(&CurrentUser) -> Reach;

pub async fn guard(
    State((state, access, reach_of)): State<(AppState, Access, ReachOf)>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    if access == Access::Public {
        return next.run(req).await;
    }
    let had_user = auth::had_user(&session).await;
    let user = match auth::load_user(&state.db, &state.config, &session, state.clock.now()).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    let Some(user) = user else {
        // Said in the address, not in the session: an anonymous visit writes nothing.
        let notice = if had_user { Notice::Expired } else { Notice::Required };
        return Redirect::to(&login_redirect(req.method(), req.uri(), notice)).into_response();
    };
    if user.must_change_password && !PASSWORD_CHANGE_ALLOWS.contains(&req.uri().path()) {
        // An admin set the password: the employee chooses their own before anything
        // else. The password page says why.
        return Redirect::to(PASSWORD_PAGE).into_response();
    }
    if !access.allows(Some(&user)) {
        let (mut parts, body) = req.into_parts();
        parts.extensions.insert(user);
        let actor = crate::web::client_ip::actor_of(&parts, state.config.trust_proxy_headers);
        let detail = serde_json::json!({ "method": parts.method.as_str(), "path": parts.uri.path() });
        if let Err(e) = actor.record(&state.db, Action::AccessDenied, None, detail).await {
            return AppError::from(e).into_response();
        }
        drop(body);
        return AppError::Forbidden.into_response();
    }
    req.extensions_mut().insert(reach_of(&user));
    req.extensions_mut().insert(user);
    next.run(req).await
}

fn login_redirect(method: &Method, uri: &Uri, notice: Notice) -> String {
    let wanted = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    if *method == Method::GET && wanted != "/" && safe_next(wanted).is_some() {
        format!("/login?next={}&notice={}", url_encode(wanted), notice.code())
    } else {
        format!("/login?notice={}", notice.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_redirect_remembers_a_get_only() {
        let required = Notice::Required;
        assert_eq!(
            login_redirect(&Method::GET, &Uri::from_static("/admin/staff?page=2"), required),
            "/login?next=/admin/staff%3Fpage%3D2&notice=required"
        );
        assert_eq!(
            login_redirect(&Method::POST, &Uri::from_static("/admin/staff"), required),
            "/login?notice=required"
        );
        assert_eq!(login_redirect(&Method::GET, &Uri::from_static("/"), Notice::Expired), "/login?notice=expired");
    }
}
