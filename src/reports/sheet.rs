//! One employee's month: the §7.4 evaluation sheet, its exports, and the
//! supervisor's assessment of the qualitative criteria.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use super::figures::{Times, minutes};
use super::page::{Fmt, ReportNav, ReportQuery, month_of, refused_month, scope, this_month};
use std::collections::BTreeMap;

use super::presence::{Span, presence_per_day};
use super::stats::MIN_ANSWERS;
use super::{Month, Scope};
use crate::audit::{Action, Actor};
use crate::auth::access::ASSESS_EVERYONE;
use crate::auth::{CurrentUser, Role};
use crate::calendar::{self, local_date};
use crate::config::Config;
use crate::error::{AppError, Result};
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::export::{Cell, ExportFormat, Table, download};
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

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
    pub address_form: Option<String>,
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
    /// The trainings attended in the month (§7.2.3).
    pub trainings: Vec<crate::trainings::SheetTraining>,
}

/// Who an employee is, for the access check before any figure is read.
pub struct StaffHead {
    pub staff_id: Uuid,
    pub full_name: String,
    /// "pani", "pan" or none: the employee's signature line follows it.
    pub address_form: Option<String>,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
}

pub async fn staff_head(db: &PgPool, staff_id: Uuid) -> sqlx::Result<Option<StaffHead>> {
    sqlx::query_as!(
        StaffHead,
        r#"select s.staff_id, s.full_name, s.address_form, s.department_id, d.name as "department_name?"
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

/// The sheet of `head`'s employee for `month`, read at `now` (the current month
/// counts up to today). The office calendar is loaded for the month itself.
pub async fn sheet(
    db: &PgPool,
    config: &Config,
    head: StaffHead,
    month: Month,
    (lang, now): (Lang, DateTime<Utc>),
    with_comments: bool,
) -> sqlx::Result<Sheet> {
    let calendar = &calendar::load(db, month.first_day(), month.last_day()).await?;
    let tz = config.time_zone;
    let staff_id = head.staff_id;
    let (from, to) = month.bounds(&tz);
    let today = local_date(now, &tz);
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
    let sessions: Vec<Span> = sqlx::query!(
        // (a closed session never lasts weeks: the lower bound keeps the index range short)
        "select started_at, ended_at from desk_session
         where staff_id = $1 and started_at < $3 and coalesce(ended_at, $4) > $2
           and (started_at > $2 - interval '31 days' or ended_at is null)",
        staff_id,
        from,
        to,
        now
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| Span { start: r.started_at.max(from), end: r.ended_at.unwrap_or(now).min(to) })
    .filter(|s| s.start < s.end)
    .collect();
    let away: Vec<Span> = sqlx::query!(
        "select started_at, coalesce(ended_at, least(back_at, $4)) as \"ended_at!\" from away_notice
         where staff_id = $1 and started_at < $3 and coalesce(ended_at, back_at) > $2
           and (started_at > $2 - interval '31 days' or ended_at is null)",
        staff_id,
        from,
        to,
        now
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
    let trainings = crate::trainings::of_employee(db, staff_id, month.first_day(), month.last_day()).await?;

    Ok(Sheet {
        staff_id,
        full_name: head.full_name,
        address_form: head.address_form,
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
        trainings,
    })
}

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
    /// Complaints about the employee's service this month: for supervisors, never printed.
    pub complaints: Vec<crate::complaints::queries::SheetLine>,
}

impl SheetPage {
    /// The employee's line under the signature box, in their form of address.
    pub fn employee_signs(&self) -> &'static str {
        let t = self.ctx.t;
        match self.sheet.address_form.as_deref() {
            Some("pani") => t.report_signature_employee_pani,
            Some("pan") => t.report_signature_employee_pan,
            _ => t.report_signature_employee,
        }
    }

    pub fn criteria(&self) -> [(&'static str, &'static str, &'static str, &str); 3] {
        let t = self.ctx.t;
        [
            ("availability", t.assess_availability, t.assess_availability_hint, self.form.availability.as_str()),
            ("discipline", t.assess_discipline, t.assess_discipline_hint, self.form.discipline.as_str()),
            ("kindness", t.assess_kindness, t.assess_kindness_hint, self.form.kindness.as_str()),
        ]
    }

    /// "Obsługa klienta (12.11.2026, 4 h)"
    pub fn training_line(&self, training: &crate::trainings::SheetTraining) -> String {
        format!(
            "{} ({}, {})",
            training.title,
            training.held_on.format("%d.%m.%Y"),
            crate::trainings::hours_text(self.ctx.lang, training.hours)
        )
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
    user.may(ASSESS_EVERYONE)
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
    let head = staff_head(&state.db, staff_id).await?.ok_or(AppError::NotFound)?;
    if !scope.sees_staff(staff_id, head.department_id) {
        return Err(AppError::Forbidden);
    }
    let sheet = sheet(&state.db, &state.config, head, month, (ctx.lang, ctx.now), scope.sees_comments()).await?;
    // An evaluation is personal data of the employee: who read it is recorded.
    if user.staff_id != staff_id {
        actor
            .record(
                &state.db,
                Action::ReportSheetViewed,
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
    let complaints = if scope.sees_comments() {
        crate::complaints::queries::of_employee(&state.db, staff_id, month.bounds(&state.config.time_zone)).await?
    } else {
        Vec::new()
    };
    let nav = ReportNav::new(scope, month, "staff")
        .exporting(&format!("/reports/staff/{staff_id}/export"), ctx.t.report_sheet_title);
    Ok(SheetPage {
        nav,
        now: this_month(state),
        fmt: Fmt::new(&ctx, &state.config),
        may_assess: may_assess(user, sheet.department_id, staff_id),
        form: typed.unwrap_or_else(|| form_of(&sheet)),
        errors,
        target: state.config.target_wait.as_secs() / 60,
        complaints,
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
    let mut trainings =
        Table::new(t.report_trainings, &[t.training_field_title, t.training_field_held_on, t.training_field_hours]);
    for training in &s.trainings {
        trainings.row(vec![
            training.title.clone().into(),
            training.held_on.format("%d.%m.%Y").to_string().into(),
            Some(training.hours).into(),
        ]);
    }
    let mut tables = vec![main, survey, assessment, trainings];
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
    let head = staff_head(&state.db, staff_id).await?.ok_or(AppError::NotFound)?;
    if !may_assess(&user, head.department_id, staff_id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::labelled(&[
        ("availability", t.assess_availability),
        ("discipline", t.assess_discipline),
        ("kindness", t.assess_kindness),
        ("comment", t.assess_comment),
    ])
    .asking(&[("availability", t.ask_score), ("discipline", t.ask_score), ("kindness", t.ask_score)]);
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
    // An assessment changed later keeps a trace: the earlier one goes into the audit row.
    let earlier = sqlx::query!(
        "select availability, discipline, kindness, comment, assessed_by from staff_assessment
         where staff_id = $1 and month = $2 for update",
        staff_id,
        month.first_day()
    )
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into staff_assessment (staff_id, month, availability, discipline, kindness, comment, assessed_by, assessed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (staff_id, month) do update
         set availability = excluded.availability, discipline = excluded.discipline, kindness = excluded.kindness,
             comment = excluded.comment, assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at",
        staff_id,
        month.first_day(),
        availability,
        discipline,
        kindness,
        comment,
        user.staff_id,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    let mut detail = serde_json::json!({
        "month": month.code(), "availability": availability, "discipline": discipline, "kindness": kindness,
    });
    if let Some(e) = earlier {
        detail["previous_availability"] = e.availability.into();
        detail["previous_discipline"] = e.discipline.into();
        detail["previous_kindness"] = e.kindness.into();
        detail["previous_comment"] = e.comment.into();
        detail["previous_by"] = e.assessed_by.map(|by| by.to_string()).into();
    }
    actor.record(&mut *tx, Action::AssessmentSaved, Some(("staff", staff_id.to_string())), detail).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.assess_saved).await?;
    Ok(Redirect::to(&format!("/reports/staff/{staff_id}?month={}", month.code())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

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
