//! Settings, all from environment variables (documented in `.env.example`).

use std::net::SocketAddr;
use std::time::Duration;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono_tz::Tz;

use crate::crypto::Keys;
use crate::personal_data::{self, Retention};

use crate::auth::Role;
use crate::auth::second_factor::DEFAULT_REQUIRED_ROLES;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// The schema owner's connection, for migrations only (`DATABASE_OWNER_URL`).
    pub database_owner_url: Option<String>,
    /// The role granted the application's rights after migrating (`DATABASE_APP_ROLE`).
    pub database_app_role: Option<String>,
    pub bind_addr: SocketAddr,
    pub public_url: String,
    pub office_name: String,
    pub office_address: String,
    /// The controller of residents' personal data (RODO Art. 13), as printed on
    /// Załącznik Nr 1; by default the office's name and address.
    pub data_controller: String,
    /// How to reach the office's data protection officer (an e-mail or an address).
    pub dpo_contact: String,
    pub time_zone: Tz,
    pub session_idle_timeout: Duration,
    pub session_absolute_timeout: Duration,
    pub cookie_secure: bool,
    pub log_level: String,
    pub log_json: bool,
    pub db_max_connections: u32,
    pub db_acquire_timeout: Duration,
    pub request_timeout: Duration,
    pub header_read_timeout: Duration,
    pub shutdown_grace: Duration,
    /// Connections open at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
    /// A new connection must say which protocol it speaks (its first bytes, or the
    /// whole HTTP/2 preface) within this; otherwise it is closed.
    pub first_bytes_timeout: Duration,
    /// A connection with no request in flight for this long is closed (HTTP/2 above
    /// all: HTTP/1 waits at most `header_read_timeout` for its next request).
    pub connection_idle_timeout: Duration,
    /// HTTP/2 pings: how often, and how long the peer has to answer one.
    pub http2_keep_alive_interval: Duration,
    pub http2_keep_alive_timeout: Duration,
    /// Live streams (Server-Sent Events) open at once in this instance, and per
    /// client (an address for the hall display, an employee for staff screens).
    pub live_streams_max: usize,
    pub live_streams_per_client: usize,
    /// How often a staff screen's live stream checks that its session still stands.
    pub live_session_check: Duration,
    pub max_concurrent_hashes: usize,
    pub trust_proxy_headers: bool,
    /// Failed sign-ins free of any wait, per account from every network and per
    /// network for every login (`auth::throttle`).
    pub login_free_failures_per_account: u32,
    pub login_free_failures_per_network: u32,
    /// Home visits: the department whose symbol starts case references (BOMiNO),
    /// the file-plan class, office hours for visits, and when a step counts as stuck.
    pub bomino_symbol: String,
    pub home_visit_class: String,
    pub office_opens: chrono::NaiveTime,
    pub office_closes: chrono::NaiveTime,
    pub stuck_after_working_days: u32,
    /// Complaints (Std 20, 22): the file-plan class of their references
    /// (BOM.151.3.2026, a series of its own) and the time the office has to answer
    /// (KPA art. 237: a month), moved to the next working day when it ends on a day off.
    pub complaint_class: String,
    pub complaint_answer_within: AnswerWithin,
    /// §7.4 reports: a client called within this wait counts as served on time.
    pub target_wait: Duration,
    /// Kiosk answers accepted per device and minute; more are refused for a while.
    pub kiosk_answers_per_minute: u32,
    /// How long after a visit its client may still answer the desk's kiosk.
    pub kiosk_invitation_valid: Duration,
    /// A kiosk left untouched this long goes back to its start screen.
    pub kiosk_reset_after: Duration,
    /// Where deaf clients meet the video interpreter (§5.2), shown to staff.
    pub interpreter_point: String,
    /// Tickets handed out per self-service stand and minute; more wait a moment.
    pub stand_tickets_per_minute: u32,
    /// Tickets are printed on A6 paper rather than an 80 mm receipt printer.
    pub ticket_paper_a6: bool,
    /// The hall display says each call aloud in Polish, besides the chime.
    pub display_speech: bool,
    /// The largest PDF of the regulation that may be uploaded (`REGULATION_PDF_MAX_MB`).
    pub regulation_pdf_max_bytes: usize,
    /// Where the CSS and images are served from.
    pub static_dir: std::path::PathBuf,
    /// Roles whose holders must sign in with a second factor (`SECOND_FACTOR_ROLES`).
    pub second_factor_roles: Vec<Role>,
    /// The keys sealing PESEL numbers, health reasons and second-factor secrets, and
    /// the PESEL's lookup key (`OKIENKO_DATA_KEYS`, `OKIENKO_DATA_KEY_CURRENT`,
    /// `OKIENKO_LOOKUP_KEY`): required, start-up refuses without them.
    pub keys: Arc<Keys>,
    /// Days each kind of personal data is kept after its matter ended, by the kind's
    /// key (`personal_data::KINDS`), from its `RETENTION_*` setting or the default.
    pub retention_days: BTreeMap<&'static str, u32>,
}

