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

/// The lowest zxcvbn score accepted: 3 means "safely unguessable" against an
/// online attack and "somewhat" against an offline one (about 10^10 guesses).
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// Polish words people build passwords from, which zxcvbn's (English) lists lack:
/// given to it as words the guesser knows, like the login and name.
const LOCAL_WORDS: &[&str] = &[
    "okienko",
    "urzad",
    "urząd",
    "urzadmiasta",
    "miasto",
    "miasta",
    "gmina",
    "biuro",
    "wydzial",
    "wydział",
    "sekretarz",
    "naczelnik",
    "dyrektor",
    "referat",
    "interesant",
    "kolejka",
    "haslo",
    "hasło",
    "haselko",
    "polska",
    "polsku",
    "kocham",
    "kochamcie",
    "kochanie",
    "zmienmnie",
    "zmien",
    "zmień",
    "witaj",
    "witam",
    "mateusz",
    "michal",
    "michał",
    "marcin",
    "monika",
    "piotrek",
    "agnieszka",
    "kasia",
    "tomek",
    "bartek",
    "lukasz",
    "łukasz",
    "kacper",
    "karolina",
    "natalia",
    "dominika",
    "justyna",
    "magda",
    "ania",
    "basia",
    "warszawa",
    "krakow",
    "kraków",
    "legia",
    "lech",
    "wisla",
    "wisła",
    "slonko",
    "słonko",
    "misiek",
    "myszka",
    "kotek",
    "piesek",
    "dupa",
    "qwerty",
    "zaq1",
    "zaq12wsx",
    "administrator",
    "admin",
];

/// Checks a new password: its length, then its strength as zxcvbn estimates it,
/// knowing the login, the person's name and the office's words. Returns the
/// message to show (from our catalogue, in the page's language), if any.
pub fn check_new_password(password: &str, login: &str, full_name: &str, t: &Texts) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(t.password_too_short.to_owned());
    }
    if chars > MAX_LEN {
        return Err(t.password_too_long.to_owned());
    }
    if !login.is_empty() && password.to_lowercase() == login.to_lowercase() {
        return Err(t.password_like_login.to_owned());
    }
    let mut known: Vec<&str> = vec![login];
    known.extend(login.split(['.', '_', '-']));
    known.extend(full_name.split_whitespace());
    known.extend(LOCAL_WORDS);
    known.retain(|w| w.chars().count() >= 3);
    let estimate = zxcvbn::zxcvbn(password, &known);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let mut message = vec![t.password_weak];
    if let Some(feedback) = estimate.feedback() {
        message.extend(feedback.warning().map(|w| warning(w, t)));
        message.extend(feedback.suggestions().iter().map(|s| suggestion(*s, t)));
    }
    message.dedup();
    Err(message.join(" "))
}

fn warning(w: zxcvbn::feedback::Warning, t: &Texts) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match w {
        W::StraightRowsOfKeysAreEasyToGuess => t.password_warn_key_rows,
        W::ShortKeyboardPatternsAreEasyToGuess => t.password_warn_key_patterns,
        W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => t.password_warn_repeats,
        W::ThisIsATop10Password | W::ThisIsATop100Password | W::ThisIsACommonPassword => t.password_common,
        W::ThisIsSimilarToACommonlyUsedPassword => t.password_warn_like_common,
        W::SequencesLikeAbcAreEasyToGuess => t.password_warn_sequences,
        W::RecentYearsAreEasyToGuess => t.password_warn_years,
        W::AWordByItselfIsEasyToGuess => t.password_warn_one_word,
        W::DatesAreOftenEasyToGuess => t.password_warn_dates,
        W::NamesAndSurnamesByThemselvesAreEasyToGuess | W::CommonNamesAndSurnamesAreEasyToGuess => {
            t.password_warn_names
        }
    }
}

fn suggestion(s: zxcvbn::feedback::Suggestion, t: &Texts) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match s {
        S::UseAFewWordsAvoidCommonPhrases => t.password_tip_few_words,
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => t.password_tip_no_symbols_needed,
        S::AddAnotherWordOrTwo => t.password_tip_add_word,
        S::CapitalizationDoesntHelpVeryMuch | S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            t.password_tip_capitals
        }
        S::ReversedWordsArentMuchHarderToGuess => t.password_tip_reversed,
        S::PredictableSubstitutionsDontHelpVeryMuch => t.password_tip_substitutions,
        S::UseALongerKeyboardPatternWithMoreTurns => t.password_tip_keyboard,
        S::AvoidRepeatedWordsAndCharacters => t.password_tip_repeats,
        S::AvoidSequences => t.password_tip_sequences,
        S::AvoidRecentYears | S::AvoidYearsThatAreAssociatedWithYou | S::AvoidDatesAndYearsThatAreAssociatedWithYou => {
            t.password_tip_years
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn the_policy_takes_any_characters_between_8_and_128() {
        assert_eq!(check_new_password("short", "anna", "Anna Nowak", &EN), Err(EN.password_too_short.to_owned()));
        assert_eq!(check_new_password("Zażółć gęślą jaźń 🙂", "anna", "Anna Nowak", &EN), Ok(()));
        // 128 characters are not too long (one letter repeated is weak, but for another reason).
        assert_ne!(
            check_new_password(&"ż".repeat(128), "anna", "Anna Nowak", &EN),
            Err(EN.password_too_long.to_owned())
        );
        assert_eq!(
            check_new_password(&"a".repeat(129), "anna", "Anna Nowak", &EN),
            Err(EN.password_too_long.to_owned())
        );
    }

    #[test]
    fn well_known_common_passwords_are_refused_whatever_their_case_and_symbols() {
        for common in [
            "password1",
            "Password123",
            "qwerty123",
            "zaq12wsx",
            "ZAQ12WSX",
            "1qaz2wsx",
            "Haslo123!",
            "hasło1234",
            "polska123",
            "kochamcie",
            "iloveyou1",
            "P@ssw0rd!",
            "12345678910",
            "abcdefgh1",
            "sunshine2024",
            "Okienko2026!",
            "urzadmiasta1",
            "Warszawa1",
        ] {
            let refused = check_new_password(common, "anna", "Anna Nowak", &EN);
            assert!(refused.as_ref().is_err_and(|m| m.starts_with(EN.password_weak)), "{common}: {refused:?}");
        }
    }

    #[test]
    fn the_login_and_the_name_count_as_known_words() {
        assert_eq!(
            check_new_password("anna.kowalska", "anna.kowalska", "Anna Kowalska", &EN),
            Err(EN.password_like_login.to_owned())
        );
        assert!(check_new_password("Kowalska1985!", "anna.kowalska", "Anna Kowalska", &EN).is_err());
    }

    #[test]
    fn a_passphrase_of_unrelated_words_is_accepted() {
        assert_eq!(check_new_password("correct horse battery staple", "anna", "Anna Nowak", &EN), Ok(()));
        assert_eq!(check_new_password("rower tramwaj ogórek 2026", "anna", "Anna Nowak", &EN), Ok(()));
        assert_eq!(check_new_password(crate::demo::DEMO_PASSWORD, "admin", "Paweł Dąbrowski", &EN), Ok(()));
    }

    #[test]
    fn the_advice_is_in_the_page_language_not_the_crates_english() {
        use crate::i18n::PL;
        let message = check_new_password("qwertyuiop", "anna", "Anna Nowak", &PL).unwrap_err();
        assert!(message.starts_with(PL.password_weak), "{message}");
        assert!(message.contains(PL.password_common), "{message}");
        assert!(message.contains(PL.password_tip_add_word), "{message}");
        assert!(!message.contains("easy to guess"), "{message}");
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
