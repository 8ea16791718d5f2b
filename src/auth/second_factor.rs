//! The second factor of signing in: an authenticator app (TOTP, RFC 6238, by the
//! `totp-rs` crate) and ten single-use recovery codes.
//!
//! HMAC-SHA1, six digits and 30-second steps: what every authenticator app reads
//! from a QR code. A code one step early or late is accepted (a phone's clock
//! drifts), and never twice: the last step accepted is kept per employee, and a
//! code of that step or an earlier one is refused (RFC 6238 §5.2).
//!
//! Signing in with a second factor takes two steps: after the password the session
//! holds only a `Pending` sign-in with a short deadline, and `auth::begin` comes
//! after the code. A secret being enrolled stays in the session until the employee
//! confirms it with a first code; only then is it stored.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use super::Role;
use crate::crypto::{self, Keys};
use crate::error::AppError;

/// Recovery codes given at enrolment (and each time they are renewed).
pub const RECOVERY_CODES: usize = 10;
/// Letters of a recovery code: 24 of 32 symbols, 120 random bits.
const RECOVERY_LEN: usize = 24;
const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// Bytes of a new TOTP secret: 160 bits, as RFC 4226 §4 recommends.
const SECRET_BYTES: usize = 20;

/// Time to type the code after the password.
pub const CODE_DEADLINE_SECS: i64 = 5 * 60;
/// Time to install an app and confirm it, when the office requires it at sign-in.
pub const ENROL_DEADLINE_SECS: i64 = 15 * 60;
/// Wrong codes allowed after one password; then the password is asked again.
pub const MAX_CODE_FAILURES: u8 = 5;

/// Who must sign in with a second factor unless `SECOND_FACTOR_ROLES` says otherwise:
/// the administrator, the director and the Secretary, and every role that reads PESEL
/// numbers or health data: the information point (registers and prints Załącznik
/// Nr 1), department heads (see the reason and the PESEL at their steps) and
/// supervisors (see the kind of a colleague's absence, sick leave included); and
/// the data protection officer, who reads everything held about a resident.
pub const DEFAULT_REQUIRED_ROLES: &[Role] =
    &[Role::Admin, Role::Director, Role::Secretary, Role::InfoPoint, Role::DepartmentHead, Role::Supervisor, Role::Iod];

/// Whether an employee holding `roles` must have a second factor.
pub fn required_for(required: &[Role], roles: &[Role]) -> bool {
    roles.iter().any(|r| required.contains(r))
}

