//! One home-visit request: Załącznik Nr 1 filled in at the information point, the
//! request's page with its history and the steps open to the reader, the whole
//! PESEL on request, and Załącznik Nr 1 printed.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use super::queries::{self, Request};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::HOME_VISIT_PRINTERS;
use crate::cases::{self, Case, HistoryLine, Kind, Party, State as Stage, Step};
use crate::crypto;
use crate::error::{AppError, Result};
use crate::i18n::Texts;
use crate::office::{CaseKindOption, DepartmentOption, StaffOption, case_kind_options, department_options};
use crate::pesel::Pesel;
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub fn state_label(t: &Texts, state: Stage) -> &'static str {
    match state {
        Stage::Registered => t.hv_state_registered,
        Stage::Decreed => t.hv_state_decreed,
        Stage::Scheduled => t.hv_state_scheduled,
        Stage::Drafted => t.hv_state_drafted,
        Stage::Authorised => t.hv_state_authorised,
        Stage::Visited => t.hv_state_visited,
        Stage::Cancelled => t.hv_state_cancelled,
        Stage::Assigned => t.cmp_state_assigned,
        Stage::Answered => t.cmp_state_answered,
    }
}

pub fn step_label(t: &Texts, step: Step) -> &'static str {
    match step {
        Step::Register => t.hv_step_register,
        Step::Decree => t.hv_step_decree,
        Step::Schedule => t.hv_step_schedule,
        Step::AssignDrafter => t.hv_step_assign_drafter,
        Step::Draft => t.hv_step_draft,
        Step::Sign => t.hv_step_sign,
        Step::RecordDone => t.hv_step_record_done,
        Step::RecordAbsent => t.hv_step_record_absent,
        Step::RecordRescheduled => t.hv_step_record_rescheduled,
        Step::SendBack => t.hv_step_send_back,
        Step::Cancel => t.hv_step_cancel,
        Step::Assign => t.cmp_step_assign,
        Step::Answer => t.cmp_step_answer,
    }
}

/// What a step did, as the history and the audit log say it ("Dekretacja do
/// komórki"), where `step_label` is what its button says ("Dekretuj do komórki").
pub fn step_done_label(t: &Texts, step: Step) -> &'static str {
    match step {
        Step::Register => t.hv_step_register,
        Step::Decree => t.hv_did_decree,
        Step::Schedule => t.hv_did_schedule,
        Step::AssignDrafter => t.hv_did_assign_drafter,
        Step::Draft => t.hv_did_draft,
        Step::Sign => t.hv_did_sign,
        Step::RecordDone => t.hv_step_record_done,
        Step::RecordAbsent => t.hv_step_record_absent,
        Step::RecordRescheduled => t.hv_step_record_rescheduled,
        Step::SendBack => t.hv_did_send_back,
        Step::Cancel => t.hv_did_cancel,
        Step::Assign => t.cmp_did_assign,
        Step::Answer => t.cmp_did_answer,
    }
}

/// Whether this employee takes part in the request and may open it: a party of the
/// case, whoever registered it, or BOMiNO once it left the information point.
pub fn may_read(user: &CurrentUser, case: &Case) -> bool {
    !case.parties_of(user).is_empty()
        || case.facts.registered_by == Some(user.staff_id)
        || (user.in_bomino && case.state != Stage::Registered)
}

/// Who may print a request's Załącznik Nr 1, with its health reason and whole PESEL:
/// the role at the door is not enough. The person who registered it, while it is
/// still at registration (the client signs the paper then); the director, who
/// decrees it, while it is open. Nobody once it is closed or cancelled.
pub fn may_print_attachment(user: &CurrentUser, case: &Case) -> bool {
    !case.state.is_closed()
        && (case.parties_of(user).contains(&Party::Director)
            || (case.facts.registered_by == Some(user.staff_id) && case.state == Stage::Registered))
}

// ---- Załącznik Nr 1: the request ------------------------------------------------

