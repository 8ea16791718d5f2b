//! The second factor's pages: the second step of signing in (the code from the app
//! or a recovery code), setting up the app (at sign-in when the office requires it,
//! or from the employee's account), the recovery codes shown once, and the account's
//! page that says whether it is on.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tower_sessions::Session;

use crate::audit::{Action, Actor};
use crate::auth::second_factor::{self as factor, Checked, Entered, MAX_CODE_FAILURES, Pending, Secret};
use crate::auth::session_store::{end_other_sessions_of, key_of};
use crate::auth::{self, CurrentUser, throttle};
use crate::error::Result;
use crate::i18n::{Texts, fill};
use crate::state::AppState;
use crate::web::csrf;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

// ---- The second step of signing in ----------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/login_code.html")]
pub struct CodePage {
    pub ctx: PageCtx,
    /// The field is for a recovery code (letters): no numeric keypad.
    pub recovery: bool,
    /// Minutes given to type the code.
    pub minutes: i64,
    pub errors: FormErrors,
}

#[derive(Deserialize)]
pub struct CodeQuery {
    with: Option<String>,
}

/// Where a request for the second step stands.
enum Step {
    Pending(Pending),
    /// No pending sign-in (never, or past its deadline): go elsewhere.
    Leave(Response),
}

/// The pending sign-in of this session, or where to send a visitor without one: to
/// the home page when signed in already, otherwise back to the password.
async fn pending_step(session: &Session, ctx: &PageCtx) -> Result<Step> {
    let pending = Pending::of(session).await?;
    match pending {
        Some(pending) if !pending.is_past(ctx.now) => Ok(Step::Pending(pending)),
        Some(_) => {
            Pending::end(session).await?;
            set_flash(session, FlashKind::Info, ctx.t.sf_step_expired).await?;
            Ok(Step::Leave(Redirect::to("/login").into_response()))
        }
        None if auth::had_user(session).await => Ok(Step::Leave(Redirect::to("/").into_response())),
        // Nothing is written for a visitor who never gave a password.
        None => Ok(Step::Leave(Redirect::to("/login").into_response())),
    }
}

fn code_errors(t: &Texts) -> FormErrors {
    FormErrors::labelled(&[("code", t.sf_code_label)]).asking(&[("code", t.sf_ask_code)])
}

pub async fn code_form(session: Session, ctx: PageCtx, Query(q): Query<CodeQuery>) -> Result<Response> {
    let pending = match pending_step(&session, &ctx).await? {
        Step::Pending(pending) => pending,
        Step::Leave(response) => return Ok(response),
    };
    if pending.enrol {
        return Ok(Redirect::to("/login/enrol").into_response());
    }
    let recovery = q.with.as_deref() == Some("recovery");
    let minutes = factor::CODE_DEADLINE_SECS / 60;
    Ok(CodePage { ctx, recovery, minutes, errors: FormErrors::default() }.into_response())
}

