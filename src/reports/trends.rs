//! "Trendy": twelve months of the office (or a department) and the departments
//! compared in a month, as charts with their tables and exports. Past months are
//! kept in memory for a while (`MonthCache`): a finished month hardly changes.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::chart::{BarChart, Layout, Measure};
use super::page::{
    Fmt, ReportNav, ReportQuery, decimal, export_request, month_of, refused_month, this_month, wide_scope,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::stats::MIN_ANSWERS;
use super::{Month, Scope};
use crate::auth::CurrentUser;
use crate::calendar::local_date;
use crate::config::Config;
use crate::error::Result;
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::export::{Cell, Table, download};
use crate::web::page::PageCtx;

/// One month (or one department in a month) of the trends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Period {
    pub label: String,
    /// A department's symbol: the charts' label (the table names it in full).
    pub symbol: Option<String>,
    pub served: i64,
    pub wait_mean: Option<f64>,
    pub within_target: Option<f64>,
    pub service_mean: Option<f64>,
    pub survey_answers: i64,
    /// The mean of all scores, from `MIN_ANSWERS` answers up.
    pub survey_mean: Option<f64>,
}

pub struct Trends {
    pub months: Vec<(Month, Period)>,
    pub departments: Vec<Period>,
}

/// The last twelve months up to `month`, and the departments compared in `month`.
/// Past months come from `cache` when it has them; only the rest is read.
pub async fn trends(state: &AppState, scope: Scope, month: Month, lang: Lang) -> sqlx::Result<Trends> {
    let (db, config) = (&state.db, &state.config);
    let cache = state.memory.get::<MonthCache>();
    let tz = config.time_zone;
    let current = Month::of(local_date(state.clock.now(), &tz));
    let months = month.last_n(12);
    let mut periods: BTreeMap<Month, Period> = BTreeMap::new();
    for m in &months {
        if *m < current
            && let Some(p) = cache.get(scope, *m, What::Month).and_then(|mut p| p.pop())
        {
            periods.insert(*m, p);
        }
    }
    let missing: Vec<Month> = months.iter().copied().filter(|m| !periods.contains_key(m)).collect();
    if let (Some(first), Some(last)) = (missing.first(), missing.last()) {
        let read = read_months(db, config, scope, first.bounds(&tz).0, last.bounds(&tz).1).await?;
        for m in missing {
            let p = read.get(&m.code()).cloned().unwrap_or_default();
            if m < current {
                cache.put(scope, m, What::Month, vec![p.clone()]);
            }
            periods.insert(m, p);
        }
    }
    let t = lang.texts();
    let by_month = periods.into_iter().map(|(m, p)| (m, Period { label: m.label(t), ..p })).collect();

    let departments = if matches!(scope, Scope::Own(_)) {
        Vec::new()
    } else if let Some(cached) = cache.get(scope, month, What::Departments).filter(|_| month < current) {
        cached
    } else {
        let read = read_departments(db, config, scope, month).await?;
        if month < current {
            cache.put(scope, month, What::Departments, read.clone());
        }
        read
    };
    Ok(Trends { months: by_month, departments })
}

