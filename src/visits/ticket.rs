//! The client's ticket (§5.1): the number in large type, the department, the time,
//! how many are ahead and about how long the wait is, printed on an 80 mm receipt
//! printer (or A6). And the queues as the information point sees them while it
//! registers: how many wait in each department, and for about how long.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::error::{AppError, Result};
use crate::i18n::{KioskLang, KioskTexts};
use crate::state::AppState;
use crate::web::page::PageCtx;

/// A service takes this long when a department has no history to go by.
const DEFAULT_SERVICE_MINUTES: f64 = 10.0;
/// Fewer services than this today, and the last 30 days are used instead.
const ENOUGH_SERVICES: i64 = 3;

/// A department's queue now.
pub struct QueueNow {
    pub department_id: Uuid,
    pub name: String,
    pub waiting: i64,
    /// Clerks of the department at an open desk and not away.
    pub desks_open: i64,
    /// Minutes from the call to the end of a service, as it goes today (or lately).
    pub service_minutes: f64,
}

impl QueueNow {
    /// Minutes until someone `ahead` places back is called, rounded to 5 (None: no desk open).
    pub fn wait_for(&self, ahead: i64) -> Option<i64> {
        expected_wait(ahead, self.desks_open, self.service_minutes)
    }
}

/// About how long `ahead` clients take at `desks` desks at `service` minutes each,
/// rounded up to 5 minutes; 0 when nobody is ahead; None when no desk is open.
pub fn expected_wait(ahead: i64, desks: i64, service: f64) -> Option<i64> {
    if desks <= 0 {
        return None;
    }
    let rounds = (ahead.max(0) as f64 / desks as f64).ceil();
    let minutes = rounds * service;
    Some(((minutes / 5.0).ceil() * 5.0) as i64)
}

/// "około 15 min", "za chwilę", "stanowiska są teraz zamknięte", in the words given
/// (the staff's catalogue, or the kiosk's in three languages): (about, now, no desk).
pub fn wait_in(words: (&str, &str, &str), wait: Option<i64>) -> String {
    let (about, now, no_desk) = words;
    match wait {
        None => no_desk.to_owned(),
        Some(0) => now.to_owned(),
        Some(m) => crate::i18n::fill(about, "minutes", &m.to_string()),
    }
}

/// The wait in the resident's words.
pub fn wait_text(k: &KioskTexts, wait: Option<i64>) -> String {
    wait_in((k.ticket_wait_about, k.ticket_wait_now, k.ticket_no_desk), wait)
}

/// The resident's texts in the language of the page (the ticket is theirs).
pub fn resident_texts(lang: crate::i18n::Lang) -> &'static KioskTexts {
    match lang {
        crate::i18n::Lang::Pl => KioskLang::Pl.texts(),
        crate::i18n::Lang::En => KioskLang::En.texts(),
    }
}

/// Every active department's queue on `day` at `now`.
pub async fn queues(db: &PgPool, day: NaiveDate, now: DateTime<Utc>) -> sqlx::Result<Vec<QueueNow>> {
    let rows = sqlx::query!(
        r#"select d.department_id, d.name,
                  (select count(*) from visit v where v.department_id = d.department_id and v.ticket_day = $1
                     and v.status = 'waiting' and v.assigned_staff_id is null) as "waiting!",
                  (select count(*) from desk_session ds join staff s using (staff_id)
                     where ds.ended_at is null and s.department_id = d.department_id
                       and not exists (select 1 from away_notice a where a.staff_id = s.staff_id and a.ended_at is null))
                     as "desks_open!",
                  (select count(*) from visit v where v.department_id = d.department_id and v.ticket_day = $1
                     and v.status = 'done' and v.called_at is not null) as "served_today!",
                  (select avg(extract(epoch from v.finished_at - v.called_at) / 60)::float8 from visit v
                     where v.department_id = d.department_id and v.ticket_day = $1 and v.status = 'done'
                       and v.called_at is not null) as today_minutes,
                  (select avg(extract(epoch from v.finished_at - v.called_at) / 60)::float8 from visit v
                     where v.department_id = d.department_id and v.status = 'done' and v.called_at is not null
                       and v.finished_at > $2::timestamptz - interval '30 days') as recent_minutes
           from department d where d.active order by d.name"#,
        day,
        now
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueNow {
            department_id: r.department_id,
            name: r.name,
            waiting: r.waiting,
            desks_open: r.desks_open,
            service_minutes: if r.served_today >= ENOUGH_SERVICES { r.today_minutes } else { r.recent_minutes }
                .unwrap_or(DEFAULT_SERVICE_MINUTES),
        })
        .collect())
}

