//! The office's own registers an auditor may ask for: the office's errors disclosed
//! to clients (Std 21, `errors`), gifts refused (Std 24, `gifts`) and suggestions
//! for improving the service (§7.1, `suggestions`). What they share is here: the
//! tabs between them, the one-submission key of a form, the version of a record,
//! names masked in lists and an audited download (`exported`). A saved form ends
//! with `web::page::saved`, as every feature's.

pub mod errors;
pub mod gifts;
pub mod suggestions;

use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use axum::response::Response;

use crate::audit::{Action, Actor};
use crate::error::{AppError, Result};
use crate::web::export::{ExportFormat, Table, download};
use crate::web::form::FormData;

/// Which register a page belongs to, for the tabs between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Errors,
    Gifts,
    Suggestions,
}

impl Tab {
    /// For the templates: `tab.is("gifts")`.
    pub fn is(&self, name: &str) -> bool {
        matches!((self, name), (Tab::Errors, "errors") | (Tab::Gifts, "gifts") | (Tab::Suggestions, "suggestions"))
    }
}

/// The key a create form carries (made when the form is shown): the same form sent
/// twice (a double click, a resend) finds its key taken and gets 409, not a second row.
pub fn form_key(form: &FormData) -> Result<Uuid> {
    form.raw("form_key").and_then(|v| v.trim().parse().ok()).ok_or(AppError::Conflict)
}

/// The version of the record a change form was made from: a form made before
/// someone else's change (or sent a second time) gets 409.
pub fn version(form: &FormData) -> Result<i32> {
    form.raw("version").and_then(|v| v.trim().parse().ok()).ok_or(AppError::Conflict)
}

/// A client's name as lists show it: the first name and the initial of the rest
/// ("Helena W."), enough to tell rows apart, not to identify anyone.
pub fn mask_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else { return String::new() };
    let initials: Vec<String> =
        words.filter_map(|w| w.chars().next()).map(|c| format!("{}.", c.to_uppercase())).collect();
    if initials.is_empty() {
        // One word: its first letter only.
        let c = first.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
        return format!("{c}.");
    }
    format!("{first} {}", initials.join(" "))
}

/// The id of a row just inserted, or 409 when `constraint` (a form's key, a comment
/// made a suggestion) says it was inserted already: the form was sent twice.
pub fn once(inserted: sqlx::Result<Uuid>, constraint: &str) -> Result<Uuid> {
    match inserted {
        Err(e) if crate::error::is_unique_violation(&e, constraint) => Err(AppError::Conflict),
        other => Ok(other?),
    }
}

/// `?format=csv` or `?format=xlsx` of a register's download.
#[derive(Deserialize, Default)]
pub struct ExportQuery {
    #[serde(default)]
    pub format: String,
}

impl ExportQuery {
    /// The format asked for; 404 for any other.
    pub fn format(&self) -> Result<ExportFormat> {
        ExportFormat::parse(&self.format).ok_or(AppError::NotFound)
    }
}

/// A register's whole table as a file named `file`, the download audited (which
/// register, how many rows).
pub async fn exported(
    db: &PgPool,
    actor: &Actor,
    register: &str,
    table: Table,
    format: ExportFormat,
    file: &str,
) -> Result<Response> {
    let detail = serde_json::json!({ "register": register, "rows": table.rows.len() });
    actor.record(db, Action::RegisterExported, None, detail).await?;
    download(&[table], format, file)
}

/// The first `max` characters of a text, with "…" when cut (the lists' cells).
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
