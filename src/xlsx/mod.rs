//! Workbooks written (`.xlsx`, with rust_xlsxwriter): the exports, the
//! template a ministry fills in (`template`), the rejects of a workbook
//! import, and reports (`report::render::xlsx`).
//!
//! One way to draw a table, [`Table`]: a bold header, frozen, with filters;
//! each cell typed from its column's [`Value`] (dates as dates, progress and
//! counts as numbers, rates as percentages), text as written (a cell that
//! starts with `=` is text, never a formula); widths that fit Korean text
//! (a Hangul or CJK character is two columns wide). Where a table's rows
//! come from and what the file is named is the caller's business; a
//! workbook goes to a file only, never to a terminal ([`save`]).

pub mod template;

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::columns::{Column, Lang, Value};
use crate::error::{Error, Result};
use crate::export::{export_cell, Destination};

/// The widest a column is made, in characters.
const MAX_WIDTH: f64 = 50.0;

/// The formats of the cells.
pub struct Formats {
    pub header: Format,
    pub date: Format,
    pub progress: Format,
    pub rate: Format,
    pub text: Format,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_align(FormatAlign::Center),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            progress: Format::new().set_num_format("0"),
            rate: Format::new().set_num_format("0.0%"),
            text: Format::new(),
        }
    }
}

/// A table being written to a sheet: header on the first row, rows below.
pub struct Table {
    widths: Vec<f64>,
    /// The next row to write.
    pub row: u32,
    formats: Formats,
    /// Data cells as data (empty where absent, words in English), or as
    /// people read them in a language.
    people: Option<Lang>,
}

impl Table {
    /// Writes `headers` as the header row of `ws`.
    pub fn start(ws: &mut Worksheet, headers: &[&str], people: Option<Lang>) -> Result<Table> {
        let formats = Formats::default();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c)?, *h, &formats.header)
                .map_err(xlsx_error)?;
        }
        Ok(Table {
            widths: headers.iter().map(|h| width(h) + 2.0).collect(),
            row: 1,
            formats,
            people,
        })
    }

    /// The header row of `columns` in `lang`.
    pub fn of_columns<R>(
        ws: &mut Worksheet,
        columns: &[Column<R>],
        lang: Option<Lang>,
    ) -> Result<Table> {
        let headers: Vec<&str> = columns
            .iter()
            .map(|c| lang.map_or(c.key, |l| c.title(l)))
            .collect();
        Table::start(ws, &headers, lang)
    }

    /// One row: each column's value of `row`.
    pub fn line<R>(&mut self, ws: &mut Worksheet, columns: &[Column<R>], row: &R) -> Result<()> {
        for (c, column) in columns.iter().enumerate() {
            let value = (column.cell)(row);
            let value = match value {
                v if v.is_absent() => match self.people.map(|l| column.absent.get(l)) {
                    Some(absent) if !absent.is_empty() => Value::Text(absent.into()),
                    _ => v,
                },
                v => v,
            };
            self.cell(ws, c, value, None)?;
        }
        self.row += 1;
        Ok(())
    }

    /// One typed cell of the current row, in `format` if given.
    pub fn cell(
        &mut self,
        ws: &mut Worksheet,
        c: usize,
        value: Value<'_>,
        format: Option<&Format>,
    ) -> Result<()> {
        let (r, cc) = (self.row, col(c)?);
        let f = &self.formats;
        let shown = match value {
            Value::Text(t) => self.text(ws, (r, cc), &t, format)?,
            Value::Opt(Some(t)) => self.text(ws, (r, cc), t, format)?,
            Value::Date(Some(d)) => {
                ws.write_date_with_format(r, cc, d, format.unwrap_or(&f.date))
                    .map_err(xlsx_error)?;
                10.0
            }
            Value::Progress(Some(p)) => {
                ws.write_number_with_format(r, cc, f64::from(p), format.unwrap_or(&f.progress))
                    .map_err(xlsx_error)?;
                3.0
            }
            Value::Int(n) => {
                // Counts and codes far below 2^53: exact as a double.
                #[allow(clippy::cast_precision_loss)]
                ws.write_number_with_format(r, cc, n as f64, format.unwrap_or(&f.text))
                    .map_err(xlsx_error)?;
                n.to_string().len() as f64
            }
            Value::Rate(Some(x)) => {
                ws.write_number_with_format(r, cc, x, format.unwrap_or(&f.rate))
                    .map_err(xlsx_error)?;
                6.0
            }
            Value::Bool(b) => {
                ws.write_boolean(r, cc, b).map_err(xlsx_error)?;
                5.0
            }
            // Statuses and words in the table's language (codes for data).
            v @ (Value::Status(_) | Value::Change(..) | Value::Word(_) | Value::Words(_)) => {
                let t = v.data_in(self.people.unwrap_or(Lang::En));
                self.text(ws, (r, cc), &t, format)?
            }
            // Absent: an empty cell, formatted where the caller says so
            // (a template's cells to fill in).
            Value::Opt(None) | Value::Date(None) | Value::Progress(None) | Value::Rate(None) => {
                if let Some(format) = format {
                    ws.write_blank(r, cc, format).map_err(xlsx_error)?;
                }
                0.0
            }
        };
        if let Some(w) = self.widths.get_mut(c) {
            *w = w.max((shown + 2.0).min(MAX_WIDTH));
        }
        Ok(())
    }

    fn text(
        &self,
        ws: &mut Worksheet,
        (r, c): (u32, u16),
        t: &str,
        format: Option<&Format>,
    ) -> Result<f64> {
        // As a CSV export writes it: an import drops one `'` before `=`.
        let t = export_cell(t, false);
        ws.write_string_with_format(r, c, t.as_ref(), format.unwrap_or(&self.formats.text))
            .map_err(xlsx_error)?;
        Ok(t.lines().map(width).fold(0.0, f64::max))
    }

    /// Freezes the header, puts filters on it and sets the widths.
    pub fn finish(self, ws: &mut Worksheet) -> Result<()> {
        let last_col = col(self.widths.len().saturating_sub(1))?;
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        ws.autofilter(0, 0, self.row.saturating_sub(1).max(1), last_col)
            .map_err(xlsx_error)?;
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(col(c)?, *w).map_err(xlsx_error)?;
        }
        // Printed (or saved as PDF): A4 across, a page wide, the header
        // on every page.
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0).map_err(xlsx_error)?;
        Ok(())
    }
}

