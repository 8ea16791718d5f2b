//! Taking a complaint (Std 20): at a desk during a visit (`/complaints/new?visit=…`,
//! linked from the visit being served), on the phone, or at the information point;
//! and, for a supervisor, a resident's low kiosk score with a comment turned into a
//! complaint in one step.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::rules::{answer_deadline, calendar_span, is_email};
use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::cases::{self, Kind};
use crate::error::{AppError, Result};
use crate::office::{
    CaseKindOption, DepartmentOption, StaffOption, case_kind_options, department_options, staff_options,
};
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, PageCtx, saved};

/// Where a complaint was taken.
pub const TAKEN_DURING: [&str; 3] = ["visit", "call", "in_person"];
/// How the client wants the answer.
pub const CHANNELS: [&str; 3] = ["letter", "email", "phone"];
/// What the complaint is about.
pub const ABOUT: [&str; 4] = ["visit", "department", "employee", "procedure"];

/// The day the answer is due for a complaint taken on `taken_on`, by the office's calendar.
pub async fn deadline(state: &AppState, taken_on: NaiveDate) -> sqlx::Result<NaiveDate> {
    let (from, to) = calendar_span(taken_on);
    let calendar = crate::calendar::load(&state.db, from, to).await?;
    Ok(answer_deadline(&calendar, taken_on, state.config.complaint_answer_within))
}

/// The form as typed, kept when it comes back with errors.
#[derive(Default)]
pub struct Input {
    /// Made when the form is shown: the same form sent twice makes one complaint.
    pub form_key: Uuid,
    pub visit_id: String,
    pub taken_during: String,
    pub client_name: String,
    pub wants_answer: String,
    pub channel: String,
    pub contact: String,
    pub about: String,
    pub about_department_id: String,
    pub about_staff_id: String,
    pub about_case_kind_id: String,
    pub client_words: String,
    pub restated: String,
    pub cause: String,
    pub remedy: String,
    pub accepted: String,
    pub would_accept: String,
    pub due_on: String,
}

/// The visit the complaint was taken during, as the form shows it.
pub struct VisitShown {
    pub visit_id: Uuid,
    pub ticket: String,
    pub department_id: Uuid,
    pub served_by: Option<Uuid>,
    pub served_by_name: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/new.html")]
pub struct NewPage {
    pub ctx: PageCtx,
    pub input: Input,
    pub errors: FormErrors,
    pub visit: Option<VisitShown>,
    pub departments: Vec<DepartmentOption>,
    pub staff: Vec<StaffOption>,
    pub case_kinds: Vec<CaseKindOption>,
    /// The latest day the answer may be promised for (dd.mm.yyyy).
    pub deadline: String,
}

impl NewPage {
    pub fn taken_during(&self) -> [(&'static str, &'static str); 3] {
        let t = self.ctx.t;
        [("visit", t.cmp_during_visit), ("call", t.cmp_during_call), ("in_person", t.cmp_during_in_person)]
    }

    pub fn channels(&self) -> [(&'static str, &'static str); 3] {
        let t = self.ctx.t;
        [("letter", t.cmp_channel_letter), ("email", t.cmp_channel_email), ("phone", t.cmp_channel_phone)]
    }

    pub fn abouts(&self) -> [(&'static str, &'static str); 4] {
        let t = self.ctx.t;
        [
            ("visit", t.cmp_about_visit),
            ("department", t.cmp_about_department),
            ("employee", t.cmp_about_employee),
            ("procedure", t.cmp_about_procedure),
        ]
    }

    pub fn yes_no(&self) -> [(&'static str, &'static str); 2] {
        [("yes", self.ctx.t.yes), ("no", self.ctx.t.no)]
    }

