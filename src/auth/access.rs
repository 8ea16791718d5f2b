//! Who may reach what: every group of roles of the office, named once. `routes.rs`
//! gives each URL one of these; handlers that narrow the scope further, the home
//! page and the menu use the same names (the menu and the home page ask the route
//! table itself, through `PageCtx::may_open`).

use super::{CurrentUser, Role};
use Role::*;

/// Who may reach a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anybody, signed in or not.
    Public,
    /// Any signed-in employee.
    Staff,
    /// A signed-in employee in this group.
    Group(Group),
}

/// Employees holding at least one of `roles`, and, when `bomino_staff`, everyone
/// working in BOMiNO (who keeps the register of authorisations and drafts them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub roles: &'static [Role],
    pub bomino_staff: bool,
}

impl Group {
    pub fn contains(&self, user: &CurrentUser) -> bool {
        self.roles.iter().any(|r| user.roles.contains(r)) || (self.bomino_staff && user.in_bomino)
    }
}

impl Access {
    pub fn allows(self, user: Option<&CurrentUser>) -> bool {
        match (self, user) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::Staff, Some(_)) => true,
            (Access::Group(group), Some(user)) => group.contains(user),
        }
    }
}

const fn roles(roles: &'static [Role]) -> Access {
    Access::Group(Group { roles, bomino_staff: false })
}

const fn roles_and_bomino(roles: &'static [Role]) -> Access {
    Access::Group(Group { roles, bomino_staff: true })
}

pub const PUBLIC: Access = Access::Public;
pub const STAFF: Access = Access::Staff;
pub const ADMIN: Access = roles(&[Admin]);
/// At a desk: serve clients.
pub const CLERK: Access = roles(&[Clerk]);
/// First contact with clients: register visits, take calls, leave the desk.
pub const FRONT: Access = roles(&[Clerk, InfoPoint]);
/// Register home-visit requests (Załącznik Nr 1).
pub const INFO_POINT: Access = roles(&[InfoPoint]);
/// Everyone who can take part in a case of the decree workflow (§5.3): the
/// information point, the director, department heads, the Secretary, the clerks
/// a head may designate, and BOMiNO, who drafts the authorisations.
pub const CASE_PARTIES: Access = roles_and_bomino(&[InfoPoint, Director, DepartmentHead, Secretary, Clerk]);
/// Heads of departments: designate for home visits, lend their staff to another's.
pub const DEPARTMENT_HEADS: Access = roles(&[DepartmentHead]);
/// Print Załącznik Nr 1 with its health data.
pub const HOME_VISIT_PRINTERS: Access = roles(&[InfoPoint, Director]);
/// The register of authorisations (§5.3.6): kept by BOMiNO, read by the director
/// and the Secretary.
pub const REGISTER_READERS: Access = roles_and_bomino(&[Director, Secretary]);
/// Oversee the front desk: absences, everyone's overdue callbacks.
pub const SUPERVISORS: Access = roles(&[Supervisor, Director]);
/// Callbacks: the front desk's own, and supervisors looking at one.
pub const CALLBACK_READERS: Access = roles(&[Clerk, InfoPoint, Supervisor, Director]);
/// Write procedure cards (department heads for their own department only).
pub const CARD_EDITORS: Access = roles(&[Admin, DepartmentHead]);
/// The office's reports (§7.4): `REPORTS_ON_EVERYONE` see everyone, department heads
/// their department (`reports::Scope` narrows it).
pub const REPORT_READERS: Access = roles(&[Supervisor, Director, Secretary, DepartmentHead]);
/// Report readers who see every employee and department.
pub const REPORTS_ON_EVERYONE: Access = roles(&[Supervisor, Director, Secretary]);
/// An employee's monthly sheet: the readers above, and a clerk their own.
pub const SHEET_READERS: Access = roles(&[Supervisor, Director, Secretary, DepartmentHead, Clerk]);
/// The supervisor's assessment of the qualitative criteria (heads: their department).
pub const ASSESSORS: Access = roles(&[Supervisor, Director, DepartmentHead]);
/// Assessors who may assess every employee (a department head: their department).
pub const ASSESS_EVERYONE: Access = roles(&[Supervisor, Director]);
/// Complaints (Std 20, 22): everyone who takes one or takes part in one (the inbox).
pub const COMPLAINT_PARTIES: Access =
    roles_and_bomino(&[Clerk, InfoPoint, Director, DepartmentHead, Secretary, Supervisor]);
/// The register of complaints, every complaint in it: the director, the Secretary, supervisors.
pub const COMPLAINT_READERS: Access = roles(&[Director, Secretary, Supervisor]);
/// The office's errors (Std 21): the director and the Secretary read every one (the
/// employee who registered one reads and updates theirs, `registers::errors`).
pub const ERROR_READERS: Access = roles(&[Director, Secretary]);
/// Gifts refused (Std 24): everyone's, for supervisors, the director and the
/// Secretary (each employee reads their own, `registers::gifts`).
pub const GIFT_READERS: Access = roles(&[Supervisor, Director, Secretary]);
/// Suggestions (§7.1): read every one, make a kiosk comment one, decide their status.
pub const SUGGESTION_KEEPERS: Access = roles(&[Supervisor, Director]);
/// The data protection officer's pages (RODO): a person's data, erasure, the register
/// of processing, who read what. Nobody else, not even the administrator.
pub const IOD: Access = roles(&[Iod]);
/// Decide the office's own days off.
pub const CALENDAR_KEEPERS: Access = roles(&[Admin, Director]);
/// Publish a new version of the office's regulation: the director answers for
/// carrying it out (§8), the Secretary oversees it (§9).
pub const REGULATION_KEEPERS: Access = roles(&[Director, Secretary]);
/// See who has confirmed the regulation in force (§11), and when.
pub const ACKNOWLEDGEMENT_READERS: Access = roles(&[Supervisor, Director, Secretary]);
/// Record the trainings staff took part in (§7.2.3); a department head for the
/// department's own staff.
pub const TRAINING_KEEPERS: Access = roles(&[Supervisor, Director, DepartmentHead]);
/// Record trainings of every employee.
pub const TRAINING_KEEPERS_OF_EVERYONE: Access = roles(&[Supervisor, Director]);

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[Role], in_bomino: bool) -> CurrentUser {
        CurrentUser {
            staff_id: uuid::Uuid::nil(),
            login: "x".into(),
            full_name: "X".into(),
            department_id: None,
            department_name: None,
            in_bomino,
            roles: roles.to_vec(),
            must_change_password: false,
            regulation_due: None,
        }
    }

    #[test]
    fn access_needs_one_of_the_roles_or_bomino_where_it_says_so() {
        assert!(!ADMIN.allows(None));
        assert!(!ADMIN.allows(Some(&user(&[Clerk], false))));
        assert!(ADMIN.allows(Some(&user(&[Clerk, Admin], false))));
        assert!(!ADMIN.allows(Some(&user(&[Clerk], true))), "BOMiNO alone opens only the groups that say so");
        assert!(REGISTER_READERS.allows(Some(&user(&[Supervisor], true))));
        assert!(!REGISTER_READERS.allows(Some(&user(&[Supervisor], false))));
        assert!(STAFF.allows(Some(&user(&[], false))));
        assert!(!STAFF.allows(None));
        assert!(PUBLIC.allows(None));
    }
}
