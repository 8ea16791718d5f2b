//! The report pages and their exports. Each page checks the reader's scope first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::chart::BarChart;
use super::figures::{self, DepartmentToday, Period, Sheet, StaffLine, Today, Trends};
use super::stats::MIN_ANSWERS;
use super::{Month, Scope};
use crate::audit::Actor;
use crate::auth::{CurrentUser, Role};
use crate::calendar::{Calendar, local_date};
use crate::callbacks::office_calendar;
use crate::error::{AppError, Result};
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::export::{Cell, ExportFormat, Table, download};
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    #[serde(default)]
    month: String,
    #[serde(default)]
    format: String,
}

fn scope(user: &CurrentUser) -> Result<Scope> {
    Scope::of(user).ok_or(AppError::Forbidden)
}

/// Office-wide pages: not for a clerk's own scope.
fn wide_scope(user: &CurrentUser) -> Result<Scope> {
    match scope(user)? {
        Scope::Own(_) => Err(AppError::Forbidden),
        s => Ok(s),
    }
}

fn this_month(state: &AppState) -> Month {
    Month::of(local_date(Utc::now(), &state.config.time_zone))
}

/// The month asked for, or this month; never a month in the future.
fn month_of(state: &AppState, query: &ReportQuery) -> Month {
    let now = this_month(state);
    Month::parse(&query.month).filter(|m| *m <= now).unwrap_or(now)
}

/// What was typed as the month when it is not one that can be shown (to say so).
fn refused_month(state: &AppState, query: &ReportQuery) -> Option<String> {
    let asked = query.month.trim();
    let shown = Month::parse(asked).is_some_and(|m| m <= this_month(state));
    (!asked.is_empty() && !shown).then(|| asked.chars().take(20).collect())
}

/// A download: the reader's office-wide scope, the format asked for, the month.
fn export_request(state: &AppState, user: &CurrentUser, query: &ReportQuery) -> Result<(Scope, ExportFormat, Month)> {
    let scope = wide_scope(user)?;
    let format = ExportFormat::parse(&query.format).ok_or(AppError::NotFound)?;
    Ok((scope, format, month_of(state, query)))
}

async fn calendar(state: &AppState) -> Result<Calendar> {
    Ok(office_calendar(&state.db, local_date(Utc::now(), &state.config.time_zone)).await?)
}

/// 12,5 (Polish) or 12.5 (English), one decimal.
pub fn decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    if lang == Lang::Pl { text.replace('.', ",") } else { text }
}

/// Formats the figures of a page in the reader's language.
pub struct Fmt {
    pub lang: Lang,
    pub t: &'static Texts,
}

impl Fmt {
    fn new(ctx: &PageCtx) -> Fmt {
        Fmt { lang: ctx.lang, t: ctx.t }
    }

    /// "12,5 min", or a dash when there is no figure.
    pub fn minutes(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| format!("{} min", decimal(self.lang, v)))
    }

    /// "83 %"
    pub fn share(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| format!("{:.0} %", v * 100.0))
    }

    /// "4,3", or "fewer than 5 answers".
    pub fn score(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| self.t.report_too_few.replace("{n}", &MIN_ANSWERS.to_string()), |v| decimal(self.lang, v))
    }

    /// "7 h 30 min"
    pub fn hours(&self, minutes: &i64) -> String {
        format!("{} h {} min", minutes / 60, minutes % 60)
    }
}

/// Links between the report pages, for the reader's scope.
pub struct ReportNav {
    pub month: Month,
    pub wide: bool,
    pub comments: bool,
    pub current: &'static str,
    /// The page's download, without `format=`: e.g. `/reports/trends/export?month=2026-11&`.
    pub export_base: String,
    pub export_title: &'static str,
    /// What was typed as the month, when it could not be shown.
    pub refused_month: Option<String>,
}

impl ReportNav {
    fn new(scope: Scope, month: Month, current: &'static str) -> ReportNav {
        let wide = !matches!(scope, Scope::Own(_));
        ReportNav {
            month,
            wide,
            comments: scope.sees_comments(),
            current,
            export_base: String::new(),
            export_title: "",
            refused_month: None,
        }
    }

    /// The month typed, when it was not one to show (the page then says so).
    fn asked(self, refused_month: Option<String>) -> ReportNav {
        ReportNav { refused_month, ..self }
    }

