//! The steps of a home visit (`/home-visits/{id}/steps/{step}`): the form of each
//! step read and checked, the step taken through `cases` (state, version, history),
//! and its effects on the request in one function, `apply`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use super::dates::{DateRefusal, OfficeHours, check_visit_time, earliest_visit_day};
use super::queries::{self, Request};
use super::request::{Asked, StepInput, request_page, state_label};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::calendar::{self, local_date};
use crate::cases::{self, Move, Part, Refusal, State as Stage, Step};
use crate::error::{AppError, Result};
use crate::office::{department_options, staff_of_department};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{FlashKind, PageCtx, set_flash};

/// What a step's form said, once checked.
enum Checked {
    Decree { department: Uuid },
    Schedule { employees: Vec<Uuid>, planned: DateTime<Utc> },
    AssignDrafter { drafter: Uuid },
    Other,
}

fn refusal_error(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotYours => AppError::Forbidden,
        Refusal::WrongState | Refusal::Guarded => AppError::Conflict,
    }
}

/// Takes one step of the workflow.
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
    let request = queries::find(&state.db, &state.config.keys, id).await?.ok_or(AppError::NotFound)?;
    let case = &request.case;
    let who = case.parties_of(&user);
    // The person and the state first (403 / 409), then the version the form was made from.
    case.kind.workflow().next_state(case.state, step, &who, &case.facts.parts()).map_err(refusal_error)?;
    let version: i32 = form.raw("version").and_then(|v| v.parse().ok()).ok_or(AppError::Conflict)?;
    if version != case.version {
        return Err(AppError::Conflict);
    }
    // A visit is recorded as done on its day or later, not before it happened.
    if let Some(day) = super::request::done_from(&request, &ctx)
        && step == Step::RecordDone
        && ctx.today() < day
    {
        let message = ctx.fill(t.hv_done_from, "date", day.format("%d.%m.%Y"));
        set_flash(&session, FlashKind::Warning, &message).await?;
        return Ok(Redirect::to(&format!("/home-visits/{id}")).into_response());
    }

    // Four eyes: whoever drafted the authorisations does not sign them, even when one
    // person holds both roles.
    if step == Step::Sign {
        let drafted_here = sqlx::query_scalar!(
            r#"select exists (select 1 from authorisation where home_visit_request_id = $1 and voided_at is null
                              and signed_at is null and drafted_by = $2) as "drafted!""#,
            id,
            user.staff_id
        )
        .fetch_one(&state.db)
        .await?;
        if drafted_here {
            set_flash(&session, FlashKind::Warning, t.hv_sign_own_draft).await?;
            return Ok(Redirect::to(&format!("/home-visits/{id}")).into_response());
        }
    }

    let (input, checked) = match check(&state, &ctx, step, &form, &request).await? {
        Ok(checked) => checked,
        Err((input, errors)) => {
            let page = request_page(&state, &user, &actor, ctx, id, Asked { show_pesel: false, input, errors }).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };

    let mut tx = state.db.begin().await?;
    let wanted = Move { step, who: &who, actor_id: user.staff_id, note: &input.note, now: ctx.now };
    let to = cases::take_step(&mut tx, id, version, wanted).await?.map_err(refusal_error)?;
    apply(&mut tx, &request, (step, to), checked, (&user, &ctx)).await?;
    let detail = serde_json::json!({ "step": step.as_str(), "from": case.state.as_str(), "to": to.as_str() });
    actor.record(&mut *tx, Action::HomeVisitStep, Some(("home_visit_request", id.to_string())), detail).await?;
    crate::events::notify(&mut *tx, &crate::events::Event::HomeVisits).await?;
    tx.commit().await?;
    set_flash(&session, FlashKind::Success, &ctx.fill(t.hv_step_taken, "state", state_label(t, to))).await?;
    Ok(Redirect::to(&format!("/home-visits/{id}")).into_response())
}

