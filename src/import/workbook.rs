//! Workbooks as rows: `.xlsx`, `.xlsm`, `.xls` and `.ods` (told apart by
//! their content, read with calamine) behind the same [`RowSource`] as CSV,
//! so that validation and writing do not know which they read.
//!
//! What this module owns (SPEC §13): finding the sheet (the first whose
//! first rows hold a header of known columns, or `--sheet`); passing over
//! the title and unit lines above the header, empty rows and note rows
//! (a lone cell starting with `※`, `*` or `주)`), and saying so in one line;
//! merged cells (every cell of a region has the value of its first cell);
//! typed cells as text the checks read (a date cell as `2024-06-30`, a
//! percent cell as its percent, a formula as its cached value); and the
//! tags a template workbook carries ([`WorkbookTags`]). Rows are numbered
//! as the spreadsheet numbers them, and errors point at `file:SHEET!ROW`.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Range, Reader, Sheets, StyleRange};

use super::headers::Columns;
use super::reader::{FileHash, Row, RowSource};
use super::sniff::{is_hancom, is_ods, sniff};
use crate::error::{Error, Result};

/// The hidden sheet in which a template workbook keeps its tags: one
/// `key, value` pair a row (`ministry`, `round`). A sheet survives every
/// program that opens and saves the workbook (Excel, LibreOffice, Hancom
/// Cell), and every format calamine reads.
pub const TAGS_SHEET: &str = "policy-track";

/// How many rows from the top of a sheet may come before its header.
const HEADER_WITHIN: usize = 30;

/// What a template workbook says about itself: whose it is and, once
/// reporting rounds exist, for which round. The import takes the ministry
/// as the reporter of rows that name none, as `--ministry` does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkbookTags {
    pub ministry: Option<String>,
    pub round: Option<String>,
}

/// Merged regions by the rows they cover: for each, its first and last
/// column and its first cell (row, column).
type Merged = HashMap<u32, Vec<(u32, u32, (u32, u32))>>;

/// The lines of a sheet passed over around its table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassedOver {
    /// Non-empty lines above the header (a title, a unit).
    pub above: Vec<u64>,
    pub empty: u64,
    /// Note rows below or inside the table.
    pub notes: Vec<u64>,
}

/// One sheet of a workbook as rows.
pub struct WorkbookSource {
    range: Range<Data>,
    /// Styles of the sheet (`.xlsx` only), read when a number needs them.
    styles: Option<StyleRange>,
    /// Whether styles can be had at all (`.xlsx`).
    styled: bool,
    workbook: Option<Sheets<Cursor<Vec<u8>>>>,
    /// Merged regions by the rows they cover: (first column, last column,
    /// the region's first cell).
    merged: Merged,
    headers: Vec<String>,
    /// The next row to read, relative to the range.
    next: usize,
    hash: FileHash,
    pub sheet: String,
    /// `xlsx`, `xls` or `ods`: the summary's "encoding".
    pub format: &'static str,
    pub tags: WorkbookTags,
    /// The (absolute, 0-based) row of the header.
    pub header_row: u32,
    pub passed: PassedOver,
}

