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
