//! One complaint: what was taken down, its history, and the steps open to the
//! reader (`/complaints/{id}/steps/{step}`): decreed to a department, who answers
//! named, the answer recorded; sent back or cancelled. The step is taken through
//! `cases` (state, version, history) and its effects applied in `apply`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use super::queries::{self, Complaint};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::auth::access::COMPLAINT_READERS;
use crate::cases::{self, Case, HistoryLine, Move, Part, Party, Refusal, State as Stage, Step};
use crate::error::{AppError, Result};
use crate::home_visits::request::{step_done_label, step_label};
use crate::i18n::Texts;
use crate::office::{DepartmentOption, StaffOption, department_options};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, PageCtx, saved};

/// How an answer may go out.
pub const ANSWER_CHANNELS: [&str; 5] = ["letter", "email", "phone", "in_person", "none"];

/// Whether this employee may open the complaint: a party of the case, whoever took
/// it, or a reader of the register (the director, the Secretary, supervisors).
pub fn may_read(user: &CurrentUser, case: &Case) -> bool {
    !case.parties_of(user).is_empty() || case.facts.registered_by == Some(user.staff_id) || user.may(COMPLAINT_READERS)
}

/// Whether this employee sees how to reach the client (RODO art. 5(1)(c)): whoever
/// took the complaint and those who decide and give the answer (the director, the
/// department's head, the employee named). The information point, the Secretary and
/// supervisors read the complaint without them.
pub fn sees_contact(user: &CurrentUser, case: &Case) -> bool {
    case.facts.registered_by == Some(user.staff_id)
        || case.parties_of(user).iter().any(|p| matches!(p, Party::Director | Party::Head | Party::Designated))
}

/// A complaint's state as its pages, lists and exports say it: a "skarga" is
/// feminine and not a "wniosek", so the states a home visit shares have their own words.
pub fn state_label(t: &Texts, state: Stage) -> &'static str {
    match state {
        Stage::Registered => t.cmp_state_registered,
        Stage::Decreed => t.cmp_state_decreed,
        Stage::Cancelled => t.cmp_state_cancelled,
        other => crate::home_visits::request::state_label(t, other),
    }
}

/// A step's button, or what it did in the history, on a complaint (its cancel names the complaint).
fn complaint_step(t: &Texts, step: Step, done: bool) -> &'static str {
    match (step, done) {
        (Step::Cancel, false) => t.cmp_step_cancel,
        (Step::Cancel, true) => t.cmp_did_cancel,
        (Step::Register, true) => t.cmp_did_register,
        (step, false) => step_label(t, step),
        (step, true) => step_done_label(t, step),
    }
}

pub fn channel_label(t: &Texts, code: &str) -> &'static str {
    match code {
        "letter" => t.cmp_channel_letter,
        "email" => t.cmp_channel_email,
        "phone" => t.cmp_channel_phone,
        "in_person" => t.cmp_channel_in_person,
        _ => t.cmp_channel_none,
    }
}

pub fn about_label(t: &Texts, code: &str) -> &'static str {
    match code {
        "visit" => t.cmp_about_visit,
        "department" => t.cmp_about_department,
        "employee" => t.cmp_about_employee,
        _ => t.cmp_about_procedure,
    }
}

pub fn during_label(t: &Texts, code: &str) -> &'static str {
    match code {
        "visit" => t.cmp_during_visit,
        "call" => t.cmp_during_call,
        "in_person" => t.cmp_during_in_person,
        _ => t.cmp_during_kiosk,
    }
}

/// A step's form as typed, kept when it comes back with errors.
#[derive(Default)]
pub struct StepInput {
    pub step: String,
    pub note: String,
    pub department_id: String,
    pub answerer_id: String,
    pub answer_text: String,
    pub answered_on: String,
    pub answer_channel: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/show.html")]
pub struct CasePage {
    pub ctx: PageCtx,
    pub complaint: Complaint,
    pub timeline: Vec<HistoryLine>,
    pub steps: Vec<Step>,
    pub departments: Vec<DepartmentOption>,
    pub staff: Vec<StaffOption>,
    pub input: StepInput,
    pub errors: FormErrors,
    pub overdue: bool,
}

impl CasePage {
    pub fn state(&self) -> &'static str {
        state_label(self.ctx.t, self.complaint.case.state)
    }

