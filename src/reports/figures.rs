//! The figures of the reports, read from the records. Durations are in minutes.
//!
//! Definitions (also in the README's "Reports" section):
//! * waiting time: from arrival (registration) to being called to a desk;
//! * service time: from the start of service to its end, for visits finished;
//! * a visit counts in the month (and for the clerk) it was finished in;
//! * presence: desk sessions within office hours on working days, minus away
//!   notices (`presence`); minutes away are the away notices within those;
//! * callbacks kept on time: closed (answered or caller unreachable) on or before
//!   the date last promised, counted in the month of that date; late: closed after
//!   it, or still open after it;
//! * survey: answers given in the month, per question code, the mean shown only
//!   from `stats::MIN_ANSWERS` answers.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::cache::{MonthCache, What};
use super::presence::{Span, presence_per_day};
use super::stats::{MIN_ANSWERS, mean, median, percentile, share_within};
use super::{Month, Scope};
use crate::calendar::{Calendar, local_date};
use crate::config::Config;
use crate::i18n::Lang;

fn minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_milliseconds() as f64 / 60_000.0
}

/// Wait and service times of a set of visits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Times {
    pub served: i64,
    pub wait_mean: Option<f64>,
    pub wait_median: Option<f64>,
    pub wait_p90: Option<f64>,
    pub within_target: Option<f64>,
    pub service_mean: Option<f64>,
    pub service_median: Option<f64>,
}

impl Times {
    pub fn of(waits: &[f64], services: &[f64], served: i64, target: f64) -> Times {
        Times {
            served,
            wait_mean: mean(waits),
            wait_median: median(waits),
            wait_p90: percentile(waits, 90.0),
            within_target: share_within(waits, target),
            service_mean: mean(services),
            service_median: median(services),
        }
    }
}

/// One question's results.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionResult {
    pub code: String,
    pub text: String,
    pub answers: i64,
    /// None below the threshold of answers.
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub availability: i16,
    pub discipline: i16,
    pub kindness: i16,
    pub comment: String,
    pub assessed_by: Option<String>,
    pub assessed_at: DateTime<Utc>,
}

/// The §7.4 sheet of one employee for one month.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub staff_id: Uuid,
    pub full_name: String,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
    pub month: Month,
    /// Working days of the month (up to today for the current month).
    pub working_days: u32,
    pub days_present: u32,
    pub minutes_present: i64,
    pub minutes_away: i64,
    pub times: Times,
    pub no_shows: i64,
    pub callbacks_due: i64,
    pub callbacks_on_time: i64,
    pub callbacks_late: i64,
    pub callbacks_pending: i64,
    pub callbacks_repromised: i64,
    pub redirects_sent: i64,
    pub redirects_received: i64,
    pub survey_answers: i64,
    pub survey: Vec<QuestionResult>,
    pub comments: Vec<String>,
    pub assessment: Option<Assessment>,
}

/// Who an employee is, for the access check before any figure is read.
pub struct StaffHead {
    pub staff_id: Uuid,
    pub full_name: String,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
}

pub async fn staff_head(db: &PgPool, staff_id: Uuid) -> sqlx::Result<Option<StaffHead>> {
    sqlx::query_as!(
        StaffHead,
        r#"select s.staff_id, s.full_name, s.department_id, d.name as "department_name?"
           from staff s left join department d using (department_id) where s.staff_id = $1"#,
        staff_id
    )
    .fetch_optional(db)
    .await
}

/// The latest wording of each question code, in the reader's language.
async fn question_texts(db: &PgPool, lang: Lang) -> sqlx::Result<BTreeMap<String, (i16, String)>> {
    let rows = sqlx::query!(
        "select distinct on (q.code) q.code, q.position, q.text_pl, q.text_en
         from survey_question q join questionnaire n using (questionnaire_id)
         order by q.code, n.version desc"
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.code, (r.position, if lang == Lang::En { r.text_en } else { r.text_pl }))).collect())
}