pub async fn check_code(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    from: auth::SignInFrom,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut pending = match pending_step(&session, &ctx).await? {
        Step::Pending(pending) => pending,
        Step::Leave(response) => return Ok(response),
    };
    if pending.enrol {
        return Ok(Redirect::to("/login/enrol").into_response());
    }
    let recovery = form.raw("with") == Some("recovery");
    let minutes = factor::CODE_DEADLINE_SECS / 60;
    let mut errors = code_errors(t);
    let code = errors.take("code", form.required("code", 64, t));
    if !errors.is_empty() {
        let page = CodePage { ctx, recovery, minutes, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    if let Some(refusal) = throttled(&state, &actor, &pending, &ctx).await? {
        errors.add("code", refusal.message);
        let mut response = (StatusCode::TOO_MANY_REQUESTS, CodePage { ctx, recovery, minutes, errors }).into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(refusal.wait));
        return Ok(response);
    }

    let checked = factor::check(&state.db, &state.config.keys, pending.staff_id, &code, ctx.now).await?;
    if !checked.accepted() {
        if let Some(response) = refuse_code(&state, &session, &actor, &mut pending, &ctx, &checked).await? {
            return Ok(response);
        }
        errors.add("code", refusal_text(t, &checked));
        let page = CodePage { ctx, recovery, minutes, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    let method = if matches!(checked, Checked::Totp) { "totp" } else { "recovery_code" };
    let Some(actor) = finish_sign_in(&state, &session, &actor, &from, &pending, method, &ctx).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    if let Checked::Recovery { left } = checked {
        actor
            .record(
                &state.db,
                Action::AuthRecoveryCodeUsed,
                Some(("staff", pending.staff_id.to_string())),
                serde_json::json!({ "left": left }),
            )
            .await?;
        let text = fill(t.sf_recovery_used_msg, "count", &left.to_string());
        set_flash(&session, FlashKind::Warning, &text).await?;
    }
    let destination = if pending.next.is_empty() { "/" } else { pending.next.as_str() };
    Ok(Redirect::to(destination).into_response())
}

/// A refusal before any code is checked: too many attempts from this address, or
/// for this login from here (the sign-in's own throttle, `auth::throttle`).
struct Throttled {
    message: String,
    wait: i64,
}

/// The throttle's subject for guesses at an employee's codes: apart from their
/// password's, so that the right password does not clear it (logins have no spaces).
fn code_subject(login: &str) -> String {
    format!("second factor {login}")
}

async fn throttled(state: &AppState, actor: &Actor, pending: &Pending, ctx: &PageCtx) -> Result<Option<Throttled>> {
    let target = Some(("staff", pending.staff_id.to_string()));
    let allowance = state.config.login_allowance();
    // Counted before the code is checked, like a password (see `auth::throttle`);
    // `finish_sign_in` takes the attempts back once the code is right.
    let attempt = throttle::attempt(&state.db, &code_subject(&pending.login), actor.ip, ctx.now, allowance).await?;
    let throttle::Attempt::Wait { seconds, why } = attempt else {
        return Ok(None);
    };
    let detail =
        serde_json::json!({ "login": pending.login, "reason": "throttled", "by": why, "wait_seconds": seconds });
    actor.record(&state.db, Action::AuthSecondFactorFailed, target, detail).await?;
    Ok(Some(Throttled { message: fill(ctx.t.login_throttled, "seconds", &seconds.to_string()), wait: seconds }))
}

/// Counts and audits a refused code. After `MAX_CODE_FAILURES` refusals (or when the
/// factor was removed meanwhile) the pending sign-in ends and the password is asked
/// again: the answer is that redirect. Otherwise the caller shows the message.
async fn refuse_code(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    pending: &mut Pending,
    ctx: &PageCtx,
    checked: &Checked,
) -> Result<Option<Response>> {
    pending.failures = pending.failures.saturating_add(1);
    let detail =
        serde_json::json!({ "login": pending.login, "reason": checked.reason(), "failures": pending.failures });
    actor
        .record(&state.db, Action::AuthSecondFactorFailed, Some(("staff", pending.staff_id.to_string())), detail)
        .await?;
    if pending.failures >= MAX_CODE_FAILURES || *checked == Checked::NoFactor {
        Pending::end(session).await?;
        let text = if *checked == Checked::NoFactor { ctx.t.sf_step_expired } else { ctx.t.sf_too_many_codes };
        set_flash(session, FlashKind::Warning, text).await?;
        return Ok(Some(Redirect::to("/login").into_response()));
    }
    pending.save(session).await?;
    Ok(None)
}

fn refusal_text(t: &Texts, checked: &Checked) -> &'static str {
    match checked {
        Checked::Replayed => t.sf_code_replayed,
        Checked::RecoveryUsed => t.sf_recovery_code_used,
        Checked::Malformed => t.sf_code_malformed,
        _ => t.sf_code_wrong,
    }
}

/// Signs the employee of a pending sign-in in, as the password alone does for those
/// without a second factor: a new session id, a new CSRF token, `auth::begin`,
/// audited. `None` when the account was deactivated meanwhile.
async fn finish_sign_in(
    state: &AppState,
    session: &Session,
    actor: &Actor,
    from: &auth::SignInFrom,
    pending: &Pending,
    method: &str,
    ctx: &PageCtx,
) -> Result<Option<Actor>> {
    Pending::end(session).await?;
    let active = sqlx::query_scalar!("select active from staff where staff_id = $1", pending.staff_id)
        .fetch_optional(&state.db)
        .await?
        .unwrap_or(false);
    if !active {
        set_flash(session, FlashKind::Info, ctx.t.login_required_msg).await?;
        return Ok(None);
    }
    throttle::succeeded(&state.db, &code_subject(&pending.login), actor.ip).await?;
    // A new session id at sign-in: a fixed id planted before cannot ride along.
    session.cycle_id().await?;
    csrf::renew(session).await?;
    auth::begin(session, pending.staff_id, ctx.now, from).await?;
    let actor = actor.as_staff(pending.staff_id, &pending.login);
    actor
        .record(
            &state.db,
            Action::AuthSignIn,
            Some(("staff", pending.staff_id.to_string())),
            serde_json::json!({ "factor": method }),
        )
        .await?;
    Ok(Some(actor))
}

/// The page's context once signed in within this request: the header shows the
/// employee and the menu, and forms carry the new CSRF token.
async fn signed_in_ctx(state: &AppState, session: &Session, mut ctx: PageCtx) -> Result<PageCtx> {
    ctx.user = auth::load_user(&state.db, &state.config, session, ctx.now).await?;
    ctx.reach = ctx.user.as_ref().map(crate::routes::reach).unwrap_or_default();
    ctx.csrf = csrf::token(session, None).await?;
    Ok(ctx)
}

// ---- Setting up the app ------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/enrol.html")]
pub struct EnrolPage {
    pub ctx: PageCtx,
    /// The second step of a sign-in (the office requires it), not the account's page.
    pub at_sign_in: bool,
    /// An app is set up already: this one replaces it.
    pub replacing: bool,
    /// The secret in groups of four, for typing it in by hand.
    pub secret: String,
    /// `otpauth://…`, what the QR code holds (a link on a phone).
    pub otpauth: String,
    /// The QR code, an inline `<svg>` element made by us.
    pub qr: String,
    pub errors: FormErrors,
}

impl EnrolPage {
    fn new(ctx: PageCtx, secret: &Secret, login: &str, at_sign_in: bool, replacing: bool) -> EnrolPage {
        let otpauth = secret.otpauth_url(&ctx.office_name, login);
        let qr = factor::qr_svg(&otpauth, ctx.t.sf_qr_label);
        EnrolPage { ctx, at_sign_in, replacing, secret: secret.grouped(), otpauth, qr, errors: FormErrors::default() }
    }
}

fn enrol_errors(t: &Texts) -> FormErrors {
    FormErrors::labelled(&[
        ("password", t.password_current),
        ("current_code", t.sf_current_code_label),
        ("code", t.sf_new_code_label),
    ])
    .asking(&[
        ("password", t.ask_current_password),
        ("current_code", t.sf_ask_current_code),
        ("code", t.sf_ask_new_code),
    ])
}

/// The step of the code typed from the app being set up, or the message for it.
fn confirm_new_code(
    t: &Texts,
    secret: &Secret,
    code: &str,
    now: DateTime<Utc>,
) -> std::result::Result<i64, &'static str> {
    match factor::read_code(code) {
        Entered::Totp(code) => secret.step_of(&code, now).ok_or(t.sf_new_code_wrong),
        _ => Err(t.sf_new_code_malformed),
    }
}

pub async fn sign_in_enrol_form(session: Session, ctx: PageCtx) -> Result<Response> {
    let pending = match pending_step(&session, &ctx).await? {
        Step::Pending(pending) => pending,
        Step::Leave(response) => return Ok(response),
    };
    if !pending.enrol {
        return Ok(Redirect::to("/login/code").into_response());
    }
    let secret = factor::enrolling_secret(&session, ctx.now).await?;
    Ok(EnrolPage::new(ctx, &secret, &pending.login, true, false).into_response())
}

pub async fn sign_in_enrol(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    from: auth::SignInFrom,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut pending = match pending_step(&session, &ctx).await? {
        Step::Pending(pending) => pending,
        Step::Leave(response) => return Ok(response),
    };
    if !pending.enrol {
        return Ok(Redirect::to("/login/code").into_response());
    }
    let secret = factor::enrolling_secret(&session, ctx.now).await?;
    let mut errors = enrol_errors(t);
    let code = errors.take("code", form.required("code", 64, t));
    let refused = |ctx, errors, status| {
        let mut page = EnrolPage::new(ctx, &secret, &pending.login, true, false);
        page.errors = errors;
        (status, page).into_response()
    };
    if !errors.is_empty() {
        return Ok(refused(ctx, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    if let Some(refusal) = throttled(&state, &actor, &pending, &ctx).await? {
        errors.add("code", refusal.message);
        let mut response = refused(ctx, errors, StatusCode::TOO_MANY_REQUESTS);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(refusal.wait));
        return Ok(response);
    }
    let step = match confirm_new_code(t, &secret, &code, ctx.now) {
        Ok(step) => step,
        Err(message) => {
            let pending_login = pending.login.clone();
            if let Some(response) = refuse_code(&state, &session, &actor, &mut pending, &ctx, &Checked::Wrong).await? {
                return Ok(response);
            }
            errors.add("code", message);
            let mut page = EnrolPage::new(ctx, &secret, &pending_login, true, false);
            page.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };

    let as_staff = actor.as_staff(pending.staff_id, &pending.login);
    let mut tx = state.db.begin().await?;
    let codes = factor::save(&mut tx, &state.config.keys, pending.staff_id, &secret, step, ctx.now).await?;
    as_staff
        .record(
            &mut *tx,
            Action::AuthSecondFactorEnrolled,
            Some(("staff", pending.staff_id.to_string())),
            serde_json::json!({ "replaced": false }),
        )
        .await?;
    tx.commit().await?;
    factor::forget_enrolling(&session).await?;
    if finish_sign_in(&state, &session, &actor, &from, &pending, "totp", &ctx).await?.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let next = if pending.next.is_empty() { "/".to_owned() } else { pending.next.clone() };
    let ctx = signed_in_ctx(&state, &session, ctx).await?;
    Ok(RecoveryCodesPage { ctx, codes, enrolled: true, next }.into_response())
}

// ---- The recovery codes, shown once ---------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/recovery_codes.html")]
pub struct RecoveryCodesPage {
    pub ctx: PageCtx,
    pub codes: Vec<String>,
    /// The app was just set up (rather than the codes renewed).
    pub enrolled: bool,
    /// Where "Continue" leads.
    pub next: String,
}

// ---- The account's page ------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/second_factor.html")]
pub struct SecondFactorPage {
    pub ctx: PageCtx,
    /// Since when, and recovery codes left; `None` when not set up.
    pub enrolled: Option<(DateTime<Utc>, i64)>,
    /// The office requires it for one of the employee's roles.
    pub required: bool,
}

pub async fn show_second_factor(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<SecondFactorPage> {
    let enrolled = factor::factor_of(&state.db, &state.config.keys, user.staff_id)
        .await?
        .map(|f| (f.confirmed_at, f.recovery_left));
    let required = state.config.requires_second_factor(&user.roles);
    Ok(SecondFactorPage { ctx, enrolled, required })
}

pub async fn enrol_form(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<EnrolPage> {
    let replacing = factor::factor_of(&state.db, &state.config.keys, user.staff_id).await?.is_some();
    let secret = factor::enrolling_secret(&session, ctx.now).await?;
    Ok(EnrolPage::new(ctx, &secret, &user.login, false, replacing))
}

/// Sets up (or replaces) the app from the account. Changing how one signs in asks
/// for everything one signs in with (ASVS 7.5.1): the password, and the current
/// second factor when there is one, besides the code of the new app.
pub async fn enrol(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let replacing = factor::factor_of(&state.db, &state.config.keys, user.staff_id).await?.is_some();
    let secret = factor::enrolling_secret(&session, ctx.now).await?;
    let mut errors = enrol_errors(t);
    let password = errors.take("password", form.password("password", t));
    if errors.get("password").is_none() && password.is_empty() {
        errors.add("password", t.field_required);
    }
    let current =
        if replacing { errors.take("current_code", form.required("current_code", 64, t)) } else { String::new() };
    let code = errors.take("code", form.required("code", 64, t));
    let step = if errors.get("code").is_none() {
        confirm_new_code(t, &secret, &code, ctx.now).map_err(|m| errors.add("code", m)).ok()
    } else {
        None
    };
    if errors.get("password").is_none() {
        let hash = sqlx::query_scalar!("select password_hash from staff where staff_id = $1", user.staff_id)
            .fetch_one(&state.db)
            .await?;
        if !state.hasher.verify(&password, Some(&hash)).await? {
            errors.add("password", t.password_wrong_current);
        }
    }
    // The current factor is used up only when all else is right.
    if replacing && errors.is_empty() {
        let checked = factor::check(&state.db, &state.config.keys, user.staff_id, &current, ctx.now).await?;
        if !checked.accepted() {
            audit_refused_code(&state, &actor, &user, &checked, ctx.now).await?;
            errors.add("current_code", refusal_text(t, &checked));
        }
    }
    let Some(step) = step.filter(|_| errors.is_empty()) else {
        let mut page = EnrolPage::new(ctx, &secret, &user.login, false, replacing);
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    // Other devices signed in with the old factor are signed out, as after a new password.
    session.cycle_id().await?;
    let this_session = key_of(&session);
    let mut tx = state.db.begin().await?;
    let codes = factor::save(&mut tx, &state.config.keys, user.staff_id, &secret, step, ctx.now).await?;
    let ended = if replacing { end_other_sessions_of(&mut *tx, user.staff_id, &this_session).await? } else { 0 };
    actor
        .record(
            &mut *tx,
            Action::AuthSecondFactorEnrolled,
            Some(("staff", user.staff_id.to_string())),
            serde_json::json!({ "replaced": replacing, "sessions_ended": ended }),
        )
        .await?;
    tx.commit().await?;
    factor::forget_enrolling(&session).await?;
    Ok(RecoveryCodesPage { ctx, codes, enrolled: true, next: "/account/second-factor".into() }.into_response())
}

/// A wrong code typed on the account's pages counts like one at sign-in.
async fn audit_refused_code(
    state: &AppState,
    actor: &Actor,
    user: &CurrentUser,
    checked: &Checked,
    now: DateTime<Utc>,
) -> Result<()> {
    let failures = throttle::count_failure(&state.db, &code_subject(&user.login), actor.ip, now).await?;
    let detail = serde_json::json!({ "login": user.login, "reason": checked.reason(), "failures": failures });
    actor.record(&state.db, Action::AuthSecondFactorFailed, Some(("staff", user.staff_id.to_string())), detail).await?;
    Ok(())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/renew_codes.html")]
pub struct RenewCodesPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
}

fn renew_errors(t: &Texts) -> FormErrors {
    FormErrors::labelled(&[("password", t.password_current), ("code", t.sf_code_label)])
        .asking(&[("password", t.ask_current_password), ("code", t.sf_ask_code)])
}

pub async fn renew_codes_form(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<Response> {
    if factor::factor_of(&state.db, &state.config.keys, user.staff_id).await?.is_none() {
        return Ok(Redirect::to("/account/second-factor").into_response());
    }
    Ok(RenewCodesPage { ctx, errors: FormErrors::default() }.into_response())
}

/// New recovery codes, the old ones void: asks for the password and a code.
pub async fn renew_codes(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    if factor::factor_of(&state.db, &state.config.keys, user.staff_id).await?.is_none() {
        return Ok(Redirect::to("/account/second-factor").into_response());
    }
    let mut errors = renew_errors(t);
    let password = errors.take("password", form.password("password", t));
    if errors.get("password").is_none() && password.is_empty() {
        errors.add("password", t.field_required);
    }
    let code = errors.take("code", form.required("code", 64, t));
    if errors.get("password").is_none() {
        let hash = sqlx::query_scalar!("select password_hash from staff where staff_id = $1", user.staff_id)
            .fetch_one(&state.db)
            .await?;
        if !state.hasher.verify(&password, Some(&hash)).await? {
            errors.add("password", t.password_wrong_current);
        }
    }
    if errors.is_empty() {
        let checked = factor::check(&state.db, &state.config.keys, user.staff_id, &code, ctx.now).await?;
        if !checked.accepted() {
            audit_refused_code(&state, &actor, &user, &checked, ctx.now).await?;
            errors.add("code", refusal_text(t, &checked));
        }
    }
    if !errors.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, RenewCodesPage { ctx, errors }).into_response());
    }
    let mut tx = state.db.begin().await?;
    let codes = factor::renew_recovery_codes(&mut tx, user.staff_id, ctx.now).await?;
    actor
        .record(
            &mut *tx,
            Action::AuthRecoveryCodesRenewed,
            Some(("staff", user.staff_id.to_string())),
            serde_json::json!({}),
        )
        .await?;
    tx.commit().await?;
    Ok(RecoveryCodesPage { ctx, codes, enrolled: false, next: "/account/second-factor".into() }.into_response())
}
