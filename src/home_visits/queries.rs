//! The home-visit requests' reads and writes: numbering without gaps, and steps that
//! only succeed against the version the person saw.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::workflow::{self, Refusal, State, Step};
use crate::auth::{CurrentUser, Role};

/// The next case reference of the year, e.g. `BOM.1510.12.2026`. The counter row stays
/// locked until the transaction ends, so numbers neither repeat nor skip.
pub async fn next_case_ref(tx: &mut PgConnection, symbol: &str, class: &str, year: i32) -> sqlx::Result<String> {
    let number = sqlx::query_scalar!(
        "insert into case_counter (symbol, class_symbol, year, last_number) values ($1, $2, $3, 1)
         on conflict (symbol, class_symbol, year) do update set last_number = case_counter.last_number + 1
         returning last_number",
        symbol,
        class,
        year
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(format!("{symbol}.{class}.{number}.{year}"))
}

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

pub struct Request {
    pub home_visit_request_id: Uuid,
    pub case_ref: String,
    pub state: String,
    pub client_name: String,
    pub client_address: String,
    pub client_phone: String,
    pub pesel: Option<String>,
    pub case_kind_id: Uuid,
    pub case_kind: String,
    pub case_department_id: Uuid,
    pub reason: String,
    pub department_id: Option<Uuid>,
    pub department: Option<String>,
    pub drafter_id: Option<Uuid>,
    pub drafter: Option<String>,
    pub planned_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub registered_by: Option<Uuid>,
    pub registered_at: DateTime<Utc>,
    pub state_since: DateTime<Utc>,
    pub version: i32,
}

impl Request {
    pub fn state(&self) -> State {
        State::parse(&self.state).unwrap_or(State::Cancelled)
    }
}

pub async fn find(db: &PgPool, id: Uuid) -> sqlx::Result<Option<Request>> {
    sqlx::query_as!(
        Request,
        r#"select r.home_visit_request_id, r.case_ref, r.state, r.client_name, r.client_address, r.client_phone,
                  r.pesel, r.case_kind_id, k.name as case_kind, k.department_id as case_department_id, r.reason,
                  r.department_id, d.name as "department?", r.drafter_id, s.full_name as "drafter?",
                  r.planned_at, r.outcome, r.registered_by, r.registered_at, r.state_since, r.version
           from home_visit_request r
           join case_kind k using (case_kind_id)
           left join department d on d.department_id = r.department_id
           left join staff s on s.staff_id = r.drafter_id
           where r.home_visit_request_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// The designated employees of a request.
pub async fn designated(db: &PgPool, id: Uuid) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "select s.staff_id, s.full_name from home_visit_employee e join staff s using (staff_id)
         where e.home_visit_request_id = $1 order by s.full_name",
        id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.staff_id, r.full_name)).collect())
}

/// Whether the employee belongs to BOMiNO (drafts authorisations, keeps the register).
pub async fn in_bomino(db: &PgPool, user: &CurrentUser, symbol: &str) -> sqlx::Result<bool> {
    let Some(department_id) = user.department_id else { return Ok(false) };
    let found = sqlx::query_scalar!("select symbol from department where department_id = $1", department_id)
        .fetch_optional(db)
        .await?;
    Ok(found.as_deref() == Some(symbol))
}

/// What the state machine needs to know about this person and this request.
pub fn actor(user: &CurrentUser, request: &Request, designated: &[(Uuid, String)]) -> workflow::Actor {
    let mut who = workflow::Actor::new(&user.roles);
    who.heads_the_department = user.has(Role::DepartmentHead)
        && request.department_id.is_some()
        && user.department_id == request.department_id;
    who.is_drafter = request.drafter_id == Some(user.staff_id);
    who.is_designated = designated.iter().any(|(id, _)| *id == user.staff_id);
    who
}

/// Whether this person takes part in the request and may open it.
pub fn involved(who: &workflow::Actor, user: &CurrentUser, request: &Request, may_read_register: bool) -> bool {
    who.is_director
        || who.is_secretary
        || who.heads_the_department
        || who.is_drafter
        || who.is_designated
        || request.registered_by == Some(user.staff_id)
        || (may_read_register && request.state() != State::Registered)
        || user.has(Role::InfoPoint)
}

/// A step someone wants to take, and what its guard needs.
pub struct Move<'a> {
    pub step: Step,
    pub who: workflow::Actor,
    pub has_drafter: bool,
    pub actor_id: Uuid,
    pub note: &'a str,
}

/// Takes `step` if the request is still at `version` and in a state allowing it;
/// records it in the history. Returns the new state, or why not (a changed request
/// is `Refusal::WrongState` from the caller's point of view: it gets a 409).
pub async fn take_step(
    tx: &mut PgConnection,
    id: Uuid,
    version: i32,
    wanted: Move<'_>,
) -> sqlx::Result<Result<State, Refusal>> {
    let Move { step, who, has_drafter, actor_id, note } = wanted;
    let current =
        sqlx::query!("select state, version from home_visit_request where home_visit_request_id = $1 for update", id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(current) = current else { return Ok(Err(Refusal::WrongState)) };
    if current.version != version {
        return Ok(Err(Refusal::WrongState));
    }
    let from = State::parse(&current.state).unwrap_or(State::Cancelled);
    let to = match workflow::next_state(from, step, who, has_drafter) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(refusal)),
    };
    sqlx::query!(
        "update home_visit_request set state = $2, version = version + 1,
                state_since = case when $2 <> state then now() else state_since end
         where home_visit_request_id = $1",
        id,
        to.as_str()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into home_visit_step (home_visit_request_id, step, from_state, to_state, actor_id, note)
         values ($1, $2, $3, $4, $5, $6)",
        id,
        step.as_str(),
        from.as_str(),
        to.as_str(),
        actor_id,
        note
    )
    .execute(&mut *tx)
    .await?;
    Ok(Ok(to))
}

pub struct TimelineEntry {
    pub step: String,
    pub from_state: String,
    pub to_state: String,
    pub actor: Option<String>,
    pub taken_at: DateTime<Utc>,
    pub note: String,
}

pub async fn timeline(db: &PgPool, id: Uuid) -> sqlx::Result<Vec<TimelineEntry>> {
    sqlx::query_as!(
        TimelineEntry,
        r#"select h.step, h.from_state, h.to_state, s.full_name as "actor?", h.taken_at, h.note
           from home_visit_step h left join staff s on s.staff_id = h.actor_id
           where h.home_visit_request_id = $1 order by h.home_visit_step_id"#,
        id
    )
    .fetch_all(db)
    .await
}

/// The year a number belongs to, in the office's calendar.
pub fn year_of(day: NaiveDate) -> i32 {
    day.year()
}
