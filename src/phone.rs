//! Phone numbers, checked by libphonenumber's rules (the `phonenumber` crate: which
//! numbers exist in Poland and elsewhere, and how each country groups its digits)
//! and written one way: international, grouped as the country groups them, so a
//! mobile reads `+48 600 100 200` and a landline keeps its area code,
//! `+48 44 732 11 22`, as it was typed (not `+48 447 321 122`).

use std::fmt;

use phonenumber::Mode;
use phonenumber::country::Id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// A Polish number with or without +48 / 0048 / 48 in front, or a foreign one
    /// with its country code (+380 …, 0049 …); spaces, dashes, dots, slashes or
    /// brackets between digits (`(44) 732-18-10`). None when no such number exists.
    pub fn parse(raw: &str) -> Option<PhoneNumber> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > 30 {
            return None;
        }
        if !raw.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/')) {
            return None;
        }
        if raw.chars().skip(1).any(|c| c == '+') {
            return None;
        }
        let international = match raw.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => raw.to_owned(),
        };
        let number = phonenumber::parse(Some(Id::PL), &international).ok()?;
        if !number.is_valid() || number.extension().is_some() {
            return None;
        }
        Some(PhoneNumber(number.format().mode(Mode::International).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number for a `tel:` link.
    pub fn tel(&self) -> String {
        self.0.replace(' ', "")
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PhoneNumber;

    #[test]
    fn common_ways_of_writing_a_polish_number_are_understood() {
        for raw in [
            "600100200",
            "600 100 200",
            "600-100-200",
            "+48 600 100 200",
            "+48600100200",
            "0048 600 100 200",
            "48 600100200",
        ] {
            assert_eq!(PhoneNumber::parse(raw).map(|p| p.to_string()), Some("+48 600 100 200".into()), "{raw}");
        }
        assert_eq!(PhoneNumber::parse("(44) 732-18-10").unwrap().as_str(), "+48 44 732 18 10");
        assert_eq!(
            PhoneNumber::parse("44 732 11 22").unwrap().as_str(),
            "+48 44 732 11 22",
            "a landline keeps its area code"
        );
        assert_eq!(PhoneNumber::parse("22 123 45 67").unwrap().as_str(), "+48 22 123 45 67");
        assert_eq!(PhoneNumber::parse("+380 67 123 4567").unwrap().as_str(), "+380 67 123 4567", "a Ukrainian mobile");
        assert_eq!(PhoneNumber::parse("0049 30 1234567").unwrap().as_str(), "+49 30 1234567");
        assert_eq!(PhoneNumber::parse("+48 600 100 200").unwrap().tel(), "+48600100200");
    }

    #[test]
    fn wrong_lengths_letters_and_numbers_that_do_not_exist_are_refused() {
        for raw in [
            "",
            "60010020",
            "6001002001",
            "call me",
            "600 100 2OO",
            "+48 100 100 200",
            "+380 00 000 0000",
            "060 010 020",
            "600+100+200",
            "++48600100200",
        ] {
            assert_eq!(PhoneNumber::parse(raw), None, "{raw}");
        }
    }
}