    /// The page's CSV and XLSX downloads.
    fn exporting(self, path: &str, title: &'static str) -> ReportNav {
        let export_base = format!("{path}?month={}&", self.month.code());
        ReportNav { export_base, export_title: title, ..self }
    }

    pub fn is(&self, page: &str) -> bool {
        self.current == page
    }

    pub fn prev(&self) -> String {
        self.month.prev().code()
    }

    /// The next month, if it is not in the future.
    pub fn next(&self, now: &Month) -> Option<String> {
        (self.month < *now).then(|| self.month.next().code())
    }
}

// ---------------------------------------------------------------------------
// The office today
// ---------------------------------------------------------------------------

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
    let today = figures::today(&state.db, &state.config, &calendar(&state).await?, scope).await?;
    let t = ctx.t;
    let chart = BarChart::new(
        "waits",
        t.report_wait_distribution,
        today.histogram.iter().map(|(label, n)| (format!("{label} min"), Some(*n as f64))).collect(),
        None,
        |v| format!("{v:.0}"),
    );
    Ok(TodayPage {
        nav: ReportNav::new(scope, this_month(&state), "today")
            .exporting("/reports/today/export", t.report_today_title),
        fmt: Fmt::new(&ctx),
        ctx,
        today,
        chart,
        target: state.config.target_wait.as_secs() / 60,
    })
}

fn today_tables(t: &Texts, today: &Today) -> Vec<Table> {
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
            d.away_until.map_or(Cell::Empty, |a| Cell::Text(a.to_rfc3339())),
        ]);
    }
    let mut other = Table::new(t.report_other, &[t.report_figure, t.report_value]);
    other.row(vec![t.report_callbacks_overdue.into(), today.callbacks_overdue.into()]);
    other.row(vec![t.report_home_visits_stuck.into(), today.home_visits_stuck.into()]);
    vec![departments, waits, desks, other]
}

pub async fn export_today(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let (scope, format, _) = export_request(&state, &user, &query)?;
    let today = figures::today(&state.db, &state.config, &calendar(&state).await?, scope).await?;
    let day = local_date(Utc::now(), &state.config.time_zone);
    download(&today_tables(ctx.t, &today), format, &format!("urzad-dzis-{day}"))
}

// ---------------------------------------------------------------------------
// Employees in a month
// ---------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "reports/staff.html")]
pub struct StaffPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub fmt: Fmt,
    pub rows: Vec<StaffLine>,
}

pub async fn list_staff(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let scope = scope(&user)?;
    let month = month_of(&state, &query);
    if let Scope::Own(me) = scope {
        return Ok(Redirect::to(&format!("/reports/staff/{me}?month={}", month.code())).into_response());
    }
    let rows = figures::staff_list(&state.db, &state.config, scope, month).await?;
    Ok(StaffPage {
        nav: ReportNav::new(scope, month, "staff")
            .exporting("/reports/staff/export", ctx.t.report_staff_title)
            .asked(refused_month(&state, &query)),
        now: this_month(&state),
        fmt: Fmt::new(&ctx),
        ctx,
        rows,
    }
    .into_response())
}

pub async fn export_staff(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let (scope, format, month) = export_request(&state, &user, &query)?;
    let rows = figures::staff_list(&state.db, &state.config, scope, month).await?;
    let t = ctx.t;
    let mut table = Table::new(
        format!("{} – {}", t.report_staff_title, month.label(t)),
        &[
            t.report_employee,
            t.report_department,
            t.report_served,
            t.report_service_mean,
            t.report_wait_mean,
            t.report_survey_answers,
            t.report_survey_mean,
            t.report_assessed,
        ],
    );
    for r in &rows {
        table.row(vec![
            r.full_name.clone().into(),
            r.department.clone().unwrap_or_default().into(),
            r.served.into(),
            r.service_mean.into(),
            r.wait_mean.into(),
            r.survey_answers.into(),
            r.survey_mean.into(),
            (if r.assessed { t.yes } else { t.no }).into(),
        ]);
    }
    download(&[table], format, &format!("pracownicy-{}", month.code()))
}

// ---------------------------------------------------------------------------
// One employee's month: the §7.4 sheet
// ---------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "reports/sheet.html")]
pub struct SheetPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub fmt: Fmt,
    pub sheet: Sheet,
    pub target: u64,
    pub may_assess: bool,
    pub form: AssessmentForm,
    pub errors: FormErrors,
}

