//! Reading `application/x-www-form-urlencoded` bodies without ever failing the request:
//! invalid UTF-8, NUL bytes, over-long and missing fields become messages on the form.

use std::collections::HashSet;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::AppError;
use crate::i18n::{Lang, Texts, fill};
use crate::pesel::{Pesel, PeselError};
use crate::phone::PhoneNumber;

/// Accepts 2026-11-21 (a date input) and 21.11.2026 (typed by hand).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(raw, "%d.%m.%Y")).ok()
}

/// Why a text field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Bytes that are not UTF-8, a NUL or another control character.
    BadChars,
    TooLong,
}

/// The fields of a submitted form, in order.
#[derive(Debug, Default)]
pub struct FormData {
    fields: Vec<(String, String)>,
    /// Fields whose bytes were not valid UTF-8.
    garbled: HashSet<String>,
}

impl FormData {
    pub fn parse(body: &[u8]) -> FormData {
        let mut form = FormData::default();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            let name = String::from_utf8_lossy(&decode(name)).into_owned();
            match String::from_utf8(decode(value)) {
                Ok(value) => form.fields.push((name, value)),
                Err(_) => {
                    form.garbled.insert(name.clone());
                    form.fields.push((name, String::new()));
                }
            }
        }
        form
    }

    /// Fields already split (the fields of a multipart form, `web::multipart`).
    pub fn from_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a [u8])>) -> FormData {
        let mut form = FormData::default();
        for (name, value) in pairs {
            match String::from_utf8(value.to_vec()) {
                Ok(value) => form.fields.push((name.to_owned(), value)),
                Err(_) => {
                    form.garbled.insert(name.to_owned());
                    form.fields.push((name.to_owned(), String::new()));
                }
            }
        }
        form
    }

    /// The raw value of a field, as typed (the first, if repeated).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A trimmed text field: `Ok("")` when absent or empty; an error message when it
    /// holds characters we refuse or is longer than `max` characters.
    pub fn text(&self, name: &str, max: usize, t: &Texts) -> Result<String, String> {
        self.checked_text(name, max).map_err(|problem| match problem {
            TextProblem::BadChars => t.field_bad_chars.to_owned(),
            TextProblem::TooLong => fill(t.field_too_long, "max", &max.to_string()),
        })
    }

    /// `text` without the message, for pages with texts of their own (the kiosk).
    pub fn checked_text(&self, name: &str, max: usize) -> Result<String, TextProblem> {
        if self.garbled.contains(name) {
            return Err(TextProblem::BadChars);
        }
        let value = self.raw(name).unwrap_or("").trim();
        if value.chars().any(|c| c == '\0' || (c.is_control() && c != '\n' && c != '\r' && c != '\t')) {
            return Err(TextProblem::BadChars);
        }
        if value.chars().count() > max {
            return Err(TextProblem::TooLong);
        }
        Ok(value.to_owned())
    }

    /// Like `text`, but the field must not be empty.
    pub fn required(&self, name: &str, max: usize, t: &Texts) -> Result<String, String> {
        let value = self.text(name, max, t)?;
        if value.is_empty() { Err(t.field_required.to_owned()) } else { Ok(value) }
    }

    /// Like `required`, with a least length the database also insists on.
    pub fn required_between(&self, name: &str, min: usize, max: usize, t: &Texts) -> Result<String, String> {
        let value = self.required(name, max, t)?;
        if value.chars().count() < min {
            return Err(fill(
                &fill(t.field_too_short, "min", &min.to_string()),
                "chars",
                crate::i18n::characters(t, min),
            ));
        }
        Ok(value)
    }

    /// A password is taken as typed: no trimming, any characters but NUL.
    pub fn password(&self, name: &str, t: &Texts) -> Result<String, String> {
        if self.garbled.contains(name) {
            return Err(t.field_bad_chars.to_owned());
        }
        let value = self.raw(name).unwrap_or("");
        if value.contains('\0') {
            return Err(t.field_bad_chars.to_owned());
        }
        if value.chars().count() > 1024 {
            return Err(fill(t.field_too_long, "max", "1024"));
        }
        Ok(value.to_owned())
    }

    pub fn checked(&self, name: &str) -> bool {
        self.raw(name).is_some()
    }
}