#[derive(Deserialize, Default)]
pub struct TicketQuery {
    /// `a6` for an A6 printer instead of the 80 mm receipt printer.
    #[serde(default)]
    pub paper: String,
    /// Print at once (right after registering).
    #[serde(default)]
    pub print: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "visits/ticket.html")]
pub struct TicketPage {
    pub ctx: PageCtx,
    /// The ticket's own words, the resident's.
    pub k: &'static KioskTexts,
    pub visit_id: Uuid,
    pub ticket: String,
    pub department: String,
    pub arrived_at: DateTime<Utc>,
    /// Still waiting: how many are ahead, and the wait it means.
    pub ahead: Option<i64>,
    pub wait: String,
    pub a6: bool,
    pub print_now: bool,
    /// Which printer the office uses unless told otherwise.
    pub default_a6: bool,
}

impl TicketPage {
    pub fn date(&self) -> String {
        self.arrived_at.with_timezone(&self.ctx.tz).format("%d.%m.%Y %H:%M").to_string()
    }
}

/// The ticket of a visit of today, for printing (again).
pub async fn show_ticket(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    Query(query): Query<TicketQuery>,
) -> Result<TicketPage> {
    let visit = sqlx::query!(
        r#"select v.ticket, v.department_id, d.name as department, v.arrived_at, v.status, v.priority, v.assigned_staff_id,
                  (select count(*) from visit w where w.department_id = v.department_id and w.ticket_day = v.ticket_day
                     and w.status = 'waiting' and w.assigned_staff_id is null and w.visit_id <> v.visit_id
                     and (w.priority > v.priority or (w.priority = v.priority and w.arrived_at < v.arrived_at))) as "ahead!"
           from visit v join department d using (department_id)
           where v.visit_id = $1 and v.ticket_day = $2"#,
        id,
        ctx.today()
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let waiting = visit.status == "waiting" && visit.assigned_staff_id.is_none();
    let queue = queues(&state.db, ctx.today(), ctx.now).await?;
    let wait = queue
        .iter()
        .find(|q| q.department_id == visit.department_id)
        .filter(|_| waiting)
        .map(|q| wait_text(resident_texts(ctx.lang), q.wait_for(visit.ahead)))
        .unwrap_or_default();
    let default_a6 = state.config.ticket_paper_a6;
    Ok(TicketPage {
        visit_id: id,
        ticket: visit.ticket,
        department: visit.department,
        arrived_at: visit.arrived_at,
        ahead: waiting.then_some(visit.ahead),
        wait,
        a6: match query.paper.as_str() {
            "a6" => true,
            "80mm" => false,
            _ => default_a6,
        },
        print_now: query.print == "1",
        default_a6,
        k: resident_texts(ctx.lang),
        ctx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_the_rounds_of_the_desks_open_at_the_usual_service_time() {
        assert_eq!(expected_wait(0, 2, 8.0), Some(0), "nobody ahead: called at once");
        assert_eq!(expected_wait(1, 2, 8.0), Some(10), "one round of 8 min, rounded to 5");
        assert_eq!(expected_wait(4, 2, 8.0), Some(20), "two rounds");
        assert_eq!(expected_wait(5, 2, 8.0), Some(25), "three rounds of 8 = 24, rounded up");
        assert_eq!(expected_wait(3, 0, 8.0), None, "no desk open: no estimate");
    }
}
