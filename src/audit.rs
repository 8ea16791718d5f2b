//! The append-only audit log: who, when, from where, what, on which record.
//!
//! The record is told who acted and from where (`Actor`); it knows nothing of
//! requests or sessions. `web::client_ip` makes an `Actor` of each request.

use std::net::IpAddr;

use serde_json::Value;
use uuid::Uuid;

use crate::i18n::Texts;

/// Declares every action the log knows: its code (stored), its label (shown).
macro_rules! actions {
    ($($variant:ident = $code:literal => $label:ident,)*) => {
        /// What was done. Every action written to the log is one of these, so each
        /// has words in both languages (the audit log never shows a raw code).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Action { $($variant,)* }

        impl Action {
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The code stored in `audit_event.action`.
            pub fn as_str(self) -> &'static str {
                match self { $(Action::$variant => $code,)* }
            }

            /// What the audit log says, in the reader's language.
            pub fn label(self, t: &Texts) -> &'static str {
                match self { $(Action::$variant => t.$label,)* }
            }
        }
    };
}

actions! {
    AuthSignIn = "auth.sign_in" => action_auth_sign_in,
    AuthSignInFailed = "auth.sign_in_failed" => action_auth_sign_in_failed,
    AuthSignOut = "auth.sign_out" => action_auth_sign_out,
    AuthPasswordChanged = "auth.password_changed" => action_auth_password_changed,
    AuthSecondFactorEnrolled = "auth.second_factor_enrolled" => action_auth_second_factor_enrolled,
    AuthSecondFactorFailed = "auth.second_factor_failed" => action_auth_second_factor_failed,
    AuthRecoveryCodeUsed = "auth.recovery_code_used" => action_auth_recovery_code_used,
    AuthRecoveryCodesRenewed = "auth.recovery_codes_renewed" => action_auth_recovery_codes_renewed,
    AuthSecondFactorReset = "auth.second_factor_reset" => action_auth_second_factor_reset,
    AuthSessionEnded = "auth.session_ended" => action_auth_session_ended,
    AuthOtherSessionsEnded = "auth.other_sessions_ended" => action_auth_other_sessions_ended,
    AccessDenied = "access.denied" => action_access_denied,
    CsrfRejected = "csrf.rejected" => action_csrf_rejected,
    StaffCreated = "staff.created" => action_staff_created,
    StaffUpdated = "staff.updated" => action_staff_updated,
    DepartmentCreated = "department.created" => action_department_created,
    DepartmentUpdated = "department.updated" => action_department_updated,
    DeskCreated = "desk.created" => action_desk_created,
    DeskUpdated = "desk.updated" => action_desk_updated,
    AbsenceRecorded = "absence.recorded" => action_absence_recorded,
    AssistanceAcknowledged = "assistance.acknowledged" => action_assistance_acknowledged,
    AssistanceArrived = "assistance.arrived" => action_assistance_arrived,
    AwayStarted = "away.started" => action_away_started,
    AwayEnded = "away.ended" => action_away_ended,
    CallbackCreated = "callback.created" => action_callback_created,
    CallbackRepromised = "callback.repromised" => action_callback_repromised,
    CallbackClosed = "callback.closed" => action_callback_closed,
    ClosedDayAdded = "closed_day.added" => action_closed_day_added,
    ClosedDayRemoved = "closed_day.removed" => action_closed_day_removed,
    DeskOpened = "desk.opened" => action_desk_opened,
    DeskClosed = "desk.closed" => action_desk_closed,
    ProcedureCreated = "procedure.created" => action_procedure_created,
    ProcedureUpdated = "procedure.updated" => action_procedure_updated,
    VisitRegistered = "visit.registered" => action_visit_registered,
    VisitCalled = "visit.called" => action_visit_called,
    VisitStarted = "visit.started" => action_visit_started,
    VisitDelayNoted = "visit.delay_noted" => action_visit_delay_noted,
    VisitNoShow = "visit.no_show" => action_visit_no_show,
    VisitNoShowUndone = "visit.no_show_undone" => action_visit_no_show_undone,
    VisitRecalled = "visit.recalled" => action_visit_recalled,
    VisitFinished = "visit.finished" => action_visit_finished,
    VisitRedirected = "visit.redirected" => action_visit_redirected,
    KioskCreated = "kiosk.created" => action_kiosk_created,
    KioskCodeRenewed = "kiosk.code_renewed" => action_kiosk_code_renewed,
    KioskRevoked = "kiosk.revoked" => action_kiosk_revoked,
    KioskEnrolled = "kiosk.enrolled" => action_kiosk_enrolled,
    KioskEnrolRefused = "kiosk.enrol_refused" => action_kiosk_enrol_refused,
    SurveyQuestionnaireSaved = "survey.questionnaire_saved" => action_survey_questionnaire_saved,
    AssessmentSaved = "assessment.saved" => action_assessment_saved,
    SurveyCommentsRead = "survey.comments_read" => action_survey_comments_read,
    ReportSheetViewed = "report.sheet_viewed" => action_report_sheet_viewed,
    ReportStaffListRead = "report.staff_list_read" => action_report_staff_list_read,
    HomeVisitRegistered = "home_visit.registered" => action_home_visit_registered,
    HomeVisitStep = "home_visit.step" => action_home_visit_step,
    HomeVisitReasonViewed = "home_visit.reason_viewed" => action_home_visit_reason_viewed,
    HomeVisitPeselViewed = "home_visit.pesel_viewed" => action_home_visit_pesel_viewed,
    HomeVisitAttachmentPrinted = "home_visit.attachment_printed" => action_home_visit_attachment_printed,
    HomeVisitLoanAsked = "home_visit.loan_asked" => action_home_visit_loan_asked,
    HomeVisitLoanAnswered = "home_visit.loan_answered" => action_home_visit_loan_answered,
    // Complaints (Std 20, 22)
    ComplaintTaken = "complaint.taken" => action_complaint_taken,
    ComplaintFromKiosk = "complaint.from_kiosk" => action_complaint_from_kiosk,
    ComplaintStep = "complaint.step" => action_complaint_step,
    OfficeErrorRegistered = "office_error.registered" => action_office_error_registered,
    OfficeErrorClientAdded = "office_error.client_added" => action_office_error_client_added,
    OfficeErrorClientInformed = "office_error.client_informed" => action_office_error_client_informed,
    OfficeErrorRemedyDone = "office_error.remedy_done" => action_office_error_remedy_done,
    OfficeErrorClosed = "office_error.closed" => action_office_error_closed,
    RegisterExported = "register.exported" => action_register_exported,
    GiftRefusalRecorded = "gift_refusal.recorded" => action_gift_refusal_recorded,
    SuggestionSubmitted = "suggestion.submitted" => action_suggestion_submitted,
    SuggestionFromComment = "suggestion.from_comment" => action_suggestion_from_comment,
    SuggestionStatusChanged = "suggestion.status_changed" => action_suggestion_status_changed,
    RegulationVersionAdded = "regulation.version_added" => action_regulation_version_added,
    RegulationConfirmed = "regulation.confirmed" => action_regulation_confirmed,
    TrainingRecorded = "training.recorded" => action_training_recorded,
    TrainingUpdated = "training.updated" => action_training_updated,
    IodPersonSearched = "iod.person_searched" => action_iod_person_searched,
    IodPersonExported = "iod.person_exported" => action_iod_person_exported,
    IodPersonErased = "iod.person_erased" => action_iod_person_erased,
    HomeVisitPeselSearched = "home_visit.pesel_searched" => action_home_visit_pesel_searched,
    DataAnonymised = "personal_data.anonymised" => action_data_anonymised,
    DataKeysRotated = "personal_data.keys_rotated" => action_data_keys_rotated,
}

