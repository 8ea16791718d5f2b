//! The supervisors' reports (§7.4): the office today, each employee's monthly
//! sheet, trends and comparisons between departments, with CSV and XLSX exports.
//!
//! Who sees what: supervisors, the director and the City Secretary see everyone;
//! a department head sees their own department; a clerk sees their own sheet.
//! Each page's module (`today`, `staff`, `sheet`, `trends`, `comments`) reads its
//! figures from the records (visits, desk sessions, away notices, callbacks, survey
//! answers) with the shared definitions of `figures`, `stats` and `presence`, so
//! that each can be checked by hand; `page` holds what the pages share.

pub mod chart;
pub mod comments;
pub mod figures;
pub mod page;
pub mod presence;
pub mod sheet;
pub mod staff;
pub mod stats;
pub mod today;
pub mod trends;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::auth::access::REPORTS_ON_EVERYONE;
use crate::auth::{CurrentUser, Role};
use crate::calendar::start_of_day;
use crate::i18n::Texts;

/// Whose figures a reader may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Supervisors, the director, the City Secretary.
    All,
    /// A department head: the staff and visits of their department.
    Department(Uuid),
    /// A clerk: their own sheet only.
    Own(Uuid),
}

impl Scope {
    /// The widest scope of the reader's roles, or None when they see no report.
    pub fn of(user: &CurrentUser) -> Option<Scope> {
        if user.may(REPORTS_ON_EVERYONE) {
            return Some(Scope::All);
        }
        if user.has(Role::DepartmentHead)
            && let Some(department) = user.department_id
        {
            return Some(Scope::Department(department));
        }
        user.has(Role::Clerk).then_some(Scope::Own(user.staff_id))
    }

    /// May this reader see the sheet of an employee of `department`?
    pub fn sees_staff(&self, staff_id: Uuid, department: Option<Uuid>) -> bool {
        match self {
            Scope::All => true,
            Scope::Department(d) => department == Some(*d),
            Scope::Own(me) => *me == staff_id,
        }
    }

    /// The department the figures are limited to, if any.
    pub fn department(&self) -> Option<Uuid> {
        match self {
            Scope::Department(d) => Some(*d),
            _ => None,
        }
    }

    /// Residents' comments are for supervisors only, never for the clerk rated.
    pub fn sees_comments(&self) -> bool {
        !matches!(self, Scope::Own(_))
    }
}

/// A calendar month, as in `?month=2026-11`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    pub fn parse(raw: &str) -> Option<Month> {
        let (y, m) = raw.trim().split_once('-')?;
        let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        ((2000..=2100).contains(&year) && (1..=12).contains(&month) && y.len() == 4).then_some(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month")
    }

    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { month: self.month + 1, ..self } }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 { Month { year: self.year - 1, month: 12 } } else { Month { month: self.month - 1, ..self } }
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a valid day")
    }

    /// The month as instants: from its first midnight to the next month's, in `tz`.
    pub fn bounds(self, tz: &Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (start_of_day(self.first_day(), tz), start_of_day(self.next().first_day(), tz))
    }

    /// `2026-11`
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// "listopad 2026", "November 2026"
    pub fn label(self, t: &Texts) -> String {
        let name = t.month_names.split(',').nth(self.month as usize - 1).unwrap_or("");
        format!("{name} {}", self.year)
    }

    /// "lis 26", "Nov 26": under the bars of a chart.
    pub fn short_label(self, t: &Texts) -> String {
        let name = t.month_short_names.split(',').nth(self.month as usize - 1).unwrap_or("");
        format!("{name} {:02}", self.year % 100)
    }

    /// This month and the `n - 1` before it, oldest first.
    pub fn last_n(self, n: usize) -> Vec<Month> {
        let mut months = vec![self];
        while months.len() < n {
            let earlier = months[0].prev();
            months.insert(0, earlier);
        }
        months
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_step_and_know_their_bounds_in_warsaw() {
        let m = Month::parse("2026-03").unwrap();
        assert_eq!((m.prev().code(), m.next().code()), ("2026-02".into(), "2026-04".into()));
        assert_eq!(Month::parse("2026-12").unwrap().next().code(), "2027-01");
        assert_eq!(Month::parse("2026-01").unwrap().prev().code(), "2025-12");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-1"), None);
        assert_eq!(Month::parse("x"), None);
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        // March 2026 begins at 23:00 UTC on 28 February (CET) and ends at 22:00 UTC on 31 March (CEST).
        let (from, to) = m.bounds(&chrono_tz::Europe::Warsaw);
        assert_eq!(from.to_rfc3339(), "2026-02-28T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-03-31T22:00:00+00:00");
        let months: Vec<String> = m.last_n(3).into_iter().map(Month::code).collect();
        assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(m.label(&crate::i18n::PL), "marzec 2026");
        assert_eq!(m.short_label(&crate::i18n::EN), "Mar 26");
    }
}
