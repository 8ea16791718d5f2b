//! A home-visit request as its pages need it: the case (`cases::Case`) with the
//! details of Załącznik Nr 1, and the register's gap-free numbering.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::cases::{self, Case};

/// The next number of the register of authorisations, e.g. `UP/0042/2026`.
pub async fn next_register_number(tx: &mut PgConnection, year: i32) -> sqlx::Result<String> {
    let number = sqlx::query_scalar!(
        "insert into authorisation_counter (year, last_number) values ($1, 1)
         on conflict (year) do update set last_number = authorisation_counter.last_number + 1
         returning last_number",
        year
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(format!("UP/{number:04}/{year}"))
}

/// What Załącznik Nr 1 says, and what the steps added.
pub struct Details {
    pub client_name: String,
    pub client_address: String,
    pub client_phone: String,
    pub pesel: Option<String>,
    pub case_kind_id: Uuid,
    pub case_kind: String,
    pub case_department_id: Uuid,
    pub reason: String,
    pub planned_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
}

/// A request: its case in the workflow and its details.
pub struct Request {
    pub case: Case,
    pub details: Details,
    /// The employees designated, by name: (staff, full name).
    pub designated: Vec<(Uuid, String)>,
    pub drafter: Option<String>,
}

impl Request {
    pub fn id(&self) -> Uuid {
        self.case.case_file_id
    }
}

pub async fn find(db: &PgPool, id: Uuid) -> sqlx::Result<Option<Request>> {
    let Some(case) = cases::find(db, id).await? else { return Ok(None) };
    let details = sqlx::query_as!(
        Details,
        r#"select r.client_name, r.client_address, r.client_phone, r.pesel, r.case_kind_id, k.name as case_kind,
                  k.department_id as case_department_id, r.reason, r.planned_at, r.outcome
           from home_visit_request r join case_kind k using (case_kind_id)
           where r.home_visit_request_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    let Some(details) = details else { return Ok(None) };
    let named = sqlx::query!(
        r#"select s.staff_id, s.full_name, p.part as "part: cases::Part"
           from case_person p join staff s using (staff_id)
           where p.case_file_id = $1 order by s.full_name"#,
        id
    )
    .fetch_all(db)
    .await?;
    let designated =
        named.iter().filter(|n| n.part == cases::Part::Designated).map(|n| (n.staff_id, n.full_name.clone())).collect();
    let drafter = named.into_iter().find(|n| n.part == cases::Part::Drafter).map(|n| n.full_name);
    Ok(Some(Request { case, details, designated, drafter }))
}

/// The year a number belongs to, in the office's calendar.
pub fn year_of(day: NaiveDate) -> i32 {
    day.year()
}
