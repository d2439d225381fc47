//! Updates files: a row is a status report of a stored measure. Cross-row
//! rule: one report a measure and date in one file.

use chrono::NaiveDate;

use super::{At, FileKind, Given, Required};
use crate::error::Result;
use crate::import::check::{self, ReportColumns};
use crate::import::headers::{Columns, Field, Field as F};
use crate::parse;
use crate::rules;
use crate::store::write::{BulkTable, Known, Lookup, Writer};
use crate::store::{Outcome, UpdateInput};

/// An updates-file row (`update` is `None` for `planned` without a date for
/// a measure with no history, which changes nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRow {
    pub measure_id: i32,
    /// The id of the meeting that announced the measure.
    pub meeting_id: i32,
    pub update: Option<UpdateInput>,
}

/// The state of an updates file's checks.
pub struct Updates {
    report: ReportColumns,
}

impl FileKind for Updates {
    type Valid = UpdateRow;

    const REQUIRED: Required = &[&[F::MeasureCode], &[F::Status], &[F::ReportedOn]];
    const LOOKUP: Lookup = Lookup::Suggest;
    const FILLED: &'static [Field] = &[Field::Status];
    const NOTE_TEXT: &'static [Field] = &[Field::MeasureCode];

    fn new(given: Given) -> Self {
        Updates {
            report: ReportColumns {
                status_required: true,
                date_column: Field::ReportedOn.name(),
                // A template row left as exported carries the current
                // status and no date: the usual slip of a ministry with
                // nothing new.
                undated:
                    "; a measure with nothing new: date its row all the same, or delete the row",
                given,
            },
        }
    }

    /// The reports, and every new report moves its measure's current
    /// status (the indexes over the other columns of `measures` stay).
    fn bulk_tables(_: &Columns) -> Vec<BulkTable> {
        vec![BulkTable::Reports, BulkTable::CurrentStatus]
    }

    fn check(&mut self, at: &mut At<'_, '_>) -> Option<UpdateRow> {
        let (cells, row, known, errs) = at.parts();
        let code = cells.required(row, Field::MeasureCode, errs, false, |s| {
            parse::code("measure code", s)
        });
        let stored = code.as_ref().and_then(|c| {
            let k = known.measure(c.as_str());
            if k.is_none() && known.meetings.contains_key(c.as_str()) {
                errs.push(
                    cells.header(Field::MeasureCode),
                    c.as_str(),
                    format!(
                        "is a meeting's code: a report names one of its measures (`policy-track list --meeting {c}`)"
                    ),
                );
            } else if k.is_none() {
                let near = crate::error::hint(known.suggestion(c.as_str()));
                errs.push(
                    cells.header(Field::MeasureCode),
                    c.as_str(),
                    format!("no such measure{near}; import its measures file first"),
                );
            }
            k
        });
        let update = check::report(cells, row, known, errs, &self.report);
        let (Some(code), Some(stored), Ok(update)) = (code, stored, update) else {
            return None;
        };
        if !check::answers(cells, known, errs, code.as_str(), Some(stored.id), &update) {
            return None;
        }
        if let Some(u) = &update {
            if let Err(reason) =
                rules::one_report_a_day(code.as_str(), stored.id, u.reported_on, known)
            {
                errs.push(
                    cells.header(Field::ReportedOn),
                    &u.reported_on.to_string(),
                    reason,
                );
                return None;
            }
        }
        Some(UpdateRow {
            measure_id: stored.id,
            meeting_id: stored.meeting_id,
            update,
        })
    }

    fn write(w: &mut Writer<'_>, known: &mut Known, v: &UpdateRow, line: u64) -> Result<Outcome> {
        match &v.update {
            Some(u) => Ok(w.report(known, v.measure_id, u, line)?.outcome),
            None => Ok(Outcome::Unchanged),
        }
    }

    fn reported_on(v: &UpdateRow) -> Option<NaiveDate> {
        v.update.as_ref().map(|u| u.reported_on)
    }

    fn meeting<'k>(v: &UpdateRow, known: &'k Known) -> Option<(&'k str, NaiveDate)> {
        let code = known.meeting_code(v.meeting_id)?;
        let (code, m) = known.meetings.get_key_value(code)?;
        Some((code.as_str(), m.held_on))
    }
}