impl Action {
    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == code)
    }
}

/// Who is acting and from where; handlers add what they did.
#[derive(Clone, Debug)]
pub struct Actor {
    pub staff_id: Option<Uuid>,
    pub login: Option<String>,
    pub ip: IpAddr,
    pub request_id: Option<String>,
}

impl Actor {
    /// Somebody not (yet) known to be an employee, at this address.
    pub fn anonymous(ip: IpAddr, request_id: Option<String>) -> Actor {
        Actor { staff_id: None, login: None, ip, request_id }
    }

    /// The same request, now known to be this employee (after sign-in).
    pub fn as_staff(&self, staff_id: Uuid, login: &str) -> Actor {
        Actor { staff_id: Some(staff_id), login: Some(login.to_owned()), ..self.clone() }
    }

    pub async fn record(
        &self,
        db: impl sqlx::PgExecutor<'_>,
        action: Action,
        target: Option<(&str, String)>,
        detail: Value,
    ) -> sqlx::Result<()> {
        let (target_type, target_id) = target.unzip();
        sqlx::query!(
            "insert into audit_event (actor_id, actor_login, ip, action, target_type, target_id, detail, request_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
            self.staff_id,
            self.login,
            ipnet::IpNet::from(self.ip),
            action.as_str(),
            target_type,
            target_id,
            detail,
            self.request_id,
        )
        .execute(db)
        .await?;
        Ok(())
    }
}
