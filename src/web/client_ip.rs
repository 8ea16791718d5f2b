//! Who is asking and from where: the client's address (for the audit log and
//! per-address throttling) and the audit `Actor` of a request.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};

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

/// The network a client is counted by (sign-in throttling, live streams): an IPv4
/// address, or an IPv6 /64, which one subscriber or host is given whole (counting
/// single IPv6 addresses would give each of them its own allowance). An
/// IPv4-mapped IPv6 address counts as its IPv4 address.
pub fn network_of(ip: IpAddr) -> IpNet {
    match ip {
        IpAddr::V4(v4) => IpNet::V4(Ipv4Net::new(v4, 32).expect("32 is a valid prefix")),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => network_of(IpAddr::V4(v4)),
            None => IpNet::V6(Ipv6Net::new(v6, 64).expect("64 is a valid prefix").trunc()),
        },
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

/// Where a sign-in comes from (`auth::begin`): the client's address and its
/// `User-Agent`, as sent (the session keeps the first `auth::USER_AGENT_MAX`
/// characters; it is only ever shown as text).
impl<S> FromRequestParts<S> for crate::auth::SignInFrom
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ip = ClientIp::from_parts(parts, AppState::from_ref(state).config.trust_proxy_headers).0;
        let user_agent = parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default();
        Ok(crate::auth::SignInFrom { ip, user_agent })
    }
}

/// A request id worth keeping in the audit log: ours (a UUID) or a proxy's of the
/// same plain shape, at most 64 letters, digits and hyphens. Anything else a client
/// sends in `X-Request-Id` is not stored (it was, unchecked, in every audit row).
pub fn request_id_of(raw: &str) -> Option<String> {
    let plain = !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    plain.then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_subscriber_is_one_network_and_an_ipv4_address_is_itself() {
        let a = network_of("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = network_of("2001:db8:1:2:ffff:1:2:3".parse().unwrap());
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_ne!(a, network_of("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(network_of("192.0.2.7".parse().unwrap()).to_string(), "192.0.2.7/32");
        assert_eq!(network_of("::ffff:192.0.2.7".parse().unwrap()).to_string(), "192.0.2.7/32");
    }
}
