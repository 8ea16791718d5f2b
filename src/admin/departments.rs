//! Departments (komórki merytoryczne) and their symbols for case references.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::error::{AppError, Result, is_unique_violation};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct DepartmentRow {
    pub department_id: Uuid,
    pub symbol: String,
    pub name: String,
    pub active: bool,
    pub staff_count: i64,
    pub desk_count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/departments.html")]
pub struct DepartmentsPage {
    pub ctx: PageCtx,
    pub rows: Vec<DepartmentRow>,
}

pub async fn list_departments(State(state): State<AppState>, ctx: PageCtx) -> Result<DepartmentsPage> {
    let rows = sqlx::query_as!(
        DepartmentRow,
        r#"select d.department_id, d.symbol, d.name, d.active,
                  (select count(*) from staff s where s.department_id = d.department_id and s.active) as "staff_count!",
                  (select count(*) from desk k where k.department_id = d.department_id and k.active) as "desk_count!"
           from department d order by d.name"#
    )
    .fetch_all(&state.db)
    .await?;
    Ok(DepartmentsPage { ctx, rows })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/department_form.html")]
pub struct DepartmentFormPage {
    pub ctx: PageCtx,
    /// None when adding a new department.
    pub department_id: Option<Uuid>,
    pub symbol: String,
    pub name: String,
    pub active: bool,
    pub errors: FormErrors,
}

pub async fn new_department_form(ctx: PageCtx) -> DepartmentFormPage {
    DepartmentFormPage {
        ctx,
        department_id: None,
        symbol: String::new(),
        name: String::new(),
        active: true,
        errors: FormErrors::default(),
    }
}

pub async fn edit_department_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<DepartmentFormPage> {
    let d = sqlx::query!("select symbol, name, active from department where department_id = $1", id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(DepartmentFormPage {
        ctx,
        department_id: Some(id),
        symbol: d.symbol,
        name: d.name,
        active: d.active,
        errors: FormErrors::default(),
    })
}

fn valid_symbol(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && s.len() <= 16
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

struct Input {
    symbol: String,
    name: String,
    active: bool,
}

fn read(form: &FormData, ctx: &PageCtx) -> (Input, FormErrors) {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("symbol", t.department_symbol), ("name", t.department_name)])
        .asking(&[("symbol", t.ask_department_symbol), ("name", t.ask_department_name)]);
    let symbol = errors.take("symbol", form.required("symbol", 16, t)).to_uppercase();
    if errors.get("symbol").is_none() && !valid_symbol(&symbol) {
        errors.add("symbol", t.department_symbol_invalid);
    }
    let name = errors.take("name", form.required_between("name", 2, 200, t));
    (Input { symbol, name, active: form.checked("active") }, errors)
}

fn map_unique(e: sqlx::Error, errors: &mut FormErrors, ctx: &PageCtx) -> Result<(), AppError> {
    if is_unique_violation(&e, "department_symbol_key") {
        errors.add("symbol", ctx.t.department_symbol_taken);
        Ok(())
    } else if is_unique_violation(&e, "department_name_key") {
        errors.add("name", ctx.t.department_name_taken);
        Ok(())
    } else {
        Err(e.into())
    }
}

pub async fn create_department(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    save(state, session, actor, ctx, None, form).await
}

pub async fn update_department(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    save(state, session, actor, ctx, Some(id), form).await
}

/// Adds a department (`id` None) or changes one, with its audit record, in one transaction.
async fn save(
    state: AppState,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    id: Option<Uuid>,
    form: FormData,
) -> Result<Response> {
    let (input, mut errors) = read(&form, &ctx);
    if errors.is_empty() {
        let mut tx = state.db.begin().await?;
        let saved = match id {
            None => sqlx::query_scalar!(
                "insert into department (symbol, name) values ($1, $2) returning department_id",
                input.symbol,
                input.name
            )
            .fetch_one(&mut *tx)
            .await
            .map(Some),
            Some(id) => {
                sqlx::query_scalar!(
                    "update department set symbol = $2, name = $3, active = $4 where department_id = $1
                 returning department_id",
                    id,
                    input.symbol,
                    input.name,
                    input.active
                )
                .fetch_optional(&mut *tx)
                .await
            }
        };
        match saved {
            Ok(None) => return Err(AppError::NotFound),
            Ok(Some(saved_id)) => {
                let (action, message) = if id.is_some() {
                    (Action::DepartmentUpdated, ctx.t.saved)
                } else {
                    (Action::DepartmentCreated, ctx.t.department_created)
                };
                let detail = serde_json::json!({ "symbol": input.symbol, "name": input.name, "active": input.active });
                actor.record(&mut *tx, action, Some(("department", saved_id.to_string())), detail).await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, message).await?;
                return Ok(Redirect::to("/admin/departments").into_response());
            }
            Err(e) => map_unique(e, &mut errors, &ctx)?,
        }
    }
    let page = DepartmentFormPage {
        ctx,
        department_id: id,
        symbol: input.symbol,
        name: input.name,
        active: input.active,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::valid_symbol;

    #[test]
    fn symbols_are_capitals_and_digits_starting_with_a_letter() {
        assert!(valid_symbol("USC"));
        assert!(valid_symbol("BOM-2"));
        assert!(!valid_symbol("2BOM"));
        assert!(!valid_symbol("usc"));
        assert!(!valid_symbol(""));
        assert!(!valid_symbol("ABCDEFGHIJKLMNOPQ"));
    }
}
