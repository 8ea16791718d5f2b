//! Administration: staff accounts, departments, desks, and the audit log.

pub mod audit_log;
pub mod departments;
pub mod desks;
pub mod staff;

use sqlx::PgPool;
use uuid::Uuid;

/// A choice in a department `<select>`.
pub struct DepartmentOption {
    pub department_id: Uuid,
    pub label: String,
}

pub async fn department_options(db: &PgPool) -> sqlx::Result<Vec<DepartmentOption>> {
    let rows = sqlx::query!("select department_id, symbol, name from department where active order by name")
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| DepartmentOption { department_id: r.department_id, label: format!("{} ({})", r.name, r.symbol) })
        .collect())
}

/// Reads an optional department id from a form; anything unknown is an error message.
pub fn parse_department(raw: &str, options: &[DepartmentOption], message: &str) -> Result<Option<Uuid>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<Uuid>()
        .ok()
        .filter(|id| options.iter().any(|o| o.department_id == *id))
        .map(Some)
        .ok_or_else(|| message.to_owned())
}
