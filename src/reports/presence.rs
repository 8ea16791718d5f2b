//! §7.4.2: the days and hours an employee was at the desk within office hours, from
//! desk sessions minus away notices, each day clipped to the office's hours in its
//! own time zone.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::calendar::Calendar;

/// A span of time [start, end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Minutes at the desk and minutes away (an away notice while at the desk), within
/// office hours, of one working day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayPresence {
    pub present: i64,
    pub away: i64,
}

/// Per working day with any time at the desk: the minutes present (sessions minus
/// away notices) and away, each clipped to the office's hours in its time zone.
pub fn presence_per_day(
    sessions: &[Span],
    away: &[Span],
    tz: &Tz,
    calendar: &Calendar,
    opens: NaiveTime,
    closes: NaiveTime,
) -> BTreeMap<NaiveDate, DayPresence> {
    let mut days: BTreeMap<NaiveDate, DayPresence> = BTreeMap::new();
    for session in sessions {
        let mut day = session.start.with_timezone(tz).date_naive();
        let last = session.end.with_timezone(tz).date_naive();
        while day <= last {
            if calendar.is_working_day(day)
                && let (Some(open), Some(close)) = (
                    tz.from_local_datetime(&day.and_time(opens)).earliest(),
                    tz.from_local_datetime(&day.and_time(closes)).earliest(),
                )
            {
                let window = Span { start: open.with_timezone(&Utc), end: close.with_timezone(&Utc) };
                if let Some(at_desk) = intersect(*session, window) {
                    let away_minutes: i64 = away
                        .iter()
                        .filter_map(|a| intersect(*a, at_desk))
                        .map(|s| (s.end - s.start).num_minutes())
                        .sum();
                    let minutes = (at_desk.end - at_desk.start).num_minutes() - away_minutes;
                    if minutes > 0 || away_minutes > 0 {
                        let entry = days.entry(day).or_default();
                        entry.present += minutes.max(0);
                        entry.away += away_minutes;
                    }
                }
            }
            day += Duration::days(1);
        }
    }
    days
}

fn intersect(a: Span, b: Span) -> Option<Span> {
    let start = a.start.max(b.start);
    let end = a.end.min(b.end);
    (start < end).then_some(Span { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Warsaw;

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Warsaw.with_ymd_and_hms(2026, 11, d, h, m, 0).earliest().unwrap().with_timezone(&Utc)
    }

    fn hours() -> (NaiveTime, NaiveTime) {
        (NaiveTime::from_hms_opt(9, 0, 0).unwrap(), NaiveTime::from_hms_opt(17, 0, 0).unwrap())
    }

    fn minutes(sessions: &[Span], away: &[Span]) -> BTreeMap<NaiveDate, i64> {
        let (opens, closes) = hours();
        presence_per_day(sessions, away, &Warsaw, &Calendar::statutory_only(), opens, closes)
            .into_iter()
            .filter(|(_, p)| p.present > 0)
            .map(|(day, p)| (day, p.present))
            .collect()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn time_before_opening_and_after_closing_does_not_count() {
        // Monday 16 November 2026, 8:00-17:30 at the desk: 9:00-17:00 counts, 480 minutes.
        let got = minutes(&[Span { start: at(16, 8, 0), end: at(16, 17, 30) }], &[]);
        assert_eq!(got.get(&day(16)), Some(&480));
    }

    #[test]
    fn away_notices_are_taken_off_and_several_sessions_add_up() {
        let sessions =
            [Span { start: at(17, 9, 0), end: at(17, 12, 0) }, Span { start: at(17, 13, 0), end: at(17, 16, 0) }];
        // Away 10:30-11:00 and over lunch 11:45-13:15 (only 11:45-12:00 falls inside a session).
        let away =
            [Span { start: at(17, 10, 30), end: at(17, 11, 0) }, Span { start: at(17, 11, 45), end: at(17, 13, 15) }];
        let got = minutes(&sessions, &away);
        assert_eq!(got.get(&day(17)), Some(&(180 + 180 - 30 - 15 - 15)));
        let (opens, closes) = hours();
        let both = presence_per_day(&sessions, &away, &Warsaw, &Calendar::statutory_only(), opens, closes);
        assert_eq!(both.get(&day(17)), Some(&DayPresence { present: 300, away: 60 }));
    }

    #[test]
    fn holidays_and_weekends_give_no_working_day_and_days_are_counted_apart() {
        // A session left open from Tuesday 10 to Thursday 12 November 2026: 11 November is a holiday.
        let got = minutes(&[Span { start: at(10, 9, 0), end: at(12, 17, 0) }], &[]);
        assert_eq!(got.get(&day(10)), Some(&480));
        assert_eq!(got.get(&day(11)), None, "11 November");
        assert_eq!(got.get(&day(12)), Some(&480));
        let weekend = minutes(&[Span { start: at(21, 9, 0), end: at(21, 12, 0) }], &[]);
        assert!(weekend.is_empty(), "Saturday");
    }
}
