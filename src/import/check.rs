//! Reading a row's cells for the checks of every kind of file: a cell
//! trimmed (and unquoted from `export --excel`), parsed through
//! `crate::parse` or the reference lookups, required or optional, the
//! errors of one row collected cell by cell, and the status report columns
//! that measures and updates files share. What each kind makes of its
//! cells is left to `kind/`; the rules they keep to `crate::rules`.

use super::headers::{Columns, Field};
use super::reader::Row;
use crate::error::{InputError, RowError};
use crate::model::Status;
use crate::parse;
use crate::store::write::Known;
use crate::store::UpdateInput;

/// The cells of the rows of one file.
pub struct Cells<'a> {
    /// The file as named in messages.
    pub file: &'a str,
    pub cols: &'a Columns,
}

/// The errors of one row, collected cell by cell.
pub struct Errors<'a> {
    pub(super) file: &'a str,
    pub(super) line: u64,
    pub(super) list: Vec<RowError>,
}

impl Errors<'_> {
    pub fn push(&mut self, column: &str, value: &str, reason: impl Into<String>) {
        self.list.push(RowError {
            file: self.file.to_string(),
            line: self.line,
            column: column.to_string(),
            value: value.to_string(),
            reason: reason.into(),
        });
    }

    fn input(&mut self, column: &str, e: &InputError) {
        self.push(column, &e.value, e.reason());
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl Cells<'_> {
    /// The header of `f` as the file spells it.
    pub fn header(&self, f: Field) -> &str {
        self.cols.header(f)
    }

    /// The trimmed cell of `f`, with the `'` that `export --excel` puts
    /// before formula-like cells dropped (and trimmed again: a `'` before a
    /// tab keeps no value from starting with white space, which the next
    /// import would trim): `None` when the file has no such column.
    pub fn cell<'r>(&self, row: &'r Row, f: Field) -> Option<&'r str> {
        self.cols.get(f).map(|i| {
            let cell = row.record.get(i).unwrap_or("").trim();
            match crate::export::unexcel_cell(cell) {
                unquoted if unquoted.len() < cell.len() => unquoted.trim(),
                same => same,
            }
        })
    }

    /// A non-empty cell as a value to store (`Some(Some(text))`); `None`
    /// for an empty cell or a column the file lacks, which leaves the
    /// stored value as it is (a blank never erases).
    pub fn given(&self, row: &Row, f: Field) -> Option<Option<String>> {
        self.text(row, f).flatten().map(Some)
    }

    /// The cell as optional text: `None` absent column, `Some(None)` empty.
    pub fn text(&self, row: &Row, f: Field) -> Option<Option<String>> {
        self.cell(row, f)
            .map(|s| (!s.is_empty()).then(|| s.to_string()))
    }

    /// A non-empty cell, parsed; empty or absent is `None`, a bad value an error.
    pub(crate) fn parsed<T>(
        &self,
        row: &Row,
        f: Field,
        errs: &mut Errors<'_>,
        parse: impl FnOnce(&str) -> Result<T, InputError>,
    ) -> Result<Option<T>, ()> {
        match self.cell(row, f) {
            None | Some("") => Ok(None),
            Some(s) => parse(s)
                .map(Some)
                .map_err(|e| errs.input(self.cols.header(f), &e)),
        }
    }

    /// A cell that must be there and valid. With `merged`, an empty cell
    /// is said to be most likely a merged cell (below a row that named its
    /// meeting, spreadsheets save a merged cell empty below its first row).
    pub fn required<T>(
        &self,
        row: &Row,
        f: Field,
        errs: &mut Errors<'_>,
        merged: bool,
        parse: impl FnOnce(&str) -> Result<T, InputError>,
    ) -> Option<T> {
        let s = self.cell(row, f).unwrap_or("");
        parse(s)
            .map_err(|mut e| {
                if s.is_empty() && merged {
                    e.why.push_str(
                        " (a merged cell is saved empty below its first row: unmerge it and \
                         fill the value into every row before saving)",
                    );
                }
                errs.input(self.cols.header(f), &e)
            })
            .ok()
    }

    /// The text of a note or total row (`※ 진척률은 6월 말 기준`, `합계`),
    /// as ministries add them below the table: none of `filled` has a value
    /// (checked first: nearly every row has one), and the first non-empty
    /// cell of `text` holds something that is no code.
    pub fn note_row<'r>(&self, row: &'r Row, filled: &[Field], text: &[Field]) -> Option<&'r str> {
        let empty = |f: Field| self.cell(row, f).is_none_or(str::is_empty);
        if text.is_empty() || !filled.iter().all(|f| empty(*f)) {
            return None;
        }
        let text = text
            .iter()
            .find_map(|f| self.cell(row, *f).filter(|s| !s.is_empty()))?;
        parse::code("measure code", text).is_err().then_some(text)
    }
}

