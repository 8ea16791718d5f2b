//! The office calendar: Polish statutory holidays, weekends and the office's own
//! days off, shared by every feature that counts working days (callbacks, home
//! visits, complaints' deadlines, the §7.4 reports).
//!
//! Written here rather than taken from a crate: the crates that list holidays
//! (e.g. `holiday`, `bdays`) either lack Poland, or lack the act of 6 December 2024
//! that made 24 December a holiday from 2025, and none knows the days off an office
//! decides itself, which must move deadlines like holidays do.
//!
//! `Calendar` is pure and unit-tested below; `load` reads the office's own days off
//! for an explicit span of dates. A calendar knows the days off only within the span
//! it was loaded for; asking about a day outside it is a bug, caught in debug builds.

pub mod closed_days;

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc, Weekday};

/// A statutory public holiday (ustawa o dniach wolnych od pracy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_pl: &'static str,
    pub name_en: &'static str,
}

/// Holidays on a fixed date: (month, day, first year, Polish name, English name).
const FIXED: [(u32, u32, i32, &str, &str); 10] = [
    (1, 1, i32::MIN, "Nowy Rok", "New Year's Day"),
    // Restored by the act of 24 November 2010.
    (1, 6, 2011, "Święto Trzech Króli", "Epiphany"),
    (5, 1, i32::MIN, "Święto Pracy", "Labour Day"),
    (5, 3, i32::MIN, "Święto Konstytucji 3 Maja", "Constitution Day"),
    (8, 15, i32::MIN, "Wniebowzięcie Najświętszej Maryi Panny", "Assumption of Mary"),
    (11, 1, i32::MIN, "Wszystkich Świętych", "All Saints' Day"),
    (11, 11, i32::MIN, "Narodowe Święto Niepodległości", "Independence Day"),
    // Added by the act of 6 December 2024; 24 December 2024 was still a working day.
    (12, 24, 2025, "Wigilia Bożego Narodzenia", "Christmas Eve"),
    (12, 25, i32::MIN, "Pierwszy dzień Bożego Narodzenia", "Christmas Day"),
    (12, 26, i32::MIN, "Drugi dzień Bożego Narodzenia", "Second Day of Christmas"),
];

/// Holidays that move with Easter: (days after Easter Sunday, Polish name, English name).
const MOVABLE: [(i64, &str, &str); 4] = [
    (0, "Wielkanoc", "Easter Sunday"),
    (1, "Poniedziałek Wielkanocny", "Easter Monday"),
    (49, "Zielone Świątki", "Pentecost Sunday"),
    (60, "Boże Ciało", "Corpus Christi"),
];

/// Easter Sunday in the Gregorian calendar (anonymous, or Meeus/Jones/Butcher, computus).
///
/// Proleptic for years before 1583.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is at most 31, so the casts cannot truncate.
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32).expect("Easter within chrono's date range")
}

fn fixed_holiday(year: i32, (month, day, _, name_pl, name_en): (u32, u32, i32, &'static str, &'static str)) -> Holiday {
    let date = NaiveDate::from_ymd_opt(year, month, day).expect("holiday within chrono's date range");
    Holiday { date, name_pl, name_en }
}

fn movable_holiday(easter: NaiveDate, (offset, name_pl, name_en): (i64, &'static str, &'static str)) -> Holiday {
    Holiday { date: easter + chrono::TimeDelta::days(offset), name_pl, name_en }
}

/// The statutory holidays of `year`, sorted by date.
///
/// Applies the law as it stands since 1990 (e.g. 3 May restored); earlier years are not historical.
pub fn holidays(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let mut list: Vec<Holiday> = FIXED
        .into_iter()
        .filter(|&(_, _, since, _, _)| year >= since)
        .map(|fixed| fixed_holiday(year, fixed))
        .chain(MOVABLE.into_iter().map(|movable| movable_holiday(easter, movable)))
        .collect();
    list.sort_by_key(|holiday| holiday.date);
    list
}

