//! Pages of the home-visit workflow: the request form (Załącznik Nr 1), each
//! person's inbox, a request with its timeline and the steps open to the reader.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::dates::{DateRefusal, OfficeHours, check_visit_time};
use super::queries::{self, Request, TimelineEntry};
use super::workflow::{self, Refusal, State as Stage, Step};
use crate::admin::{DepartmentOption, department_options};
use crate::audit::Actor;
use crate::auth::{CurrentUser, Role};
use crate::calendar::local_date;
use crate::callbacks::office_calendar;
use crate::directory::away::{StaffOption, staff_options};
use crate::error::{AppError, Result};
use crate::i18n::Texts;
use crate::pesel::{Pesel, PeselError};
use crate::state::AppState;
use crate::visits::register::{CaseKindOption, case_kind_options};
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

pub fn state_label(t: &Texts, state: &str) -> &'static str {
    match state {
        "registered" => t.hv_state_registered,
        "decreed" => t.hv_state_decreed,
        "scheduled" => t.hv_state_scheduled,
        "drafted" => t.hv_state_drafted,
        "authorised" => t.hv_state_authorised,
        "visited" => t.hv_state_visited,
        _ => t.hv_state_cancelled,
    }
}

pub fn step_label(t: &Texts, step: &str) -> &'static str {
    match step {
        "register" => t.hv_step_register,
        "decree" => t.hv_step_decree,
        "schedule" => t.hv_step_schedule,
        "assign_drafter" => t.hv_step_assign_drafter,
        "draft" => t.hv_step_draft,
        "sign" => t.hv_step_sign,
        "record_done" => t.hv_step_record_done,
        "record_absent" => t.hv_step_record_absent,
        "record_rescheduled" => t.hv_step_record_rescheduled,
        "send_back" => t.hv_step_send_back,
        _ => t.hv_step_cancel,
    }
}

// ---- The list: what waits for me, and all open requests -------------------------

pub struct ListRow {
    pub home_visit_request_id: Uuid,
    pub case_ref: String,
    pub client_name: String,
    pub case_kind: String,
    pub state: String,
    pub state_since: DateTime<Utc>,
    pub planned_at: Option<DateTime<Utc>>,
    pub mine: bool,
    pub stuck: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/list.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub waiting: Vec<ListRow>,
    pub others: Vec<ListRow>,
    pub can_register: bool,
}

impl ListPage {
    pub fn state(&self, state: &str) -> &'static str {
        state_label(self.ctx.t, state)
    }

    pub fn sections(&self) -> [(&'static str, &Vec<ListRow>); 2] {
        [(self.ctx.t.hv_waiting_for_me, &self.waiting), (self.ctx.t.hv_others, &self.others)]
    }
}

