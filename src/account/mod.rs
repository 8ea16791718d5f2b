//! The employee's own pages: signing in and out, changing one's password,
//! choosing the language; the second factor in `second_factor`, the employee's
//! own sessions in `sessions`.

pub mod second_factor;
pub mod sessions;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::audit::{Action, Actor};
use crate::auth::second_factor::{self as factor, Pending};
use crate::auth::session_store::{end_other_sessions_of, key_of};
use crate::auth::{self, CurrentUser, Role, password, throttle};
use crate::error::Result;
use crate::i18n::{Lang, fill};
use crate::state::AppState;
use crate::web::flash::Notice;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};
use crate::web::{LANG_COOKIE, safe_next};

#[derive(Template, WebTemplate)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    pub login: String,
    pub next: String,
    pub errors: FormErrors,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    notice: Option<String>,
}

pub async fn login_form(mut ctx: PageCtx, Query(q): Query<NextQuery>) -> Result<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    if ctx.flash.is_none() {
        ctx.flash = q.notice.as_deref().and_then(Notice::parse).map(|notice| notice.flash(ctx.t));
    }
    let next = q.next.as_deref().and_then(safe_next).unwrap_or("").to_owned();
    Ok(LoginPage { ctx, login: String::new(), next, errors: FormErrors::default() }.into_response())
}