/// The secret shared with the authenticator app. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Secret {
    pub fn generate() -> Secret {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Secret(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Secret {
        Secret(bytes)
    }

    /// A secret as an app shows it (base32, in any case, spaces allowed); at least 128 bits.
    pub fn from_base32(text: &str) -> Option<Secret> {
        let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let bytes = totp_rs::Secret::try_from_base32(clean.trim_end_matches('=')).ok()?;
        (bytes.as_bytes().len() >= 16).then(|| Secret(bytes.as_bytes().to_vec()))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn base32(&self) -> String {
        totp_rs::Secret::from(self.0.clone()).to_base32()
    }

    /// The base32 text in groups of four, for typing it into an app by hand.
    pub fn grouped(&self) -> String {
        let text = self.base32();
        let chars: Vec<char> = text.chars().collect();
        chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
    }

    fn totp(&self, issuer: &str, account: &str) -> totp_rs::Totp {
        // The otpauth label must not hold a colon; the issuer is the office's name.
        let clean = |s: &str| s.replace(':', " ").trim().to_owned();
        totp_rs::Builder::new()
            .with_algorithm(totp_rs::Algorithm::SHA1)
            .with_digits(6)
            .with_step_duration(30)
            .with_skew(1)
            .with_secret(self.0.clone())
            .with_issuer(Some(clean(issuer)).filter(|s| !s.is_empty()))
            .with_account_name(clean(account))
            .build_noncompliant()
    }

    /// `otpauth://totp/Office:login?secret=…&issuer=Office`: what the QR code holds.
    pub fn otpauth_url(&self, issuer: &str, account: &str) -> String {
        let account = if account.is_empty() { "okienko" } else { account };
        self.totp(issuer, account).to_url().unwrap_or_default()
    }

    /// The time step whose code `code` (six digits) is, within one step of `now`.
    pub fn step_of(&self, code: &str, now: DateTime<Utc>) -> Option<i64> {
        let secs = u64::try_from(now.timestamp()).ok()?;
        self.totp("", "").check(code, secs).and_then(|step| i64::try_from(step).ok())
    }

    /// The code an app shows at `now` (for the demo and the tests).
    pub fn code_at(&self, now: DateTime<Utc>) -> String {
        self.totp("", "").generate(u64::try_from(now.timestamp()).unwrap_or(0)).to_string()
    }
}

/// A QR code of `text` as an inline SVG element (no script, no style attribute: the
/// Content-Security-Policy stays strict), with its quiet zone and an accessible name.
pub fn qr_svg(text: &str, label: &str) -> String {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == qrcode::Color::Dark {
                x += 1;
            }
            let _ = write!(path, "M{} {}h{}v1h-{}z", start + quiet, y + quiet, x - start, x - start);
        }
    }
    let label = label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    format!(
        r##"<svg class="qr__code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    )
}

/// What was typed in the code field.
#[derive(Debug, PartialEq, Eq)]
pub enum Entered {
    /// Six digits from the app.
    Totp(String),
    /// A recovery code, without its hyphens, in lower case.
    Recovery(String),
    /// Neither.
    Malformed,
}

/// Reads the code field: spaces and hyphens do not matter, nor the case of a
/// recovery code; 0, 1 and 8 typed for o, l and b are taken as meant.
pub fn read_code(raw: &str) -> Entered {
    let clean: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if clean.len() == 6 && clean.chars().all(|c| c.is_ascii_digit()) {
        return Entered::Totp(clean);
    }
    let letters: String = clean
        .to_ascii_lowercase()
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            '8' => 'b',
            c => c,
        })
        .collect();
    if letters.len() == RECOVERY_LEN && letters.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
        Entered::Recovery(letters)
    } else {
        Entered::Malformed
    }
}

/// Ten fresh recovery codes, as shown: `abcd-efgh-ijkl-mnop-qrst-uvwx`.
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; RECOVERY_LEN];
            rng.fill_bytes(&mut bytes);
            // 256 is a multiple of 32: every letter equally likely.
            let letters: Vec<char> = bytes.iter().map(|b| RECOVERY_ALPHABET[(*b % 32) as usize] as char).collect();
            letters.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
        })
        .collect()
}

/// What is stored of a recovery code: the SHA-256 of its letters (see the migration).
fn recovery_hash(letters: &str) -> Vec<u8> {
    Sha256::digest(letters.as_bytes()).to_vec()
}

/// An employee's second factor, as stored.
pub struct Factor {
    pub secret: Secret,
    pub confirmed_at: DateTime<Utc>,
    /// Recovery codes not used yet.
    pub recovery_left: i64,
}

/// The employee's factor, its secret opened (sealed at rest; one left in plain text
/// by an earlier version is read as it is until `okienko migrate` seals it).
pub async fn factor_of(db: &PgPool, keys: &Keys, staff_id: Uuid) -> sqlx::Result<Option<Factor>> {
    let row = sqlx::query!(
        r#"select secret_sealed, secret, confirmed_at,
                  (select count(*) from recovery_code r where r.staff_id = f.staff_id and r.used_at is null) as "left!"
           from second_factor f where staff_id = $1"#,
        staff_id
    )
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let secret = match r.secret_sealed {
        Some(sealed) => keys
            .open(&crypto::context("second_factor", "secret_sealed", staff_id), &sealed)
            .map_err(|e| sqlx::Error::Decode(format!("second factor of {staff_id}: {e}").into()))?,
        None => r.secret.unwrap_or_default(),
    };
    Ok(Some(Factor { secret: Secret(secret), confirmed_at: r.confirmed_at, recovery_left: r.left }))
}

