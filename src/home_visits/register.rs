//! The register of authorisations (§5.3.6), kept by BOMiNO: searchable, printable,
//! exportable. Only BOMiNO staff, the director and the Secretary see it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::access::REGISTER_READERS;
use crate::cases::State as Stage;
use crate::error::{AppError, Result};
use crate::i18n::Texts;
use crate::state::AppState;
use crate::web::export::{ExportFormat, Table, download};
use crate::web::form::FormErrors;
use crate::web::page::PageCtx;
use crate::web::pager::Pager;

#[derive(Deserialize, Default)]
pub struct RegisterFilter {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub employee: String,
    #[serde(default)]
    pub case_ref: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    pub page: Option<u32>,
}

pub struct RegisterRow {
    pub authorisation_id: Uuid,
    pub register_number: String,
    pub staff_name: String,
    pub case_ref: String,
    pub home_visit_request_id: Uuid,
    pub scope: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub signed_at: DateTime<Utc>,
    pub signed_by: Option<String>,
    pub voided: bool,
    pub visit_state: Stage,
}

/// The register's rows matching the filter; a badly typed date becomes a message in
/// `errors` (in the reader's language) and is left out of the search.
async fn rows(
    state: &AppState,
    filter: &RegisterFilter,
    errors: &mut FormErrors,
    t: &Texts,
    (limit, offset): (i64, i64),
) -> Result<Vec<RegisterRow>> {
    let from = errors.date("from", &filter.from, t);
    let to = errors.date("to", &filter.to, t);
    let like = |s: &str| format!("%{}%", s.trim().to_lowercase());
    Ok(sqlx::query_as!(
        RegisterRow,
        r#"select a.authorisation_id, a.register_number as "register_number!", s.full_name as staff_name, c.case_ref,
                  a.home_visit_request_id, a.scope, a.valid_from, a.valid_to, a.signed_at as "signed_at!",
                  g.full_name as "signed_by?", (a.voided_at is not null) as "voided!", c.state as "visit_state: Stage"
           from authorisation a
           join staff s on s.staff_id = a.staff_id
           join case_file c on c.case_file_id = a.home_visit_request_id
           left join staff g on g.staff_id = a.signed_by
           where a.register_number is not null
             and lower(a.register_number) like $1 and lower(s.full_name) like $2 and lower(c.case_ref) like $3
             and ($4::date is null or a.valid_from >= $4) and ($5::date is null or a.valid_from <= $5)
           order by a.signed_at desc, a.register_number desc
           limit $6 offset $7"#,
        like(&filter.number),
        like(&filter.employee),
        like(&filter.case_ref),
        from,
        to,
        limit,
        offset
    )
    .fetch_all(&state.db)
    .await?)
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub filter: RegisterFilter,
    pub rows: Vec<RegisterRow>,
    pub pager: Pager,
    pub csv_link: String,
    pub errors: FormErrors,
}

impl RegisterPage {
    pub fn state(&self, state: &Stage) -> &'static str {
        super::request::state_label(self.ctx.t, *state)
    }
}

fn filters(f: &RegisterFilter) -> [(&'static str, &str); 5] {
    [("number", &f.number), ("employee", &f.employee), ("case_ref", &f.case_ref), ("from", &f.from), ("to", &f.to)]
}

pub async fn show_register(
    State(state): State<AppState>,
    _user: CurrentUser,
    ctx: PageCtx,
    Query(filter): Query<RegisterFilter>,
) -> Result<RegisterPage> {
    let mut pager = Pager::new("/authorisations", &filters(&filter), filter.page, 50);
    let mut errors = FormErrors::default();
    let found = rows(&state, &filter, &mut errors, ctx.t, (pager.limit(), pager.offset())).await?;
    let rows = pager.take(found);
    let csv_link = Pager::new("/authorisations.csv", &filters(&filter), None, 0).link(1);
    Ok(RegisterPage { ctx, filter, rows, pager, csv_link, errors })
}

/// The register as CSV (UTF-8 with a BOM, so spreadsheets read the Polish letters;
/// texts that a spreadsheet would take for a formula are defused).
pub async fn export_register(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(filter): Query<RegisterFilter>,
) -> Result<Response> {
    let mut errors = FormErrors::default();
    let found = rows(&state, &filter, &mut errors, crate::i18n::Lang::Pl.texts(), (100_000, 0)).await?;
    let mut table = Table::new(
        "",
        &[
            "numer",
            "pracownik",
            "znak sprawy",
            "zakres",
            "ważne od",
            "ważne do",
            "podpisane",
            "podpisał",
            "unieważnione",
        ],
    );
    for r in found {
        table.row(vec![
            r.register_number.into(),
            r.staff_name.into(),
            r.case_ref.into(),
            r.scope.into(),
            r.valid_from.to_string().into(),
            r.valid_to.to_string().into(),
            r.signed_at.to_rfc3339().into(),
            r.signed_by.unwrap_or_default().into(),
            (if r.voided { "tak" } else { "nie" }).into(),
        ]);
    }
    download(&[table], ExportFormat::Csv, "rejestr-upowaznien")
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/authorisation.html")]
pub struct AuthorisationPage {
    pub ctx: PageCtx,
    pub row: RegisterRow,
    /// The authorised employee's position and department, as the paper names them.
    pub job_title: String,
    pub department: String,
    /// "upoważniam Panią:", "upoważniam Pana:", or "upoważniam:" without a form of address.
    pub authorises: &'static str,
}

/// One signed authorisation as a printable A4 page.
pub async fn print_authorisation(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<AuthorisationPage> {
    let row = sqlx::query_as!(
        RegisterRow,
        r#"select a.authorisation_id, a.register_number as "register_number!", s.full_name as staff_name, c.case_ref,
                  a.home_visit_request_id, a.scope, a.valid_from, a.valid_to, a.signed_at as "signed_at!",
                  g.full_name as "signed_by?", (a.voided_at is not null) as "voided!", c.state as "visit_state: Stage"
           from authorisation a
           join staff s on s.staff_id = a.staff_id
           join case_file c on c.case_file_id = a.home_visit_request_id
           left join staff g on g.staff_id = a.signed_by
           where a.authorisation_id = $1 and a.register_number is not null"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    // The register's readers, and the authorised employee themselves.
    if !user.may(REGISTER_READERS) {
        let own = sqlx::query_scalar!("select staff_id from authorisation where authorisation_id = $1", id)
            .fetch_one(&state.db)
            .await?;
        if own != user.staff_id {
            return Err(AppError::Forbidden);
        }
    }
    let holder = sqlx::query!(
        r#"select s.job_title, s.address_form, d.name as "department?"
           from authorisation a join staff s using (staff_id) left join department d on d.department_id = s.department_id
           where a.authorisation_id = $1"#,
        id
    )
    .fetch_one(&state.db)
    .await?;
    let authorises = match holder.address_form.as_deref() {
        Some("pani") => ctx.t.authorisation_text_pani,
        Some("pan") => ctx.t.authorisation_text_pan,
        _ => ctx.t.authorisation_text,
    };
    Ok(AuthorisationPage {
        ctx,
        row,
        job_title: holder.job_title,
        department: holder.department.unwrap_or_default(),
        authorises,
    })
}
