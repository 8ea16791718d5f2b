//! Admins enrol and revoke kiosks and edit the questionnaire (each edit a new
//! version, so earlier answers keep the questions they answered).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use rand::Rng;
use tower_sessions::Session;
use uuid::Uuid;

use super::{Question, current_questionnaire, token_hash};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::{AppError, Result, is_unique_violation};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

/// How long an enrolment code may be typed on the tablet.
const CODE_VALID_MINUTES: i64 = 30;
/// Letters and digits that cannot be mistaken for one another when read out.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

pub struct KioskRow {
    pub kiosk_id: Uuid,
    pub name: String,
    pub desk_number: Option<String>,
    pub purpose: super::Purpose,
    pub enrolled: bool,
    pub code_until: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub answers_30_days: i64,
}

pub struct DeskOption {
    pub desk_id: Uuid,
    pub number: String,
}

/// A code just made, shown once.
pub struct NewCode {
    pub kiosk_name: String,
    pub code: String,
    pub until: DateTime<Utc>,
}

impl NewCode {
    /// "ABCD-EFGH-JKMN", easier to read out and type.
    pub fn grouped(&self) -> String {
        self.code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "survey/kiosks.html")]
pub struct KiosksPage {
    pub ctx: PageCtx,
    pub rows: Vec<KioskRow>,
    pub desks: Vec<DeskOption>,
    pub name: String,
    pub desk_id: String,
    pub errors: FormErrors,
    pub new_code: Option<NewCode>,
    pub kiosk_url: String,
}

async fn kiosks_page(
    state: &AppState,
    ctx: PageCtx,
    name: String,
    desk_id: String,
    errors: FormErrors,
    new_code: Option<NewCode>,
) -> Result<KiosksPage> {
    let rows = sqlx::query_as!(
        KioskRow,
        r#"select k.kiosk_id, k.name, d.number as "desk_number?", k.purpose as "purpose: super::Purpose",
                  k.token_hash is not null as "enrolled!",
                  case when k.enrol_code_expires_at > $1 then k.enrol_code_expires_at end as code_until,
                  k.revoked_at, k.last_seen_at,
                  (select count(*) from survey_answer a where a.kiosk_id = k.kiosk_id
                     and a.answered_at > $1 - interval '30 days') as "answers_30_days!"
           from kiosk k left join desk d using (desk_id)
           order by k.revoked_at is not null, k.name"#,
        ctx.now
    )
    .fetch_all(&state.db)
    .await?;
    let desks =
        sqlx::query_as!(DeskOption, "select desk_id, number from desk where active order by length(number), number")
            .fetch_all(&state.db)
            .await?;
    Ok(KiosksPage {
        ctx,
        rows,
        desks,
        name,
        desk_id,
        errors,
        new_code,
        kiosk_url: format!("{}/kiosk", state.config.public_url),
    })
}

pub async fn list_kiosks(State(state): State<AppState>, ctx: PageCtx) -> Result<KiosksPage> {
    kiosks_page(&state, ctx, String::new(), String::new(), FormErrors::default(), None).await
}

fn new_code() -> String {
    let mut rng = rand::rng();
    (0..12).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect()
}

