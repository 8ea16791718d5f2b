//! Every URL of Okienko and who may reach it, in one table.
//!
//! `Public` is anybody, `STAFF` any signed-in employee, otherwise the roles listed.
//! The role-matrix test walks this table with every role and anonymously.

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::access::*;
use crate::auth::session_store::PgSessionStore;
use crate::auth::{Access, CurrentUser};
use crate::i18n::Text;
use crate::state::AppState;
use crate::web::guard::{ReachOf, guard};
use crate::web::page::{MenuLink, Reach};
use crate::web::{csrf, error_page, query_check};
use crate::{
    account, admin, calendar, callbacks, complaints, directory, health, home, home_visits, iod, procedures, registers,
    regulation, reports, survey, trainings, visits,
};

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

macro_rules! routes {
    ($($method:ident $path:literal => $handler:path, $access:expr;)*) => {
        pub const ROUTES: &[Route] = &[$(Route { method: stringify!($method), path: $path, access: $access },)*];

        fn table(state: &AppState) -> Router<AppState> {
            const REACH: ReachOf = reach;
            Router::new()
                $(.route($path, $method($handler).route_layer(from_fn_with_state((state.clone(), $access, REACH), guard))))*
        }
    };
}

routes! {
    get  "/healthz"                     => health::healthz,                    PUBLIC;
    get  "/readyz"                      => health::readyz,                     PUBLIC;
    get  "/login"                       => account::login_form,                   PUBLIC;
    post "/login"                       => account::login,                        PUBLIC;
    // The second step of signing in: the handlers answer only a session whose
    // password was right moments ago (`auth::second_factor::Pending`).
    get  "/login/code"                  => account::second_factor::code_form,     PUBLIC;
    post "/login/code"                  => account::second_factor::check_code,    PUBLIC;
    get  "/login/enrol"                 => account::second_factor::sign_in_enrol_form, PUBLIC;
    post "/login/enrol"                 => account::second_factor::sign_in_enrol, PUBLIC;
    post "/language"                    => account::set_language,                 PUBLIC;
    post "/logout"                      => account::logout,                       STAFF;
    get  "/"                            => home::show_home,                    STAFF;
    get  "/account/password"            => account::password_form,                STAFF;
    post "/account/password"            => account::change_password,              STAFF;
    get  "/account/second-factor"       => account::second_factor::show_second_factor, STAFF;
    get  "/account/second-factor/enrol" => account::second_factor::enrol_form,    STAFF;
    post "/account/second-factor/enrol" => account::second_factor::enrol,         STAFF;
    get  "/account/second-factor/recovery-codes" => account::second_factor::renew_codes_form, STAFF;
    post "/account/second-factor/recovery-codes" => account::second_factor::renew_codes,      STAFF;
    get  "/account/sessions"            => account::sessions::list_sessions,      STAFF;
    post "/account/sessions/end-others" => account::sessions::end_other_sessions, STAFF;
    post "/account/sessions/{id}/end"   => account::sessions::end_session,        STAFF;
    get  "/admin/staff"                 => admin::staff::list_staff,           ADMIN;
    get  "/admin/staff/new"             => admin::staff::new_staff_form,       ADMIN;
    post "/admin/staff"                 => admin::staff::create_staff,         ADMIN;
    get  "/admin/staff/{id}"            => admin::staff::edit_staff_form,      ADMIN;
    post "/admin/staff/{id}"            => admin::staff::update_staff,         ADMIN;
    get  "/admin/staff/{id}/second-factor/reset"  => admin::staff::reset_second_factor_form, ADMIN;
    post "/admin/staff/{id}/second-factor/reset"  => admin::staff::reset_second_factor,      ADMIN;
    get  "/admin/departments"           => admin::departments::list_departments,     ADMIN;
    get  "/admin/departments/new"       => admin::departments::new_department_form,  ADMIN;
    post "/admin/departments"           => admin::departments::create_department,    ADMIN;
    get  "/admin/departments/{id}"      => admin::departments::edit_department_form, ADMIN;
    post "/admin/departments/{id}"      => admin::departments::update_department,    ADMIN;
    get  "/admin/desks"                 => admin::desks::list_desks,           ADMIN;
    get  "/admin/desks/new"             => admin::desks::new_desk_form,        ADMIN;
    post "/admin/desks"                 => admin::desks::create_desk,          ADMIN;
    get  "/admin/desks/{id}"            => admin::desks::edit_desk_form,       ADMIN;
    post "/admin/desks/{id}"            => admin::desks::update_desk,          ADMIN;
    get  "/admin/audit"                 => admin::audit_log::list_audit,       ADMIN;
    get  "/admin/kiosks"                => survey::admin::list_kiosks,         ADMIN;
    post "/admin/kiosks"                => survey::admin::create_kiosk,        ADMIN;
    post "/admin/kiosks/{id}/code"      => survey::admin::renew_code,          ADMIN;
    post "/admin/kiosks/{id}/revoke"    => survey::admin::revoke_kiosk,        ADMIN;
    get  "/admin/survey"                => survey::admin::questionnaire_form,  ADMIN;
    post "/admin/survey"                => survey::admin::save_questionnaire,  ADMIN;
    get  "/admin/closed-days"           => calendar::closed_days::list_closed_days,  CALENDAR_KEEPERS;
    post "/admin/closed-days"           => calendar::closed_days::add_closed_day,    CALENDAR_KEEPERS;
    post "/admin/closed-days/{day}/delete" => calendar::closed_days::remove_closed_day, CALENDAR_KEEPERS;

    get  "/procedures"                  => procedures::list_procedures,        STAFF;
    get  "/procedures/new"              => procedures::new_procedure_form,     CARD_EDITORS;
    post "/procedures"                  => procedures::create_procedure,       CARD_EDITORS;
    get  "/procedures/{id}"             => procedures::show_procedure,         STAFF;
    get  "/procedures/{id}/checklist"   => procedures::print_checklist,        STAFF;
    get  "/procedures/{id}/edit"        => procedures::edit_procedure_form,    CARD_EDITORS;
    post "/procedures/{id}"             => procedures::update_procedure,       CARD_EDITORS;

    get  "/visits/new"                  => visits::register::register_form,    FRONT;
    post "/visits"                      => visits::register::register_visit,   FRONT;
    get  "/visits/{id}/ticket"          => visits::ticket::show_ticket,        FRONT;
    get  "/desk"                        => visits::desk::show_desk,            CLERK;
    post "/desk/open"                   => visits::desk::open_desk,            CLERK;
    post "/desk/close"                  => visits::desk::close_desk,           CLERK;
    post "/desk/call-next"              => visits::desk::call_next,            CLERK;
    post "/desk/visits/{id}/call"       => visits::desk::call_visit,           CLERK;
    post "/desk/visits/{id}/start"      => visits::desk::start_visit,          CLERK;
    post "/desk/visits/{id}/no-show"    => visits::desk::no_show,              CLERK;
    post "/desk/visits/{id}/undo-no-show" => visits::desk::undo_no_show,       CLERK;
    post "/desk/visits/{id}/recall"     => visits::desk::recall_visit,         CLERK;
    post "/desk/visits/{id}/delay"      => visits::desk::save_delay,           CLERK;
    post "/desk/visits/{id}/finish"     => visits::desk::finish_visit,         CLERK;
    get  "/desk/visits/{id}/redirect"   => visits::redirect::redirect_form,    CLERK;
    post "/desk/visits/{id}/redirect"   => visits::redirect::redirect_visit,   CLERK;
    post "/desk/assistance/{id}/acknowledge" => visits::desk::acknowledge_assistance, CLERK;
    post "/desk/assistance/{id}/arrived"     => visits::desk::arrive_assistance,      CLERK;
    get  "/display"                     => visits::display::show_display,      PUBLIC;
    get  "/display/events"              => visits::display::display_events,    PUBLIC;
    get  "/events"                      => visits::display::staff_events,      STAFF;

    // The residents' kiosk: no employee signs in there; the handlers refuse a
    // device without a valid enrolment cookie.
    get  "/kiosk"                       => survey::kiosk::show_kiosk,          PUBLIC;
    post "/kiosk/enrol"                 => survey::kiosk::enrol,               PUBLIC;
    post "/kiosk/answers"               => survey::kiosk::submit_answer,       PUBLIC;
    get  "/kiosk/thanks"                => survey::kiosk::thanks,              PUBLIC;
    // The self-service ticket stand: an enrolled tablet of purpose "tickets".
    get  "/kiosk/stand"                 => visits::stand::show_stand,          PUBLIC;
    post "/kiosk/tickets"               => visits::stand::take_ticket,         PUBLIC;
    get  "/kiosk/tickets/{id}"          => visits::stand::show_stand_ticket,   PUBLIC;

    get  "/directory"                   => directory::handlers::show_directory, STAFF;
    get  "/away"                        => directory::away::away_form,         FRONT;
    post "/away"                        => directory::away::set_away,          FRONT;
    post "/away/end"                    => directory::away::end_away,          FRONT;
    get  "/absences"                    => directory::away::list_absences,     SUPERVISORS;
    post "/absences"                    => directory::away::create_absence,    SUPERVISORS;

    get  "/home-visits"                 => home_visits::list::list_requests,    CASE_PARTIES;
    post "/home-visits/search"          => home_visits::list::search_by_pesel,  CASE_PARTIES;
    get  "/home-visits/new"             => home_visits::request::new_request_form, INFO_POINT;
    post "/home-visits"                 => home_visits::request::create_request,   INFO_POINT;
    get  "/home-visits/{id}"            => home_visits::request::show_request,     STAFF;
    post "/home-visits/{id}/pesel"      => home_visits::request::reveal_pesel,     STAFF;
    get  "/home-visits/{id}/attachment" => home_visits::request::print_attachment, HOME_VISIT_PRINTERS;
    post "/home-visits/{id}/steps/{step}" => home_visits::steps::take_step,      STAFF;
    post "/home-visits/{id}/loans"      => home_visits::loans::ask,              DEPARTMENT_HEADS;
    post "/home-visit-loans/{loan}"     => home_visits::loans::answer,           DEPARTMENT_HEADS;
    get  "/authorisations"              => home_visits::register::show_register,    REGISTER_READERS;
    get  "/authorisations.csv"          => home_visits::register::export_register,  REGISTER_READERS;
    get  "/authorisations/{id}"         => home_visits::register::print_authorisation, STAFF;

    // Complaints (Std 20, 22): taken at the front desk, through the decree workflow.
    get  "/complaints"                  => complaints::list::inbox,             COMPLAINT_PARTIES;
    get  "/complaints/new"              => complaints::take::new_form,          FRONT;
    post "/complaints"                  => complaints::take::create,            FRONT;
    get  "/complaints/register"         => complaints::list::register,          COMPLAINT_READERS;
    get  "/complaints/register/export"  => complaints::list::export,            COMPLAINT_READERS;
    get  "/complaints/{id}"             => complaints::case::show,              STAFF;
    post "/complaints/{id}/steps/{step}" => complaints::case::take_step,        STAFF;
    post "/reports/comments/{answer}/complaint" => complaints::take::from_kiosk, REPORT_READERS;

    get  "/reports"                     => reports::today::show_today,      REPORT_READERS;
    get  "/reports/today/export"        => reports::today::export_today,    REPORT_READERS;
    get  "/reports/staff"               => reports::staff::list_staff,      SHEET_READERS;
    get  "/reports/staff/export"        => reports::staff::export_staff,    REPORT_READERS;
    get  "/reports/staff/{id}"          => reports::sheet::show_sheet,      SHEET_READERS;
    get  "/reports/staff/{id}/export"   => reports::sheet::export_sheet,    SHEET_READERS;
    post "/reports/staff/{id}/assessment" => reports::sheet::save_assessment, ASSESSORS;
    get  "/reports/trends"              => reports::trends::show_trends,     REPORT_READERS;
    get  "/reports/trends/export"       => reports::trends::export_trends,   REPORT_READERS;
    get  "/reports/comments"            => reports::comments::show_comments,   REPORT_READERS;

    get  "/callbacks"                   => callbacks::list_callbacks,          FRONT;
    get  "/callbacks/new"               => callbacks::new_callback_form,       FRONT;
    post "/callbacks"                   => callbacks::create_callback,         FRONT;
    get  "/callbacks/overdue"           => callbacks::list_overdue,            SUPERVISORS;
    get  "/callbacks/{id}"              => callbacks::show_callback,           CALLBACK_READERS;
    post "/callbacks/{id}/close"        => callbacks::close_callback,          FRONT;
    post "/callbacks/{id}/repromise"    => callbacks::repromise_callback,      FRONT;

    // The office's registers. An employee registers an error they found and follows
    // it; the handlers let the director and the Secretary read and update every one.
    get  "/office-errors"               => registers::errors::list_errors,     STAFF;
    get  "/office-errors/new"           => registers::errors::new_error_form,  STAFF;
    post "/office-errors"               => registers::errors::create_error,    STAFF;
    get  "/office-errors/export"        => registers::errors::export_errors,   ERROR_READERS;
    get  "/office-errors/{id}"          => registers::errors::show_error,      STAFF;
    post "/office-errors/{id}/clients"  => registers::errors::add_client,      STAFF;
    post "/office-errors/{id}/informed" => registers::errors::inform_client,   STAFF;
    post "/office-errors/{id}/remedy"   => registers::errors::record_remedy,   STAFF;
    post "/office-errors/{id}/close"    => registers::errors::close_error,     STAFF;
    // Every employee records the gifts they refused; the handlers show a clerk their own.
    get  "/gifts"                       => registers::gifts::list_gifts,       STAFF;
    get  "/gifts/new"                   => registers::gifts::new_gift_form,    STAFF;
    post "/gifts"                       => registers::gifts::create_gift,      STAFF;
    get  "/gifts/export"                => registers::gifts::export_gifts,     GIFT_READERS;
    get  "/gifts/{id}"                  => registers::gifts::show_gift,        STAFF;
    // Any employee suggests; supervisors and the director decide and mark kiosk comments.
    get  "/suggestions"                 => registers::suggestions::list_suggestions,    STAFF;
    get  "/suggestions/new"             => registers::suggestions::new_suggestion_form, STAFF;
    post "/suggestions"                 => registers::suggestions::create_suggestion,   STAFF;
    get  "/suggestions/export"          => registers::suggestions::export_suggestions,  SUGGESTION_KEEPERS;
    get  "/suggestions/{id}"            => registers::suggestions::show_suggestion,     STAFF;
    post "/suggestions/{id}/status"     => registers::suggestions::change_status,       SUGGESTION_KEEPERS;
    post "/reports/comments/{id}/suggestion" => registers::suggestions::suggest_from_comment, SUGGESTION_KEEPERS;
    // The office's regulation in versions, confirmed by every employee (§11).
    get  "/regulation"                  => regulation::show_in_force,          STAFF;
    get  "/regulation/versions/new"     => regulation::new_version_form,       REGULATION_KEEPERS;
    post "/regulation/versions"         => regulation::create_version,         REGULATION_KEEPERS;
    get  "/regulation/versions/{id}"    => regulation::show_version,           STAFF;
    get  "/regulation/versions/{id}/pdf" => regulation::download_pdf,          STAFF;
    post "/regulation/versions/{id}/confirm" => regulation::confirm_version,   STAFF;
    get  "/regulation/acknowledgements" => regulation::list_acknowledgements,  ACKNOWLEDGEMENT_READERS;
    get  "/regulation/acknowledgements/export" => regulation::export_acknowledgements, ACKNOWLEDGEMENT_READERS;

    // Trainings the staff took part in (§7.2.3).
    get  "/trainings"                   => trainings::list_trainings,          REPORT_READERS;
    get  "/trainings/export"            => trainings::export_trainings,        REPORT_READERS;
    get  "/trainings/new"               => trainings::new_training_form,       TRAINING_KEEPERS;
    post "/trainings"                   => trainings::create_training,         TRAINING_KEEPERS;
    get  "/trainings/{id}"              => trainings::show_training,           REPORT_READERS;
    get  "/trainings/{id}/edit"         => trainings::edit_training_form,      TRAINING_KEEPERS;
    post "/trainings/{id}"              => trainings::update_training,         TRAINING_KEEPERS;

    // The data protection officer (RODO): the IOD alone, not even the administrator.
    get  "/iod"                         => iod::person::search_form,           IOD;
    post "/iod/person"                  => iod::person::find_person,           IOD;
    post "/iod/person/export"           => iod::person::export_person,         IOD;
    post "/iod/person/erase/confirm"    => iod::person::erase_form,            IOD;
    post "/iod/person/erase"            => iod::person::erase_person,          IOD;
    get  "/iod/register"                => iod::register::show_register,       IOD;
    get  "/iod/reads"                   => iod::reads::list_reads,             IOD;
    post "/iod/reads"                   => iod::reads::find_resident_reads,    IOD;
}

