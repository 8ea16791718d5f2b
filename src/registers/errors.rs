//! The office's errors (Std 21): what went wrong, the clients and cases it touches,
//! the consequences, the remedy and the apology; each client told (when and how).
//! An error stays open until every client is told and the remedy done. The
//! director and the Secretary read every one, the employee who registered it theirs.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::{Postgres, Transaction};
use tower_sessions::Session;
use uuid::Uuid;

use super::{ExportQuery, Tab, exported, form_key, mask_name, once, short, version};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::ERROR_READERS;
use crate::error::{AppError, Result};
use crate::i18n::Texts;
use crate::office::{DepartmentOption, department_options};
use crate::reports::Month;
use crate::state::AppState;
use crate::web::export::Table;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, PageCtx, saved};
use crate::web::pager::Pager;

/// How a client was told of the error.
pub const HOW: &[&str] = &["in_person", "phone", "letter", "email"];

pub fn how_label(t: &Texts, code: &str) -> &'static str {
    match code {
        "in_person" => t.oe_how_in_person,
        "phone" => t.oe_how_phone,
        "letter" => t.oe_how_letter,
        _ => t.oe_how_email,
    }
}

/// Why an error cannot be closed yet (Std 21: every client told, the remedy done).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotYet {
    NoClients,
    ClientsNotInformed(i64),
    RemedyNotDone,
}

/// What stands in the way of closing an error with `clients` clients of whom
/// `informed` were told; empty when it may be closed.
pub fn closing_refusals(clients: i64, informed: i64, remedy_done: bool) -> Vec<NotYet> {
    let mut refusals = Vec::new();
    if clients == 0 {
        refusals.push(NotYet::NoClients);
    } else if informed < clients {
        refusals.push(NotYet::ClientsNotInformed(clients - informed));
    }
    if !remedy_done {
        refusals.push(NotYet::RemedyNotDone);
    }
    refusals
}

/// Who reads this error: the director and the Secretary, and who registered it.
fn may_read(user: &CurrentUser, registered_by: Uuid) -> bool {
    user.may(ERROR_READERS) || user.staff_id == registered_by
}

#[derive(Deserialize, Default)]
pub struct ErrorFilter {
    /// "open", "closed" or empty (all).
    #[serde(default)]
    pub status: String,
    pub page: Option<u32>,
}

pub struct ErrorRow {
    pub office_error_id: Uuid,
    pub found_on: NaiveDate,
    pub what_happened: String,
    pub department: Option<String>,
    pub registered_by: String,
    pub clients: i64,
    pub informed: i64,
    pub remedy_done: bool,
    pub closed: bool,
}

pub struct MonthCount {
    pub label: String,
    pub registered: i64,
    pub open: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/errors.html")]
pub struct ErrorsPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub filter: ErrorFilter,
    pub rows: Vec<ErrorRow>,
    pub pager: Pager,
    pub months: Vec<MonthCount>,
    /// The director and the Secretary see everyone's; others their own.
    pub everyone: bool,
}

impl ErrorsPage {
    pub fn short(&self, text: &str) -> String {
        short(text, 90)
    }

    pub fn informed_of(&self, informed: &i64, count: &i64) -> String {
        informed_of(self.ctx.t, *informed, *count as usize)
    }
}

/// "2 z 3" clients told.
pub fn informed_of(t: &Texts, informed: i64, count: usize) -> String {
    crate::i18n::fill(
        &crate::i18n::fill(t.oe_informed_of, "informed", &informed.to_string()),
        "count",
        &count.to_string(),
    )
}

/// The errors still open that this employee reads: every one for the director and
/// the Secretary, their own for whoever registered them (the home page's card).
pub async fn open_count(db: &sqlx::PgPool, user: &CurrentUser) -> sqlx::Result<i64> {
    let only = (!user.may(ERROR_READERS)).then_some(user.staff_id);
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from office_error
           where closed_at is null and ($1::uuid is null or registered_by = $1)"#,
        only
    )
    .fetch_one(db)
    .await
}