/// Percent escapes and `+` decoded, as a browser encodes a form or a query string.
pub(crate) fn decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (raw.get(i + 1).and_then(|b| hex(*b)), raw.get(i + 2).and_then(|b| hex(*b))) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // The body limit layer answers 413 before we get here; anything else unreadable is 400-ish.
        let body = Bytes::from_request(req, state).await.map_err(|_| AppError::Unprocessable)?;
        Ok(FormData::parse(&body))
    }
}

/// Messages per field, in the order found, for the error summary and the fields.
#[derive(Debug, Default)]
pub struct FormErrors {
    messages: Vec<(&'static str, String)>,
    /// The fields' labels, so the summary can say which field each message is about.
    labels: Vec<(&'static str, &'static str)>,
    /// What to ask of a field left empty or without a choice ("Wybierz wynik
    /// obsługi"), instead of the generic "Wpisz wartość w tym polu".
    asks: Vec<(&'static str, &'static str)>,
}

/// Whether a message is one of the generic ones a field's own request replaces.
fn generic(message: &str) -> bool {
    [Lang::Pl, Lang::En].iter().any(|l| message == l.texts().field_required || message == l.texts().field_choose)
}

impl FormErrors {
    pub fn labelled(labels: &[(&'static str, &'static str)]) -> FormErrors {
        FormErrors { messages: Vec::new(), labels: labels.to_vec(), asks: Vec::new() }
    }