/// Forms that send a file (`multipart/form-data`): their bodies may reach the
/// setting's size (`REGULATION_PDF_MAX_MB`) and a little more for the other fields.
const UPLOADS: &[&str] = &["/regulation/versions"];

/// How large a request's body may be: 64 KiB, or more for a form with a file.
pub fn body_limit(config: &crate::config::Config, method: &http::Method, path: &str) -> usize {
    if *method == http::Method::POST && UPLOADS.contains(&path) {
        config.regulation_pdf_max_bytes + csrf::FORM_BODY_LIMIT
    } else {
        csrf::FORM_BODY_LIMIT
    }
}

/// Refuses a body over `body_limit` (at once when it says its length, else when it
/// passes it), so no handler ever holds more.
async fn limit_body(
    axum::extract::State(config): axum::extract::State<std::sync::Arc<crate::config::Config>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = body_limit(&config, req.method(), req.uri().path());
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        // A file far too large: its form again, saying so (the body is never read).
        if let Some(path) = UPLOADS.iter().find(|p| **p == req.uri().path()) {
            return axum::response::Redirect::to(&format!("{path}/new?too_large=1")).into_response();
        }
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(req.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)))).await
}

/// The main menu, in its order. A link is shown to whoever its route lets in; a
/// link with alternatives shows the first route the employee may open.
const MENU: &[(&[&str], Text, &[&str])] = &[
    (&["/"], |t| t.nav_home, &["/"]),
    (&["/desk"], |t| t.nav_desk, &["/desk"]),
    (&["/visits/new"], |t| t.nav_register, &["/visits"]),
    (&["/callbacks"], |t| t.nav_callbacks, &["/callbacks"]),
    (&["/home-visits"], |t| t.nav_home_visits, &["/home-visits", "/authorisations"]),
    (&["/complaints"], |t| t.cmp_title, &["/complaints"]),
    (&["/reports", "/reports/staff"], |t| t.nav_reports, &["/reports"]),
    (&["/directory"], |t| t.nav_directory, &["/directory"]),
    (&["/procedures"], |t| t.nav_procedures, &["/procedures"]),
    (&["/office-errors"], |t| t.nav_registers, &["/office-errors", "/gifts", "/suggestions"]),
    (&["/admin/staff"], |t| t.nav_staff, &["/admin/staff"]),
    (&["/admin/departments"], |t| t.nav_departments, &["/admin/departments"]),
    (&["/admin/desks"], |t| t.nav_desks, &["/admin/desks"]),
    (&["/admin/kiosks"], |t| t.nav_kiosks, &["/admin/kiosks", "/admin/survey"]),
    (&["/admin/audit"], |t| t.nav_audit, &["/admin/audit"]),
    (&["/iod"], |t| t.nav_iod, &["/iod"]),
];