/// One clear line saying which setting is wrong and why.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {name} {problem} (got {value:?})")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: &'static str,
    pub value: String,
}

impl Config {
    /// The data controller as the RODO clauses and the register name it:
    /// `DATA_CONTROLLER`, or else the office's name and address.
    pub fn controller(&self) -> String {
        if !self.data_controller.is_empty() {
            return self.data_controller.clone();
        }
        [self.office_name.as_str(), self.office_address.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads the process environment (after `.env`, if present, was loaded by the caller).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &'static str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let err = |name, problem, value: &str| ConfigError { name, problem, value: value.to_owned() };

        let database_url = var("DATABASE_URL").ok_or_else(|| err("DATABASE_URL", "must be set", ""))?;
        if !(database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            return Err(err("DATABASE_URL", "must start with postgres://", "<hidden>"));
        }
        let database_owner_url = var("DATABASE_OWNER_URL");
        if let Some(url) = &database_owner_url
            && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
        {
            return Err(err("DATABASE_OWNER_URL", "must start with postgres://", "<hidden>"));
        }
        let database_app_role = var("DATABASE_APP_ROLE");

        let bind_raw = var("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind_addr = bind_raw
            .parse()
            .map_err(|_| err("BIND_ADDR", "must be an address and port such as 127.0.0.1:8080", &bind_raw))?;

        let public_url =
            var("PUBLIC_URL").unwrap_or_else(|| format!("http://{bind_raw}")).trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(err("PUBLIC_URL", "must start with http:// or https://", &public_url));
        }

        let time_zone_raw = var("TIME_ZONE").unwrap_or_else(|| "Europe/Warsaw".into());
        let time_zone = time_zone_raw
            .parse()
            .map_err(|_| err("TIME_ZONE", "must be an IANA time zone such as Europe/Warsaw", &time_zone_raw))?;

        let duration = |name: &'static str, default: &str| -> Result<Duration, ConfigError> {
            let raw = var(name).unwrap_or_else(|| default.into());
            parse_duration(&raw).ok_or_else(|| err(name, "must be a duration such as 90s, 30m or 10h", &raw))
        };
        let number = |name: &'static str, default: u64, min: u64, max: u64| -> Result<u64, ConfigError> {
            let Some(raw) = var(name) else {
                return Ok(default);
            };
            raw.parse::<u64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| err(name, "must be a whole number in the allowed range", &raw))
        };
        let flag = |name: &'static str, default: bool| -> Result<bool, ConfigError> {
            let Some(raw) = var(name) else {
                return Ok(default);
            };
            match raw.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(err(name, "must be true or false", &raw)),
            }
        };

        let session_idle_timeout = duration("SESSION_IDLE_TIMEOUT", "30m")?;
        let session_absolute_timeout = duration("SESSION_ABSOLUTE_TIMEOUT", "10h")?;
        if session_absolute_timeout < session_idle_timeout {
            return Err(err(
                "SESSION_ABSOLUTE_TIMEOUT",
                "must not be shorter than SESSION_IDLE_TIMEOUT",
                &format!("{}s", session_absolute_timeout.as_secs()),
            ));
        }

        // Live streams hold a connection each (HTTP/1): fewer than all of them, so
        // that pages still load when every stream is taken.
        let max_connections = number("MAX_CONNECTIONS", 500, 2, 100_000)? as usize;
        let live_streams_max = number("LIVE_STREAMS_MAX", 250, 1, 100_000)? as usize;
        if live_streams_max >= max_connections {
            return Err(err(
                "LIVE_STREAMS_MAX",
                "must be below MAX_CONNECTIONS, so that pages still load when every stream is open",
                &live_streams_max.to_string(),
            ));
        }

        let log_format = var("LOG_FORMAT").unwrap_or_else(|| "text".into());
        let log_json = match log_format.as_str() {
            "text" => false,
            "json" => true,
            _ => return Err(err("LOG_FORMAT", "must be text or json", &log_format)),
        };

        let hours_raw = var("OFFICE_HOURS").unwrap_or_else(|| "09:00-17:00".into());
        let office_hours = hours_raw
            .split_once('-')
            .and_then(|(a, b)| {
                let parse = |s: &str| chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
                Some((parse(a)?, parse(b)?))
            })
            .filter(|(a, b)| a < b)
            .ok_or_else(|| err("OFFICE_HOURS", "must be opening and closing time such as 09:00-17:00", &hours_raw))?;

        let second_factor_roles = match var("SECOND_FACTOR_ROLES") {
            None => DEFAULT_REQUIRED_ROLES.to_vec(),
            Some(raw) if raw.eq_ignore_ascii_case("none") => Vec::new(),
            Some(raw) => {
                raw.split(',').map(|name| Role::parse(name.trim())).collect::<Option<Vec<Role>>>().ok_or_else(|| {
                    err("SECOND_FACTOR_ROLES", "must list roles such as admin,director or be none", &raw)
                })?
            }
        };

        let keys = {
            let data = var("OKIENKO_DATA_KEYS").ok_or_else(|| {
                err(
                    "OKIENKO_DATA_KEYS",
                    "must be set: PESEL numbers and health data are kept encrypted (see .env.example; `make run` \
                     makes a demo key)",
                    "",
                )
            })?;
            let lookup = var("OKIENKO_LOOKUP_KEY").ok_or_else(|| {
                err("OKIENKO_LOOKUP_KEY", "must be set: the key of the PESEL's keyed hash (see .env.example)", "")
            })?;
            Keys::parse(&data, var("OKIENKO_DATA_KEY_CURRENT").as_deref(), &lookup)
                .map_err(|(setting, problem)| err(setting, problem, "<hidden>"))?
        };
        let mut retention_days = BTreeMap::new();
        for kind in personal_data::KINDS {
            if let Retention::AfterEnd { default_days, setting, .. } = kind.retention {
                let days = match var(setting) {
                    None => default_days,
                    Some(raw) => parse_duration(&raw)
                        .map(|d| d.as_secs() / 86_400)
                        .filter(|days| (1..=36_500).contains(days))
                        .ok_or_else(|| err(setting, "must be a number of days such as 365d (at least 1d)", &raw))?
                        as u32,
                };
                retention_days.insert(kind.key, days);
            }
        }

        Ok(Config {
            keys: Arc::new(keys),
            retention_days,
            database_url,
            database_owner_url,
            database_app_role,
            bind_addr,
            cookie_secure: flag("COOKIE_SECURE", public_url.starts_with("https://"))?,
            public_url,
            office_name: var("OFFICE_NAME").unwrap_or_else(|| "Urząd Miasta".into()),
            office_address: var("OFFICE_ADDRESS").unwrap_or_default(),
            data_controller: var("DATA_CONTROLLER").unwrap_or_default(),
            dpo_contact: var("DPO_CONTACT").unwrap_or_default(),
            time_zone,
            session_idle_timeout,
            session_absolute_timeout,
            log_level: var("LOG_LEVEL").unwrap_or_else(|| "info".into()),
            log_json,
            db_max_connections: number("DB_MAX_CONNECTIONS", 10, 1, 500)? as u32,
            db_acquire_timeout: duration("DB_ACQUIRE_TIMEOUT", "3s")?,
            request_timeout: duration("REQUEST_TIMEOUT", "30s")?,
            header_read_timeout: duration("HEADER_READ_TIMEOUT", "10s")?,
            shutdown_grace: duration("SHUTDOWN_GRACE", "20s")?,
            max_connections,
            first_bytes_timeout: duration("FIRST_BYTES_TIMEOUT", "10s")?,
            connection_idle_timeout: duration("CONNECTION_IDLE_TIMEOUT", "60s")?,
            http2_keep_alive_interval: duration("HTTP2_KEEP_ALIVE_INTERVAL", "20s")?,
            http2_keep_alive_timeout: duration("HTTP2_KEEP_ALIVE_TIMEOUT", "10s")?,
            live_streams_max,
            live_streams_per_client: number("LIVE_STREAMS_PER_CLIENT", 10, 1, 100_000)? as usize,
            live_session_check: duration("LIVE_SESSION_CHECK", "30s")?,
            max_concurrent_hashes: number("MAX_CONCURRENT_PASSWORD_HASHES", 4, 1, 64)? as usize,
            trust_proxy_headers: flag("TRUST_PROXY_HEADERS", false)?,
            login_free_failures_per_account: number("LOGIN_FREE_FAILURES_PER_ACCOUNT", 20, 5, 10_000)? as u32,
            login_free_failures_per_network: number("LOGIN_FREE_FAILURES_PER_NETWORK", 100, 5, 100_000)? as u32,
            interpreter_point: var("INTERPRETER_POINT").unwrap_or_default(),
            ticket_paper_a6: {
                let raw = var("TICKET_PAPER").unwrap_or_else(|| "80mm".into());
                match raw.to_ascii_lowercase().as_str() {
                    "80mm" => false,
                    "a6" => true,
                    _ => return Err(err("TICKET_PAPER", "must be 80mm or a6", &raw)),
                }
            },
            display_speech: flag("DISPLAY_SPEECH", false)?,
            stand_tickets_per_minute: number("STAND_TICKETS_PER_MINUTE", 30, 1, 100_000)? as u32,
            bomino_symbol: var("BOMINO_SYMBOL").unwrap_or_else(|| "BOM".into()),
            home_visit_class: {
                let raw = var("HOME_VISIT_CLASS").unwrap_or_else(|| "1510".into());
                if raw.is_empty() || raw.len() > 10 || !raw.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(err("HOME_VISIT_CLASS", "must be the file-plan class, letters and digits", &raw));
                }
                raw
            },
            office_opens: office_hours.0,
            office_closes: office_hours.1,
            stuck_after_working_days: number("STUCK_AFTER_WORKING_DAYS", 2, 1, 60)? as u32,
            complaint_class: {
                let raw = var("COMPLAINT_CLASS").unwrap_or_else(|| "151".into());
                if raw.is_empty() || raw.len() > 10 || !raw.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(err("COMPLAINT_CLASS", "must be the file-plan class, letters and digits", &raw));
                }
                raw
            },
            complaint_answer_within: {
                let raw = var("COMPLAINT_ANSWER_WITHIN").unwrap_or_else(|| "1 month".into());
                AnswerWithin::parse(&raw).ok_or_else(|| {
                    err(
                        "COMPLAINT_ANSWER_WITHIN",
                        "must be a number of months (1-3) or days (1-92), such as 1 month or 14 days",
                        &raw,
                    )
                })?
            },
            target_wait: duration("TARGET_WAIT", "10m")?,
            kiosk_answers_per_minute: number("KIOSK_ANSWERS_PER_MINUTE", 6, 1, 100_000)? as u32,
            kiosk_invitation_valid: duration("KIOSK_INVITATION_VALID", "5m")?,
            kiosk_reset_after: duration("KIOSK_RESET_AFTER", "60s")?,
            regulation_pdf_max_bytes: number("REGULATION_PDF_MAX_MB", 10, 1, 100)? as usize * 1024 * 1024,
            static_dir: var("STATIC_DIR")
                .map(Into::into)
                .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static")),
            second_factor_roles,
        })
    }

    /// Whether an employee holding `roles` must sign in with a second factor.
    pub fn requires_second_factor(&self, roles: &[Role]) -> bool {
        crate::auth::second_factor::required_for(&self.second_factor_roles, roles)
    }

    /// The free allowances of failed sign-ins (`auth::throttle`).
    pub fn login_allowance(&self) -> crate::auth::throttle::Allowance {
        crate::auth::throttle::Allowance {
            per_account: i64::from(self.login_free_failures_per_account),
            per_network: i64::from(self.login_free_failures_per_network),
        }
    }

    /// The form token of a visitor who is not signed in (`web::csrf::FormCookie`).
    pub fn form_cookie_name(&self) -> &'static str {
        if self.cookie_secure { "__Host-okienko_form" } else { "okienko_form" }
    }

    /// The name of the session cookie: `__Host-` needs Secure, Path=/ and no Domain.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.cookie_secure { "__Host-okienko_session" } else { "okienko_session" }
    }
}

