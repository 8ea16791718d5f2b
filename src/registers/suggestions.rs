//! Suggestions for improving the service (§7.1): any employee submits one, and a
//! supervisor turns a resident's kiosk comment into one. Supervisors and the
//! director decide: new → accepted → done, or declined, with what was done.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use super::{ExportQuery, Tab, exported, form_key, once, short, version};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::SUGGESTION_KEEPERS;
use crate::error::{AppError, Result};
use crate::i18n::Texts;
use crate::state::AppState;
use crate::web::export::Table;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, PageCtx, saved};
use crate::web::pager::Pager;

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "suggestion_source", rename_all = "snake_case")]
pub enum Source {
    Staff,
    Resident,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "suggestion_status", rename_all = "snake_case")]
pub enum Status {
    New,
    Accepted,
    Done,
    Declined,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::New, Status::Accepted, Status::Done, Status::Declined];

    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Accepted => "accepted",
            Status::Done => "done",
            Status::Declined => "declined",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Status::New => t.sg_status_new,
            Status::Accepted => t.sg_status_accepted,
            Status::Done => t.sg_status_done,
            Status::Declined => t.sg_status_declined,
        }
    }

    /// The colour of its tag (the word says it too).
    pub fn tag(self) -> &'static str {
        match self {
            Status::New => "tag--blue",
            Status::Accepted => "tag--yellow",
            Status::Done => "tag--green",
            Status::Declined => "tag--grey",
        }
    }

    /// The statuses a suggestion may move to from this one.
    pub fn next(self) -> &'static [Status] {
        match self {
            Status::New => &[Status::Accepted, Status::Declined],
            Status::Accepted => &[Status::Done, Status::Declined],
            Status::Done | Status::Declined => &[],
        }
    }

    /// Whether moving here needs a word on what was done (or why not).
    pub fn needs_outcome(self) -> bool {
        matches!(self, Status::Done | Status::Declined)
    }
}

/// Why a change of status is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a move the register allows from the status it is in (409).
    NotFromHere,
    /// Done or declined without saying what was done or why (a message on the form).
    OutcomeMissing,
}

/// The rule of the register: from `from` to `to`, with `outcome` said or not.
pub fn change(from: Status, to: Status, outcome: &str) -> Result<(), Refusal> {
    if !from.next().contains(&to) {
        return Err(Refusal::NotFromHere);
    }
    if to.needs_outcome() && outcome.trim().is_empty() {
        return Err(Refusal::OutcomeMissing);
    }
    Ok(())
}

#[derive(Deserialize, Default)]
pub struct SuggestionFilter {
    #[serde(default)]
    pub status: String,
    pub page: Option<u32>,
}

pub struct SuggestionRow {
    pub suggestion_id: Uuid,
    pub source: Source,
    pub submitted_by: Uuid,
    pub submitted_by_name: String,
    pub body: String,
    pub status: Status,
    pub outcome: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/suggestions.html")]
pub struct SuggestionsPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub filter: SuggestionFilter,
    pub rows: Vec<SuggestionRow>,
    pub pager: Pager,
    /// Supervisors and the director see every suggestion; others their own.
    pub everyone: bool,
    pub statuses: Vec<(&'static str, &'static str)>,
}

impl SuggestionsPage {
    pub fn short(&self, text: &str) -> String {
        short(text, 120)
    }

    pub fn source(&self, source: &Source) -> &'static str {
        source_label(self.ctx.t, *source)
    }
}

pub fn source_label(t: &Texts, source: Source) -> &'static str {
    match source {
        Source::Staff => t.sg_source_staff,
        Source::Resident => t.sg_source_resident,
    }
}

