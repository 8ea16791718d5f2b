//! "Komentarze mieszkańców": what residents wrote on the kiosks, for supervisors only.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use sqlx::PgPool;
use uuid::Uuid;

use super::page::{ReportNav, ReportQuery, month_of, refused_month, this_month, wide_scope};
use super::{Month, Scope};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::SUGGESTION_KEEPERS;
use crate::config::Config;
use crate::error::Result;
use crate::registers::suggestions::marked_comments;
use crate::state::AppState;
use crate::web::page::PageCtx;

/// A resident's comment: where it was given and what it says (anonymous: no date,
/// no visit); its answer's id lets a supervisor act on it.
pub struct Comment {
    pub survey_answer_id: Uuid,
    pub place: String,
    pub text: String,
}

/// Residents' comments in the reader's scope for the month, without dates or
/// visits (they are anonymous), with where they were given.
pub async fn comments(db: &PgPool, config: &Config, scope: Scope, month: Month) -> sqlx::Result<Vec<Comment>> {
    let (from, to) = month.bounds(&config.time_zone);
    let rows = sqlx::query!(
        r#"select a.survey_answer_id, a.comment as "comment!", coalesce(s.full_name, k.name) as "place!"
           from survey_answer a join kiosk k using (kiosk_id) left join staff s on s.staff_id = a.staff_id
           where a.comment is not null and a.answered_at >= $1 and a.answered_at < $2
             and ($3::uuid is null or a.department_id = $3)
           order by a.answered_at"#,
        from,
        to,
        scope.department()
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Comment { survey_answer_id: r.survey_answer_id, place: r.place, text: r.comment })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/comments.html")]
pub struct CommentsPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub comments: Vec<Comment>,
    /// Low scores with a comment, which a supervisor may record as complaints.
    pub complaint_candidates: Vec<crate::complaints::take::Candidate>,
    /// Supervisors and the director make a comment a suggestion (§7.1); those made already.
    pub may_suggest: bool,
    pub marked: HashSet<Uuid>,
}

impl CommentsPage {
    /// The start of a comment, to tell its buttons apart for a screen reader.
    pub fn start_of(&self, text: &str) -> String {
        crate::registers::short(text, 40)
    }
}

pub async fn show_comments(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Query(query): Query<ReportQuery>,
) -> Result<CommentsPage> {
    let scope = wide_scope(&user)?;
    let month = month_of(&state, &query);
    let comments = comments(&state.db, &state.config, scope, month).await?;
    actor.record(&state.db, Action::SurveyCommentsRead, None, serde_json::json!({ "month": month.code() })).await?;
    let nav = ReportNav::new(scope, month, "comments").asked(refused_month(&state, &query));
    let complaint_candidates =
        crate::complaints::take::candidates(&state.db, scope.department(), month.bounds(&state.config.time_zone))
            .await?;
    let may_suggest = user.may(SUGGESTION_KEEPERS);
    let ids: Vec<Uuid> = comments.iter().map(|c| c.survey_answer_id).collect();
    let marked = if may_suggest { marked_comments(&state.db, &ids).await? } else { HashSet::new() };
    Ok(CommentsPage { nav, now: this_month(&state), ctx, comments, complaint_candidates, may_suggest, marked })
}
