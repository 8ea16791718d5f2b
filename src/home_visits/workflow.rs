//! The BOMiNO decree workflow of §5.3 as one explicit state machine: every step names
//! the role that may take it and its guard; handlers only ask `next_state`.

use serde::{Deserialize, Serialize};

use crate::auth::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Załącznik Nr 1 filled in; decreed to the BOMiNO director.
    Registered,
    /// The director decreed it to the competent department.
    Decreed,
    /// The department head named the employees and the date.
    Scheduled,
    /// A BOMiNO employee drafted the named authorisations.
    Drafted,
    /// The City Secretary signed them; they are in the register.
    Authorised,
    /// The visit took place (or the client was not at home): closed.
    Visited,
    /// The client withdrew or can come after all: closed.
    Cancelled,
}

impl State {
    pub const ALL: [State; 7] = [
        State::Registered,
        State::Decreed,
        State::Scheduled,
        State::Drafted,
        State::Authorised,
        State::Visited,
        State::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Registered => "registered",
            State::Decreed => "decreed",
            State::Scheduled => "scheduled",
            State::Drafted => "drafted",
            State::Authorised => "authorised",
            State::Visited => "visited",
            State::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn is_closed(self) -> bool {
        matches!(self, State::Visited | State::Cancelled)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Director: to the competent department, with an instruction.
    Decree,
    /// Head of that department: employees and date.
    Schedule,
    /// Director: to a BOMiNO employee who will draft the authorisations.
    AssignDrafter,
    /// That BOMiNO employee: one named authorisation per designated employee.
    Draft,
    /// City Secretary: sign, entering the register.
    Sign,
    /// A designated employee: the visit was made.
    RecordDone,
    /// A designated employee: nobody was at home; closed.
    RecordAbsent,
    /// A designated employee: the visit must be moved; back to scheduling.
    RecordRescheduled,
    /// Back one step, with a reason, by whoever acts at the current step.
    SendBack,
    /// The client withdrew or can come after all.
    Cancel,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Decree,
        Step::Schedule,
        Step::AssignDrafter,
        Step::Draft,
        Step::Sign,
        Step::RecordDone,
        Step::RecordAbsent,
        Step::RecordRescheduled,
        Step::SendBack,
        Step::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Decree => "decree",
            Step::Schedule => "schedule",
            Step::AssignDrafter => "assign_drafter",
            Step::Draft => "draft",
            Step::Sign => "sign",
            Step::RecordDone => "record_done",
            Step::RecordAbsent => "record_absent",
            Step::RecordRescheduled => "record_rescheduled",
            Step::SendBack => "send_back",
            Step::Cancel => "cancel",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Steps whose note is required: a decree carries an instruction, as on paper;
    /// sending back and cancelling carry the reason.
    pub fn needs_note(self) -> bool {
        matches!(self, Step::Decree | Step::SendBack | Step::Cancel)
    }
}

/// What the guard needs to know about the person acting and the request.
#[derive(Clone, Copy, Debug)]
pub struct Actor {
    pub is_director: bool,
    pub is_secretary: bool,
    pub is_info_point: bool,
    /// Department head of the department the request is decreed to.
    pub heads_the_department: bool,
    /// The BOMiNO employee the director passed the request to.
    pub is_drafter: bool,
    /// One of the employees named in the schedule.
    pub is_designated: bool,
}

impl Actor {
    pub fn new(roles: &[Role]) -> Actor {
        Actor {
            is_director: roles.contains(&Role::Director),
            is_secretary: roles.contains(&Role::Secretary),
            is_info_point: roles.contains(&Role::InfoPoint),
            heads_the_department: false,
            is_drafter: false,
            is_designated: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The step does not exist in this state (the request moved on, or never got there).
    WrongState,
    /// The state is right but this person may not take the step.
    NotYours,
    /// AssignDrafter was taken already / Draft without an assigned drafter.
    NoDrafter,
}

/// The state after `step`, or why it may not be taken. `has_drafter` tells whether
/// the director already passed a scheduled request to a BOMiNO employee.
pub fn next_state(state: State, step: Step, who: Actor, has_drafter: bool) -> Result<State, Refusal> {
    use State::*;
    use Step::*;
    let (to, allowed) = match (state, step) {
        (Registered, Decree) => (Decreed, who.is_director),
        (Decreed, Schedule) => (Scheduled, who.heads_the_department),
        (Scheduled, AssignDrafter) => (Scheduled, who.is_director),
        (Scheduled, Draft) => (Drafted, who.is_drafter),
        (Drafted, Sign) => (Authorised, who.is_secretary),
        (Authorised, RecordDone) | (Authorised, RecordAbsent) => (Visited, who.is_designated),
        (Authorised, RecordRescheduled) => (Decreed, who.is_designated),
        // Back one step, by whoever acts at the current step.
        (Decreed, SendBack) => (Registered, who.heads_the_department),
        (Scheduled, SendBack) => (Decreed, who.is_director),
        (Drafted, SendBack) => (Scheduled, who.is_secretary),
        (s, Cancel) if !s.is_closed() => (Cancelled, who.is_director || who.is_info_point),
        _ => return Err(Refusal::WrongState),
    };
    if !allowed {
        return Err(Refusal::NotYours);
    }
    match step {
        AssignDrafter if has_drafter => Err(Refusal::NoDrafter),
        Draft if !has_drafter => Err(Refusal::NoDrafter),
        _ => Ok(to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;
    use Step::*;

    fn everyone() -> Actor {
        Actor {
            is_director: true,
            is_secretary: true,
            is_info_point: true,
            heads_the_department: true,
            is_drafter: true,
            is_designated: true,
        }
    }

    fn nobody() -> Actor {
        Actor::new(&[])
    }

    /// The table the regulation describes: (from, step, to, who may take it).
    const EXPECTED: &[(State, Step, State, &str)] = &[
        (Registered, Decree, Decreed, "director"),
        (Decreed, Schedule, Scheduled, "head"),
        (Scheduled, AssignDrafter, Scheduled, "director"),
        (Scheduled, Draft, Drafted, "drafter"),
        (Drafted, Sign, Authorised, "secretary"),
        (Authorised, RecordDone, Visited, "designated"),
        (Authorised, RecordAbsent, Visited, "designated"),
        (Authorised, RecordRescheduled, Decreed, "designated"),
        (Decreed, SendBack, Registered, "head"),
        (Scheduled, SendBack, Decreed, "director"),
        (Drafted, SendBack, Scheduled, "secretary"),
        (Registered, Cancel, Cancelled, "director|info_point"),
        (Decreed, Cancel, Cancelled, "director|info_point"),
        (Scheduled, Cancel, Cancelled, "director|info_point"),
        (Drafted, Cancel, Cancelled, "director|info_point"),
        (Authorised, Cancel, Cancelled, "director|info_point"),
    ];

    fn only(who: &str) -> Actor {
        let mut a = nobody();
        match who {
            "director" => a.is_director = true,
            "secretary" => a.is_secretary = true,
            "info_point" => a.is_info_point = true,
            "head" => a.heads_the_department = true,
            "drafter" => a.is_drafter = true,
            "designated" => a.is_designated = true,
            _ => unreachable!("{who}"),
        }
        a
    }

    const PEOPLE: [&str; 6] = ["director", "secretary", "info_point", "head", "drafter", "designated"];

    #[test]
    fn every_state_step_and_person_gives_the_expected_answer() {
        for state in State::ALL {
            for step in Step::ALL {
                let row = EXPECTED.iter().find(|(s, st, _, _)| *s == state && *st == step);
                for person in PEOPLE {
                    // A drafter is assigned exactly when drafting needs one.
                    let has_drafter = step == Draft;
                    let got = next_state(state, step, only(person), has_drafter);
                    let want = match row {
                        None => Err(Refusal::WrongState),
                        Some((_, _, to, who)) if who.split('|').any(|w| w == person) => Ok(*to),
                        Some(_) => Err(Refusal::NotYours),
                    };
                    assert_eq!(got, want, "{state:?} --{step:?}--> as {person}");
                }
            }
        }
    }

    #[test]
    fn closed_requests_take_no_step_at_all() {
        for state in [Visited, Cancelled] {
            for step in Step::ALL {
                assert_eq!(next_state(state, step, everyone(), true), Err(Refusal::WrongState));
            }
        }
    }

    #[test]
    fn drafting_needs_the_director_to_have_passed_it_on_first_and_only_once() {
        assert_eq!(next_state(Scheduled, Draft, only("drafter"), false), Err(Refusal::NoDrafter));
        assert_eq!(next_state(Scheduled, AssignDrafter, only("director"), true), Err(Refusal::NoDrafter));
        assert_eq!(next_state(Scheduled, AssignDrafter, only("director"), false), Ok(Scheduled));
    }

    #[test]
    fn only_decrees_send_backs_and_cancellations_require_a_note() {
        let with_note: Vec<Step> = Step::ALL.into_iter().filter(|s| s.needs_note()).collect();
        assert_eq!(with_note, vec![Decree, SendBack, Cancel]);
    }

    #[test]
    fn names_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.as_str()), Some(s));
        }
    }
}
