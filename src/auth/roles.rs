//! The roles of the office: pracownik BOM (clerk), Punkt Informacyjny, dyrektor
//! BOMiNO, kierownik komórki (department head), Sekretarz Miasta, przełożony
//! (supervisor, §7.4), the administrator and the data protection officer (inspektor
//! ochrony danych, RODO Art. 37-39). An employee may hold several.

use serde::{Deserialize, Serialize};

use crate::i18n::Texts;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Clerk,
    InfoPoint,
    Director,
    DepartmentHead,
    Secretary,
    Supervisor,
    Admin,
    /// Inspektor ochrony danych: a person's data on request (Art. 15, 17), the
    /// register of processing (Art. 30), who read what.
    Iod,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Clerk,
        Role::InfoPoint,
        Role::Director,
        Role::DepartmentHead,
        Role::Secretary,
        Role::Supervisor,
        Role::Admin,
        Role::Iod,
    ];

    /// The name stored in the database and used as the demo login.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::InfoPoint => "info_point",
            Role::Director => "director",
            Role::DepartmentHead => "department_head",
            Role::Secretary => "secretary",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Iod => "iod",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Role::Clerk => t.role_clerk,
            Role::InfoPoint => t.role_info_point,
            Role::Director => t.role_director,
            Role::DepartmentHead => t.role_department_head,
            Role::Secretary => t.role_secretary,
            Role::Supervisor => t.role_supervisor,
            Role::Admin => t.role_admin,
            Role::Iod => t.role_iod,
        }
    }

    pub fn duty(self, t: &Texts) -> &'static str {
        match self {
            Role::Clerk => t.duty_clerk,
            Role::InfoPoint => t.duty_info_point,
            Role::Director => t.duty_director,
            Role::DepartmentHead => t.duty_department_head,
            Role::Secretary => t.duty_secretary,
            Role::Supervisor => t.duty_supervisor,
            Role::Admin => t.duty_admin,
            Role::Iod => t.duty_iod,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_database_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
