//! Password hashing (argon2id, OWASP parameters) off the async threads, with a bound
//! on how many hashes run at once so a sign-in storm cannot exhaust memory.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::i18n::Texts;

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

/// OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Verified against when the login is unknown, so both failures take as long.
    dummy_hash: Arc<str>,
}

impl Hasher {
    pub fn new(max_concurrent: usize) -> Self {
        let dummy = hash_blocking("dummy password for timing only").expect("hashing works");
        Self { permits: Arc::new(Semaphore::new(max_concurrent)), dummy_hash: dummy.into() }
    }

    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
    }

    /// Verifies against `hash`, or against a dummy hash when there is none, taking
    /// the same time either way. Returns true only for a real match.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        let known = hash.is_some();
        let hash = hash.map(str::to_owned).unwrap_or_else(|| self.dummy_hash.to_string());
        let password = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
            anyhow::Ok(argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        })
        .await??;
        Ok(ok && known)
    }
}

pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash =
        argon2().hash_password(password.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(hash.to_string())
}

/// A short list of passwords guessed first; compared case-insensitively.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "password123",
    "qwertyuiop",
    "qwerty123",
    "qwertyui",
    "zaq12wsx",
    "zaq1@wsx",
    "1qaz2wsx",
    "11111111",
    "00000000",
    "87654321",
    "iloveyou",
    "haslo123",
    "haslo1234",
    "hasło123",
    "haslohaslo",
    "polska123",
    "polska12",
    "kochamcie",
    "marcin123",
    "monika123",
    "mateusz1",
    "michal123",
    "piotrek1",
    "agnieszka",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "abcd1234",
    "abc12345",
    "admin123",
    "administrator",
    "welcome1",
    "okienko1",
    "okienko123",
    "urzad123",
    "urzadmiasta",
    "sekretarz",
    "letmein1",
    "trustno1",
    "football",
    "baseball",
    "superman",
    "sunshine",
    "princess",
    "qazwsxedc",
    "asdfghjkl",
    "zxcvbnm1",
    "changeme",
    "zmienmnie",
    "starwars",
    "pa$$word",
    "passw0rd",
    "p@ssw0rd",
];

/// Checks a new password against the policy; returns the message to show, if any.
pub fn check_new_password(password: &str, login: &str, t: &Texts) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(t.password_too_short);
    }
    if chars > MAX_LEN {
        return Err(t.password_too_long);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) {
        return Err(t.password_common);
    }
    if !login.is_empty() && lower == login.to_lowercase() {
        return Err(t.password_like_login);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn the_policy_takes_any_characters_between_8_and_128() {
        assert_eq!(check_new_password("short", "anna", &EN), Err(EN.password_too_short));
        assert_eq!(check_new_password("Zażółć gęślą jaźń 🙂", "anna", &EN), Ok(()));
        assert_eq!(check_new_password(&"ż".repeat(128), "anna", &EN), Ok(()));
        assert_eq!(check_new_password(&"a".repeat(129), "anna", &EN), Err(EN.password_too_long));
    }

    #[test]
    fn common_passwords_and_the_login_itself_are_refused() {
        assert_eq!(check_new_password("Password123", "anna", &EN), Err(EN.password_common));
        assert_eq!(check_new_password("ZAQ12WSX", "anna", &EN), Err(EN.password_common));
        assert_eq!(check_new_password("anna.kowalska", "anna.kowalska", &EN), Err(EN.password_like_login));
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_do_not_truncate() {
        let long = "x".repeat(100);
        let hash = hash_blocking(&long).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(argon2().verify_password(long.as_bytes(), &parsed).is_ok());
        // A password differing only after the 72nd character (bcrypt's limit) is another password.
        let other = format!("{}y", "x".repeat(99));
        assert!(argon2().verify_password(other.as_bytes(), &parsed).is_err());
    }

    #[tokio::test]
    async fn verify_says_no_for_an_unknown_account_even_with_the_dummy_password() {
        let hasher = Hasher::new(2);
        assert!(!hasher.verify("dummy password for timing only", None).await.unwrap());
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hasher.verify("correct horse battery", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("wrong horse battery", Some(&hash)).await.unwrap());
    }
}
