//! The complaints waiting for this person's step (the inbox), the others they may
//! read, and the register of every complaint (paginated, exported as CSV and XLSX).
//! Whose turn it is comes from `cases`; overdue ones stand out.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::TimeDelta;
use serde::Deserialize;
use uuid::Uuid;

use super::case::state_label;
use super::case::{about_label, channel_label, may_read};
use super::queries::{self, Line};
use crate::auth::CurrentUser;
use crate::cases::{self, Kind, State as Stage};
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::export::{ExportFormat, Table, download};
use crate::web::page::PageCtx;
use crate::web::pager::Pager;

/// What a list shows of a line.
pub trait Shown {
    fn ctx(&self) -> &PageCtx;

    fn state(&self, state: &Stage) -> &'static str {
        state_label(self.ctx().t, *state)
    }

    fn about(&self, line: &Line) -> &'static str {
        about_label(self.ctx().t, &line.about)
    }

    fn overdue(&self, line: &Line) -> bool {
        super::rules::is_overdue(!line.state.is_closed(), line.due_on, self.ctx().today())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/list.html")]
pub struct InboxPage {
    pub ctx: PageCtx,
    pub waiting: Vec<Line>,
    pub others: Vec<Line>,
}

impl Shown for InboxPage {
    fn ctx(&self) -> &PageCtx {
        &self.ctx
    }
}

impl InboxPage {
    pub fn sections(&self) -> [(&'static str, &Vec<Line>); 2] {
        [(self.ctx.t.hv_waiting_for_me, &self.waiting), (self.ctx.t.cmp_others, &self.others)]
    }

    pub fn overdue_in(&self, lines: &[Line]) -> usize {
        lines.iter().filter(|l| self.overdue(l)).count()
    }
}

/// Complaints waiting for this person, and the others they may read: every open
/// one, and those closed in the last 30 days; overdue ones first.
pub async fn inbox(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<InboxPage> {
    let listed = cases::listed(&state.db, ctx.now - TimeDelta::days(30)).await?;
    let readable: Vec<_> =
        listed.into_iter().filter(|c| c.kind == Kind::Complaint && may_read(&user, c)).take(500).collect();
    let (mine, others): (Vec<_>, Vec<_>) = readable.iter().partition(|c| c.waits_for(&user));
    let ids = |cases: &[&cases::Case]| cases.iter().map(|c| c.case_file_id).collect::<Vec<Uuid>>();
    let mut waiting = queries::lines(&state.db, &ids(&mine)).await?;
    let today = ctx.today();
    waiting.sort_by_key(|l| (!super::rules::is_overdue(true, l.due_on, today), l.due_on));
    let others = queries::lines(&state.db, &ids(&others)).await?;
    Ok(InboxPage { ctx, waiting, others })
}

#[derive(Deserialize, Default)]
pub struct RegisterQuery {
    pub page: Option<u32>,
    pub format: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub lines: Vec<Line>,
    pub pager: Pager,
}

impl Shown for RegisterPage {
    fn ctx(&self) -> &PageCtx {
        &self.ctx
    }
}

impl RegisterPage {
    pub fn channel(&self, code: &str) -> &'static str {
        channel_label(self.ctx.t, code)
    }
}

pub const PER_PAGE: i64 = 50;

pub async fn register(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<RegisterQuery>,
) -> Result<RegisterPage> {
    let mut pager = Pager::new("/complaints/register", &[], query.page, PER_PAGE);
    let found = queries::register(&state.db, (pager.limit(), pager.offset())).await?;
    let lines = pager.take(found);
    Ok(RegisterPage { ctx, lines, pager })
}

/// The whole register as CSV or XLSX: the masked name, never contact details.
pub async fn export(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<RegisterQuery>,
) -> Result<Response> {
    let format = ExportFormat::parse(query.format.as_deref().unwrap_or("csv")).ok_or(AppError::NotFound)?;
    let t = if ctx.lang == Lang::En { Lang::En.texts() } else { Lang::Pl.texts() };
    let lines = queries::register(&state.db, (100_000, 0)).await?;
    let mut table = Table::new(
        t.cmp_register_title,
        &[
            t.hv_case_ref,
            t.cmp_registered_at,
            t.cmp_client_name,
            t.cmp_about,
            t.staff_department,
            t.status,
            t.cmp_due_on,
            t.cmp_answered_on,
            t.cmp_answer_channel,
            t.cmp_overdue,
        ],
    );
    let today = ctx.today();
    for l in lines {
        let overdue = super::rules::is_overdue(!l.state.is_closed(), l.due_on, today);
        table.row(vec![
            l.case_ref.into(),
            ctx.datetime(&l.registered_at).into(),
            l.client.into(),
            about_label(t, &l.about).into(),
            l.department.unwrap_or_default().into(),
            state_label(t, l.state).into(),
            l.due_on.format("%Y-%m-%d").to_string().into(),
            l.answered_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default().into(),
            l.answer_channel.map(|c| channel_label(t, &c)).unwrap_or_default().into(),
            (if overdue { t.yes } else { t.no }).into(),
        ]);
    }
    download(&[table], format, if ctx.lang == Lang::En { "complaints" } else { "rejestr-skarg" })
}