/// `90s`, `30m`, `10h`, `2d`, or a plain number of seconds; never zero.
pub fn parse_duration(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    let (digits, unit) = match raw.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => raw.split_at(i),
        None => (raw, "s"),
    };
    let n: u64 = digits.parse().ok()?;
    let secs = match unit {
        "ms" => return (n > 0).then(|| Duration::from_millis(n)),
        "s" => n,
        "m" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        "d" => n.checked_mul(86_400)?,
        _ => return None,
    };
    (secs > 0).then(|| Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut env: HashMap<String, String> = [
            ("DATABASE_URL".to_owned(), "postgres://u:p@localhost/db".to_owned()),
            ("OKIENKO_DATA_KEYS".to_owned(), "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned()),
            ("OKIENKO_LOOKUP_KEY".to_owned(), "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=".to_owned()),
        ]
        .into();
        env.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Config::from_lookup(|k| env.get(k).cloned())
    }

    #[test]
    fn defaults_follow_the_documented_values() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.time_zone, chrono_tz::Europe::Warsaw);
        assert_eq!(c.session_idle_timeout, Duration::from_secs(30 * 60));
        assert_eq!(c.session_absolute_timeout, Duration::from_secs(10 * 3600));
        assert!(!c.cookie_secure);
        assert_eq!(c.session_cookie_name(), "okienko_session");
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure_with_the_host_prefix() {
        let c = config(&[("PUBLIC_URL", "https://bom.example.pl/")]).unwrap();
        assert!(c.cookie_secure);
        assert_eq!(c.public_url, "https://bom.example.pl");
        assert_eq!(c.session_cookie_name(), "__Host-okienko_session");
    }

    #[test]
    fn bad_values_name_the_variable_in_one_line() {
        let e = config(&[("SESSION_IDLE_TIMEOUT", "half an hour")]).unwrap_err().to_string();
        assert!(e.contains("SESSION_IDLE_TIMEOUT") && !e.contains('\n'), "{e}");
        let e = config(&[("TIME_ZONE", "Mars/Olympus")]).unwrap_err().to_string();
        assert!(e.contains("TIME_ZONE"), "{e}");
        let e = config(&[("BIND_ADDR", "localhost")]).unwrap_err().to_string();
        assert!(e.contains("BIND_ADDR"), "{e}");
        let e = Config::from_lookup(|_| None).unwrap_err().to_string();
        assert!(e.contains("DATABASE_URL"), "{e}");
        let e = config(&[("COOKIE_SECURE", "maybe")]).unwrap_err().to_string();
        assert!(e.contains("COOKIE_SECURE"), "{e}");
    }

    #[test]
    fn the_absolute_timeout_cannot_be_shorter_than_the_idle_one() {
        let e = config(&[("SESSION_IDLE_TIMEOUT", "2h"), ("SESSION_ABSOLUTE_TIMEOUT", "1h")]).unwrap_err();
        assert_eq!(e.name, "SESSION_ABSOLUTE_TIMEOUT");
    }

    #[test]
    fn live_streams_leave_connections_for_pages() {
        let c = config(&[]).unwrap();
        assert_eq!((c.max_connections, c.live_streams_max, c.live_streams_per_client), (500, 250, 10));
        let e = config(&[("MAX_CONNECTIONS", "100"), ("LIVE_STREAMS_MAX", "100")]).unwrap_err();
        assert_eq!(e.name, "LIVE_STREAMS_MAX");
        assert!(config(&[("MAX_CONNECTIONS", "100"), ("LIVE_STREAMS_MAX", "99")]).is_ok());
    }

    #[test]
    fn the_second_factor_is_required_by_default_from_those_who_read_pesel_and_health_data() {
        let c = config(&[]).unwrap();
        for role in [Role::Admin, Role::Director, Role::Secretary, Role::InfoPoint, Role::DepartmentHead] {
            assert!(c.requires_second_factor(&[role]), "{role:?}");
        }
        assert!(!c.requires_second_factor(&[Role::Clerk]));
        let c = config(&[("SECOND_FACTOR_ROLES", "admin, clerk")]).unwrap();
        assert_eq!(c.second_factor_roles, vec![Role::Admin, Role::Clerk]);
        assert!(config(&[("SECOND_FACTOR_ROLES", "none")]).unwrap().second_factor_roles.is_empty());
        let e = config(&[("SECOND_FACTOR_ROLES", "admin,root")]).unwrap_err();
        assert_eq!(e.name, "SECOND_FACTOR_ROLES");
    }

    #[test]
    fn the_complaint_deadline_is_in_months_or_calendar_days() {
        assert_eq!(AnswerWithin::parse("1 month"), Some(AnswerWithin::Months(1)));
        assert_eq!(AnswerWithin::parse("2 months"), Some(AnswerWithin::Months(2)));
        assert_eq!(AnswerWithin::parse("14 days"), Some(AnswerWithin::Days(14)));
        assert_eq!(AnswerWithin::parse("1 day"), Some(AnswerWithin::Days(1)));
        assert_eq!(AnswerWithin::parse("0 days"), None);
        assert_eq!(AnswerWithin::parse("4 months"), None);
        assert_eq!(AnswerWithin::parse("a month"), None);
        let e = config(&[("COMPLAINT_ANSWER_WITHIN", "soon")]).unwrap_err();
        assert_eq!(e.name, "COMPLAINT_ANSWER_WITHIN");
        assert_eq!(config(&[]).unwrap().complaint_answer_within, AnswerWithin::Months(1));
    }

    #[test]
    fn start_up_refuses_a_missing_or_bad_data_key_and_never_shows_it() {
        let e = config(&[("OKIENKO_DATA_KEYS", "")]).unwrap_err();
        assert_eq!(e.name, "OKIENKO_DATA_KEYS");
        let e = config(&[("OKIENKO_LOOKUP_KEY", "")]).unwrap_err();
        assert_eq!(e.name, "OKIENKO_LOOKUP_KEY");
        let e = config(&[("OKIENKO_DATA_KEY_CURRENT", "k2")]).unwrap_err();
        assert_eq!(e.name, "OKIENKO_DATA_KEY_CURRENT", "a current key that is not listed names its own setting");
        let e = config(&[("OKIENKO_DATA_KEYS", "k1:c2VjcmV0")]).unwrap_err();
        assert_eq!(e.name, "OKIENKO_DATA_KEYS");
        assert!(!e.to_string().contains("c2VjcmV0"), "{e}");
    }

    #[test]
    fn retention_periods_have_defaults_and_settings() {
        let c = config(&[]).unwrap();
        assert_eq!(c.retention_days["home_visit"], 5 * 365);
        assert_eq!(c.retention_days["visit"], 365);
        let c = config(&[("RETENTION_VISIT", "90d")]).unwrap();
        assert_eq!(c.retention_days["visit"], 90);
        assert_eq!(c.retention_days["visit_redirect"], 90);
        assert_eq!(config(&[("RETENTION_VISIT", "2h")]).unwrap_err().name, "RETENTION_VISIT");
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("90"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("30m"), Some(Duration::from_secs(1800)));
        assert_eq!(parse_duration("10h"), Some(Duration::from_secs(36000)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("0s"), None);
        assert_eq!(parse_duration("5 minutes"), None);
        assert_eq!(parse_duration(""), None);
    }
}

/// How long the office has to answer a complaint: calendar months (KPA art. 237
/// says one) or calendar days; `complaints::deadline` moves the end past days off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerWithin {
    Months(u32),
    Days(u32),
}

impl AnswerWithin {
    /// "1 month", "2 months", "14 days".
    pub fn parse(raw: &str) -> Option<AnswerWithin> {
        let (n, unit) = raw.trim().split_once(char::is_whitespace)?;
        let n: u32 = n.parse().ok()?;
        match unit.trim() {
            "month" | "months" if (1..=3).contains(&n) => Some(AnswerWithin::Months(n)),
            "day" | "days" if (1..=92).contains(&n) => Some(AnswerWithin::Days(n)),
            _ => None,
        }
    }
}
