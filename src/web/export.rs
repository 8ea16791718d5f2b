//! Tables (a report, a register), downloaded as CSV (UTF-8 with a BOM, for Excel) or XLSX
//! (one worksheet per table, numbers as numbers).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};

use crate::error::{AppError, Result};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Number(n as f64)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Number(f64::from(n))
    }
}

impl From<Option<f64>> for Cell {
    /// Rounded to two decimals; empty when there is no figure.
    fn from(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, |v| Cell::Number((v * 100.0).round() / 100.0))
    }
}

pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Table {
        Table { title: title.into(), columns: columns.iter().map(|c| (*c).to_owned()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(raw: &str) -> Option<ExportFormat> {
        match raw {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

/// What starts a formula in a spreadsheet's cell.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text a spreadsheet would take for a formula is written with a leading
/// apostrophe (CSV injection). A Polish Excel opens a CSV with `;` as its separator,
/// so a part after a `;` (or a `,` or a line break) is a cell of its own there: a
/// formula after one is defused too ("Dobrze;=1+1" is written "Dobrze;'=1+1"), so
/// whichever separator the spreadsheet splits at, no part starts a formula.
fn safe_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    let mut cell_start = true;
    for c in s.chars() {
        if cell_start && FORMULA.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        cell_start = matches!(c, ';' | ',' | '\n' | '\r' | '\t') || (cell_start && c == ' ');
    }
    out
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

pub fn csv(tables: &[Table]) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]);
    let err = |e: csv::Error| AppError::Internal(e.into());
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            out.write_record([""]).map_err(err)?;
        }
        // an untitled table starts with its column names (one-table files for other software)
        if !table.title.is_empty() {
            out.write_record([safe_text(&table.title)]).map_err(err)?;
        }
        out.write_record(table.columns.iter().map(|c| safe_text(c))).map_err(err)?;
        for row in &table.rows {
            out.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => safe_text(s),
                Cell::Number(n) => number_text(*n),
                Cell::Empty => String::new(),
            }))
            .map_err(err)?;
        }
    }
    out.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))
}

/// A worksheet's name: at most 31 characters, none of []:*?/\, unique in the book.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let base: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(28).collect();
    let base = if base.trim().is_empty() { "Arkusz".to_owned() } else { base.trim().to_owned() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.into());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut names = Vec::new();
    for table in tables {
        let name = sheet_name(&table.title, &names);
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(err)?;
        sheet.write_string_with_format(0, 0, &table.title, &bold).map_err(err)?;
        for (c, column) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(1, c as u16, column, &bold).map_err(err)?;
            sheet.set_column_width(c as u16, if c == 0 { 40 } else { 18 }).map_err(err)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 2, c as u16);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ()).map_err(err)?,
                    Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()).map_err(err)?,
                    Cell::Empty => {}
                }
            }
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A file name any system accepts: Polish letters without their marks, spaces as
/// dashes, nothing else but letters, digits, `-` and `_`.
fn file_name(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            ' ' => '-',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The download, named e.g. `arkusz-2026-11.xlsx`.
pub fn download(tables: &[Table], format: ExportFormat, name: &str) -> Result<Response> {
    let (body, kind, ext) = match format {
        ExportFormat::Csv => (csv(tables)?, "text/csv; charset=utf-8", "csv"),
        ExportFormat::Xlsx => {
            (xlsx(tables)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
        }
    };
    let file = file_name(name);
    let disposition = format!("attachment; filename=\"{file}.{ext}\"");
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_writes_each_table_with_its_title_and_defuses_formulas() {
        let mut t = Table::new("Arkusz", &["Wskaźnik", "Wartość"]);
        t.row(vec!["Obsłużeni".into(), 12i64.into()]);
        t.row(vec!["=HYPERLINK(\"x\")".into(), Some(4.256).into()]);
        t.row(vec!["Brak".into(), None.into()]);
        let text = String::from_utf8(csv(&[t]).unwrap()).unwrap();
        assert_eq!(text, "\u{feff}Arkusz\nWskaźnik,Wartość\nObsłużeni,12\n\"'=HYPERLINK(\"\"x\"\")\",4.26\nBrak,\n");
    }

    #[test]
    fn a_formula_after_a_separator_a_polish_excel_splits_at_is_defused_too() {
        // Polish Excel splits a line at ';': "Dobrze;=1+1" was a formula cell there.
        assert_eq!(safe_text("Dobrze;=1+1"), "Dobrze;'=1+1");
        assert_eq!(safe_text("a, +48 600"), "a, '+48 600");
        assert_eq!(safe_text("x\n@SUM(A1)"), "x\n'@SUM(A1)");
        assert_eq!(safe_text("-5 min"), "'-5 min");
        assert_eq!(safe_text("10-15 min; ok"), "10-15 min; ok", "a dash inside a word is no formula");
        let mut t = Table::new("", &["Komentarz"]);
        t.row(vec!["Dobrze;=1+1".into()]);
        let text = String::from_utf8(csv(&[t]).unwrap()).unwrap();
        assert!(text.ends_with("\nDobrze;'=1+1\n"), "{text:?}");
    }

    #[test]
    fn file_names_keep_polish_names_readable() {
        assert_eq!(file_name("arkusz-Michał Wójcik-2026-11"), "arkusz-michal-wojcik-2026-11");
        assert_eq!(file_name("Żółć \"/../x"), "zolc-x");
    }

    #[test]
    fn worksheet_names_are_legal_and_unique() {
        let taken = vec!["Trendy".to_owned()];
        assert_eq!(sheet_name("Trendy", &taken), "Trendy 2");
        assert_eq!(sheet_name("a/b:c", &[]), "abc");
        assert!(sheet_name(&"x".repeat(40), &[]).chars().count() <= 31);
    }
}