impl SheetPage {
    pub fn criteria(&self) -> [(&'static str, &'static str, &'static str, &str); 3] {
        let t = self.ctx.t;
        [
            ("availability", t.assess_availability, t.assess_availability_hint, self.form.availability.as_str()),
            ("discipline", t.assess_discipline, t.assess_discipline_hint, self.form.discipline.as_str()),
            ("kindness", t.assess_kindness, t.assess_kindness_hint, self.form.kindness.as_str()),
        ]
    }

    pub fn scale(&self) -> [&'static str; 5] {
        ["1", "2", "3", "4", "5"]
    }
}

/// The assessment form's values, kept when it comes back with errors.
#[derive(Default)]
pub struct AssessmentForm {
    pub availability: String,
    pub discipline: String,
    pub kindness: String,
    pub comment: String,
}

/// Who may give the qualitative assessment (§7.4.1, 3, 4): supervisors, the
/// director, and a department head for their own department; never about oneself.
fn may_assess(user: &CurrentUser, sheet_department: Option<uuid::Uuid>, staff_id: uuid::Uuid) -> bool {
    if user.staff_id == staff_id {
        return false;
    }
    user.has(Role::Supervisor)
        || user.has(Role::Director)
        || (user.has(Role::DepartmentHead) && sheet_department.is_some() && user.department_id == sheet_department)
}

async fn load_sheet(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    ctx: &PageCtx,
    staff_id: Uuid,
    month: Month,
) -> Result<(Scope, Sheet)> {
    let scope = scope(user)?;
    let head = figures::staff_head(&state.db, staff_id).await?.ok_or(AppError::NotFound)?;
    if !scope.sees_staff(staff_id, head.department_id) {
        return Err(AppError::Forbidden);
    }
    let calendar = calendar(state).await?;
    let sheet =
        figures::sheet(&state.db, &state.config, &calendar, head, month, ctx.lang, scope.sees_comments()).await?;
    // An evaluation is personal data of the employee: who read it is recorded.
    if user.staff_id != staff_id {
        actor
            .record(
                &state.db,
                "report.sheet_viewed",
                Some(("staff", staff_id.to_string())),
                serde_json::json!({ "month": month.code() }),
            )
            .await?;
    }
    Ok((scope, sheet))
}

fn form_of(sheet: &Sheet) -> AssessmentForm {
    match &sheet.assessment {
        Some(a) => AssessmentForm {
            availability: a.availability.to_string(),
            discipline: a.discipline.to_string(),
            kindness: a.kindness.to_string(),
            comment: a.comment.clone(),
        },
        None => AssessmentForm::default(),
    }
}

/// The sheet page, with the assessment form as typed (after errors) or as saved.
#[allow(clippy::too_many_arguments)]
async fn sheet_page(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    ctx: PageCtx,
    staff_id: Uuid,
    month: Month,
    typed: Option<AssessmentForm>,
    errors: FormErrors,
) -> Result<SheetPage> {
    let (scope, sheet) = load_sheet(state, user, actor, &ctx, staff_id, month).await?;
    let nav = ReportNav::new(scope, month, "staff")
        .exporting(&format!("/reports/staff/{staff_id}/export"), ctx.t.report_sheet_title);
    Ok(SheetPage {
        nav,
        now: this_month(state),
        fmt: Fmt::new(&ctx),
        may_assess: may_assess(user, sheet.department_id, staff_id),
        form: typed.unwrap_or_else(|| form_of(&sheet)),
        errors,
        target: state.config.target_wait.as_secs() / 60,
        ctx,
        sheet,
    })
}

pub async fn show_sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(staff_id): Path<Uuid>,
    Query(query): Query<ReportQuery>,
) -> Result<SheetPage> {
    let month = month_of(&state, &query);
    let page = sheet_page(&state, &user, &actor, ctx, staff_id, month, None, FormErrors::default()).await?;
    Ok(SheetPage { nav: page.nav.asked(refused_month(&state, &query)), ..page })
}