/// The outcome of a code typed for an enrolled employee.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// A code from the app, of a step not used before (now the last one used).
    Totp,
    /// An unused recovery code, now used; `left` remain.
    Recovery { left: i64 },
    /// A code from the app that was already accepted (or an older one).
    Replayed,
    /// A recovery code used before.
    RecoveryUsed,
    /// Neither six digits nor a recovery code.
    Malformed,
    /// Not the code.
    Wrong,
    /// The employee has no second factor (removed meanwhile).
    NoFactor,
}

impl Checked {
    pub fn accepted(&self) -> bool {
        matches!(self, Checked::Totp | Checked::Recovery { .. })
    }

    /// The word the audit log keeps for a refusal.
    pub fn reason(&self) -> &'static str {
        match self {
            Checked::Replayed => "replayed_code",
            Checked::RecoveryUsed => "used_recovery_code",
            Checked::Malformed | Checked::Wrong => "wrong_code",
            Checked::NoFactor => "no_second_factor",
            Checked::Totp | Checked::Recovery { .. } => "",
        }
    }
}

/// Checks a code against the employee's factor and uses it up: a step of the app
/// and a recovery code are each taken once, by one statement that two requests
/// cannot both win.
pub async fn check(db: &PgPool, keys: &Keys, staff_id: Uuid, raw: &str, now: DateTime<Utc>) -> sqlx::Result<Checked> {
    let entered = read_code(raw);
    if entered == Entered::Malformed {
        return Ok(Checked::Malformed);
    }
    let Some(factor) = factor_of(db, keys, staff_id).await? else {
        return Ok(Checked::NoFactor);
    };
    match entered {
        Entered::Totp(code) => {
            let Some(step) = factor.secret.step_of(&code, now) else {
                return Ok(Checked::Wrong);
            };
            let done = sqlx::query!(
                "update second_factor set last_step = $2
                 where staff_id = $1 and (last_step is null or last_step < $2)",
                staff_id,
                step
            )
            .execute(db)
            .await?;
            Ok(if done.rows_affected() == 1 { Checked::Totp } else { Checked::Replayed })
        }
        Entered::Recovery(letters) => {
            let hash = recovery_hash(&letters);
            let used = sqlx::query!(
                "update recovery_code set used_at = $3 where staff_id = $1 and code_hash = $2 and used_at is null",
                staff_id,
                hash,
                now
            )
            .execute(db)
            .await?;
            if used.rows_affected() == 1 {
                let left = factor.recovery_left - 1;
                return Ok(Checked::Recovery { left: left.max(0) });
            }
            let known = sqlx::query_scalar!(
                r#"select 1 as "x!" from recovery_code where staff_id = $1 and code_hash = $2"#,
                staff_id,
                hash
            )
            .fetch_optional(db)
            .await?;
            Ok(if known.is_some() { Checked::RecoveryUsed } else { Checked::Wrong })
        }
        Entered::Malformed => Ok(Checked::Malformed),
    }
}