    pub fn state_name(&self, state: &Stage) -> &'static str {
        state_label(self.ctx.t, *state)
    }

    pub fn history_step(&self, line: &HistoryLine) -> &'static str {
        complaint_step(self.ctx.t, line.step, true)
    }

    pub fn step_name(&self, step: &str) -> &'static str {
        Step::parse(step).map_or("", |s| complaint_step(self.ctx.t, s, false))
    }

    pub fn can(&self, step: &str) -> bool {
        self.steps.iter().any(|s| s.as_str() == step)
    }

    pub fn action(&self) -> String {
        format!("/complaints/{}/steps/", self.complaint.id())
    }

    pub fn channel(&self, code: &str) -> &'static str {
        channel_label(self.ctx.t, code)
    }

    pub fn about(&self) -> &'static str {
        about_label(self.ctx.t, &self.complaint.details.about)
    }

    pub fn during(&self) -> &'static str {
        during_label(self.ctx.t, &self.complaint.details.taken_during)
    }

    /// The ways the answer can go: "none" only to a client who wanted no answer.
    pub fn answer_channels(&self) -> Vec<(&'static str, &'static str)> {
        let wants = self.complaint.details.wants_answer;
        ANSWER_CHANNELS
            .iter()
            .filter(|c| (**c == "none") != wants)
            .map(|c| (*c, channel_label(self.ctx.t, c)))
            .collect()
    }

    pub fn step_failed(&self, step: &str) -> bool {
        self.input.step == step && self.errors.get("note").is_some()
    }

    pub fn note_id(&self, step: &str) -> String {
        if self.step_failed(step) { "note".to_owned() } else { format!("note-{step}") }
    }

    pub fn due(&self) -> String {
        self.complaint.details.due_on.format("%d.%m.%Y").to_string()
    }

    pub fn answered_on_value(&self) -> String {
        if self.input.answered_on.is_empty() {
            self.ctx.today().format("%d.%m.%Y").to_string()
        } else {
            self.input.answered_on.clone()
        }
    }
}

/// Staff of the department the complaint is decreed to, who may be named to answer it.
async fn department_staff(db: &sqlx::PgPool, department: Option<Uuid>) -> sqlx::Result<Vec<StaffOption>> {
    let rows = sqlx::query!(
        "select staff_id, full_name from staff where active and department_id = $1 order by full_name",
        department
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| StaffOption { staff_id: r.staff_id, label: r.full_name }).collect())
}

pub async fn case_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageCtx,
    id: Uuid,
    (input, errors): (StepInput, FormErrors),
) -> Result<CasePage> {
    let mut complaint = queries::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &complaint.case) {
        return Err(AppError::Forbidden);
    }
    if !sees_contact(user, &complaint.case) {
        complaint.details.contact = None;
    }
    let steps = complaint.case.steps_open(user);
    let mut input = input;
    if input.department_id.is_empty() {
        input.department_id = complaint
            .case
            .facts
            .department_id
            .or(complaint.details.about_department_id)
            .map(|d| d.to_string())
            .unwrap_or_default();
    }
    Ok(CasePage {
        timeline: cases::history(&state.db, id).await?,
        departments: if steps.contains(&Step::Decree) { department_options(&state.db).await? } else { Vec::new() },
        staff: if steps.contains(&Step::Assign) {
            department_staff(&state.db, complaint.case.facts.department_id).await?
        } else {
            Vec::new()
        },
        overdue: complaint.overdue(ctx.today()),
        complaint,
        steps,
        input,
        errors,
        ctx,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<Uuid>,
) -> Result<CasePage> {
    case_page(&state, &user, ctx, id, (StepInput::default(), FormErrors::default())).await
}

fn refusal_error(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotYours => AppError::Forbidden,
        Refusal::WrongState | Refusal::Guarded => AppError::Conflict,
    }
}

