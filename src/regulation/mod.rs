//! The office's regulation in versions, and each employee's confirmation that
//! they know the version in force (§11). The version in force is the newest whose
//! day has come; until an employee confirms it, every staff page shows a banner
//! (`base.html`) that asks for it without standing in the way of the desk.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::{AppError, Result};
use crate::i18n::{Texts, fill};
use crate::state::AppState;
use crate::web::export::{Cell, ExportFormat, Table, download};
use crate::web::form::{FormData, FormErrors};
use crate::web::multipart;
use crate::web::page::{FlashKind, PageCtx, set_flash};
use crate::web::pager::Pager;

/// The version in force that this employee has not confirmed yet: the banner.
#[derive(Clone, Debug, Deserialize)]
pub struct Due {
    pub regulation_version_id: Uuid,
    pub title: String,
    pub effective_on: NaiveDate,
}

/// What the banner asks of `staff_id` on `today` (the office's date), if anything.
/// Every request reads it with the session in the same statement
/// (`auth::session_store`); this one only when the employee signed in this request.
pub async fn due(db: &PgPool, staff_id: Uuid, today: NaiveDate) -> sqlx::Result<Option<Due>> {
    sqlx::query_as!(
        Due,
        "select v.regulation_version_id, v.title, v.effective_on
         from (select regulation_version_id, title, effective_on from regulation_version
               where effective_on <= $2 order by effective_on desc, created_at desc limit 1) v
         where not exists (select 1 from regulation_acknowledgement a
                           where a.regulation_version_id = v.regulation_version_id and a.staff_id = $1)",
        staff_id,
        today
    )
    .fetch_optional(db)
    .await
}

/// The id of the version in force on `today`.
pub async fn in_force(db: impl sqlx::PgExecutor<'_>, today: NaiveDate) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select regulation_version_id from regulation_version
         where effective_on <= $1 order by effective_on desc, created_at desc limit 1",
        today
    )
    .fetch_optional(db)
    .await
}

/// One version, without its PDF's bytes.
pub struct Version {
    pub regulation_version_id: Uuid,
    pub title: String,
    pub effective_on: NaiveDate,
    pub body: String,
    pub pdf_name: Option<String>,
    pub pdf_size: Option<i32>,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

async fn find(db: &PgPool, id: Uuid) -> Result<Version> {
    sqlx::query_as!(
        Version,
        r#"select v.regulation_version_id, v.title, v.effective_on, v.body, v.pdf_name,
                  length(v.pdf) as pdf_size, s.full_name as "created_by?", v.created_at
           from regulation_version v left join staff s on s.staff_id = v.created_by
           where v.regulation_version_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)
}

/// A version in the list of versions.
pub struct VersionRow {
    pub regulation_version_id: Uuid,
    pub title: String,
    pub effective_on: NaiveDate,
    pub has_pdf: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "regulation/show.html")]
pub struct VersionPage {
    pub ctx: PageCtx,
    pub version: Option<Version>,
    /// The id of the version in force (this one or another).
    pub in_force: Option<Uuid>,
    /// When this employee confirmed the version shown.
    pub confirmed_at: Option<DateTime<Utc>>,
    pub versions: Vec<VersionRow>,
    pub pager: Pager,
}

impl VersionPage {
    pub fn shows_in_force(&self) -> bool {
        self.version.as_ref().is_some_and(|v| Some(v.regulation_version_id) == self.in_force)
    }

    /// "w mocy", "od 01.12.2026" (not yet) or "archiwalna", for a row of the list.
    pub fn state_of(&self, row: &VersionRow) -> String {
        let t = self.ctx.t;
        if Some(row.regulation_version_id) == self.in_force {
            t.regulation_in_force.to_owned()
        } else if row.effective_on > self.ctx.today() {
            fill(t.regulation_not_yet, "date", &row.effective_on.format("%d.%m.%Y").to_string())
        } else {
            t.regulation_archived.to_owned()
        }
    }

