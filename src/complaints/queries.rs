//! A complaint as its pages need it: the case (`cases::Case`) with what the client
//! said and what the office answered, and the reads of the lists and reports.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::cases::{self, Case, State as Stage};

/// What was taken down, and the answer.
pub struct Details {
    pub taken_during: String,
    pub visit_id: Option<Uuid>,
    pub visit_ticket: Option<String>,
    /// Who served the visit complained of.
    pub visit_served_by: Option<String>,
    pub from_kiosk: bool,
    pub client_name: String,
    pub wants_answer: bool,
    pub channel: Option<String>,
    pub contact: Option<String>,
    pub about: String,
    pub about_department_id: Option<Uuid>,
    pub about_department: Option<String>,
    pub about_staff: Option<String>,
    pub about_case_kind: Option<String>,
    pub client_words: String,
    pub restated: String,
    pub cause: String,
    pub remedy: String,
    pub accepted: Option<bool>,
    pub would_accept: String,
    pub due_on: NaiveDate,
    pub answer_text: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub answer_channel: Option<String>,
    pub answered_by: Option<String>,
    pub registered_by: Option<String>,
}

pub struct Complaint {
    pub case: Case,
    pub details: Details,
    /// The employee named to answer: (staff, full name).
    pub answerer: Option<(Uuid, String)>,
}

impl Complaint {
    pub fn id(&self) -> Uuid {
        self.case.case_file_id
    }

    pub fn overdue(&self, today: NaiveDate) -> bool {
        super::rules::is_overdue(!self.case.state.is_closed(), self.details.due_on, today)
    }
}

pub async fn find(db: &PgPool, id: Uuid) -> sqlx::Result<Option<Complaint>> {
    let Some(case) = cases::find(db, id).await? else { return Ok(None) };
    if case.kind != cases::Kind::Complaint {
        return Ok(None);
    }
    let details = sqlx::query_as!(
        Details,
        r#"select c.taken_during, c.visit_id, v.ticket as "visit_ticket?", sv.full_name as "visit_served_by?",
                  (c.survey_answer_id is not null) as "from_kiosk!", c.client_name, c.wants_answer, c.channel, c.contact,
                  c.about, c.about_department_id, d.name as "about_department?", s.full_name as "about_staff?",
                  k.name as "about_case_kind?", c.client_words, c.restated, c.cause, c.remedy, c.accepted,
                  c.would_accept, c.due_on, c.answer_text, c.answered_on, c.answer_channel,
                  ab.full_name as "answered_by?", rb.full_name as "registered_by?"
           from complaint c
           join case_file f on f.case_file_id = c.complaint_id
           left join visit v on v.visit_id = c.visit_id
           left join staff sv on sv.staff_id = v.served_by
           left join department d on d.department_id = c.about_department_id
           left join staff s on s.staff_id = c.about_staff_id
           left join case_kind k on k.case_kind_id = c.about_case_kind_id
           left join staff ab on ab.staff_id = c.answered_by
           left join staff rb on rb.staff_id = f.registered_by
           where c.complaint_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    let Some(details) = details else { return Ok(None) };
    let answerer = sqlx::query!(
        "select s.staff_id, s.full_name from case_person p join staff s using (staff_id)
         where p.case_file_id = $1 and p.part = 'designated' order by s.full_name limit 1",
        id
    )
    .fetch_optional(db)
    .await?
    .map(|r| (r.staff_id, r.full_name));
    Ok(Some(Complaint { case, details, answerer }))
}

/// Open complaints past the day their answer was due (of a department, or all).
pub async fn overdue_count(db: &PgPool, department: Option<Uuid>, today: NaiveDate) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from complaint c join case_file f on f.case_file_id = c.complaint_id
           where f.state not in ('answered', 'cancelled') and c.due_on < $1
             and ($2::uuid is null or f.department_id = $2)"#,
        today,
        department
    )
    .fetch_one(db)
    .await
}

/// What an inbox or the register shows of a complaint: no contact details, the
/// client's name masked.
pub struct Line {
    pub id: Uuid,
    pub case_ref: String,
    pub state: Stage,
    pub registered_at: DateTime<Utc>,
    pub client: String,
    pub about: String,
    pub department: Option<String>,
    pub due_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    pub answer_channel: Option<String>,
    pub accepted: Option<bool>,
}

