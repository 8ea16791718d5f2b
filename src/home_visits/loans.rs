//! Who may be designated for a home visit: the staff of the department the
//! director gave the request to, and a colleague of another department only once
//! that department's head has agreed to lend them for this request (issue 12,
//! finding 8: any employee could be designated, and then read the PESEL and the
//! health reason).
//!
//! The asking head writes why this colleague (a language, a district they know);
//! the lending head reads that, the case reference and the names, nothing of the
//! client, and agrees or refuses from their home-visit list. Both are audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::queries;
use super::request::{Asked, StepInput, request_page};
use crate::audit::{Action, Actor};
use crate::auth::{CurrentUser, Role};
use crate::cases::Step;
use crate::error::{AppError, Result};
use crate::office::StaffOption;
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

/// The request page's form for asking: its `step` in `StepInput`.
pub const ASK_FORM: &str = "ask_colleague";

/// Who the head may designate: the front-line staff (clerks, the information
/// point) of `department`, then the colleagues of other departments lent for this
/// request, by name.
pub async fn designable(db: &sqlx::PgPool, request: Uuid, department: Option<Uuid>) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?" from staff s left join department d using (department_id)
           where s.active
             and exists (select 1 from staff_role r where r.staff_id = s.staff_id and r.role = any($3))
             and (s.department_id = $2
                  or exists (select 1 from home_visit_loan l where l.home_visit_request_id = $1
                             and l.staff_id = s.staff_id and l.agreed))
           order by (s.department_id is not distinct from $2) desc, s.full_name"#,
        request,
        department,
        &front_line_roles() as &[String],
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

/// Colleagues of other departments the head may ask for: front-line staff not
/// already asked for this request (unless refused) nor lent to it.
pub async fn askable(db: &sqlx::PgPool, request: Uuid, department: Option<Uuid>) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department!" from staff s join department d using (department_id)
           where s.active and s.department_id is distinct from $2
             and exists (select 1 from staff_role r where r.staff_id = s.staff_id and r.role = any($3))
             and not exists (select 1 from home_visit_loan l where l.home_visit_request_id = $1
                             and l.staff_id = s.staff_id and l.agreed is distinct from false)
           order by d.name, s.full_name"#,
        request,
        department,
        &front_line_roles() as &[String],
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, Some(r.department))).collect())
}

fn front_line_roles() -> Vec<String> {
    vec![Role::Clerk.as_str().to_owned(), Role::InfoPoint.as_str().to_owned()]
}

/// An ask, as the asking head sees it on the request page.
pub struct LoanLine {
    pub colleague: String,
    pub department: String,
    pub asked_at: DateTime<Utc>,
    pub note: String,
    /// None while the lending head has not answered.
    pub agreed: Option<bool>,
}

pub async fn loans_of(db: &sqlx::PgPool, request: Uuid) -> sqlx::Result<Vec<LoanLine>> {
    let rows = sqlx::query_as!(
        LoanLine,
        r#"select s.full_name as colleague, d.name as department, l.asked_at, l.note, l.agreed
           from home_visit_loan l join staff s using (staff_id) join department d on d.department_id = l.lending_department_id
           where l.home_visit_request_id = $1 order by l.asked_at"#,
        request
    )
    .fetch_all(db)
    .await?;
    Ok(rows)
}

/// An ask waiting for this head's answer: the case reference, who asks from which
/// department, for whom, and why; nothing of the client.
pub struct AskLine {
    pub loan_id: Uuid,
    pub case_ref: String,
    pub asking_department: String,
    pub asked_by: String,
    pub colleague: String,
    pub asked_at: DateTime<Utc>,
    pub note: String,
}

pub async fn asks_for(db: &sqlx::PgPool, user: &CurrentUser) -> sqlx::Result<Vec<AskLine>> {
    let Some(department) = user.department_id.filter(|_| user.has(Role::DepartmentHead)) else {
        return Ok(Vec::new());
    };
    sqlx::query_as!(
        AskLine,
        r#"select l.home_visit_loan_id as loan_id, r.case_ref, coalesce(d.name, '–') as "asking_department!",
                  a.full_name as asked_by, s.full_name as colleague, l.asked_at, l.note
           from home_visit_loan l
           join case_file r on r.case_file_id = l.home_visit_request_id
           left join department d on d.department_id = r.department_id
           join staff a on a.staff_id = l.asked_by
           join staff s on s.staff_id = l.staff_id
           where l.lending_department_id = $1 and l.answered_at is null
             and r.state = 'decreed'
           order by l.asked_at"#,
        department
    )
    .fetch_all(db)
    .await
}