#[derive(Default)]
pub struct RequestInput {
    pub client_name: String,
    pub client_address: String,
    pub client_phone: String,
    pub pesel: String,
    pub case_kind_id: String,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/new.html")]
pub struct NewRequestPage {
    pub ctx: PageCtx,
    pub input: RequestInput,
    pub case_kinds: Vec<CaseKindOption>,
    pub errors: FormErrors,
}

pub async fn new_request_form(State(state): State<AppState>, ctx: PageCtx) -> Result<NewRequestPage> {
    Ok(NewRequestPage {
        ctx,
        input: RequestInput::default(),
        case_kinds: case_kind_options(&state.db).await?,
        errors: FormErrors::default(),
    })
}

pub async fn create_request(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let case_kinds = case_kind_options(&state.db).await?;
    let mut errors = FormErrors::labelled(&[
        ("client_name", t.hv_client_name),
        ("client_address", t.hv_client_address),
        ("client_phone", t.hv_client_phone),
        ("pesel", t.hv_pesel),
        ("case_kind_id", t.visit_case_kind),
        ("reason", t.hv_reason),
    ])
    .asking(&[
        ("client_name", t.ask_client_name),
        ("client_address", t.ask_client_address),
        ("client_phone", t.ask_client_phone),
        ("case_kind_id", t.ask_case_kind),
        ("reason", t.ask_hv_reason),
    ]);
    let input = RequestInput {
        client_name: errors.take("client_name", form.required_between("client_name", 2, 200, t)),
        client_address: errors.take("client_address", form.required_between("client_address", 5, 300, t)),
        client_phone: errors.take("client_phone", form.required("client_phone", 25, t)),
        pesel: errors.take("pesel", form.text("pesel", 20, t)),
        case_kind_id: errors.take("case_kind_id", form.required("case_kind_id", 36, t)),
        reason: errors.take("reason", form.required_between("reason", 3, 2000, t)),
    };
    let phone = errors.phone("client_phone", &input.client_phone, t);
    let case_kind =
        errors.choice("case_kind_id", &input.case_kind_id, |id| case_kinds.iter().any(|k| k.case_kind_id == id), t);
    let needs_pesel =
        case_kind.and_then(|id| case_kinds.iter().find(|k| k.case_kind_id == id)).is_some_and(|k| k.needs_client_data);
    if input.pesel.is_empty() && needs_pesel {
        errors.add("pesel", t.hv_pesel_needed);
    }
    let pesel = errors.pesel("pesel", &input.pesel, t);
    let (Some(case_kind), Some(phone), true) = (case_kind, phone, errors.is_empty()) else {
        let page = NewRequestPage { ctx, input, case_kinds, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let year = queries::year_of(ctx.today());
    let mut tx = state.db.begin().await?;
    let case_ref = cases::next_ref(&mut tx, &state.config.bomino_symbol, &state.config.home_visit_class, year).await?;
    let id = cases::open(&mut tx, Kind::HomeVisit, &case_ref, user.staff_id, ctx.now).await?;
    // The PESEL and the health reason are sealed (RODO Art. 32); the PESEL's keyed
    // hash finds the request by it.
    let keys = &state.config.keys;
    let pesel_sealed =
        pesel.as_ref().map(|p| keys.seal_str(&crypto::context("home_visit_request", "pesel_sealed", id), p.reveal()));
    let pesel_hmac = pesel.as_ref().map(|p| keys.lookup_hash(p.reveal()));
    let reason_sealed = keys.seal_str(&crypto::context("home_visit_request", "reason_sealed", id), &input.reason);
    sqlx::query!(
        "insert into home_visit_request (home_visit_request_id, client_name, client_address, client_phone,
                                         pesel_sealed, pesel_hmac, case_kind_id, reason_sealed)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        id,
        input.client_name,
        input.client_address,
        phone.to_string(),
        pesel_sealed,
        pesel_hmac,
        case_kind,
        reason_sealed,
    )
    .execute(&mut *tx)
    .await?;
    crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    actor
        .record(
            &mut *tx,
            Action::HomeVisitRegistered,
            Some(("home_visit_request", id.to_string())),
            serde_json::json!({ "case_ref": case_ref }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.hv_registered, "case_ref", &case_ref)).await?;
    Ok(Redirect::to(&format!("/home-visits/{id}")).into_response())
}

// ---- One request: details, history, the steps open to this reader ---------------

/// What a step's form holds, kept when it comes back with errors.
#[derive(Default)]
pub struct StepInput {
    /// The step the form was for ("send_back"), so its errors show at its own form.
    pub step: String,
    pub note: String,
    pub department_id: String,
    pub employees: Vec<String>,
    pub date: String,
    pub time: String,
    pub drafter_id: String,
    /// Asking another department for a colleague (`loans`).
    pub loan_staff_id: String,
    pub loan_note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/show.html")]
pub struct RequestPage {
    pub ctx: PageCtx,
    pub request: Request,
    pub timeline: Vec<HistoryLine>,
    pub authorisations: Vec<AuthorisationRow>,
    /// Steps this reader may take now.
    pub steps: Vec<Step>,
    /// The health reason is shown only to those who need it at this step (and audited).
    pub show_reason: bool,
    pub show_pesel: bool,
    pub can_print: bool,
    pub departments: Vec<DepartmentOption>,
    pub staff: Vec<StaffOption>,
    /// Colleagues of other departments the head may ask for, and what was asked.
    pub askable: Vec<StaffOption>,
    pub loans: Vec<super::loans::LoanLine>,
    pub bomino_staff: Vec<StaffOption>,
    pub input: StepInput,
    pub errors: FormErrors,
    /// The earliest day a visit scheduled today may take place (dd.mm.yyyy).
    pub earliest: String,
    pub reader: Uuid,
    /// The reader may open any authorisation of the register.
    pub reads_register: bool,
}

/// The day from which the visit can be recorded as done: its planned day.
pub fn done_from(request: &Request, ctx: &PageCtx) -> Option<chrono::NaiveDate> {
    request.details.planned_at.map(|at| at.with_timezone(&ctx.tz).date_naive())
}

pub struct AuthorisationRow {
    pub authorisation_id: Uuid,
    pub staff_id: Uuid,
    pub staff_name: String,
    pub scope: String,
    pub valid_from: chrono::NaiveDate,
    pub valid_to: chrono::NaiveDate,
    pub register_number: Option<String>,
    pub voided: bool,
}

impl RequestPage {
    /// "Wizytę można oznaczyć jako odbytą od 03.12.2026" while that day has not come.
    pub fn done_not_yet(&self) -> Option<String> {
        let day = done_from(&self.request, &self.ctx).filter(|day| *day > self.ctx.today())?;
        Some(self.ctx.fill(self.ctx.t.hv_done_from, "date", day.format("%d.%m.%Y")))
    }

    /// Whether the reason asked by this step's form (send back, cancel) was missing.
    pub fn step_failed(&self, step: &str) -> bool {
        self.input.step == step && self.errors.get("note").is_some()
    }

    /// The reason field's id: `note` (where the error summary points) on the form that failed.
    pub fn note_id(&self, step: &str) -> String {
        if self.step_failed(step) { "note".to_owned() } else { format!("note-{step}") }
    }

    /// The date field's hint with the earliest day the rule allows, worked out for today.
    pub fn date_hint(&self) -> String {
        self.ctx.fill(self.ctx.t.hv_date_hint, "date", &self.earliest)
    }

    /// Whether this reader may open the printed authorisation (the register's
    /// readers, and the authorised employee their own).
    pub fn may_print(&self, a: &AuthorisationRow) -> bool {
        a.register_number.is_some() && (self.reads_register || a.staff_id == self.reader)
    }

    pub fn state(&self) -> &'static str {
        state_label(self.ctx.t, self.request.case.state)
    }

    pub fn step_name(&self, step: &str) -> &'static str {
        Step::parse(step).map_or(self.ctx.t.hv_step_register, |s| step_label(self.ctx.t, s))
    }

    pub fn history_step(&self, line: &HistoryLine) -> &'static str {
        step_done_label(self.ctx.t, line.step)
    }