/// The register, newest first: `limit` lines from `offset`.
pub async fn register(db: &PgPool, (limit, offset): (i64, i64)) -> sqlx::Result<Vec<Line>> {
    let rows = sqlx::query!(
        r#"select f.case_file_id, f.case_ref, f.state as "state: Stage", f.registered_at, c.client_name, c.about,
                  d.name as "department?", c.due_on, c.answered_on, c.answer_channel, c.accepted
           from case_file f join complaint c on c.complaint_id = f.case_file_id
           left join department d on d.department_id = f.department_id
           where f.case_type = 'complaint'
           order by f.registered_at desc, f.case_ref desc
           limit $1 offset $2"#,
        limit,
        offset
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Line {
            id: r.case_file_id,
            case_ref: r.case_ref,
            state: r.state,
            registered_at: r.registered_at,
            client: crate::registers::mask_name(&r.client_name),
            about: r.about,
            department: r.department,
            due_on: r.due_on,
            answered_on: r.answered_on,
            answer_channel: r.answer_channel,
            accepted: r.accepted,
        })
        .collect())
}

/// The lines of these complaints (an inbox), in the order given.
pub async fn lines(db: &PgPool, ids: &[Uuid]) -> sqlx::Result<Vec<Line>> {
    let rows = sqlx::query!(
        r#"select f.case_file_id, f.case_ref, f.state as "state: Stage", f.registered_at, c.client_name, c.about,
                  d.name as "department?", c.due_on, c.answered_on, c.answer_channel, c.accepted
           from case_file f join complaint c on c.complaint_id = f.case_file_id
           left join department d on d.department_id = f.department_id
           where f.case_file_id = any($1)"#,
        ids
    )
    .fetch_all(db)
    .await?;
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|r| Line {
            id: r.case_file_id,
            case_ref: r.case_ref,
            state: r.state,
            registered_at: r.registered_at,
            client: crate::registers::mask_name(&r.client_name),
            about: r.about,
            department: r.department,
            due_on: r.due_on,
            answered_on: r.answered_on,
            answer_channel: r.answer_channel,
            accepted: r.accepted,
        })
        .collect();
    lines.sort_by_key(|l| ids.iter().position(|i| *i == l.id));
    Ok(lines)
}

/// A complaint about an employee's work, as their §7.4 sheet shows it to supervisors.
pub struct SheetLine {
    pub id: Uuid,
    pub case_ref: String,
    pub state: Stage,
    pub registered_at: DateTime<Utc>,
    pub client_words: String,
    pub due_on: NaiveDate,
}

/// Complaints taken in `[from, to)` about a visit this employee served, or about
/// them by name (a kiosk comment on their desk turned into a complaint).
pub async fn of_employee(
    db: &PgPool,
    staff_id: Uuid,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> sqlx::Result<Vec<SheetLine>> {
    sqlx::query_as!(
        SheetLine,
        r#"select f.case_file_id as id, f.case_ref, f.state as "state: Stage", f.registered_at, c.client_words, c.due_on
           from complaint c join case_file f on f.case_file_id = c.complaint_id
           left join visit v on v.visit_id = c.visit_id
           where (v.served_by = $1 or c.about_staff_id = $1) and f.registered_at >= $2 and f.registered_at < $3
           order by f.registered_at"#,
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await
}

impl crate::reports::sheet::SheetPage {
    /// A complaint's state, as the sheet's list of complaints says it.
    pub fn complaint_state(&self, state: &Stage) -> &'static str {
        super::case::state_label(self.ctx.t, *state)
    }
}

/// The complaints waiting for this employee's step, and how many of them are overdue
/// (the home page's count).
pub async fn waiting_for(
    db: &PgPool,
    user: &crate::auth::CurrentUser,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> sqlx::Result<(i64, i64)> {
    let open = cases::listed(db, now).await?;
    let ids: Vec<Uuid> = open
        .iter()
        .filter(|c| c.kind == cases::Kind::Complaint && !c.state.is_closed() && c.waits_for(user))
        .map(|c| c.case_file_id)
        .collect();
    let overdue = sqlx::query_scalar!(
        r#"select count(*) as "n!" from complaint where complaint_id = any($1) and due_on < $2"#,
        &ids,
        today
    )
    .fetch_one(db)
    .await?;
    Ok((ids.len() as i64, overdue))
}
