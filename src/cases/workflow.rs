//! The decree workflow as data: the states and steps every kind of case shares (an
//! enum in Rust and in PostgreSQL), the parties of a case, and each kind's table of
//! transitions. Pure functions answer "may this person take this step now" and
//! "whose turn is it"; nothing else in Okienko decides either.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{CurrentUser, Role};

/// The kinds of case that travel through the workflow (PostgreSQL `case_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "case_type", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// §5.3, Załącznik Nr 1: an official's visit to a client who cannot come.
    HomeVisit,
    /// Std 20, 22: a client's complaint, answered within the KPA deadline.
    Complaint,
}

/// Where a case stands (PostgreSQL `case_state`). Each kind uses the states its
/// table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "case_state", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Registered by the information point; decreed to the BOMiNO director.
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
    /// A complaint: the department's head named who answers it.
    Assigned,
    /// A complaint: the answer was given; closed.
    Answered,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Registered,
        State::Decreed,
        State::Scheduled,
        State::Drafted,
        State::Authorised,
        State::Visited,
        State::Cancelled,
        State::Assigned,
        State::Answered,
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
            State::Assigned => "assigned",
            State::Answered => "answered",
        }
    }

    /// A closed case takes no step and waits for nobody.
    pub fn is_closed(self) -> bool {
        matches!(self, State::Visited | State::Cancelled | State::Answered)
    }
}

/// A step of the workflow (PostgreSQL `case_step`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "case_step", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The case was registered (the first line of its history).
    Register,
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
    /// Head of that department: who answers a complaint.
    Assign,
    /// The employee named: the complaint's answer was given.
    Answer,
}

impl Step {
    /// The steps a person can take (registering is not one: it makes the case).
    pub const TAKEN: [Step; 12] = [
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
        Step::Assign,
        Step::Answer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Register => "register",
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
            Step::Assign => "assign",
            Step::Answer => "answer",
        }
    }

    /// A step as named in a URL (`/home-visits/{id}/steps/decree`).
    pub fn parse(s: &str) -> Option<Step> {
        Step::TAKEN.into_iter().find(|st| st.as_str() == s)
    }

    /// Steps whose note is required: a decree carries an instruction, as on paper;
    /// sending back and cancelling carry the reason.
    pub fn needs_note(self) -> bool {
        matches!(self, Step::Decree | Step::SendBack | Step::Cancel)
    }

    /// A way out of the ordinary course (back, or cancelled): taking it is open to
    /// someone, but the case does not wait for it.
    pub fn is_exit(self) -> bool {
        matches!(self, Step::SendBack | Step::Cancel)
    }
}

/// Who takes part in a case, as the regulation names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Party {
    /// The BOMiNO director.
    Director,
    /// The head of the department the case is decreed to.
    Head,
    /// The BOMiNO employee the director passed the case to.
    Drafter,
    /// The City Secretary.
    Secretary,
    /// An employee named on the case (who visits, who answers).
    Designated,
    /// The information point, where cases are registered.
    InfoPoint,
}

/// The people a case names, kept with it (PostgreSQL `case_part`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(type_name = "case_part", rename_all = "snake_case")]
pub enum Part {
    Drafter,
    Designated,
}

/// A condition on the people named, besides the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    Always,
    /// Nobody is named in this part yet (the director passes a case on once).
    NoOneAs(Part),
    /// Somebody is named in this part.
    SomeoneAs(Part),
}

/// One row of a kind's table: in state `from`, `step` by one of `by` leads to `to`.
#[derive(Clone, Copy, Debug)]
pub struct Transition {
    pub from: State,
    pub step: Step,
    pub to: State,
    pub by: &'static [Party],
    pub when: Guard,
}

/// A kind of case declared as data.
pub struct Workflow {
    pub kind: Kind,
    pub transitions: &'static [Transition],
}

impl Kind {
    /// This kind's table of transitions.
    pub fn workflow(self) -> &'static Workflow {
        match self {
            Kind::HomeVisit => &HOME_VISITS,
            Kind::Complaint => &COMPLAINTS,
        }
    }
}

const fn row(from: State, step: Step, to: State, by: &'static [Party]) -> Transition {
    Transition { from, step, to, by, when: Guard::Always }
}

const CANCEL_BY: &[Party] = &[Party::Director, Party::InfoPoint];

