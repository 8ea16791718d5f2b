//! Procedure cards (karty usług, Std 8-10, §4.5): what to bring, forms, fees and where
//! to pay, legal basis, time to settle, where to file; a printable checklist (Std 8.7).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::access::CARD_EDITORS;
use crate::auth::{CurrentUser, Role};
use crate::error::{AppError, Result, is_unique_violation};
use crate::office::{DepartmentOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};
use crate::web::pager::Pager;

pub struct CaseKind {
    pub case_kind_id: Uuid,
    pub department_id: Uuid,
    pub department_name: String,
    pub name: String,
    pub keywords: String,
    pub documents: String,
    pub forms: String,
    pub fees: String,
    pub payment: String,
    pub legal_basis: String,
    pub settle_time: String,
    pub where_to_file: String,
    pub needs_client_data: bool,
    pub active: bool,
}

impl CaseKind {
    /// A text area's lines, as list items.
    pub fn lines(text: &str) -> Vec<&str> {
        text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }
}

/// The words of a search, lower-case and without Polish diacritics, so that
/// "dowod" finds "Dowód osobisty".
pub fn search_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| {
            w.to_lowercase()
                .chars()
                .map(|c| match c {
                    'ą' => 'a',
                    'ć' => 'c',
                    'ę' => 'e',
                    'ł' => 'l',
                    'ń' => 'n',
                    'ó' => 'o',
                    'ś' => 's',
                    'ź' | 'ż' => 'z',
                    c => c,
                })
                .collect()
        })
        .collect()
}

/// May this employee change the cards of this department?
pub fn may_edit(user: &CurrentUser, department_id: Uuid) -> bool {
    user.has(Role::Admin) || (user.has(Role::DepartmentHead) && user.department_id == Some(department_id))
}

pub struct CaseKindRow {
    pub case_kind_id: Uuid,
    pub name: String,
    pub department_name: String,
    pub settle_time: String,
    pub active: bool,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    pub page: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "procedures/list.html")]
pub struct ProceduresPage {
    pub ctx: PageCtx,
    pub q: String,
    pub rows: Vec<CaseKindRow>,
    pub can_add: bool,
    pub pager: Pager,
}

