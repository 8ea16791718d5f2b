//! Trainings the staff took part in (§7.2.3): title, date, hours and who
//! attended, entered by supervisors, the director and department heads (for the
//! department's own staff); the register, its exports, and each employee's
//! trainings on their monthly sheet (`reports::sheet`).

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::access::TRAINING_KEEPERS_OF_EVERYONE;
use crate::auth::{CurrentUser, Role};
use crate::error::{AppError, Result};
use crate::i18n::{Lang, Texts};
use crate::office::StaffOption;
use crate::state::AppState;
use crate::web::export::{ExportFormat, Table, download};
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, FlashKind, PageCtx, saved, set_flash};
use crate::web::pager::Pager;

/// "4 h", "3,5 h" (Polish) or "3.5 h" (English).
pub fn hours_text(lang: Lang, hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0} h")
    } else {
        format!("{} h", crate::reports::page::decimal(lang, hours))
    }
}

/// Hours as typed: "3", "3,5" or "3.5"; more than 0 and at most 200, in tenths.
pub fn parse_hours(raw: &str) -> Option<f64> {
    let hours: f64 = raw.trim().replace(',', ".").parse().ok()?;
    let hours = (hours * 10.0).round() / 10.0;
    (hours.is_finite() && hours > 0.0 && hours <= 200.0).then_some(hours)
}

/// One training of an employee, on their monthly sheet.
#[derive(Clone, Debug)]
pub struct SheetTraining {
    pub title: String,
    pub held_on: NaiveDate,
    pub hours: f64,
}

