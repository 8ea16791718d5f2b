//! The office's lists for forms: its departments, kinds of case and staff, as the
//! choices of a `<select>`. Every feature that offers one of them reads it here.

use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Role;

/// A choice in a department `<select>`.
pub struct DepartmentOption {
    pub department_id: Uuid,
    pub label: String,
}

/// The active departments, by name: "Urząd Stanu Cywilnego (USC)".
pub async fn department_options(db: &PgPool) -> sqlx::Result<Vec<DepartmentOption>> {
    let rows = sqlx::query!("select department_id, symbol, name from department where active order by name")
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| DepartmentOption { department_id: r.department_id, label: format!("{} ({})", r.name, r.symbol) })
        .collect())
}

pub struct CaseKindOption {
    pub case_kind_id: Uuid,
    pub department_id: Uuid,
    pub label: String,
    pub needs_client_data: bool,
}

/// The active kinds of case, by department: "Dowód osobisty – Wydział Spraw Obywatelskich".
pub async fn case_kind_options(db: &PgPool) -> sqlx::Result<Vec<CaseKindOption>> {
    let rows = sqlx::query!(
        "select k.case_kind_id, k.department_id, k.name, d.name as department, k.needs_client_data
         from case_kind k join department d using (department_id) where k.active order by d.name, k.name"
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CaseKindOption {
            case_kind_id: r.case_kind_id,
            department_id: r.department_id,
            label: format!("{} – {}", r.name, r.department),
            needs_client_data: r.needs_client_data,
        })
        .collect())
}

pub struct StaffOption {
    pub staff_id: Uuid,
    pub label: String,
}

impl StaffOption {
    /// "Anna Kowalczyk (Urząd Stanu Cywilnego)", or the name alone without a department.
    pub fn with_department(staff_id: Uuid, full_name: String, department: Option<String>) -> StaffOption {
        let label = match department {
            Some(d) => format!("{full_name} ({d})"),
            None => full_name,
        };
        StaffOption { staff_id, label }
    }
}

/// The active staff but `except`, by name: "Anna Kowalczyk (Urząd Stanu Cywilnego)".
pub async fn staff_options(db: &PgPool, except: Option<Uuid>) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?" from staff s left join department d using (department_id)
           where s.active and ($1::uuid is null or s.staff_id <> $1) order by s.full_name"#,
        except
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

/// Who may be sent on a home visit: active staff who serve residents (clerks and
/// the information point; never an account without a front-line role such as the
/// admin's or the Secretary's), the case's department first, then by name.
pub async fn front_line_staff(db: &PgPool, department_first: Option<Uuid>) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?" from staff s left join department d using (department_id)
           where s.active and exists (select 1 from staff_role r where r.staff_id = s.staff_id and r.role = any($2))
           order by (s.department_id is not distinct from $1) desc, s.full_name"#,
        department_first,
        &[Role::Clerk.as_str().to_owned(), Role::InfoPoint.as_str().to_owned()] as &[String]
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

/// The active staff of the department with this symbol (BOMiNO's, who draft authorisations).
pub async fn staff_of_department(db: &PgPool, symbol: &str) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        "select s.staff_id, s.full_name from staff s join department d using (department_id)
         where s.active and d.symbol = $1 order by s.full_name",
        symbol
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption { staff_id: r.staff_id, label: r.full_name }).collect())
}