/// The statutory holiday on `date`, if any. Does not allocate, as it runs for every day checked.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    let year = date.year();
    if let Some(fixed) =
        FIXED.into_iter().find(|&(month, day, since, _, _)| (month, day) == (date.month(), date.day()) && year >= since)
    {
        return Some(fixed_holiday(year, fixed));
    }
    let easter = easter_sunday(year);
    let offset = (date - easter).num_days();
    MOVABLE.into_iter().find(|&(days, _, _)| days == offset).map(|movable| movable_holiday(easter, movable))
}

/// The office's own days off (decided by the mayor/director), e.g. loaded from the database.
///
/// A holiday on a Saturday gives no day off in lieu here: if the office grants one, it is a closed day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    closed: BTreeSet<NaiveDate>,
    /// The days whose office days off are known; `None`: all of them.
    known: Option<RangeInclusive<NaiveDate>>,
}

impl Calendar {
    /// A calendar with every day off of the office given.
    pub fn new(office_closed_days: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar { closed: office_closed_days.into_iter().collect(), known: None }
    }

    /// A calendar that knows the office's days off only within `span`.
    pub fn for_span(
        office_closed_days: impl IntoIterator<Item = NaiveDate>,
        span: RangeInclusive<NaiveDate>,
    ) -> Calendar {
        Calendar { closed: office_closed_days.into_iter().collect(), known: Some(span) }
    }

    /// Weekends and statutory holidays only, with no days off decided by the office.
    pub fn statutory_only() -> Calendar {
        Calendar::new([])
    }

    /// Monday to Friday, not a statutory holiday and not an office closed day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        debug_assert!(
            self.known.as_ref().is_none_or(|span| span.contains(&date)),
            "the office calendar was loaded for {:?} but asked about {date}",
            self.known
        );
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.closed.contains(&date)
            && holiday_on(date).is_none()
    }

    /// The first working day strictly after `after`.
    pub fn next_working_day(&self, after: NaiveDate) -> NaiveDate {
        // Terminates: the closed days are finite and holidays never fill a whole week.
        let mut date = after;
        loop {
            date = date.succ_opt().expect("date within chrono's range");
            if self.is_working_day(date) {
                return date;
            }
        }
    }

    /// `date` itself if it is a working day, else the next one.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working_day(date) { date } else { self.next_working_day(date) }
    }

    /// The `n`-th working day strictly after `from`; for `n = 0`, the first working day on or after `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return self.working_day_on_or_after(from);
        }
        (0..n).fold(from, |date, _| self.next_working_day(date))
    }

    /// The number of working days `d` with `from < d <= to`; 0 if `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let count = from.iter_days().skip(1).take_while(|date| *date <= to).filter(|date| self.is_working_day(*date));
        // chrono's whole range is about 191 million days.
        u32::try_from(count.count()).expect("day count fits in u32")
    }

    /// Whether `later` is at least one full working day after `earlier`: some working day lies strictly between them.
    pub fn full_working_day_between(&self, earlier: NaiveDate, later: NaiveDate) -> bool {
        later > earlier && self.next_working_day(earlier) < later
    }

    /// The latest day a callback promised on `asked_on` may be made: the next working day after it
    /// (if `asked_on` itself is not a working day, e.g. a Saturday message, the first working day after).
    ///
    /// "The same or the next working day" (Piotrków §6.3, Lubawa Std 17); a Saturday message counts as
    /// received on Monday, so it is due on Monday, not Tuesday.
    pub fn callback_deadline(&self, asked_on: NaiveDate) -> NaiveDate {
        self.next_working_day(asked_on)
    }
}

/// The statutory calendar plus the office's own days off from `from` to `to`, both
/// included. Ask it only about days in that span (a debug build checks it).
pub async fn load(db: impl sqlx::PgExecutor<'_>, from: NaiveDate, to: NaiveDate) -> sqlx::Result<Calendar> {
    let days = sqlx::query_scalar!("select day from office_closed_day where day between $1 and $2", from, to)
        .fetch_all(db)
        .await?;
    Ok(Calendar::for_span(days, from..=to))
}

/// The local date in the office's time zone of an instant.
pub fn local_date<Tz: TimeZone>(instant: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    instant.with_timezone(tz).date_naive()
}

