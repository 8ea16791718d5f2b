//! Polish phone numbers, checked and written one way: `+48 600 100 200`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts 9 national digits with an optional +48 / 0048 / 48 prefix, and
    /// spaces, dashes, dots or brackets between digits (`(44) 732-18-10`).
    pub fn parse(raw: &str) -> Option<PhoneNumber> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > 25 {
            return None;
        }
        if !raw.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+')) {
            return None;
        }
        if raw.chars().skip(1).any(|c| c == '+') {
            return None;
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            9 if !raw.starts_with('+') => digits.as_str(),
            11 if digits.starts_with("48") => &digits[2..],
            13 if digits.starts_with("0048") && !raw.starts_with('+') => &digits[4..],
            _ => return None,
        };
        // Polish numbers never start with 0.
        if national.starts_with('0') {
            return None;
        }
        Some(PhoneNumber(format!("+48 {} {} {}", &national[..3], &national[3..6], &national[6..])))
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
        assert_eq!(PhoneNumber::parse("(44) 732-18-10").unwrap().as_str(), "+48 447 321 810");
        assert_eq!(PhoneNumber::parse("+48 600 100 200").unwrap().tel(), "+48600100200");
    }

    #[test]
    fn wrong_lengths_letters_and_foreign_numbers_are_refused() {
        for raw in [
            "",
            "60010020",
            "6001002001",
            "call me",
            "600 100 2OO",
            "+49 600 100 200",
            "060 010 020",
            "600+100+200",
            "++48600100200",
        ] {
            assert_eq!(PhoneNumber::parse(raw), None, "{raw}");
        }
    }
}