    pub fn state_name(&self, state: &Stage) -> &'static str {
        state_label(self.ctx.t, *state)
    }

    pub fn can(&self, step: &str) -> bool {
        self.steps.iter().any(|s| s.as_str() == step)
    }

    pub fn pesel(&self) -> String {
        match self.request.details.pesel.as_deref().map(Pesel::parse) {
            Some(Ok(p)) if self.show_pesel => p.reveal().to_owned(),
            Some(Ok(p)) => p.masked(),
            _ => String::new(),
        }
    }

    pub fn planned(&self) -> String {
        self.request.details.planned_at.map(|t| self.ctx.datetime(&t)).unwrap_or_default()
    }

    /// Where the step forms post to (the step's name follows).
    pub fn action(&self) -> String {
        format!("/home-visits/{}/steps/", self.request.id())
    }

    pub fn chosen(&self, staff_id: &Uuid) -> bool {
        self.input.employees.iter().any(|e| *e == staff_id.to_string())
    }
}

/// What the reader asked for beyond the plain page: the whole PESEL, or a step's form
/// coming back with its errors.
#[derive(Default)]
pub struct Asked {
    pub show_pesel: bool,
    pub input: StepInput,
    pub errors: FormErrors,
}

pub async fn request_page(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    ctx: PageCtx,
    id: Uuid,
    asked: Asked,
) -> Result<RequestPage> {
    let Asked { show_pesel, input, errors } = asked;
    let request = queries::find(&state.db, &state.config.keys, id).await?.ok_or(AppError::NotFound)?;
    let case = &request.case;
    if !may_read(user, case) {
        return Err(AppError::Forbidden);
    }
    let who = case.parties_of(user);
    let stage = case.state;
    let steps = case.steps_open(user);
    let is = |party| who.contains(&party);
    let show_reason = !stage.is_closed()
        && (is(Party::Director)
            || (is(Party::Head) && matches!(stage, Stage::Decreed | Stage::Scheduled))
            || (is(Party::Designated) && stage == Stage::Authorised)
            || (case.facts.registered_by == Some(user.staff_id) && stage == Stage::Registered));
    if show_reason {
        actor
            .record(
                &state.db,
                Action::HomeVisitReasonViewed,
                Some(("home_visit_request", id.to_string())),
                serde_json::json!({ "state": stage.as_str() }),
            )
            .await?;
    }
    let show_pesel = show_pesel
        && !stage.is_closed()
        && request.details.pesel.is_some()
        && (is(Party::Director) || is(Party::Designated) || is(Party::Head));
    if show_pesel {
        actor
            .record(
                &state.db,
                Action::HomeVisitPeselViewed,
                Some(("home_visit_request", id.to_string())),
                serde_json::json!({}),
            )
            .await?;
    }
    let authorisations = sqlx::query_as!(
        AuthorisationRow,
        r#"select a.authorisation_id, a.staff_id, s.full_name as staff_name, a.scope, a.valid_from, a.valid_to, a.register_number,
                  (a.voided_at is not null) as "voided!"
           from authorisation a join staff s using (staff_id)
           where a.home_visit_request_id = $1 order by a.drafted_at, s.full_name"#,
        id
    )
    .fetch_all(&state.db)
    .await?;
    let needs_departments = steps.contains(&Step::Decree);
    let bomino_staff = if steps.contains(&Step::AssignDrafter) {
        crate::office::staff_of_department(&state.db, &state.config.bomino_symbol).await?
    } else {
        Vec::new()
    };
    let earliest = if steps.contains(&Step::Schedule) {
        let today = ctx.today();
        let calendar = crate::calendar::load(&state.db, today, today + chrono::Days::new(45)).await?;
        super::dates::earliest_visit_day(&calendar, today).format("%d.%m.%Y").to_string()
    } else {
        String::new()
    };
    let mut input = input;
    if input.department_id.is_empty() {
        input.department_id = case.facts.department_id.unwrap_or(request.details.case_department_id).to_string();
    }
    Ok(RequestPage {
        timeline: cases::history(&state.db, id).await?,
        departments: if needs_departments { department_options(&state.db).await? } else { Vec::new() },
        staff: if steps.contains(&Step::Schedule) {
            super::loans::designable(&state.db, id, case.facts.department_id).await?
        } else {
            Vec::new()
        },
        askable: if steps.contains(&Step::Schedule) {
            super::loans::askable(&state.db, id, case.facts.department_id).await?
        } else {
            Vec::new()
        },
        loans: if is(Party::Head) || is(Party::Director) {
            super::loans::loans_of(&state.db, id).await?
        } else {
            Vec::new()
        },
        bomino_staff,
        can_print: user.may(HOME_VISIT_PRINTERS) && may_print_attachment(user, case),
        request,
        authorisations,
        steps,
        show_reason,
        show_pesel,
        input,
        errors,
        earliest,
        reader: user.staff_id,
        reads_register: user.may(crate::auth::access::REGISTER_READERS),
        ctx,
    })
}

