//! The kinds of file, behind one trait: [`FileKind`] says which headers a
//! kind needs, what its chunks look up, how a row is checked into a valid
//! row, how a valid row is written through the writer, and which tables a
//! bulk load of it drops indexes on. One module per kind (`measures`,
//! `updates`, `meetings`); the pass (`apply.rs`) knows only the trait, and
//! the row checks common to every kind ([`Checker`]).
//!
//! A row's verdict depends only on the database as it was when the file's
//! transaction began and on the rows before it (the valid ones are written
//! before it is checked, the refused ones remembered by the kind), so a dry
//! run, a failing run and a real run agree.

mod measures;
mod meetings;
mod updates;

use chrono::NaiveDate;

use super::check::{Cells, Errors};
use super::headers::{Columns, Field, Kind};
use super::reader::Row;
use crate::error::{Result, RowError};
use crate::parse;
use crate::store::write::{BulkTable, Known, Lookup, Writer};
use crate::store::Outcome;
pub use measures::Measures;
pub use meetings::Meetings;
pub use updates::Updates;

/// What the command line gives every row of a file, resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given {
    /// `--ministry`: the reporter of rows that name none.
    pub ministry: Option<i32>,
    /// `--round`: the round that reports of rows naming none answer.
    pub round: Option<i32>,
}

/// Columns a kind needs: each entry one column, under any of its names.
pub type Required = &'static [&'static [Field]];

/// A row being checked, with what it is checked against.
pub struct At<'c, 'e> {
    pub cells: &'c Cells<'c>,
    pub row: &'c Row,
    pub known: &'c Known,
    pub errs: &'c mut Errors<'e>,
}

impl<'c, 'e> At<'c, 'e> {
    /// The row's cells, the row, what is known, and its errors.
    pub fn parts(&mut self) -> (&'c Cells<'c>, &'c Row, &'c Known, &mut Errors<'e>) {
        (self.cells, self.row, self.known, self.errs)
    }
}

/// One kind of file.
pub trait FileKind {
    /// A row checked, ready to write.
    type Valid;

    /// The columns it needs: each entry one column, under any of its names.
    const REQUIRED: Required;
    /// What each chunk looks up of the measures its rows name.
    const LOOKUP: Lookup;
    /// A row with one of these cells filled is never a note row.
    const FILLED: &'static [Field];
    /// The cells where a note row has its text (none: no note rows).
    const NOTE_TEXT: &'static [Field];

    /// The kind's state for one file, with what the command line gives
    /// every row.
    fn new(given: Given) -> Self;

    /// The tables a file of this kind writes many rows into.
    fn bulk_tables(cols: &Columns) -> Vec<BulkTable>;

    /// The verdict on one row whose shape is right; errors go to its
    /// `errs`.
    fn check(&mut self, at: &mut At<'_, '_>) -> Option<Self::Valid>;

    /// Writes one valid row; a row counts as inserted when its main thing
    /// is new, updated when anything it carries changed, else unchanged.
    fn write(w: &mut Writer<'_>, known: &mut Known, v: &Self::Valid, line: u64) -> Result<Outcome>;

    /// The date of the status report the row carries, if any.
    fn reported_on(v: &Self::Valid) -> Option<NaiveDate>;

    /// The code and date of the meeting of the row's measure, once the row
    /// is written (a new meeting is known from then on).
    fn meeting<'k>(v: &Self::Valid, known: &'k Known) -> Option<(&'k str, NaiveDate)>;
}

impl Kind {
    /// The columns a file of this kind needs (see [`FileKind::REQUIRED`]).
    pub fn required(self) -> Required {
        match self {
            Kind::Measures => Measures::REQUIRED,
            Kind::Updates => Updates::REQUIRED,
            Kind::Meetings => Meetings::REQUIRED,
        }
    }
}

/// Checks the rows of one file in order: the shape every row must have,
/// then the kind's own checks.
pub struct Checker<'a, K> {
    cells: Cells<'a>,
    kind: K,
}