pub async fn list_suggestions(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Query(filter): Query<SuggestionFilter>,
) -> Result<SuggestionsPage> {
    let everyone = user.may(SUGGESTION_KEEPERS);
    let only = (!everyone).then_some(user.staff_id);
    let status = Status::parse(&filter.status);
    let mut pager = Pager::new("/suggestions", &[("status", status.map_or("", Status::code))], filter.page, 50);
    let found = sqlx::query_as!(
        SuggestionRow,
        r#"select g.suggestion_id, g.source as "source: Source", g.submitted_by, s.full_name as submitted_by_name,
                  g.body, g.status as "status: Status", g.outcome, d.full_name as "decided_by?", g.decided_at,
                  g.created_at, g.version
           from suggestion g join staff s on s.staff_id = g.submitted_by
           left join staff d on d.staff_id = g.decided_by
           where ($1::uuid is null or g.submitted_by = $1) and ($2::suggestion_status is null or g.status = $2)
           order by g.created_at desc limit $3 offset $4"#,
        only,
        status as Option<Status>,
        pager.limit(),
        pager.offset()
    )
    .fetch_all(&state.db)
    .await?;
    let rows = pager.take(found);
    let t = ctx.t;
    Ok(SuggestionsPage {
        statuses: Status::ALL.iter().map(|s| (s.code(), s.label(t))).collect(),
        ctx,
        tab: Tab::Suggestions,
        filter,
        rows,
        pager,
        everyone,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/suggestion_new.html")]
pub struct NewSuggestionPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub form_key: Uuid,
    pub body: String,
    pub errors: FormErrors,
}

pub async fn new_suggestion_form(ctx: PageCtx) -> NewSuggestionPage {
    NewSuggestionPage {
        ctx,
        tab: Tab::Suggestions,
        form_key: Uuid::new_v4(),
        body: String::new(),
        errors: FormErrors::default(),
    }
}

pub async fn create_suggestion(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let key = form_key(&form)?;
    let mut errors = FormErrors::labelled(&[("body", t.sg_body)]).asking(&[("body", t.sg_ask_body)]);
    let body = errors.take("body", form.required_between("body", 3, 2000, t));
    if !errors.is_empty() {
        let page = NewSuggestionPage { ctx, tab: Tab::Suggestions, form_key: key, body, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into suggestion (form_key, source, submitted_by, body, created_at)
         values ($1, 'staff', $2, $3, $4) returning suggestion_id",
        key,
        user.staff_id,
        body,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await;
    let id = once(inserted, "suggestion_form_key_key")?;
    let entry =
        Entry { action: Action::SuggestionSubmitted, target: ("suggestion", id), detail: serde_json::json!({}) };
    saved(tx, &session, &actor, entry, t.sg_submitted, "/suggestions").await
}

/// The kiosk comments (by answer) already made suggestions, among `answers`.
pub async fn marked_comments(db: &PgPool, answers: &[Uuid]) -> sqlx::Result<HashSet<Uuid>> {
    let rows = sqlx::query_scalar!(
        r#"select survey_answer_id as "id!" from suggestion where survey_answer_id = any($1)"#,
        answers
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// A supervisor makes a resident's kiosk comment a suggestion (once per comment).
pub async fn suggest_from_comment(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(answer): Path<Uuid>,
) -> Result<Response> {
    let comment = sqlx::query_scalar!(
        r#"select comment as "comment!" from survey_answer where survey_answer_id = $1 and comment is not null"#,
        answer
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    // A comment shorter than a suggestion may be is still the resident's words.
    let body = if comment.trim().chars().count() < 3 { format!("„{}”", comment.trim()) } else { comment };
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into suggestion (source, submitted_by, survey_answer_id, body, created_at)
         values ('resident', $1, $2, $3, $4) returning suggestion_id",
        user.staff_id,
        answer,
        body,
        ctx.now
    )
    .fetch_one(&mut *tx)
    .await;
    let id = once(inserted, "suggestion_survey_answer_id_key")?;
    let entry = Entry {
        action: Action::SuggestionFromComment,
        target: ("suggestion", id),
        detail: serde_json::json!({ "answer": answer }),
    };
    saved(tx, &session, &actor, entry, ctx.t.sg_from_comment_done, &format!("/suggestions/{id}")).await
}

#[derive(Template, WebTemplate)]
#[template(path = "registers/suggestion_show.html")]
pub struct SuggestionPage {
    pub ctx: PageCtx,
    pub tab: Tab,
    pub suggestion: SuggestionRow,
    /// The statuses the reader may move it to (none for those who may not decide).
    pub next: Vec<(&'static str, &'static str)>,
    pub chosen: String,
    pub outcome: String,
    pub errors: FormErrors,
}

impl SuggestionPage {
    pub fn source(&self) -> &'static str {
        source_label(self.ctx.t, self.suggestion.source)
    }
}

async fn suggestion_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    (chosen, outcome): (String, String),
    errors: FormErrors,
) -> Result<SuggestionPage> {
    let suggestion = sqlx::query_as!(
        SuggestionRow,
        r#"select g.suggestion_id, g.source as "source: Source", g.submitted_by, s.full_name as submitted_by_name,
                  g.body, g.status as "status: Status", g.outcome, d.full_name as "decided_by?", g.decided_at,
                  g.created_at, g.version
           from suggestion g join staff s on s.staff_id = g.submitted_by
           left join staff d on d.staff_id = g.decided_by
           where g.suggestion_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    let keeper = user.may(SUGGESTION_KEEPERS);
    if !keeper && suggestion.submitted_by != user.staff_id {
        return Err(AppError::Forbidden);
    }
    let t = ctx.t;
    let next = if keeper { suggestion.status.next().iter().map(|s| (s.code(), s.label(t))).collect() } else { vec![] };
    Ok(SuggestionPage { ctx, tab: Tab::Suggestions, suggestion, next, chosen, outcome, errors })
}

pub async fn show_suggestion(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<SuggestionPage> {
    suggestion_page(&state, &user, ctx, id, Default::default(), FormErrors::default()).await
}

/// A supervisor or the director moves a suggestion on, saying what was done.
pub async fn change_status(
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
    let mut errors = FormErrors::labelled(&[("status", t.sg_status), ("outcome", t.sg_outcome)])
        .asking(&[("status", t.sg_ask_status)]);
    let chosen = errors.take("status", form.required("status", 20, t));
    let outcome = errors.take("outcome", form.text("outcome", 2000, t));
    let current =
        sqlx::query!(r#"select status as "status: Status", version from suggestion where suggestion_id = $1"#, id)
            .fetch_optional(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
    if current.version != form_version {
        return Err(AppError::Conflict);
    }
    let to = Status::parse(&chosen);
    if to.is_none() && errors.get("status").is_none() {
        errors.add("status", t.field_choose);
    }
    if let Some(to) = to
        && errors.is_empty()
    {
        match change(current.status, to, &outcome) {
            Err(Refusal::NotFromHere) => return Err(AppError::Conflict),
            Err(Refusal::OutcomeMissing) => errors
                .add("outcome", if to == Status::Done { t.sg_ask_outcome_done } else { t.sg_ask_outcome_declined }),
            Ok(()) => {}
        }
    }
    let (Some(to), true) = (to, errors.is_empty()) else {
        let page = suggestion_page(&state, &user, ctx, id, (chosen, outcome), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let moved = sqlx::query!(
        "update suggestion set status = $3, outcome = case when $4 = '' then outcome else $4 end,
                decided_by = $5, decided_at = $6, version = version + 1
         where suggestion_id = $1 and version = $2",
        id,
        form_version,
        to as Status,
        outcome,
        user.staff_id,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    let entry = Entry {
        action: Action::SuggestionStatusChanged,
        target: ("suggestion", id),
        detail: serde_json::json!({ "from": current.status.code(), "to": to.code() }),
    };
    let message = ctx.fill(t.sg_status_changed, "status", to.label(t));
    saved(tx, &session, &actor, entry, &message, &format!("/suggestions/{id}")).await
}

/// The whole register, as CSV or XLSX. A resident's suggestion is their comment's
/// words only: the kiosk keeps residents anonymous.
pub async fn export_suggestions(
    State(state): State<AppState>,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ExportQuery>,
) -> Result<Response> {
    let t = ctx.t;
    let format = query.format()?;
    let rows = sqlx::query_as!(
        SuggestionRow,
        r#"select g.suggestion_id, g.source as "source: Source", g.submitted_by, s.full_name as submitted_by_name,
                  g.body, g.status as "status: Status", g.outcome, d.full_name as "decided_by?", g.decided_at,
                  g.created_at, g.version
           from suggestion g join staff s on s.staff_id = g.submitted_by
           left join staff d on d.staff_id = g.decided_by
           order by g.created_at desc"#
    )
    .fetch_all(&state.db)
    .await?;
    let mut table = Table::new(
        t.sg_title,
        &[t.sg_created, t.sg_source, t.sg_submitted_by, t.sg_body, t.sg_status, t.sg_outcome, t.sg_decided],
    );
    for r in &rows {
        table.row(vec![
            ctx.date(&r.created_at).into(),
            source_label(t, r.source).into(),
            r.submitted_by_name.clone().into(),
            r.body.clone().into(),
            r.status.label(t).into(),
            r.outcome.clone().into(),
            r.decided_at
                .map(|d| format!("{} ({})", ctx.date(&d), r.decided_by.clone().unwrap_or_default()))
                .unwrap_or_default()
                .into(),
        ]);
    }
    exported(&state.db, &actor, "suggestion", table, format, &format!("propozycje-usprawnien-{}", ctx.today())).await
}