pub async fn show_request(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<RequestPage> {
    request_page(&state, &user, &actor, ctx, id, Asked::default()).await
}

/// Shows the whole PESEL to those who may see it; the reading is audited.
pub async fn reveal_pesel(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<RequestPage> {
    request_page(&state, &user, &actor, ctx, id, Asked { show_pesel: true, ..Asked::default() }).await
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/attachment.html")]
pub struct AttachmentPage {
    pub ctx: PageCtx,
    pub request: Request,
    pub pesel: String,
    /// The RODO Art. 13 clause's controller and data protection officer.
    pub controller: String,
    pub dpo: String,
}

/// Załącznik Nr 1 as filled, on one A4 page, for the paper file. It carries the health
/// reason and the whole PESEL, so only the director and the information point print
/// it (`HOME_VISIT_PRINTERS`, checked at the door), and each printing is audited.
pub async fn print_attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<AttachmentPage> {
    let request = queries::find(&state.db, &state.config.keys, id).await?.ok_or(AppError::NotFound)?;
    if !may_print_attachment(&user, &request.case) {
        return Err(AppError::Forbidden);
    }
    actor
        .record(
            &state.db,
            Action::HomeVisitAttachmentPrinted,
            Some(("home_visit_request", id.to_string())),
            serde_json::json!({}),
        )
        .await?;
    let pesel = request.details.pesel.clone().unwrap_or_default();
    let config = &state.config;
    Ok(AttachmentPage { ctx, request, pesel, controller: config.controller(), dpo: config.dpo_contact.clone() })
}
