//! A message shown once, on the next page ("Zmiany zapisane."), kept in the session.

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
