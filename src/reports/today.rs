//! "Urząd dziś": the queue and waits per department now, the distribution of
//! today's waits, the desks open, callbacks overdue and home visits stuck.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::Scope;
use super::chart::{BarChart, Layout, Measure};
use super::figures::{Times, minutes};
use super::page::{Fmt, ReportNav, ReportQuery, export_request, this_month, wide_scope};
use crate::auth::CurrentUser;
use crate::calendar::local_date;
use crate::config::Config;
use crate::error::Result;
use crate::state::AppState;
use crate::web::export::{Cell, Table, download};
use crate::web::page::PageCtx;

/// One department today.
#[derive(Clone, Debug, Default)]
pub struct DepartmentToday {
    pub name: String,
    pub waiting: i64,
    pub longest_wait: Option<f64>,
    pub no_shows: i64,
    pub times: Times,
}

#[derive(Clone, Debug)]
pub struct DeskNow {
    pub number: String,
    pub full_name: String,
    pub since: DateTime<Utc>,
    pub away_until: Option<DateTime<Utc>>,
}

/// The waiting-time distribution: clients called today, by how long they waited.
pub const WAIT_BUCKETS: [(f64, &str); 7] = [
    (5.0, "0–5"),
    (10.0, "5–10"),
    (15.0, "10–15"),
    (20.0, "15–20"),
    (30.0, "20–30"),
    (45.0, "30–45"),
    (f64::INFINITY, "45+"),
];

pub fn histogram(waits: &[f64]) -> Vec<(&'static str, i64)> {
    let mut counts = [0i64; WAIT_BUCKETS.len()];
    for w in waits {
        if let Some(i) = WAIT_BUCKETS.iter().position(|(upper, _)| *w < *upper) {
            counts[i] += 1;
        }
    }
    WAIT_BUCKETS.iter().zip(counts).map(|((_, label), n)| (*label, n)).collect()
}