/// Requests waiting for this person at their step (§5.3 inbox), and the others they may see.
pub async fn list_requests(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<ListPage> {
    let bomino = queries::in_bomino(&state.db, &user, &state.config.bomino_symbol).await?;
    let today = local_date(Utc::now(), &ctx.tz);
    let calendar = office_calendar(&state.db, today).await?;
    let rows = sqlx::query!(
        r#"select r.home_visit_request_id, r.case_ref, r.client_name, k.name as case_kind, r.state, r.state_since,
                  r.planned_at, r.department_id, r.drafter_id, r.registered_by,
                  exists(select 1 from home_visit_employee e where e.home_visit_request_id = r.home_visit_request_id
                         and e.staff_id = $1) as "designated!"
           from home_visit_request r join case_kind k using (case_kind_id)
           where r.state not in ('visited', 'cancelled') or r.state_since > now() - interval '30 days'
           order by r.state_since
           limit 500"#,
        user.staff_id
    )
    .fetch_all(&state.db)
    .await?;
    let (mut waiting, mut others) = (Vec::new(), Vec::new());
    for r in rows {
        let stage = Stage::parse(&r.state).unwrap_or(Stage::Cancelled);
        let head = user.has(Role::DepartmentHead) && r.department_id.is_some() && r.department_id == user.department_id;
        let mine = match stage {
            Stage::Registered => user.has(Role::Director),
            Stage::Decreed => head,
            Stage::Scheduled => {
                (user.has(Role::Director) && r.drafter_id.is_none()) || r.drafter_id == Some(user.staff_id)
            }
            Stage::Drafted => user.has(Role::Secretary),
            Stage::Authorised => r.designated,
            _ => false,
        };
        let sees = mine
            || user.has(Role::Director)
            || user.has(Role::Secretary)
            || user.has(Role::InfoPoint)
            || bomino
            || head
            || r.designated
            || r.registered_by == Some(user.staff_id);
        if !sees {
            continue;
        }
        let waited = calendar.working_days_between(local_date(r.state_since, &ctx.tz), today);
        let row = ListRow {
            home_visit_request_id: r.home_visit_request_id,
            case_ref: r.case_ref,
            client_name: r.client_name,
            case_kind: r.case_kind,
            state: r.state,
            state_since: r.state_since,
            planned_at: r.planned_at,
            mine,
            stuck: !stage.is_closed() && waited >= state.config.stuck_after_working_days,
        };
        if mine { waiting.push(row) } else { others.push(row) }
    }
    Ok(ListPage { can_register: user.has(Role::InfoPoint), ctx, waiting, others })
}

/// How many requests wait for this person's step (for the home page's counter).
pub async fn waiting_count(db: &sqlx::PgPool, user: &CurrentUser) -> sqlx::Result<i64> {
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from home_visit_request r
           where (r.state = 'registered' and $2)
              or (r.state = 'decreed' and $3 and r.department_id = $4)
              or (r.state = 'scheduled' and (($2 and r.drafter_id is null) or r.drafter_id = $1))
              or (r.state = 'drafted' and $5)
              or (r.state = 'authorised' and exists (select 1 from home_visit_employee e
                    where e.home_visit_request_id = r.home_visit_request_id and e.staff_id = $1))"#,
        user.staff_id,
        user.has(Role::Director),
        user.has(Role::DepartmentHead),
        user.department_id,
        user.has(Role::Secretary),
    )
    .fetch_one(db)
    .await?;
    Ok(count)
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
    let pesel = match (input.pesel.is_empty(), Pesel::parse(&input.pesel)) {
        (true, _) if needs_pesel => {
            errors.add("pesel", t.hv_pesel_needed);
            None
        }
        (true, _) => None,
        (false, Ok(p)) => Some(p),
        (false, Err(PeselError::Length)) => {
            errors.add("pesel", t.pesel_length);
            None
        }
        (false, Err(PeselError::CheckDigit)) => {
            errors.add("pesel", t.pesel_check_digit);
            None
        }
        (false, Err(PeselError::Date)) => {
            errors.add("pesel", t.pesel_date);
            None
        }
    };
    let (Some(case_kind), Some(phone), true) = (case_kind, phone, errors.is_empty()) else {
        let page = NewRequestPage { ctx, input, case_kinds, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let year = queries::year_of(local_date(Utc::now(), &ctx.tz));
    let mut tx = state.db.begin().await?;
    let case_ref =
        queries::next_case_ref(&mut tx, &state.config.bomino_symbol, &state.config.home_visit_class, year).await?;
    let id = sqlx::query_scalar!(
        "insert into home_visit_request (case_ref, client_name, client_address, client_phone, pesel, case_kind_id, reason, registered_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning home_visit_request_id",
        case_ref,
        input.client_name,
        input.client_address,
        phone.to_string(),
        pesel.as_ref().map(Pesel::reveal),
        case_kind,
        input.reason,
        user.staff_id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into home_visit_step (home_visit_request_id, step, from_state, to_state, actor_id)
         values ($1, 'register', 'registered', 'registered', $2)",
        id,
        user.staff_id
    )
    .execute(&mut *tx)
    .await?;
    crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    actor
        .record(
            &mut *tx,
            "home_visit.registered",
            Some(("home_visit_request", id.to_string())),
            serde_json::json!({ "case_ref": case_ref }),
        )
        .await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.hv_registered, "case_ref", &case_ref)).await?;
    Ok(Redirect::to(&format!("/home-visits/{id}")).into_response())
}

