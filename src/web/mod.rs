//! The pieces every page stands on: server, the guard in front of each route,
//! forms, CSRF, one-time messages, error pages, the page context.

pub mod client_ip;
pub mod csrf;
pub mod error_page;
pub mod export;
pub mod flash;
pub mod form;
pub mod guard;
pub mod live;
pub mod multipart;
pub mod page;
pub mod pager;
pub mod query_check;
pub mod serve;

use crate::i18n::Lang;

/// The cookie holding the language chosen with the switch.
pub const LANG_COOKIE: &str = "okienko_lang";

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

/// The language chosen with the switch (a cookie, so error pages know it too).
pub fn lang_from_headers(headers: &http::HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE).and_then(Lang::parse).unwrap_or_default()
}

/// Only a path on this site may be a destination after signing in or switching language.
/// Every character must be printable ASCII: browsers drop a tab or line break from a
/// `Location`, so "/\t/evil.example" would lead to "//evil.example", and a line
/// break or a non-ASCII letter cannot stand in a header at all.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 512
        && next.bytes().all(|b| b.is_ascii_graphic());
    ok.then_some(next)
}

/// Percent-encodes everything but unreserved characters and `/` (for links and `next=`).
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

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/admin/staff?page=2"), Some("/admin/staff?page=2"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "/ż", "/\0"] {
            assert_eq!(safe_next(sneaky), None, "{sneaky:?}");
        }
    }
}
