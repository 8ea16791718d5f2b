//! Encryption at rest of PESEL numbers, health reasons and second-factor secrets
//! (RODO Art. 32), and the keyed hash that finds a request by its PESEL.
//!
//! A sealed value is `0x01 | key id length | key id | 12-byte nonce | AES-256-GCM
//! ciphertext and tag`. The additional data bound to it is where it lives (the
//! table's column and the row's id), so a value copied to another row or column
//! does not open. The key id inside each value lets keys rotate: the keys of
//! `OKIENKO_DATA_KEYS` all open, the current one (`OKIENKO_DATA_KEY_CURRENT`)
//! seals, and `okienko rotate-keys` seals everything again with it.
//!
//! The PESEL is also kept as HMAC-SHA256 under `OKIENKO_LOOKUP_KEY`, a key of its
//! own: equal PESEL numbers give equal hashes, so a request is found by one without
//! decrypting every row, and the hash alone does not give the number back (11
//! digits could be tried one by one against a plain hash, not without the key).

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use base64::Engine;
use hmac::Mac;

const FORMAT: u8 = 1;
const NONCE_LEN: usize = 12;

type HmacSha256 = hmac::Hmac<sha2_for_hmac::Sha256>;

/// The keys of the configuration.
#[derive(Clone)]
pub struct Keys {
    /// (id, cipher); the current key first.
    data: Vec<(String, Aes256Gcm)>,
    lookup: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the keys themselves.
        f.debug_struct("Keys").field("ids", &self.ids()).field("current", &self.current_id()).finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("the value is not a sealed value of Okienko")]
    Malformed,
    #[error("the value was sealed with the key {0:?}, which is not in OKIENKO_DATA_KEYS")]
    UnknownKey(String),
    #[error("the value does not open with its key (changed, or moved from another record)")]
    Forged,
}