    /// "1,2 MB", "350 kB"
    pub fn size(&self, bytes: &i32) -> String {
        let bytes = f64::from(*bytes);
        if bytes >= 1024.0 * 1024.0 {
            format!("{} MB", crate::reports::page::decimal(self.ctx.lang, bytes / 1024.0 / 1024.0))
        } else {
            format!("{} kB", (bytes / 1024.0).ceil())
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    pub page: Option<u32>,
}

async fn version_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Option<Uuid>,
    page: Option<u32>,
) -> Result<VersionPage> {
    let today = ctx.today();
    let in_force = in_force(&state.db, today).await?;
    let version = match id.or(in_force) {
        Some(id) => Some(find(&state.db, id).await?),
        None => None,
    };
    let confirmed_at = match &version {
        Some(v) => sqlx::query_scalar!(
            "select confirmed_at from regulation_acknowledgement where regulation_version_id = $1 and staff_id = $2",
            v.regulation_version_id,
            user.staff_id
        )
        .fetch_optional(&state.db)
        .await?,
        None => None,
    };
    let mut pager = Pager::new("/regulation", &[], page, 20);
    let versions = sqlx::query_as!(
        VersionRow,
        r#"select regulation_version_id, title, effective_on, pdf is not null as "has_pdf!"
           from regulation_version order by effective_on desc, created_at desc limit $1 offset $2"#,
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let versions = pager.take(versions);
    Ok(VersionPage { ctx, version, in_force, confirmed_at, versions, pager })
}

/// The version in force, to read and confirm; the list of versions under it.
pub async fn show_in_force(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<VersionPage> {
    version_page(&state, &user, ctx, None, query.page).await
}

pub async fn show_version(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<VersionPage> {
    version_page(&state, &user, ctx, Some(id), None).await
}

/// The PDF as uploaded, always as a download (never shown inside our pages, so
/// nothing in it runs in the office's origin; `nosniff` and the strict CSP of
/// every response apply too).
pub async fn download_pdf(State(state): State<AppState>, Path(id): Path<Uuid>) -> Result<Response> {
    let row = sqlx::query!(
        r#"select pdf as "pdf!", effective_on from regulation_version where regulation_version_id = $1 and pdf is not null"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let mut response = row.pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    let disposition = format!("attachment; filename=\"regulamin-{}.pdf\"", row.effective_on.format("%Y-%m-%d"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?);
    Ok(response)
}

/// The employee confirms they know the version in force (§11): once, however
/// many times the button is pressed. A form for a version no longer in force
/// (a newer one came into force meanwhile) is stale: 409.
pub async fn confirm_version(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
    form: FormData,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    if in_force(&mut *tx, ctx.today()).await? != Some(id) {
        return Err(AppError::Conflict);
    }
    let inserted = sqlx::query_scalar!(
        "insert into regulation_acknowledgement (regulation_version_id, staff_id, confirmed_at) values ($1, $2, $3)
         on conflict do nothing returning confirmed_at",
        id,
        user.staff_id,
        ctx.now
    )
    .fetch_optional(&mut *tx)
    .await?;
    if inserted.is_some() {
        actor
            .record(
                &mut *tx,
                Action::RegulationConfirmed,
                Some(("regulation_version", id.to_string())),
                serde_json::json!({}),
            )
            .await?;
    }
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, ctx.t.regulation_confirmed_msg).await?;
    let back = form.raw("back").and_then(crate::web::safe_next).unwrap_or("/regulation");
    Ok(Redirect::to(back).into_response())
}

#[derive(Default)]
pub struct VersionInput {
    pub title: String,
    pub effective_on: String,
    pub body: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "regulation/new.html")]
pub struct NewVersionPage {
    pub ctx: PageCtx,
    pub form: VersionInput,
    pub form_token: Uuid,
    pub max_mb: usize,
    pub errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    pub too_large: Option<String>,
}

fn labels(t: &'static Texts) -> FormErrors {
    FormErrors::labelled(&[
        ("title", t.regulation_field_title),
        ("effective_on", t.regulation_field_effective_on),
        ("body", t.regulation_field_body),
        ("pdf", t.regulation_field_pdf),
    ])
    .asking(&[("title", t.regulation_ask_title), ("effective_on", t.regulation_ask_effective_on)])
}

fn too_large(t: &Texts, max_mb: usize) -> String {
    fill(t.regulation_pdf_too_large, "max", &max_mb.to_string())
}

pub async fn new_version_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<NewQuery>,
) -> Result<NewVersionPage> {
    let max_mb = state.config.regulation_pdf_max_bytes / 1024 / 1024;
    let mut errors = labels(ctx.t);
    if query.too_large.is_some() {
        errors.add("pdf", too_large(ctx.t, max_mb));
    }
    Ok(NewVersionPage { ctx, form: VersionInput::default(), form_token: Uuid::new_v4(), max_mb, errors })
}

/// The name a PDF keeps: its last path part, printable, at most 200 characters.
fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    if name.trim().is_empty() { "regulamin.pdf".to_owned() } else { name }
}

/// A new version: its text typed in, or a PDF (`multipart/form-data`). The
/// form's token makes a second click of the same form add nothing.
pub async fn create_version(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    headers: HeaderMap,
    body: Body,
) -> Result<Response> {
    let t = ctx.t;
    // `routes::body_limit` has already limited the body.
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| AppError::Unprocessable)?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let parts =
        multipart::boundary(content_type).and_then(|b| multipart::parse(&bytes, &b)).ok_or(AppError::Unprocessable)?;
    let form = multipart::fields(&parts);
    let form_token = form.raw("form_token").and_then(|v| v.parse::<Uuid>().ok()).ok_or(AppError::Unprocessable)?;
    let max_bytes = state.config.regulation_pdf_max_bytes;
    let max_mb = max_bytes / 1024 / 1024;