/// The head of the request's department asks another department for a colleague.
pub async fn ask(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let request = queries::find(&state.db, &state.config.keys, id).await?.ok_or(AppError::NotFound)?;
    // Whoever may schedule the visit now may ask: its department's head, while decreed.
    if !request.case.steps_open(&user).contains(&Step::Schedule) {
        return Err(AppError::Forbidden);
    }
    let department = request.case.facts.department_id;
    let mut errors = FormErrors::labelled(&[("loan_staff_id", t.hv_loan_colleague), ("loan_note", t.hv_loan_note)])
        .asking(&[("loan_staff_id", t.hv_loan_ask_colleague), ("loan_note", t.hv_loan_ask_note)]);
    let input = StepInput {
        step: ASK_FORM.to_owned(),
        loan_staff_id: errors.take("loan_staff_id", form.text("loan_staff_id", 36, t)),
        loan_note: errors.take("loan_note", form.text("loan_note", 500, t)),
        ..StepInput::default()
    };
    // A second click (or a second tab) finds the ask already made: nothing more to do.
    let already = sqlx::query_scalar!(
        r#"select exists (select 1 from home_visit_loan where home_visit_request_id = $1
                          and staff_id::text = $2 and agreed is distinct from false) as "asked!""#,
        id,
        input.loan_staff_id
    )
    .fetch_one(&state.db)
    .await?;
    if already {
        set_flash(&session, FlashKind::Success, t.hv_loan_asked).await?;
        return Ok(Redirect::to(&format!("/home-visits/{id}")).into_response());
    }
    let candidates = askable(&state.db, id, department).await?;
    let colleague =
        errors.choice("loan_staff_id", &input.loan_staff_id, |s| candidates.iter().any(|c| c.staff_id == s), t);
    if colleague.is_none() && errors.get("loan_staff_id").is_none() {
        errors.add("loan_staff_id", t.hv_loan_ask_colleague);
    }
    if input.loan_note.chars().count() < 3 && errors.get("loan_note").is_none() {
        errors.add("loan_note", t.hv_loan_ask_note);
    }
    let Some(colleague) = colleague.filter(|_| errors.is_empty()) else {
        let page = request_page(&state, &user, &actor, ctx, id, Asked { show_pesel: false, input, errors }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let mut tx = state.db.begin().await?;
    // A second click, or a colleague asked meanwhile by another tab: asked once.
    let asked = sqlx::query_scalar!(
        "insert into home_visit_loan (home_visit_request_id, staff_id, lending_department_id, asked_by, asked_at, note)
         select $1, s.staff_id, s.department_id, $3, $4, $5 from staff s where s.staff_id = $2 and s.department_id is not null
         on conflict do nothing
         returning home_visit_loan_id",
        id,
        colleague,
        user.staff_id,
        ctx.now,
        input.loan_note,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(loan) = asked {
        let detail = serde_json::json!({ "loan": loan, "staff": colleague });
        actor
            .record(&mut *tx, Action::HomeVisitLoanAsked, Some(("home_visit_request", id.to_string())), detail)
            .await?;
        crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    }
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.hv_loan_asked).await?;
    Ok(Redirect::to(&format!("/home-visits/{id}")).into_response())
}

/// The lending department's head agrees or refuses.
pub async fn answer(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(loan): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let agreed = match form.raw("decision") {
        Some("agree") => true,
        Some("refuse") => false,
        _ => return Err(AppError::Unprocessable),
    };
    let Some(department) = user.department_id.filter(|_| user.has(Role::DepartmentHead)) else {
        return Err(AppError::Forbidden);
    };
    let mut tx = state.db.begin().await?;
    // Only the head of the colleague's department, only once.
    let answered = sqlx::query!(
        "update home_visit_loan set answered_by = $3, answered_at = $4, agreed = $5
         where home_visit_loan_id = $1 and lending_department_id = $2 and answered_at is null
         returning home_visit_request_id, staff_id",
        loan,
        department,
        user.staff_id,
        ctx.now,
        agreed,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(answered) = answered else {
        let theirs = sqlx::query_scalar!(
            r#"select exists (select 1 from home_visit_loan where home_visit_loan_id = $1 and lending_department_id = $2) as "theirs!""#,
            loan,
            department
        )
        .fetch_one(&mut *tx)
        .await?;
        if !theirs {
            return Err(AppError::Forbidden);
        }
        set_flash(&session, FlashKind::Info, ctx.t.hv_loan_already_answered).await?;
        return Ok(Redirect::to("/home-visits").into_response());
    };
    let detail = serde_json::json!({ "loan": loan, "staff": answered.staff_id, "agreed": agreed });
    let target = Some(("home_visit_request", answered.home_visit_request_id.to_string()));
    actor.record(&mut *tx, Action::HomeVisitLoanAnswered, target, detail).await?;
    crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    tx.commit().await?;
    let text = if agreed { ctx.t.hv_loan_agreed_msg } else { ctx.t.hv_loan_refused_msg };
    set_flash(&session, FlashKind::Success, text).await?;
    Ok(Redirect::to("/home-visits").into_response())
}
