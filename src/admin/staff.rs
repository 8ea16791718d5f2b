//! Staff accounts: name, login, position, phone, department, roles, active.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::session_store::end_sessions_of;
use crate::auth::{CurrentUser, Role, password, second_factor};
use crate::error::{AppError, Result, is_unique_violation};
use crate::office::{DepartmentOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub struct StaffRow {
    pub staff_id: Uuid,
    pub full_name: String,
    pub login: String,
    pub phone: String,
    pub department_name: Option<String>,
    pub roles: Vec<String>,
    pub active: bool,
    /// Has a second factor set up.
    pub enrolled: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/staff.html")]
pub struct StaffPage {
    pub ctx: PageCtx,
    pub rows: Vec<StaffRow>,
    /// Roles whose holders must have a second factor (`SECOND_FACTOR_ROLES`).
    pub second_factor_roles: Vec<Role>,
}

impl StaffPage {
    /// An active employee whose roles require a second factor they have not set up
    /// (they will be asked to at their next sign-in).
    pub fn lacks_second_factor(&self, row: &StaffRow) -> bool {
        let roles: Vec<Role> = row.roles.iter().filter_map(|r| Role::parse(r)).collect();
        row.active && !row.enrolled && second_factor::required_for(&self.second_factor_roles, &roles)
    }

    pub fn role_labels(&self, roles: &[String]) -> String {
        let labels: Vec<&str> = roles.iter().filter_map(|r| Role::parse(r)).map(|r| r.label(self.ctx.t)).collect();
        if labels.is_empty() { self.ctx.t.none_value.to_owned() } else { labels.join(", ") }
    }
}

pub async fn list_staff(State(state): State<AppState>, ctx: PageCtx) -> Result<StaffPage> {
    let rows = sqlx::query_as!(
        StaffRow,
        r#"select s.staff_id, s.full_name, s.login, s.phone, d.name as "department_name?", s.active,
                  array(select role from staff_role r where r.staff_id = s.staff_id order by role) as "roles!",
                  exists(select 1 from second_factor f where f.staff_id = s.staff_id) as "enrolled!"
           from staff s left join department d using (department_id)
           order by s.active desc, s.full_name"#
    )
    .fetch_all(&state.db)
    .await?;
    Ok(StaffPage { ctx, rows, second_factor_roles: state.config.second_factor_roles.clone() })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/staff_form.html")]
pub struct StaffFormPage {
    pub ctx: PageCtx,
    pub staff_id: Option<Uuid>,
    pub full_name: String,
    pub login: String,
    /// The position as written on an authorisation ("Inspektor").
    pub job_title: String,
    /// "pani", "pan", or "" when not given.
    pub address_form: String,
    pub phone: String,
    pub department_id: String,
    pub roles: Vec<Role>,
    pub active: bool,
    /// `updated_at` when the form was shown, so a stale form cannot overwrite newer data.
    pub version: String,
    pub departments: Vec<DepartmentOption>,
    /// Since when the employee has a second factor (an existing account only).
    pub second_factor_since: Option<DateTime<Utc>>,
    pub errors: FormErrors,
}

impl StaffFormPage {
    /// The forms of address offered, with their labels ("" when not given).
    pub fn address_forms(&self) -> [(&'static str, &'static str); 3] {
        let t = self.ctx.t;
        [("pani", t.staff_address_pani), ("pan", t.staff_address_pan), ("", t.staff_address_none)]
    }

    pub fn all_roles(&self) -> [Role; 8] {
        Role::ALL
    }

    pub fn holds(&self, role: &Role) -> bool {
        self.roles.contains(role)
    }
}

pub async fn new_staff_form(State(state): State<AppState>, ctx: PageCtx) -> Result<StaffFormPage> {
    Ok(StaffFormPage {
        ctx,
        staff_id: None,
        full_name: String::new(),
        login: String::new(),
        job_title: String::new(),
        address_form: String::new(),
        phone: String::new(),
        department_id: String::new(),
        roles: Vec::new(),
        active: true,
        version: String::new(),
        departments: department_options(&state.db).await?,
        second_factor_since: None,
        errors: FormErrors::default(),
    })
}

pub async fn edit_staff_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<StaffFormPage> {
    let s = sqlx::query!(
        r#"select full_name, login, job_title, address_form, phone, department_id, active, updated_at,
                  array(select role from staff_role r where r.staff_id = s.staff_id) as "roles!"
           from staff s where staff_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(StaffFormPage {
        ctx,
        staff_id: Some(id),
        full_name: s.full_name,
        login: s.login,
        job_title: s.job_title,
        address_form: s.address_form.unwrap_or_default(),
        phone: s.phone,
        department_id: s.department_id.map(|d| d.to_string()).unwrap_or_default(),
        roles: s.roles.iter().filter_map(|r| Role::parse(r)).collect(),
        active: s.active,
        version: version_of(s.updated_at),
        departments: department_options(&state.db).await?,
        second_factor_since: second_factor_since(&state.db, id).await?,
        errors: FormErrors::default(),
    })
}

async fn second_factor_since(db: &sqlx::PgPool, staff_id: Uuid) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!("select confirmed_at from second_factor where staff_id = $1", staff_id).fetch_optional(db).await
}

fn version_of(t: DateTime<Utc>) -> String {
    t.timestamp_micros().to_string()
}

pub fn valid_login(login: &str) -> bool {
    let mut chars = login.chars();
    (2..=50).contains(&login.len())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

fn valid_phone(phone: &str) -> bool {
    phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '/'))
}

struct Input {
    full_name: String,
    login: String,
    job_title: String,
    address_form: String,
    phone: String,
    department_raw: String,
    department_id: Option<Uuid>,
    roles: Vec<Role>,
    active: bool,
    password: String,
    version: String,
}

fn read(form: &FormData, ctx: &PageCtx, departments: &[DepartmentOption], creating: bool) -> (Input, FormErrors) {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("full_name", t.staff_name),
        ("login", t.staff_login),
        ("job_title", t.staff_job_title),
        ("address_form", t.staff_address_form),
        ("phone", t.staff_phone),
        ("department_id", t.staff_department),
        ("roles", t.staff_roles),
        ("active", t.staff_active),
        ("password", if creating { t.staff_password_initial } else { t.staff_password_reset }),
    ])
    .asking(&[
        ("full_name", t.ask_full_name),
        ("login", t.ask_staff_login),
        ("roles", t.ask_roles),
        ("department_id", t.ask_department),
    ]);
    let full_name = errors.take("full_name", form.required("full_name", 200, t));
    if errors.get("full_name").is_none() && full_name.chars().count() < 2 {
        errors.add("full_name", t.field_required);
    }
    let login = errors.take("login", form.required("login", 50, t)).to_lowercase();
    if errors.get("login").is_none() && !valid_login(&login) {
        errors.add("login", t.staff_login_invalid);
    }
    // One line, as printed on an authorisation: no tab or line break either.
    let job_title = errors.take("job_title", form.text("job_title", 120, t));
    if job_title.chars().any(char::is_control) {
        errors.add("job_title", t.staff_job_title_one_line);
    }
    let address_form = form.raw("address_form").unwrap_or("").to_owned();
    if !matches!(address_form.as_str(), "" | "pani" | "pan") {
        errors.add("address_form", t.field_choose);
    }
    let phone = errors.take("phone", form.text("phone", 30, t));
    if errors.get("phone").is_none() && !valid_phone(&phone) {
        errors.add("phone", t.staff_phone_invalid);
    }
    let department_raw = errors.take("department_id", form.text("department_id", 36, t));
    let department_id =
        errors.choice("department_id", &department_raw, |id| departments.iter().any(|d| d.department_id == id), t);
    let mut roles = Vec::new();
    for raw in form.all("roles") {
        match Role::parse(raw) {
            Some(role) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => errors.add("roles", t.field_choose),
        }
    }
    let password = errors.take("password", form.password("password", t));
    if errors.get("password").is_none()
        && (creating || !password.is_empty())
        && let Err(message) = password::check_new_password(&password, &login, &full_name, t)
    {
        errors.add("password", message);
    }
    let input = Input {
        full_name,
        login,
        job_title,
        address_form,
        phone,
        department_raw,
        department_id,
        roles,
        active: creating || form.checked("active"),
        password,
        version: form.raw("version").unwrap_or("").to_owned(),
    };
    (input, errors)
}

