//! A message shown once, on the next page ("Zmiany zapisane."), kept in the session;
//! and the few messages of the sign-in page, named in its address (`Notice`), since
//! a visitor who is not signed in has no session to keep them in.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::AppError;

const FLASH_KEY: &str = "flash";

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Info,
    Warning,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

impl Flash {
    pub fn css(&self) -> &'static str {
        match self.kind {
            FlashKind::Success => "banner--success",
            FlashKind::Info => "banner--info",
            FlashKind::Warning => "banner--warning",
        }
    }
}

/// Why somebody is on the sign-in page: `/login?notice=expired`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    Required,
    Expired,
    SignedOut,
    FormExpired,
}

impl Notice {
    const ALL: [Notice; 4] = [Notice::Required, Notice::Expired, Notice::SignedOut, Notice::FormExpired];

    pub fn code(self) -> &'static str {
        match self {
            Notice::Required => "required",
            Notice::Expired => "expired",
            Notice::SignedOut => "signed_out",
            Notice::FormExpired => "form_expired",
        }
    }

    pub fn parse(code: &str) -> Option<Notice> {
        Self::ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn flash(self, t: &crate::i18n::Texts) -> Flash {
        let (kind, text) = match self {
            Notice::Required => (FlashKind::Info, t.login_required_msg),
            Notice::Expired => (FlashKind::Info, t.session_expired_msg),
            Notice::SignedOut => (FlashKind::Success, t.signed_out_msg),
            Notice::FormExpired => (FlashKind::Warning, t.form_expired_msg),
        };
        Flash { kind, text: text.to_owned() }
    }
}

/// The one-time message, removed once read (and the session left untouched when there is none).
pub async fn take_flash(session: &Session) -> Result<Option<Flash>, AppError> {
    if session.get_value(FLASH_KEY).await?.is_none() {
        return Ok(None);
    }
    Ok(session.remove::<Flash>(FLASH_KEY).await?)
}

pub async fn set_flash(session: &Session, kind: FlashKind, text: &str) -> Result<(), AppError> {
    session.insert(FLASH_KEY, Flash { kind, text: text.to_owned() }).await?;
    Ok(())
}
