//! The queue's writes, each one statement or one transaction, safe under concurrency.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::events::{self, Event};

/// What the information point or a clerk registers when a client comes in.
pub struct NewVisit {
    pub department_id: Uuid,
    pub case_kind_id: Option<Uuid>,
    pub client_name: Option<String>,
    pub client_phone: Option<String>,
    pub priority: bool,
    pub ground_floor: bool,
    pub video_interpreter: bool,
    /// Who registered the client; nobody when they took a ticket at the stand.
    pub registered_by: Option<Uuid>,
    /// The self-service stand and its form, for a ticket taken there.
    pub stand: Option<(Uuid, Uuid)>,
}

/// Registers a visit arriving `at` and gives it the next ticket of the day for its department.
pub async fn register(
    tx: &mut PgConnection,
    visit: &NewVisit,
    day: NaiveDate,
    at: DateTime<Utc>,
) -> sqlx::Result<(Uuid, String)> {
    let number = sqlx::query_scalar!(
        "insert into ticket_counter (department_id, day, last_number) values ($1, $2, 1)
         on conflict (department_id, day) do update set last_number = ticket_counter.last_number + 1
         returning last_number",
        visit.department_id,
        day
    )
    .fetch_one(&mut *tx)
    .await?;
    let letter =
        sqlx::query_scalar!("select ticket_letter from department where department_id = $1", visit.department_id)
            .fetch_one(&mut *tx)
            .await?;
    let ticket = format!("{letter}{number:03}");
    let visit_id = sqlx::query_scalar!(
        "insert into visit (ticket, ticket_day, department_id, case_kind_id, client_name, client_phone,
                            priority, ground_floor, video_interpreter, registered_by, arrived_at, updated_at,
                            stand_id, stand_submission)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13) returning visit_id",
        ticket,
        day,
        visit.department_id,
        visit.case_kind_id,
        visit.client_name,
        visit.client_phone,
        visit.priority,
        visit.ground_floor,
        visit.video_interpreter,
        visit.registered_by,
        at,
        visit.stand.map(|(stand, _)| stand),
        visit.stand.map(|(_, submission)| submission)
    )
    .fetch_one(&mut *tx)
    .await?;
    events::notify(&mut *tx, &Event::Queue { department_id: visit.department_id }).await?;
    Ok((visit_id, ticket))
}

/// The clerk's open desk, if any: (desk id, desk number).
pub async fn open_desk(db: impl sqlx::PgExecutor<'_>, staff_id: Uuid) -> sqlx::Result<Option<(Uuid, String)>> {
    let row = sqlx::query!(
        "select s.desk_id, d.number from desk_session s join desk d using (desk_id)
         where s.staff_id = $1 and s.ended_at is null",
        staff_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.desk_id, r.number)))
}

/// Why a call did not happen.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    /// The clerk has not opened a desk.
    NoDesk,
    /// The clerk is still serving somebody.
    Busy,
    /// Nobody waits (call next) or the client was called by a colleague first (call this one).
    Gone,
}

pub struct Called {
    pub visit_id: Uuid,
    pub ticket: String,
    pub desk: String,
    /// The clerk's away notice ended by this call (they are evidently back): its "back at".
    pub ended_away: Option<DateTime<Utc>>,
}

