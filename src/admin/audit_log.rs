//! Browsing the audit log, with filters and pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::error::Result;
use crate::i18n::Texts;
use crate::state::AppState;
use crate::web::form::{FormErrors, parse_date};
use crate::web::page::PageCtx;
use crate::web::url_encode;

const PAGE_SIZE: i64 = 50;

/// Every action written to the log, with its label.
pub fn actions(t: &Texts) -> Vec<(&'static str, &'static str)> {
    vec![
        ("auth.sign_in", t.action_auth_sign_in),
        ("auth.sign_in_failed", t.action_auth_sign_in_failed),
        ("auth.sign_out", t.action_auth_sign_out),
        ("auth.password_changed", t.action_auth_password_changed),
        ("access.denied", t.action_access_denied),
        ("csrf.rejected", t.action_csrf_rejected),
        ("staff.created", t.action_staff_created),
        ("staff.updated", t.action_staff_updated),
        ("department.created", t.action_department_created),
        ("department.updated", t.action_department_updated),
        ("desk.created", t.action_desk_created),
        ("desk.updated", t.action_desk_updated),
        ("absence.recorded", t.action_absence_recorded),
        ("assistance.acknowledged", t.action_assistance_acknowledged),
        ("assistance.arrived", t.action_assistance_arrived),
        ("away.started", t.action_away_started),
        ("away.ended", t.action_away_ended),
        ("callback.created", t.action_callback_created),
        ("callback.repromised", t.action_callback_repromised),
        ("callback.closed", t.action_callback_closed),
        ("closed_day.added", t.action_closed_day_added),
        ("closed_day.removed", t.action_closed_day_removed),
        ("desk.opened", t.action_desk_opened),
        ("desk.closed", t.action_desk_closed),
        ("procedure.created", t.action_procedure_created),
        ("procedure.updated", t.action_procedure_updated),
        ("visit.registered", t.action_visit_registered),
        ("visit.called", t.action_visit_called),
        ("visit.started", t.action_visit_started),
        ("visit.delay_noted", t.action_visit_delay_noted),
        ("visit.no_show", t.action_visit_no_show),
        ("visit.no_show_undone", t.action_visit_no_show_undone),
        ("visit.recalled", t.action_visit_recalled),
        ("visit.finished", t.action_visit_finished),
        ("visit.redirected", t.action_visit_redirected),
        ("kiosk.created", t.action_kiosk_created),
        ("kiosk.code_renewed", t.action_kiosk_code_renewed),
        ("kiosk.revoked", t.action_kiosk_revoked),
        ("kiosk.enrolled", t.action_kiosk_enrolled),
        ("kiosk.enrol_refused", t.action_kiosk_enrol_refused),
        ("survey.questionnaire_saved", t.action_survey_questionnaire_saved),
        ("assessment.saved", t.action_assessment_saved),
        ("survey.comments_read", t.action_survey_comments_read),
        ("report.sheet_viewed", t.action_report_sheet_viewed),
    ]
}

#[derive(Deserialize, Default)]
pub struct AuditFilter {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub page: Option<u32>,
}

pub struct AuditRow {
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub record: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub ctx: PageCtx,
    pub filter: AuditFilter,
    pub rows: Vec<AuditRow>,
    pub actions: Vec<(&'static str, &'static str)>,
    pub page: u32,
    pub has_next: bool,
    pub errors: FormErrors,
}

impl AuditPage {
    pub fn action_label(&self, action: &str) -> String {
        self.actions.iter().find(|(a, _)| *a == action).map(|(_, l)| l.to_string()).unwrap_or_else(|| action.to_owned())
    }

    /// The link to another page, keeping the filters.
    pub fn page_link(&self, page: u32) -> String {
        let f = &self.filter;
        format!(
            "/admin/audit?from={}&to={}&action={}&actor={}&page={page}",
            url_encode(&f.from),
            url_encode(&f.to),
            url_encode(&f.action),
            url_encode(&f.actor)
        )
    }
}

pub async fn list_audit(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(filter): Query<AuditFilter>,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("from", t.audit_from), ("to", t.audit_to)]);
    let mut day_start = |field: &'static str, raw: &str, plus_days: i64| -> Option<DateTime<Utc>> {
        if raw.trim().is_empty() {
            return None;
        }
        match parse_date(raw.trim()) {
            Some(d) => Some(crate::calendar::start_of_day(d + chrono::Duration::days(plus_days), &ctx.tz)),
            None => {
                errors.add(field, t.audit_bad_date);
                None
            }
        }
    };
    let from = day_start("from", &filter.from, 0);
    let to = day_start("to", &filter.to, 1);
    let actions = actions(t);
    let action = actions.iter().find(|(a, _)| *a == filter.action).map(|(a, _)| a.to_string());
    let actor = Some(filter.actor.trim().to_lowercase()).filter(|a| !a.is_empty() && a.len() <= 100);
    let page = filter.page.unwrap_or(1).clamp(1, 100_000);

    let rows = sqlx::query!(
        r#"select a.occurred_at, coalesce(s.full_name || ' (' || a.actor_login || ')', a.actor_login, '') as "actor!",
                  host(a.ip) as ip, a.action, a.detail,
                  case a.target_type
                      when 'staff' then (select full_name from staff where staff_id::text = a.target_id)
                      when 'department' then (select symbol from department where department_id::text = a.target_id)
                      when 'desk' then (select number from desk where desk_id::text = a.target_id)
                  end as record
           from audit_event a left join staff s on s.staff_id = a.actor_id
           where ($1::timestamptz is null or a.occurred_at >= $1)
             and ($2::timestamptz is null or a.occurred_at < $2)
             and ($3::text is null or a.action = $3)
             and ($4::text is null or a.actor_login = $4)
           order by a.audit_event_id desc
           limit $5 offset $6"#,
        from,
        to,
        action,
        actor,
        PAGE_SIZE + 1,
        (i64::from(page) - 1) * PAGE_SIZE
    )
    .fetch_all(&state.db)
    .await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    let rows = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| AuditRow {
            occurred_at: r.occurred_at,
            actor: r.actor,
            ip: r.ip.unwrap_or_default(),
            action: r.action,
            record: r.record.unwrap_or_default(),
            detail: describe(&r.detail),
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = AuditPage { ctx, filter, rows, actions, page, has_next, errors };
    Ok((status, page).into_response())
}

/// `{"login": "clerk", "failures": 3}` as `login: clerk, failures: 3`.
fn describe(detail: &serde_json::Value) -> String {
    let Some(fields) = detail.as_object() else { return detail.to_string() };
    fields
        .iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k}: {s}"),
            other => format!("{k}: {other}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_plain_pairs() {
        let detail = serde_json::json!({ "login": "clerk", "failures": 3 });
        assert_eq!(describe(&detail), "failures: 3, login: clerk");
        assert_eq!(describe(&serde_json::json!({})), "");
    }
}