/// What a step's form said, once checked.
enum Checked {
    Decree { department: Uuid },
    Assign { answerer: Uuid },
    Answer { text: String, on: NaiveDate, channel: &'static str },
    Other,
}

/// Takes one step of the workflow.
#[allow(clippy::too_many_arguments)]
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
    let complaint = queries::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let case = &complaint.case;
    let who = case.parties_of(&user);
    // The person and the state first (403 / 409), then the version the form was made from.
    case.kind.workflow().next_state(case.state, step, &who, &case.facts.parts()).map_err(refusal_error)?;
    let version: i32 = form.raw("version").and_then(|v| v.parse().ok()).ok_or(AppError::Conflict)?;
    if version != case.version {
        return Err(AppError::Conflict);
    }
    let (input, checked) = match check(&state, &ctx, step, &form, &complaint).await? {
        Ok(checked) => checked,
        Err((input, errors)) => {
            let page = case_page(&state, &user, ctx, id, (input, errors)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let wanted = Move { step, who: &who, actor_id: user.staff_id, note: &input.note, now: ctx.now };
    let to = cases::take_step(&mut tx, id, version, wanted).await?.map_err(refusal_error)?;
    apply(&mut tx, id, step, checked, user.staff_id).await?;
    let detail = serde_json::json!({ "step": step.as_str(), "from": case.state.as_str(), "to": to.as_str() });
    let entry = Entry { action: Action::ComplaintStep, target: ("complaint", id), detail };
    saved(
        tx,
        &session,
        &actor,
        entry,
        &ctx.fill(t.cmp_step_taken, "state", state_label(t, to)),
        &format!("/complaints/{id}"),
    )
    .await
}

type Checks = std::result::Result<(StepInput, Checked), (StepInput, FormErrors)>;

async fn check(state: &AppState, ctx: &PageCtx, step: Step, form: &FormData, complaint: &Complaint) -> Result<Checks> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("note", t.hv_note),
        ("department_id", t.staff_department),
        ("answerer_id", t.cmp_answerer),
        ("answer_text", t.cmp_answer_text),
        ("answered_on", t.cmp_answered_on),
        ("answer_channel", t.cmp_answer_channel),
    ])
    .asking(&[
        ("department_id", t.ask_department),
        ("answerer_id", t.cmp_ask_answerer),
        ("answer_text", t.cmp_ask_answer_text),
        ("answer_channel", t.cmp_ask_answer_channel),
    ]);
    let input = StepInput {
        step: step.as_str().to_owned(),
        note: errors.take("note", form.text("note", 2000, t)),
        department_id: errors.take("department_id", form.text("department_id", 36, t)),
        answerer_id: errors.take("answerer_id", form.text("answerer_id", 36, t)),
        answer_text: errors.take("answer_text", form.text("answer_text", 4000, t)),
        answered_on: errors.take("answered_on", form.text("answered_on", 10, t)),
        answer_channel: errors.take("answer_channel", form.text("answer_channel", 10, t)),
    };
    if step.needs_note() && input.note.is_empty() && errors.get("note").is_none() {
        errors.add("note", if step == Step::Decree { t.ask_instruction } else { t.ask_reason });
    }
    let checked = match step {
        Step::Decree => {
            let departments = department_options(&state.db).await?;
            let department = errors.choice(
                "department_id",
                &input.department_id,
                |d| departments.iter().any(|o| o.department_id == d),
                t,
            );
            if department.is_none() && errors.get("department_id").is_none() {
                errors.add("department_id", t.field_choose);
            }
            department.map(|department| Checked::Decree { department })
        }
        Step::Assign => {
            let staff = department_staff(&state.db, complaint.case.facts.department_id).await?;
            let answerer =
                errors.choice("answerer_id", &input.answerer_id, |id| staff.iter().any(|s| s.staff_id == id), t);
            if answerer.is_none() && errors.get("answerer_id").is_none() {
                errors.add("answerer_id", t.field_choose);
            }
            answerer.map(|answerer| Checked::Assign { answerer })
        }
        Step::Answer => {
            if input.answer_text.chars().count() < 3 && errors.get("answer_text").is_none() {
                errors.add("answer_text", t.field_required);
            }
            let wants = complaint.details.wants_answer;
            let channel =
                ANSWER_CHANNELS.iter().copied().find(|c| *c == input.answer_channel && ((*c == "none") != wants));
            if channel.is_none() && errors.get("answer_channel").is_none() {
                errors.add("answer_channel", t.field_choose);
            }
            let on = errors.date("answered_on", &input.answered_on, t);
            let registered = crate::calendar::local_date(complaint.case.registered_at, &ctx.tz);
            match on {
                None if errors.get("answered_on").is_none() => errors.add("answered_on", t.field_required),
                Some(day) if day > ctx.today() => errors.add("answered_on", t.cmp_answered_future),
                Some(day) if day < registered => errors.add("answered_on", t.cmp_answered_before),
                _ => {}
            }
            match (on, channel) {
                (Some(on), Some(channel)) => Some(Checked::Answer { text: input.answer_text.clone(), on, channel }),
                _ => None,
            }
        }
        _ => Some(Checked::Other),
    };
    Ok(match checked {
        Some(checked) if errors.is_empty() => Ok((input, checked)),
        _ => Err((input, errors)),
    })
}

/// What a step does to the complaint besides moving its state.
async fn apply(tx: &mut PgConnection, id: Uuid, step: Step, checked: Checked, actor: Uuid) -> Result<()> {
    match checked {
        Checked::Decree { department } => cases::decree_to(tx, id, department).await?,
        Checked::Assign { answerer } => cases::name(tx, id, Part::Designated, &[answerer]).await?,
        Checked::Answer { text, on, channel } => {
            sqlx::query!(
                "update complaint set answer_text = $2, answered_on = $3, answer_channel = $4, answered_by = $5
                 where complaint_id = $1",
                id,
                text,
                on,
                channel,
                actor
            )
            .execute(&mut *tx)
            .await?;
        }
        Checked::Other => {}
    }
    // Sent back to the head: whoever was named no longer answers it.
    if step == Step::SendBack {
        cases::name(tx, id, Part::Designated, &[]).await?;
    }
    Ok(())
}

impl CasePage {
    pub fn staff_choices(&self) -> Vec<(String, String)> {
        self.staff.iter().map(|s| (s.staff_id.to_string(), s.label.clone())).collect()
    }
}
