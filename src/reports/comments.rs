//! "Komentarze mieszkańców": what residents wrote on the kiosks, for supervisors only.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use sqlx::PgPool;

use super::page::{ReportNav, ReportQuery, month_of, refused_month, this_month, wide_scope};
use super::{Month, Scope};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::config::Config;
use crate::error::Result;
use crate::state::AppState;
use crate::web::page::PageCtx;

/// Residents' comments in the reader's scope for the month, without dates or
/// visits (they are anonymous), with where they were given.
pub async fn comments(db: &PgPool, config: &Config, scope: Scope, month: Month) -> sqlx::Result<Vec<(String, String)>> {
    let (from, to) = month.bounds(&config.time_zone);
    let rows = sqlx::query!(
        r#"select a.comment as "comment!", coalesce(s.full_name, k.name) as "place!"
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
    Ok(rows.into_iter().map(|r| (r.place, r.comment)).collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/comments.html")]
pub struct CommentsPage {
    pub ctx: PageCtx,
    pub nav: ReportNav,
    pub now: Month,
    pub comments: Vec<(String, String)>,
    /// Low scores with a comment, which a supervisor may record as complaints.
    pub complaint_candidates: Vec<crate::complaints::take::Candidate>,
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
    Ok(CommentsPage { nav, now: this_month(&state), ctx, comments, complaint_candidates })
}