/// Per question code: the number of answers and the sum of their scores.
pub fn survey_results(counts: Vec<(String, i64, i64)>, texts: &BTreeMap<String, (i16, String)>) -> Vec<QuestionResult> {
    let mut results: Vec<(i16, QuestionResult)> = counts
        .into_iter()
        .map(|(code, answers, total)| {
            let (position, text) = texts.get(&code).cloned().unwrap_or((99, code.clone()));
            let mean = (answers >= MIN_ANSWERS as i64).then(|| total as f64 / answers as f64);
            (position, QuestionResult { code, text, answers, mean })
        })
        .collect();
    results.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.code.cmp(&b.1.code)));
    results.into_iter().map(|(_, r)| r).collect()
}

pub async fn sheet(
    db: &PgPool,
    config: &Config,
    calendar: &Calendar,
    head: StaffHead,
    month: Month,
    lang: Lang,
    with_comments: bool,
) -> sqlx::Result<Sheet> {
    let tz = config.time_zone;
    let staff_id = head.staff_id;
    let (from, to) = month.bounds(&tz);
    let today = local_date(Utc::now(), &tz);
    let target = config.target_wait.as_secs_f64() / 60.0;

    let visits = sqlx::query!(
        r#"select status, arrived_at, called_at, started_at, finished_at as "finished_at!"
           from visit
           where served_by = $1 and finished_at >= $2 and finished_at < $3 and status in ('done', 'no_show')"#,
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await?;
    let done: Vec<_> = visits.iter().filter(|v| v.status == "done").collect();
    let waits: Vec<f64> = done.iter().filter_map(|v| v.called_at.map(|c| minutes(v.arrived_at, c))).collect();
    let services: Vec<f64> = done.iter().filter_map(|v| v.started_at.map(|s| minutes(s, v.finished_at))).collect();
    let times = Times::of(&waits, &services, done.len() as i64, target);
    let no_shows = visits.len() as i64 - done.len() as i64;

    // Desk sessions and away notices overlapping the month (an open one ends now).
    let now = Utc::now();
    let sessions: Vec<Span> = sqlx::query!(
        // (a closed session never lasts weeks: the lower bound keeps the index range short)
        "select started_at, ended_at from desk_session
         where staff_id = $1 and started_at < $3 and coalesce(ended_at, now()) > $2
           and (started_at > $2 - interval '31 days' or ended_at is null)",
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| Span { start: r.started_at.max(from), end: r.ended_at.unwrap_or(now).min(to) })
    .filter(|s| s.start < s.end)
    .collect();
    let away: Vec<Span> = sqlx::query!(
        "select started_at, coalesce(ended_at, least(back_at, now())) as \"ended_at!\" from away_notice
         where staff_id = $1 and started_at < $3 and coalesce(ended_at, back_at) > $2
           and (started_at > $2 - interval '31 days' or ended_at is null)",
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| Span { start: r.started_at, end: r.ended_at })
    .filter(|s| s.start < s.end)
    .collect();
    let days = presence_per_day(&sessions, &away, &tz, calendar, config.office_opens, config.office_closes);
    let last = if month == Month::of(today) { today } else { month.last_day() };
    let working_days = if last < month.first_day() {
        0
    } else {
        calendar.working_days_between(month.first_day().pred_opt().expect("a day"), last)
    };

    let callbacks = sqlx::query!(
        r#"select c.status, c.due_on, c.closed_at,
                  (select count(*) from callback_promise p where p.callback_id = c.callback_id) as "promises!"
           from callback c where c.staff_id = $1 and c.due_on between $2 and $3"#,
        staff_id,
        month.first_day(),
        month.last_day()
    )
    .fetch_all(db)
    .await?;
    let (mut on_time, mut late, mut pending) = (0, 0, 0);
    for c in &callbacks {
        match c.closed_at {
            Some(closed) if local_date(closed, &tz) <= c.due_on => on_time += 1,
            Some(_) => late += 1,
            None if c.due_on < today => late += 1,
            None => pending += 1,
        }
    }
    let repromised = callbacks.iter().filter(|c| c.promises > 1).count() as i64;

    let redirects = sqlx::query!(
        r#"select count(*) filter (where from_staff_id = $1) as "sent!",
                  count(*) filter (where to_staff_id = $1) as "received!"
           from visit_redirect
           where (from_staff_id = $1 or to_staff_id = $1) and redirected_at >= $2 and redirected_at < $3"#,
        staff_id,
        from,
        to
    )
    .fetch_one(db)
    .await?;

    let survey_answers = sqlx::query_scalar!(
        r#"select count(*) as "n!" from survey_answer where staff_id = $1 and answered_at >= $2 and answered_at < $3"#,
        staff_id,
        from,
        to
    )
    .fetch_one(db)
    .await?;
    let counts = sqlx::query!(
        r#"select q.code, count(*) as "answers!", sum(s.score)::bigint as "total!"
           from survey_answer a
           join survey_score s using (survey_answer_id)
           join survey_question q using (survey_question_id)
           where a.staff_id = $1 and a.answered_at >= $2 and a.answered_at < $3
           group by q.code"#,
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| (r.code, r.answers, r.total))
    .collect();
    let survey = survey_results(counts, &question_texts(db, lang).await?);
    let comments = if with_comments {
        sqlx::query_scalar!(
            r#"select comment as "comment!" from survey_answer
               where staff_id = $1 and answered_at >= $2 and answered_at < $3 and comment is not null
               order by answered_at"#,
            staff_id,
            from,
            to
        )
        .fetch_all(db)
        .await?
    } else {
        Vec::new()
    };
    let assessment = sqlx::query_as!(
        Assessment,
        r#"select a.availability, a.discipline, a.kindness, a.comment, s.full_name as "assessed_by?", a.assessed_at
           from staff_assessment a left join staff s on s.staff_id = a.assessed_by
           where a.staff_id = $1 and a.month = $2"#,
        staff_id,
        month.first_day()
    )
    .fetch_optional(db)
    .await?;

    Ok(Sheet {
        staff_id,
        full_name: head.full_name,
        department_id: head.department_id,
        department_name: head.department_name,
        month,
        working_days,
        days_present: days.values().filter(|d| d.present > 0).count() as u32,
        minutes_present: days.values().map(|d| d.present).sum(),
        minutes_away: days.values().map(|d| d.away).sum(),
        times,
        no_shows,
        callbacks_due: callbacks.len() as i64,
        callbacks_on_time: on_time,
        callbacks_late: late,
        callbacks_pending: pending,
        callbacks_repromised: repromised,
        redirects_sent: redirects.sent,
        redirects_received: redirects.received,
        survey_answers,
        survey,
        comments,
        assessment,
    })
}

/// One employee in the month's list.
#[derive(Clone, Debug)]
pub struct StaffLine {
    pub staff_id: Uuid,
    pub full_name: String,
    pub department: Option<String>,
    pub served: i64,
    pub service_mean: Option<f64>,
    pub wait_mean: Option<f64>,
    pub survey_answers: i64,
    pub survey_mean: Option<f64>,
    pub assessed: bool,
}

/// The clerks in the reader's scope with the month's main figures, by name.
pub async fn staff_list(db: &PgPool, config: &Config, scope: Scope, month: Month) -> sqlx::Result<Vec<StaffLine>> {
    let (from, to) = month.bounds(&config.time_zone);
    let own = match scope {
        Scope::Own(me) => Some(me),
        _ => None,
    };
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?",
                  v.served as "served!", v.service_mean, v.wait_mean,
                  a.answers as "answers!", a.mean_score,
                  exists (select 1 from staff_assessment x where x.staff_id = s.staff_id and x.month = $4) as "assessed!"
           from staff s
           left join department d using (department_id)
           cross join lateral (
               select count(*) as served,
                      avg(extract(epoch from finished_at - started_at) / 60)::float8 as service_mean,
                      avg(extract(epoch from called_at - arrived_at) / 60)::float8 as wait_mean
               from visit where served_by = s.staff_id and status = 'done' and finished_at >= $2 and finished_at < $3
           ) v
           cross join lateral (
               select count(distinct a.survey_answer_id) as answers, avg(sc.score)::float8 as mean_score
               from survey_answer a left join survey_score sc using (survey_answer_id)
               where a.staff_id = s.staff_id and a.answered_at >= $2 and a.answered_at < $3
           ) a
           where (exists (select 1 from staff_role r where r.staff_id = s.staff_id and r.role = 'clerk') or v.served > 0)
             and ($1::uuid is null or s.department_id = $1)
             and ($5::uuid is null or s.staff_id = $5)
           order by s.full_name"#,
        scope.department(),
        from,
        to,
        month.first_day(),
        own
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffLine {
            staff_id: r.staff_id,
            full_name: r.full_name,
            department: r.department,
            served: r.served,
            service_mean: r.service_mean,
            wait_mean: r.wait_mean,
            survey_answers: r.answers,
            survey_mean: r.mean_score.filter(|_| r.answers >= MIN_ANSWERS as i64),
            assessed: r.assessed,
        })
        .collect())
}

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
}