pub async fn list_errors(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(filter): Query<ErrorFilter>,
) -> Result<ErrorsPage> {
    let everyone = user.may(ERROR_READERS);
    let only = (!everyone).then_some(user.staff_id);
    let status = match filter.status.as_str() {
        s @ ("open" | "closed") => Some(s.to_owned()),
        _ => None,
    };
    let mut pager = Pager::new("/office-errors", &[("status", status.as_deref().unwrap_or(""))], filter.page, 50);
    let found = sqlx::query_as!(
        ErrorRow,
        r#"select e.office_error_id, e.found_on, e.what_happened, d.name as "department?", s.full_name as registered_by,
                  (select count(*) from office_error_client c where c.office_error_id = e.office_error_id) as "clients!",
                  (select count(*) from office_error_client c where c.office_error_id = e.office_error_id
                     and c.informed_on is not null) as "informed!",
                  (e.remedy_done_at is not null) as "remedy_done!", (e.closed_at is not null) as "closed!"
           from office_error e join staff s on s.staff_id = e.registered_by
           left join department d on d.department_id = e.department_id
           where ($1::uuid is null or e.registered_by = $1)
             and ($2::text is null or ($2 = 'open') = (e.closed_at is null))
           order by e.found_on desc, e.registered_at desc
           limit $3 offset $4"#,
        only,
        status,
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager.take(found);
    let months = month_counts(&state, &ctx, only).await?;
    Ok(ErrorsPage { ctx, tab: Tab::Errors, filter, rows, pager, months, everyone })
}

/// Errors found in each of the last twelve months (newest first), and how many of
/// them are still open.
async fn month_counts(state: &AppState, ctx: &PageCtx, only: Option<Uuid>) -> Result<Vec<MonthCount>> {
    let months = Month::of(ctx.today()).last_n(12);
    let counts = sqlx::query!(
        r#"select date_trunc('month', found_on)::date as "month!", count(*) as "registered!",
                  count(*) filter (where closed_at is null) as "open!"
           from office_error where found_on >= $1 and ($2::uuid is null or registered_by = $2)
           group by 1"#,
        months[0].first_day(),
        only
    )
    .fetch_all(&state.db)
    .await?;
    Ok(months
        .into_iter()
        .rev()
        .map(|m| {
            let c = counts.iter().find(|c| c.month == m.first_day());
            MonthCount {
                label: m.label(ctx.t),
                registered: c.map_or(0, |c| c.registered),
                open: c.map_or(0, |c| c.open),
            }
        })
        .collect())
}

#[derive(Default)]
pub struct ErrorInput {
    pub found_on: String,
    pub department_id: String,
    pub what_happened: String,
    pub consequences: String,
    pub remedy: String,
    pub apology: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/error_new.html")]
pub struct NewErrorPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub form_key: Uuid,
    pub input: ErrorInput,
    pub departments: Vec<DepartmentOption>,
    pub errors: FormErrors,
}

pub async fn new_error_form(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<NewErrorPage> {
    let input = ErrorInput {
        found_on: ctx.today().format("%d.%m.%Y").to_string(),
        department_id: user.department_id.map(|d| d.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    Ok(NewErrorPage {
        ctx,
        tab: Tab::Errors,
        form_key: Uuid::new_v4(),
        input,
        departments: department_options(&state.db).await?,
        errors: FormErrors::default(),
    })
}

pub async fn create_error(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let key = form_key(&form)?;
    let mut errors = FormErrors::labelled(&[
        ("found_on", t.oe_found_on),
        ("department_id", t.oe_department),
        ("what_happened", t.oe_what),
        ("consequences", t.oe_consequences),
        ("remedy", t.oe_remedy),
        ("apology", t.oe_apology),
    ])
    .asking(&[
        ("found_on", t.oe_ask_found_on),
        ("what_happened", t.oe_ask_what),
        ("consequences", t.oe_ask_consequences),
        ("remedy", t.oe_ask_remedy),
        ("apology", t.oe_ask_apology),
    ]);
    let input = ErrorInput {
        found_on: errors.take("found_on", form.required("found_on", 10, t)),
        department_id: errors.take("department_id", form.text("department_id", 36, t)),
        what_happened: errors.take("what_happened", form.required_between("what_happened", 3, 4000, t)),
        consequences: errors.take("consequences", form.required_between("consequences", 3, 4000, t)),
        remedy: errors.take("remedy", form.required_between("remedy", 3, 4000, t)),
        apology: errors.take("apology", form.required_between("apology", 3, 2000, t)),
    };
    let found_on = errors.date("found_on", &input.found_on, t);
    if found_on.is_some_and(|d| d > ctx.today()) {
        errors.add("found_on", t.oe_found_in_future);
    }
    let departments = department_options(&state.db).await?;
    let department =
        errors.choice("department_id", &input.department_id, |id| departments.iter().any(|d| d.department_id == id), t);
    let (Some(found_on), true) = (found_on, errors.is_empty()) else {
        let page = NewErrorPage { ctx, tab: Tab::Errors, form_key: key, input, departments, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into office_error (form_key, found_on, registered_by, department_id, what_happened, consequences,
                                   remedy, apology, registered_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning office_error_id",
        key,
        found_on,
        user.staff_id,
        department,
        input.what_happened,
        input.consequences,
        input.remedy,
        input.apology,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await;
    let id = once(inserted, "office_error_form_key_key")?;
    let entry = Entry {
        action: Action::OfficeErrorRegistered,
        target: ("office_error", id),
        detail: serde_json::json!({ "found_on": found_on }),
    };
    saved(tx, &session, &actor, entry, t.oe_registered, &format!("/office-errors/{id}")).await
}

pub struct ErrorDetail {
    pub office_error_id: Uuid,
    pub found_on: NaiveDate,
    pub registered_by: Uuid,
    pub registered_by_name: String,
    pub department: Option<String>,
    pub what_happened: String,
    pub consequences: String,
    pub remedy: String,
    pub apology: String,
    pub remedy_done_at: Option<DateTime<Utc>>,
    pub remedy_note: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
    pub registered_at: DateTime<Utc>,
    pub version: i32,
}

pub struct ClientRow {
    pub office_error_client_id: Uuid,
    pub client_name: String,
    pub contact: String,
    pub case_ref: String,
    pub informed_on: Option<NaiveDate>,
    pub informed_how: Option<String>,
    pub informed_note: String,
    pub informed_by: Option<String>,
}

/// What the forms of the error's page hold (kept when one is refused).
#[derive(Default)]
pub struct ErrorForms {
    pub client_name: String,
    pub contact: String,
    pub case_ref: String,
    pub client: String,
    pub informed_on: String,
    pub how: String,
    pub informed_note: String,
    pub remedy_note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/error_show.html")]
pub struct ErrorPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub error: ErrorDetail,
    pub clients: Vec<ClientRow>,
    pub forms: ErrorForms,
    pub errors: FormErrors,
    pub hows: Vec<(&'static str, &'static str)>,
}

impl ErrorPage {
    pub fn date(&self, d: &NaiveDate) -> String {
        d.format("%d.%m.%Y").to_string()
    }

    pub fn how(&self, code: &str) -> &'static str {
        how_label(self.ctx.t, code)
    }

    pub fn uninformed(&self) -> Vec<&ClientRow> {
        self.clients.iter().filter(|c| c.informed_on.is_none()).collect()
    }

    pub fn informed_of(&self) -> String {
        let informed = self.clients.len() - self.uninformed().len();
        informed_of(self.ctx.t, informed as i64, self.clients.len())
    }
}

async fn error_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    forms: ErrorForms,
    errors: FormErrors,
) -> Result<ErrorPage> {
    let error = sqlx::query_as!(
        ErrorDetail,
        r#"select e.office_error_id, e.found_on, e.registered_by, s.full_name as registered_by_name,
                  d.name as "department?", e.what_happened, e.consequences, e.remedy, e.apology, e.remedy_done_at,
                  e.remedy_note, e.closed_at, c.full_name as "closed_by?", e.registered_at, e.version
           from office_error e join staff s on s.staff_id = e.registered_by
           left join department d on d.department_id = e.department_id
           left join staff c on c.staff_id = e.closed_by
           where e.office_error_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if !may_read(user, error.registered_by) {
        return Err(AppError::Forbidden);
    }
    let clients = sqlx::query_as!(
        ClientRow,
        r#"select c.office_error_client_id, c.client_name, c.contact, c.case_ref, c.informed_on, c.informed_how,
                  c.informed_note, s.full_name as "informed_by?"
           from office_error_client c left join staff s on s.staff_id = c.informed_by
           where c.office_error_id = $1 order by c.added_at, c.office_error_client_id"#,
        id
    )
    .fetch_all(&state.db)
    .await?;
    let t = ctx.t;
    let mut forms = forms;
    if forms.informed_on.is_empty() {
        forms.informed_on = ctx.today().format("%d.%m.%Y").to_string();
    }
    Ok(ErrorPage {
        hows: HOW.iter().map(|h| (*h, how_label(t, h))).collect(),
        ctx,
        tab: Tab::Errors,
        error,
        clients,
        forms,
        errors,
    })
}

pub async fn show_error(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<ErrorPage> {
    error_page(&state, &user, ctx, id, ErrorForms::default(), FormErrors::default()).await
}

/// Begins a change of the error, in a transaction with the error locked: 404 when
/// there is none, 403 when not the reader's, 409 when closed (nothing changes
/// after) or when the form is stale. The version moves on at once, so that the
/// form made from it is stale after this change (the transaction undoes it if
/// the change is refused). With the day the error was found.
async fn begin_change(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    form_version: i32,
) -> Result<(Transaction<'static, Postgres>, NaiveDate)> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query!(
        "select registered_by, version, closed_at, found_on from office_error where office_error_id = $1 for update",
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if !may_read(user, row.registered_by) {
        return Err(AppError::Forbidden);
    }
    if row.closed_at.is_some() || row.version != form_version {
        return Err(AppError::Conflict);
    }
    sqlx::query!("update office_error set version = version + 1 where office_error_id = $1", id)
        .execute(&mut *tx)
        .await?;
    Ok((tx, row.found_on))
}

/// An error's change audited as `action` with `detail`.
fn entry(action: Action, id: Uuid, detail: serde_json::Value) -> Entry {
    Entry { action, target: ("office_error", id), detail }
}

async fn refused(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    forms: ErrorForms,
    errors: FormErrors,
) -> Result<Response> {
    let page = error_page(state, user, ctx, id, forms, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Adds a client the error touches.
pub async fn add_client(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let form_version = version(&form)?;
    let mut errors = FormErrors::labelled(&[
        ("client_name", t.oe_client_name),
        ("contact", t.oe_client_contact),
        ("case_ref", t.oe_case_ref),
    ])
    .asking(&[("client_name", t.oe_ask_client_name)]);
    let forms = ErrorForms {
        client_name: errors.take("client_name", form.required_between("client_name", 2, 200, t)),
        contact: errors.take("contact", form.text("contact", 200, t)),
        case_ref: errors.take("case_ref", form.text("case_ref", 60, t)),
        ..Default::default()
    };
    if !errors.is_empty() {
        return refused(&state, &user, ctx, id, forms, errors).await;
    }
    let (mut tx, _) = begin_change(&state, &user, id, form_version).await?;
    let client_id = sqlx::query_scalar!(
        "insert into office_error_client (office_error_id, client_name, contact, case_ref, added_at)
         values ($1, $2, $3, $4, $5) returning office_error_client_id",
        id,
        forms.client_name,
        forms.contact,
        forms.case_ref,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "client": client_id, "case_ref": forms.case_ref });
    let entry = entry(Action::OfficeErrorClientAdded, id, detail);
    saved(tx, &session, &actor, entry, t.oe_client_added, &format!("/office-errors/{id}#clients")).await
}

/// Records when and how a client was told of the error (Std 21.2-21.8).
pub async fn inform_client(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let form_version = version(&form)?;
    let mut errors = FormErrors::labelled(&[
        ("client", t.oe_client),
        ("informed_on", t.oe_informed_on),
        ("how", t.oe_informed_how),
        ("informed_note", t.oe_informed_note),
    ])
    .asking(&[("client", t.oe_ask_client), ("informed_on", t.oe_ask_informed_on), ("how", t.oe_ask_how)]);
    let forms = ErrorForms {
        client: errors.take("client", form.required("client", 36, t)),
        informed_on: errors.take("informed_on", form.required("informed_on", 10, t)),
        how: errors.take("how", form.required("how", 20, t)),
        informed_note: errors.take("informed_note", form.text("informed_note", 1000, t)),
        ..Default::default()
    };
    let client: Option<Uuid> = forms.client.parse().ok();
    if client.is_none() && errors.get("client").is_none() {
        errors.add("client", t.field_choose);
    }
    if !forms.how.is_empty() && !HOW.contains(&forms.how.as_str()) {
        errors.add("how", t.field_choose);
    }
    let informed_on = errors.date("informed_on", &forms.informed_on, t);
    if informed_on.is_some_and(|d| d > ctx.today()) {
        errors.add("informed_on", t.oe_informed_in_future);
    }
    let (Some(client), Some(informed_on), true) = (client, informed_on, errors.is_empty()) else {
        return refused(&state, &user, ctx, id, forms, errors).await;
    };
    let (mut tx, found_on) = begin_change(&state, &user, id, form_version).await?;
    if informed_on < found_on {
        // Told before the error was known: a typo in the date (Std 21 tells once it is found).
        drop(tx);
        errors.add("informed_on", t.oe_informed_before_found);
        return refused(&state, &user, ctx, id, forms, errors).await;
    }
    let told = sqlx::query!(
        "update office_error_client set informed_on = $3, informed_how = $4, informed_note = $5, informed_by = $6
         where office_error_client_id = $2 and office_error_id = $1 and informed_on is null",
        id,
        client,
        informed_on,
        forms.how,
        forms.informed_note,
        user.staff_id
    )
    .execute(&mut *tx)
    .await?;
    if told.rows_affected() == 0 {
        // Not a client of this error, or told already.
        return Err(AppError::Conflict);
    }
    let entry = entry(Action::OfficeErrorClientInformed, id, serde_json::json!({ "client": client, "via": forms.how }));
    saved(tx, &session, &actor, entry, t.oe_client_informed, &format!("/office-errors/{id}#clients")).await
}

/// Records the remedy as done, with what was done.
pub async fn record_remedy(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let form_version = version(&form)?;
    let mut errors =
        FormErrors::labelled(&[("remedy_note", t.oe_remedy_note)]).asking(&[("remedy_note", t.oe_ask_remedy_note)]);
    let forms = ErrorForms {
        remedy_note: errors.take("remedy_note", form.required_between("remedy_note", 3, 2000, t)),
        ..Default::default()
    };
    if !errors.is_empty() {
        return refused(&state, &user, ctx, id, forms, errors).await;
    }
    let (mut tx, _) = begin_change(&state, &user, id, form_version).await?;
    let done = sqlx::query!(
        "update office_error set remedy_done_at = $2, remedy_note = $3
         where office_error_id = $1 and remedy_done_at is null",
        id,
        ctx.now,
        forms.remedy_note
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    let entry = entry(Action::OfficeErrorRemedyDone, id, serde_json::json!({}));
    saved(tx, &session, &actor, entry, t.oe_remedy_recorded, &format!("/office-errors/{id}")).await
}

/// Closes the error, once every client is told and the remedy done; otherwise the
/// page says what is missing.
pub async fn close_error(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let form_version = version(&form)?;
    let (mut tx, _) = begin_change(&state, &user, id, form_version).await?;
    let facts = sqlx::query!(
        r#"select (select count(*) from office_error_client where office_error_id = $1) as "clients!",
                  (select count(*) from office_error_client where office_error_id = $1 and informed_on is not null) as "informed!",
                  (select remedy_done_at is not null from office_error where office_error_id = $1) as "remedy_done!""#,
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    let refusals = closing_refusals(facts.clients, facts.informed, facts.remedy_done);
    if !refusals.is_empty() {
        drop(tx);
        let mut errors = FormErrors::default();
        for refusal in refusals {
            match refusal {
                NotYet::NoClients => errors.add("client_name", t.oe_close_no_clients),
                NotYet::ClientsNotInformed(n) => errors.add("client", ctx.fill(t.oe_close_not_informed, "count", n)),
                NotYet::RemedyNotDone => errors.add("remedy_note", t.oe_close_remedy_not_done),
            }
        }
        return refused(&state, &user, ctx, id, ErrorForms::default(), errors).await;
    }
    sqlx::query!(
        "update office_error set closed_at = $2, closed_by = $3 where office_error_id = $1",
        id,
        ctx.now,
        user.staff_id
    )
    .execute(&mut *tx)
    .await?;
    let entry = entry(Action::OfficeErrorClosed, id, serde_json::json!({}));
    saved(tx, &session, &actor, entry, t.oe_closed, &format!("/office-errors/{id}")).await
}

/// The whole register, as CSV or XLSX: clients by masked name and case reference only.
pub async fn export_errors(
    State(state): State<AppState>,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ExportQuery>,
) -> Result<Response> {
    let t = ctx.t;
    let format = query.format()?;
    let rows = sqlx::query!(
        r#"select e.office_error_id, e.found_on, d.name as "department?", s.full_name as registered_by, e.what_happened,
                  e.consequences, e.remedy, e.apology, e.remedy_done_at, e.closed_at,
                  coalesce(array_agg(c.client_name order by c.added_at) filter (where c.office_error_client_id is not null),
                           '{}') as "clients!",
                  coalesce(array_agg(c.case_ref order by c.added_at) filter (where c.office_error_client_id is not null),
                           '{}') as "case_refs!",
                  count(c.informed_on) as "informed!"
           from office_error e join staff s on s.staff_id = e.registered_by
           left join department d on d.department_id = e.department_id
           left join office_error_client c on c.office_error_id = e.office_error_id
           group by e.office_error_id, d.name, s.full_name
           order by e.found_on desc, e.registered_at desc"#
    )
    .fetch_all(&state.db)
    .await?;
    let mut table = Table::new(
        t.oe_title,
        &[
            t.oe_found_on,
            t.oe_department,
            t.oe_registered_by,
            t.oe_what,
            t.oe_consequences,
            t.oe_remedy,
            t.oe_apology,
            t.oe_clients,
            t.oe_case_refs,
            t.oe_informed_count,
            t.oe_remedy_done,
            t.oe_closed_on,
        ],
    );
    let tz = ctx.tz;
    let day =
        |d: Option<DateTime<Utc>>| d.map(|d| d.with_timezone(&tz).format("%d.%m.%Y").to_string()).unwrap_or_default();
    for r in &rows {
        let names: Vec<String> = r.clients.iter().map(|n| mask_name(n)).collect();
        let refs: Vec<&str> = r.case_refs.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
        table.row(vec![
            r.found_on.format("%d.%m.%Y").to_string().into(),
            r.department.clone().unwrap_or_default().into(),
            r.registered_by.clone().into(),
            r.what_happened.clone().into(),
            r.consequences.clone().into(),
            r.remedy.clone().into(),
            r.apology.clone().into(),
            names.join("; ").into(),
            refs.join("; ").into(),
            informed_of(t, r.informed, r.clients.len()).into(),
            day(r.remedy_done_at).into(),
            day(r.closed_at).into(),
        ]);
    }
    exported(&state.db, &actor, "office_error", table, format, &format!("pomylki-urzedu-{}", ctx.today())).await
}
