//! The scheduling rule of §5.3: the visit lies at least one full working day after
//! the day it is scheduled (so the authorisations can be drafted and signed), on a
//! working day, inside office hours; all reasoned about in the office's time zone.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::calendar::{Calendar, local_date};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRefusal {
    /// No full working day between the scheduling day and the visit.
    TooSoon,
    /// The visit's own day is a weekend, a holiday or an office day off.
    NotAWorkingDay,
    /// Before opening or after closing time.
    OutsideHours,
}

pub struct OfficeHours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// The first day a visit scheduled on `today` may take place: a working day with
/// at least one full working day between. `calendar` must cover a month ahead.
pub fn earliest_visit_day(calendar: &Calendar, today: NaiveDate) -> NaiveDate {
    let mut day = today;
    for _ in 0..40 {
        day = day.succ_opt().unwrap_or(day);
        if calendar.is_working_day(day) && calendar.full_working_day_between(today, day) {
            return day;
        }
    }
    day
}

pub fn check_visit_time(
    planned: DateTime<Utc>,
    scheduled_at: DateTime<Utc>,
    tz: &Tz,
    calendar: &Calendar,
    hours: &OfficeHours,
) -> Result<(), DateRefusal> {
    let local = planned.with_timezone(tz);
    let day = local.date_naive();
    if !calendar.is_working_day(day) {
        return Err(DateRefusal::NotAWorkingDay);
    }
    let time = local.time();
    if time < hours.opens || time >= hours.closes {
        return Err(DateRefusal::OutsideHours);
    }
    if !calendar.full_working_day_between(local_date(scheduled_at, tz), day) {
        return Err(DateRefusal::TooSoon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Warsaw;

    fn hours() -> OfficeHours {
        OfficeHours {
            opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        }
    }

    /// A local Warsaw time as an instant.
    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Warsaw.with_ymd_and_hms(y, m, d, h, min, 0).earliest().unwrap().with_timezone(&Utc)
    }

    fn check(scheduled: DateTime<Utc>, planned: DateTime<Utc>) -> Result<(), DateRefusal> {
        check_visit_time(planned, scheduled, &Warsaw, &Calendar::statutory_only(), &hours())
    }

    #[test]
    fn the_earliest_day_is_said_skipping_weekends_and_holidays() {
        let calendar = Calendar::statutory_only();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        // Monday 16th: Wednesday. Friday 20th: Tuesday. Tuesday 10th: the 11th is a holiday, so Friday 13th.
        assert_eq!(earliest_visit_day(&calendar, day(16)), day(18));
        assert_eq!(earliest_visit_day(&calendar, day(20)), day(24));
        assert_eq!(earliest_visit_day(&calendar, day(10)), day(13));
    }

    #[test]
    fn one_full_working_day_must_lie_between() {
        // Scheduled on Monday: Tuesday is too soon, Wednesday is fine.
        assert_eq!(check(at(2026, 11, 16, 10, 0), at(2026, 11, 17, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(at(2026, 11, 16, 10, 0), at(2026, 11, 18, 10, 0)), Ok(()));
        // Scheduled on Friday: Monday is too soon (the weekend does not count), Tuesday is fine.
        assert_eq!(check(at(2026, 11, 20, 15, 0), at(2026, 11, 23, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(at(2026, 11, 20, 15, 0), at(2026, 11, 24, 10, 0)), Ok(()));
    }

    #[test]
    fn holidays_neither_count_as_the_day_between_nor_take_visits() {
        // Easter 2026: scheduled Thursday 2 April; Friday 3 April is the day between, Tuesday 7 April is fine.
        assert_eq!(check(at(2026, 4, 2, 10, 0), at(2026, 4, 7, 10, 0)), Ok(()));
        assert_eq!(
            check(at(2026, 4, 3, 10, 0), at(2026, 4, 7, 10, 0)),
            Err(DateRefusal::TooSoon),
            "Easter Monday is no working day"
        );
        assert_eq!(check(at(2026, 4, 1, 10, 0), at(2026, 4, 6, 10, 0)), Err(DateRefusal::NotAWorkingDay));
        // 1-3 May 2026: scheduled Thursday 30 April, Monday 4 May is too soon, Tuesday 5 May fine.
        assert_eq!(check(at(2026, 4, 30, 10, 0), at(2026, 5, 4, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(at(2026, 4, 30, 10, 0), at(2026, 5, 5, 10, 0)), Ok(()));
        // Corpus Christi, Thursday 4 June 2026.
        assert_eq!(check(at(2026, 6, 1, 10, 0), at(2026, 6, 4, 10, 0)), Err(DateRefusal::NotAWorkingDay));
        assert_eq!(check(at(2026, 6, 3, 10, 0), at(2026, 6, 5, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(at(2026, 6, 3, 10, 0), at(2026, 6, 8, 10, 0)), Ok(()));
        // 11 November 2026 (Wednesday).
        assert_eq!(check(at(2026, 11, 10, 10, 0), at(2026, 11, 12, 10, 0)), Err(DateRefusal::TooSoon));
        // 24-26 December 2026: scheduled Wednesday 23rd, Monday 28th is too soon, Tuesday 29th fine.
        assert_eq!(check(at(2026, 12, 23, 10, 0), at(2026, 12, 28, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(at(2026, 12, 23, 10, 0), at(2026, 12, 29, 10, 0)), Ok(()));
        assert_eq!(check(at(2026, 12, 21, 10, 0), at(2026, 12, 24, 10, 0)), Err(DateRefusal::NotAWorkingDay));
    }

    #[test]
    fn the_office_days_off_count_like_holidays() {
        let closed = Calendar::new([NaiveDate::from_ymd_opt(2026, 11, 17).unwrap()]);
        let r = check_visit_time(at(2026, 11, 18, 10, 0), at(2026, 11, 16, 10, 0), &Warsaw, &closed, &hours());
        assert_eq!(r, Err(DateRefusal::TooSoon), "scheduled Monday, Tuesday closed, Wednesday too soon");
    }

    #[test]
    fn office_hours_are_local_time_across_the_dst_switches() {
        // Summer time begins Sunday 29 March 2026; the visit on Wednesday 1 April at 9:00 local is 07:00 UTC.
        let planned = Utc.with_ymd_and_hms(2026, 4, 1, 7, 0, 0).unwrap();
        assert_eq!(check(at(2026, 3, 27, 12, 0), planned), Ok(()));
        assert_eq!(
            check(at(2026, 3, 27, 12, 0), Utc.with_ymd_and_hms(2026, 4, 1, 6, 59, 0).unwrap()),
            Err(DateRefusal::OutsideHours)
        );
        // Winter time returns Sunday 25 October 2026: 16:59 local on Tuesday 27th is 15:59 UTC.
        assert_eq!(check(at(2026, 10, 23, 12, 0), Utc.with_ymd_and_hms(2026, 10, 27, 15, 59, 0).unwrap()), Ok(()));
        assert_eq!(
            check(at(2026, 10, 23, 12, 0), Utc.with_ymd_and_hms(2026, 10, 27, 16, 0, 0).unwrap()),
            Err(DateRefusal::OutsideHours)
        );
    }

    #[test]
    fn the_scheduling_day_is_the_local_one_near_midnight() {
        // 23:30 UTC on Friday 27 March 2026 is already Saturday 00:30 in Warsaw: Monday counts as the day between.
        let saturday_night = Utc.with_ymd_and_hms(2026, 3, 27, 23, 30, 0).unwrap();
        assert_eq!(check(saturday_night, at(2026, 3, 31, 10, 0)), Ok(()));
        // Half an hour earlier it was still Friday: Monday then cannot be skipped.
        let friday_night = Utc.with_ymd_and_hms(2026, 3, 27, 22, 30, 0).unwrap();
        assert_eq!(check(friday_night, at(2026, 3, 30, 10, 0)), Err(DateRefusal::TooSoon));
        assert_eq!(check(friday_night, at(2026, 3, 31, 10, 0)), Ok(()));
    }
}
