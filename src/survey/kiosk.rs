//! The kiosk's own pages, for a tablet at a desk or at the exit. No employee is
//! signed in here: the device is recognised by its enrolment cookie, every screen
//! is in Polish, English or Ukrainian, and nothing personal is ever on it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::{Device, KIOSK_COOKIE, Purpose, Question, device, token_hash};
use crate::audit::{Action, Actor};
use crate::auth::throttle::{self, Attempt};
use crate::error::{AppError, Result};
use crate::i18n::{self, KioskLang, KioskTexts};
use crate::state::AppState;
use crate::web::csrf::KIOSK_ENROL_COOKIE;
use crate::web::form::FormData;

/// The longest comment kept.
pub const COMMENT_MAX: usize = 1000;
/// After "thank you", back to the start screen.
const THANKS_SECONDS: u64 = 6;
/// The idle screen of a desk's kiosk looks for a new invitation this often.
const IDLE_REFRESH_SECONDS: u64 = 3;

/// What every kiosk screen needs.
pub struct KioskCtx {
    pub lang: KioskLang,
    pub k: &'static KioskTexts,
    pub office_name: String,
    /// Seconds untouched before the screen goes back to the start.
    pub reset_after: u64,
}

impl KioskCtx {
    pub fn new(state: &AppState, lang: KioskLang) -> KioskCtx {
        KioskCtx {
            lang,
            k: lang.texts(),
            office_name: state.config.office_name.clone(),
            reset_after: state.config.kiosk_reset_after.as_secs().max(10),
        }
    }

    pub fn fill(&self, text: &str, name: &str, value: impl std::fmt::Display) -> String {
        i18n::fill(text, name, &value.to_string())
    }

    pub fn langs(&self) -> [KioskLang; 3] {
        KioskLang::ALL
    }

    /// `aria-current` of a language link.
    pub fn is_lang(&self, lang: &KioskLang) -> bool {
        self.lang == *lang
    }

    /// The question over the form: the desk's visit, or the visit to the office.
    fn heading(&self, desk: Option<&str>) -> String {
        match desk {
            Some(desk) => self.fill(self.k.invited_desk, "desk", desk),
            None => self.k.invited_office.to_owned(),
        }
    }