    pub fn deadline_hint(&self) -> String {
        self.ctx.fill(self.ctx.t.cmp_due_hint, "date", &self.deadline)
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    pub visit: Option<Uuid>,
}

async fn visit_shown(state: &AppState, id: Uuid) -> Result<Option<VisitShown>> {
    let row = sqlx::query!(
        r#"select v.visit_id, v.ticket, v.department_id, v.served_by, s.full_name as "name?"
           from visit v left join staff s on s.staff_id = v.served_by where v.visit_id = $1"#,
        id
    )
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(|r| VisitShown {
        visit_id: r.visit_id,
        ticket: r.ticket,
        department_id: r.department_id,
        served_by: r.served_by,
        served_by_name: r.name,
    }))
}

async fn page(
    state: &AppState,
    ctx: PageCtx,
    input: Input,
    errors: FormErrors,
    visit: Option<VisitShown>,
) -> Result<NewPage> {
    let deadline = deadline(state, ctx.today()).await?.format("%d.%m.%Y").to_string();
    Ok(NewPage {
        departments: department_options(&state.db).await?,
        staff: staff_options(&state.db, None).await?,
        case_kinds: case_kind_options(&state.db).await?,
        ctx,
        input,
        errors,
        visit,
        deadline,
    })
}

pub async fn new_form(State(state): State<AppState>, ctx: PageCtx, Query(query): Query<NewQuery>) -> Result<NewPage> {
    let visit = match query.visit {
        Some(id) => Some(visit_shown(&state, id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let latest = deadline(&state, ctx.today()).await?;
    let mut input =
        Input { form_key: Uuid::new_v4(), due_on: latest.format("%d.%m.%Y").to_string(), ..Input::default() };
    if let Some(v) = &visit {
        input.visit_id = v.visit_id.to_string();
        input.taken_during = "visit".into();
        input.about = "visit".into();
        input.about_department_id = v.department_id.to_string();
        input.about_staff_id = v.served_by.map(|s| s.to_string()).unwrap_or_default();
    }
    page(&state, ctx, input, FormErrors::default(), visit).await
}

/// What the checked form says.
struct Taken {
    visit: Option<Uuid>,
    wants_answer: bool,
    channel: Option<&'static str>,
    contact: Option<String>,
    about_department: Option<Uuid>,
    about_staff: Option<Uuid>,
    about_case_kind: Option<Uuid>,
    accepted: Option<bool>,
    due_on: NaiveDate,
}

fn one_of(raw: &str, options: &[&'static str]) -> Option<&'static str> {
    options.iter().copied().find(|o| *o == raw)
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let mut errors = FormErrors::labelled(&[
        ("taken_during", t.cmp_taken_during),
        ("client_name", t.cmp_client_name),
        ("wants_answer", t.cmp_wants_answer),
        ("channel", t.cmp_channel),
        ("contact", t.cmp_contact),
        ("about", t.cmp_about),
        ("about_department_id", t.staff_department),
        ("about_staff_id", t.cmp_about_staff_label),
        ("about_case_kind_id", t.visit_case_kind),
        ("client_words", t.cmp_client_words),
        ("restated", t.cmp_restated),
        ("cause", t.cmp_cause),
        ("remedy", t.cmp_remedy),
        ("accepted", t.cmp_accepted),
        ("would_accept", t.cmp_would_accept),
        ("due_on", t.cmp_due_on),
    ])
    .asking(&[
        ("taken_during", t.cmp_ask_taken_during),
        ("wants_answer", t.cmp_ask_wants_answer),
        ("channel", t.cmp_ask_channel),
        ("contact", t.cmp_ask_contact),
        ("about", t.cmp_ask_about),
        ("client_words", t.cmp_ask_client_words),
        ("would_accept", t.cmp_ask_would_accept),
        ("due_on", t.cmp_ask_due_on),
    ]);
    // A form shown before forms carried a key still takes the complaint, once.
    let form_key = form.raw("form_key").and_then(|v| v.trim().parse().ok()).unwrap_or_else(Uuid::new_v4);
    let input = Input {
        form_key,
        visit_id: errors.take("visit_id", form.text("visit_id", 36, t)),
        taken_during: errors.take("taken_during", form.required("taken_during", 20, t)),
        client_name: errors.take("client_name", form.text("client_name", 200, t)),
        wants_answer: errors.take("wants_answer", form.required("wants_answer", 3, t)),
        channel: errors.take("channel", form.text("channel", 10, t)),
        contact: errors.take("contact", form.text("contact", 300, t)),
        about: errors.take("about", form.required("about", 20, t)),
        about_department_id: errors.take("about_department_id", form.text("about_department_id", 36, t)),
        about_staff_id: errors.take("about_staff_id", form.text("about_staff_id", 36, t)),
        about_case_kind_id: errors.take("about_case_kind_id", form.text("about_case_kind_id", 36, t)),
        client_words: errors.take("client_words", form.required_between("client_words", 3, 4000, t)),
        restated: errors.take("restated", form.text("restated", 2000, t)),
        cause: errors.take("cause", form.text("cause", 2000, t)),
        remedy: errors.take("remedy", form.text("remedy", 2000, t)),
        accepted: errors.take("accepted", form.text("accepted", 3, t)),
        would_accept: errors.take("would_accept", form.text("would_accept", 2000, t)),
        due_on: errors.take("due_on", form.required("due_on", 10, t)),
    };
    let visit = match input.visit_id.parse::<Uuid>() {
        Ok(id) => visit_shown(&state, id).await?,
        Err(_) => None,
    };
    let checked = check(&state, &ctx, &input, visit.as_ref(), &mut errors).await?;
    let Some(taken) = checked.filter(|_| errors.is_empty()) else {
        let page = page(&state, ctx, input, errors, visit).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let mut tx = state.db.begin().await?;
    let case_ref =
        cases::next_ref(&mut tx, &state.config.bomino_symbol, &state.config.complaint_class, ctx.today().year())
            .await?;
    let id = cases::open(&mut tx, Kind::Complaint, &case_ref, user.staff_id, ctx.now).await?;
    // The same form sent twice: the key is taken, and the transaction, reference
    // number included, is rolled back.
    let inserted = sqlx::query!(
        "insert into complaint (complaint_id, taken_during, visit_id, client_name, wants_answer, channel, contact, about,
                                about_department_id, about_staff_id, about_case_kind_id, client_words, restated, cause,
                                remedy, accepted, would_accept, due_on, form_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        id,
        input.taken_during,
        taken.visit,
        input.client_name,
        taken.wants_answer,
        taken.channel,
        taken.contact,
        input.about,
        taken.about_department,
        taken.about_staff,
        taken.about_case_kind,
        input.client_words,
        input.restated,
        input.cause,
        input.remedy,
        taken.accepted,
        if taken.accepted == Some(false) { input.would_accept.as_str() } else { "" },
        taken.due_on,
        input.form_key,
    )
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(e) if crate::error::is_unique_violation(&e, "complaint_form_key_key") => return Err(AppError::Conflict),
        other => other?,
    };
    let message = ctx.fill(&ctx.fill(t.cmp_taken, "case_ref", &case_ref), "date", taken.due_on.format("%d.%m.%Y"));
    let entry = Entry {
        action: Action::ComplaintTaken,
        target: ("complaint", id),
        detail: serde_json::json!({ "case_ref": case_ref }),
    };
    saved(tx, &session, &actor, entry, &message, &format!("/complaints/{id}")).await
}

/// The rules of the form, beyond each field's own length and characters.
async fn check(
    state: &AppState,
    ctx: &PageCtx,
    input: &Input,
    visit: Option<&VisitShown>,
    errors: &mut FormErrors,
) -> Result<Option<Taken>> {
    let t = ctx.t;
    if !input.visit_id.is_empty() && visit.is_none() {
        errors.add("taken_during", t.cmp_visit_unknown);
    }
    let during = one_of(&input.taken_during, &TAKEN_DURING);
    if during.is_none() && errors.get("taken_during").is_none() {
        errors.add("taken_during", t.field_choose);
    }
    if during == Some("visit") && visit.is_none() && errors.get("taken_during").is_none() {
        errors.add("taken_during", t.cmp_visit_needed);
    }
    let wants_answer = match input.wants_answer.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        "" => None,
        _ => {
            errors.add("wants_answer", t.field_choose);
            None
        }
    };
    // Contact details only when the client wants an answer (and then they are needed).
    let (channel, contact) = match wants_answer {
        Some(true) => {
            let channel = one_of(&input.channel, &CHANNELS);
            if channel.is_none() {
                errors.add("channel", t.field_choose);
            }
            let contact = match channel {
                _ if input.contact.is_empty() => {
                    errors.add("contact", t.field_required);
                    None
                }
                Some("email") if !is_email(&input.contact) => {
                    errors.add("contact", t.cmp_email_invalid);
                    None
                }
                Some("email") => Some(input.contact.to_lowercase()),
                Some("phone") => errors.phone("contact", &input.contact, t).map(|p| p.to_string()),
                Some(_) if input.contact.chars().count() < 5 => {
                    errors.add("contact", t.cmp_address_short);
                    None
                }
                Some(_) => Some(input.contact.clone()),
                None => None,
            };
            (channel, contact)
        }
        _ => (None, None),
    };
    let about = one_of(&input.about, &ABOUT);
    if about.is_none() && !input.about.is_empty() {
        errors.add("about", t.field_choose);
    }
    let departments = department_options(&state.db).await?;
    let staff = staff_options(&state.db, None).await?;
    let kinds = case_kind_options(&state.db).await?;
    let mut about_department = errors.choice(
        "about_department_id",
        &input.about_department_id,
        |id| departments.iter().any(|d| d.department_id == id),
        t,
    );
    let mut about_staff =
        errors.choice("about_staff_id", &input.about_staff_id, |id| staff.iter().any(|s| s.staff_id == id), t);
    let about_case_kind = errors.choice(
        "about_case_kind_id",
        &input.about_case_kind_id,
        |id| kinds.iter().any(|k| k.case_kind_id == id),
        t,
    );
    match about {
        Some("visit") if visit.is_none() => errors.add("about", t.cmp_visit_needed),
        Some("visit") => {
            about_department = about_department.or(visit.map(|v| v.department_id));
            about_staff = about_staff.or(visit.and_then(|v| v.served_by));
        }
        Some("department") if about_department.is_none() => errors.add("about_department_id", t.field_choose),
        Some("employee") if about_staff.is_none() => errors.add("about_staff_id", t.field_choose),
        Some("procedure") if about_case_kind.is_none() => errors.add("about_case_kind_id", t.field_choose),
        _ => {}
    }
    let accepted = match input.accepted.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if accepted == Some(false) && input.would_accept.is_empty() {
        errors.add("would_accept", t.field_required);
    }
    let today = ctx.today();
    let latest = deadline(state, today).await?;
    let due_on = errors.date("due_on", &input.due_on, t);
    if let Some(day) = due_on {
        if day < today {
            errors.add("due_on", t.cmp_due_past);
        } else if day > latest {
            errors.add("due_on", ctx.fill(t.cmp_due_too_late, "date", latest.format("%d.%m.%Y")));
        } else {
            let calendar = crate::calendar::load(&state.db, today, latest).await?;
            if !calendar.is_working_day(day) {
                errors.add("due_on", t.callback_not_working_day);
            }
        }
    }
    Ok(match (wants_answer, due_on) {
        (Some(wants_answer), Some(due_on)) if errors.is_empty() => Some(Taken {
            visit: visit.map(|v| v.visit_id),
            wants_answer,
            channel,
            contact,
            about_department,
            about_staff,
            about_case_kind,
            accepted,
            due_on,
        }),
        _ => None,
    })
}

// ---- A resident's kiosk comment, turned into a complaint ---------------------------

/// The highest score counted as low: an answer with a score at or below it and a
/// comment may become a complaint.
pub const LOW_SCORE: i16 = 2;

/// A kiosk answer with a low score and a comment, not yet a complaint.
pub struct Candidate {
    pub survey_answer_id: Uuid,
    pub comment: String,
    pub lowest: i16,
    pub place: String,
}

/// Such answers of the month in the reader's scope (`department`: a head's own).
pub async fn candidates(
    db: &sqlx::PgPool,
    department: Option<Uuid>,
    (from, to): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
) -> sqlx::Result<Vec<Candidate>> {
    sqlx::query_as!(
        Candidate,
        r#"select a.survey_answer_id, a.comment as "comment!", min(sc.score) as "lowest!",
                  coalesce(s.full_name, k.name) as "place!"
           from survey_answer a join survey_score sc using (survey_answer_id) join kiosk k using (kiosk_id)
           left join staff s on s.staff_id = a.staff_id
           where a.comment is not null and length(a.comment) >= 3 and a.answered_at >= $1 and a.answered_at < $2
             and ($3::uuid is null or a.department_id = $3)
             and not exists (select 1 from complaint c where c.survey_answer_id = a.survey_answer_id)
           group by a.survey_answer_id, a.comment, s.full_name, k.name, a.answered_at
           having min(sc.score) <= $4
           order by a.answered_at"#,
        from,
        to,
        department,
        LOW_SCORE
    )
    .fetch_all(db)
    .await
}

/// Turns a kiosk answer with a low score and a comment into a complaint: the
/// resident is anonymous, so nobody is owed a letter, but the office answers it
/// (Std 22) in its register. About the employee rated, or the department, or the office.
pub async fn from_kiosk(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    Path(answer): Path<Uuid>,
) -> Result<Response> {
    let scope = crate::reports::Scope::of(&user).filter(|s| s.sees_comments()).ok_or(AppError::Forbidden)?;
    let row = sqlx::query!(
        r#"select a.comment, a.staff_id, a.department_id, a.answered_at,
                  (select min(score) from survey_score sc where sc.survey_answer_id = a.survey_answer_id) as lowest,
                  exists (select 1 from complaint c where c.survey_answer_id = a.survey_answer_id) as "taken!"
           from survey_answer a where a.survey_answer_id = $1"#,
        answer
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    if scope.department().is_some() && row.department_id != scope.department() {
        return Err(AppError::Forbidden);
    }
    // A second click finds it taken already.
    if row.taken {
        return Err(AppError::Conflict);
    }
    let comment = row.comment.filter(|c| c.chars().count() >= 3).ok_or(AppError::NotFound)?;
    if row.lowest.is_none_or(|l| l > LOW_SCORE) {
        return Err(AppError::NotFound);
    }
    let about = if row.staff_id.is_some() { "employee" } else { "department" };
    let due_on = deadline(&state, ctx.today()).await?;
    let mut tx = state.db.begin().await?;
    let case_ref =
        cases::next_ref(&mut tx, &state.config.bomino_symbol, &state.config.complaint_class, ctx.today().year())
            .await?;
    let id = cases::open(&mut tx, Kind::Complaint, &case_ref, user.staff_id, ctx.now).await?;
    let inserted = sqlx::query!(
        "insert into complaint (complaint_id, taken_during, survey_answer_id, wants_answer, about, about_department_id,
                                about_staff_id, client_words, due_on)
         values ($1, 'kiosk', $2, false, $3, $4, $5, $6, $7)
         on conflict (survey_answer_id) do nothing",
        id,
        answer,
        about,
        row.department_id,
        row.staff_id,
        comment,
        due_on
    )
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::Conflict);
    }
    let message = ctx.fill(&ctx.fill(ctx.t.cmp_taken, "case_ref", &case_ref), "date", due_on.format("%d.%m.%Y"));
    let entry = Entry {
        action: Action::ComplaintFromKiosk,
        target: ("complaint", id),
        detail: serde_json::json!({ "case_ref": case_ref }),
    };
    saved(tx, &session, &actor, entry, &message, &format!("/complaints/{id}")).await
}

impl NewPage {
    pub fn department_choices(&self) -> Vec<(String, String)> {
        self.departments.iter().map(|d| (d.department_id.to_string(), d.label.clone())).collect()
    }

    pub fn staff_choices(&self) -> Vec<(String, String)> {
        self.staff.iter().map(|s| (s.staff_id.to_string(), s.label.clone())).collect()
    }

    pub fn case_kind_choices(&self) -> Vec<(String, String)> {
        self.case_kinds.iter().map(|k| (k.case_kind_id.to_string(), k.label.clone())).collect()
    }
}