impl WorkbookSource {
    /// Opens the workbook at `path` (`file` names it in messages) and finds
    /// its sheet: `sheet` if given, else the first with a header.
    pub fn open(path: &Path, file: &str, sheet: Option<&str>) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let hash = FileHash::default();
        hash.update(&bytes);
        let ods_merged = if is_ods(&bytes) {
            super::ods::merged_regions(&bytes)
        } else {
            HashMap::new()
        };
        let mut wb = open_sheets(bytes, file)?;
        let format = match &wb {
            Sheets::Xlsx(_) => "xlsx",
            Sheets::Xls(_) => "xls",
            Sheets::Ods(_) => "ods",
            Sheets::Xlsb(_) => "xlsb",
        };
        let tags = read_tags(&mut wb);
        let names: Vec<String> = wb
            .sheet_names()
            .into_iter()
            .filter(|n| n != TAGS_SHEET)
            .collect();
        let candidates: Vec<String> = match sheet {
            Some(s) => {
                let s = s.trim();
                match names.iter().find(|n| n.as_str() == s || n.trim() == s) {
                    Some(n) => vec![n.clone()],
                    None => {
                        return Err(Error::Other(format!(
                            "--sheet {s:?}: {file} has no such sheet; its sheets are: {}",
                            names.join(", ")
                        )))
                    }
                }
            }
            None => names.clone(),
        };
        for name in &candidates {
            let range = wb
                .worksheet_range(name)
                .map_err(|e| broken(file, &e.to_string()))?;
            let Some((at, headers)) = find_header(&range, file)? else {
                continue;
            };
            let start = range.start().unwrap_or((0, 0));
            let merged = merged_regions(&mut wb, name, file, &ods_merged)?;
            let mut src = WorkbookSource {
                styled: matches!(wb, Sheets::Xlsx(_)),
                workbook: Some(wb),
                styles: None,
                range,
                merged,
                headers,
                next: at + 1,
                hash,
                sheet: name.clone(),
                format,
                tags,
                header_row: start.0 + at as u32,
                passed: PassedOver::default(),
            };
            src.passed.above = (0..at)
                .filter(|r| !src.raw_row_is_empty(*r))
                .map(|r| u64::from(start.0) + r as u64 + 1)
                .collect();
            src.count_passed_over();
            src.check_formulas(file)?;
            return Ok(src);
        }
        Err(Error::Other(match sheet {
            Some(s) => format!(
                "{file}: sheet {s:?} has no header row of known columns in its first {HEADER_WITHIN} rows; expected headers such as 과제코드, 과제명, 추진상황 (see the README for the columns)"
            ),
            None if names.is_empty() => format!("{file}: the workbook has no sheets; nothing was read"),
            None => format!(
                "{file}: no sheet has a header row of known columns in its first {HEADER_WITHIN} rows (sheets: {}); expected headers such as 과제코드, 과제명, 추진상황 (see the README), or name the sheet with --sheet",
                names.join(", ")
            ),
        }))
    }

    /// Refuses a formula with no saved result (written by a program that
    /// does not calculate, such as a script): its cell would read as empty
    /// and the value be lost without a word. (`.xls` and `.ods` files always
    /// carry results.)
    fn check_formulas(&mut self, file: &str) -> Result<()> {
        let Some(Sheets::Xlsx(wb)) = self.workbook.as_mut() else {
            return Ok(());
        };
        let Ok(formulas) = wb.worksheet_formula(&self.sheet) else {
            return Ok(());
        };
        let header = self.header_row;
        let missing = formulas.used_cells().find(|(r, c, f)| {
            let Some((r0, c0)) = formulas.start() else {
                return false;
            };
            let at = (r0 + *r as u32, c0 + *c as u32);
            !f.is_empty()
                && at.0 > header
                && is_blank(self.range.get_value(at).unwrap_or(&Data::Empty))
        });
        let Some((r, c, f)) = missing else {
            return Ok(());
        };
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        let (_, start_col) = self.range.start().unwrap_or((0, 0));
        let column = col
            .checked_sub(start_col)
            .and_then(|i| self.headers.get(i as usize))
            .cloned()
            .unwrap_or_default();
        Err(Error::Other(format!(
            "{}{}: {column}: ={f}: the formula has no saved result (the program that wrote the file did not calculate it); nothing was read (open the file in Excel or LibreOffice and save it again)",
            self.location(file),
            row + 1
        )))
    }

    /// Where a row of this sheet is, for messages: `file:SHEET!`, which the
    /// row number follows.
    pub fn location(&self, file: &str) -> String {
        format!("{file}:{}!", self.sheet)
    }

    /// How many rows the sheet has below its header.
    pub fn rows_below(&self) -> u64 {
        self.range.height().saturating_sub(self.next) as u64
    }

    /// The one line that says what was passed over, if anything was.
    pub fn passed_over_line(&self, file: &str) -> Option<String> {
        let p = &self.passed;
        // `2 lines above the header (rows 1, 2)`
        let rows = |what: &str, after: &str, rows: &[u64]| {
            let s = plural(rows.len() as u64);
            format!("{} {what}{s}{after} (row{s} {})", rows.len(), list(rows))
        };
        let mut parts = Vec::new();
        if !p.above.is_empty() {
            parts.push(rows("line", " above the header", &p.above));
        }
        if p.empty > 0 {
            parts.push(format!("{} empty row{}", p.empty, plural(p.empty)));
        }
        if !p.notes.is_empty() {
            parts.push(rows("note row", "", &p.notes));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "{file}: sheet {}, header on row {}: passed over {}",
                self.sheet,
                self.header_row + 1,
                parts.join(", ")
            )
        })
    }

    /// Whether the table passes over the row at absolute `abs`: `Some(true)`
    /// for a note, `Some(false)` for an empty row. What counts is what the
    /// row holds as written: a note is a lone cell, and the values merged
    /// regions give a row make it no row of the table.
    fn passed_over(&self, abs: u32) -> Option<bool> {
        let (_, col0) = self.range.start().unwrap_or((0, 0));
        let width = self.range.width() as u32;
        let mut cells = (0..width)
            .map(|c| {
                self.range
                    .get_value((abs, col0 + c))
                    .unwrap_or(&Data::Empty)
            })
            .filter(|d| !is_blank(d));
        match (cells.next(), cells.next()) {
            (None, _) if !self.merged.contains_key(&abs) => Some(false),
            (Some(Data::String(s)), None) if is_note(s) => Some(true),
            _ => None,
        }
    }

    /// Counts the rows below the header that the table passes over.
    fn count_passed_over(&mut self) {
        let (row0, _) = self.range.start().unwrap_or((0, 0));
        for r in self.next..self.range.height() {
            let abs = row0 + r as u32;
            match self.passed_over(abs) {
                Some(true) => self.passed.notes.push(u64::from(abs) + 1),
                Some(false) => self.passed.empty += 1,
                None => {}
            }
        }
    }

    fn raw_row_is_empty(&self, r: usize) -> bool {
        self.range.rows().nth(r).is_none_or(|cells| {
            cells.iter().all(|c| {
                matches!(c, Data::Empty) || matches!(c, Data::String(s) if s.trim().is_empty())
            })
        })
    }

    /// The value of the cell at absolute `(row, col)`, the first cell of
    /// its merged region for a cell a region covers.
    fn cell(&self, row: u32, col: u32) -> &Data {
        self.range
            .get_value(self.origin(row, col))
            .unwrap_or(&Data::Empty)
    }

    /// Whether the number at `(row, col)` is formatted as a percent; `None`
    /// where the format cannot be known (`.xls`, `.ods`).
    fn is_percent(&mut self, row: u32, col: u32) -> Option<bool> {
        if !self.styled {
            return None;
        }
        if self.styles.is_none() {
            let styles = self
                .workbook
                .as_mut()
                .and_then(|wb| wb.worksheet_style(&self.sheet).ok())
                .unwrap_or_default();
            self.styles = Some(styles);
        }
        let style = self.styles.as_ref().and_then(|s| s.get((row, col)))?;
        Some(
            style
                .number_format
                .as_ref()
                .is_some_and(|f| percent_format(&f.format_code)),
        )
    }
}

