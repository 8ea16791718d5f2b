//! The residents' satisfaction survey (§7.4.6) on kiosk tablets: the questionnaire
//! in versions, enrolled devices, and the invitation made when a visit is finished
//! at a desk with a kiosk. Answers are attributed to the visit's clerk, desk and
//! department, or to the office, and never to the resident.

pub mod admin;
pub mod kiosk;

pub use kiosk::KioskCtx;

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use crate::i18n::KioskLang;

/// The kiosk's cookie: a random token; the office keeps only its SHA-256.
pub const KIOSK_COOKIE: &str = "okienko_kiosk";

#[derive(Clone, Debug)]
pub struct Question {
    pub survey_question_id: Uuid,
    pub position: i16,
    pub code: String,
    pub text_pl: String,
    pub text_en: String,
    pub text_uk: String,
}

impl Question {
    pub fn text(&self, lang: KioskLang) -> &str {
        match lang {
            KioskLang::Pl => &self.text_pl,
            KioskLang::En => &self.text_en,
            KioskLang::Uk => &self.text_uk,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Questionnaire {
    pub questionnaire_id: Uuid,
    pub version: i32,
    pub questions: Vec<Question>,
}

/// The newest version of the questionnaire: the one the kiosks ask.
pub async fn current_questionnaire(db: &PgPool) -> sqlx::Result<Questionnaire> {
    let head = sqlx::query!("select questionnaire_id, version from questionnaire order by version desc limit 1")
        .fetch_one(db)
        .await?;
    Ok(Questionnaire {
        questionnaire_id: head.questionnaire_id,
        version: head.version,
        questions: questions_of(db, head.questionnaire_id).await?,
    })
}

pub async fn questions_of(db: &PgPool, questionnaire_id: Uuid) -> sqlx::Result<Vec<Question>> {
    sqlx::query_as!(
        Question,
        "select survey_question_id, position, code, text_pl, text_en, text_uk
         from survey_question where questionnaire_id = $1 order by position",
        questionnaire_id
    )
    .fetch_all(db)
    .await
}

/// What an enrolled tablet is for (PostgreSQL `kiosk_purpose`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "kiosk_purpose", rename_all = "snake_case")]
pub enum Purpose {
    /// Asks residents to rate the service (at a desk, or at the exit).
    Survey,
    /// Hands out tickets in the hall (`visits::stand`).
    Tickets,
}

/// An enrolled kiosk, recognised by its cookie.
#[derive(Clone, Debug)]
pub struct Device {
    pub kiosk_id: Uuid,
    pub desk_id: Option<Uuid>,
    pub desk_number: Option<String>,
    pub purpose: Purpose,
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    crate::web::cookie(headers, KIOSK_COOKIE).filter(|t| (16..=200).contains(&t.len()))
}

/// The kiosk this request comes from: None without a cookie, or with the cookie of
/// a kiosk revoked or enrolled again since.
pub async fn device(db: &PgPool, headers: &HeaderMap, now: DateTime<Utc>) -> sqlx::Result<Option<Device>> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    // One round trip: find the kiosk, and note "last seen" for the admins' list at
    // most once a minute (so the page polled every few seconds writes rarely).
    let found = sqlx::query_as!(
        Device,
        r#"with k as (
               select k.kiosk_id, k.desk_id, k.last_seen_at, k.purpose from kiosk k
               where k.token_hash = $1 and k.revoked_at is null
           ), seen as (
               update kiosk set last_seen_at = $2
               where kiosk_id = (select kiosk_id from k)
                 and (last_seen_at is null or last_seen_at < $2::timestamptz - interval '1 minute')
           )
           select k.kiosk_id as "kiosk_id!", k.desk_id, d.number as "desk_number?", k.purpose as "purpose!: Purpose"
           from k left join desk d using (desk_id)"#,
        token_hash(token),
        now
    )
    .fetch_optional(db)
    .await?;
    Ok(found)
}

/// Called in the transaction that finishes a visit: when a working kiosk stands at
/// the visit's desk, it invites the client to rate the visit.
pub async fn invite(
    tx: &mut sqlx::PgConnection,
    visit_id: Uuid,
    valid_for: std::time::Duration,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let made = sqlx::query!(
        "insert into survey_invitation (kiosk_id, visit_id, staff_id, desk_id, department_id, created_at, expires_at)
         select k.kiosk_id, v.visit_id, v.served_by, v.desk_id, v.department_id, $3::timestamptz, $3::timestamptz + make_interval(secs => $2)
         from visit v join kiosk k on k.desk_id = v.desk_id
         where v.visit_id = $1 and v.status = 'done'
           and k.revoked_at is null and k.token_hash is not null
         on conflict (visit_id) do nothing",
        visit_id,
        valid_for.as_secs_f64(),
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(made.rows_affected() > 0)
}
