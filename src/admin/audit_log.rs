//! Browsing the audit log, with filters and pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::audit::Action;
use crate::auth::Role;
use crate::cases::{State as Stage, Step};
use crate::directory::absence_label;
use crate::error::Result;
use crate::home_visits::request::{state_label, step_done_label};
use crate::i18n::Texts;
use crate::reports::Month;
use crate::state::AppState;
use crate::visits::desk::outcome_label;
use crate::web::form::{FormErrors, parse_date};
use crate::web::page::PageCtx;
use crate::web::url_encode;

const PAGE_SIZE: i64 = 50;

/// Every action written to the log, with its label.
pub fn actions(t: &Texts) -> Vec<(&'static str, &'static str)> {
    Action::ALL.iter().map(|a| (a.as_str(), a.label(t))).collect()
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
    /// The employee's name (or the login typed, for a failed sign-in).
    pub actor: String,
    /// The login, under the name (the filter asks for it).
    pub login: String,
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
        r#"select a.occurred_at, coalesce(s.full_name, a.actor_login, '') as "actor!", a.actor_login as "login?",
                  host(a.ip) as ip, a.action, a.detail,
                  a.target_type,
                  case a.target_type
                      when 'staff' then (select full_name from staff where staff_id::text = a.target_id)
                      when 'department' then (select symbol from department where department_id::text = a.target_id)
                      when 'desk' then (select number from desk where desk_id::text = a.target_id)
                      when 'desk_session' then (select d.number from desk_session x join desk d using (desk_id)
                                                where x.desk_session_id::text = a.target_id)
                      when 'visit' then (select ticket from visit where visit_id::text = a.target_id)
                      when 'assistance_request' then (select v.ticket from assistance_request x join visit v using (visit_id)
                                                      where x.assistance_request_id::text = a.target_id)
                      when 'home_visit_request' then (select case_ref from case_file where case_file_id::text = a.target_id)
                      when 'complaint' then (select case_ref from case_file where case_file_id::text = a.target_id)
                      when 'kiosk' then (select name from kiosk where kiosk_id::text = a.target_id)
                      when 'case_kind' then (select name from case_kind where case_kind_id::text = a.target_id)
                      when 'questionnaire' then (select version::text from questionnaire where questionnaire_id::text = a.target_id)
                      when 'absence' then (select full_name from absence x join staff using (staff_id) where x.absence_id::text = a.target_id)
                      when 'away_notice' then (select full_name from away_notice x join staff using (staff_id)
                                               where x.away_notice_id::text = a.target_id)
                      when 'callback' then (select to_char(due_on, 'DD.MM.YYYY') from callback where callback_id::text = a.target_id)
                      when 'day' then a.target_id
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
    let names = names_of(&state.db, &rows.iter().map(|r| &r.detail).collect::<Vec<_>>()).await?;
    let rows = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| AuditRow {
            occurred_at: r.occurred_at,
            login: r.login.filter(|l| *l != r.actor).unwrap_or_default(),
            actor: r.actor,
            ip: r.ip.unwrap_or_default(),
            action: r.action,
            record: r.record.map(|raw| record_words(t, r.target_type.as_deref(), raw)).unwrap_or_default(),
            detail: describe(t, &r.detail, &names),
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = AuditPage { ctx, filter, rows, actions, page, has_next, errors };
    Ok((status, page).into_response())
}

/// What a row is about, said with its kind: "Numer P012", "Stanowisko 4",
/// "Oddzwonienie, termin 28.11.2026"; names and case references stand alone.
fn record_words(t: &Texts, target_type: Option<&str>, raw: String) -> String {
    match target_type {
        Some("visit" | "assistance_request") => format!("{} {raw}", t.audit_field_ticket),
        Some("desk" | "desk_session") => format!("{} {raw}", t.audit_field_desk),
        Some("questionnaire") => format!("{} {raw}", t.audit_field_version),
        Some("callback") => t.audit_record_callback.replace("{date}", &raw),
        Some("day") => NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_or(raw, |d| d.format("%d.%m.%Y").to_string()),
        _ => raw,
    }
}

/// A detail's field in the reader's words, or `None` for a field the log keeps
/// but does not show (technical ones).
fn field_label(t: &Texts, key: &str) -> Option<&'static str> {
    Some(match key {
        "login" => t.audit_field_login,
        "failures" => t.audit_field_failures,
        "reason" => t.audit_field_reason,
        "wait_seconds" => t.audit_field_wait_seconds,
        "roles" => t.audit_field_roles,
        "symbol" => t.audit_field_symbol,
        "name" => t.audit_field_name,
        "active" => t.audit_field_active,
        "number" | "desk" | "desk_id" => t.audit_field_desk,
        "floor" => t.audit_field_floor,
        "path" => t.audit_field_path,
        "method" => t.audit_field_method,
        "had_session_token" => t.audit_field_had_session,
        "cross_origin" => t.audit_field_cross_origin,
        "case_ref" => t.audit_field_case_ref,
        "state" => t.audit_field_state,
        "step" => t.audit_field_step,
        "from" => t.audit_field_from,
        "to" => t.audit_field_to,
        "ticket" => t.audit_field_ticket,
        "priority" => t.audit_field_priority,
        "stand" => t.audit_field_stand,
        "outcome" => t.audit_field_outcome,
        "status" => t.audit_field_status,
        "due_on" => t.audit_field_due_on,
        "back_at" => t.audit_field_back_at,
        "substitute" => t.audit_field_substitute,
        "late" => t.audit_field_late,
        "by" => t.audit_field_by,
        "staff_id" => t.audit_field_staff,
        "first_day" => t.audit_field_first_day,
        "last_day" => t.audit_field_last_day,
        "kind" => t.audit_field_kind,
        "month" => t.audit_field_month,
        "availability" => t.assess_availability,
        "discipline" => t.assess_discipline,
        "kindness" => t.assess_kindness,
        "previous_availability" => t.audit_field_previous_availability,
        "previous_discipline" => t.audit_field_previous_discipline,
        "previous_kindness" => t.audit_field_previous_kindness,
        "previous_comment" => t.audit_field_previous_comment,
        "previous_by" => t.audit_field_previous_by,
        "version" => t.audit_field_version,
        "questions" => t.audit_field_questions,
        "purpose" => t.audit_field_purpose,
        "via" => t.audit_field_via,
        "user_agent" => t.audit_field_user_agent,
        "factor" => t.audit_field_factor,
        "left" => t.audit_field_left,
        "replaced" => t.audit_field_replaced,
        "sessions_ended" => t.audit_field_sessions_ended,
        "must_change_password" => t.audit_field_must_change_password,
        "required_by_admin" => t.audit_field_required_by_admin,
        "address" => t.audit_field_address,
        _ => return None,
    })
}