pub async fn login(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    from: auth::SignInFrom,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[("login", t.login_label), ("password", t.password_label)])
        .asking(&[("login", t.ask_login), ("password", t.ask_password)]);
    let login = errors.take("login", form.required("login", 100, t)).to_lowercase();
    let password = errors.take("password", form.password("password", t));
    if errors.get("password").is_none() && password.is_empty() {
        errors.add("password", t.field_required);
    }
    let next = form.raw("next").and_then(safe_next).unwrap_or("").to_owned();
    if !errors.is_empty() {
        let page = LoginPage { ctx, login, next, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    let failures = match throttle::attempt(&state.db, &login, actor.ip, ctx.now, state.config.login_allowance()).await?
    {
        throttle::Attempt::Allowed { failures } => failures,
        throttle::Attempt::Wait { seconds, why } => {
            let detail =
                serde_json::json!({ "login": login, "reason": "throttled", "by": why, "wait_seconds": seconds });
            actor.record(&state.db, Action::AuthSignInFailed, None, detail).await?;
            errors.add("login", fill(t.login_throttled, "seconds", &seconds.to_string()));
            let page = LoginPage { ctx, login, next, errors };
            let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            return Ok(response);
        }
    };

    let account = sqlx::query!("select staff_id, password_hash from staff where login = $1 and active", login)
        .fetch_optional(&state.db)
        .await?;
    let hash = account.as_ref().map(|a| a.password_hash.as_str());
    let verified = state.hasher.verify(&password, hash).await?;
    let Some(account) = account.filter(|_| verified) else {
        let detail = serde_json::json!({ "login": login, "reason": "bad_credentials", "failures": failures });
        actor.record(&state.db, Action::AuthSignInFailed, None, detail).await?;
        errors.add("login", t.login_failed);
        let page = LoginPage { ctx, login, next, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    // The password was right: its attempts are taken back. Guesses at the code of
    // the second step are counted apart and only a right code takes them back, so
    // giving the password again buys no fresh guesses.
    throttle::succeeded(&state.db, &login, actor.ip).await?;
    let roles: Vec<Role> = sqlx::query_scalar!("select role from staff_role where staff_id = $1", account.staff_id)
        .fetch_all(&state.db)
        .await?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect();
    let enrolled = factor::factor_of(&state.db, &state.config.keys, account.staff_id).await?.is_some();
    if enrolled || state.config.requires_second_factor(&roles) {
        // The password alone signs nobody in: the session holds a pending sign-in
        // with a deadline, and the next page asks for the code from the app (or, when
        // the office requires one and there is none yet, to set the app up first).
        auth::forget_user(&session).await?;
        session.cycle_id().await?;
        crate::web::csrf::renew(&session).await?;
        Pending::start(&session, account.staff_id, &login, &next, !enrolled, ctx.now).await?;
        return Ok(Redirect::to(if enrolled { "/login/code" } else { "/login/enrol" }).into_response());
    }

    // A new session id at sign-in: a fixed id planted before cannot ride along.
    session.cycle_id().await?;
    crate::web::csrf::renew(&session).await?;
    Pending::end(&session).await?;
    auth::begin(&session, account.staff_id, ctx.now, &from).await?;
    actor
        .as_staff(account.staff_id, &login)
        .record(&state.db, Action::AuthSignIn, Some(("staff", account.staff_id.to_string())), serde_json::json!({}))
        .await?;
    let destination = if next.is_empty() { "/" } else { next.as_str() };
    Ok(Redirect::to(destination).into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
) -> Result<Response> {
    actor
        .record(&state.db, Action::AuthSignOut, Some(("staff", user.staff_id.to_string())), serde_json::json!({}))
        .await?;
    // Ends the session on the server; the message is said in the address.
    session.flush().await?;
    Ok(Redirect::to(&format!("/login?notice={}", Notice::SignedOut.code())).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    /// An admin set the password: the page says why it is shown first.
    pub must_change: bool,
}

pub async fn password_form(user: CurrentUser, ctx: PageCtx) -> PasswordPage {
    PasswordPage { ctx, errors: FormErrors::default(), must_change: user.must_change_password }
}

pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("current", t.password_current),
        ("new", t.password_new),
        ("confirm", t.password_confirm),
    ])
    .asking(&[
        ("current", t.ask_current_password),
        ("new", t.ask_new_password),
        ("confirm", t.ask_confirm_password),
    ]);
    let current = errors.take("current", form.password("current", t));
    let new = errors.take("new", form.password("new", t));
    let confirm = errors.take("confirm", form.password("confirm", t));
    if errors.get("current").is_none() && current.is_empty() {
        errors.add("current", t.field_required);
    }
    if errors.get("new").is_none() {
        if let Err(message) = password::check_new_password(&new, &user.login, &user.full_name, t) {
            errors.add("new", message);
        } else if new != confirm {
            errors.add("confirm", t.password_mismatch);
        }
    }
    if errors.get("current").is_none() {
        let hash = sqlx::query_scalar!("select password_hash from staff where staff_id = $1", user.staff_id)
            .fetch_one(&state.db)
            .await?;
        if !state.hasher.verify(&current, Some(&hash)).await? {
            errors.add("current", t.password_wrong_current);
        }
    }
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            PasswordPage { ctx, errors, must_change: user.must_change_password },
        )
            .into_response());
    }

    let hash = state.hasher.hash(&new).await?;
    let required = user.must_change_password;
    session.cycle_id().await?;
    let this_session = key_of(&session);
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "update staff set password_hash = $2, password_changed_at = $3, updated_at = $3, password_must_change = false
         where staff_id = $1",
        user.staff_id,
        hash,
        ctx.now
    )
    .execute(&mut *tx)
    .await?;
    // Other devices signed in with the old password are signed out.
    end_other_sessions_of(&mut *tx, user.staff_id, &this_session).await?;
    actor
        .record(
            &mut *tx,
            Action::AuthPasswordChanged,
            Some(("staff", user.staff_id.to_string())),
            serde_json::json!({ "required_by_admin": required }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, t.password_changed).await?;
    Ok(Redirect::to("/").into_response())
}

pub async fn set_language(State(state): State<AppState>, form: FormData) -> Response {
    let lang = form.raw("lang").and_then(Lang::parse).unwrap_or_default();
    let back = form.raw("back").and_then(safe_next).unwrap_or("/").to_owned();
    let secure = if state.config.cookie_secure { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}", lang.code());
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