    /// The five answers, lowest first, with their words.
    pub fn scale(&self) -> [(u8, &'static str); 5] {
        let k = self.k;
        [(1, k.scale_1), (2, k.scale_2), (3, k.scale_3), (4, k.scale_4), (5, k.scale_5)]
    }

    /// Without JavaScript the screen still goes back to the start, a little later.
    pub fn reset_without_script(&self) -> u64 {
        self.reset_after * 2
    }
}

#[derive(Deserialize)]
pub struct KioskQuery {
    #[serde(default)]
    lang: String,
    /// The invitation already on screen, when the language is switched.
    #[serde(default)]
    invitation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/enrol.html")]
pub struct EnrolPage {
    pub kctx: KioskCtx,
    pub error: Option<&'static str>,
    /// The form's own token, also set as a cookie (see `web::csrf::KIOSK_ENROL_COOKIE`).
    pub csrf: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/idle.html")]
pub struct IdlePage {
    pub kctx: KioskCtx,
    pub desk: String,
    pub refresh: u64,
}

/// One question on the form, with the answer chosen so far.
pub struct QuestionView {
    pub id: Uuid,
    pub text: String,
    pub chosen: Option<u8>,
    pub error: Option<&'static str>,
}

impl IdlePage {
    pub fn lang_href(&self, lang: &KioskLang) -> String {
        format!("/kiosk?lang={}", lang.code())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/survey.html")]
pub struct SurveyPage {
    pub kctx: KioskCtx,
    pub heading: String,
    pub invitation: Option<Uuid>,
    pub questionnaire_id: Uuid,
    pub submission_key: Uuid,
    pub questions: Vec<QuestionView>,
    pub comment: String,
    pub errors: Vec<&'static str>,
    pub comment_error: Option<&'static str>,
}

impl SurveyPage {
    pub fn lang_href(&self, lang: &KioskLang) -> String {
        match self.invitation {
            Some(id) => format!("/kiosk?lang={}&invitation={id}", lang.code()),
            None => format!("/kiosk?lang={}", lang.code()),
        }
    }

    pub fn total(&self) -> usize {
        self.questions.len()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "kiosk/message.html")]
pub struct MessagePage {
    pub kctx: KioskCtx,
    pub heading: &'static str,
    pub text: &'static str,
    pub back_after: u64,
}

/// The enrolment form, refused with 403 (a device that is not a kiosk). It carries a
/// fresh token of its own, also set in a cookie for `/kiosk` only, which
/// `web::csrf::verify` compares before `enrol` runs: there is no session here.
pub fn not_enrolled(state: &AppState, lang: KioskLang, error: Option<&'static str>) -> Response {
    let csrf = crate::web::random_token();
    let secure = if state.config.cookie_secure { "; Secure" } else { "" };
    let cookie = format!("{KIOSK_ENROL_COOKIE}={csrf}; Path=/kiosk; HttpOnly; SameSite=Strict{secure}");
    let mut response =
        (StatusCode::FORBIDDEN, EnrolPage { kctx: KioskCtx::new(state, lang), error, csrf }).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub fn lang_of(raw: &str) -> KioskLang {
    KioskLang::parse(raw).unwrap_or_default()
}

/// The start screen: a desk's kiosk waits for the next finished visit and then asks
/// its client; the exit kiosk asks anyone.
pub async fn show_kiosk(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<KioskQuery>,
) -> Result<Response> {
    let lang = lang_of(&query.lang);
    let Some(kiosk) = device(&state.db, &headers, state.clock.now()).await? else {
        return Ok(not_enrolled(&state, lang, None));
    };
    if kiosk.purpose == Purpose::Tickets {
        return Ok(Redirect::to(&format!("/kiosk/stand?lang={}", lang.code())).into_response());
    }
    let kctx = KioskCtx::new(&state, lang);
    let Some(desk) = kiosk.desk_number.clone() else {
        return survey_page(&state, kctx, None, None).await;
    };
    // The invitation already on screen (the language was switched), or the newest
    // one not shown yet; once shown, a timeout or "cancel" does not bring it back.
    let again = query.invitation.parse::<Uuid>().ok();
    let invitation = match again {
        Some(id) => {
            sqlx::query_scalar!(
                "select i.survey_invitation_id from survey_invitation i
             where i.survey_invitation_id = $1 and i.kiosk_id = $2 and i.expires_at > $3
               and not exists (select 1 from survey_answer a where a.survey_invitation_id = i.survey_invitation_id)",
                id,
                kiosk.kiosk_id,
                state.clock.now()
            )
            .fetch_optional(&state.db)
            .await?
        }
        None => None,
    };
    let invitation = match invitation {
        Some(id) => Some(id),
        None => {
            sqlx::query_scalar!(
                "update survey_invitation set shown_at = $3
                 where survey_invitation_id = (
                     select i.survey_invitation_id from survey_invitation i
                     where i.kiosk_id = $1 and i.shown_at is null and i.expires_at > $3
                       and i.created_at > $3 - make_interval(secs => $2)
                       and not exists (select 1 from survey_answer a where a.survey_invitation_id = i.survey_invitation_id)
                     order by i.created_at desc limit 1)
                 returning survey_invitation_id",
                kiosk.kiosk_id,
                state.config.kiosk_invitation_valid.as_secs_f64(),
                state.clock.now()
            )
            .fetch_optional(&state.db)
            .await?
        }
    };
    match invitation {
        Some(id) => survey_page(&state, kctx, Some(id), Some(desk)).await,
        None => Ok(IdlePage { kctx, desk, refresh: IDLE_REFRESH_SECONDS }.into_response()),
    }
}

async fn survey_page(
    state: &AppState,
    kctx: KioskCtx,
    invitation: Option<Uuid>,
    desk: Option<String>,
) -> Result<Response> {
    let questionnaire = super::current_questionnaire(&state.db).await?;
    let heading = kctx.heading(desk.as_deref());
    let questions = questionnaire
        .questions
        .iter()
        .map(|q| QuestionView {
            id: q.survey_question_id,
            text: q.text(kctx.lang).to_owned(),
            chosen: None,
            error: None,
        })
        .collect();
    Ok(SurveyPage {
        kctx,
        heading,
        invitation,
        questionnaire_id: questionnaire.questionnaire_id,
        submission_key: Uuid::new_v4(),
        questions,
        comment: String::new(),
        errors: Vec::new(),
        comment_error: None,
    }
    .into_response())
}

/// A resident's answer. Recorded once per invitation and once per form (a double
/// tap, a resent form, the offline queue sending again), throttled per device.
pub async fn submit_answer(State(state): State<AppState>, headers: HeaderMap, form: FormData) -> Result<Response> {
    let lang = lang_of(form.raw("lang").unwrap_or(""));
    let Some(kiosk) = device(&state.db, &headers, state.clock.now()).await?.filter(|k| k.purpose == Purpose::Survey)
    else {
        return Ok(not_enrolled(&state, lang, None));
    };
    let kctx = KioskCtx::new(&state, lang);
    let k = kctx.k;
    let submission_key =
        form.raw("submission_key").and_then(|v| v.trim().parse::<Uuid>().ok()).unwrap_or_else(Uuid::new_v4);
    let invitation = form.raw("invitation").and_then(|v| v.trim().parse::<Uuid>().ok());
    // Answers keep the version they answered, even when an admin changed it meanwhile.
    let asked = form.raw("questionnaire").and_then(|v| v.trim().parse::<Uuid>().ok());
    let Some((questionnaire_id, questions)) = questions_for(&state, asked).await? else {
        return Err(AppError::Internal(anyhow::anyhow!("the questionnaire has no questions")));
    };
    let (scores, views, comment, errors, comment_error) = read_answer(&form, &questions, lang);
    if !errors.is_empty() {
        let heading = kctx.heading(kiosk.desk_number.as_deref().filter(|_| invitation.is_some()));
        let page = SurveyPage {
            kctx,
            heading,
            invitation,
            questionnaire_id,
            submission_key,
            questions: views,
            comment,
            errors,
            comment_error,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    match record(&state, &kiosk, questionnaire_id, submission_key, invitation, &scores, &comment, lang).await? {
        Recorded::Saved | Recorded::AlreadySaved => {
            Ok(Redirect::to(&format!("/kiosk/thanks?lang={}", lang.code())).into_response())
        }
        Recorded::Throttled => {
            let page = MessagePage { kctx, heading: k.busy, text: k.busy_text, back_after: 10 };
            let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            Ok(response)
        }
    }
}

/// The questions of each questionnaire version asked for, kept for the life of the
/// process: a version's questions never change once written (an edit is a new
/// version), so an answer naming its version needs no query for them.
#[derive(Default)]
struct AskedQuestions(std::sync::RwLock<std::collections::HashMap<Uuid, std::sync::Arc<Vec<Question>>>>);

/// The questions of version `asked`, or of the newest version when `asked` names none.
async fn questions_for(state: &AppState, asked: Option<Uuid>) -> Result<Option<(Uuid, std::sync::Arc<Vec<Question>>)>> {
    let cache = state.memory.get::<AskedQuestions>();
    if let Some(id) = asked {
        let known = cache.0.read().unwrap_or_else(|e| e.into_inner()).get(&id).cloned();
        if let Some(questions) = known {
            return Ok(Some((id, questions)));
        }
    }
    let rows = sqlx::query!(
        r#"select questionnaire_id, survey_question_id, position, code, text_pl, text_en, text_uk from survey_question
           where questionnaire_id = coalesce(
               (select questionnaire_id from questionnaire where questionnaire_id = $1),
               (select questionnaire_id from questionnaire order by version desc limit 1))
           order by position"#,
        asked
    )
    .fetch_all(&state.db)
    .await?;
    let Some(questionnaire_id) = rows.first().map(|r| r.questionnaire_id) else {
        return Ok(None);
    };
    let questions: std::sync::Arc<Vec<Question>> = std::sync::Arc::new(
        rows.into_iter()
            .map(|r| Question {
                survey_question_id: r.survey_question_id,
                position: r.position,
                code: r.code,
                text_pl: r.text_pl,
                text_en: r.text_en,
                text_uk: r.text_uk,
            })
            .collect(),
    );
    cache.0.write().unwrap_or_else(|e| e.into_inner()).insert(questionnaire_id, questions.clone());
    Ok(Some((questionnaire_id, questions)))
}

type ReadAnswer = (Vec<(Uuid, i16)>, Vec<QuestionView>, String, Vec<&'static str>, Option<&'static str>);

/// The scores (1-5, any question may be skipped) and the comment, or what to correct.
fn read_answer(form: &FormData, questions: &[Question], lang: KioskLang) -> ReadAnswer {
    let k = lang.texts();
    let mut errors = Vec::new();
    let mut scores = Vec::new();
    let mut views = Vec::new();
    for q in questions {
        let raw = form.raw(&format!("q_{}", q.survey_question_id)).unwrap_or("").trim();
        let chosen = raw.parse::<u8>().ok().filter(|s| (1..=5).contains(s));
        let error = (!raw.is_empty() && chosen.is_none()).then_some(k.score_invalid);
        if let Some(score) = chosen {
            scores.push((q.survey_question_id, i16::from(score)));
        }
        views.push(QuestionView { id: q.survey_question_id, text: q.text(lang).to_owned(), chosen, error });
    }
    if views.iter().any(|v| v.error.is_some()) {
        errors.push(k.score_invalid);
    }
    // Kept as typed when refused (without the characters refused), to correct it.
    let (comment, comment_error) = match form.checked_text("comment", COMMENT_MAX) {
        Ok(comment) => (comment, None),
        Err(_) => {
            let typed = form.raw("comment").unwrap_or("").trim();
            (typed.chars().filter(|c| !c.is_control() || *c == '\n').collect(), Some(k.comment_invalid))
        }
    };
    if let Some(e) = comment_error {
        errors.push(e);
    }
    if errors.is_empty() && scores.is_empty() && comment.is_empty() {
        errors.push(k.nothing_chosen);
    }
    (scores, views, comment, errors, comment_error)
}

enum Recorded {
    Saved,
    AlreadySaved,
    Throttled,
}

#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    kiosk: &Device,
    questionnaire_id: Uuid,
    submission_key: Uuid,
    invitation: Option<Uuid>,
    scores: &[(Uuid, i16)],
    comment: &str,
    lang: KioskLang,
) -> Result<Recorded> {
    // Throttled per device, in memory: cheap enough for every tap, and the answers
    // themselves are kept unique by the database, whatever the timing.
    if state.kiosk_limiter.check_key(&kiosk.kiosk_id).is_err() {
        // A double tap or a resend of an answer already kept still gets "thank you".
        let seen = sqlx::query_scalar!(
            r#"select exists (select 1 from survey_answer where submission_key = $1
                              or (survey_invitation_id = $2 and $2 is not null)) as "seen!""#,
            submission_key,
            invitation
        )
        .fetch_one(&state.db)
        .await?;
        return Ok(if seen { Recorded::AlreadySaved } else { Recorded::Throttled });
    }
    // The answer with its scores, in one statement (so all or nothing). The
    // invitation must be this kiosk's to attribute the answer to its visit;
    // otherwise it is the office's.
    let (question_ids, values): (Vec<Uuid>, Vec<i16>) = scores.iter().copied().unzip();
    let inserted = sqlx::query_scalar!(
        r#"with invited as (
               select survey_invitation_id, staff_id, desk_id, department_id
               from survey_invitation where survey_invitation_id = $3 and kiosk_id = $2
           ), answer as (
               insert into survey_answer (questionnaire_id, kiosk_id, survey_invitation_id, submission_key,
                                          staff_id, desk_id, department_id, lang, comment, answered_at)
               select $1, $2, i.survey_invitation_id, $4, i.staff_id, i.desk_id, i.department_id, $5, $6, $9
               from (select 1) as one left join invited i on true
               on conflict do nothing
               returning survey_answer_id
           ), scores as (
               insert into survey_score (survey_answer_id, survey_question_id, score)
               select a.survey_answer_id, x.q, x.s from answer a, unnest($7::uuid[], $8::smallint[]) as x(q, s)
           )
           select count(*) as "n!" from answer"#,
        questionnaire_id,
        kiosk.kiosk_id,
        invitation,
        submission_key,
        lang.code(),
        (!comment.is_empty()).then_some(comment),
        &question_ids,
        &values,
        state.clock.now()
    )
    .fetch_one(&state.db)
    .await?;
    // Nothing inserted: this form, or this invitation, was answered already.
    Ok(if inserted == 0 { Recorded::AlreadySaved } else { Recorded::Saved })
}

#[derive(Deserialize)]
pub struct LangQuery {
    #[serde(default)]
    lang: String,
}

/// "Thank you", then back to the start screen by itself.
pub async fn thanks(State(state): State<AppState>, Query(query): Query<LangQuery>) -> MessagePage {
    let kctx = KioskCtx::new(&state, lang_of(&query.lang));
    let k = kctx.k;
    MessagePage { kctx, heading: k.thanks, text: k.thanks_text, back_after: THANKS_SECONDS }
}

/// The throttle's subject for guesses of kiosk enrolment codes.
const ENROL_SUBJECT: &str = "kiosk enrolment";

/// Enrolment: the one-time code from the admins' list of kiosks gives this device
/// its cookie. Attempts are limited per address like sign-ins.
pub async fn enrol(
    State(state): State<AppState>,
    headers: HeaderMap,
    actor: Actor,
    form: FormData,
) -> Result<Response> {
    let lang = lang_of(form.raw("lang").unwrap_or(""));
    // Enrolment codes are guessed like passwords: the same throttle, under a
    // subject no login can take (logins have no spaces).
    let code = normalise_code(form.raw("code").unwrap_or(""));
    let allowance = state.config.login_allowance();
    if !code.is_empty()
        && let Attempt::Wait { seconds, .. } =
            throttle::attempt(&state.db, ENROL_SUBJECT, actor.ip, state.clock.now(), allowance).await?
    {
        return Err(AppError::TooManyRequests { retry_after_secs: seconds.max(1) as u64 });
    }
    let token = crate::web::random_token();
    let enrolled = if code.is_empty() {
        None
    } else {
        sqlx::query!(
            "update kiosk set token_hash = $2, enrol_code_hash = null, enrol_code_expires_at = null,
                              enrolled_at = $3, last_seen_at = $3
             where enrol_code_hash = $1 and enrol_code_expires_at > $3 and revoked_at is null
             returning kiosk_id, name",
            token_hash(&code),
            token_hash(&token),
            state.clock.now()
        )
        .fetch_optional(&state.db)
        .await?
    };
    let Some(kiosk) = enrolled else {
        actor.record(&state.db, Action::KioskEnrolRefused, None, serde_json::json!({})).await?;
        return Ok(not_enrolled(&state, lang, Some(lang.texts().code_invalid)));
    };
    throttle::succeeded(&state.db, ENROL_SUBJECT, actor.ip).await?;
    actor
        .record(
            &state.db,
            Action::KioskEnrolled,
            Some(("kiosk", kiosk.kiosk_id.to_string())),
            serde_json::json!({ "name": kiosk.name, "user_agent": headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()) }),
        )
        .await?;
    let secure = if state.config.cookie_secure { "; Secure" } else { "" };
    // Five years; revoked from the admins' list, not by expiry.
    let cookie = format!("{KIOSK_COOKIE}={token}; Path=/kiosk; HttpOnly; SameSite=Strict; Max-Age=157680000{secure}");
    let mut response = Redirect::to("/kiosk").into_response();
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(anyhow::Error::from)?);
    // The enrolment form's token has done its work.
    let spent = format!("{KIOSK_ENROL_COOKIE}=; Path=/kiosk; HttpOnly; SameSite=Strict; Max-Age=0{secure}");
    response.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&spent).map_err(anyhow::Error::from)?);
    Ok(response)
}

/// "abcd efgh-jkmn" -> "ABCDEFGHJKMN": the code as the admin read it out.
pub fn normalise_code(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).take(32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_whatever_the_spacing_and_case() {
        assert_eq!(normalise_code(" abcd-EFGH jkmn "), "ABCDEFGHJKMN");
        assert_eq!(normalise_code("\0<>"), "");
    }

    #[test]
    fn scores_outside_one_to_five_and_empty_answers_are_refused() {
        let id = Uuid::new_v4();
        let q = Question {
            survey_question_id: id,
            position: 1,
            code: "overall".into(),
            text_pl: "Ogólnie?".into(),
            text_en: "Overall?".into(),
            text_uk: "Загалом?".into(),
        };
        let form = |body: String| FormData::parse(body.as_bytes());
        let (scores, _, _, errors, _) =
            read_answer(&form(format!("q_{id}=4")), std::slice::from_ref(&q), KioskLang::Pl);
        assert_eq!((scores, errors.len()), (vec![(id, 4)], 0));
        let (_, views, _, errors, _) = read_answer(&form(format!("q_{id}=6")), std::slice::from_ref(&q), KioskLang::Uk);
        assert_eq!(errors, vec![KioskLang::Uk.texts().score_invalid]);
        assert_eq!(views[0].error, Some(KioskLang::Uk.texts().score_invalid));
        let (_, _, _, errors, _) = read_answer(&form(String::new()), std::slice::from_ref(&q), KioskLang::En);
        assert_eq!(errors, vec![KioskLang::En.texts().nothing_chosen]);
        let (scores, _, comment, errors, _) =
            read_answer(&form("comment=Mi%C5%82a+obs%C5%82uga".into()), std::slice::from_ref(&q), KioskLang::Pl);
        assert!(scores.is_empty() && errors.is_empty());
        assert_eq!(comment, "Miła obsługa");
        let (_, _, _, _, comment_error) =
            read_answer(&form(format!("comment={}", "a".repeat(1001))), std::slice::from_ref(&q), KioskLang::Pl);
        assert!(comment_error.is_some());
    }
}