/// Stores a confirmed factor (`step`: the step of the code that confirmed it),
/// replacing any earlier one, with fresh recovery codes, which are returned to be
/// shown once.
pub async fn save(
    tx: &mut sqlx::PgConnection,
    keys: &Keys,
    staff_id: Uuid,
    secret: &Secret,
    step: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<String>> {
    let sealed = keys.seal(&crypto::context("second_factor", "secret_sealed", staff_id), secret.as_bytes());
    sqlx::query!(
        "insert into second_factor (staff_id, secret_sealed, secret, confirmed_at, last_step)
         values ($1, $2, null, $3, $4)
         on conflict (staff_id) do update set secret_sealed = excluded.secret_sealed, secret = null,
                                              confirmed_at = excluded.confirmed_at, last_step = excluded.last_step",
        staff_id,
        sealed,
        now,
        step
    )
    .execute(&mut *tx)
    .await?;
    renew_recovery_codes(tx, staff_id, now).await
}

/// Replaces the employee's recovery codes with ten new ones, returned to be shown once.
pub async fn renew_recovery_codes(
    tx: &mut sqlx::PgConnection,
    staff_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<String>> {
    sqlx::query!("delete from recovery_code where staff_id = $1", staff_id).execute(&mut *tx).await?;
    let codes = new_recovery_codes();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| recovery_hash(&c.replace('-', ""))).collect();
    sqlx::query!(
        "insert into recovery_code (staff_id, code_hash, created_at) select $1, unnest($2::bytea[]), $3",
        staff_id,
        &hashes,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(codes)
}

/// Removes the factor and the recovery codes (an admin's reset). Whether there was one.
pub async fn remove(tx: &mut sqlx::PgConnection, staff_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query!("delete from recovery_code where staff_id = $1", staff_id).execute(&mut *tx).await?;
    let done = sqlx::query!("delete from second_factor where staff_id = $1", staff_id).execute(&mut *tx).await?;
    Ok(done.rows_affected() == 1)
}

// ---- In the session --------------------------------------------------------------

const PENDING_KEY: &str = "pending_sign_in";
const ENROLLING_KEY: &str = "enrolling_secret";

/// A sign-in whose password was right and whose second step is still to come. It
/// is not a signed-in session: the guard knows nothing of it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub staff_id: Uuid,
    pub login: String,
    /// Where to go once signed in.
    pub next: String,
    /// The employee has no factor yet and the office requires one: enrol first.
    pub enrol: bool,
    /// Unix seconds after which the password must be given again.
    pub until: i64,
    /// Wrong codes so far.
    pub failures: u8,
}

impl Pending {
    pub async fn start(
        session: &Session,
        staff_id: Uuid,
        login: &str,
        next: &str,
        enrol: bool,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let deadline = if enrol { ENROL_DEADLINE_SECS } else { CODE_DEADLINE_SECS };
        let pending = Pending {
            staff_id,
            login: login.to_owned(),
            next: next.to_owned(),
            enrol,
            until: now.timestamp() + deadline,
            failures: 0,
        };
        session.remove_value(ENROLLING_KEY).await?;
        session.insert(PENDING_KEY, pending).await?;
        Ok(())
    }

    /// The pending sign-in of this session, if any (past its deadline or not).
    pub async fn of(session: &Session) -> Result<Option<Pending>, AppError> {
        Ok(session.get::<Pending>(PENDING_KEY).await?)
    }

    pub fn is_past(&self, now: DateTime<Utc>) -> bool {
        now.timestamp() > self.until
    }

    pub async fn save(&self, session: &Session) -> Result<(), AppError> {
        session.insert(PENDING_KEY, self.clone()).await?;
        Ok(())
    }

    /// Ends the pending sign-in (signed in, or back to the password).
    pub async fn end(session: &Session) -> Result<(), AppError> {
        session.remove_value(PENDING_KEY).await?;
        session.remove_value(ENROLLING_KEY).await?;
        Ok(())
    }
}

/// A secret being enrolled, kept in the session until confirmed.
#[derive(Serialize, Deserialize)]
struct Enrolling {
    secret: String,
    until: i64,
}

/// The secret this session is enrolling: the same one while the employee reloads the
/// page (they may have scanned it already), a new one after `ENROL_DEADLINE_SECS`.
pub async fn enrolling_secret(session: &Session, now: DateTime<Utc>) -> Result<Secret, AppError> {
    if let Some(kept) = session.get::<Enrolling>(ENROLLING_KEY).await?
        && kept.until >= now.timestamp()
        && let Some(secret) = Secret::from_base32(&kept.secret)
    {
        return Ok(secret);
    }
    let secret = Secret::generate();
    let kept = Enrolling { secret: secret.base32(), until: now.timestamp() + ENROL_DEADLINE_SECS };
    session.insert(ENROLLING_KEY, kept).await?;
    Ok(secret)
}

/// Forgets the secret being enrolled (confirmed and stored).
pub async fn forget_enrolling(session: &Session) -> Result<(), AppError> {
    session.remove_value(ENROLLING_KEY).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    // RFC 6238, Appendix B: the SHA1 secret "12345678901234567890", eight digits
    // there; six digits are the last six of each.
    fn rfc_secret() -> Secret {
        Secret::from_bytes(b"12345678901234567890".to_vec())
    }

    #[test]
    fn codes_are_those_of_rfc_6238() {
        let at = |secs| Utc.timestamp_opt(secs, 0).unwrap();
        assert_eq!(rfc_secret().code_at(at(59)), "287082");
        assert_eq!(rfc_secret().code_at(at(1_111_111_109)), "081804");
        assert_eq!(rfc_secret().code_at(at(1_234_567_890)), "005924");
        assert_eq!(rfc_secret().code_at(at(2_000_000_000)), "279037");
    }

    #[test]
    fn a_code_is_accepted_one_step_early_or_late_and_gives_its_step() {
        let secret = Secret::generate();
        let now = Utc.timestamp_opt(1_800_000_015, 0).unwrap();
        let step = 1_800_000_015 / 30;
        for delta in [-30, 0, 30] {
            let code = secret.code_at(now + chrono::TimeDelta::seconds(delta));
            assert_eq!(secret.step_of(&code, now), Some(step + delta / 30), "{delta}");
        }
        let late = secret.code_at(now + chrono::TimeDelta::seconds(90));
        assert_eq!(secret.step_of(&late, now), None);
    }

    #[test]
    fn a_secret_is_shown_in_groups_of_four_and_read_back_however_typed() {
        let secret = Secret::generate();
        let grouped = secret.grouped();
        assert_eq!(grouped.len(), 32 + 7, "{grouped}");
        assert_eq!(Secret::from_base32(&grouped.to_lowercase()), Some(secret.clone()));
        assert_eq!(Secret::from_base32("AAAA"), None, "too short to be a secret");
        assert!(!format!("{secret:?}").contains(&secret.base32()), "never printed");
    }

    #[test]
    fn the_otpauth_url_names_the_office_and_the_login() {
        let secret = Secret::from_base32("OKIENKODEMO2TOTPJAWNYSEKRETDEMOZ").unwrap();
        let url = secret.otpauth_url("Urząd Miasta: Testowo", "anna.kowalska");
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains("secret=OKIENKODEMO2TOTPJAWNYSEKRETDEMOZ"), "{url}");
        assert!(url.contains("anna.kowalska") && url.contains("issuer=Urz"), "{url}");
        assert!(!url.contains("algorithm=") && !url.contains("digits=") && !url.contains("period="), "defaults: {url}");
    }

    #[test]
    fn the_qr_code_is_an_svg_element_without_style() {
        let svg = qr_svg("otpauth://totp/X:y?secret=AAAA", "Kod QR \"x\"");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains("aria-label=\"Kod QR &quot;x&quot;\""));
        assert!(!svg.contains("style"));
    }

    #[test]
    fn the_code_field_takes_six_digits_or_a_recovery_code() {
        assert_eq!(read_code(" 123 456 "), Entered::Totp("123456".into()));
        assert_eq!(read_code("12345"), Entered::Malformed);
        assert_eq!(read_code("1234567"), Entered::Malformed);
        assert_eq!(read_code(""), Entered::Malformed);
        assert_eq!(read_code("ABCD-EFGH-IJKL-MNOP-QRST-UVWX"), Entered::Recovery("abcdefghijklmnopqrstuvwx".into()));
        assert_eq!(read_code("abcd efgh ijk1 mn0p qrst uvw8"), Entered::Recovery("abcdefghijklmnopqrstuvwb".into()));
        assert_eq!(read_code("abcd-efgh"), Entered::Malformed);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_codes_of_120_bits_read_back_as_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 24 + 5, "{code}");
            assert_eq!(read_code(code), Entered::Recovery(code.replace('-', "")));
            assert_eq!(read_code(&code.to_uppercase()), Entered::Recovery(code.replace('-', "")));
        }
    }

    #[test]
    fn the_office_requires_it_by_role() {
        assert!(required_for(DEFAULT_REQUIRED_ROLES, &[Role::Clerk, Role::InfoPoint]));
        assert!(!required_for(DEFAULT_REQUIRED_ROLES, &[Role::Clerk]));
        assert!(!required_for(&[], &[Role::Admin]));
    }
}