/// A new kiosk, with the one-time code to type on the tablet.
pub async fn create_kiosk(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    actor: Actor,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("name", t.kiosk_name), ("desk_id", t.kiosk_desk)])
        .asking(&[("name", t.ask_kiosk_name)]);
    let name = errors.take("name", form.required_between("name", 2, 100, t));
    let desk_raw = errors.take("desk_id", form.text("desk_id", 36, t));
    let desks = sqlx::query_scalar!("select desk_id from desk where active").fetch_all(&state.db).await?;
    // "stand": a ticket stand in the hall; otherwise a survey tablet at a desk or at the exit.
    let purpose = if desk_raw == "stand" { super::Purpose::Tickets } else { super::Purpose::Survey };
    let desk_id = if purpose == super::Purpose::Tickets {
        None
    } else {
        errors.choice("desk_id", &desk_raw, |id| desks.contains(&id), t)
    };
    if errors.is_empty() {
        let code = new_code();
        let inserted = sqlx::query!(
            "insert into kiosk (name, desk_id, enrol_code_hash, enrol_code_expires_at, created_by, created_at, purpose)
             values ($1, $2, $3, $6::timestamptz + make_interval(mins => $4), $5, $6, $7)
             returning kiosk_id, enrol_code_expires_at as \"until!\"",
            name,
            desk_id,
            token_hash(&code),
            CODE_VALID_MINUTES as i32,
            user.staff_id,
            ctx.now,
            purpose as super::Purpose
        )
        .fetch_one(&state.db)
        .await;
        match inserted {
            Ok(row) => {
                actor
                    .record(
                        &state.db,
                        Action::KioskCreated,
                        Some(("kiosk", row.kiosk_id.to_string())),
                        serde_json::json!({ "name": name, "desk_id": desk_id, "purpose": format!("{purpose:?}") }),
                    )
                    .await?;
                let shown = NewCode { kiosk_name: name, code, until: row.until };
                let page = kiosks_page(&state, ctx, String::new(), String::new(), FormErrors::default(), Some(shown));
                return Ok(page.await?.into_response());
            }
            Err(e) if is_unique_violation(&e, "kiosk_name_key") || is_unique_violation(&e, "kiosk_desk_idx") => {
                // the name, or a working kiosk already at that desk
                errors.add("name", t.kiosk_taken);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = kiosks_page(&state, ctx, name, desk_raw, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A new code for a kiosk: a replaced or reset tablet enrols again; the device
/// enrolled before stops working at once.
pub async fn renew_code(
    State(state): State<AppState>,
    ctx: PageCtx,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let code = new_code();
    let row = sqlx::query!(
        "update kiosk set token_hash = null, enrol_code_hash = $2,
                          enrol_code_expires_at = $4::timestamptz + make_interval(mins => $3)
         where kiosk_id = $1 and revoked_at is null
         returning name, enrol_code_expires_at as \"until!\"",
        id,
        token_hash(&code),
        CODE_VALID_MINUTES as i32,
        ctx.now
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    actor.record(&state.db, Action::KioskCodeRenewed, Some(("kiosk", id.to_string())), serde_json::json!({})).await?;
    let shown = NewCode { kiosk_name: row.name, code, until: row.until };
    Ok(kiosks_page(&state, ctx, String::new(), String::new(), FormErrors::default(), Some(shown))
        .await?
        .into_response())
}

/// Revoked for good: the tablet is refused from its next request on.
pub async fn revoke_kiosk(
    State(state): State<AppState>,
    session: Session,
    ctx: PageCtx,
    actor: Actor,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let done = sqlx::query!(
        "update kiosk set revoked_at = $2, token_hash = null, enrol_code_hash = null, enrol_code_expires_at = null
         where kiosk_id = $1 and revoked_at is null",
        id,
        ctx.now
    )
    .execute(&state.db)
    .await?;
    if done.rows_affected() > 0 {
        actor.record(&state.db, Action::KioskRevoked, Some(("kiosk", id.to_string())), serde_json::json!({})).await?;
    }
    set_flash(&session, FlashKind::Success, ctx.t.kiosk_revoked).await?;
    Ok(Redirect::to("/admin/kiosks").into_response())
}

/// The most questions a questionnaire may have (short enough for one screen).
pub const MAX_QUESTIONS: usize = 8;

/// The form's field names for row `i` (code, Polish, English, Ukrainian).
const ROWS: [[&str; 4]; MAX_QUESTIONS] = [
    ["q1_code", "q1_pl", "q1_en", "q1_uk"],
    ["q2_code", "q2_pl", "q2_en", "q2_uk"],
    ["q3_code", "q3_pl", "q3_en", "q3_uk"],
    ["q4_code", "q4_pl", "q4_en", "q4_uk"],
    ["q5_code", "q5_pl", "q5_en", "q5_uk"],
    ["q6_code", "q6_pl", "q6_en", "q6_uk"],
    ["q7_code", "q7_pl", "q7_en", "q7_uk"],
    ["q8_code", "q8_pl", "q8_en", "q8_uk"],
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionRow {
    pub code: String,
    pub pl: String,
    pub en: String,
    pub uk: String,
}

impl QuestionRow {
    fn is_empty(&self) -> bool {
        self.code.is_empty() && self.pl.is_empty() && self.en.is_empty() && self.uk.is_empty()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "survey/questionnaire.html")]
pub struct QuestionnairePage {
    pub ctx: PageCtx,
    pub version: i32,
    pub rows: Vec<QuestionRow>,
    pub errors: FormErrors,
}

impl QuestionnairePage {
    pub fn field(&self, row: &usize, column: usize) -> &'static str {
        ROWS[*row][column]
    }
}

fn rows_of(questions: &[Question]) -> Vec<QuestionRow> {
    questions
        .iter()
        .map(|q| QuestionRow {
            code: q.code.clone(),
            pl: q.text_pl.clone(),
            en: q.text_en.clone(),
            uk: q.text_uk.clone(),
        })
        .collect()
}

/// The rows shown: the questions, then empty ones to add more, up to the limit.
fn padded(mut rows: Vec<QuestionRow>) -> Vec<QuestionRow> {
    rows.resize(MAX_QUESTIONS, QuestionRow::default());
    rows
}

pub async fn questionnaire_form(State(state): State<AppState>, ctx: PageCtx) -> Result<QuestionnairePage> {
    let current = current_questionnaire(&state.db).await?;
    Ok(QuestionnairePage {
        ctx,
        version: current.version,
        rows: padded(rows_of(&current.questions)),
        errors: FormErrors::default(),
    })
}

/// Saves the edited questions as a new version, unless nothing changed or someone
/// saved another version since the form was opened.
pub async fn save_questionnaire(
    State(state): State<AppState>,
    session: Session,
    ctx: PageCtx,
    user: CurrentUser,
    actor: Actor,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let labels: Vec<(&'static str, &'static str)> = ROWS
        .iter()
        .flat_map(|r| [(r[0], t.question_code), (r[1], t.question_pl), (r[2], t.question_en), (r[3], t.question_uk)])
        .collect();
    let mut errors = FormErrors::labelled(&labels);
    let mut rows = Vec::new();
    for names in ROWS {
        let row = QuestionRow {
            code: errors.take(names[0], form.text(names[0], 30, t)),
            pl: errors.take(names[1], form.text(names[1], 200, t)),
            en: errors.take(names[2], form.text(names[2], 200, t)),
            uk: errors.take(names[3], form.text(names[3], 200, t)),
        };
        if row.is_empty() {
            continue;
        }
        let code_ok = row.code.len() >= 2
            && row.code.starts_with(|c: char| c.is_ascii_lowercase())
            && row.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            errors.add(names[0], t.question_code_invalid);
        } else if rows.iter().any(|r: &QuestionRow| r.code == row.code) {
            errors.add(names[0], t.question_code_twice);
        }
        for (name, text) in [(names[1], &row.pl), (names[2], &row.en), (names[3], &row.uk)] {
            if text.chars().count() < 3 {
                errors.add(name, t.question_text_needed);
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        errors.add(ROWS[0][0], t.question_none);
    }
    let base = form.raw("version").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let current = current_questionnaire(&state.db).await?;
    if current.version != base {
        errors.add(ROWS[0][0], t.question_stale);
    }
    if !errors.is_empty() {
        let page = QuestionnairePage { ctx, version: base, rows: padded(rows), errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if rows == rows_of(&current.questions) {
        set_flash(&session, FlashKind::Info, t.question_unchanged).await?;
        return Ok(Redirect::to("/admin/survey").into_response());
    }
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query_scalar!(
        "insert into questionnaire (version, created_by) values ($1, $2) returning questionnaire_id",
        current.version + 1,
        user.staff_id
    )
    .fetch_one(&mut *tx)
    .await;
    let questionnaire_id = match inserted {
        Ok(id) => id,
        // saved by someone else at the same moment
        Err(e) if is_unique_violation(&e, "questionnaire_version_key") => return Err(AppError::Conflict),
        Err(e) => return Err(e.into()),
    };
    for (i, row) in rows.iter().enumerate() {
        sqlx::query!(
            "insert into survey_question (questionnaire_id, position, code, text_pl, text_en, text_uk)
             values ($1, $2, $3, $4, $5, $6)",
            questionnaire_id,
            i as i16 + 1,
            row.code,
            row.pl,
            row.en,
            row.uk
        )
        .execute(&mut *tx)
        .await?;
    }
    actor
        .record(
            &mut *tx,
            Action::SurveyQuestionnaireSaved,
            Some(("questionnaire", questionnaire_id.to_string())),
            serde_json::json!({ "version": current.version + 1, "questions": rows.len() }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.question_saved, "version", current.version + 1)).await?;
    Ok(Redirect::to("/admin/survey").into_response())
}
