//! The append-only audit log: who, when, from where, what, on which record.

use std::net::IpAddr;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use serde_json::Value;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::web::client_ip::ClientIp;

/// Who is acting, taken from the request; handlers add what they did.
#[derive(Clone, Debug)]
pub struct Actor {
    pub staff_id: Option<Uuid>,
    pub login: Option<String>,
    pub ip: IpAddr,
    pub request_id: Option<String>,
}

impl Actor {
    pub fn from_parts(parts: &Parts, trust_proxy_headers: bool) -> Actor {
        let user = parts.extensions.get::<CurrentUser>();
        Actor {
            staff_id: user.map(|u| u.staff_id),
            login: user.map(|u| u.login.clone()),
            ip: ClientIp::from_parts(parts, trust_proxy_headers).0,
            request_id: parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned),
        }
    }

    /// The same request, now known to be this employee (after sign-in).
    pub fn as_staff(&self, staff_id: Uuid, login: &str) -> Actor {
        Actor { staff_id: Some(staff_id), login: Some(login.to_owned()), ..self.clone() }
    }

    pub async fn record(
        &self,
        db: impl sqlx::PgExecutor<'_>,
        action: &str,
        target: Option<(&str, String)>,
        detail: Value,
    ) -> sqlx::Result<()> {
        let (target_type, target_id) = target.unzip();
        sqlx::query!(
            "insert into audit_event (actor_id, actor_login, ip, action, target_type, target_id, detail, request_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
            self.staff_id,
            self.login,
            ipnet::IpNet::from(self.ip),
            action,
            target_type,
            target_id,
            detail,
            self.request_id,
        )
        .execute(db)
        .await?;
        Ok(())
    }
}

impl<S> FromRequestParts<S> for Actor
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Actor::from_parts(parts, AppState::from_ref(state).config.trust_proxy_headers))
    }
}
