//! The home-visit list: the requests waiting for this person's step (§5.3 inbox),
//! and the others they may read. Whose turn it is and what is stuck come from
//! `cases`, as on the home page and in the reports.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::request::{may_read, state_label};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::calendar::{self, local_date};
use crate::cases::{self, Kind, State as Stage, is_stuck};
use crate::error::Result;
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::PageCtx;

pub struct ListRow {
    pub id: Uuid,
    pub case_ref: String,
    pub client_name: String,
    pub case_kind: String,
    pub state: Stage,
    pub state_since: DateTime<Utc>,
    pub planned_at: Option<DateTime<Utc>>,
    pub stuck: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/list.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub waiting: Vec<ListRow>,
    pub others: Vec<ListRow>,
    pub can_register: bool,
    /// Other departments asking this head for a colleague (`loans`).
    pub asks: Vec<super::loans::AskLine>,
    /// The requests found by a PESEL (`search_by_pesel`), among those this person may read.
    pub found: Option<Vec<ListRow>>,
    /// The PESEL typed, shown back only when it was not a valid number.
    pub pesel_input: String,
    pub errors: FormErrors,
}

impl ListPage {
    pub fn state(&self, state: &Stage) -> &'static str {
        state_label(self.ctx.t, *state)
    }

    pub fn sections(&self) -> [(&'static str, &Vec<ListRow>); 2] {
        [(self.ctx.t.hv_waiting_for_me, &self.waiting), (self.ctx.t.hv_others, &self.others)]
    }
}

/// Requests waiting for this person at their step, and the others they may read:
/// every open one, and those closed in the last 30 days.
pub async fn list_requests(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<ListPage> {
    let (waiting, others) = rows(&state, &user, &ctx, ctx.now - TimeDelta::days(30), None).await?;
    let asks = super::loans::asks_for(&state.db, &user).await?;
    Ok(ListPage {
        can_register: ctx.may_open("/home-visits/new"),
        ctx,
        waiting,
        others,
        asks,
        found: None,
        pesel_input: String::new(),
        errors: FormErrors::default(),
    })
}

/// The requests with this PESEL that the reader may read, open or closed, found by
/// the PESEL's keyed hash (the number itself is sealed). Sent by POST, so that the
/// number is in no address, history or log; every search is audited (the requests
/// found, never the number).
pub async fn search_by_pesel(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("pesel", t.hv_pesel)]).asking(&[("pesel", t.hv_search_pesel_ask)]);
    let raw = errors.take("pesel", form.required("pesel", 20, t));
    let pesel = errors.pesel("pesel", &raw, t);
    let asks = super::loans::asks_for(&state.db, &user).await?;
    let (waiting, others) = rows(&state, &user, &ctx, ctx.now - TimeDelta::days(30), None).await?;
    let Some(pesel) = pesel else {
        let page = ListPage {
            can_register: ctx.may_open("/home-visits/new"),
            ctx,
            waiting,
            others,
            asks,
            found: None,
            pesel_input: raw,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = state.config.keys.lookup_hash(pesel.reveal());
    let (mut found, closed) = rows(&state, &user, &ctx, DateTime::<Utc>::UNIX_EPOCH, Some(&hash)).await?;
    found.extend(closed);
    // Which requests the PESEL led to (never the number), so that the IOD's "Kto
    // odczytał" lists this search among the reads of that resident's data.
    let records: Vec<String> = found.iter().map(|r| r.id.to_string()).collect();
    let detail = serde_json::json!({ "found": found.len(), "records": { crate::iod::person::HOME_VISIT: records } });
    actor.record(&state.db, Action::HomeVisitPeselSearched, None, detail).await?;
    Ok(ListPage {
        can_register: ctx.may_open("/home-visits/new"),
        ctx,
        waiting,
        others,
        asks,
        found: Some(found),
        pesel_input: String::new(),
        errors,
    }
    .into_response())
}

/// The readable requests (open, or closed since `closed_since`), optionally only those
/// whose PESEL has this keyed hash: (waiting for the reader, the others).
async fn rows(
    state: &AppState,
    user: &CurrentUser,
    ctx: &PageCtx,
    closed_since: DateTime<Utc>,
    pesel_hmac: Option<&[u8]>,
) -> Result<(Vec<ListRow>, Vec<ListRow>)> {
    let listed = cases::listed(&state.db, closed_since).await?;
    let mut readable: Vec<_> = listed.into_iter().filter(|c| c.kind == Kind::HomeVisit && may_read(user, c)).collect();
    if let Some(hash) = pesel_hmac {
        let with_pesel: Vec<Uuid> =
            sqlx::query_scalar!("select home_visit_request_id from home_visit_request where pesel_hmac = $1", hash)
                .fetch_all(&state.db)
                .await?;
        readable.retain(|c| with_pesel.contains(&c.case_file_id));
    }
    readable.truncate(500);
    let ids: Vec<Uuid> = readable.iter().map(|c| c.case_file_id).collect();
    let details = sqlx::query!(
        "select r.home_visit_request_id, r.client_name, k.name as case_kind, r.planned_at
         from home_visit_request r join case_kind k using (case_kind_id)
         where r.home_visit_request_id = any($1)",
        &ids
    )
    .fetch_all(&state.db)
    .await?;
    let today = ctx.today();
    let first = readable.iter().map(|c| local_date(c.state_since, &ctx.tz)).min().unwrap_or(today).min(today);
    let calendar = calendar::load(&state.db, first, today).await?;
    let (mut waiting, mut others) = (Vec::new(), Vec::new());
    for case in readable {
        let Some(d) = details.iter().find(|d| d.home_visit_request_id == case.case_file_id) else { continue };
        let since = local_date(case.state_since, &ctx.tz);
        let row = ListRow {
            id: case.case_file_id,
            case_ref: case.case_ref.clone(),
            client_name: d.client_name.clone(),
            case_kind: d.case_kind.clone(),
            state: case.state,
            state_since: case.state_since,
            planned_at: d.planned_at,
            stuck: is_stuck(case.state, since, today, &calendar, state.config.stuck_after_working_days),
        };
        if case.waits_for(user) { waiting.push(row) } else { others.push(row) }
    }
    Ok((waiting, others))
}