    let mut errors = labels(t);
    let input = VersionInput {
        title: errors.take("title", form.required_between("title", 3, 200, t)),
        effective_on: errors.take("effective_on", form.required("effective_on", 20, t)),
        body: errors.take("body", form.text("body", 200_000, t)),
    };
    let effective_on = errors.date("effective_on", &input.effective_on, t);
    if effective_on.is_some_and(|d| !(2000..=2100).contains(&chrono::Datelike::year(&d))) {
        errors.add("effective_on", t.audit_bad_date);
    }
    let pdf = multipart::file(&parts, "pdf");
    match (&pdf, input.body.is_empty()) {
        (None, true) if errors.get("body").is_none() => errors.add("body", t.regulation_text_or_pdf),
        (Some(_), false) => errors.add("pdf", t.regulation_not_both),
        (Some(file), true) if file.data.len() > max_bytes => errors.add("pdf", too_large(t, max_mb)),
        (Some(file), true) if !file.data.starts_with(b"%PDF-") => errors.add("pdf", t.regulation_not_a_pdf),
        _ => {}
    }
    let (true, Some(effective_on)) = (errors.is_empty(), effective_on) else {
        let page = NewVersionPage { ctx, form: input, form_token, max_mb, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let pdf_name = pdf.and_then(|f| f.file_name.as_deref()).map(clean_file_name);
    let pdf_bytes = pdf.map(|f| f.data.to_vec());

    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into regulation_version (title, effective_on, body, pdf, pdf_name, form_token, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (form_token) do nothing returning regulation_version_id",
        input.title,
        effective_on,
        input.body,
        pdf_bytes,
        pdf_name,
        form_token,
        user.staff_id,
        ctx.now
    )
    .fetch_optional(&mut *tx)
    .await?;
    let id = match inserted {
        Some(id) => {
            let detail = serde_json::json!({
                "title": input.title, "effective_on": effective_on.to_string(),
                "pdf_bytes": pdf_bytes.as_ref().map(Vec::len), "pdf_name": pdf_name,
            });
            actor
                .record(&mut *tx, Action::RegulationVersionAdded, Some(("regulation_version", id.to_string())), detail)
                .await?;
            id
        }
        // The same form again (a double click): the version it made.
        None => {
            sqlx::query_scalar!(
                "select regulation_version_id from regulation_version where form_token = $1",
                form_token
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    tx.commit().await?;
    let message = fill(t.regulation_added_msg, "date", &effective_on.format("%d.%m.%Y").to_string());
    set_flash(&session, FlashKind::Success, &message).await?;
    Ok(Redirect::to(&format!("/regulation/versions/{id}")).into_response())
}

/// Who has confirmed the version in force: everyone, those who have not, or those who have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    All,
    Missing,
    Confirmed,
}

impl Show {
    fn parse(raw: &str) -> Show {
        match raw {
            "missing" => Show::Missing,
            "confirmed" => Show::Confirmed,
            _ => Show::All,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Missing => "missing",
            Show::Confirmed => "confirmed",
        }
    }
}

#[derive(Deserialize, Default)]
pub struct AckQuery {
    #[serde(default)]
    pub show: String,
    pub page: Option<u32>,
    #[serde(default)]
    pub format: String,
}

pub struct AckRow {
    pub full_name: String,
    pub department: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Template, WebTemplate)]
#[template(path = "regulation/acknowledgements.html")]
pub struct AcknowledgementsPage {
    pub ctx: PageCtx,
    pub version: Option<Version>,
    pub show: Show,
    pub confirmed: i64,
    pub staff: i64,
    pub rows: Vec<AckRow>,
    pub pager: Pager,
}

impl AcknowledgementsPage {
    pub fn filters(&self) -> [(Show, &'static str); 3] {
        let t = self.ctx.t;
        [
            (Show::All, t.regulation_show_all),
            (Show::Missing, t.regulation_show_missing),
            (Show::Confirmed, t.regulation_show_confirmed),
        ]
    }

    pub fn export_link(&self, format: &str) -> String {
        format!("/regulation/acknowledgements/export?show={}&format={format}", self.show.code())
    }
}

/// The active staff and their confirmation of `version`, the missing first.
async fn acknowledgements(
    db: &PgPool,
    version: Uuid,
    show: Show,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AckRow>> {
    sqlx::query_as!(
        AckRow,
        r#"select s.full_name, d.name as "department?", a.confirmed_at as "confirmed_at?"
           from staff s
           left join department d using (department_id)
           left join regulation_acknowledgement a on a.staff_id = s.staff_id and a.regulation_version_id = $1
           where s.active and ($2 = 'all' or ($2 = 'missing') = (a.staff_id is null))
           order by a.confirmed_at is not null, s.full_name, s.staff_id
           limit $3 offset $4"#,
        version,
        show.code(),
        limit,
        offset
    )
    .fetch_all(db)
    .await
}

pub async fn list_acknowledgements(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<AckQuery>,
) -> Result<AcknowledgementsPage> {
    let show = Show::parse(&query.show);
    let mut pager = Pager::new("/regulation/acknowledgements", &[("show", show.code())], query.page, 50);
    let Some(id) = in_force(&state.db, ctx.today()).await? else {
        return Ok(AcknowledgementsPage { ctx, version: None, show, confirmed: 0, staff: 0, rows: Vec::new(), pager });
    };
    let version = find(&state.db, id).await?;
    let counts = sqlx::query!(
        r#"select count(*) as "staff!",
                  count(*) filter (where exists (select 1 from regulation_acknowledgement a
                                                 where a.staff_id = s.staff_id and a.regulation_version_id = $1)) as "confirmed!"
           from staff s where s.active"#,
        id
    )
    .fetch_one(&state.db)
    .await?;
    let rows = pager.take(acknowledgements(&state.db, id, show, pager.limit(), pager.offset()).await?);
    Ok(AcknowledgementsPage {
        ctx,
        version: Some(version),
        show,
        confirmed: counts.confirmed,
        staff: counts.staff,
        rows,
        pager,
    })
}

pub async fn export_acknowledgements(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<AckQuery>,
) -> Result<Response> {
    let format = ExportFormat::parse(&query.format).ok_or(AppError::NotFound)?;
    let show = Show::parse(&query.show);
    let t = ctx.t;
    let id = in_force(&state.db, ctx.today()).await?.ok_or(AppError::NotFound)?;
    let version = find(&state.db, id).await?;
    let rows = acknowledgements(&state.db, id, show, i64::MAX, 0).await?;
    let title = format!("{} – {} ({})", t.regulation_ack_title, version.title, version.effective_on.format("%d.%m.%Y"));
    let mut table = Table::new(title, &[t.regulation_ack_employee, t.report_department, t.regulation_ack_confirmed_at]);
    for r in rows {
        table.row(vec![
            r.full_name.into(),
            r.department.unwrap_or_default().into(),
            r.confirmed_at.map_or(Cell::Text(t.regulation_ack_not_yet.to_owned()), |at| ctx.datetime(&at).into()),
        ]);
    }
    download(&[table], format, &format!("regulamin-potwierdzenia-{}", version.effective_on.format("%Y-%m-%d")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_keeps_only_the_last_part_of_its_name() {
        assert_eq!(clean_file_name("C:\\Users\\x\\Regulamin 2026.pdf"), "Regulamin 2026.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name(""), "regulamin.pdf");
    }
}