/// What `user` may open, from the table: every page (`GET` route) and the menu.
pub fn reach(user: &CurrentUser) -> Reach {
    let pages: Vec<&'static str> =
        ROUTES.iter().filter(|r| r.method == "get" && r.access.allows(Some(user))).map(|r| r.path).collect();
    let menu = MENU
        .iter()
        .filter_map(|&(hrefs, label, current)| {
            let href = hrefs.iter().find(|h| pages.contains(h))?;
            Some(MenuLink { href, label, current })
        })
        .collect();
    Reach { menu, pages }
}

/// Static files (`/static/...`) are public too; they are served outside the table.
pub const STATIC_PREFIX: &str = "/static";

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'self'";

/// The whole application with its layers, ready to serve.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let sessions = SessionManagerLayer::new(
        PgSessionStore::new(state.db.clone()).with_office_day(state.clock.clone(), config.time_zone),
    )
    .with_name(config.session_cookie_name())
    .with_secure(config.cookie_secure)
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_path("/")
    .with_expiry(Expiry::OnInactivity(time::Duration::seconds(config.session_idle_timeout.as_secs() as i64)))
    // Saved when changed; `auth::guard` touches it often enough for the idle timeout.
    .with_always_save(false);

    let pages = table(&state)
        .fallback(|| async { crate::error::AppError::NotFound })
        .layer(from_fn_with_state(state.clone(), csrf::verify))
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), csrf::form_cookie))
        .layer(from_fn(query_check::refuse_unclean));

    let static_files = Router::new().nest_service(
        STATIC_PREFIX,
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ))
            .service(ServeDir::new(&config.static_dir)),
    );

    let request_timeout = config.request_timeout;
    let x_request_id = HeaderName::from_static("x-request-id");
    let mut app = pages
        .merge(static_files)
        .layer(CsrfLayer::new())
        .layer(from_fn(move |req, next| timeout(request_timeout, req, next)))
        .layer(from_fn_with_state(config.clone(), limit_body))
        .layer(CatchPanicLayer::custom(|_| {
            use axum::response::IntoResponse;
            crate::error::AppError::Internal(anyhow::anyhow!("a handler panicked")).into_response()
        }))
        .layer(from_fn_with_state(state.clone(), error_page::render))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ));
    if config.cookie_secure {
        app = app.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    app.layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(crate::telemetry::make_span)
                .on_response(crate::telemetry::on_response),
        )
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
        .layer(from_fn(drop_malformed_request_id))
        .with_state(state)
}

/// A client's `X-Request-Id` that is not a plain id is dropped, so the request gets
/// a fresh UUID of ours instead of carrying arbitrary text into the logs and the audit.
async fn drop_malformed_request_id(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let malformed = req
        .headers()
        .get("x-request-id")
        .is_some_and(|v| v.to_str().ok().and_then(crate::web::client_ip::request_id_of).is_none());
    if malformed {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}

async fn timeout(
    limit: Duration,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => crate::error::AppError::Unavailable("request timed out".into()).into_response(),
    }
}
