//! Measures files: a row is a measure of a meeting (new or stored), maybe
//! with its meeting's title and date and a status report. Cross-row rules:
//! no code twice, a meeting's title and date the same on every row, a new
//! meeting's on its first, a parent defined earlier.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{At, FileKind, Given, Required};
use crate::error::Result;
use crate::import::check::{self, Cells, Errors, ReportColumns};
use crate::import::headers::{Columns, Field, Field as F};
use crate::import::reader::Row;
use crate::parse;
use crate::rules::{self, Parent};
use crate::store::write::{BulkTable, Known, Lookup, MeasureIn, MeetingIn, Writer};
use crate::store::{Outcome, UpdateInput};

/// A measures-file row: its meeting, the measure, and the status report it
/// carries (`None` when it carries none, or only `planned` for a measure
/// with no history).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    pub meeting: MeetingIn,
    pub measure: MeasureIn,
    pub update: Option<UpdateInput>,
}

/// The first row of a meeting in this file whose meeting cells are good.
struct SeenMeeting {
    title: Option<String>,
    held_on: Option<NaiveDate>,
    line: u64,
}

/// The state of a measures file's checks.
pub struct Measures {
    report: ReportColumns,
    meetings: HashMap<String, SeenMeeting>,
    /// Measure code → line of the refused rows so far that were the first
    /// with their code: duplicates are found among all rows, parents only
    /// among valid ones (which the database holds by now).
    refused: HashMap<String, u64>,
}

impl Measures {
    /// Remembers a refused row as the first with its code, unless an
    /// earlier row had it.
    fn refuse(&mut self, code: String, line: u64, earlier: Option<u64>) {
        if earlier.is_none() {
            self.refused.insert(code, line);
        }
    }

    /// The meeting: the same title and date on every row of this file; a
    /// new one needs both on its first row. A row whose meeting cells are
    /// good defines the meeting even if another cell is bad, so that one
    /// mistake is reported once, not again on every later row. Returns
    /// what the row says of its meeting, completed by the row that defined
    /// it (which may have been refused for another cell).
    fn meeting(
        &mut self,
        cells: &Cells<'_>,
        row: &Row,
        known: &Known,
        errs: &mut Errors<'_>,
        meeting: &str,
        given: (Option<String>, Option<NaiveDate>),
    ) -> (Option<String>, Option<NaiveDate>) {
        use Field::*;
        let (meeting_title, meeting_date) = given;
        let date_cell_bad =
            meeting_date.is_none() && !cells.cell(row, MeetingDate).unwrap_or("").is_empty();
        if let Some(seen) = self.meetings.get_mut(meeting) {
            match (&meeting_title, &seen.title) {
                (Some(t), Some(first)) if t != first => errs.push(
                    cells.header(MeetingTitle),
                    t,
                    format!(
                        "meeting {meeting} is titled {first:?} on line {}",
                        seen.line
                    ),
                ),
                (Some(t), None) => seen.title = Some(t.clone()),
                _ => {}
            }
            match (meeting_date, seen.held_on) {
                (Some(d), Some(first)) if d != first => errs.push(
                    cells.header(MeetingDate),
                    &d.to_string(),
                    format!("meeting {meeting} is dated {first} on line {}", seen.line),
                ),
                (Some(d), None) => seen.held_on = Some(d),
                _ => {}
            }
        } else if !known.meetings.contains_key(meeting)
            && (meeting_title.is_none() || meeting_date.is_none())
        {
            if meeting_title.is_none() {
                errs.push(
                    cells.header(MeetingTitle),
                    "",
                    rules::new_meeting_needs(meeting, "meeting_title"),
                );
            }
            if meeting_date.is_none() && !date_cell_bad {
                errs.push(
                    cells.header(MeetingDate),
                    "",
                    rules::new_meeting_needs(meeting, "meeting_date"),
                );
            }
        } else if !date_cell_bad {
            self.meetings.insert(
                meeting.to_string(),
                SeenMeeting {
                    title: meeting_title.clone(),
                    held_on: meeting_date,
                    line: row.line,
                },
            );
        }
        match self.meetings.get(meeting) {
            Some(seen) => (
                meeting_title.or_else(|| seen.title.clone()),
                meeting_date.or(seen.held_on),
            ),
            None => (meeting_title, meeting_date),
        }
    }
}