/// The home visit of §5.3 of the Piotrków regulation: the director decrees the
/// request to the competent department, whose head names the employees and the
/// date; the director passes it to a BOMiNO employee who drafts one authorisation
/// per employee; the Secretary signs them; the employees record the visit. Sent back one step by whoever acts at the
/// current one; cancelled by the director or the information point while open.
pub const HOME_VISITS: Workflow = Workflow {
    kind: Kind::HomeVisit,
    transitions: &[
        row(State::Registered, Step::Decree, State::Decreed, &[Party::Director]),
        row(State::Decreed, Step::Schedule, State::Scheduled, &[Party::Head]),
        Transition {
            when: Guard::NoOneAs(Part::Drafter),
            ..row(State::Scheduled, Step::AssignDrafter, State::Scheduled, &[Party::Director])
        },
        Transition {
            when: Guard::SomeoneAs(Part::Drafter),
            ..row(State::Scheduled, Step::Draft, State::Drafted, &[Party::Drafter])
        },
        row(State::Drafted, Step::Sign, State::Authorised, &[Party::Secretary]),
        row(State::Authorised, Step::RecordDone, State::Visited, &[Party::Designated]),
        row(State::Authorised, Step::RecordAbsent, State::Visited, &[Party::Designated]),
        row(State::Authorised, Step::RecordRescheduled, State::Decreed, &[Party::Designated]),
        row(State::Decreed, Step::SendBack, State::Registered, &[Party::Head]),
        row(State::Scheduled, Step::SendBack, State::Decreed, &[Party::Director]),
        row(State::Drafted, Step::SendBack, State::Scheduled, &[Party::Secretary]),
        row(State::Registered, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Decreed, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Scheduled, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Drafted, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Authorised, Step::Cancel, State::Cancelled, CANCEL_BY),
    ],
};

/// A complaint (Std 20, 22): the director decrees it to the competent department,
/// whose head names the employee who answers; the answer closes it. Sent back one
/// step by whoever acts at the current one; cancelled (the client withdrew it) by the
/// director or the information point while open.
pub const COMPLAINTS: Workflow = Workflow {
    kind: Kind::Complaint,
    transitions: &[
        row(State::Registered, Step::Decree, State::Decreed, &[Party::Director]),
        row(State::Decreed, Step::Assign, State::Assigned, &[Party::Head]),
        row(State::Assigned, Step::Answer, State::Answered, &[Party::Designated]),
        row(State::Decreed, Step::SendBack, State::Registered, &[Party::Head]),
        row(State::Assigned, Step::SendBack, State::Decreed, &[Party::Designated]),
        row(State::Registered, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Decreed, Step::Cancel, State::Cancelled, CANCEL_BY),
        row(State::Assigned, Step::Cancel, State::Cancelled, CANCEL_BY),
    ],
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The step does not exist in this state (the case moved on, or never got there).
    WrongState,
    /// The state is right but this person may not take the step.
    NotYours,
    /// The people named do not allow it (passed on already, or to nobody yet).
    Guarded,
}

/// What the workflow needs to know about a case: its department and the people on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub department_id: Option<Uuid>,
    pub registered_by: Option<Uuid>,
    /// (staff, part) of everyone named on the case.
    pub people: Vec<(Uuid, Part)>,
}

impl Facts {
    pub fn named(&self, part: Part) -> bool {
        self.people.iter().any(|(_, p)| *p == part)
    }

    /// The parts that have somebody in them.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        for (_, part) in &self.people {
            if !parts.contains(part) {
                parts.push(*part);
            }
        }
        parts
    }

    pub fn is(&self, staff_id: Uuid, part: Part) -> bool {
        self.people.iter().any(|(s, p)| *s == staff_id && *p == part)
    }
}

/// The parties this employee is in a case with these facts.
pub fn parties_of(user: &CurrentUser, facts: &Facts) -> Vec<Party> {
    let heads =
        user.has(Role::DepartmentHead) && facts.department_id.is_some() && user.department_id == facts.department_id;
    [
        (Party::Director, user.has(Role::Director)),
        (Party::Head, heads),
        (Party::Drafter, facts.is(user.staff_id, Part::Drafter)),
        (Party::Secretary, user.has(Role::Secretary)),
        (Party::Designated, facts.is(user.staff_id, Part::Designated)),
        (Party::InfoPoint, user.has(Role::InfoPoint)),
    ]
    .into_iter()
    .filter_map(|(party, is)| is.then_some(party))
    .collect()
}