impl RowSource for WorkbookSource {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn read(&mut self, row: &mut Row) -> Result<bool> {
        let (row0, col0) = self.range.start().unwrap_or((0, 0));
        let width = self.range.width() as u32;
        while self.next < self.range.height() {
            let abs = row0 + self.next as u32;
            self.next += 1;
            if self.passed_over(abs).is_some() {
                continue;
            }
            row.line = u64::from(abs) + 1;
            row.record.clear();
            for c in 0..width {
                let text = self.text(abs, col0 + c);
                row.record.push_field(&text);
            }
            return Ok(true);
        }
        Ok(false)
    }

    fn position(&self) -> u64 {
        self.next as u64
    }

    fn sha256(&self) -> FileHash {
        self.hash.clone()
    }
}

impl WorkbookSource {
    /// The cell at absolute `(row, col)` as the text the checks read.
    fn text(&mut self, row: u32, col: u32) -> String {
        let value = self.cell(row, col).clone();
        match value {
            Data::Float(f) => {
                // A whole number above 1 is that number in any format; a
                // fraction, 0 or 1 may be a percent cell.
                let ambiguous = f.fract() != 0.0 || (0.0..=1.0).contains(&f);
                let at = self.origin(row, col);
                if ambiguous && self.is_percent(at.0, at.1) == Some(true) {
                    number(f * 100.0)
                } else {
                    number(f)
                }
            }
            other => cell_text(&other),
        }
    }