impl<'a, K: FileKind> Checker<'a, K> {
    pub fn new(file: &'a str, cols: &'a Columns, given: Given) -> Self {
        Checker {
            cells: Cells { file, cols },
            kind: K::new(given),
        }
    }

    /// The first row of `rows` whose round cell names a round it cannot
    /// answer (unknown, closed, or another than `--round`, the round
    /// `given`), as one line: a template answers one round, so a file that
    /// names the wrong one is refused whole.
    pub fn wrong_round(&self, rows: &[Row], known: &Known, given: Option<&str>) -> Option<String> {
        let cells = &self.cells;
        cells.cols.get(Field::Round)?;
        rows.iter().find_map(|row| {
            let cell = cells.cell(row, Field::Round).filter(|s| !s.is_empty())?;
            let reason = match parse::code("round", cell) {
                Err(e) => e.reason(),
                Ok(code) => match crate::rules::round_open(code.as_str(), known) {
                    Err(reason) => reason,
                    Ok(_) => crate::rules::same_round(code.as_str(), given?).err()?,
                },
            };
            Some(format!(
                "{}:{}: {}: {cell}: {reason}",
                cells.file,
                row.line,
                cells.header(Field::Round)
            ))
        })
    }

    /// Adds the codes that `rows` name to `out`, for the lookup of their
    /// chunk: the measure and its parent, and the meeting (a new meeting's
    /// code must not be a measure's), once for a run of rows of one meeting.
    /// Cells that are not codes are left to `check`.
    pub fn codes(&self, rows: &[Row], out: &mut Vec<String>) {
        let mut last_meeting = None;
        for row in rows {
            for f in [Field::MeasureCode, Field::ParentCode, Field::Continues] {
                self.push_code(row, f, out);
            }
            for f in [Field::MeetingCode, Field::Code] {
                let cell = self.cells.cell(row, f);
                if cell.is_some() && cell != last_meeting {
                    last_meeting = cell;
                    self.push_code(row, f, out);
                }
            }
        }
    }

    fn push_code(&self, row: &Row, f: Field, out: &mut Vec<String>) {
        if let Some(Ok(code)) = self
            .cells
            .cell(row, f)
            .filter(|s| !s.is_empty())
            .map(|s| parse::code("code", s))
        {
            out.push(code.as_str().to_string());
        }
    }

    /// The verdict on one row.
    pub fn check(&mut self, row: &Row, known: &Known) -> Result<K::Valid, Vec<RowError>> {
        let mut errs = Errors {
            file: self.cells.file,
            line: row.line,
            list: Vec::new(),
        };
        if let Some(text) = self.cells.note_row(row, K::FILLED, K::NOTE_TEXT) {
            errs.push(
                "(row)",
                text,
                "not a measure's row (its first cell is no code, and it has no status): delete \
                 notes, totals and other lines below the table",
            );
            return Err(errs.list);
        }
        let cols = self.cells.cols;
        let width = cols.found.len();
        let n = row.record.len();
        if n < width || row.record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            errs.push(
                "(row)",
                &format!("{n} fields"),
                format!("the header has {width} columns; check the quoting and the delimiter"),
            );
            return Err(errs.list);
        }
        // NUL is no text in any spreadsheet, and PostgreSQL cannot store it:
        // refused on every backend alike.
        if let Some(i) = row.record.iter().position(|c| c.contains('\0')) {
            let column = cols.found.get(i).map(String::as_str).unwrap_or("(row)");
            let cell = row.record.get(i).unwrap_or("");
            errs.push(
                column,
                cell,
                "contains a NUL character (U+0000); remove it (text may hold any other character)",
            );
            return Err(errs.list);
        }
        let mut at = At {
            cells: &self.cells,
            row,
            known,
            errs: &mut errs,
        };
        match self.kind.check(&mut at) {
            Some(v) if errs.list.is_empty() => Ok(v),
            _ => Err(errs.list),
        }
    }
}
