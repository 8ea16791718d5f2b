//! The pieces every page stands on: server, sessions, forms, CSRF, error pages.

pub mod client_ip;
pub mod csrf;
pub mod error_page;
pub mod export;
pub mod form;
pub mod page;
pub mod pager;
pub mod serve;
pub mod session_store;

/// A fresh random token: 32 bytes, base64url (CSRF tokens, kiosk cookies).
pub fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The value of a cookie sent with the request, if any.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}