pub struct Today {
    pub departments: Vec<DepartmentToday>,
    pub total: DepartmentToday,
    pub histogram: Vec<(&'static str, i64)>,
    pub desks: Vec<DeskNow>,
    pub callbacks_overdue: i64,
    pub home_visits_stuck: i64,
    /// Complaints past the day their answer was due, and those stuck at a step.
    pub complaints_overdue: i64,
    pub complaints_stuck: i64,
}

pub async fn today(db: &PgPool, config: &Config, scope: Scope, now: DateTime<Utc>) -> sqlx::Result<Today> {
    let tz = config.time_zone;
    let day = local_date(now, &tz);
    let target = config.target_wait.as_secs_f64() / 60.0;
    let department = scope.department();
    let departments = sqlx::query!(
        "select department_id, name from department where active and ($1::uuid is null or department_id = $1) order by name",
        department
    )
    .fetch_all(db)
    .await?;
    let visits = sqlx::query!(
        "select department_id, status, arrived_at, called_at, started_at, finished_at
         from visit where ticket_day = $1 and ($2::uuid is null or department_id = $2)",
        day,
        department
    )
    .fetch_all(db)
    .await?;
    let rows: Vec<VisitToday> = visits
        .into_iter()
        .map(|v| VisitToday {
            department_id: v.department_id,
            status: v.status,
            arrived_at: v.arrived_at,
            called_at: v.called_at,
            started_at: v.started_at,
            finished_at: v.finished_at,
        })
        .collect();
    let figures = |rows: &[&VisitToday]| day_figures(rows, now, target);
    let all: Vec<&VisitToday> = rows.iter().collect();
    let by_department = departments
        .into_iter()
        .map(|d| {
            let mine: Vec<&VisitToday> = rows.iter().filter(|v| v.department_id == d.department_id).collect();
            DepartmentToday { name: d.name, ..figures(&mine) }
        })
        .collect();
    let called: Vec<f64> = rows.iter().filter_map(|v| v.called_at.map(|c| minutes(v.arrived_at, c))).collect();

    let desks = sqlx::query!(
        r#"select k.number, s.full_name, ds.started_at,
                  (select a.back_at from away_notice a where a.staff_id = s.staff_id and a.ended_at is null) as away_until
           from desk_session ds join desk k using (desk_id) join staff s using (staff_id)
           where ds.ended_at is null and ($1::uuid is null or k.department_id = $1 or s.department_id = $1)
           order by length(k.number), k.number"#,
        department
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| DeskNow { number: r.number, full_name: r.full_name, since: r.started_at, away_until: r.away_until })
    .collect();
    let callbacks_overdue = sqlx::query_scalar!(
        r#"select count(*) as "n!" from callback c join staff s using (staff_id)
           where c.status = 'open' and c.due_on < $1 and ($2::uuid is null or s.department_id = $2)"#,
        day,
        department
    )
    .fetch_one(db)
    .await?;
    let stuck = |kind| crate::cases::stuck_count(db, kind, department, (now, &tz), config.stuck_after_working_days);
    let home_visits_stuck = stuck(crate::cases::Kind::HomeVisit).await?;
    let complaints_stuck = stuck(crate::cases::Kind::Complaint).await?;
    let complaints_overdue = crate::complaints::queries::overdue_count(db, department, day).await?;
    Ok(Today {
        complaints_overdue,
        complaints_stuck,
        departments: by_department,
        total: figures(&all),
        histogram: histogram(&called),
        desks,
        callbacks_overdue,
        home_visits_stuck,
    })
}

/// A visit of today, for the figures above.
struct VisitToday {
    department_id: Uuid,
    status: String,
    arrived_at: DateTime<Utc>,
    called_at: Option<DateTime<Utc>>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
}

fn day_figures(rows: &[&VisitToday], now: DateTime<Utc>, target: f64) -> DepartmentToday {
    let done: Vec<_> = rows.iter().filter(|v| v.status == "done").collect();
    let waits: Vec<f64> = rows.iter().filter_map(|v| v.called_at.map(|c| minutes(v.arrived_at, c))).collect();
    let services: Vec<f64> = done.iter().filter_map(|v| Some(minutes(v.started_at?, v.finished_at?))).collect();
    let waiting: Vec<f64> = rows.iter().filter(|v| v.status == "waiting").map(|v| minutes(v.arrived_at, now)).collect();
    DepartmentToday {
        name: String::new(),
        waiting: waiting.len() as i64,
        longest_wait: waiting.iter().copied().reduce(f64::max),
        no_shows: rows.iter().filter(|v| v.status == "no_show").count() as i64,
        times: Times::of(&waits, &services, done.len() as i64, target),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/today.html")]
pub struct TodayPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub fmt: Fmt,
    pub today: Today,
    pub chart: BarChart,
    pub target: u64,
}

pub async fn show_today(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<TodayPage> {
    let scope = wide_scope(&user)?;
    let today = today(&state.db, &state.config, scope, ctx.now).await?;
    let t = ctx.t;
    let chart = BarChart::new(
        "waits",
        t.report_clients_by_wait,
        Measure::Count,
        Layout::Columns,
        today.histogram.iter().map(|(label, n)| ((*label).to_owned(), None, Some(*n as f64))).collect(),
        None,
        |v| format!("{v:.0}"),
    );
    Ok(TodayPage {
        nav: ReportNav::new(scope, this_month(&state), "today")
            .exporting("/reports/today/export", t.report_today_title),
        fmt: Fmt::new(&ctx, &state.config),
        ctx,
        today,
        chart,
        target: state.config.target_wait.as_secs() / 60,
    })
}

fn today_tables(ctx: &PageCtx, today: &Today) -> Vec<Table> {
    let t = ctx.t;
    let mut departments = Table::new(
        t.report_today_title,
        &[
            t.report_department,
            t.report_waiting_now,
            t.report_longest_wait,
            t.report_served,
            t.report_no_shows,
            t.report_wait_mean,
            t.report_within_target,
            t.report_service_mean,
        ],
    );
    let mut line = |name: &str, d: &DepartmentToday| {
        departments.row(vec![
            name.into(),
            d.waiting.into(),
            d.longest_wait.into(),
            d.times.served.into(),
            d.no_shows.into(),
            d.times.wait_mean.into(),
            d.times.within_target.into(),
            d.times.service_mean.into(),
        ])
    };
    for d in &today.departments {
        line(&d.name, d);
    }
    line(t.report_total, &today.total);
    let mut waits = Table::new(t.report_wait_distribution, &[t.report_wait_bucket, t.report_clients]);
    for (label, n) in &today.histogram {
        waits.row(vec![format!("{label} min").into(), (*n).into()]);
    }
    let mut desks = Table::new(t.report_desks_open, &[t.desk_number, t.report_employee, t.report_away_until]);
    for d in &today.desks {
        desks.row(vec![
            d.number.clone().into(),
            d.full_name.clone().into(),
            d.away_until.map_or(Cell::Empty, |a| Cell::Text(ctx.time(&a))),
        ]);
    }
    let mut other = Table::new(t.report_other, &[t.report_figure, t.report_value]);
    other.row(vec![t.report_callbacks_overdue.into(), today.callbacks_overdue.into()]);
    other.row(vec![t.report_home_visits_stuck.into(), today.home_visits_stuck.into()]);
    other.row(vec![t.cmp_today_overdue.into(), today.complaints_overdue.into()]);
    vec![departments, waits, desks, other]
}

pub async fn export_today(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let (scope, format, _) = export_request(&state, &user, &query)?;
    let today = today(&state.db, &state.config, scope, ctx.now).await?;
    let day = ctx.today();
    download(&today_tables(&ctx, &today), format, &format!("urzad-dzis-{day}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_fall_into_their_buckets() {
        let got = histogram(&[0.0, 4.9, 5.0, 12.0, 44.0, 45.0, 90.0]);
        let counts: Vec<i64> = got.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [2, 1, 1, 0, 0, 1, 2]);
    }
}