    /// The first cell of the merged region that covers `(row, col)`, or
    /// the cell itself.
    fn origin(&self, row: u32, col: u32) -> (u32, u32) {
        self.merged
            .get(&row)
            .and_then(|regions| regions.iter().find(|(a, b, _)| (*a..=*b).contains(&col)))
            .map_or((row, col), |(_, _, from)| *from)
    }
}

/// A cell as text, but for numbers whose format matters ([`WorkbookSource::text`]).
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if !dt.is_duration() => t.date().format("%Y-%m-%d").to_string(),
            _ => number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => match s.get(..10) {
            Some(d) if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() => d.to_string(),
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as a person would type it: `60`, `0.6`, `62.5` (the float
/// noise of `0.6 * 100` rounded away).
fn number(f: f64) -> String {
    let r = (f * 1e9).round() / 1e9;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Whether a number format shows a percent: a `%` outside quotes and
/// escapes (`0%`, `0.0%`, but not `"%"` as text).
fn percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A note under a table: `※ ...`, `* ...`, `주) ...`.
fn is_note(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with('※') || s.starts_with('*') || s.starts_with("주)")
}

/// The first row among the first [`HEADER_WITHIN`] that names two or more
/// known columns: its index in the range and its cells.
fn find_header(range: &Range<Data>, file: &str) -> Result<Option<(usize, Vec<String>)>> {
    for (i, cells) in range.rows().take(HEADER_WITHIN).enumerate() {
        let headers: Vec<String> = cells.iter().map(cell_text).collect();
        if headers.iter().filter(|h| !h.trim().is_empty()).count() < 2 {
            continue;
        }
        let cols = Columns::map(file, &headers)?;
        if cols.recognized() >= 2 {
            return Ok(Some((i, headers)));
        }
    }
    Ok(None)
}

/// The merged regions of `sheet`, by the rows they cover.
fn merged_regions(
    wb: &mut Sheets<Cursor<Vec<u8>>>,
    sheet: &str,
    file: &str,
    ods: &HashMap<String, Vec<Dimensions>>,
) -> Result<Merged> {
    let regions: Vec<Dimensions> = match wb {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map_err(|e| broken(file, &e.to_string()))?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Ods(_) => ods.get(sheet).cloned().unwrap_or_default(),
        // calamine does not report the regions of this format: its covered
        // cells read as empty.
        Sheets::Xlsb(_) => Vec::new(),
    };
    let mut by_row: Merged = HashMap::new();
    for d in regions {
        for r in d.start.0..=d.end.0 {
            by_row
                .entry(r)
                .or_default()
                .push((d.start.1, d.end.1, d.start));
        }
    }
    Ok(by_row)
}

/// The tags of the hidden [`TAGS_SHEET`], if the workbook has one.
fn read_tags(wb: &mut Sheets<Cursor<Vec<u8>>>) -> WorkbookTags {
    let mut tags = WorkbookTags::default();
    if !wb.sheet_names().iter().any(|n| n == TAGS_SHEET) {
        return tags;
    }
    let Ok(range) = wb.worksheet_range(TAGS_SHEET) else {
        return tags;
    };
    for cells in range.rows() {
        let key = cells.first().map(cell_text).unwrap_or_default();
        let value = cells.get(1).map(cell_text).unwrap_or_default();
        let value = value.trim();
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.trim() {
            "ministry" => tags.ministry = value,
            "round" => tags.round = value,
            _ => {}
        }
    }
    tags
}

/// The workbook in `bytes`, or what it is instead.
fn open_sheets(bytes: Vec<u8>, file: &str) -> Result<Sheets<Cursor<Vec<u8>>>> {
    let kind = sniff(&bytes);
    let hancom = is_hancom(&bytes);
    let opened = match kind {
        Some("zip") if is_ods(&bytes) => calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(Sheets::Ods)
            .map_err(|e: calamine::OdsError| e.to_string()),
        Some("zip") => calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(Sheets::Xlsx)
            .map_err(|e: calamine::XlsxError| e.to_string()),
        _ => calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e: calamine::XlsError| e.to_string()),
    };
    opened.map_err(|e| match hancom {
        Some(what) => Error::Other(format!(
            "{file}: this is {what}, not a workbook or CSV; nothing was read (open it in Hancom Office and save the table as .xlsx or CSV UTF-8)"
        )),
        None => broken(file, &e),
    })
}

fn broken(file: &str, why: &str) -> Error {
    Error::Other(format!(
        "{file}: cannot read the workbook ({why}); nothing was read (open it in Excel or LibreOffice and save it again as .xlsx)"
    ))
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `3, 4` or `3, 4, 5, … 40` (the first three and the last).
fn list(rows: &[u64]) -> String {
    let shown: Vec<String> = rows.iter().take(3).map(u64::to_string).collect();
    match rows.len() {
        0..=3 => shown.join(", "),
        _ => format!("{}, … {}", shown.join(", "), rows[rows.len() - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number(60.0), "60");
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(0.6 * 100.0), "60");
        assert_eq!(number(0.625 * 100.0), "62.5");
        assert_eq!(number(-3.0), "-3");
    }

    proptest::proptest! {
        /// A whole number reads as itself, and a percent cell's fraction
        /// (k / 100, as a spreadsheet stores k %) times 100 as k, without
        /// the float noise of the product.
        #[test]
        fn numbers_read_back_as_typed(n in -1_000_000i64..1_000_000, k in 0u32..=1000) {
            proptest::prop_assert_eq!(number(n as f64), n.to_string());
            let shown = number(f64::from(k) / 100.0 * 100.0);
            proptest::prop_assert_eq!(shown, k.to_string());
            let tenths = number(f64::from(k) / 1000.0 * 100.0);
            proptest::prop_assert_eq!(tenths.parse::<f64>().unwrap(), f64::from(k) / 10.0);
        }

        #[test]
        fn any_format_code_is_read_without_a_panic(code in ".{0,40}") {
            let _ = percent_format(&code);
        }
    }

    #[test]
    fn percent_formats_are_told_from_others() {
        for code in ["0%", "0.0%", "#,##0.00%", "[Red]0%"] {
            assert!(percent_format(code), "{code}");
        }
        for code in ["General", "0.00", "yyyy-mm-dd", "0\"%\"", "0\\%"] {
            assert!(!percent_format(code), "{code}");
        }
    }

    #[test]
    fn notes_are_lone_cells_with_a_mark() {
        assert!(is_note("※ 기준일: 6월 30일"));
        assert!(is_note(" * 잠정치"));
        assert!(is_note("주) 단위: %"));
        assert!(!is_note("주요내용"));
        assert!(!is_note("esm-5-01"));
    }

    #[test]
    fn long_row_lists_are_cut() {
        assert_eq!(list(&[1, 2]), "1, 2");
        assert_eq!(list(&[1, 2, 3, 4, 40]), "1, 2, 3, … 40");
    }
}