fn holds(guard: Guard, named: &[Part]) -> bool {
    match guard {
        Guard::Always => true,
        Guard::NoOneAs(part) => !named.contains(&part),
        Guard::SomeoneAs(part) => named.contains(&part),
    }
}

impl Workflow {
    /// The state after `step`, or why `who` may not take it now. `named` are the
    /// parts of the case that have somebody in them.
    pub fn next_state(&self, state: State, step: Step, who: &[Party], named: &[Part]) -> Result<State, Refusal> {
        let row = self.transitions.iter().find(|t| t.from == state && t.step == step).ok_or(Refusal::WrongState)?;
        if !row.by.iter().any(|p| who.contains(p)) {
            return Err(Refusal::NotYours);
        }
        if !holds(row.when, named) {
            return Err(Refusal::Guarded);
        }
        Ok(row.to)
    }

    /// The steps `who` may take now.
    pub fn steps_open(&self, state: State, who: &[Party], named: &[Part]) -> Vec<Step> {
        self.transitions
            .iter()
            .filter(|t| t.from == state && self.next_state(state, t.step, who, named).is_ok())
            .map(|t| t.step)
            .collect()
    }

    /// Whose turn it is: the parties who can move the case on from `state` (a way
    /// out, back or cancelled, is open to some but the case does not wait for it).
    pub fn waiting_for(&self, state: State, named: &[Part]) -> Vec<Party> {
        let mut parties = Vec::new();
        for t in self.transitions.iter().filter(|t| t.from == state && !t.step.is_exit() && holds(t.when, named)) {
            for party in t.by {
                if !parties.contains(party) {
                    parties.push(*party);
                }
            }
        }
        parties
    }

    /// Whether the case waits for this person.
    pub fn waits_for(&self, state: State, facts: &Facts, user: &CurrentUser) -> bool {
        let who = parties_of(user, facts);
        self.waiting_for(state, &facts.parts()).iter().any(|p| who.contains(p))
    }
}