pub async fn list_procedures(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<SearchQuery>,
) -> Result<ProceduresPage> {
    let q: String = query.q.chars().take(100).collect();
    let words = search_words(&q);
    let mut pager = Pager::new("/procedures", &[("q", &q)], query.page, 50);
    let rows = sqlx::query_as!(
        CaseKindRow,
        r#"select k.case_kind_id, k.name, d.name as department_name, k.settle_time, k.active
           from case_kind k join department d using (department_id)
           where (k.active or $2)
             and not exists (
                 select 1 from unnest($1::text[]) w
                 where translate(lower(k.name || ' ' || k.keywords || ' ' || d.name), 'ąćęłńóśźż', 'acelnoszz')
                       not like '%' || w || '%')
           order by k.active desc, k.name
           limit $3 offset $4"#,
        &words,
        user.may(CARD_EDITORS),
        pager.limit(),
        pager.offset(),
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager.take(rows);
    Ok(ProceduresPage { can_add: ctx.may_open("/procedures/new"), ctx, q, rows, pager })
}

pub async fn find(db: &sqlx::PgPool, id: Uuid) -> Result<CaseKind> {
    sqlx::query_as!(
        CaseKind,
        r#"select k.case_kind_id, k.department_id, d.name as department_name, k.name, k.keywords, k.documents,
                  k.forms, k.fees, k.payment, k.legal_basis, k.settle_time, k.where_to_file,
                  k.needs_client_data, k.active
           from case_kind k join department d using (department_id) where k.case_kind_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "procedures/show.html")]
pub struct ProcedurePage {
    pub ctx: PageCtx,
    pub card: CaseKind,
    pub can_edit: bool,
}

impl ProcedurePage {
    /// The card's parts, in the order a client needs them.
    pub fn sections(&self) -> Vec<(&'static str, &str)> {
        let (t, c) = (self.ctx.t, &self.card);
        vec![
            (t.procedure_documents, c.documents.as_str()),
            (t.procedure_forms, c.forms.as_str()),
            (t.procedure_fees, c.fees.as_str()),
            (t.procedure_payment, c.payment.as_str()),
            (t.procedure_where_to_file, c.where_to_file.as_str()),
            (t.procedure_settle_time, c.settle_time.as_str()),
            (t.procedure_legal_basis, c.legal_basis.as_str()),
        ]
    }
}

pub async fn show_procedure(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<ProcedurePage> {
    let card = find(&state.db, id).await?;
    Ok(ProcedurePage { can_edit: may_edit(&user, card.department_id), ctx, card })
}

#[derive(Template, WebTemplate)]
#[template(path = "procedures/checklist.html")]
pub struct ChecklistPage {
    pub ctx: PageCtx,
    pub card: CaseKind,
}

/// The one-page list of steps handed to the client (Std 8.7).
pub async fn print_checklist(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<ChecklistPage> {
    Ok(ChecklistPage { card: find(&state.db, id).await?, ctx })
}

#[derive(Template, WebTemplate)]
#[template(path = "procedures/form.html")]
pub struct ProcedureFormPage {
    pub ctx: PageCtx,
    pub case_kind_id: Option<Uuid>,
    pub form: ProcedureInput,
    pub departments: Vec<DepartmentOption>,
    pub errors: FormErrors,
}

#[derive(Default)]
pub struct ProcedureInput {
    pub department_id: String,
    pub name: String,
    pub keywords: String,
    pub documents: String,
    pub forms: String,
    pub fees: String,
    pub payment: String,
    pub legal_basis: String,
    pub settle_time: String,
    pub where_to_file: String,
    pub needs_client_data: bool,
    pub active: bool,
}

/// The departments this employee may write cards for.
async fn editable_departments(db: &sqlx::PgPool, user: &CurrentUser) -> Result<Vec<DepartmentOption>> {
    let all = department_options(db).await?;
    Ok(all.into_iter().filter(|d| may_edit(user, d.department_id)).collect())
}

pub async fn new_procedure_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<ProcedureFormPage> {
    let departments = editable_departments(&state.db, &user).await?;
    let department_id = user.department_id.map(|d| d.to_string()).unwrap_or_default();
    let form = ProcedureInput { department_id, active: true, ..Default::default() };
    Ok(ProcedureFormPage { ctx, case_kind_id: None, form, departments, errors: FormErrors::default() })
}

pub async fn edit_procedure_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<ProcedureFormPage> {
    let card = find(&state.db, id).await?;
    if !may_edit(&user, card.department_id) {
        return Err(AppError::Forbidden);
    }
    let form = ProcedureInput {
        department_id: card.department_id.to_string(),
        name: card.name,
        keywords: card.keywords,
        documents: card.documents,
        forms: card.forms,
        fees: card.fees,
        payment: card.payment,
        legal_basis: card.legal_basis,
        settle_time: card.settle_time,
        where_to_file: card.where_to_file,
        needs_client_data: card.needs_client_data,
        active: card.active,
    };
    let departments = editable_departments(&state.db, &user).await?;
    Ok(ProcedureFormPage { ctx, case_kind_id: Some(id), form, departments, errors: FormErrors::default() })
}

fn read(
    form: &FormData,
    ctx: &PageCtx,
    departments: &[DepartmentOption],
) -> (ProcedureInput, Option<Uuid>, FormErrors) {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("department_id", t.staff_department),
        ("name", t.procedure_name),
        ("keywords", t.procedure_keywords),
        ("documents", t.procedure_documents),
        ("forms", t.procedure_forms),
        ("fees", t.procedure_fees),
        ("payment", t.procedure_payment),
        ("legal_basis", t.procedure_legal_basis),
        ("settle_time", t.procedure_settle_time),
        ("where_to_file", t.procedure_where_to_file),
    ])
    .asking(&[("department_id", t.ask_department), ("name", t.ask_procedure_name)]);
    let department_raw = errors.take("department_id", form.required("department_id", 36, t));
    let department_id = if department_raw.is_empty() {
        None
    } else {
        errors.choice("department_id", &department_raw, |id| departments.iter().any(|d| d.department_id == id), t)
    };
    let input = ProcedureInput {
        department_id: department_raw,
        name: errors.take("name", form.required_between("name", 2, 200, t)),
        keywords: errors.take("keywords", form.text("keywords", 500, t)),
        documents: errors.take("documents", form.text("documents", 4000, t)),
        forms: errors.take("forms", form.text("forms", 4000, t)),
        fees: errors.take("fees", form.text("fees", 2000, t)),
        payment: errors.take("payment", form.text("payment", 2000, t)),
        legal_basis: errors.take("legal_basis", form.text("legal_basis", 2000, t)),
        settle_time: errors.take("settle_time", form.text("settle_time", 500, t)),
        where_to_file: errors.take("where_to_file", form.text("where_to_file", 500, t)),
        needs_client_data: form.checked("needs_client_data"),
        active: form.checked("active"),
    };
    (input, department_id, errors)
}

pub async fn create_procedure(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    save(state, session, user, actor, ctx, None, form).await
}

pub async fn update_procedure(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let card = find(&state.db, id).await?;
    if !may_edit(&user, card.department_id) {
        return Err(AppError::Forbidden);
    }
    save(state, session, user, actor, ctx, Some(id), form).await
}

async fn save(
    state: AppState,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    id: Option<Uuid>,
    form: FormData,
) -> Result<Response> {
    let departments = editable_departments(&state.db, &user).await?;
    let (input, department_id, mut errors) = read(&form, &ctx, &departments);
    if let (true, Some(department_id)) = (errors.is_empty(), department_id) {
        let mut tx = state.db.begin().await?;
        let saved = match id {
            None => sqlx::query_scalar!(
                "insert into case_kind (department_id, name, keywords, documents, forms, fees, payment, legal_basis,
                                        settle_time, where_to_file, needs_client_data, active)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true) returning case_kind_id",
                department_id,
                input.name,
                input.keywords,
                input.documents,
                input.forms,
                input.fees,
                input.payment,
                input.legal_basis,
                input.settle_time,
                input.where_to_file,
                input.needs_client_data,
            )
            .fetch_one(&mut *tx)
            .await
            .map(Some),
            Some(id) => {
                sqlx::query_scalar!(
                    "update case_kind set department_id = $2, name = $3, keywords = $4, documents = $5, forms = $6,
                        fees = $7, payment = $8, legal_basis = $9, settle_time = $10, where_to_file = $11,
                        needs_client_data = $12, active = $13, updated_at = $14
                 where case_kind_id = $1 returning case_kind_id",
                    id,
                    department_id,
                    input.name,
                    input.keywords,
                    input.documents,
                    input.forms,
                    input.fees,
                    input.payment,
                    input.legal_basis,
                    input.settle_time,
                    input.where_to_file,
                    input.needs_client_data,
                    input.active,
                    ctx.now,
                )
                .fetch_optional(&mut *tx)
                .await
            }
        };
        match saved {
            Ok(None) => return Err(AppError::NotFound),
            Ok(Some(saved_id)) => {
                let action = if id.is_some() { Action::ProcedureUpdated } else { Action::ProcedureCreated };
                let detail = serde_json::json!({ "name": input.name, "active": input.active });
                actor.record(&mut *tx, action, Some(("case_kind", saved_id.to_string())), detail).await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, ctx.t.saved).await?;
                return Ok(Redirect::to(&format!("/procedures/{saved_id}")).into_response());
            }
            Err(e) if is_unique_violation(&e, "case_kind_department_id_name_key") => {
                errors.add("name", ctx.t.procedure_name_taken)
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = ProcedureFormPage { ctx, case_kind_id: id, form: input, departments, errors };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_ignore_case_and_polish_diacritics() {
        assert_eq!(search_words("Dowód  osobisty!"), vec!["dowod", "osobisty"]);
        assert_eq!(search_words("ZAMELDOWANIE"), vec!["zameldowanie"]);
        assert_eq!(search_words("źle żółć"), vec!["zle", "zolc"]);
        assert!(search_words("  ").is_empty());
    }
}
