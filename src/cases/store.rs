//! The shared tables of the workflow: `case_file` (reference, kind, state, version,
//! department), `case_person` (who is named on it) and `case_history` (every step:
//! who, when, from which state to which, and why). Each kind keeps its own details
//! in its own table, keyed by the case's id.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::workflow::{Facts, Kind, Part, Party, Refusal, State, Step, is_stuck};
use crate::auth::CurrentUser;
use crate::calendar::{self, local_date};

/// The next case reference of the year, e.g. `BOM.1510.12.2026`. The counter row stays
/// locked until the transaction ends, so numbers neither repeat nor skip.
pub async fn next_ref(tx: &mut PgConnection, symbol: &str, class: &str, year: i32) -> sqlx::Result<String> {
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

/// Opens a case registered `now` by `registered_by`; the first line of its history.
pub async fn open(
    tx: &mut PgConnection,
    kind: Kind,
    case_ref: &str,
    registered_by: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Uuid> {
    let id = sqlx::query_scalar!(
        "insert into case_file (case_type, case_ref, registered_by, registered_at, state_since)
         values ($1, $2, $3, $4, $4) returning case_file_id",
        kind as Kind,
        case_ref,
        registered_by,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into case_history (case_file_id, step, from_state, to_state, actor_id, taken_at)
         values ($1, 'register', 'registered', 'registered', $2, $3)",
        id,
        registered_by,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// A case as the workflow sees it.
#[derive(Clone, Debug)]
pub struct Case {
    pub case_file_id: Uuid,
    pub kind: Kind,
    pub case_ref: String,
    pub state: State,
    pub state_since: DateTime<Utc>,
    pub version: i32,
    pub registered_at: DateTime<Utc>,
    pub department: Option<String>,
    pub facts: Facts,
}

impl Case {
    /// The parties this employee is in this case.
    pub fn parties_of(&self, user: &CurrentUser) -> Vec<Party> {
        super::workflow::parties_of(user, &self.facts)
    }

    /// The steps this employee may take now.
    pub fn steps_open(&self, user: &CurrentUser) -> Vec<Step> {
        self.kind.workflow().steps_open(self.state, &self.parties_of(user), &self.facts.parts())
    }

    /// Whether the case waits for this employee's step.
    pub fn waits_for(&self, user: &CurrentUser) -> bool {
        self.kind.workflow().waits_for(self.state, &self.facts, user)
    }
}

/// The people named on cases, in one round trip: (case, staff, part).
async fn people(db: &PgPool, ids: &[Uuid]) -> sqlx::Result<Vec<(Uuid, Uuid, Part)>> {
    let rows = sqlx::query!(
        r#"select case_file_id, staff_id, part as "part: Part" from case_person where case_file_id = any($1)"#,
        ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.case_file_id, r.staff_id, r.part)).collect())
}

fn cases_with_people(mut cases: Vec<Case>, people: Vec<(Uuid, Uuid, Part)>) -> Vec<Case> {
    for (case_id, staff_id, part) in people {
        if let Some(case) = cases.iter_mut().find(|c| c.case_file_id == case_id) {
            case.facts.people.push((staff_id, part));
        }
    }
    cases
}

pub async fn find(db: &PgPool, id: Uuid) -> sqlx::Result<Option<Case>> {
    let found = list_where(db, Some(id), None).await?;
    Ok(found.into_iter().next())
}

/// Every open case, and those closed at or after `closed_since`, oldest state first.
pub async fn listed(db: &PgPool, closed_since: DateTime<Utc>) -> sqlx::Result<Vec<Case>> {
    list_where(db, None, Some(closed_since)).await
}

/// Every open case (`closed_since` None) or the one case `id`.
async fn list_where(db: &PgPool, id: Option<Uuid>, closed_since: Option<DateTime<Utc>>) -> sqlx::Result<Vec<Case>> {
    let rows = sqlx::query!(
        r#"select c.case_file_id, c.case_type as "kind: Kind", c.case_ref, c.state as "state: State", c.state_since,
                  c.version, c.registered_at, c.registered_by, c.department_id, d.name as "department?"
           from case_file c left join department d using (department_id)
           where ($1::uuid is null or c.case_file_id = $1)
             and ($1::uuid is not null or c.state not in ('visited', 'cancelled', 'answered') or c.state_since >= $2::timestamptz)
           order by c.state_since
           limit 2000"#,
        id,
        closed_since
    )
    .fetch_all(db)
    .await?;
    let cases: Vec<Case> = rows
        .into_iter()
        .map(|r| Case {
            case_file_id: r.case_file_id,
            kind: r.kind,
            case_ref: r.case_ref,
            state: r.state,
            state_since: r.state_since,
            version: r.version,
            registered_at: r.registered_at,
            department: r.department,
            facts: Facts { department_id: r.department_id, registered_by: r.registered_by, people: Vec::new() },
        })
        .collect();
    let ids: Vec<Uuid> = cases.iter().map(|c| c.case_file_id).collect();
    Ok(cases_with_people(cases, people(db, &ids).await?))
}

/// How many open cases of this kind wait for this employee's step (the home page's count).
pub async fn waiting_count(db: &PgPool, user: &CurrentUser, kind: Kind) -> sqlx::Result<i64> {
    let open = list_where(db, None, None).await?;
    Ok(open.iter().filter(|c| c.kind == kind && c.waits_for(user)).count() as i64)
}

/// How many open cases of this kind (of a department, or all) have been stuck in
/// their state for `after` working days or more (`workflow::is_stuck`).
pub async fn stuck_count(
    db: &PgPool,
    kind: Kind,
    department: Option<Uuid>,
    (now, tz): (DateTime<Utc>, &Tz),
    after: u32,
) -> sqlx::Result<i64> {
    let open = list_where(db, None, None).await?;
    let open: Vec<&Case> = open
        .iter()
        .filter(|c| c.kind == kind && (department.is_none() || c.facts.department_id == department))
        .collect();
    let today = local_date(now, tz);
    let first = open.iter().map(|c| local_date(c.state_since, tz)).min().unwrap_or(today).min(today);
    let calendar = calendar::load(db, first, today).await?;
    Ok(open.iter().filter(|c| is_stuck(c.state, local_date(c.state_since, tz), today, &calendar, after)).count() as i64)
}

/// A step someone wants to take.
pub struct Move<'a> {
    pub step: Step,
    pub who: &'a [Party],
    pub actor_id: Uuid,
    pub note: &'a str,
    pub now: DateTime<Utc>,
}

/// Takes the step if the case is still at `version` and its state and people allow
/// it, and records it in the history. Returns the new state, or why not (a case
/// changed since the form was made is `Refusal::WrongState`: the person gets a 409).
pub async fn take_step(
    tx: &mut PgConnection,
    id: Uuid,
    version: i32,
    wanted: Move<'_>,
) -> sqlx::Result<Result<State, Refusal>> {
    let Move { step, who, actor_id, note, now } = wanted;
    let current = sqlx::query!(
        r#"select case_type as "kind: Kind", state as "state: State", version,
                  array(select distinct part from case_person p where p.case_file_id = c.case_file_id) as "named!: Vec<Part>"
           from case_file c where case_file_id = $1 for update"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(current) = current else { return Ok(Err(Refusal::WrongState)) };
    if current.version != version {
        return Ok(Err(Refusal::WrongState));
    }
    let to = match current.kind.workflow().next_state(current.state, step, who, &current.named) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(refusal)),
    };
    sqlx::query!(
        "update case_file set state = $2, version = version + 1,
                state_since = case when $2 <> state then $3 else state_since end
         where case_file_id = $1",
        id,
        to as State,
        now
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into case_history (case_file_id, step, from_state, to_state, actor_id, note, taken_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id,
        step as Step,
        current.state as State,
        to as State,
        actor_id,
        note,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(Ok(to))
}

/// Names these employees in `part` of the case, instead of whoever was named before.
pub async fn name(tx: &mut PgConnection, id: Uuid, part: Part, staff: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!("delete from case_person where case_file_id = $1 and part = $2", id, part as Part)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "insert into case_person (case_file_id, staff_id, part) select $1, unnest($2::uuid[]), $3",
        id,
        staff,
        part as Part
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The competent department the case is decreed to.
pub async fn decree_to(tx: &mut PgConnection, id: Uuid, department: Uuid) -> sqlx::Result<()> {
    sqlx::query!("update case_file set department_id = $2 where case_file_id = $1", id, department)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// One line of a case's history.
pub struct HistoryLine {
    pub step: Step,
    pub from_state: State,
    pub to_state: State,
    pub actor: Option<String>,
    pub taken_at: DateTime<Utc>,
    pub note: String,
}

pub async fn history(db: &PgPool, id: Uuid) -> sqlx::Result<Vec<HistoryLine>> {
    sqlx::query_as!(
        HistoryLine,
        r#"select h.step as "step: Step", h.from_state as "from_state: State", h.to_state as "to_state: State",
                  s.full_name as "actor?", h.taken_at, h.note
           from case_history h left join staff s on s.staff_id = h.actor_id
           where h.case_file_id = $1 order by h.case_history_id"#,
        id
    )
    .fetch_all(db)
    .await
}