/// Stuck: open and in the same state for `after` working days or more, counted from
/// the day it got there to `today` (the `STUCK_AFTER_WORKING_DAYS` rule).
pub fn is_stuck(
    state: State,
    since: chrono::NaiveDate,
    today: chrono::NaiveDate,
    calendar: &crate::calendar::Calendar,
    after: u32,
) -> bool {
    !state.is_closed() && calendar.working_days_between(since, today) >= after
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOW: Workflow = Workflow {
        kind: Kind::HomeVisit,
        transitions: &[
            Transition {
                from: State::Registered,
                step: Step::Decree,
                to: State::Decreed,
                by: &[Party::Director],
                when: Guard::Always,
            },
            Transition {
                from: State::Decreed,
                step: Step::Schedule,
                to: State::Scheduled,
                by: &[Party::Head],
                when: Guard::NoOneAs(Part::Drafter),
            },
            Transition {
                from: State::Decreed,
                step: Step::Cancel,
                to: State::Cancelled,
                by: &[Party::Director, Party::InfoPoint],
                when: Guard::Always,
            },
        ],
    };

    /// The home visit's table as the regulation describes it: (from, step, to, who may take it).
    const EXPECTED: &[(State, Step, State, &str)] = &[
        (State::Registered, Step::Decree, State::Decreed, "director"),
        (State::Decreed, Step::Schedule, State::Scheduled, "head"),
        (State::Scheduled, Step::AssignDrafter, State::Scheduled, "director"),
        (State::Scheduled, Step::Draft, State::Drafted, "drafter"),
        (State::Drafted, Step::Sign, State::Authorised, "secretary"),
        (State::Authorised, Step::RecordDone, State::Visited, "designated"),
        (State::Authorised, Step::RecordAbsent, State::Visited, "designated"),
        (State::Authorised, Step::RecordRescheduled, State::Decreed, "designated"),
        (State::Decreed, Step::SendBack, State::Registered, "head"),
        (State::Scheduled, Step::SendBack, State::Decreed, "director"),
        (State::Drafted, Step::SendBack, State::Scheduled, "secretary"),
        (State::Registered, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Decreed, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Scheduled, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Drafted, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Authorised, Step::Cancel, State::Cancelled, "director|info_point"),
    ];

    const PEOPLE: [(&str, Party); 6] = [
        ("director", Party::Director),
        ("secretary", Party::Secretary),
        ("info_point", Party::InfoPoint),
        ("head", Party::Head),
        ("drafter", Party::Drafter),
        ("designated", Party::Designated),
    ];

    #[test]
    fn every_state_step_and_person_of_a_home_visit_gives_the_expected_answer() {
        for state in State::ALL {
            for step in Step::TAKEN {
                let row = EXPECTED.iter().find(|(s, st, _, _)| *s == state && *st == step);
                for (name, party) in PEOPLE {
                    // A drafter is named exactly when drafting needs one.
                    let named: &[Part] = if step == Step::Draft { &[Part::Drafter] } else { &[] };
                    let got = HOME_VISITS.next_state(state, step, &[party], named);
                    let want = match row {
                        None => Err(Refusal::WrongState),
                        Some((_, _, to, who)) if who.split('|').any(|w| w == name) => Ok(*to),
                        Some(_) => Err(Refusal::NotYours),
                    };
                    assert_eq!(got, want, "{state:?} --{step:?}--> as {name}");
                }
            }
        }
    }

    /// The complaint's table as Std 20-22 and the decree workflow describe it.
    const COMPLAINT_EXPECTED: &[(State, Step, State, &str)] = &[
        (State::Registered, Step::Decree, State::Decreed, "director"),
        (State::Decreed, Step::Assign, State::Assigned, "head"),
        (State::Assigned, Step::Answer, State::Answered, "designated"),
        (State::Decreed, Step::SendBack, State::Registered, "head"),
        (State::Assigned, Step::SendBack, State::Decreed, "designated"),
        (State::Registered, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Decreed, Step::Cancel, State::Cancelled, "director|info_point"),
        (State::Assigned, Step::Cancel, State::Cancelled, "director|info_point"),
    ];

    #[test]
    fn every_state_step_and_person_of_a_complaint_gives_the_expected_answer() {
        for state in State::ALL {
            for step in Step::TAKEN {
                let row = COMPLAINT_EXPECTED.iter().find(|(s, st, _, _)| *s == state && *st == step);
                for (name, party) in PEOPLE {
                    for named in [&[][..], &[Part::Designated][..]] {
                        let got = COMPLAINTS.next_state(state, step, &[party], named);
                        let want = match row {
                            None => Err(Refusal::WrongState),
                            Some((_, _, to, who)) if who.split('|').any(|w| w == name) => Ok(*to),
                            Some(_) => Err(Refusal::NotYours),
                        };
                        assert_eq!(got, want, "{state:?} --{step:?}--> as {name} with {named:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_complaint_waits_for_one_person_at_each_step_and_for_nobody_once_answered() {
        let waits = |state, named: &[Part]| COMPLAINTS.waiting_for(state, named);
        assert_eq!(waits(State::Registered, &[]), [Party::Director]);
        assert_eq!(waits(State::Decreed, &[]), [Party::Head]);
        assert_eq!(waits(State::Assigned, &[Part::Designated]), [Party::Designated]);
        for closed in [State::Answered, State::Cancelled] {
            assert!(closed.is_closed());
            assert!(waits(closed, &[Part::Designated]).is_empty());
        }
    }

    #[test]
    fn the_home_visit_table_knows_no_complaint_step_and_the_other_way_round() {
        let everyone: Vec<Party> = PEOPLE.iter().map(|(_, p)| *p).collect();
        for state in State::ALL {
            for step in [Step::Assign, Step::Answer] {
                assert_eq!(HOME_VISITS.next_state(state, step, &everyone, &[Part::Drafter]), Err(Refusal::WrongState));
            }
            for step in [Step::Schedule, Step::AssignDrafter, Step::Draft, Step::Sign, Step::RecordDone] {
                assert_eq!(COMPLAINTS.next_state(state, step, &everyone, &[Part::Drafter]), Err(Refusal::WrongState));
            }
        }
        assert_eq!(Kind::Complaint.workflow().kind, Kind::Complaint);
    }

    #[test]
    fn closed_home_visits_take_no_step_at_all() {
        let everyone: Vec<Party> = PEOPLE.iter().map(|(_, p)| *p).collect();
        for state in [State::Visited, State::Cancelled] {
            for step in Step::TAKEN {
                assert_eq!(HOME_VISITS.next_state(state, step, &everyone, &[Part::Drafter]), Err(Refusal::WrongState));
            }
        }
    }

    #[test]
    fn drafting_needs_the_director_to_have_passed_it_on_first_and_only_once() {
        let (scheduled, drafter, director) = (State::Scheduled, [Party::Drafter], [Party::Director]);
        assert_eq!(HOME_VISITS.next_state(scheduled, Step::Draft, &drafter, &[]), Err(Refusal::Guarded));
        assert_eq!(
            HOME_VISITS.next_state(scheduled, Step::AssignDrafter, &director, &[Part::Drafter]),
            Err(Refusal::Guarded)
        );
        assert_eq!(HOME_VISITS.next_state(scheduled, Step::AssignDrafter, &director, &[]), Ok(scheduled));
    }

    #[test]
    fn a_home_visit_waits_for_one_person_at_each_step() {
        let waits = |state, named: &[Part]| HOME_VISITS.waiting_for(state, named);
        assert_eq!(waits(State::Registered, &[]), [Party::Director]);
        assert_eq!(waits(State::Decreed, &[]), [Party::Head]);
        assert_eq!(waits(State::Scheduled, &[]), [Party::Director]);
        assert_eq!(waits(State::Scheduled, &[Part::Drafter]), [Party::Drafter]);
        assert_eq!(waits(State::Drafted, &[Part::Drafter]), [Party::Secretary]);
        assert_eq!(waits(State::Authorised, &[Part::Drafter, Part::Designated]), [Party::Designated]);
        assert!(waits(State::Visited, &[]).is_empty() && waits(State::Cancelled, &[]).is_empty());
    }

    #[test]
    fn only_decrees_send_backs_and_cancellations_require_a_note() {
        let with_note: Vec<Step> = Step::TAKEN.into_iter().filter(|s| s.needs_note()).collect();
        assert_eq!(with_note, vec![Step::Decree, Step::SendBack, Step::Cancel]);
        for step in Step::TAKEN {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
    }

    #[test]
    fn a_step_needs_its_state_then_its_party_then_its_guard() {
        let head = [Party::Head];
        assert_eq!(FLOW.next_state(State::Decreed, Step::Schedule, &head, &[]), Ok(State::Scheduled));
        assert_eq!(FLOW.next_state(State::Registered, Step::Schedule, &head, &[]), Err(Refusal::WrongState));
        assert_eq!(FLOW.next_state(State::Decreed, Step::Schedule, &[Party::Director], &[]), Err(Refusal::NotYours));
        assert_eq!(FLOW.next_state(State::Decreed, Step::Schedule, &head, &[Part::Drafter]), Err(Refusal::Guarded));
    }

    #[test]
    fn a_case_waits_for_whoever_moves_it_on_not_for_who_may_cancel_it() {
        assert_eq!(FLOW.waiting_for(State::Decreed, &[]), vec![Party::Head]);
        assert_eq!(FLOW.waiting_for(State::Decreed, &[Part::Drafter]), Vec::<Party>::new());
        assert_eq!(FLOW.steps_open(State::Decreed, &[Party::InfoPoint], &[]), vec![Step::Cancel]);
    }

    fn user(roles: &[Role], department: Option<Uuid>) -> CurrentUser {
        CurrentUser {
            staff_id: Uuid::from_u128(7),
            login: "x".into(),
            full_name: "X".into(),
            department_id: department,
            department_name: None,
            in_bomino: false,
            roles: roles.to_vec(),
            must_change_password: false,
            regulation_due: None,
        }
    }

    #[test]
    fn the_head_is_a_party_only_of_cases_decreed_to_their_department() {
        let fp = Some(Uuid::from_u128(1));
        let facts = Facts { department_id: fp, ..Facts::default() };
        assert_eq!(parties_of(&user(&[Role::DepartmentHead], fp), &facts), vec![Party::Head]);
        assert!(parties_of(&user(&[Role::DepartmentHead], Some(Uuid::from_u128(2))), &facts).is_empty());
        let named = Facts { people: vec![(Uuid::from_u128(7), Part::Designated)], ..Facts::default() };
        assert_eq!(parties_of(&user(&[Role::Clerk], None), &named), vec![Party::Designated]);
    }

    #[test]
    fn stuck_counts_working_days_of_open_cases_only() {
        let calendar = crate::calendar::Calendar::statutory_only();
        let friday = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let tuesday = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(is_stuck(State::Decreed, friday, tuesday, &calendar, 2));
        assert!(!is_stuck(State::Decreed, friday, tuesday, &calendar, 3));
        assert!(!is_stuck(State::Cancelled, friday, tuesday, &calendar, 2));
    }
}