/// Calls the next client of this clerk's queue (priority first, then arrival), or the
/// given one. Two clerks can never call the same client: the row is locked and
/// skipped by the other, and the status is checked in the update itself.
/// The call and its audit record commit together; a database failure is an error,
/// never mistaken for an empty queue.
pub async fn call(
    db: &PgPool,
    actor: &Actor,
    staff_id: Uuid,
    department_id: Option<Uuid>,
    visit_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<Called, CallError>> {
    match call_inner(db, actor, staff_id, department_id, visit_id, now).await {
        // The one-active-visit-per-clerk index: a second click of the same clerk.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Err(CallError::Busy)),
        other => other,
    }
}

/// One statement, so one round trip and atomic by itself: the clerk's open desk,
/// whether they still serve somebody, the next client locked and called, the audit
/// record, the away notice the call ends (with its audit record), and the events
/// (board, the colleagues asked to come to this client, the call, the queue),
/// sent on commit in that order.
///
/// "Call next" (`sent`, `own`) and "call this one" (`chosen`) are apart, each
/// with its own condition on `$3`: a `($3 is null or visit_id = $3)` in the queue's
/// scans made the generic plan look 15 times dearer than one planned for the
/// values, so PostgreSQL planned this statement again on every call (1.3 ms of
/// planning for 1.3 ms of execution); now its generic plan serves.
async fn call_inner(
    db: &PgPool,
    actor: &Actor,
    staff_id: Uuid,
    department_id: Option<Uuid>,
    visit_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Result<Called, CallError>> {
    let row = sqlx::query!(
        r#"with desk as (
               select s.desk_id, d.number from desk_session s join desk d using (desk_id)
               where s.staff_id = $1 and s.ended_at is null
           ), busy as (
               select exists(select 1 from visit where served_by = $1 and status in ('called', 'serving')) as busy
           ), sent as (
               -- the first of those sent to this clerk, and of the department's own:
               -- each read in the queue's order from its index, locked, skipping
               -- those a colleague is calling this very moment
               select visit_id, priority, arrived_at from visit
               where status = 'waiting' and assigned_staff_id = $1 and $3::uuid is null
                 and exists (select 1 from desk) and not (select busy from busy)
               order by priority desc, arrived_at
               limit 1
               for update skip locked
           ), own as (
               select visit_id, priority, arrived_at from visit
               where status = 'waiting' and assigned_staff_id is null and department_id = $2
                 and $3::uuid is null
                 and exists (select 1 from desk) and not (select busy from busy)
               order by priority desc, arrived_at
               limit 1
               for update skip locked
           ), chosen as (
               -- or the one the clerk chose, if it still waits for them
               select visit_id, priority, arrived_at from visit
               where visit_id = $3 and status = 'waiting'
                 and (assigned_staff_id = $1 or assigned_staff_id is null and department_id = $2)
                 and exists (select 1 from desk) and not (select busy from busy)
               for update skip locked
           ), next as (
               select visit_id from (select * from sent union all select * from own union all select * from chosen) c
               order by priority desc, arrived_at
               limit 1
           ), called as (
               update visit v set status = 'called', called_at = $4, served_by = $1,
                                  desk_id = (select desk_id from desk), updated_at = $4
               from next where v.visit_id = next.visit_id and v.status = 'waiting'
               returning v.visit_id, v.ticket, v.department_id
           ), called_audit as (
               insert into audit_event (actor_id, actor_login, ip, action, target_type, target_id, detail, request_id)
               select $5, $6, $7, 'visit.called', 'visit', c.visit_id::text,
                      jsonb_build_object('ticket', c.ticket, 'desk', (select number from desk)), $8
               from called c
           ), away as (
               update away_notice set ended_at = $4
               where staff_id = $1 and ended_at is null and exists (select 1 from called)
               returning back_at
           ), away_audit as (
               insert into audit_event (actor_id, actor_login, ip, action, detail, request_id)
               select $5, $6, $7, 'away.ended', '{"by": "call"}', $8 from away
           ), events as (
               select pg_notify($9, e.payload) from (
                   select 1 as n, jsonb_build_object('kind', 'board')::text as payload from away
                   union all
                   select 2, jsonb_build_object('kind', 'assistance', 'staff_id', a.staff_id)::text
                   from assistance_request a join called c using (visit_id)
                   where a.arrived_at is null and a.staff_id <> $1
                   union all
                   select 3, jsonb_build_object('kind', 'called', 'ticket', c.ticket, 'desk', (select number from desk),
                                                'department_id', c.department_id, 'recall', false)::text
                   from called c
                   union all
                   select 4, jsonb_build_object('kind', 'queue', 'department_id', c.department_id)::text from called c
                   order by 1) e
           )
           select exists (select 1 from desk) as "has_desk!", (select busy from busy) as "busy!",
                  c.visit_id as "visit_id?", c.ticket as "ticket?", (select number from desk) as desk,
                  (select back_at from away) as ended_away, (select count(*) from events) as "events!"
           from (select 1) as one left join called c on true"#,
        staff_id,
        department_id,
        visit_id,
        now,
        actor.staff_id,
        actor.login,
        ipnet::IpNet::from(actor.ip),
        actor.request_id,
        events::CHANNEL
    )
    .fetch_one(db)
    .await?;
    let _ = row.events;
    if !row.has_desk {
        return Ok(Err(CallError::NoDesk));
    }
    if row.busy {
        return Ok(Err(CallError::Busy));
    }
    match (row.visit_id, row.ticket, row.desk) {
        (Some(visit_id), Some(ticket), Some(desk)) => {
            Ok(Ok(Called { visit_id, ticket, desk, ended_away: row.ended_away }))
        }
        _ => Ok(Err(CallError::Gone)),
    }
}

/// Calls this clerk's called client again to the hall (they did not come yet).
pub async fn recall(
    tx: &mut PgConnection,
    staff_id: Uuid,
    visit_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(String, String, Uuid)>> {
    let row = sqlx::query!(
        "update visit v set recalled_at = $3, updated_at = $3 from desk d
         where v.visit_id = $2 and v.served_by = $1 and v.status = 'called' and d.desk_id = v.desk_id
         returning v.ticket, d.number, v.department_id",
        staff_id,
        visit_id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let event = Event::Called {
        ticket: row.ticket.clone(),
        desk: row.number.clone(),
        department_id: row.department_id,
        recall: true,
    };
    events::notify(&mut *tx, &event).await?;
    Ok(Some((row.ticket, row.number, row.department_id)))
}

/// How long "did not come" can be taken back.
pub const NO_SHOW_UNDO_SECONDS: i64 = 60;

/// Takes back this clerk's "did not come" of a minute ago: the client is called
/// again (they came after all), unless the clerk called someone else meanwhile.
pub async fn undo_no_show(
    tx: &mut PgConnection,
    staff_id: Uuid,
    visit_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Uuid>> {
    let busy = sqlx::query_scalar!(
        r#"select exists(select 1 from visit where served_by = $1 and status in ('called', 'serving')) as "busy!""#,
        staff_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if busy {
        return Ok(None);
    }
    sqlx::query_scalar!(
        "update visit set status = 'called', finished_at = null, updated_at = $3
         where visit_id = $2 and served_by = $1 and status = 'no_show'
           and finished_at > $3::timestamptz - make_interval(secs => $4)
         returning department_id",
        staff_id,
        visit_id,
        now,
        NO_SHOW_UNDO_SECONDS as f64
    )
    .fetch_optional(&mut *tx)
    .await
}

/// The visit this clerk is calling or serving now.
#[derive(serde::Deserialize)]
pub struct Current {
    pub visit_id: Uuid,
    pub ticket: String,
    pub status: String,
    pub case_kind_id: Option<Uuid>,
    pub case_kind: Option<String>,
    pub client_name: Option<String>,
    pub priority: bool,
    pub ground_floor: bool,
    pub video_interpreter: bool,
    pub arrived_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub delay_reason: Option<String>,
    pub redirect_note: Option<String>,
}

pub struct Waiting {
    pub visit_id: Uuid,
    pub ticket: String,
    pub case_kind: Option<String>,
    pub priority: bool,
    pub ground_floor: bool,
    pub video_interpreter: bool,
    pub arrived_at: DateTime<Utc>,
    /// Sent to this clerk by a colleague.
    pub redirected: bool,
}

/// The clerk's waiting list: their department's and those sent to them, priority first, then by arrival.
pub async fn waiting(
    db: &PgPool,
    staff_id: Uuid,
    department_id: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Waiting>> {
    sqlx::query_as!(
        Waiting,
        // Two index scans in the queue's order, merged (`visit_assigned_idx`,
        // `visit_waiting_idx`): an OR of both read the department's whole queue and
        // sorted it, for every desk view.
        r#"select v.visit_id as "visit_id!", v.ticket as "ticket!", k.name as "case_kind?", v.priority as "priority!",
                  v.ground_floor as "ground_floor!", v.video_interpreter as "video_interpreter!",
                  v.arrived_at as "arrived_at!", v.redirected as "redirected!"
           from ((select visit_id, ticket, case_kind_id, priority, ground_floor, video_interpreter, arrived_at,
                         true as redirected
                  from visit where status = 'waiting' and assigned_staff_id = $1
                  order by priority desc, arrived_at limit $3)
                 union all
                 (select visit_id, ticket, case_kind_id, priority, ground_floor, video_interpreter, arrived_at, false
                  from visit where status = 'waiting' and assigned_staff_id is null and department_id = $2
                  order by priority desc, arrived_at limit $3)) v
           left join case_kind k using (case_kind_id)
           order by v.priority desc, v.arrived_at
           limit $3"#,
        staff_id,
        department_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// Moves one of the clerk's own visits from `from` to `to` at `now`; None when it was not in `from`.
pub async fn advance(
    tx: &mut PgConnection,
    staff_id: Uuid,
    visit_id: Uuid,
    (from, to): (&[&str], &str),
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Uuid>> {
    let from: Vec<String> = from.iter().map(|s| s.to_string()).collect();
    sqlx::query_scalar!(
        "update visit set status = $4,
                started_at = case when $4 = 'serving' then $5 when $4 = 'done' then coalesce(started_at, called_at) else started_at end,
                finished_at = case when $4 in ('done', 'no_show') then $5 else finished_at end,
                updated_at = $5
         where visit_id = $2 and served_by = $1 and status = any($3)
         returning department_id",
        staff_id,
        visit_id,
        &from,
        to,
        now
    )
    .fetch_optional(&mut *tx)
    .await
}

/// `advance`, its audit record and the queue's event in one statement (one round
/// trip, atomic by itself): start, or "did not come". None when the visit was not
/// in `from`.
pub async fn advance_recorded(
    db: &PgPool,
    actor: &Actor,
    staff_id: Uuid,
    visit_id: Uuid,
    (from, to): (&[&str], &str),
    action: Action,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Uuid>> {
    let from: Vec<String> = from.iter().map(|s| s.to_string()).collect();
    let row = sqlx::query!(
        r#"with moved as (
               update visit set status = $4,
                      started_at = case when $4 = 'serving' then $5 when $4 = 'done' then coalesce(started_at, called_at) else started_at end,
                      finished_at = case when $4 in ('done', 'no_show') then $5 else finished_at end,
                      updated_at = $5
               where visit_id = $2 and served_by = $1 and status = any($3)
               returning visit_id, department_id
           ), audit as (
               insert into audit_event (actor_id, actor_login, ip, action, target_type, target_id, request_id)
               select $6, $7, $8, $9, 'visit', m.visit_id::text, $10 from moved m
           ), events as (
               select pg_notify($11, jsonb_build_object('kind', 'queue', 'department_id', m.department_id)::text)
               from moved m
           )
           select m.department_id, (select count(*) from events) as "events!" from moved m"#,
        staff_id,
        visit_id,
        &from,
        to,
        now,
        actor.staff_id,
        actor.login,
        ipnet::IpNet::from(actor.ip),
        action.as_str(),
        actor.request_id,
        events::CHANNEL
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.department_id))
}