/// A detail's value in the reader's words: codes by their labels, dates as the
/// office writes them, yes and no, and the names of the records a UUID stands for.
fn value_words(t: &Texts, key: &str, value: &serde_json::Value, names: &HashMap<String, String>) -> String {
    use serde_json::Value as V;
    match value {
        V::Null => "–".into(),
        V::Bool(b) => (if *b { t.yes } else { t.no }).into(),
        V::Number(n) => n.to_string(),
        V::Array(items) => items.iter().map(|v| value_words(t, key, v, names)).collect::<Vec<_>>().join(", "),
        V::Object(_) => value.to_string(),
        V::String(s) => {
            let code = s.as_str();
            let word = match key {
                "roles" => Role::parse(code).map(|r| r.label(t)),
                "reason" => match code {
                    "bad_credentials" => Some(t.audit_reason_bad_credentials),
                    "throttled" => Some(t.audit_reason_throttled),
                    "address_rate_limited" => Some(t.audit_reason_address_limited),
                    "wrong_code" => Some(t.audit_reason_wrong_code),
                    "replayed_code" => Some(t.audit_reason_replayed_code),
                    "used_recovery_code" => Some(t.audit_reason_used_recovery_code),
                    "no_second_factor" => Some(t.audit_reason_no_second_factor),
                    _ => None,
                },
                "factor" => match code {
                    "totp" => Some(t.audit_factor_totp),
                    "recovery_code" => Some(t.audit_factor_recovery_code),
                    _ => None,
                },
                // A stage's code; otherwise ("to" of a redirect) a UUID named below.
                "state" | "from" | "to" => {
                    Stage::ALL.into_iter().find(|st| st.as_str() == code).map(|st| state_label(t, st))
                }
                "step" => Step::parse(code)
                    .or((code == "register").then_some(Step::Register))
                    .map(|st| step_done_label(t, st)),
                "outcome" => Some(outcome_label(t, code)),
                "status" => match code {
                    "done" => Some(t.callback_done),
                    "unreachable" => Some(t.callback_unreachable),
                    _ => None,
                },
                "kind" => Some(absence_label(t, code)),
                "purpose" => match code {
                    "Survey" => Some(t.kiosks_title),
                    "Tickets" => Some(t.kiosk_stand),
                    _ => None,
                },
                "by" if code == "call" => Some(t.audit_by_call),
                _ => None,
            };
            if let Some(word) = word {
                return word.to_owned();
            }
            if let Some(name) = names.get(code) {
                return name.clone();
            }
            if let Ok(date) = NaiveDate::parse_from_str(code, "%Y-%m-%d") {
                return date.format("%d.%m.%Y").to_string();
            }
            if let Some(month) = Month::parse(code).filter(|_| key == "month") {
                return month.label(t);
            }
            code.to_owned()
        }
    }
}