/// Reads and checks the step's form: what it says, or the form as typed with its errors.
async fn check(
    state: &AppState,
    ctx: &PageCtx,
    step: Step,
    form: &FormData,
    request: &Request,
) -> Result<Result<(StepInput, Checked), (StepInput, FormErrors)>> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("note", t.hv_note),
        ("department_id", t.staff_department),
        ("employees", t.hv_employees),
        ("date", t.hv_date),
        ("time", t.hv_time),
        ("drafter_id", t.hv_drafter),
    ])
    .asking(&[
        ("department_id", t.ask_department),
        ("employees", t.hv_employees_needed),
        ("date", t.ask_visit_day),
        ("time", t.ask_visit_time),
        ("drafter_id", t.ask_drafter),
    ]);
    let input = StepInput {
        step: step.as_str().to_owned(),
        note: errors.take("note", form.text("note", 2000, t)),
        department_id: errors.take("department_id", form.text("department_id", 36, t)),
        employees: form.all("employees").iter().map(|s| s.to_string()).collect(),
        date: errors.take("date", form.text("date", 10, t)),
        time: errors.take("time", form.text("time", 5, t)),
        drafter_id: errors.take("drafter_id", form.text("drafter_id", 36, t)),
        ..StepInput::default()
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
        Step::Schedule => {
            // The department's own staff, and colleagues lent by their heads (`loans`).
            let staff = super::loans::designable(&state.db, request.id(), request.case.facts.department_id).await?;
            let mut employees = Vec::new();
            for raw in &input.employees {
                match raw.parse::<Uuid>().ok().filter(|id| staff.iter().any(|s| s.staff_id == *id)) {
                    Some(id) if !employees.contains(&id) => employees.push(id),
                    Some(_) => {}
                    None => errors.add("employees", t.hv_employee_not_designable),
                }
            }
            if employees.is_empty() {
                errors.add("employees", t.hv_employees_needed);
            }
            planned_time(state, ctx, &input, &mut errors).await?.map(|planned| Checked::Schedule { employees, planned })
        }
        Step::AssignDrafter => {
            let bomino = staff_of_department(&state.db, &state.config.bomino_symbol).await?;
            let drafter =
                errors.choice("drafter_id", &input.drafter_id, |id| bomino.iter().any(|s| s.staff_id == id), t);
            if drafter.is_none() && errors.get("drafter_id").is_none() {
                errors.add("drafter_id", t.field_choose);
            }
            drafter.map(|drafter| Checked::AssignDrafter { drafter })
        }
        _ => Some(Checked::Other),
    };
    Ok(match checked {
        Some(checked) if errors.is_empty() => Ok((input, checked)),
        _ => Err((input, errors)),
    })
}

/// The visit's date and time as typed, if the scheduling rule allows them (at least
/// one full working day ahead, within office hours); otherwise the errors say why.
async fn planned_time(
    state: &AppState,
    ctx: &PageCtx,
    input: &StepInput,
    errors: &mut FormErrors,
) -> Result<Option<DateTime<Utc>>> {
    let t = ctx.t;
    let day = errors.date("date", &input.date, t);
    let time = NaiveTime::parse_from_str(&input.time, "%H:%M").ok();
    let (day, time) = match (day, time) {
        (None, _) if errors.get("date").is_some() => return Ok(None),
        (None, _) => {
            errors.add("date", t.audit_bad_date);
            return Ok(None);
        }
        (_, None) => {
            errors.add("time", t.hv_time_invalid);
            return Ok(None);
        }
        (Some(day), Some(time)) => (day, time),
    };
    let at = ctx.tz.from_local_datetime(&day.and_time(time)).earliest().map(|t| t.with_timezone(&Utc));
    let today = ctx.today();
    let calendar = calendar::load(&state.db, today.min(day), today.max(day).max(today + Days::new(45))).await?;
    let hours = OfficeHours { opens: state.config.office_opens, closes: state.config.office_closes };
    match at.map(|at| (at, check_visit_time(at, ctx.now, &ctx.tz, &calendar, &hours))) {
        Some((at, Ok(()))) => return Ok(Some(at)),
        Some((_, Err(DateRefusal::TooSoon))) => {
            let earliest = earliest_visit_day(&calendar, today).format("%d.%m.%Y").to_string();
            errors.add("date", ctx.fill(t.hv_too_soon, "date", earliest))
        }
        Some((_, Err(DateRefusal::NotAWorkingDay))) => errors.add("date", t.callback_not_working_day),
        Some((_, Err(DateRefusal::OutsideHours))) | None => {
            let hours = format!("{}–{}", hours.opens.format("%H:%M"), hours.closes.format("%H:%M"));
            errors.add("time", ctx.fill(t.hv_outside_hours, "hours", hours))
        }
    }
    Ok(None)
}

