//! "Kto odczytał": the audited reads of PESEL numbers, health reasons (the home-visit
//! request's page, Załącznik Nr 1 printed, searches by PESEL, the IOD's own searches) and evaluation
//! sheets (§7.4), by the employee who read and by the resident read about.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::Action;
use crate::error::Result;
use crate::office::StaffOption;
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::PageCtx;
use crate::web::pager::Pager;

/// The reads this page lists: each shows a PESEL, a health reason or an evaluation.
pub const READS: &[Action] = &[
    Action::HomeVisitPeselViewed,
    Action::HomeVisitReasonViewed,
    Action::HomeVisitAttachmentPrinted,
    Action::HomeVisitPeselSearched,
    Action::ReportSheetViewed,
    Action::ReportStaffListRead,
    Action::IodPersonSearched,
    Action::IodPersonExported,
];

const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct ReadsFilter {
    /// The employee who read (a staff id).
    #[serde(default)]
    pub employee: String,
    /// The resident's home-visit requests (ids, comma-separated), found by PESEL.
    #[serde(default)]
    pub requests: String,
    #[serde(default)]
    pub page: Option<u32>,
}

pub struct ReadRow {
    pub occurred_at: DateTime<Utc>,
    pub reader: String,
    pub login: String,
    pub action: &'static str,
    /// What was read: a case reference, or whose sheet and which month.
    pub record: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "iod/reads.html")]
pub struct ReadsPage {
    pub ctx: PageCtx,
    pub employees: Vec<StaffOption>,
    pub employee: String,
    /// The case references of the resident's requests the list is narrowed to.
    pub resident_cases: Vec<String>,
    /// Their ids, as the address carries them (`requests=a,b`).
    pub requests: String,
    pub pesel: String,
    pub rows: Vec<ReadRow>,
    pub pager: Pager,
    pub errors: FormErrors,
}

/// Every employee who ever worked here (a reader may have left since).
async fn employees(db: &sqlx::PgPool) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?" from staff s left join department d using (department_id)
           order by s.full_name, s.login"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

/// The ids in `requests=a,b`; `None` when one is not an id.
fn request_ids(raw: &str) -> Option<Vec<Uuid>> {
    raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| Uuid::parse_str(s).ok()).collect()
}

async fn reads_page(
    state: &AppState,
    ctx: PageCtx,
    filter: ReadsFilter,
    pesel: String,
    errors: FormErrors,
) -> Result<ReadsPage> {
    let t = ctx.t;
    let mut errors = errors;
    let employees = employees(&state.db).await?;
    let employee =
        Uuid::parse_str(filter.employee.trim()).ok().filter(|id| employees.iter().any(|e| e.staff_id == *id));
    if !filter.employee.trim().is_empty() && employee.is_none() {
        errors.add("employee", t.iod_reads_no_such_employee);
    }
    let requests = request_ids(&filter.requests).unwrap_or_default();
    let resident: Option<Vec<String>> =
        (!filter.requests.trim().is_empty()).then(|| requests.iter().map(Uuid::to_string).collect());
    let resident_cases =
        sqlx::query_scalar!("select case_ref from case_file where case_file_id = any($1) order by case_ref", &requests)
            .fetch_all(&state.db)
            .await?;
    let employee_text = employee.map(|e| e.to_string()).unwrap_or_default();
    let requests_text = requests.iter().map(Uuid::to_string).collect::<Vec<_>>().join(",");
    let mut pager =
        Pager::new("/iod/reads", &[("employee", &employee_text), ("requests", &requests_text)], filter.page, PER_PAGE);
    let codes: Vec<String> = READS.iter().map(|a| a.as_str().to_owned()).collect();
    let rows = sqlx::query!(
        r#"select a.occurred_at, coalesce(s.full_name, a.actor_login, '') as "reader!", coalesce(a.actor_login, '') as "login!",
                  a.action,
                  case a.target_type
                      when 'home_visit_request' then (select case_ref from case_file where case_file_id::text = a.target_id)
                      when 'staff' then (select full_name from staff where staff_id::text = a.target_id)
                                        || coalesce(', ' || (a.detail->>'month'), '')
                      else a.detail->>'month'
                  end as record,
                  (select string_agg(c.case_ref, ', ' order by c.case_ref) from case_file c
                   where c.case_file_id::text in (select jsonb_array_elements_text(coalesce(a.detail->'records'->'home_visit', '[]')))) as found
           from audit_event a left join staff s on s.staff_id = a.actor_id
           where a.action = any($1)
             and ($2::uuid is null or a.actor_id = $2)
             and ($3::text[] is null
                  or (a.target_type = 'home_visit_request' and a.target_id = any($3))
                  or coalesce(a.detail->'records'->'home_visit', '[]') ?| $3)
           order by a.audit_event_id desc
           limit $4 offset $5"#,
        &codes,
        employee,
        resident.as_deref(),
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager
        .take(rows)
        .into_iter()
        .map(|r| ReadRow {
            occurred_at: r.occurred_at,
            login: r.login,
            reader: r.reader,
            action: Action::parse(&r.action).map_or("", |a| a.label(t)),
            record: [r.record, r.found].into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
        })
        .collect();
    Ok(ReadsPage {
        ctx,
        employees,
        employee: employee_text,
        resident_cases,
        requests: requests_text,
        pesel,
        rows,
        pager,
        errors,
    })
}

pub async fn list_reads(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(filter): Query<ReadsFilter>,
) -> Result<Response> {
    let bad_requests = request_ids(&filter.requests).is_none();
    let mut errors = FormErrors::labelled(&[("employee", ctx.t.iod_reads_employee), ("pesel", ctx.t.hv_pesel)]);
    if bad_requests {
        errors.add("pesel", ctx.t.iod_reads_bad_requests);
    }
    let page = reads_page(&state, ctx, filter, String::new(), errors).await?;
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

/// The resident by PESEL: their home-visit requests, then the list narrowed to them
/// (the address carries the requests' ids, never the PESEL).
pub async fn find_resident_reads(State(state): State<AppState>, ctx: PageCtx, form: FormData) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("employee", t.iod_reads_employee), ("pesel", t.hv_pesel)]);
    let raw = errors.take("pesel", form.required("pesel", 20, t));
    let pesel = errors.pesel("pesel", &raw, t);
    let employee = form.raw("employee").unwrap_or_default().chars().take(36).collect::<String>();
    if let Some(pesel) = pesel {
        let requests = super::person::requests_with_pesel(&state, &pesel).await?;
        if !requests.is_empty() {
            let ids: Vec<String> = requests.iter().map(Uuid::to_string).collect();
            let mut to = format!("/iod/reads?requests={}", ids.join(","));
            if Uuid::parse_str(&employee).is_ok() {
                to.push_str(&format!("&employee={employee}"));
            }
            return Ok(Redirect::to(&to).into_response());
        }
        errors.add("pesel", t.iod_reads_no_requests);
    }
    let filter = ReadsFilter { employee, ..ReadsFilter::default() };
    let page = reads_page(&state, ctx, filter, raw, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
