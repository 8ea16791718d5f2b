//! Gifts refused (Std 24): an employee records, in one short form, a gift a client
//! offered and how it was refused. Each employee reads their own; supervisors, the
//! director and the Secretary read everyone's.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::{ExportQuery, Tab, exported, form_key, once, short};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::GIFT_READERS;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::export::Table;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, PageCtx, saved};
use crate::web::pager::{PageQuery, Pager};

pub struct GiftRow {
    pub gift_refusal_id: Uuid,
    pub staff_id: Uuid,
    pub staff_name: String,
    pub offered_on: NaiveDate,
    pub offered: String,
    pub matter: String,
    pub how_refused: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/gifts.html")]
pub struct GiftsPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub rows: Vec<GiftRow>,
    pub pager: Pager,
    /// Supervisors, the director and the Secretary see everyone's; others their own.
    pub everyone: bool,
}

impl GiftsPage {
    pub fn short(&self, text: &str) -> String {
        short(text, 80)
    }
}

pub async fn list_gifts(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(query): Query<PageQuery>,
) -> Result<GiftsPage> {
    let everyone = user.may(GIFT_READERS);
    let only = (!everyone).then_some(user.staff_id);
    let mut pager = Pager::new("/gifts", &[], query.page, 50);
    let found = sqlx::query_as!(
        GiftRow,
        r#"select g.gift_refusal_id, g.staff_id, s.full_name as staff_name, g.offered_on, g.offered, g.matter,
                  g.how_refused, g.recorded_at
           from gift_refusal g join staff s using (staff_id)
           where ($1::uuid is null or g.staff_id = $1)
           order by g.offered_on desc, g.recorded_at desc limit $2 offset $3"#,
        only,
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager.take(found);
    Ok(GiftsPage { ctx, tab: Tab::Gifts, rows, pager, everyone })
}

#[derive(Default)]
pub struct GiftInput {
    pub offered_on: String,
    pub offered: String,
    pub matter: String,
    pub how_refused: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/gift_new.html")]
pub struct NewGiftPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub form_key: Uuid,
    pub input: GiftInput,
    pub errors: FormErrors,
}

pub async fn new_gift_form(ctx: PageCtx) -> NewGiftPage {
    let input = GiftInput { offered_on: ctx.today().format("%d.%m.%Y").to_string(), ..Default::default() };
    NewGiftPage { ctx, tab: Tab::Gifts, form_key: Uuid::new_v4(), input, errors: FormErrors::default() }
}

/// Records a gift the employee refused (always their own).
pub async fn create_gift(
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
        ("offered_on", t.gift_offered_on),
        ("offered", t.gift_offered),
        ("matter", t.gift_matter),
        ("how_refused", t.gift_how_refused),
    ])
    .asking(&[
        ("offered_on", t.gift_ask_offered_on),
        ("offered", t.gift_ask_offered),
        ("matter", t.gift_ask_matter),
        ("how_refused", t.gift_ask_how_refused),
    ]);
    let input = GiftInput {
        offered_on: errors.take("offered_on", form.required("offered_on", 10, t)),
        offered: errors.take("offered", form.required_between("offered", 2, 500, t)),
        matter: errors.take("matter", form.required_between("matter", 2, 500, t)),
        how_refused: errors.take("how_refused", form.required_between("how_refused", 2, 1000, t)),
    };
    let offered_on = errors.date("offered_on", &input.offered_on, t);
    if offered_on.is_some_and(|d| d > ctx.today()) {
        errors.add("offered_on", t.gift_in_future);
    }
    let (Some(offered_on), true) = (offered_on, errors.is_empty()) else {
        let page = NewGiftPage { ctx, tab: Tab::Gifts, form_key: key, input, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into gift_refusal (form_key, staff_id, offered_on, offered, matter, how_refused, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning gift_refusal_id",
        key,
        user.staff_id,
        offered_on,
        input.offered,
        input.matter,
        input.how_refused,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await;
    let id = once(inserted, "gift_refusal_form_key_key")?;
    let entry = Entry {
        action: Action::GiftRefusalRecorded,
        target: ("gift_refusal", id),
        detail: serde_json::json!({ "offered_on": offered_on }),
    };
    saved(tx, &session, &actor, entry, t.gift_recorded, "/gifts").await
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/gift_show.html")]
pub struct GiftPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub gift: GiftRow,
}

pub async fn show_gift(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<GiftPage> {
    let gift = sqlx::query_as!(
        GiftRow,
        r#"select g.gift_refusal_id, g.staff_id, s.full_name as staff_name, g.offered_on, g.offered, g.matter,
                  g.how_refused, g.recorded_at
           from gift_refusal g join staff s using (staff_id) where g.gift_refusal_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if gift.staff_id != user.staff_id && !user.may(GIFT_READERS) {
        return Err(AppError::Forbidden);
    }
    Ok(GiftPage { ctx, tab: Tab::Gifts, gift })
}

/// The whole register, as CSV or XLSX.
pub async fn export_gifts(
    State(state): State<AppState>,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ExportQuery>,
) -> Result<Response> {
    let t = ctx.t;
    let format = query.format()?;
    let rows = sqlx::query_as!(
        GiftRow,
        r#"select g.gift_refusal_id, g.staff_id, s.full_name as staff_name, g.offered_on, g.offered, g.matter,
                  g.how_refused, g.recorded_at
           from gift_refusal g join staff s using (staff_id)
           order by g.offered_on desc, g.recorded_at desc"#
    )
    .fetch_all(&state.db)
    .await?;
    let mut table = Table::new(
        t.gift_title,
        &[t.gift_offered_on, t.gift_employee, t.gift_offered, t.gift_matter, t.gift_how_refused],
    );
    for r in &rows {
        table.row(vec![
            r.offered_on.format("%d.%m.%Y").to_string().into(),
            r.staff_name.clone().into(),
            r.offered.clone().into(),
            r.matter.clone().into(),
            r.how_refused.clone().into(),
        ]);
    }
    exported(&state.db, &actor, "gift_refusal", table, format, &format!("odmowy-przyjecia-prezentow-{}", ctx.today()))
        .await
}