/// `{"login": "clerk", "reason": "bad_credentials", "failures": 3}` as
/// "Login: clerk; Powód: błędny login lub hasło; Nieudane próby: 3".
fn describe(t: &Texts, detail: &serde_json::Value, names: &HashMap<String, String>) -> String {
    let Some(fields) = detail.as_object() else { return String::new() };
    fields
        .iter()
        .filter_map(|(k, v)| field_label(t, k).map(|label| format!("{label}: {}", value_words(t, k, v, names))))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The UUIDs in the details (an employee, a desk, a stand) and what they name.
async fn names_of(db: &sqlx::PgPool, details: &[&serde_json::Value]) -> sqlx::Result<HashMap<String, String>> {
    fn uuids(v: &serde_json::Value, out: &mut Vec<Uuid>) {
        match v {
            serde_json::Value::String(s) => out.extend(Uuid::parse_str(s).ok()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| uuids(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| uuids(v, out)),
            _ => {}
        }
    }
    let mut ids = Vec::new();
    details.iter().for_each(|d| uuids(d, &mut ids));
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sqlx::query!(
        r#"select staff_id::text as "id!", full_name as "name!" from staff where staff_id = any($1)
           union all select desk_id::text, $2 || ' ' || number from desk where desk_id = any($1)
           union all select kiosk_id::text, name from kiosk where kiosk_id = any($1)
           union all select department_id::text, symbol from department where department_id = any($1)"#,
        &ids,
        "№"
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, PL};

    #[test]
    fn details_read_as_words_in_both_languages() {
        let names = HashMap::from([("0e6d3b8e-1c1d-4f7e-9a59-1a0b0c0d0e0f".to_owned(), "Anna Kowalczyk".to_owned())]);
        let detail = serde_json::json!({ "login": "clerk", "reason": "bad_credentials", "failures": 3 });
        assert_eq!(describe(&PL, &detail, &names), "Nieudane próby: 3; Login: clerk; Powód: błędny login lub hasło");
        assert_eq!(describe(&EN, &detail, &names), "Failed attempts: 3; Login: clerk; Reason: wrong login or password");
        let step = serde_json::json!({ "step": "send_back", "from": "decreed", "to": "registered" });
        assert_eq!(
            describe(&PL, &step, &names),
            "Z etapu: Zadekretowany do komórki; Krok: Zwrot do poprzedniego etapu; Na etap: Zarejestrowany"
        );
        let absence = serde_json::json!({ "staff_id": "0e6d3b8e-1c1d-4f7e-9a59-1a0b0c0d0e0f", "first_day": "2026-11-02", "kind": "leave" });
        assert_eq!(describe(&PL, &absence, &names), "Od dnia: 02.11.2026; Rodzaj: urlop; Pracownik: Anna Kowalczyk");
        assert_eq!(
            describe(&PL, &serde_json::json!({ "month": "2026-10", "active": true }), &names),
            "Aktywne: Tak; Miesiąc: październik 2026"
        );
        assert_eq!(describe(&PL, &serde_json::json!({}), &names), "");
    }

    #[test]
    fn every_action_has_words_and_a_code_of_its_own() {
        let codes: std::collections::HashSet<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(codes.len(), Action::ALL.len());
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(*a));
            for label in [a.label(&PL), a.label(&EN)] {
                let capital = label.chars().next().is_some_and(char::is_uppercase);
                assert!(capital && !label.contains('_') && !label.contains(a.as_str()), "{a:?}: words, not a code");
            }
        }
    }
}