fn form_page(
    ctx: PageCtx,
    staff_id: Option<Uuid>,
    input: Input,
    departments: Vec<DepartmentOption>,
    second_factor_since: Option<DateTime<Utc>>,
    errors: FormErrors,
) -> Response {
    let page = StaffFormPage {
        ctx,
        staff_id,
        full_name: input.full_name,
        login: input.login,
        job_title: input.job_title,
        address_form: input.address_form,
        phone: input.phone,
        department_id: input.department_raw,
        roles: input.roles,
        active: input.active,
        version: input.version,
        departments,
        second_factor_since,
        errors,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

async fn save_roles(tx: &mut sqlx::PgConnection, staff_id: Uuid, roles: &[Role]) -> sqlx::Result<()> {
    let names: Vec<String> = roles.iter().map(|r| r.as_str().to_owned()).collect();
    sqlx::query!("delete from staff_role where staff_id = $1 and role <> all($2)", staff_id, &names)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "insert into staff_role (staff_id, role) select $1, unnest($2::text[]) on conflict do nothing",
        staff_id,
        &names
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn create_staff(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let departments = department_options(&state.db).await?;
    let (input, mut errors) = read(&form, &ctx, &departments, true);
    if errors.is_empty() {
        let hash = state.hasher.hash(&input.password).await?;
        let mut tx = state.db.begin().await?;
        let inserted = sqlx::query_scalar!(
            "insert into staff (login, full_name, phone, department_id, password_hash, job_title, address_form,
                                password_must_change)
             values ($1, $2, $3, $4, $5, $6, nullif($7, ''), true)
             returning staff_id",
            input.login,
            input.full_name,
            input.phone,
            input.department_id,
            hash,
            input.job_title,
            input.address_form
        )
        .fetch_one(&mut *tx)
        .await;
        match inserted {
            Ok(id) => {
                save_roles(&mut tx, id, &input.roles).await?;
                let roles: Vec<&str> = input.roles.iter().map(|r| r.as_str()).collect();
                // The admin chose the password: the employee chooses their own at the first sign-in.
                let detail = serde_json::json!({ "login": input.login, "roles": roles, "must_change_password": true });
                actor.record(&mut *tx, Action::StaffCreated, Some(("staff", id.to_string())), detail).await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, ctx.t.staff_created).await?;
                return Ok(Redirect::to("/admin/staff").into_response());
            }
            Err(e) if is_unique_violation(&e, "staff_login_key") => errors.add("login", ctx.t.staff_login_taken),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(form_page(ctx, None, Input { password: String::new(), ..input }, departments, None, errors))
}

pub async fn update_staff(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let departments = department_options(&state.db).await?;
    let (input, mut errors) = read(&form, &ctx, &departments, false);
    if id == user.staff_id {
        if !input.active {
            errors.add("active", ctx.t.staff_cannot_deactivate_self);
        }
        if !input.roles.contains(&Role::Admin) {
            errors.add("roles", ctx.t.staff_cannot_drop_own_admin);
        }
    }
    if errors.is_empty() {
        let hash = if input.password.is_empty() { None } else { Some(state.hasher.hash(&input.password).await?) };
        // A password an admin sets for someone else is to be changed at their next
        // sign-in; one an admin sets for themselves is their own choice.
        let must_change = hash.is_some() && id != user.staff_id;
        let version: i64 = input.version.parse().map_err(|_| AppError::Conflict)?;
        let mut tx = state.db.begin().await?;
        let updated = sqlx::query!(
            "update staff set login = $3, full_name = $4, phone = $5, department_id = $6, active = $7,
                    password_hash = coalesce($8, password_hash), job_title = $10, address_form = nullif($11, ''),
                    password_changed_at = case when $8::text is null then password_changed_at else $9 end,
                    password_must_change = case when $8::text is null then password_must_change else $12 end,
                    updated_at = $9
             where staff_id = $1 and (extract(epoch from date_trunc('microseconds', updated_at)) * 1000000)::bigint = $2",
            id,
            version,
            input.login,
            input.full_name,
            input.phone,
            input.department_id,
            input.active,
            hash,
            ctx.now,
            input.job_title,
            input.address_form,
            must_change
        )
        .execute(&mut *tx)
        .await;
        match updated {
            Ok(done) if done.rows_affected() == 0 => {
                let exists = sqlx::query_scalar!("select 1 as \"x!\" from staff where staff_id = $1", id)
                    .fetch_optional(&mut *tx)
                    .await?;
                return Err(if exists.is_some() { AppError::Conflict } else { AppError::NotFound });
            }
            Ok(_) => {
                save_roles(&mut tx, id, &input.roles).await?;
                // A role that requires a second factor the employee has not set up
                // takes effect at their next sign-in, which asks them to set it up.
                let enrolled = sqlx::query_scalar!(
                    r#"select exists(select 1 from second_factor where staff_id = $1) as "x!""#,
                    id
                )
                .fetch_one(&mut *tx)
                .await?;
                let must_enrol = !enrolled && state.config.requires_second_factor(&input.roles);
                // Deactivation, a new password or a role that needs a second factor
                // first ends every session of the account at once.
                let ended = if !input.active || hash.is_some() || must_enrol {
                    end_sessions_of(&mut *tx, id).await?
                } else {
                    0
                };
                let roles: Vec<&str> = input.roles.iter().map(|r| r.as_str()).collect();
                let detail = serde_json::json!({
                    "login": input.login, "roles": roles, "active": input.active,
                    "password_reset": hash.is_some(), "sessions_ended": ended,
                    "must_change_password": must_change,
                });
                actor.record(&mut *tx, Action::StaffUpdated, Some(("staff", id.to_string())), detail).await?;
                tx.commit().await?;
                set_flash(&session, FlashKind::Success, ctx.t.saved).await?;
                return Ok(Redirect::to("/admin/staff").into_response());
            }
            Err(e) if is_unique_violation(&e, "staff_login_key") => errors.add("login", ctx.t.staff_login_taken),
            Err(e) => return Err(e.into()),
        }
    }
    let since = second_factor_since(&state.db, id).await?;
    Ok(form_page(ctx, Some(id), Input { password: String::new(), ..input }, departments, since, errors))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/second_factor_reset.html")]
pub struct ResetSecondFactorPage {
    pub ctx: PageCtx,
    pub staff_id: Uuid,
    pub full_name: String,
    pub since: DateTime<Utc>,
}

/// Asks the admin to confirm removing an employee's second factor (a lost phone
/// and no recovery codes left): on a page of its own, as every destructive action.
pub async fn reset_second_factor_form(
    State(state): State<AppState>,
    session: Session,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let full_name = sqlx::query_scalar!("select full_name from staff where staff_id = $1", id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(since) = second_factor_since(&state.db, id).await? else {
        set_flash(&session, FlashKind::Info, ctx.t.sf_reset_nothing).await?;
        return Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response());
    };
    Ok(ResetSecondFactorPage { ctx, staff_id: id, full_name, since }.into_response())
}

/// Removes the employee's authenticator and recovery codes and ends their sessions.
/// At their next sign-in they set up a new one if their role requires it.
pub async fn reset_second_factor(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let staff = sqlx::query!("select login, full_name from staff where staff_id = $1", id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if !second_factor::remove(&mut tx, id).await? {
        tx.rollback().await?;
        set_flash(&session, FlashKind::Info, ctx.t.sf_reset_nothing).await?;
        return Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response());
    }
    let ended = end_sessions_of(&mut *tx, id).await?;
    let detail = serde_json::json!({ "login": staff.login, "sessions_ended": ended });
    actor.record(&mut *tx, Action::AuthSecondFactorReset, Some(("staff", id.to_string())), detail).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(ctx.t.sf_reset_done, "name", &staff.full_name)).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_lower_case_words_with_dots() {
        assert!(valid_login("anna.kowalska"));
        assert!(valid_login("clerk"));
        assert!(valid_login("info_point"));
        assert!(!valid_login("Anna"));
        assert!(!valid_login(".anna"));
        assert!(!valid_login("a"));
        assert!(!valid_login("anna kowalska"));
        assert!(!valid_login("żaneta"));
    }

    #[test]
    fn phones_take_digits_and_separators() {
        assert!(valid_phone("+48 44 732 18 10"));
        assert!(valid_phone("(44) 732-18-10 / 12"));
        assert!(!valid_phone("call me"));
    }
}
