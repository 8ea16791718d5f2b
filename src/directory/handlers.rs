//! The searchable phone list of all staff (§4.8), with who is where now.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::{Colleague, Filter, Presence, absence_for_colleagues, colleagues};
use crate::error::Result;
use crate::procedures::search_words;
use crate::state::AppState;
use crate::web::page::PageCtx;
use crate::web::pager::Pager;

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    pub page: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/list.html")]
pub struct DirectoryPage {
    pub ctx: PageCtx,
    pub q: String,
    pub rows: Vec<Colleague>,
    pub pager: Pager,
}

impl DirectoryPage {
    /// The presence as words (never colour alone) and the tag's colour.
    pub fn presence(&self, presence: &Presence) -> (String, &'static str) {
        presence_text(&self.ctx, presence)
    }
}

pub fn presence_text(ctx: &PageCtx, presence: &Presence) -> (String, &'static str) {
    let t = ctx.t;
    match presence {
        Presence::AtDesk { desk } => (ctx.fill(t.presence_at_desk, "desk", desk), "tag--green"),
        Presence::Away { back_at, substitute, late } => {
            let mut text = ctx.fill(t.presence_away, "time", back_at.with_timezone(&ctx.tz).format("%H:%M"));
            if let Some(s) = substitute {
                text = format!("{text}; {}", ctx.fill(t.presence_substitute, "name", s));
            }
            if *late {
                text = format!("{text} ({})", t.presence_late);
            }
            (text, if *late { "tag--red" } else { "tag--yellow" })
        }
        Presence::Absent { kind } => match absence_for_colleagues(t, kind) {
            Some(kind) => (format!("{}: {kind}", t.presence_absent), "tag--grey"),
            None => (t.presence_absent.to_owned(), "tag--grey"),
        },
        Presence::NotAtDesk => (t.presence_not_at_desk.to_owned(), "tag--blue"),
    }
}

pub async fn show_directory(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<DirectoryQuery>,
) -> Result<DirectoryPage> {
    let q: String = query.q.chars().take(100).collect();
    let words = search_words(&q);
    let mut pager = Pager::new("/directory", &[("q", &q)], query.page, 50);
    let filter = Filter {
        words: &words,
        case_kind_id: None,
        department_id: None,
        exclude: None,
        limit: pager.limit(),
        offset: pager.offset(),
    };
    let rows = pager.take(colleagues(&state.db, &filter, ctx.now, &ctx.tz).await?);
    Ok(DirectoryPage { ctx, q, rows, pager })
}