    /// Says, field by field, what to do when a field is left empty or its choice
    /// is missing: "Wybierz wynik obsługi", "Wpisz pytanie klienta".
    pub fn asking(mut self, asks: &[(&'static str, &'static str)]) -> FormErrors {
        self.asks = asks.to_vec();
        self
    }

    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            let message = message.into();
            let message = match self.asks.iter().find(|(f, _)| *f == field) {
                Some((_, ask)) if generic(&message) => (*ask).to_owned(),
                _ => message,
            };
            self.messages.push((field, message));
        }
    }

    /// Keeps the value, or records the message and returns an empty string.
    pub fn take(&mut self, field: &'static str, result: Result<String, String>) -> String {
        result.unwrap_or_else(|message| {
            self.add(field, message);
            String::new()
        })
    }

    /// A choice from a list (a `<select>`, radios): None when left empty, and "choose
    /// one of the options" when it is not one of those offered (`known`).
    pub fn choice(&mut self, field: &'static str, raw: &str, known: impl Fn(Uuid) -> bool, t: &Texts) -> Option<Uuid> {
        if raw.is_empty() {
            return None;
        }
        let found = raw.parse::<Uuid>().ok().filter(|id| known(*id));
        if found.is_none() {
            self.add(field, t.field_choose);
        }
        found
    }

    /// A Polish phone number typed in `field`: None when left empty, and a message
    /// when it is not one (the caller decides whether the field is required).
    pub fn phone(&mut self, field: &'static str, raw: &str, t: &Texts) -> Option<PhoneNumber> {
        if raw.is_empty() || self.get(field).is_some() {
            return None;
        }
        let parsed = PhoneNumber::parse(raw);
        if parsed.is_none() {
            self.add(field, t.phone_invalid);
        }
        parsed
    }

    /// A PESEL typed in `field`: None when left empty (or already wrong), and the
    /// precise reason when it is not one (length, check digit, date of birth).
    pub fn pesel(&mut self, field: &'static str, raw: &str, t: &Texts) -> Option<Pesel> {
        if raw.is_empty() || self.get(field).is_some() {
            return None;
        }
        match Pesel::parse(raw) {
            Ok(p) => Some(p),
            Err(e) => {
                self.add(
                    field,
                    match e {
                        PeselError::Length => t.pesel_length,
                        PeselError::CheckDigit => t.pesel_check_digit,
                        PeselError::Date => t.pesel_date,
                    },
                );
                None
            }
        }
    }

    /// A date typed as 21.11.2026 (or 2026-11-21 from a date field): None when left
    /// empty, and a message when it is not a date.
    pub fn date(&mut self, field: &'static str, raw: &str, t: &Texts) -> Option<NaiveDate> {
        if raw.trim().is_empty() || self.get(field).is_some() {
            return None;
        }
        let parsed = parse_date(raw.trim());
        if parsed.is_none() {
            self.add(field, t.audit_bad_date);
        }
        parsed
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.messages.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// (field, "Label: message") for the error summary; a field's own request
    /// already names it, so it stands alone.
    pub fn summary(&self) -> Vec<(&'static str, String)> {
        self.messages
            .iter()
            .map(|(field, message)| {
                let asked = self.asks.iter().any(|(f, ask)| f == field && ask == message);
                match self.labels.iter().find(|(f, _)| f == field) {
                    Some((_, label)) if !asked => (*field, format!("{label}: {message}")),
                    _ => (*field, message.clone()),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn decodes_percent_escapes_and_plus() {
        let form = FormData::parse(b"name=Zofia+Kr%C3%B3l&x=%zz&empty=&flag");
        assert_eq!(form.raw("name"), Some("Zofia Król"));
        assert_eq!(form.raw("x"), Some("%zz"));
        assert_eq!(form.raw("empty"), Some(""));
        assert!(form.checked("flag"));
        assert_eq!(form.raw("missing"), None);
    }

    #[test]
    fn invalid_utf8_and_nul_bytes_are_messages_not_failures() {
        let form = FormData::parse(b"a=%FF%FE&b=ab%00cd&c=ok");
        assert_eq!(form.text("a", 10, &EN), Err(EN.field_bad_chars.to_owned()));
        assert_eq!(form.text("b", 10, &EN), Err(EN.field_bad_chars.to_owned()));
        assert_eq!(form.text("c", 10, &EN), Ok("ok".to_owned()));
        assert_eq!(form.password("b", &EN), Err(EN.field_bad_chars.to_owned()));
    }

    #[test]
    fn length_is_counted_in_characters_and_required_fields_must_be_filled() {
        let form = FormData::parse("a=żółw&b=+++".as_bytes());
        assert_eq!(form.text("a", 4, &EN), Ok("żółw".to_owned()));
        assert!(form.text("a", 3, &EN).unwrap_err().contains('3'));
        assert_eq!(form.required("b", 10, &EN), Err(EN.field_required.to_owned()));
        assert_eq!(form.required("nope", 10, &EN), Err(EN.field_required.to_owned()));
    }

    #[test]
    fn repeated_fields_keep_every_value() {
        let form = FormData::parse(b"role=clerk&role=admin");
        assert_eq!(form.all("role"), vec!["clerk", "admin"]);
    }

    #[test]
    fn dates_are_read_in_both_common_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21);
        assert_eq!(parse_date("2026-11-21"), d);
        assert_eq!(parse_date("21.11.2026"), d);
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn a_least_length_is_explained_with_the_right_polish_plural() {
        let form = FormData::parse("a=X&b=ul.".as_bytes());
        assert_eq!(form.required_between("a", 2, 200, &crate::i18n::PL), Err("Wpisz co najmniej 2 znaki".to_owned()));
        assert_eq!(form.required_between("b", 5, 300, &crate::i18n::PL), Err("Wpisz co najmniej 5 znaków".to_owned()));
    }

    #[test]
    fn passwords_are_not_trimmed() {
        let form = FormData::parse(b"p=+secret+");
        assert_eq!(form.password("p", &EN), Ok(" secret ".to_owned()));
    }
}