/// What a step does to the request besides moving its state: the department decreed
/// to, the employees and date, the drafter, the authorisations drafted, signed into
/// the register or voided, the outcome of the visit.
async fn apply(
    tx: &mut PgConnection,
    request: &Request,
    (step, to): (Step, Stage),
    checked: Checked,
    (user, ctx): (&CurrentUser, &PageCtx),
) -> Result<()> {
    let id = request.id();
    match checked {
        Checked::Decree { department } => cases::decree_to(tx, id, department).await?,
        Checked::Schedule { employees, planned } => {
            cases::name(tx, id, Part::Designated, &employees).await?;
            cases::name(tx, id, Part::Drafter, &[]).await?;
            sqlx::query!("update home_visit_request set planned_at = $2 where home_visit_request_id = $1", id, planned)
                .execute(&mut *tx)
                .await?;
        }
        Checked::AssignDrafter { drafter } => cases::name(tx, id, Part::Drafter, &[drafter]).await?,
        Checked::Other => {}
    }
    match step {
        Step::Draft => {
            let day = local_date(request.details.planned_at.unwrap_or(ctx.now), &ctx.tz);
            let t = ctx.t;
            let scope =
                ctx.fill(&ctx.fill(t.hv_scope, "case", &request.details.case_kind), "date", day.format("%d.%m.%Y"));
            sqlx::query!(
                "insert into authorisation (home_visit_request_id, staff_id, scope, valid_from, valid_to, drafted_by, drafted_at)
                 select $1, staff_id, $2, $3, $3, $4, $5 from case_person where case_file_id = $1 and part = 'designated'",
                id,
                scope,
                day,
                user.staff_id,
                ctx.now
            )
            .execute(&mut *tx)
            .await?;
        }
        Step::Sign => {
            let year = queries::year_of(ctx.today());
            let drafts = sqlx::query_scalar!(
                "select a.authorisation_id from authorisation a join staff s using (staff_id)
                 where a.home_visit_request_id = $1 and a.voided_at is null and a.signed_at is null order by s.full_name",
                id
            )
            .fetch_all(&mut *tx)
            .await?;
            for authorisation in drafts {
                let number = queries::next_register_number(tx, year).await?;
                sqlx::query!(
                    "update authorisation set register_number = $2, signed_by = $3, signed_at = $4 where authorisation_id = $1",
                    authorisation,
                    number,
                    user.staff_id,
                    ctx.now
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
                "update authorisation set voided_at = $3 where home_visit_request_id = $1 and voided_at is null
                 and (signed_at is null or $2)",
                id,
                matches!(step, Step::RecordRescheduled | Step::Cancel),
                ctx.now
            )
            .execute(&mut *tx)
            .await?;
            if to == Stage::Scheduled || to == Stage::Decreed {
                cases::name(tx, id, Part::Drafter, &[]).await?;
            }
        }
        Step::Register | Step::Decree | Step::Schedule | Step::AssignDrafter | Step::Assign | Step::Answer => {}
    }
    Ok(())
}