// ---- One request: details, timeline, the steps open to this reader --------------

/// What a step's form holds, kept when it comes back with errors.
#[derive(Default)]
pub struct StepInput {
    pub note: String,
    pub department_id: String,
    pub employees: Vec<String>,
    pub date: String,
    pub time: String,
    pub drafter_id: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home_visits/show.html")]
pub struct RequestPage {
    pub ctx: PageCtx,
    pub request: Request,
    pub designated: Vec<(Uuid, String)>,
    pub timeline: Vec<TimelineEntry>,
    pub authorisations: Vec<AuthorisationRow>,
    /// Steps this reader may take now.
    pub steps: Vec<Step>,
    /// The health reason is shown only to those who need it at this step (and audited).
    pub show_reason: bool,
    pub show_pesel: bool,
    pub departments: Vec<DepartmentOption>,
    pub staff: Vec<StaffOption>,
    pub bomino_staff: Vec<StaffOption>,
    pub input: StepInput,
    pub errors: FormErrors,
}

pub struct AuthorisationRow {
    pub authorisation_id: Uuid,
    pub staff_name: String,
    pub scope: String,
    pub valid_from: chrono::NaiveDate,
    pub valid_to: chrono::NaiveDate,
    pub register_number: Option<String>,
    pub voided: bool,
}

impl RequestPage {
    pub fn state(&self) -> &'static str {
        state_label(self.ctx.t, &self.request.state)
    }