pub async fn today(db: &PgPool, config: &Config, calendar: &Calendar, scope: Scope) -> sqlx::Result<Today> {
    let tz = config.time_zone;
    let now = Utc::now();
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
    let open_requests = sqlx::query_scalar!(
        "select state_since from home_visit_request
         where state not in ('visited', 'cancelled') and ($1::uuid is null or department_id = $1)",
        department
    )
    .fetch_all(db)
    .await?;
    let home_visits_stuck = open_requests
        .into_iter()
        .filter(|since| calendar.working_days_between(local_date(*since, &tz), day) >= config.stuck_after_working_days)
        .count() as i64;
    Ok(Today {
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

/// One month (or one department in a month) of the trends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Period {
    pub label: String,
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
pub async fn trends(
    db: &PgPool,
    config: &Config,
    cache: &MonthCache,
    scope: Scope,
    month: Month,
    lang: Lang,
) -> sqlx::Result<Trends> {
    let tz = config.time_zone;
    let current = Month::of(local_date(Utc::now(), &tz));
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
        r#"select d.name, v.served as "served!", v.wait_mean, v.within, v.service_mean,
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
            served: r.served,
            wait_mean: r.wait_mean,
            within_target: r.within,
            service_mean: r.service_mean,
            survey_answers: r.answers,
            survey_mean: r.mean_score.filter(|_| r.answers >= MIN_ANSWERS as i64),
        })
        .collect())
}