impl Keys {
    /// Reads `id1:base64,id2:base64` (each key 32 random bytes), the id of the
    /// current one (optional when there is one key), and the lookup key (base64,
    /// at least 32 bytes). The error names the setting at fault and what is wrong
    /// with it, never a key.
    pub fn parse(
        data_keys: &str,
        current: Option<&str>,
        lookup_key: &str,
    ) -> Result<Keys, (&'static str, &'static str)> {
        const DATA: &str = "OKIENKO_DATA_KEYS";
        const CURRENT: &str = "OKIENKO_DATA_KEY_CURRENT";
        const LOOKUP: &str = "OKIENKO_LOOKUP_KEY";
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut data = Vec::new();
        for entry in data_keys.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (id, key) =
                entry.split_once(':').ok_or((DATA, "must list keys as id:base64key separated by commas"))?;
            let id = id.trim();
            if id.is_empty() || id.len() > 32 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err((DATA, "has a key id that is not 1-32 letters, digits, - or _"));
            }
            if data.iter().any(|(other, _)| other == id) {
                return Err((DATA, "names one key id twice"));
            }
            let bytes = b64.decode(key.trim()).map_err(|_| (DATA, "has a key that is not base64"))?;
            let cipher = Aes256Gcm::new_from_slice(&bytes).map_err(|_| (DATA, "has a key that is not 32 bytes"))?;
            data.push((id.to_owned(), cipher));
        }
        if data.is_empty() {
            return Err((DATA, "must list at least one key"));
        }
        let current = match current.map(str::trim).filter(|c| !c.is_empty()) {
            Some(id) => data
                .iter()
                .position(|(k, _)| k == id)
                .ok_or((CURRENT, "names a key that OKIENKO_DATA_KEYS does not list"))?,
            None if data.len() == 1 => 0,
            None => return Err((CURRENT, "must name the current key: OKIENKO_DATA_KEYS lists several")),
        };
        let first = data.remove(current);
        data.insert(0, first);
        let lookup = b64.decode(lookup_key.trim()).map_err(|_| (LOOKUP, "is not base64"))?;
        if lookup.len() < 32 {
            return Err((LOOKUP, "must be at least 32 bytes"));
        }
        Ok(Keys { data, lookup })
    }

    /// A new random key, base64, for `make run` and the key-rotation instructions.
    pub fn generate_key() -> String {
        base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
    }

    pub fn current_id(&self) -> &str {
        &self.data[0].0
    }

    pub fn ids(&self) -> Vec<&str> {
        self.data.iter().map(|(id, _)| id.as_str()).collect()
    }

    /// Seals `plain` for the place `context` (e.g. `home_visit_request.reason:<id>`).
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let (id, cipher) = &self.data[0];
        let nonce: [u8; NONCE_LEN] = rand::random();
        let ciphertext = cipher
            .encrypt(&nonce.into(), Payload { msg: plain, aad: context.as_bytes() })
            .expect("AES-GCM encrypts any message of this size");
        let mut out = Vec::with_capacity(2 + id.len() + NONCE_LEN + ciphertext.len());
        out.push(FORMAT);
        out.push(id.len() as u8);
        out.extend_from_slice(id.as_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        out
    }

    pub fn seal_str(&self, context: &str, plain: &str) -> Vec<u8> {
        self.seal(context, plain.as_bytes())
    }

    /// Opens a sealed value with whichever configured key sealed it.
    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let (id, rest) = split(sealed)?;
        let (_, cipher) =
            self.data.iter().find(|(k, _)| k == id).ok_or_else(|| SealError::UnknownKey(id.to_owned()))?;
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::Malformed)?;
        cipher
            .decrypt(&nonce.into(), Payload { msg: ciphertext, aad: context.as_bytes() })
            .map_err(|_| SealError::Forged)
    }

    pub fn open_str(&self, context: &str, sealed: &[u8]) -> Result<String, SealError> {
        String::from_utf8(self.open(context, sealed)?).map_err(|_| SealError::Malformed)
    }

    /// Whether a sealed value was sealed with the current key (rotation skips it).
    pub fn is_current(&self, sealed: &[u8]) -> bool {
        key_id(sealed) == Some(self.current_id())
    }

    /// HMAC-SHA256 of a PESEL (or any value to find records by), 32 bytes.
    pub fn lookup_hash(&self, value: &str) -> Vec<u8> {
        let mut mac = <HmacSha256 as hmac::KeyInit>::new_from_slice(&self.lookup).expect("HMAC takes any key length");
        mac.update(b"okienko/pesel/");
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// The id of the key that sealed a value.
pub fn key_id(sealed: &[u8]) -> Option<&str> {
    split(sealed).ok().map(|(id, _)| id)
}

fn split(sealed: &[u8]) -> Result<(&str, &[u8]), SealError> {
    let [FORMAT, len, rest @ ..] = sealed else {
        return Err(SealError::Malformed);
    };
    let len = usize::from(*len);
    if rest.len() < len + NONCE_LEN + 16 {
        return Err(SealError::Malformed);
    }
    let (id, rest) = rest.split_at(len);
    Ok((std::str::from_utf8(id).map_err(|_| SealError::Malformed)?, rest))
}

/// Where a value lives: the additional data it is sealed with.
pub fn context(table: &str, column: &str, id: impl std::fmt::Display) -> String {
    format!("{table}.{column}:{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> String {
        base64::engine::general_purpose::STANDARD.encode([byte; 32])
    }

    fn keys(list: &str, current: Option<&str>) -> Keys {
        Keys::parse(list, current, &key(9)).unwrap()
    }

    #[test]
    fn a_sealed_value_opens_only_in_its_place_and_hides_the_text() {
        let k = keys(&format!("a:{}", key(1)), None);
        let sealed = k.seal_str("t.c:1", "44051401359");
        assert!(!sealed.windows(11).any(|w| w == b"44051401359"));
        assert_eq!(k.open_str("t.c:1", &sealed).unwrap(), "44051401359");
        assert_eq!(k.open_str("t.c:2", &sealed), Err(SealError::Forged));
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert_eq!(k.open("t.c:1", &changed), Err(SealError::Forged));
        assert_eq!(k.open("t.c:1", b"44051401359"), Err(SealError::Malformed));
        // Two seals of one value differ (random nonce).
        assert_ne!(sealed, k.seal_str("t.c:1", "44051401359"));
    }

    #[test]
    fn old_keys_open_and_the_current_one_seals() {
        let old = keys(&format!("old:{}", key(1)), None);
        let sealed = old.seal_str("x", "tajne");
        let both = keys(&format!("old:{},new:{}", key(1), key(2)), Some("new"));
        assert_eq!(both.open_str("x", &sealed).unwrap(), "tajne");
        assert!(!both.is_current(&sealed));
        let resealed = both.seal_str("x", "tajne");
        assert_eq!(key_id(&resealed), Some("new"));
        let new_only = keys(&format!("new:{}", key(2)), None);
        assert_eq!(new_only.open_str("x", &resealed).unwrap(), "tajne");
        assert_eq!(new_only.open("x", &sealed), Err(SealError::UnknownKey("old".into())));
    }

    #[test]
    fn settings_are_checked_without_showing_keys() {
        assert!(Keys::parse("", None, &key(9)).is_err());
        assert!(Keys::parse("a:short", None, &key(9)).is_err());
        assert!(Keys::parse(&format!("a:{},b:{}", key(1), key(2)), None, &key(9)).is_err());
        let setting = |r: Result<Keys, (&'static str, &'static str)>| r.err().map(|(setting, _)| setting);
        assert_eq!(
            setting(Keys::parse(&format!("a:{}", key(1)), Some("b"), &key(9))),
            Some("OKIENKO_DATA_KEY_CURRENT")
        );
        assert_eq!(
            setting(Keys::parse(&format!("a:{},b:{}", key(1), key(2)), None, &key(9))),
            Some("OKIENKO_DATA_KEY_CURRENT")
        );
        assert_eq!(setting(Keys::parse(&format!("a:{}", key(1)), None, "c2hvcnQ=")), Some("OKIENKO_LOOKUP_KEY"));
        assert_eq!(setting(Keys::parse("a:short", None, &key(9))), Some("OKIENKO_DATA_KEYS"));
        let k = keys(&format!("a:{}", key(1)), None);
        assert!(!format!("{k:?}").contains(&key(1)));
    }

    #[test]
    fn the_lookup_hash_is_keyed() {
        let a = Keys::parse(&format!("a:{}", key(1)), None, &key(9)).unwrap();
        let b = Keys::parse(&format!("a:{}", key(1)), None, &key(8)).unwrap();
        assert_eq!(a.lookup_hash("44051401359"), a.lookup_hash("44051401359"));
        assert_ne!(a.lookup_hash("44051401359"), b.lookup_hash("44051401359"));
        assert_eq!(a.lookup_hash("x").len(), 32);
    }
}