/// The trainings `staff_id` attended between `from` and `to` (days, inclusive).
pub async fn of_employee(
    db: &PgPool,
    staff_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<SheetTraining>> {
    sqlx::query_as!(
        SheetTraining,
        "select t.title, t.held_on, t.hours from training t join training_attendee a using (training_id)
         where a.staff_id = $1 and t.held_on between $2 and $3 order by t.held_on, t.title",
        staff_id,
        from,
        to
    )
    .fetch_all(db)
    .await
}

/// May this employee change this training? Supervisors and the director any; a
/// department head the trainings they entered.
fn may_edit(user: &CurrentUser, created_by: Option<Uuid>) -> bool {
    user.may(TRAINING_KEEPERS_OF_EVERYONE) || (user.has(Role::DepartmentHead) && created_by == Some(user.staff_id))
}

/// Whom this employee may record as attending: everyone, or a head's own department.
async fn attendee_options(db: &PgPool, user: &CurrentUser) -> sqlx::Result<Vec<StaffOption>> {
    let only =
        if user.may(TRAINING_KEEPERS_OF_EVERYONE) { None } else { Some(user.department_id.unwrap_or(Uuid::nil())) };
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?" from staff s left join department d using (department_id)
           where s.active and ($1::uuid is null or s.department_id = $1) order by s.full_name"#,
        only
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

pub struct TrainingRow {
    pub training_id: Uuid,
    pub title: String,
    pub held_on: NaiveDate,
    pub hours: f64,
    pub attendees: i64,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    pub page: Option<u32>,
    #[serde(default)]
    pub format: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "trainings/list.html")]
pub struct TrainingsPage {
    pub ctx: PageCtx,
    pub rows: Vec<TrainingRow>,
    pub pager: Pager,
}

impl TrainingsPage {
    pub fn hours(&self, hours: &f64) -> String {
        hours_text(self.ctx.lang, *hours)
    }
}

pub async fn list_trainings(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<TrainingsPage> {
    let mut pager = Pager::new("/trainings", &[], query.page, 50);
    let rows = sqlx::query_as!(
        TrainingRow,
        r#"select t.training_id, t.title, t.held_on, t.hours,
                  (select count(*) from training_attendee a where a.training_id = t.training_id) as "attendees!"
           from training t order by t.held_on desc, t.title, t.training_id limit $1 offset $2"#,
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager.take(rows);
    Ok(TrainingsPage { ctx, rows, pager })
}

/// The register as CSV or XLSX: one row per training and attendee.
pub async fn export_trainings(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response> {
    let format = ExportFormat::parse(&query.format).ok_or(AppError::NotFound)?;
    let t = ctx.t;
    let rows = sqlx::query!(
        r#"select t.title, t.held_on, t.hours, s.full_name as "full_name?", d.name as "department?"
           from training t
           left join training_attendee a using (training_id)
           left join staff s on s.staff_id = a.staff_id
           left join department d on d.department_id = s.department_id
           order by t.held_on desc, t.title, t.training_id, s.full_name"#
    )
    .fetch_all(&state.db)
    .await?;
    let mut table = Table::new(
        t.trainings_title,
        &[
            t.training_field_title,
            t.training_field_held_on,
            t.training_field_hours,
            t.training_attendee,
            t.report_department,
        ],
    );
    for r in rows {
        table.row(vec![
            r.title.into(),
            r.held_on.format("%d.%m.%Y").to_string().into(),
            Some(r.hours).into(),
            r.full_name.unwrap_or_default().into(),
            r.department.unwrap_or_default().into(),
        ]);
    }
    download(&[table], format, "szkolenia")
}

pub struct Training {
    pub training_id: Uuid,
    pub title: String,
    pub held_on: NaiveDate,
    pub hours: f64,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

async fn find(db: &PgPool, id: Uuid) -> Result<Training> {
    sqlx::query_as!(
        Training,
        r#"select t.training_id, t.title, t.held_on, t.hours, t.version, t.created_by,
                  s.full_name as "created_by_name?", t.created_at
           from training t left join staff s on s.staff_id = t.created_by where t.training_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}

async fn attendees(db: &PgPool, id: Uuid) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, d.name as "department?"
           from training_attendee a join staff s using (staff_id) left join department d on d.department_id = s.department_id
           where a.training_id = $1 order by s.full_name"#,
        id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption::with_department(r.staff_id, r.full_name, r.department)).collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "trainings/show.html")]
pub struct TrainingPage {
    pub ctx: PageCtx,
    pub training: Training,
    pub attendees: Vec<StaffOption>,
    pub can_edit: bool,
}

impl TrainingPage {
    pub fn hours(&self) -> String {
        hours_text(self.ctx.lang, self.training.hours)
    }
}

pub async fn show_training(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<TrainingPage> {
    let training = find(&state.db, id).await?;
    let attendees = attendees(&state.db, id).await?;
    let can_edit = may_edit(&user, training.created_by);
    Ok(TrainingPage { ctx, training, attendees, can_edit })
}

#[derive(Default)]
pub struct TrainingInput {
    pub title: String,
    pub held_on: String,
    pub hours: String,
    pub attendees: HashSet<Uuid>,
}

#[derive(Template, WebTemplate)]
#[template(path = "trainings/form.html")]
pub struct TrainingFormPage {
    pub ctx: PageCtx,
    pub training_id: Option<Uuid>,
    /// The version the form was read at (an edit), or the form's token (a new one).
    pub version: i32,
    pub form_token: Uuid,
    pub form: TrainingInput,
    pub options: Vec<StaffOption>,
    pub errors: FormErrors,
}

impl TrainingFormPage {
    pub fn chosen(&self, id: &Uuid) -> bool {
        self.form.attendees.contains(id)
    }
}

pub async fn new_training_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<TrainingFormPage> {
    let options = attendee_options(&state.db, &user).await?;
    Ok(TrainingFormPage {
        errors: labels(ctx.t),
        ctx,
        training_id: None,
        version: 0,
        form_token: Uuid::new_v4(),
        form: TrainingInput::default(),
        options,
    })
}

pub async fn edit_training_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<TrainingFormPage> {
    let training = find(&state.db, id).await?;
    if !may_edit(&user, training.created_by) {
        return Err(AppError::Forbidden);
    }
    let chosen = attendees(&state.db, id).await?;
    let form = TrainingInput {
        title: training.title,
        held_on: training.held_on.format("%d.%m.%Y").to_string(),
        hours: hours_text(ctx.lang, training.hours).trim_end_matches(" h").to_owned(),
        attendees: chosen.iter().map(|s| s.staff_id).collect(),
    };
    let options = attendee_options(&state.db, &user).await?;
    Ok(TrainingFormPage {
        errors: labels(ctx.t),
        ctx,
        training_id: Some(id),
        version: training.version,
        form_token: Uuid::nil(),
        form,
        options,
    })
}

fn labels(t: &'static Texts) -> FormErrors {
    FormErrors::labelled(&[
        ("title", t.training_field_title),
        ("held_on", t.training_field_held_on),
        ("hours", t.training_field_hours),
        ("attendees", t.training_attendees),
    ])
    .asking(&[
        ("title", t.training_ask_title),
        ("held_on", t.training_ask_held_on),
        ("hours", t.training_ask_hours),
    ])
}

struct Valid {
    held_on: NaiveDate,
    hours: f64,
}

fn read(form: &FormData, t: &'static Texts, options: &[StaffOption]) -> (TrainingInput, Option<Valid>, FormErrors) {
    let mut errors = labels(t);
    let title = errors.take("title", form.required_between("title", 3, 200, t));
    let held_on_raw = errors.take("held_on", form.required("held_on", 20, t));
    let held_on = errors.date("held_on", &held_on_raw, t);
    let hours_raw = errors.take("hours", form.required("hours", 10, t));
    let hours = if hours_raw.is_empty() { None } else { parse_hours(&hours_raw) };
    if !hours_raw.is_empty() && hours.is_none() {
        errors.add("hours", t.training_bad_hours);
    }
    let mut attendees = HashSet::new();
    for raw in form.all("attendees") {
        match raw.parse::<Uuid>().ok().filter(|id| options.iter().any(|o| o.staff_id == *id)) {
            Some(id) => {
                attendees.insert(id);
            }
            None => errors.add("attendees", t.field_choose),
        }
    }
    if attendees.is_empty() {
        errors.add("attendees", t.training_ask_attendees);
    }
    let input = TrainingInput { title, held_on: held_on_raw, hours: hours_raw, attendees };
    let valid = match (errors.is_empty(), held_on, hours) {
        (true, Some(held_on), Some(hours)) => Some(Valid { held_on, hours }),
        _ => None,
    };
    (input, valid, errors)
}

async fn save_attendees(tx: &mut sqlx::PgConnection, id: Uuid, attendees: &HashSet<Uuid>) -> sqlx::Result<()> {
    let ids: Vec<Uuid> = attendees.iter().copied().collect();
    sqlx::query!("delete from training_attendee where training_id = $1 and staff_id <> all($2)", id, &ids)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "insert into training_attendee (training_id, staff_id) select $1, unnest($2::uuid[]) on conflict do nothing",
        id,
        &ids
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A new training. The form's token makes a second click add nothing.
pub async fn create_training(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let form_token = form.raw("form_token").and_then(|v| v.parse::<Uuid>().ok()).ok_or(AppError::Unprocessable)?;
    let options = attendee_options(&state.db, &user).await?;
    let (input, valid, errors) = read(&form, ctx.t, &options);
    let Some(valid) = valid else {
        let page = TrainingFormPage { ctx, training_id: None, version: 0, form_token, form: input, options, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into training (title, held_on, hours, form_token, created_by, created_at) values ($1, $2, $3, $4, $5, $6)
         on conflict (form_token) do nothing returning training_id",
        input.title,
        valid.held_on,
        valid.hours,
        form_token,
        user.staff_id,
        ctx.now
    )
    .fetch_optional(&mut *tx)
    .await?;
    let id = match inserted {
        Some(id) => {
            save_attendees(&mut tx, id, &input.attendees).await?;
            let detail = serde_json::json!({
                "title": input.title, "held_on": valid.held_on.to_string(), "hours": valid.hours,
                "attendees": input.attendees.iter().map(Uuid::to_string).collect::<Vec<_>>(),
            });
            actor.record(&mut *tx, Action::TrainingRecorded, Some(("training", id.to_string())), detail).await?;
            id
        }
        // The same form again (a double click): the training it made.
        None => {
            sqlx::query_scalar!("select training_id from training where form_token = $1", form_token)
                .fetch_one(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.training_saved).await?;
    Ok(Redirect::to(&format!("/trainings/{id}")).into_response())
}

/// An edit, accepted only over the version the form was read at: another's edit
/// in between makes this form stale (409).
pub async fn update_training(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let training = find(&state.db, id).await?;
    if !may_edit(&user, training.created_by) {
        return Err(AppError::Forbidden);
    }
    let version = form.raw("version").and_then(|v| v.parse::<i32>().ok()).ok_or(AppError::Unprocessable)?;
    let options = attendee_options(&state.db, &user).await?;
    // A head keeps the attendees of other departments they cannot see on the form.
    let mut options = options;
    for kept in attendees(&state.db, id).await? {
        if !options.iter().any(|o| o.staff_id == kept.staff_id) {
            options.push(kept);
        }
    }
    let (input, valid, errors) = read(&form, ctx.t, &options);
    let Some(valid) = valid else {
        let page = TrainingFormPage {
            ctx,
            training_id: Some(id),
            version,
            form_token: Uuid::nil(),
            form: input,
            options,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query_scalar!(
        "update training set title = $3, held_on = $4, hours = $5, version = version + 1, updated_at = $6
         where training_id = $1 and version = $2 returning version",
        id,
        version,
        input.title,
        valid.held_on,
        valid.hours,
        ctx.now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if updated.is_none() {
        return Err(AppError::Conflict);
    }
    save_attendees(&mut tx, id, &input.attendees).await?;
    let detail = serde_json::json!({
        "title": input.title, "held_on": valid.held_on.to_string(), "hours": valid.hours,
        "attendees": input.attendees.iter().map(Uuid::to_string).collect::<Vec<_>>(),
        "previous_title": training.title, "previous_held_on": training.held_on.to_string(), "previous_hours": training.hours,
    });
    let entry = Entry { action: Action::TrainingUpdated, target: ("training", id), detail };
    saved(tx, &session, &actor, entry, ctx.t.training_saved, &format!("/trainings/{id}")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_with_a_comma_or_a_point_and_written_in_the_readers_language() {
        assert_eq!(parse_hours("3,5"), Some(3.5));
        assert_eq!(parse_hours(" 4 "), Some(4.0));
        assert_eq!(parse_hours("1.25"), Some(1.3));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("201"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(hours_text(Lang::Pl, 3.5), "3,5 h");
        assert_eq!(hours_text(Lang::En, 3.5), "3.5 h");
        assert_eq!(hours_text(Lang::Pl, 4.0), "4 h");
    }
}