    pub fn step_name(&self, step: &str) -> &'static str {
        step_label(self.ctx.t, step)
    }

    pub fn state_name(&self, state: &str) -> &'static str {
        state_label(self.ctx.t, state)
    }

    pub fn can(&self, step: &str) -> bool {
        self.steps.iter().any(|s| s.as_str() == step)
    }

    pub fn pesel(&self) -> String {
        match self.request.pesel.as_deref().map(Pesel::parse) {
            Some(Ok(p)) if self.show_pesel => p.reveal().to_owned(),
            Some(Ok(p)) => p.masked(),
            _ => String::new(),
        }
    }

    pub fn planned(&self) -> String {
        self.request.planned_at.map(|t| self.ctx.datetime(&t)).unwrap_or_default()
    }

    /// Where the step forms post to (the step's name follows).
    pub fn action(&self) -> String {
        format!("/home-visits/{}/steps/", self.request.home_visit_request_id)
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

async fn request_page(
    state: &AppState,
    user: &CurrentUser,
    actor: &Actor,
    ctx: PageCtx,
    id: Uuid,
    asked: Asked,
) -> Result<RequestPage> {
    let Asked { show_pesel, input, errors } = asked;
    let request = queries::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let designated = queries::designated(&state.db, id).await?;
    let who = queries::actor(user, &request, &designated);
    let bomino = queries::in_bomino(&state.db, user, &state.config.bomino_symbol).await?;
    if !queries::involved(&who, user, &request, bomino) {
        return Err(AppError::Forbidden);
    }
    let stage = request.state();
    let steps: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| workflow::next_state(stage, *s, who, request.drafter_id.is_some()).is_ok())
        .collect();
    let show_reason = !stage.is_closed()
        && (who.is_director
            || (who.heads_the_department && matches!(stage, Stage::Decreed | Stage::Scheduled))
            || (who.is_designated && stage == Stage::Authorised)
            || (request.registered_by == Some(user.staff_id) && stage == Stage::Registered));
    if show_reason {
        actor
            .record(
                &state.db,
                "home_visit.reason_viewed",
                Some(("home_visit_request", id.to_string())),
                serde_json::json!({ "state": request.state }),
            )
            .await?;
    }
    let show_pesel =
        show_pesel && request.pesel.is_some() && (who.is_director || who.is_designated || who.heads_the_department);
    if show_pesel {
        actor
            .record(
                &state.db,
                "home_visit.pesel_viewed",
                Some(("home_visit_request", id.to_string())),
                serde_json::json!({}),
            )
            .await?;
    }
    let authorisations = sqlx::query_as!(
        AuthorisationRow,
        r#"select a.authorisation_id, s.full_name as staff_name, a.scope, a.valid_from, a.valid_to, a.register_number,
                  (a.voided_at is not null) as "voided!"
           from authorisation a join staff s using (staff_id)
           where a.home_visit_request_id = $1 order by a.drafted_at, s.full_name"#,
        id
    )
    .fetch_all(&state.db)
    .await?;
    let needs_lists = steps.iter().any(|s| matches!(s, Step::Decree | Step::Schedule | Step::AssignDrafter));
    let bomino_staff = if steps.contains(&Step::AssignDrafter) {
        let symbol = &state.config.bomino_symbol;
        sqlx::query!(
            "select s.staff_id, s.full_name from staff s join department d using (department_id)
             where s.active and d.symbol = $1 order by s.full_name",
            symbol
        )
        .fetch_all(&state.db)
        .await?
        .into_iter()
        .map(|r| StaffOption { staff_id: r.staff_id, label: r.full_name })
        .collect()
    } else {
        Vec::new()
    };
    let mut input = input;
    if input.department_id.is_empty() {
        input.department_id = request.department_id.unwrap_or(request.case_department_id).to_string();
    }
    Ok(RequestPage {
        timeline: queries::timeline(&state.db, id).await?,
        departments: if needs_lists { department_options(&state.db).await? } else { Vec::new() },
        staff: if steps.contains(&Step::Schedule) { staff_options(&state.db, None).await? } else { Vec::new() },
        bomino_staff,
        request,
        designated,
        authorisations,
        steps,
        show_reason,
        show_pesel,
        input,
        errors,
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
}

/// Załącznik Nr 1 as filled, on one A4 page, for the paper file. It carries the health
/// reason and the whole PESEL, so only the director and the information point print
/// it, and each printing is audited.
pub async fn print_attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<AttachmentPage> {
    if !(user.has(Role::Director) || user.has(Role::InfoPoint)) {
        return Err(AppError::Forbidden);
    }
    let request = queries::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    actor
        .record(
            &state.db,
            "home_visit.attachment_printed",
            Some(("home_visit_request", id.to_string())),
            serde_json::json!({}),
        )
        .await?;
    let pesel = request.pesel.clone().unwrap_or_default();
    Ok(AttachmentPage { ctx, request, pesel })
}

fn refusal_error(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotYours => AppError::Forbidden,
        Refusal::WrongState | Refusal::NoDrafter => AppError::Conflict,
    }
}

/// Takes one step of the workflow (`/home-visits/{id}/steps/{step}`).
pub async fn take_step(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path((id, step)): Path<(Uuid, String)>,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let step = Step::parse(&step).ok_or(AppError::NotFound)?;
    let request = queries::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let designated = queries::designated(&state.db, id).await?;
    let who = queries::actor(&user, &request, &designated);
    // The person and the state first (403 / 409), then the version the form was made from.
    workflow::next_state(request.state(), step, who, request.drafter_id.is_some()).map_err(refusal_error)?;
    let version: i32 = form.raw("version").and_then(|v| v.parse().ok()).ok_or(AppError::Conflict)?;
    if version != request.version {
        return Err(AppError::Conflict);
    }

    let mut errors = FormErrors::labelled(&[
        ("note", t.hv_note),
        ("department_id", t.staff_department),
        ("employees", t.hv_employees),
        ("date", t.hv_date),
        ("time", t.hv_time),
        ("drafter_id", t.hv_drafter),
    ]);
    let input = StepInput {
        note: errors.take("note", form.text("note", 2000, t)),
        department_id: errors.take("department_id", form.text("department_id", 36, t)),
        employees: form.all("employees").iter().map(|s| s.to_string()).collect(),
        date: errors.take("date", form.text("date", 10, t)),
        time: errors.take("time", form.text("time", 5, t)),
        drafter_id: errors.take("drafter_id", form.text("drafter_id", 36, t)),
    };
    if step.needs_note() && input.note.is_empty() && errors.get("note").is_none() {
        errors.add("note", t.field_required);
    }
    let mut department = None;
    let mut employees = Vec::new();
    let mut planned = None;
    let mut drafter = None;
    match step {
        Step::Decree => {
            let departments = department_options(&state.db).await?;
            department = errors.choice(
                "department_id",
                &input.department_id,
                |d| departments.iter().any(|o| o.department_id == d),
                t,
            );
            if department.is_none() && errors.get("department_id").is_none() {
                errors.add("department_id", t.field_choose);
            }
        }
        Step::Schedule => {
            let staff = staff_options(&state.db, None).await?;
            for raw in &input.employees {
                match raw.parse::<Uuid>().ok().filter(|id| staff.iter().any(|s| s.staff_id == *id)) {
                    Some(id) if !employees.contains(&id) => employees.push(id),
                    Some(_) => {}
                    None => errors.add("employees", t.field_choose),
                }
            }
            if employees.is_empty() {
                errors.add("employees", t.hv_employees_needed);
            }
            let day = errors.date("date", &input.date, t);
            let time = NaiveTime::parse_from_str(&input.time, "%H:%M").ok();
            match (day, time) {
                (None, _) if errors.get("date").is_some() => {}
                (None, _) => errors.add("date", t.audit_bad_date),
                (_, None) => errors.add("time", t.hv_time_invalid),
                (Some(day), Some(time)) => {
                    let at = ctx.tz.from_local_datetime(&day.and_time(time)).earliest().map(|t| t.with_timezone(&Utc));
                    let today = local_date(Utc::now(), &ctx.tz);
                    let calendar = office_calendar(&state.db, today).await?;
                    let hours = OfficeHours { opens: state.config.office_opens, closes: state.config.office_closes };
                    match at.map(|at| (at, check_visit_time(at, Utc::now(), &ctx.tz, &calendar, &hours))) {
                        Some((at, Ok(()))) => planned = Some(at),
                        Some((_, Err(DateRefusal::TooSoon))) => errors.add("date", t.hv_too_soon),
                        Some((_, Err(DateRefusal::NotAWorkingDay))) => errors.add("date", t.callback_not_working_day),
                        Some((_, Err(DateRefusal::OutsideHours))) | None => {
                            let hours = format!("{}–{}", hours.opens.format("%H:%M"), hours.closes.format("%H:%M"));
                            errors.add("time", ctx.fill(t.hv_outside_hours, "hours", hours))
                        }
                    }
                }
            }
        }
        Step::AssignDrafter => {
            let symbol = &state.config.bomino_symbol;
            let bomino: Vec<Uuid> = sqlx::query_scalar!(
                "select s.staff_id from staff s join department d using (department_id) where s.active and d.symbol = $1",
                symbol
            )
            .fetch_all(&state.db)
            .await?;
            drafter = errors.choice("drafter_id", &input.drafter_id, |id| bomino.contains(&id), t);
            if drafter.is_none() && errors.get("drafter_id").is_none() {
                errors.add("drafter_id", t.field_choose);
            }
        }
        _ => {}
    }
    if !errors.is_empty() {
        let page = request_page(&state, &user, &actor, ctx, id, Asked { show_pesel: false, input, errors }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    let mut tx = state.db.begin().await?;
    let wanted = queries::Move {
        step,
        who,
        has_drafter: request.drafter_id.is_some(),
        actor_id: user.staff_id,
        note: &input.note,
    };
    let to = queries::take_step(&mut tx, id, version, wanted).await?.map_err(refusal_error)?;
    match step {
        Step::Decree => {
            sqlx::query!(
                "update home_visit_request set department_id = $2 where home_visit_request_id = $1",
                id,
                department
            )
            .execute(&mut *tx)
            .await?;
        }
        Step::Schedule => {
            sqlx::query!("delete from home_visit_employee where home_visit_request_id = $1", id)
                .execute(&mut *tx)
                .await?;
            sqlx::query!(
                "insert into home_visit_employee (home_visit_request_id, staff_id) select $1, unnest($2::uuid[])",
                id,
                &employees
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "update home_visit_request set planned_at = $2, drafter_id = null where home_visit_request_id = $1",
                id,
                planned
            )
            .execute(&mut *tx)
            .await?;
        }
        Step::AssignDrafter => {
            sqlx::query!("update home_visit_request set drafter_id = $2 where home_visit_request_id = $1", id, drafter)
                .execute(&mut *tx)
                .await?;
        }
        Step::Draft => {
            let day =
                request.planned_at.map(|p| local_date(p, &ctx.tz)).unwrap_or_else(|| local_date(Utc::now(), &ctx.tz));
            let scope = ctx.fill(&ctx.fill(t.hv_scope, "case", &request.case_kind), "date", day.format("%d.%m.%Y"));
            sqlx::query!(
                "insert into authorisation (home_visit_request_id, staff_id, scope, valid_from, valid_to, drafted_by)
                 select $1, staff_id, $2, $3, $3, $4 from home_visit_employee where home_visit_request_id = $1",
                id,
                scope,
                day,
                user.staff_id
            )
            .execute(&mut *tx)
            .await?;
        }
        Step::Sign => {
            let year = queries::year_of(local_date(Utc::now(), &ctx.tz));
            let drafts = sqlx::query_scalar!(
                "select a.authorisation_id from authorisation a join staff s using (staff_id)
                 where a.home_visit_request_id = $1 and a.voided_at is null and a.signed_at is null order by s.full_name",
                id
            )
            .fetch_all(&mut *tx)
            .await?;
            for authorisation in drafts {
                let number = queries::next_register_number(&mut tx, year).await?;
                sqlx::query!(
                    "update authorisation set register_number = $2, signed_by = $3, signed_at = now() where authorisation_id = $1",
                    authorisation,
                    number,
                    user.staff_id
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        Step::RecordDone | Step::RecordAbsent => {
            let outcome = if step == Step::RecordDone { "done" } else { "absent" };
            sqlx::query!("update home_visit_request set outcome = $2 where home_visit_request_id = $1", id, outcome)
                .execute(&mut *tx)
                .await?;
        }
        // Back to scheduling, or one step back, or cancelled: unsigned authorisations are void.
        Step::RecordRescheduled | Step::SendBack | Step::Cancel => {
            sqlx::query!(
                "update authorisation set voided_at = now() where home_visit_request_id = $1 and voided_at is null
                 and (signed_at is null or $2)",
                id,
                matches!(step, Step::RecordRescheduled | Step::Cancel)
            )
            .execute(&mut *tx)
            .await?;
            if to == Stage::Scheduled || to == Stage::Decreed {
                sqlx::query!("update home_visit_request set drafter_id = null where home_visit_request_id = $1", id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    let detail = serde_json::json!({ "step": step.as_str(), "from": request.state, "to": to.as_str() });
    actor.record(&mut *tx, "home_visit.step", Some(("home_visit_request", id.to_string())), detail).await?;
    crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.hv_step_taken, "state", state_label(t, to.as_str()))).await?;
    Ok(Redirect::to(&format!("/home-visits/{id}")).into_response())
}
