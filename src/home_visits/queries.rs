//! A home-visit request as its pages need it: the case (`cases::Case`) with the
//! details of Załącznik Nr 1, and the register's gap-free numbering.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::cases::{self, Case};
use crate::crypto::{self, Keys};
use crate::error::AppError;

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

/// A request with its PESEL and health reason opened (they are sealed at rest; a
/// value left in plain text by an earlier version is read as it is until sealed).
pub async fn find(db: &PgPool, keys: &Keys, id: Uuid) -> Result<Option<Request>, AppError> {
    let Some(case) = cases::find(db, id).await? else { return Ok(None) };
    let row = sqlx::query!(
        r#"select r.client_name, r.client_address, r.client_phone, r.pesel_sealed, r.pesel, r.case_kind_id,
                  k.name as case_kind, k.department_id as case_department_id, r.reason_sealed, r.reason,
                  r.planned_at, r.outcome
           from home_visit_request r join case_kind k using (case_kind_id)
           where r.home_visit_request_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let open = |column: &str, sealed: Option<Vec<u8>>, plain: Option<String>| -> Result<Option<String>, AppError> {
        match sealed {
            Some(sealed) => keys
                .open_str(&crypto::context("home_visit_request", column, id), &sealed)
                .map(Some)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("home visit {id}: {column}: {e}"))),
            None => Ok(plain),
        }
    };
    let details = Details {
        pesel: open("pesel_sealed", r.pesel_sealed, r.pesel)?,
        // Empty once retention anonymised it.
        reason: open("reason_sealed", r.reason_sealed, r.reason)?.unwrap_or_default(),
        client_name: r.client_name,
        client_address: r.client_address,
        client_phone: r.client_phone,
        case_kind_id: r.case_kind_id,
        case_kind: r.case_kind,
        case_department_id: r.case_department_id,
        planned_at: r.planned_at,
        outcome: r.outcome,
    };
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
