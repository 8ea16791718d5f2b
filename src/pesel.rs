//! PESEL, the national identification number: checked (length, check digit, a real
//! date of birth) and never printed whole by accident (RODO, Std 12).

use std::fmt;

use chrono::NaiveDate;

#[derive(Clone, PartialEq, Eq)]
pub struct Pesel(String);

/// Why a PESEL was refused, for a precise message on the form.
#[derive(Debug, PartialEq, Eq)]
pub enum PeselError {
    /// Not 11 digits.
    Length,
    /// The check digit does not match (a typo).
    CheckDigit,
    /// The digits do not encode a real date of birth.
    Date,
}

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

impl Pesel {
    pub fn parse(raw: &str) -> Result<Pesel, PeselError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PeselError::Length);
        }
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
        if (10 - sum % 10) % 10 != d[10] {
            return Err(PeselError::CheckDigit);
        }
        let pesel = Pesel(digits);
        pesel.birth_date().ok_or(PeselError::Date)?;
        Ok(pesel)
    }

    /// The date of birth encoded in the number (the month carries the century).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let n = |range: std::ops::Range<usize>| self.0[range].parse::<u32>().ok();
        let (yy, mm, dd) = (n(0..2)?, n(2..4)?, n(4..6)?);
        let (century, month) = match mm {
            1..=12 => (1900, mm),
            21..=32 => (2000, mm - 20),
            41..=52 => (2100, mm - 40),
            61..=72 => (2200, mm - 60),
            81..=92 => (1800, mm - 80),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(century + yy as i32, month, dd)
    }

    /// The whole number, for the few who need it (and whose reading is audited).
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// What lists and most pages show: the last four digits only.
    pub fn masked(&self) -> String {
        format!("•••••••{}", &self.0[7..])
    }
}

/// Never the number itself, so it cannot reach a log by `{:?}`.
impl fmt::Debug for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pesel(•••)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_give_their_date_of_birth_across_centuries() {
        let cases = [
            ("44051401458", (1944, 5, 14)),
            ("02070803628", (1902, 7, 8)),
            ("02270803624", (2002, 7, 8)),
            ("85112304578", (1985, 11, 23)),
        ];
        for (raw, (y, m, d)) in cases {
            let pesel = Pesel::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
            assert_eq!(pesel.birth_date(), NaiveDate::from_ymd_opt(y, m, d), "{raw}");
        }
        assert_eq!(Pesel::parse(" 4405 1401 458 ").map(|p| p.reveal().to_owned()), Ok("44051401458".into()));
    }

    #[test]
    fn typos_wrong_lengths_and_impossible_dates_are_refused() {
        assert_eq!(Pesel::parse("44051401459"), Err(PeselError::CheckDigit));
        assert_eq!(Pesel::parse("4405140145"), Err(PeselError::Length));
        assert_eq!(Pesel::parse("440514014581"), Err(PeselError::Length));
        assert_eq!(Pesel::parse("4405140145a"), Err(PeselError::Length));
        assert_eq!(Pesel::parse(""), Err(PeselError::Length));
        // 30 February with a correct check digit.
        assert_eq!(Pesel::parse("44023001455"), Err(PeselError::Date));
        // Month 13 with a correct check digit.
        assert_eq!(Pesel::parse("44133001459"), Err(PeselError::Date));
    }

    #[test]
    fn the_number_is_masked_and_never_debug_printed() {
        let pesel = Pesel::parse("44051401458").unwrap();
        assert_eq!(pesel.masked(), "•••••••1458");
        assert!(!format!("{pesel:?}").contains("4405"));
    }
}