/// A cell that must not be empty, as text.
pub fn non_empty(what: &'static str) -> impl Fn(&str) -> Result<String, InputError> {
    move |s: &str| {
        if s.is_empty() {
            Err(InputError::new(
                format!("empty {what}"),
                s,
                format!("a {what}"),
            ))
        } else {
            Ok(s.to_string())
        }
    }
}

/// How a kind of file reads its status report columns.
pub struct ReportColumns {
    /// Every row is a report: its status is required.
    pub status_required: bool,
    /// The name of the date column when the file lacks it.
    pub date_column: &'static str,
    /// Advice added when a status has no date.
    pub undated: &'static str,
    /// `--ministry` and `--round`.
    pub given: super::kind::Given,
}

/// The status report columns of a row: status, progress, date, note,
/// reporter. `planned` with neither date nor progress is no report (the
/// state of a measure nobody has reported on), whatever the history: a
/// file that holds such a row and a dated report of the same measure must
/// import the second time unchanged, as it did the first. Returns `None`
/// (no report) or the report, or `Err` on errors.
pub(crate) fn report(
    cells: &Cells<'_>,
    row: &Row,
    known: &Known,
    errs: &mut Errors<'_>,
    how: &ReportColumns,
) -> Result<Option<UpdateInput>, ()> {
    let status = if how.status_required {
        cells
            .required(row, Field::Status, errs, false, parse::status)
            .map(Some)
            .ok_or(())
    } else {
        cells.parsed(row, Field::Status, errs, parse::status)
    };
    let progress = cells.parsed(row, Field::Progress, errs, parse::progress);
    let date = cells.parsed(row, Field::ReportedOn, errs, parse::date);
    let by = cells.parsed(row, Field::ReportedBy, errs, |s| {
        known.refs.agency_lookup.resolve(s)
    });
    let note = cells.text(row, Field::Note).flatten();
    let evidence = cells.text(row, Field::Evidence).flatten();
    let (Ok(status), Ok(progress), Ok(date), Ok(by)) = (status, progress, date, by) else {
        return Err(());
    };
    let Some(status) = status else {
        // A measures row without a status carries no report; then it may
        // carry nothing else of one either.
        for (f, given) in [
            (Field::Progress, progress.map(|p| p.to_string())),
            (Field::ReportedOn, date.map(|d| d.to_string())),
            (Field::Note, note.clone()),
            (Field::Evidence, evidence.clone()),
        ] {
            if let Some(v) = given {
                errs.push(
                    cells.header(f),
                    &v,
                    format!(
                        "given without a status; fill in {} or leave this cell empty",
                        cells.header(Field::Status)
                    ),
                );
            }
        }
        return if errs.is_empty() { Ok(None) } else { Err(()) };
    };
    let Some(reported_on) = date else {
        if status == Status::Planned && progress.is_none() {
            return Ok(None);
        }
        // The file may lack the column: then its name in this kind of file.
        let column = match cells.cols.get(Field::ReportedOn) {
            Some(_) => cells.header(Field::ReportedOn),
            None => how.date_column,
        };
        errs.push(
            column,
            "",
            format!(
                "a status needs the date it speaks of: expected {column} (a date such as 2023-06-01, 2023.6.1 or 2023년 6월 1일){}",
                how.undated
            ),
        );
        return Err(());
    };
    Ok(Some(UpdateInput {
        status,
        progress,
        reported_on,
        reported_by: by.or(how.given.ministry),
        note,
        evidence,
        import_id: None,
        // The file's round (checked whole before its rows: known and open),
        // else --round.
        round: cells
            .cell(row, Field::Round)
            .filter(|s| !s.is_empty())
            .and_then(|s| parse::code("round", s).ok())
            .and_then(|c| known.round(c.as_str()).map(|r| r.id))
            .or(how.given.round),
        // A blank never erases: an empty cell, like a column the file
        // lacks, leaves the stored report's value as it is.
        keep_progress: true,
        keep_note: true,
        keep_reporter: true,
    }))
}

/// Whether the report `u` of the measure `code` (id `id`, `None` while it is
/// new) may answer the round it names: the round requested the measure.
/// The reason goes to the round's column, or to `--round`.
pub(crate) fn answers(
    cells: &Cells<'_>,
    known: &Known,
    errs: &mut Errors<'_>,
    code: &str,
    id: Option<i32>,
    u: &Option<UpdateInput>,
) -> bool {
    let Some(round) = u
        .as_ref()
        .and_then(|u| u.round)
        .and_then(|r| known.rounds.values().find(|k| k.id == r))
    else {
        return true;
    };
    match crate::rules::requested(round, code, id, known) {
        Ok(()) => true,
        Err(reason) => {
            let column = match cells.cols.get(Field::Round) {
                Some(_) => cells.header(Field::Round),
                None => "--round",
            };
            errs.push(column, &round.code, reason);
            false
        }
    }
}