fn sheet_tables(t: &Texts, sheet: &Sheet, target: u64) -> Vec<Table> {
    let mut main = Table::new(
        format!("{} – {} – {}", t.report_sheet_title, sheet.full_name, sheet.month.label(t)),
        &[t.report_figure, t.report_value],
    );
    let s = sheet;
    let rows: Vec<(&str, Cell)> = vec![
        (t.report_employee, s.full_name.clone().into()),
        (t.report_department, s.department_name.clone().unwrap_or_default().into()),
        (t.report_month, s.month.code().into()),
        (t.report_working_days, s.working_days.into()),
        (t.report_days_present, s.days_present.into()),
        (t.report_minutes_present, s.minutes_present.into()),
        (t.report_minutes_away, s.minutes_away.into()),
        (t.report_served, s.times.served.into()),
        (t.report_no_shows, s.no_shows.into()),
        (t.report_service_mean, s.times.service_mean.into()),
        (t.report_service_median, s.times.service_median.into()),
        (t.report_wait_mean, s.times.wait_mean.into()),
        (t.report_wait_median, s.times.wait_median.into()),
        (t.report_wait_p90, s.times.wait_p90.into()),
        (t.report_within_target_minutes, s.times.within_target.into()),
        (t.report_callbacks_due, s.callbacks_due.into()),
        (t.report_callbacks_on_time, s.callbacks_on_time.into()),
        (t.report_callbacks_late, s.callbacks_late.into()),
        (t.report_callbacks_pending, s.callbacks_pending.into()),
        (t.report_callbacks_repromised, s.callbacks_repromised.into()),
        (t.report_redirects_sent, s.redirects_sent.into()),
        (t.report_redirects_received, s.redirects_received.into()),
        (t.report_survey_answers, s.survey_answers.into()),
    ];
    for (label, value) in rows {
        let label = label.replace("{target}", &target.to_string());
        main.row(vec![label.into(), value]);
    }
    let mut survey = Table::new(t.report_survey, &[t.report_question, t.report_code, t.report_answers, t.report_mean]);
    for q in &s.survey {
        survey.row(vec![q.text.clone().into(), q.code.clone().into(), q.answers.into(), q.mean.into()]);
    }
    let mut assessment = Table::new(t.assess_title, &[t.report_figure, t.report_value]);
    if let Some(a) = &s.assessment {
        assessment.row(vec![t.assess_availability.into(), i64::from(a.availability).into()]);
        assessment.row(vec![t.assess_discipline.into(), i64::from(a.discipline).into()]);
        assessment.row(vec![t.assess_kindness.into(), i64::from(a.kindness).into()]);
        assessment.row(vec![t.assess_comment.into(), a.comment.clone().into()]);
        assessment.row(vec![t.assess_by.into(), a.assessed_by.clone().unwrap_or_default().into()]);
    }
    let mut tables = vec![main, survey, assessment];
    if !s.comments.is_empty() {
        let mut comments = Table::new(t.report_comments, &[t.report_comment]);
        for c in &s.comments {
            comments.row(vec![c.clone().into()]);
        }
        tables.push(comments);
    }
    tables
}

pub async fn export_sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(staff_id): Path<Uuid>,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let format = ExportFormat::parse(&query.format).ok_or(AppError::NotFound)?;
    let month = month_of(&state, &query);
    let (_, sheet) = load_sheet(&state, &user, &actor, &ctx, staff_id, month).await?;
    let tables = sheet_tables(ctx.t, &sheet, state.config.target_wait.as_secs() / 60);
    download(&tables, format, &format!("arkusz-{}-{}", sheet.full_name, month.code()))
}