/// Residents' comments in the reader's scope for the month, without dates or
/// visits (they are anonymous), with where they were given.
pub async fn comments(db: &PgPool, config: &Config, scope: Scope, month: Month) -> sqlx::Result<Vec<(String, String)>> {
    let (from, to) = month.bounds(&config.time_zone);
    let rows = sqlx::query!(
        r#"select a.comment as "comment!", coalesce(s.full_name, k.name) as "place!"
           from survey_answer a join kiosk k using (kiosk_id) left join staff s on s.staff_id = a.staff_id
           where a.comment is not null and a.answered_at >= $1 and a.answered_at < $2
             and ($3::uuid is null or a.department_id = $3)
           order by a.answered_at"#,
        from,
        to,
        scope.department()
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.place, r.comment)).collect())
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

    #[test]
    fn survey_means_appear_from_five_answers_in_the_questionnaire_order() {
        let texts = BTreeMap::from([
            ("courtesy".to_owned(), (1, "Uprzejmość?".to_owned())),
            ("waiting".to_owned(), (3, "Czas?".to_owned())),
        ]);
        let got = survey_results(vec![("waiting".into(), 5, 17), ("courtesy".into(), 4, 20)], &texts);
        assert_eq!(got[0].code, "courtesy");
        assert_eq!((got[0].answers, got[0].mean), (4, None));
        assert_eq!((got[1].answers, got[1].mean), (5, Some(3.4)));
    }
}
