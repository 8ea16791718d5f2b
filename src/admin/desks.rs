//! Service desks (stanowiska): number, floor, room, department.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::error::{AppError, Result, is_unique_violation};
use crate::office::{DepartmentOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct DeskRow {
    pub desk_id: Uuid,
    pub number: String,
    pub floor: i16,
    pub room: String,
    pub department_name: Option<String>,
    pub active: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/desks.html")]
pub struct DesksPage {
    pub ctx: PageCtx,
    pub rows: Vec<DeskRow>,
}

pub async fn list_desks(State(state): State<AppState>, ctx: PageCtx) -> Result<DesksPage> {
    let rows = sqlx::query_as!(
        DeskRow,
        r#"select k.desk_id, k.number, k.floor, k.room, d.name as "department_name?", k.active
           from desk k left join department d using (department_id)
           order by k.floor, length(k.number), k.number"#
    )
    .fetch_all(&state.db)
    .await?;
    Ok(DesksPage { ctx, rows })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/desk_form.html")]
pub struct DeskFormPage {
    pub ctx: PageCtx,
    pub desk_id: Option<Uuid>,
    pub number: String,
    pub floor: String,
    pub room: String,
    pub department_id: String,
    pub active: bool,
    pub departments: Vec<DepartmentOption>,
    pub errors: FormErrors,
}

pub async fn new_desk_form(State(state): State<AppState>, ctx: PageCtx) -> Result<DeskFormPage> {
    Ok(DeskFormPage {
        ctx,
        desk_id: None,
        number: String::new(),
        floor: "0".into(),
        room: String::new(),
        department_id: String::new(),
        active: true,
        departments: department_options(&state.db).await?,
        errors: FormErrors::default(),
    })
}

pub async fn edit_desk_form(State(state): State<AppState>, ctx: PageCtx, Path(id): Path<Uuid>) -> Result<DeskFormPage> {
    let d = sqlx::query!("select number, floor, room, department_id, active from desk where desk_id = $1", id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(DeskFormPage {
        ctx,
        desk_id: Some(id),
        number: d.number,
        floor: d.floor.to_string(),
        room: d.room,
        department_id: d.department_id.map(|id| id.to_string()).unwrap_or_default(),
        active: d.active,
        departments: department_options(&state.db).await?,
        errors: FormErrors::default(),
    })
}

struct Input {
    number: String,
    floor_raw: String,
    floor: i16,
    room: String,
    department_raw: String,
    department_id: Option<Uuid>,
    active: bool,
}

fn read(form: &FormData, ctx: &PageCtx, departments: &[DepartmentOption]) -> (Input, FormErrors) {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("number", t.desk_number),
        ("floor", t.desk_floor),
        ("room", t.desk_room),
        ("department_id", t.staff_department),
    ])
    .asking(&[("number", t.ask_desk_number), ("floor", t.ask_desk_floor), ("department_id", t.ask_department)]);
    let number = errors.take("number", form.required("number", 10, t));
    if errors.get("number").is_none() && !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        errors.add("number", t.desk_number_invalid);
    }
    let floor_raw = errors.take("floor", form.required("floor", 10, t));
    let floor = floor_raw.parse::<i16>().ok().filter(|f| (-5..=50).contains(f));
    if errors.get("floor").is_none() && floor.is_none() {
        errors.add("floor", t.desk_floor_invalid);
    }
    let room = errors.take("room", form.text("room", 50, t));
    let department_raw = errors.take("department_id", form.text("department_id", 36, t));
    let department_id =
        errors.choice("department_id", &department_raw, |id| departments.iter().any(|d| d.department_id == id), t);
    let input = Input {
        number,
        floor_raw,
        floor: floor.unwrap_or(0),
        room,
        department_raw,
        department_id,
        active: form.checked("active"),
    };
    (input, errors)
}

fn form_page(
    ctx: PageCtx,
    desk_id: Option<Uuid>,
    input: Input,
    departments: Vec<DepartmentOption>,
    errors: FormErrors,
) -> Response {
    let page = DeskFormPage {
        ctx,
        desk_id,
        number: input.number,
        floor: input.floor_raw,
        room: input.room,
        department_id: input.department_raw,
        active: input.active,
        departments,
        errors,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

pub async fn create_desk(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    save(state, session, actor, ctx, None, form).await
}

pub async fn update_desk(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    save(state, session, actor, ctx, Some(id), form).await
}

/// Adds a desk (`id` None) or changes one, with its audit record, in one transaction.
async fn save(
    state: AppState,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    id: Option<Uuid>,
    form: FormData,
) -> Result<Response> {
    let departments = department_options(&state.db).await?;
    let (input, mut errors) = read(&form, &ctx, &departments);
    if errors.is_empty() {
        let mut tx = state.db.begin().await?;
        let saved = match id {
            None => sqlx::query_scalar!(
                "insert into desk (number, floor, room, department_id) values ($1, $2, $3, $4) returning desk_id",
                input.number,
                input.floor,
                input.room,
                input.department_id
            )
            .fetch_one(&mut *tx)
            .await
            .map(Some),
            Some(id) => {
                sqlx::query_scalar!(
                    "update desk set number = $2, floor = $3, room = $4, department_id = $5, active = $6
                 where desk_id = $1 returning desk_id",
                    id,
                    input.number,
                    input.floor,
                    input.room,
                    input.department_id,
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
                    (Action::DeskUpdated, ctx.t.saved)
                } else {
                    (Action::DeskCreated, ctx.t.desk_created)
                };
                let detail =
                    serde_json::json!({ "number": input.number, "floor": input.floor, "active": input.active });
                actor.record(&mut *tx, action, Some(("desk", saved_id.to_string())), detail).await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, message).await?;
                return Ok(Redirect::to("/admin/desks").into_response());
            }
            Err(e) if is_unique_violation(&e, "desk_number_key") => errors.add("number", ctx.t.desk_number_taken),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(form_page(ctx, id, input, departments, errors))
}