impl FileKind for Measures {
    type Valid = MeasureRow;

    const REQUIRED: Required = &[
        &[F::MeetingCode],
        &[F::MeasureCode],
        &[F::Title],
        &[F::Category],
    ];
    const LOOKUP: Lookup = Lookup::Whole;
    const FILLED: &'static [Field] = &[Field::Status, Field::Title];
    // A measures file's first column is the meeting's code.
    const NOTE_TEXT: &'static [Field] = &[Field::MeetingCode, Field::MeasureCode];

    fn new(given: Given) -> Self {
        Measures {
            report: ReportColumns {
                status_required: false,
                date_column: "status_date",
                undated: "",
                given,
            },
            meetings: HashMap::new(),
            refused: HashMap::new(),
        }
    }

    /// New measures and, with a status column, their reports.
    fn bulk_tables(cols: &Columns) -> Vec<BulkTable> {
        if cols.has(Field::Status) {
            vec![BulkTable::Measures, BulkTable::Reports]
        } else {
            vec![BulkTable::Measures]
        }
    }

    fn check(&mut self, at: &mut At<'_, '_>) -> Option<MeasureRow> {
        let (cells, row, known, errs) = at.parts();
        use Field::*;
        let merged = !self.meetings.is_empty();
        let meeting = cells.required(row, MeetingCode, errs, merged, |s| {
            parse::code("meeting code", s)
        });
        let code = cells.required(row, MeasureCode, errs, merged, |s| {
            parse::code("measure code", s)
        });
        let meeting_title = cells.text(row, MeetingTitle).flatten();
        let meeting_date = cells
            .parsed(row, MeetingDate, errs, parse::date)
            .ok()
            .flatten();
        // A stored measure keeps its title and category where the row
        // leaves them empty (a blank never erases).
        let stored = code.as_ref().and_then(|c| known.stored_measure(c.as_str()));
        let blank = |f: Field| cells.cell(row, f).is_none_or(str::is_empty);
        let title = match stored {
            Some(m) if blank(Title) => Some(m.title.clone()),
            _ => cells.required(row, Title, errs, merged, check::non_empty("title")),
        };
        let category = match stored {
            Some(m) if blank(Category) => Some(m.category_id),
            _ => cells.required(row, Category, errs, merged, |s| {
                known.refs.category_lookup.resolve(s)
            }),
        };
        let lead = cells
            .parsed(row, LeadMinistry, errs, |s| {
                known.refs.agency_lookup.resolve(s)
            })
            .ok();
        let due = cells.parsed(row, DueDate, errs, parse::due).ok();
        let parent = cells
            .parsed(row, ParentCode, errs, |s| parse::code("parent code", s))
            .ok();
        let continues = cells
            .parsed(row, Continues, errs, |s| parse::code("continues", s))
            .ok();
        let description = cells.given(row, Description);

        let (Some(meeting), Some(code)) = (meeting, code) else {
            return None;
        };
        let (meeting, code) = (meeting.as_str().to_string(), code.as_str().to_string());
        // `show CODE` finds a measure or a meeting: one code, one thing.
        if let Err(reason) = rules::measure_code(&code, known, self.meetings.contains_key(&code)) {
            errs.push(cells.header(MeasureCode), &code, reason);
        }
        if let Err(reason) = rules::meeting_code(&meeting, known) {
            errs.push(cells.header(MeetingCode), &meeting, reason);
        }

        // The measure: new in this file, and in its meeting if stored.
        let earlier = self
            .refused
            .get(&code)
            .copied()
            .or_else(|| known.earlier_line(&code));
        if let Some(line) = earlier {
            errs.push(
                cells.header(MeasureCode),
                &code,
                format!("duplicate measure code: already on line {line}"),
            );
        }
        if let Err(reason) = rules::stays_in_meeting(&code, &meeting, known) {
            errs.push(cells.header(MeetingCode), &meeting, reason);
        }

        let (meeting_title, meeting_date) = self.meeting(
            cells,
            row,
            known,
            errs,
            &meeting,
            (meeting_title, meeting_date),
        );

        // The parent: defined on an earlier line or stored, same meeting.
        if let Some(Some(p)) = &parent {
            let p = p.as_str();
            let reason = match rules::parent(Some(&code), p, &meeting, known) {
                Ok(_) => None,
                Err(Parent::Own) => Some(rules::OWN_PARENT.to_string()),
                Err(Parent::InAnotherMeeting(reason)) => Some(reason),
                Err(Parent::Unknown) => Some(match self.refused.get(p) {
                    Some(line) => format!("the parent's own row (line {line}) is refused"),
                    None => "no such measure in the database or on an earlier line of this file"
                        .to_string(),
                }),
            };
            if let Some(reason) = reason {
                errs.push(cells.header(ParentCode), p, reason);
            }
        }

        // The measure it continues: stored or defined on an earlier line,
        // of an earlier meeting.
        if let Some(Some(c)) = &continues {
            let held_on = meeting_date.or(known.meetings.get(&meeting).map(|m| m.held_on));
            let reason = match rules::continues(&code, c.as_str(), &meeting, held_on, known) {
                Ok(_) => None,
                Err(rules::Continues::NotEarlier(reason)) => Some(reason),
                Err(rules::Continues::Unknown) => Some(match self.refused.get(c.as_str()) {
                    Some(line) => format!("the row of {c} (line {line}) is refused"),
                    None => "no such measure in the database or on an earlier line of this file"
                        .to_string(),
                }),
            };
            if let Some(reason) = reason {
                errs.push(cells.header(Continues), c.as_str(), reason);
            }
        }

        let update = check::report(cells, row, known, errs, &self.report);
        if let Ok(u) = &update {
            let id = known.measure(code.as_str()).map(|k| k.id);
            check::answers(cells, known, errs, code.as_str(), id, u);
        }

        let (
            Some(title),
            Some(category),
            Some(lead),
            Some(due),
            Some(parent),
            Some(continues),
            Ok(update),
        ) = (title, category, lead, due, parent, continues, update)
        else {
            self.refuse(code, row.line, earlier);
            return None;
        };
        if !errs.is_empty() {
            self.refuse(code, row.line, earlier);
            return None;
        }
        Some(MeasureRow {
            meeting: MeetingIn {
                code: meeting.clone(),
                title: meeting_title,
                held_on: meeting_date,
                location: None,
                chair: None,
                source: None,
            },
            measure: MeasureIn {
                code,
                meeting,
                // A blank never erases: an empty cell leaves the stored
                // value as it is (`edit-measure` clears one).
                parent: parent.map(|c| Some(c.as_str().to_string())),
                title,
                description,
                category_id: category,
                lead_ministry_id: lead.map(Some),
                due_date: due.map(Some),
                continues: continues.map(|c| Some(c.as_str().to_string())),
            },
            update,
        })
    }

    /// Inserted when the measure is new, updated when anything the row
    /// carries (meeting, measure, report) changed, else unchanged.
    fn write(w: &mut Writer<'_>, known: &mut Known, v: &MeasureRow, line: u64) -> Result<Outcome> {
        let m = w.meeting(known, &v.meeting)?;
        let (o, u) = w.measure(known, &v.measure, v.update.as_ref(), line)?;
        Ok(if o == Outcome::Inserted {
            Outcome::Inserted
        } else if [m, o, u].iter().any(|x| *x != Outcome::Unchanged) {
            Outcome::Updated
        } else {
            Outcome::Unchanged
        })
    }

    fn reported_on(v: &MeasureRow) -> Option<NaiveDate> {
        v.update.as_ref().map(|u| u.reported_on)
    }

    fn meeting<'k>(v: &MeasureRow, known: &'k Known) -> Option<(&'k str, NaiveDate)> {
        let (code, m) = known.meetings.get_key_value(v.meeting.code.as_str())?;
        Some((code.as_str(), m.held_on))
    }
}
