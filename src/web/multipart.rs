//! Reading a `multipart/form-data` body (a form with a file) that is already in
//! memory and limited in size (`routes::body_limit`): its fields, and its files
//! with their names. Whatever does not parse is "no such field", never a failure.
//!
//! Why not `axum::extract::Multipart` (multer): the CSRF layer (`csrf::verify`)
//! must find the form's token in the body before any handler runs, so it reads the
//! whole body (limited by `routes::body_limit`) into memory first; the handler then
//! gets those bytes. A streaming parser buys nothing on a body already in memory,
//! and reading the token with it would mean parsing the body twice through a
//! stream in the layer as well. The forms are ours (one file, a few fields, at
//! most `MAX_PARTS`), so this reads just RFC 7578's `form-data` parts: no nested
//! `multipart/mixed`, no `Content-Transfer-Encoding`, no `filename*=` (browsers
//! send none of these). Should a form ever need more, switch both users (the layer
//! and `regulation::create_version`) to multer together.

use axum::body::Bytes;

use super::form::FormData;

/// The most parts a form of ours has; more is not a form of ours.
const MAX_PARTS: usize = 32;

/// One part of the body: a field, or a file when it has a file name.
#[derive(Debug)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub data: Bytes,
}

/// The boundary named in a `Content-Type: multipart/form-data; boundary=...`.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let value = param(params, "boundary")?;
    (!value.is_empty() && value.len() <= 70).then_some(value)
}

/// A parameter of a header (`name="x"; filename="a;b.pdf"`), quotes removed.
fn param(params: &str, wanted: &str) -> Option<String> {
    let mut rest = params.trim_start_matches([';', ' ']);
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let key = key.trim().trim_start_matches(';').trim();
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"')?;
            (quoted[..end].to_owned(), &quoted[end + 1..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        if key.eq_ignore_ascii_case(wanted) {
            return Some(value);
        }
        rest = next.trim_start_matches([';', ' ']);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > haystack.len() {
        return None;
    }
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// The parts of `body`, or None when it is not a well-formed multipart body.
pub fn parse(body: &Bytes, boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let mut pos = find(body, delimiter.as_bytes(), 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") {
            return Some(parts);
        }
        if !body[pos..].starts_with(b"\r\n") || parts.len() >= MAX_PARTS {
            return None;
        }
        let head_start = pos + 2;
        let head_end = find(body, b"\r\n\r\n", head_start)?;
        let head = std::str::from_utf8(&body[head_start..head_end]).ok()?;
        let data_start = head_end + 4;
        let data_end = find(body, next_delimiter.as_bytes(), data_start)?;
        let disposition = head.split("\r\n").find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim().eq_ignore_ascii_case("content-disposition").then_some(value.trim())
        })?;
        let (kind, params) = disposition.split_once(';')?;
        if !kind.trim().eq_ignore_ascii_case("form-data") {
            return None;
        }
        parts.push(Part {
            name: param(params, "name")?,
            file_name: param(params, "filename"),
            data: body.slice(data_start..data_end),
        });
        pos = data_end + next_delimiter.len();
    }
}

/// The fields (parts without a file name) as a form, read like any other.
pub fn fields(parts: &[Part]) -> FormData {
    FormData::from_pairs(parts.iter().filter(|p| p.file_name.is_none()).map(|p| (p.name.as_str(), &p.data[..])))
}

/// The first file sent in the field `name`; None when none was chosen (a browser
/// sends an empty part with an empty file name then).
pub fn file<'a>(parts: &'a [Part], name: &str) -> Option<&'a Part> {
    parts.iter().find(|p| p.name == name && p.file_name.as_deref().is_some_and(|f| !f.is_empty()) && !p.data.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Bytes {
        Bytes::from_static(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n\
              --XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nRegulamin \xc5\xbc\r\n\
              --XyZ\r\nContent-Disposition: form-data; name=\"pdf\"; filename=\"a;b.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--X\r\n\
              --XyZ\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n\
              --XyZ--\r\n",
        )
    }

    #[test]
    fn reads_fields_and_files_with_their_names() {
        let parts = parse(&body(), "XyZ").unwrap();
        assert_eq!(parts.len(), 4);
        let form = fields(&parts);
        assert_eq!(form.raw("_csrf"), Some("tok"));
        assert_eq!(form.raw("title"), Some("Regulamin ż"));
        let pdf = file(&parts, "pdf").unwrap();
        assert_eq!(pdf.file_name.as_deref(), Some("a;b.pdf"));
        assert_eq!(&pdf.data[..], b"%PDF-1.4\r\n--X");
        assert!(file(&parts, "empty").is_none(), "no file chosen");
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----WebKitFormBoundaryA1").as_deref(),
            Some("----WebKitFormBoundaryA1")
        );
        assert_eq!(boundary("multipart/form-data; boundary=\"a b\"").as_deref(), Some("a b"));
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
    }

    #[test]
    fn a_broken_body_is_no_form() {
        assert!(parse(&Bytes::from_static(b"nothing"), "XyZ").is_none());
        assert!(
            parse(&Bytes::from_static(b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"), "XyZ")
                .is_none()
        );
    }
}