/// How wide `s` shows, in widths of a Latin digit: Hangul and other wide
/// characters as a terminal shows them (two), less a little, since a
/// spreadsheet's Hangul is narrower than two digits.
pub fn width(s: &str) -> f64 {
    let w = unicode_width::UnicodeWidthStr::width(s) as f64;
    let narrow = s.chars().filter(char::is_ascii).count() as f64;
    narrow + (w - narrow) * 0.85
}

fn col(c: usize) -> Result<u16> {
    u16::try_from(c).map_err(|_| Error::Other(format!("a workbook has no column {c}")))
}

/// A sheet name as spreadsheets allow it: at most 31 characters, none of
/// `[]:*?/\`.
pub fn sheet_name(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet".into()
    } else {
        clean
    }
}

pub fn xlsx_error(e: XlsxError) -> Error {
    Error::Other(format!("cannot write the workbook: {e}"))
}

/// Whether `path` names a workbook by its extension (`.xlsx`, `.xlsm`).
pub fn is_workbook_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

/// The refusal of a workbook with no `-o`: it is binary, not for a
/// terminal or a pipe of text.
pub fn needs_a_file(what: &str) -> Error {
    Error::Other(format!(
        "{what} writes a workbook, which is not text for the terminal; give the file with -o FILE.xlsx"
    ))
}

/// Writes `wb` to `path`, which appears only once complete.
pub fn save(wb: &mut Workbook, what: &str, path: &Path) -> Result<()> {
    let bytes = wb.save_to_buffer().map_err(xlsx_error)?;
    let mut dest = Destination::open(what, Some(path))?;
    std::io::Write::write_all(&mut dest, &bytes).map_err(|e| Error::io(path, e))?;
    dest.commit()
}

/// The rejects of a workbook import, as a workbook: the header and the
/// refused rows as they were read, each with its reason.
pub fn rejects(sheet: &str, headers: &[String], rows: &[Vec<String>]) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(sheet)).map_err(xlsx_error)?;
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::start(ws, &names, None)?;
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            table.cell(ws, c, Value::Text(cell.as_str().into()), None)?;
        }
        table.row += 1;
    }
    table.finish(ws)?;
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_is_wider() {
        assert_eq!(width("abc"), 3.0);
        assert_eq!(width("과제명"), 6.0 * 0.85);
        assert_eq!(width("esm-5 과제"), 6.0 + 4.0 * 0.85);
        assert_eq!(width("（％）"), 6.0 * 0.85);
    }

    #[test]
    fn sheet_names_are_made_valid() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name(&"가".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name(" "), "Sheet");
    }

    #[test]
    fn workbook_names_by_extension() {
        assert!(is_workbook_name(Path::new("x.XLSX")));
        assert!(is_workbook_name(Path::new("dir/x.xlsm")));
        assert!(!is_workbook_name(Path::new("x.csv")));
        assert!(!is_workbook_name(Path::new("xlsx")));
    }
}