/// The supervisor's own assessment of the qualitative criteria, 1-5 with a comment.
pub async fn save_assessment(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(staff_id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let month = Month::parse(form.raw("month").unwrap_or("")).filter(|m| *m <= this_month(&state));
    let Some(month) = month else {
        return Err(AppError::Unprocessable);
    };
    let head = figures::staff_head(&state.db, staff_id).await?.ok_or(AppError::NotFound)?;
    if !may_assess(&user, head.department_id, staff_id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::labelled(&[
        ("availability", t.assess_availability),
        ("discipline", t.assess_discipline),
        ("kindness", t.assess_kindness),
        ("comment", t.assess_comment),
    ]);
    let score = |field: &'static str, errors: &mut FormErrors| -> (String, Option<i16>) {
        let raw = errors.take(field, form.text(field, 2, t));
        let value = raw.parse::<i16>().ok().filter(|v| (1..=5).contains(v));
        if value.is_none() {
            errors.add(field, t.assess_choose);
        }
        (raw, value)
    };
    let (availability_raw, availability) = score("availability", &mut errors);
    let (discipline_raw, discipline) = score("discipline", &mut errors);
    let (kindness_raw, kindness) = score("kindness", &mut errors);
    // A refused comment comes back as typed (less what cannot be shown), to correct.
    let comment = match form.text("comment", 2000, t) {
        Ok(comment) => comment,
        Err(message) => {
            errors.add("comment", message);
            form.raw("comment").unwrap_or("").chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r')).collect()
        }
    };
    let (Some(availability), Some(discipline), Some(kindness), true) =
        (availability, discipline, kindness, errors.is_empty())
    else {
        let typed = AssessmentForm {
            availability: availability_raw,
            discipline: discipline_raw,
            kindness: kindness_raw,
            comment,
        };
        let page = sheet_page(&state, &user, &actor, ctx, staff_id, month, Some(typed), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "insert into staff_assessment (staff_id, month, availability, discipline, kindness, comment, assessed_by)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (staff_id, month) do update
         set availability = excluded.availability, discipline = excluded.discipline, kindness = excluded.kindness,
             comment = excluded.comment, assessed_by = excluded.assessed_by, assessed_at = now()",
        staff_id,
        month.first_day(),
        availability,
        discipline,
        kindness,
        comment,
        user.staff_id
    )
    .execute(&mut *tx)
    .await?;
    actor
        .record(
            &mut *tx,
            "assessment.saved",
            Some(("staff", staff_id.to_string())),
            serde_json::json!({ "month": month.code(), "availability": availability, "discipline": discipline, "kindness": kindness }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.assess_saved).await?;
    Ok(Redirect::to(&format!("/reports/staff/{staff_id}?month={}", month.code())).into_response())
}

// ---------------------------------------------------------------------------
// Trends and departments compared
// ---------------------------------------------------------------------------

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
    let months = |value: &dyn Fn(&Period) -> Option<f64>| -> Vec<(String, Option<f64>)> {
        trends.months.iter().map(|(m, p)| (m.short_label(t), value(p))).collect()
    };
    let departments = |value: &dyn Fn(&Period) -> Option<f64>| -> Vec<(String, Option<f64>)> {
        trends.departments.iter().map(|p| (p.label.clone(), value(p))).collect()
    };
    let count = |v: f64| format!("{v:.0}");
    let minutes = move |v: f64| decimal(lang, v);
    let share = |v: f64| format!("{:.0}%", v * 100.0);
    let target_line = Some((target, t.report_target_line.replace("{target}", &format!("{target:.0}"))));
    let by_month = vec![
        BarChart::new("served", t.report_served, months(&|p| Some(p.served as f64)), None, count),
        BarChart::new("wait", t.report_wait_mean_minutes, months(&|p| p.wait_mean), target_line.clone(), minutes),
        BarChart::new("within", t.report_within_target_short, months(&|p| p.within_target), None, share),
        BarChart::new("survey", t.report_survey_mean, months(&|p| p.survey_mean), None, minutes),
    ];
    let compared = if trends.departments.is_empty() {
        Vec::new()
    } else {
        vec![
            BarChart::new("dept-served", t.report_served, departments(&|p| Some(p.served as f64)), None, count),
            BarChart::new("dept-wait", t.report_wait_mean_minutes, departments(&|p| p.wait_mean), target_line, minutes),
            BarChart::new("dept-survey", t.report_survey_mean, departments(&|p| p.survey_mean), None, minutes),
        ]
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
    let trends = figures::trends(&state.db, &state.config, &state.report_cache, scope, month, ctx.lang).await?;
    let target = state.config.target_wait.as_secs_f64() / 60.0;
    let (charts, department_charts) = trend_charts(ctx.t, ctx.lang, &trends, target);
    Ok(TrendsPage {
        nav: ReportNav::new(scope, month, "trends")
            .exporting("/reports/trends/export", ctx.t.report_trends_title)
            .asked(refused_month(&state, &query)),
        now: this_month(&state),
        fmt: Fmt::new(&ctx),
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
    let trends = figures::trends(&state.db, &state.config, &state.report_cache, scope, month, ctx.lang).await?;
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

// ---------------------------------------------------------------------------
// Residents' comments
// ---------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "reports/comments.html")]
pub struct CommentsPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub comments: Vec<(String, String)>,
}

pub async fn show_comments(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<CommentsPage> {
    let scope = wide_scope(&user)?;
    let month = month_of(&state, &query);
    let comments = figures::comments(&state.db, &state.config, scope, month).await?;
    actor.record(&state.db, "survey.comments_read", None, serde_json::json!({ "month": month.code() })).await?;
    let nav = ReportNav::new(scope, month, "comments").asked(refused_month(&state, &query));
    Ok(CommentsPage { nav, now: this_month(&state), ctx, comments })
}
