//! "Pracownicy": each employee's month at a glance, with a link to the sheet.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::PgPool;
use uuid::Uuid;

use super::page::{Fmt, ReportNav, ReportQuery, export_request, month_of, refused_month, scope, this_month};
use super::stats::MIN_ANSWERS;
use super::{Month, Scope};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::config::Config;
use crate::error::Result;
use crate::state::AppState;
use crate::web::export::{Table, download};
use crate::web::page::PageCtx;

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

#[derive(Template, WebTemplate)]
#[template(path = "reports/staff.html")]
pub struct StaffPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub fmt: Fmt,
    pub rows: Vec<StaffLine>,
}

/// The list shows every employee's evaluation figures (survey means, the assessment):
/// who read it, and which month, is recorded like a sheet's reading.
async fn record_read(state: &AppState, actor: &Actor, scope: Scope, month: Month, form: &str) -> Result<()> {
    let detail = serde_json::json!({ "month": month.code(), "department": scope.department(), "format": form });
    actor.record(&state.db, Action::ReportStaffListRead, None, detail).await?;
    Ok(())
}

pub async fn list_staff(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let scope = scope(&user)?;
    let month = month_of(&state, &query);
    if let Scope::Own(me) = scope {
        return Ok(Redirect::to(&format!("/reports/staff/{me}?month={}", month.code())).into_response());
    }
    let rows = staff_list(&state.db, &state.config, scope, month).await?;
    record_read(&state, &actor, scope, month, "page").await?;
    Ok(StaffPage {
        nav: ReportNav::new(scope, month, "staff")
            .exporting("/reports/staff/export", ctx.t.report_staff_title)
            .asked(refused_month(&state, &query)),
        now: this_month(&state),
        fmt: Fmt::new(&ctx, &state.config),
        ctx,
        rows,
    }
    .into_response())
}

pub async fn export_staff(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<Response> {
    let (scope, format, month) = export_request(&state, &user, &query)?;
    let rows = staff_list(&state.db, &state.config, scope, month).await?;
    record_read(&state, &actor, scope, month, &query.format).await?;
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
