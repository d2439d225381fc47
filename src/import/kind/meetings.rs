//! Meetings files: a row is a meeting, new or stored, with all its fields.
//! Cross-row rule: no code twice.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{At, FileKind, Given, Required};
use crate::error::Result;
use crate::import::check;
use crate::import::headers::{Columns, Field, Field as F};
use crate::parse;
use crate::rules;
use crate::store::write::{BulkTable, Known, Lookup, MeetingIn, Writer};
use crate::store::Outcome;

/// The state of a meetings file's checks: the line of each code so far.
pub struct Meetings {
    seen: HashMap<String, u64>,
}

impl FileKind for Meetings {
    type Valid = MeetingIn;

    const REQUIRED: Required = &[
        &[F::Code, F::MeetingCode],
        &[F::Title, F::MeetingTitle],
        &[F::HeldOn, F::MeetingDate],
    ];
    const LOOKUP: Lookup = Lookup::Reports;
    const FILLED: &'static [Field] = &[];
    const NOTE_TEXT: &'static [Field] = &[];

    fn new(_: Given) -> Self {
        Meetings {
            seen: HashMap::new(),
        }
    }

    /// A meetings file is short: no bulk load.
    fn bulk_tables(_: &Columns) -> Vec<BulkTable> {
        Vec::new()
    }

    fn check(&mut self, at: &mut At<'_, '_>) -> Option<MeetingIn> {
        let (cells, row, known, errs) = at.parts();
        use Field::*;
        let pick = |a: Field, b: Field| if cells.cols.has(a) { a } else { b };
        let (code_f, title_f, date_f) = (
            pick(Code, MeetingCode),
            pick(Title, MeetingTitle),
            pick(HeldOn, MeetingDate),
        );
        let code = cells.required(row, code_f, errs, false, |s| parse::code("meeting code", s));
        // A stored meeting keeps its title and date where the row leaves
        // them empty (a blank never erases).
        let stored = code.as_ref().and_then(|c| known.meetings.get(c.as_str()));
        let blank = |f: Field| cells.cell(row, f).is_none_or(str::is_empty);
        let title = match stored {
            Some(m) if blank(title_f) => Some(m.title.clone()),
            _ => cells.required(row, title_f, errs, false, check::non_empty("title")),
        };
        let held_on = match stored {
            Some(m) if blank(date_f) => Some(m.held_on),
            _ => cells.required(row, date_f, errs, false, parse::date),
        };
        let (code, title, held_on) = (code?, title?, held_on?);
        let code = code.as_str().to_string();
        if let Some(line) = self.seen.get(&code) {
            errs.push(
                cells.header(code_f),
                &code,
                format!("duplicate meeting code: already on line {line}"),
            );
            return None;
        }
        if let Err(reason) = rules::meeting_code(&code, known) {
            errs.push(cells.header(code_f), &code, reason);
            return None;
        }
        self.seen.insert(code.clone(), row.line);
        Some(MeetingIn {
            code,
            title: Some(title),
            held_on: Some(held_on),
            location: cells.given(row, Location),
            chair: cells.given(row, Chair),
            source: cells.given(row, Source),
        })
    }

    fn write(w: &mut Writer<'_>, known: &mut Known, v: &MeetingIn, _: u64) -> Result<Outcome> {
        w.meeting(known, v)
    }

    fn reported_on(_: &MeetingIn) -> Option<NaiveDate> {
        None
    }

    fn meeting<'k>(_: &MeetingIn, _: &'k Known) -> Option<(&'k str, NaiveDate)> {
        None
    }
}
