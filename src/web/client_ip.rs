//! Who is asking and from where: the client's address (for the audit log and
//! per-address throttling) and the audit `Actor` of a request.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;

use crate::audit::Actor;
use crate::auth::CurrentUser;
use crate::state::AppState;

#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    pub fn from_parts(parts: &Parts, trust_proxy_headers: bool) -> ClientIp {
        if trust_proxy_headers {
            // The proxy in front of us appends the address it saw last.
            let forwarded = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse().ok());
            if let Some(ip) = forwarded {
                return ClientIp(ip);
            }
        }
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        ClientIp(peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }
}

impl<S> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        Ok(ClientIp::from_parts(parts, state.config.trust_proxy_headers))
    }
}

/// The audit actor of a request: its address and id, and the employee signed in, if any.
pub fn actor_of(parts: &Parts, trust_proxy_headers: bool) -> Actor {
    let ip = ClientIp::from_parts(parts, trust_proxy_headers).0;
    let request_id = parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).and_then(request_id_of);
    let actor = Actor::anonymous(ip, request_id);
    match parts.extensions.get::<CurrentUser>() {
        Some(user) => actor.as_staff(user.staff_id, &user.login),
        None => actor,
    }
}

impl<S> FromRequestParts<S> for Actor
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(actor_of(parts, AppState::from_ref(state).config.trust_proxy_headers))
    }
}

/// A request id worth keeping in the audit log: ours (a UUID) or a proxy's of the
/// same plain shape, at most 64 letters, digits and hyphens. Anything else a client
/// sends in `X-Request-Id` is not stored (it was, unchecked, in every audit row).
pub fn request_id_of(raw: &str) -> Option<String> {
    let plain = !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    plain.then(|| raw.to_owned())
}