/// Per month ("2026-11") between `from` and `to`: visits and survey answers.
async fn read_months(
    db: &PgPool,
    config: &Config,
    scope: Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<BTreeMap<String, Period>> {
    let department = scope.department();
    let staff = match scope {
        Scope::Own(me) => Some(me),
        _ => None,
    };
    let tz_name = config.time_zone.name();
    let visit_rows = sqlx::query!(
        r#"select to_char(finished_at at time zone $4, 'YYYY-MM') as "month!", count(*) as "served!",
                  avg(extract(epoch from called_at - arrived_at) / 60)::float8 as wait_mean,
                  avg(case when called_at - arrived_at <= make_interval(secs => $5) then 1.0 else 0.0 end)::float8 as within,
                  avg(extract(epoch from finished_at - started_at) / 60)::float8 as service_mean
           from visit
           where status = 'done' and finished_at >= $1 and finished_at < $2
             and ($3::uuid is null or department_id = $3) and ($6::uuid is null or served_by = $6)
           group by 1"#,
        from,
        to,
        department,
        tz_name,
        config.target_wait.as_secs_f64(),
        staff
    )
    .fetch_all(db)
    .await?;
    let survey_rows = sqlx::query!(
        r#"select to_char(a.answered_at at time zone $4, 'YYYY-MM') as "month!",
                  count(distinct a.survey_answer_id) as "answers!", avg(s.score)::float8 as mean_score
           from survey_answer a left join survey_score s using (survey_answer_id)
           where a.answered_at >= $1 and a.answered_at < $2
             and ($3::uuid is null or a.department_id = $3) and ($5::uuid is null or a.staff_id = $5)
           group by 1"#,
        from,
        to,
        department,
        tz_name,
        staff
    )
    .fetch_all(db)
    .await?;
    let mut periods: BTreeMap<String, Period> = BTreeMap::new();
    for v in visit_rows {
        let p = periods.entry(v.month).or_default();
        (p.served, p.wait_mean, p.within_target, p.service_mean) = (v.served, v.wait_mean, v.within, v.service_mean);
    }
    for s in survey_rows {
        let p = periods.entry(s.month).or_default();
        p.survey_answers = s.answers;
        p.survey_mean = s.mean_score.filter(|_| s.answers >= MIN_ANSWERS as i64);
    }
    Ok(periods)
}

/// The departments in the reader's scope compared in one month.
async fn read_departments(db: &PgPool, config: &Config, scope: Scope, month: Month) -> sqlx::Result<Vec<Period>> {
    let (from, to) = month.bounds(&config.time_zone);
    let rows = sqlx::query!(
        r#"select d.name, d.symbol, v.served as "served!", v.wait_mean, v.within, v.service_mean,
                  a.answers as "answers!", a.mean_score
           from department d
           cross join lateral (
               select count(*) as served,
                      avg(extract(epoch from called_at - arrived_at) / 60)::float8 as wait_mean,
                      avg(case when called_at - arrived_at <= make_interval(secs => $4) then 1.0 else 0.0 end)::float8 as within,
                      avg(extract(epoch from finished_at - started_at) / 60)::float8 as service_mean
               from visit where department_id = d.department_id and status = 'done'
                 and finished_at >= $1 and finished_at < $2
           ) v
           cross join lateral (
               select count(distinct a.survey_answer_id) as answers, avg(s.score)::float8 as mean_score
               from survey_answer a left join survey_score s using (survey_answer_id)
               where a.department_id = d.department_id and a.answered_at >= $1 and a.answered_at < $2
           ) a
           where d.active and ($3::uuid is null or d.department_id = $3)
           order by d.name"#,
        from,
        to,
        scope.department(),
        config.target_wait.as_secs_f64()
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Period {
            label: r.name,
            symbol: Some(r.symbol),
            served: r.served,
            wait_mean: r.wait_mean,
            within_target: r.within,
            service_mean: r.service_mean,
            survey_answers: r.answers,
            survey_mean: r.mean_score.filter(|_| r.answers >= MIN_ANSWERS as i64),
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/trends.html")]
pub struct TrendsPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub fmt: Fmt,
    pub trends: Trends,
    pub charts: Vec<BarChart>,
    pub department_charts: Vec<BarChart>,
}

fn trend_charts(t: &Texts, lang: Lang, trends: &Trends, target: f64) -> (Vec<BarChart>, Vec<BarChart>) {
    // A month's short name, its year under the first month and every January.
    let names: Vec<&str> = t.month_short_names.split(',').collect();
    let months = |value: &dyn Fn(&Period) -> Option<f64>| -> Vec<(String, Option<String>, Option<f64>)> {
        trends
            .months
            .iter()
            .enumerate()
            .map(|(i, (m, p))| {
                let year = (i == 0 || m.month == 1).then(|| m.year.to_string());
                // A month with nothing recorded is a gap, not a month of zeros.
                let value = if p.served == 0 && p.survey_answers == 0 { None } else { value(p) };
                (names.get(m.month as usize - 1).copied().unwrap_or("").to_owned(), year, value)
            })
            .collect()
    };
    let departments = |value: &dyn Fn(&Period) -> Option<f64>| -> Vec<(String, Option<String>, Option<f64>)> {
        trends
            .departments
            .iter()
            .map(|p| (p.symbol.clone().unwrap_or_else(|| p.label.clone()), None, value(p)))
            .collect()
    };
    let count = |v: f64| format!("{v:.0}");
    let minutes = move |v: f64| decimal(lang, v);
    let share = |v: f64| format!("{:.0}%", v * 100.0);
    let target_line = Some((target, t.report_target_line.replace("{target}", &format!("{target:.0}"))));
    use Layout::{Columns, Rows};
    use Measure::{Count, Minutes, Score, Share};
    let by_month = vec![
        BarChart::new("served", t.report_served, Count, Columns, months(&|p| Some(p.served as f64)), None, count),
        BarChart::new(
            "wait",
            t.report_wait_mean_minutes,
            Minutes,
            Columns,
            months(&|p| p.wait_mean),
            target_line.clone(),
            minutes,
        ),
        BarChart::new(
            "within",
            t.report_within_target_short,
            Share,
            Columns,
            months(&|p| p.within_target),
            None,
            share,
        ),
        BarChart::new("survey", t.report_survey_mean_scale, Score, Columns, months(&|p| p.survey_mean), None, minutes),
    ];
    let compared = if trends.departments.is_empty() {
        Vec::new()
    } else {
        vec![
            BarChart::new(
                "dept-served",
                t.report_served,
                Count,
                Rows,
                departments(&|p| Some(p.served as f64)),
                None,
                count,
            ),
            BarChart::new(
                "dept-wait",
                t.report_wait_mean_minutes,
                Minutes,
                Rows,
                departments(&|p| p.wait_mean),
                target_line,
                minutes,
            ),
            BarChart::new(
                "dept-survey",
                t.report_survey_mean_scale,
                Score,
                Rows,
                departments(&|p| p.survey_mean),
                None,
                minutes,
            ),
        ]
        .into_iter()
        .map(|c| c.noting(t.report_chart_symbols))
        .collect()
    };
    (by_month, compared)
}

pub async fn show_trends(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<TrendsPage> {
    let scope = wide_scope(&user)?;
    let month = month_of(&state, &query);
    let trends = trends(&state, scope, month, ctx.lang).await?;
    let target = state.config.target_wait.as_secs_f64() / 60.0;
    let (charts, department_charts) = trend_charts(ctx.t, ctx.lang, &trends, target);
    Ok(TrendsPage {
        nav: ReportNav::new(scope, month, "trends")
            .exporting("/reports/trends/export", ctx.t.report_trends_title)
            .asked(refused_month(&state, &query)),
        now: this_month(&state),
        fmt: Fmt::new(&ctx, &state.config),
        ctx,
        trends,
        charts,
        department_charts,
    })
}

fn period_columns(t: &Texts, first: &'static str) -> [&'static str; 7] {
    [
        first,
        t.report_served,
        t.report_wait_mean,
        t.report_within_target_short,
        t.report_service_mean,
        t.report_survey_answers,
        t.report_survey_mean,
    ]
}

fn period_row(label: String, p: &Period) -> Vec<Cell> {
    vec![
        label.into(),
        p.served.into(),
        p.wait_mean.into(),
        p.within_target.into(),
        p.service_mean.into(),
        p.survey_answers.into(),
        p.survey_mean.into(),
    ]
}

pub async fn export_trends(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let (scope, format, month) = export_request(&state, &user, &query)?;
    let trends = trends(&state, scope, month, ctx.lang).await?;
    let t = ctx.t;
    let mut by_month = Table::new(t.report_trends_title, &period_columns(t, t.report_month));
    for (m, p) in &trends.months {
        by_month.row(period_row(m.code(), p));
    }
    let mut tables = vec![by_month];
    if !trends.departments.is_empty() {
        let mut compared = Table::new(
            format!("{} – {}", t.report_departments_title, month.label(t)),
            &period_columns(t, t.report_department),
        );
        for p in &trends.departments {
            compared.row(period_row(p.label.clone(), p));
        }
        tables.push(compared);
    }
    download(&tables, format, &format!("trendy-{}", month.code()))
}

// ---- Past months kept in memory ------------------------------------------------

/// How long a past month's figures are kept before they are read again.
pub const TTL: Duration = Duration::from_secs(600);
/// More entries than any office needs: past that, everything is dropped at once.
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum What {
    /// The month as a whole (one period).
    Month,
    /// The departments compared in the month.
    Departments,
}

type CacheKey = (Scope, Month, What);

#[derive(Default)]
pub struct MonthCache {
    entries: Mutex<HashMap<CacheKey, (Instant, Vec<Period>)>>,
}

impl MonthCache {
    pub fn get(&self, scope: Scope, month: Month, what: What) -> Option<Vec<Period>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(&(scope, month, what)).filter(|(at, _)| at.elapsed() < TTL).map(|(_, p)| p.clone())
    }

    pub fn put(&self, scope: Scope, month: Month, what: What, periods: Vec<Period>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert((scope, month, what), (Instant::now(), periods));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_kept_per_scope_and_kind() {
        let cache = MonthCache::default();
        let m = Month { year: 2026, month: 10 };
        let p = Period { label: "x".into(), served: 7, ..Period::default() };
        cache.put(Scope::All, m, What::Month, vec![p.clone()]);
        assert_eq!(cache.get(Scope::All, m, What::Month), Some(vec![p]));
        assert_eq!(cache.get(Scope::All, m, What::Departments), None);
        assert_eq!(cache.get(Scope::Department(uuid::Uuid::nil()), m, What::Month), None);
        assert_eq!(cache.get(Scope::All, m.prev(), What::Month), None);
    }
}