/// The first instant of a day in the office's time zone (midnight, or the first
/// minute after it when the clocks skip midnight).
pub fn start_of_day<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> DateTime<Utc> {
    let local = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn utc(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
    }

    fn dates(list: &[Holiday]) -> Vec<NaiveDate> {
        list.iter().map(|holiday| holiday.date).collect()
    }

    /// Lichtenberg's form of Gauss's Easter formula, written differently from the code under test.
    fn easter_by_gauss_lichtenberg(year: i32) -> NaiveDate {
        let x = year;
        let k = x / 100;
        let m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25;
        let s = 2 - (3 * k + 3) / 4;
        let a = x % 19;
        let d = (19 * a + m) % 30;
        let r = (d + a / 11) / 29;
        let og = 21 + d - r;
        let sz = 7 - (x + x / 4 + s) % 7;
        let oe = 7 - (og - sz) % 7;
        let march_day = og + oe;
        if march_day <= 31 { date(year, 3, march_day as u32) } else { date(year, 4, (march_day - 31) as u32) }
    }

    #[test]
    fn easter_sunday_matches_known_dates() {
        let known = [
            date(1990, 4, 15),
            date(1991, 3, 31),
            date(2000, 4, 23),
            date(2008, 3, 23),
            date(2010, 4, 4),
            date(2011, 4, 24),
            date(2016, 3, 27),
            date(2018, 4, 1),
            date(2019, 4, 21),
            date(2022, 4, 17),
            date(2024, 3, 31),
            date(2025, 4, 20),
            date(2026, 4, 5),
            date(2027, 3, 28),
            date(2030, 4, 21),
            date(2038, 4, 25),
        ];
        for expected in known {
            assert_eq!(easter_sunday(expected.year()), expected, "Easter {}", expected.year());
        }
    }

    #[test]
    fn easter_sunday_agrees_with_an_independent_formula_and_is_a_sunday_in_its_window() {
        for year in 1583..=4099 {
            let easter = easter_sunday(year);
            assert_eq!(easter, easter_by_gauss_lichtenberg(year), "Easter {year}");
            assert_eq!(easter.weekday(), Weekday::Sun, "Easter {year}");
            assert!((date(year, 3, 22)..=date(year, 4, 25)).contains(&easter), "Easter {year}");
        }
    }

    #[test]
    fn holidays_2026_are_the_complete_expected_list() {
        let expected = vec![
            date(2026, 1, 1),
            date(2026, 1, 6),
            date(2026, 4, 5),
            date(2026, 4, 6),
            date(2026, 5, 1),
            date(2026, 5, 3),
            date(2026, 5, 24),
            date(2026, 6, 4),
            date(2026, 8, 15),
            date(2026, 11, 1),
            date(2026, 11, 11),
            date(2026, 12, 24),
            date(2026, 12, 25),
            date(2026, 12, 26),
        ];
        assert_eq!(dates(&holidays(2026)), expected);
    }

    #[test]
    fn holidays_2025_are_the_complete_expected_list() {
        let expected = vec![
            date(2025, 1, 1),
            date(2025, 1, 6),
            date(2025, 4, 20),
            date(2025, 4, 21),
            date(2025, 5, 1),
            date(2025, 5, 3),
            date(2025, 6, 8),
            date(2025, 6, 19),
            date(2025, 8, 15),
            date(2025, 11, 1),
            date(2025, 11, 11),
            date(2025, 12, 24),
            date(2025, 12, 25),
            date(2025, 12, 26),
        ];
        assert_eq!(dates(&holidays(2025)), expected);
    }

    #[test]
    fn holidays_2010_have_neither_epiphany_nor_christmas_eve() {
        let expected = vec![
            date(2010, 1, 1),
            date(2010, 4, 4),
            date(2010, 4, 5),
            date(2010, 5, 1),
            date(2010, 5, 3),
            date(2010, 5, 23),
            date(2010, 6, 3),
            date(2010, 8, 15),
            date(2010, 11, 1),
            date(2010, 11, 11),
            date(2010, 12, 25),
            date(2010, 12, 26),
        ];
        assert_eq!(dates(&holidays(2010)), expected);
    }

    #[test]
    fn holiday_on_names_the_holiday_in_both_languages() {
        let corpus_christi = holiday_on(date(2026, 6, 4)).unwrap();
        assert_eq!((corpus_christi.name_pl, corpus_christi.name_en), ("Boże Ciało", "Corpus Christi"));
        let epiphany = holiday_on(date(2026, 1, 6)).unwrap();
        assert_eq!((epiphany.name_pl, epiphany.name_en), ("Święto Trzech Króli", "Epiphany"));
        assert_eq!(holiday_on(date(2026, 4, 3)), None, "Good Friday is not a holiday");
        assert_eq!(holiday_on(date(2010, 1, 6)), None, "no Epiphany holiday before 2011");
    }

    #[test]
    fn easter_monday_2026_is_a_holiday() {
        assert_eq!(holiday_on(date(2026, 4, 6)).unwrap().name_en, "Easter Monday");
        assert!(!Calendar::statutory_only().is_working_day(date(2026, 4, 6)));
    }

    #[test]
    fn christmas_eve_was_a_working_day_in_2024_and_is_a_holiday_from_2025() {
        let calendar = Calendar::statutory_only();
        assert_eq!(holiday_on(date(2024, 12, 24)), None);
        assert!(calendar.is_working_day(date(2024, 12, 24)), "Tuesday 24 December 2024");
        assert_eq!(holiday_on(date(2025, 12, 24)).unwrap().name_pl, "Wigilia Bożego Narodzenia");
        assert!(!calendar.is_working_day(date(2025, 12, 24)), "Wednesday 24 December 2025");
        assert!(!calendar.is_working_day(date(2026, 12, 24)), "Thursday 24 December 2026");
        assert!(!calendar.is_working_day(date(2030, 12, 24)), "Tuesday 24 December 2030");
    }

    #[test]
    fn weekends_are_not_working_days_and_ordinary_weekdays_are() {
        let calendar = Calendar::statutory_only();
        assert!(!calendar.is_working_day(date(2026, 3, 7)), "Saturday");
        assert!(!calendar.is_working_day(date(2026, 3, 8)), "Sunday");
        for day in 2..=6 {
            assert!(calendar.is_working_day(date(2026, 3, day)), "Monday to Friday, 2 to 6 March 2026");
        }
    }

    #[test]
    fn a_holiday_on_a_saturday_gives_no_substitute_working_day_off() {
        let calendar = Calendar::statutory_only();
        assert!(!calendar.is_working_day(date(2026, 8, 15)), "Saturday 15 August 2026");
        assert!(calendar.is_working_day(date(2026, 8, 14)), "Friday before");
        assert!(calendar.is_working_day(date(2026, 8, 17)), "Monday after");
    }

    #[test]
    fn office_closed_days_are_not_working_days() {
        let calendar = Calendar::new([date(2026, 1, 2), date(2026, 3, 7)]);
        assert!(!calendar.is_working_day(date(2026, 1, 2)));
        assert!(Calendar::statutory_only().is_working_day(date(2026, 1, 2)));
        assert!(calendar.is_working_day(date(2026, 1, 5)));
    }

    #[test]
    fn next_working_day_skips_easter_2026() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2026, 4, 3)), date(2026, 4, 7));
    }

    #[test]
    fn next_working_day_skips_christmas_2026() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2026, 12, 23)), date(2026, 12, 28));
    }

    #[test]
    fn next_working_day_skips_the_may_holidays_2026() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2026, 4, 30)), date(2026, 5, 4));
    }

    #[test]
    fn next_working_day_after_a_friday_is_monday() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2026, 3, 6)), date(2026, 3, 9));
    }

    #[test]
    fn next_working_day_skips_new_year_2026() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2025, 12, 31)), date(2026, 1, 2));
    }

    #[test]
    fn next_working_day_skips_an_office_closed_day() {
        let calendar = Calendar::new([date(2026, 1, 2)]);
        assert_eq!(calendar.next_working_day(date(2025, 12, 31)), date(2026, 1, 5));
    }

    #[test]
    fn a_calendar_loaded_for_a_span_knows_its_days_off_there() {
        let calendar =
            Calendar::for_span([date(2026, 10, 2), date(2026, 10, 30)], date(2026, 10, 1)..=date(2026, 10, 31));
        assert!(!calendar.is_working_day(date(2026, 10, 2)));
        assert_eq!(calendar.working_days_between(date(2026, 9, 30), date(2026, 10, 31)), 20);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "was loaded for")]
    fn asking_a_calendar_about_a_day_outside_its_span_is_a_bug() {
        let calendar = Calendar::for_span([], date(2026, 11, 1)..=date(2026, 11, 30));
        calendar.is_working_day(date(2026, 10, 30));
    }

    #[test]
    fn next_working_day_is_strictly_after_even_a_working_day() {
        assert_eq!(Calendar::statutory_only().next_working_day(date(2026, 3, 2)), date(2026, 3, 3));
    }

    #[test]
    fn working_day_on_or_after_keeps_a_working_day_and_moves_a_holiday() {
        let calendar = Calendar::statutory_only();
        assert_eq!(calendar.working_day_on_or_after(date(2026, 3, 2)), date(2026, 3, 2));
        assert_eq!(calendar.working_day_on_or_after(date(2026, 4, 4)), date(2026, 4, 7));
    }

    #[test]
    fn callback_asked_on_a_saturday_is_due_on_monday() {
        assert_eq!(Calendar::statutory_only().callback_deadline(date(2026, 11, 7)), date(2026, 11, 9));
    }

    #[test]
    fn callback_asked_the_day_before_independence_day_is_due_the_day_after_it() {
        assert_eq!(Calendar::statutory_only().callback_deadline(date(2026, 11, 10)), date(2026, 11, 12));
    }

    #[test]
    fn callback_asked_on_23_december_2026_is_due_on_28_december() {
        assert_eq!(Calendar::statutory_only().callback_deadline(date(2026, 12, 23)), date(2026, 12, 28));
    }

    #[test]
    fn add_working_days_counts_only_working_days() {
        let calendar = Calendar::statutory_only();
        assert_eq!(calendar.add_working_days(date(2026, 4, 3), 0), date(2026, 4, 3), "a working day itself");
        assert_eq!(calendar.add_working_days(date(2026, 4, 4), 0), date(2026, 4, 7), "Saturday before Easter");
        assert_eq!(calendar.add_working_days(date(2026, 4, 3), 1), date(2026, 4, 7));
        assert_eq!(calendar.add_working_days(date(2026, 4, 3), 2), date(2026, 4, 8));
        assert_eq!(calendar.add_working_days(date(2026, 4, 30), 3), date(2026, 5, 6));
        assert_eq!(calendar.add_working_days(date(2026, 12, 21), 5), date(2026, 12, 30));
        assert_eq!(calendar.add_working_days(date(2026, 1, 5), 10), date(2026, 1, 20), "across Epiphany");
    }

    #[test]
    fn add_working_days_skips_office_closed_days() {
        let calendar = Calendar::new([date(2026, 4, 7)]);
        assert_eq!(calendar.add_working_days(date(2026, 4, 3), 1), date(2026, 4, 8));
    }

    #[test]
    fn working_days_between_counts_after_from_up_to_and_including_to() {
        let calendar = Calendar::statutory_only();
        assert_eq!(calendar.working_days_between(date(2026, 4, 3), date(2026, 4, 7)), 1, "across Easter");
        assert_eq!(calendar.working_days_between(date(2026, 4, 2), date(2026, 4, 3)), 1);
        assert_eq!(calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 9)), 5, "one week");
        assert_eq!(calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 2)), 0, "same day");
        assert_eq!(calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 2)), 0, "backwards");
        // 261 weekdays in 2026, less 8 holidays on weekdays; no Saturday holiday is compensated.
        assert_eq!(calendar.working_days_between(date(2025, 12, 31), date(2026, 12, 31)), 253);
    }

    #[test]
    fn working_days_between_skips_office_closed_days() {
        let from = date(2025, 12, 31);
        let to = date(2026, 1, 9);
        assert_eq!(Calendar::statutory_only().working_days_between(from, to), 5);
        assert_eq!(Calendar::new([date(2026, 1, 2)]).working_days_between(from, to), 4);
    }

    #[test]
    fn full_working_day_between_needs_a_working_day_strictly_between() {
        let calendar = Calendar::statutory_only();
        assert!(!calendar.full_working_day_between(date(2026, 3, 2), date(2026, 3, 3)), "Monday to Tuesday");
        assert!(calendar.full_working_day_between(date(2026, 3, 2), date(2026, 3, 4)), "Monday to Wednesday");
        assert!(!calendar.full_working_day_between(date(2026, 4, 3), date(2026, 4, 7)), "over Easter");
        assert!(calendar.full_working_day_between(date(2026, 4, 3), date(2026, 4, 8)));
        assert!(calendar.full_working_day_between(date(2026, 4, 2), date(2026, 4, 7)), "Good Friday works");
        assert!(!calendar.full_working_day_between(date(2026, 12, 23), date(2026, 12, 28)), "over Christmas");
        assert!(calendar.full_working_day_between(date(2026, 12, 23), date(2026, 12, 29)));
        assert!(!calendar.full_working_day_between(date(2026, 3, 4), date(2026, 3, 4)), "same day");
        assert!(!calendar.full_working_day_between(date(2026, 3, 9), date(2026, 3, 2)), "backwards");
    }

    #[test]
    fn full_working_day_between_respects_office_closed_days() {
        let calendar = Calendar::new([date(2026, 3, 3)]);
        assert!(!calendar.full_working_day_between(date(2026, 3, 2), date(2026, 3, 4)));
    }

    #[test]
    fn local_date_in_warsaw_follows_winter_time_before_the_march_change() {
        let warsaw = chrono_tz::Europe::Warsaw;
        assert_eq!(local_date(utc("2026-03-28T23:30:00Z"), &warsaw), date(2026, 3, 29));
        assert_eq!(local_date(utc("2026-03-28T22:59:59Z"), &warsaw), date(2026, 3, 28));
    }

    #[test]
    fn local_date_in_warsaw_follows_summer_time_before_the_october_change() {
        let warsaw = chrono_tz::Europe::Warsaw;
        assert_eq!(local_date(utc("2026-10-24T21:59:59Z"), &warsaw), date(2026, 10, 24));
        assert_eq!(local_date(utc("2026-10-24T22:00:00Z"), &warsaw), date(2026, 10, 25));
    }

    #[test]
    fn local_date_works_with_any_time_zone() {
        assert_eq!(local_date(utc("2026-01-01T00:30:00Z"), &Utc), date(2026, 1, 1));
        let minus_one = chrono::FixedOffset::west_opt(3600).unwrap();
        assert_eq!(local_date(utc("2026-01-01T00:30:00Z"), &minus_one), date(2025, 12, 31));
    }

    #[test]
    fn every_day_from_2000_to_2100_is_a_working_day_exactly_when_neither_weekend_nor_holiday() {
        let calendar = Calendar::statutory_only();
        for year in 2000..=2100 {
            let list = holidays(year);
            let expected_count = match year {
                ..2011 => 12,
                2011..=2024 => 13,
                2025.. => 14,
            };
            assert_eq!(list.len(), expected_count, "holidays in {year}");
            assert!(list.windows(2).all(|pair| pair[0].date < pair[1].date), "sorted and distinct in {year}");
            let holiday_dates = dates(&list);
            for day in date(year, 1, 1).iter_days().take_while(|day| day.year() == year) {
                let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
                let holiday = holiday_dates.contains(&day);
                assert_eq!(calendar.is_working_day(day), !weekend && !holiday, "{day}");
                assert_eq!(holiday_on(day).map(|found| found.date), holiday.then_some(day), "{day}");
            }
        }
    }

    #[test]
    fn supported_years_1990_to_2200_have_well_formed_holidays() {
        for year in 1990..=2200 {
            let list = holidays(year);
            assert!(list.iter().all(|holiday| holiday.date.year() == year), "{year}");
            let sundays: Vec<&Holiday> =
                list.iter().filter(|h| matches!(h.name_en, "Easter Sunday" | "Pentecost Sunday")).collect();
            assert_eq!(sundays.len(), 2, "{year}");
            assert!(sundays.iter().all(|h| h.date.weekday() == Weekday::Sun), "{year}");
        }
    }
}
