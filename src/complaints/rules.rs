//! What a complaint's rules say, without the database: the deadline for the answer
//! (a month by KPA art. 237, or what `COMPLAINT_ANSWER_WITHIN` says, in calendar
//! days, moved to the next working day when it ends on a day off), whether it is
//! overdue, and an e-mail address that can be written to.

use chrono::{Days, Months, NaiveDate};

use crate::calendar::Calendar;
use crate::config::AnswerWithin;

/// The last day of the span a calendar must know to move a deadline: the longest
/// allowed (3 months or 92 days) plus the longest run of days off that can follow.
pub fn calendar_span(taken_on: NaiveDate) -> (NaiveDate, NaiveDate) {
    let far = taken_on.checked_add_months(Months::new(3)).unwrap_or(taken_on) + Days::new(40);
    (taken_on, far)
}

/// The day the answer is due for a complaint taken on `taken_on`: the same day of the
/// month after (the last day of a shorter month: 31 January gives 28 February), or
/// so many calendar days later; on a Saturday, a Sunday, a holiday or an office's
/// own day off, the next working day.
pub fn answer_deadline(calendar: &Calendar, taken_on: NaiveDate, within: AnswerWithin) -> NaiveDate {
    let end = match within {
        AnswerWithin::Months(n) => taken_on.checked_add_months(Months::new(n)),
        AnswerWithin::Days(n) => taken_on.checked_add_days(Days::new(u64::from(n))),
    }
    .unwrap_or(taken_on);
    calendar.working_day_on_or_after(end)
}

/// Overdue: still open after the day the answer was due.
pub fn is_overdue(open: bool, due_on: NaiveDate, today: NaiveDate) -> bool {
    open && today > due_on
}

/// An address an answer can be sent to: one `@`, a name before it, a domain with a
/// dot after it, no spaces, at most 254 characters (RFC 5321). Not every address RFC
/// 5322 allows, but every one a resident gives at a desk.
pub fn is_email(raw: &str) -> bool {
    let Some((local, domain)) = raw.split_once('@') else { return false };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    raw.chars().count() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && domain.contains('.')
        && domain.split('.').all(label_ok)
        && domain.rsplit('.').next().is_some_and(|tld| tld.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_later_on_a_working_day_stays_and_on_a_day_off_moves_on() {
        let calendar = Calendar::statutory_only();
        let month = AnswerWithin::Months(1);
        // 12 October 2026 (Monday) -> 12 November (Thursday), a working day.
        assert_eq!(answer_deadline(&calendar, day(2026, 10, 12), month), day(2026, 11, 12));
        // 11 October -> 11 November, Independence Day -> Thursday 12 November.
        assert_eq!(answer_deadline(&calendar, day(2026, 10, 11), month), day(2026, 11, 12));
        // 1 October -> 1 November, All Saints' Day and a Sunday -> Monday 2 November.
        assert_eq!(answer_deadline(&calendar, day(2026, 10, 1), month), day(2026, 11, 2));
        // 24 November -> 24 December (a holiday from 2025), then 25, 26 and Sunday 27 -> 28 December.
        assert_eq!(answer_deadline(&calendar, day(2026, 11, 24), month), day(2026, 12, 28));
        // 31 January -> 28 February 2026 is a Saturday -> Monday 2 March.
        assert_eq!(answer_deadline(&calendar, day(2026, 1, 31), month), day(2026, 3, 2));
    }

    #[test]
    fn the_office_s_own_day_off_moves_the_deadline_too_and_days_count_by_the_calendar() {
        let calendar = Calendar::new([day(2026, 11, 12)]);
        assert_eq!(answer_deadline(&calendar, day(2026, 10, 12), AnswerWithin::Months(1)), day(2026, 11, 13));
        // 14 calendar days from Friday 30 October: Friday 13 November.
        let plain = Calendar::statutory_only();
        assert_eq!(answer_deadline(&plain, day(2026, 10, 30), AnswerWithin::Days(14)), day(2026, 11, 13));
    }

    #[test]
    fn overdue_only_when_open_after_the_day() {
        let due = day(2026, 11, 12);
        assert!(!is_overdue(true, due, due));
        assert!(is_overdue(true, due, day(2026, 11, 13)));
        assert!(!is_overdue(false, due, day(2026, 12, 13)));
    }

    #[test]
    fn e_mail_addresses_a_resident_gives_pass_and_typos_do_not() {
        for good in ["jan.kowalski@example.pl", "a+b@poczta.onet.pl", "żaneta@przykład.pl"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "jan",
            "jan@",
            "@example.pl",
            "jan@example",
            "jan kowalski@example.pl",
            "jan@@example.pl",
            "jan..k@example.pl",
            "jan@example..pl",
            "jan@-example.pl",
            "jan@example.p",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@example.pl", "a".repeat(65))));
    }

    #[test]
    fn lists_show_a_first_name_and_initials_with_the_registers_masking() {
        use crate::registers::mask_name;
        assert_eq!(mask_name("Helena Wiśniewska"), "Helena W.");
        assert_eq!(mask_name("  Jan  Maria  Rokita "), "Jan M. R.");
        assert_eq!(mask_name(""), "");
        // A single word (a surname given alone) is not shown whole either.
        assert_eq!(mask_name("Kowalski"), "K.");
    }
}
