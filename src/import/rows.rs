//! Validation of one row at a time: every cell through `crate::parse` or the
//! reference lookups, cross-row rules (duplicates, a meeting's title and
//! date agreeing across rows, a parent defined earlier), and the result as
//! the store's input types. Nothing here writes.
//!
//! A row's verdict depends only on the database as it was when the file's
//! transaction began and on the rows before it (the valid ones are written
//! before it is checked, the refused ones remembered here), so a dry run, a
//! failing run and a real run agree.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::headers::{Columns, Field, Kind};
use super::reader::Row;
use crate::error::{InputError, RowError};
use crate::model::Status;
use crate::parse;
use crate::store::write::{Known, MeasureIn, MeetingIn};
use crate::store::UpdateInput;

/// A valid row, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Valid {
    Meeting(MeetingIn),
    /// A measures-file row: its meeting, the measure, and the status report
    /// it carries (`None` when it carries none, or only `planned` for a
    /// measure with no history).
    Measure {
        meeting: MeetingIn,
        measure: MeasureIn,
        update: Option<UpdateInput>,
    },
    /// An updates-file row (`None`: `planned` without a date for a measure
    /// with no history, which changes nothing).
    Update {
        measure_id: i32,
        /// The id of the meeting that announced the measure.
        meeting_id: i32,
        update: Option<UpdateInput>,
    },
}

impl Valid {
    /// The date of the status report the row carries, if any.
    pub fn reported_on(&self) -> Option<NaiveDate> {
        match self {
            Valid::Meeting(_) => None,
            Valid::Measure { update, .. } | Valid::Update { update, .. } => {
                update.as_ref().map(|u| u.reported_on)
            }
        }
    }

    /// The code and date of the meeting of the row's measure, once the row
    /// is written (a new meeting is known from then on).
    pub fn meeting<'k>(&self, known: &'k Known) -> Option<(&'k str, NaiveDate)> {
        let code = match self {
            Valid::Meeting(_) => return None,
            Valid::Measure { meeting, .. } => meeting.code.as_str(),
            Valid::Update { meeting_id, .. } => known.meeting_code(*meeting_id)?,
        };
        let (code, m) = known.meetings.get_key_value(code)?;
        Some((code.as_str(), m.held_on))
    }
}

/// The first valid row of a meeting in this file.
struct SeenMeeting {
    title: Option<String>,
    held_on: Option<NaiveDate>,
    line: u64,
}

/// Checks the rows of one file in order.
pub struct Checker<'a> {
    file: &'a str,
    kind: Kind,
    cols: &'a Columns,
    /// `--ministry`: the reporter of rows that name none.
    ministry: Option<i32>,
    meetings: HashMap<String, SeenMeeting>,
    /// Measure code → line of the refused rows so far that were the first
    /// with their code: duplicates are found among all rows, parents only
    /// among valid ones (which the database holds by now).
    refused: HashMap<String, u64>,
}

/// The errors of one row, collected cell by cell.
struct Errors<'a> {
    file: &'a str,
    line: u64,
    list: Vec<RowError>,
}

impl Errors<'_> {
    fn push(&mut self, column: &str, value: &str, reason: impl Into<String>) {
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
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, kind: Kind, cols: &'a Columns, ministry: Option<i32>) -> Self {
        Checker {
            file,
            kind,
            cols,
            ministry,
            meetings: HashMap::new(),
            refused: HashMap::new(),
        }
    }

    /// Adds the codes that `rows` name to `out`, for the lookup of their
    /// chunk: the measure and its parent, and the meeting (a new meeting's
    /// code must not be a measure's), once for a run of rows of one meeting.
    /// Cells that are not codes are left to `check`.
    pub fn codes(&self, rows: &[Row], out: &mut Vec<String>) {
        let mut last_meeting = None;
        for row in rows {
            for f in [Field::MeasureCode, Field::ParentCode] {
                self.push_code(row, f, out);
            }
            for f in [Field::MeetingCode, Field::Code] {
                let cell = self.cell(row, f);
                if cell.is_some() && cell != last_meeting {
                    last_meeting = cell;
                    self.push_code(row, f, out);
                }
            }
        }
    }

    fn push_code(&self, row: &Row, f: Field, out: &mut Vec<String>) {
        if let Some(Ok(code)) = self
            .cell(row, f)
            .filter(|s| !s.is_empty())
            .map(|s| parse::code("code", s))
        {
            out.push(code.as_str().to_string());
        }
    }

    /// Remembers a refused measures row as the first with its code, unless
    /// an earlier row had it.
    fn refuse(&mut self, code: String, line: u64, earlier: Option<u64>) {
        if earlier.is_none() {
            self.refused.insert(code, line);
        }
    }

    /// Whether every cell of the row is empty (such rows are skipped, as
    /// spreadsheets leave them at the end).
    pub fn is_blank(row: &Row) -> bool {
        row.record.iter().all(|c| c.trim().is_empty())
    }

    /// The verdict on one row.
    pub fn check(&mut self, row: &Row, known: &Known) -> Result<Valid, Vec<RowError>> {
        let mut errs = Errors {
            file: self.file,
            line: row.line,
            list: Vec::new(),
        };
        if let Some(text) = self.note_row(row) {
            errs.push(
                "(row)",
                text,
                "not a measure's row (its first cell is no code, and it has no status): delete \
                 notes, totals and other lines below the table",
            );
            return Err(errs.list);
        }
        let width = self.cols.found.len();
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
            let column = self
                .cols
                .found
                .get(i)
                .map(String::as_str)
                .unwrap_or("(row)");
            let cell = row.record.get(i).unwrap_or("");
            errs.push(
                column,
                cell,
                "contains a NUL character (U+0000); remove it (text may hold any other character)",
            );
            return Err(errs.list);
        }
        let valid = match self.kind {
            Kind::Measures => self.measure_row(row, known, &mut errs),
            Kind::Updates => self.update_row(row, known, &mut errs),
            Kind::Meetings => self.meeting_row(row, known, &mut errs),
        };
        match valid {
            Some(v) if errs.list.is_empty() => Ok(v),
            _ => Err(errs.list),
        }
    }

    /// The text of a note or total row of an updates or measures file
    /// (`※ 진척률은 6월 말 기준`, `합계`), as ministries add them below
    /// the table: its measure code cell holds something that is no code,
    /// and it has no status (nor, in a measures file, a title).
    fn note_row<'r>(&self, row: &'r Row) -> Option<&'r str> {
        let empty = |f: Field| self.cell(row, f).is_none_or(str::is_empty);
        // Checked cheapest first: nearly every row has a status or a title.
        if self.kind == Kind::Meetings
            || !empty(Field::Status)
            || (self.kind == Kind::Measures && !empty(Field::Title))
        {
            return None;
        }
        // A measures file's first column is the meeting's code.
        let text = [Field::MeetingCode, Field::MeasureCode]
            .into_iter()
            .filter(|f| self.kind == Kind::Measures || *f == Field::MeasureCode)
            .find_map(|f| self.cell(row, f).filter(|s| !s.is_empty()))?;
        parse::code("measure code", text).is_err().then_some(text)
    }

    /// The trimmed cell of `f`, with the `'` that `export --excel` puts
    /// before formula-like cells dropped (and trimmed again: a `'` before a
    /// tab keeps no value from starting with white space, which the next
    /// import would trim): `None` when the file has no such column.
    fn cell<'r>(&self, row: &'r Row, f: Field) -> Option<&'r str> {
        self.cols.get(f).map(|i| {
            let cell = row.record.get(i).unwrap_or("").trim();
            match crate::export::unexcel_cell(cell) {
                unquoted if unquoted.len() < cell.len() => unquoted.trim(),
                same => same,
            }
        })
    }

    /// The cell as optional text: `None` absent column, `Some(None)` empty.
    fn text(&self, row: &Row, f: Field) -> Option<Option<String>> {
        self.cell(row, f)
            .map(|s| (!s.is_empty()).then(|| s.to_string()))
    }

    /// A non-empty cell, parsed; empty or absent is `None`, a bad value an error.
    fn parsed<T>(
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

    /// A cell that must be there and valid.
    fn required<T>(
        &self,
        row: &Row,
        f: Field,
        errs: &mut Errors<'_>,
        parse: impl FnOnce(&str) -> Result<T, InputError>,
    ) -> Option<T> {
        let s = self.cell(row, f).unwrap_or("");
        parse(s)
            .map_err(|mut e| {
                // Below a row that named its meeting, an empty required cell
                // is most often a merged cell, which spreadsheets save empty
                // below its first row.
                if s.is_empty() && self.kind == Kind::Measures && !self.meetings.is_empty() {
                    e.why.push_str(
                        " (a merged cell is saved empty below its first row: unmerge it and \
                         fill the value into every row before saving)",
                    );
                }
                errs.input(self.cols.header(f), &e)
            })
            .ok()
    }

    fn non_empty(what: &'static str) -> impl Fn(&str) -> Result<String, InputError> {
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

    /// The status report columns of a row: status, progress, date, note,
    /// reporter. `planned` with neither date nor progress is no report (the
    /// state of a measure nobody has reported on), whatever the history: a
    /// file that holds such a row and a dated report of the same measure
    /// must import the second time unchanged, as it did the first.
    /// Returns `None` (no report) or the report, or `Err` on errors.
    fn report(
        &self,
        row: &Row,
        known: &Known,
        errs: &mut Errors<'_>,
    ) -> Result<Option<UpdateInput>, ()> {
        // An updates row is a report: its status is required.
        let status = match self.kind {
            Kind::Updates => self
                .required(row, Field::Status, errs, parse::status)
                .map(Some)
                .ok_or(()),
            _ => self.parsed(row, Field::Status, errs, parse::status),
        };
        let progress = self.parsed(row, Field::Progress, errs, parse::progress);
        let date = self.parsed(row, Field::ReportedOn, errs, parse::date);
        let by = self.parsed(row, Field::ReportedBy, errs, |s| {
            known.refs.agency_lookup.resolve(s)
        });
        let note = self.text(row, Field::Note).flatten();
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
            ] {
                if let Some(v) = given {
                    errs.push(
                        self.cols.header(f),
                        &v,
                        format!(
                            "given without a status; fill in {} or leave this cell empty",
                            self.cols.header(Field::Status)
                        ),
                    );
                }
            }
            return if errs.list.is_empty() {
                Ok(None)
            } else {
                Err(())
            };
        };
        let Some(reported_on) = date else {
            if status == Status::Planned && progress.is_none() {
                return Ok(None);
            }
            // The file may lack the column: then its name in this kind of file.
            let column = match (self.cols.get(Field::ReportedOn), self.kind) {
                (Some(_), _) => self.cols.header(Field::ReportedOn),
                (None, Kind::Measures) => "status_date",
                (None, _) => Field::ReportedOn.name(),
            };
            // A template row left as exported carries the current status
            // and no date: the usual slip of a ministry with nothing new.
            let untouched = match self.kind {
                Kind::Updates => {
                    "; a measure with nothing new: date its row all the same, or delete the row"
                }
                _ => "",
            };
            errs.push(
                column,
                "",
                format!(
                    "a status needs the date it speaks of: expected {column} (a date such as 2023-06-01, 2023.6.1 or 2023년 6월 1일){untouched}"
                ),
            );
            return Err(());
        };
        Ok(Some(UpdateInput {
            status,
            progress,
            reported_on,
            reported_by: by.or(self.ministry),
            note,
            import_id: None,
            keep_progress: !self.cols.has(Field::Progress),
            keep_note: !self.cols.has(Field::Note),
            keep_reporter: !self.cols.has(Field::ReportedBy),
        }))
    }

    fn measure_row(&mut self, row: &Row, known: &Known, errs: &mut Errors<'_>) -> Option<Valid> {
        use Field::*;
        let meeting = self.required(row, MeetingCode, errs, |s| parse::code("meeting code", s));
        let code = self.required(row, MeasureCode, errs, |s| parse::code("measure code", s));
        let meeting_title = self.text(row, MeetingTitle).flatten();
        let meeting_date = self
            .parsed(row, MeetingDate, errs, parse::date)
            .ok()
            .flatten();
        let title = self.required(row, Title, errs, Self::non_empty("title"));
        let category = self.required(row, Category, errs, |s| {
            known.refs.category_lookup.resolve(s)
        });
        let lead = self
            .parsed(row, LeadMinistry, errs, |s| {
                known.refs.agency_lookup.resolve(s)
            })
            .ok();
        let due = self.parsed(row, DueDate, errs, parse::due).ok();
        let parent = self
            .parsed(row, ParentCode, errs, |s| parse::code("parent code", s))
            .ok();
        let description = self.text(row, Description);

        let (Some(meeting), Some(code)) = (meeting, code) else {
            return None;
        };
        let (meeting, code) = (meeting.as_str().to_string(), code.as_str().to_string());
        // `show CODE` finds a measure or a meeting: one code, one thing.
        if known.meetings.contains_key(&code) || self.meetings.contains_key(&code) {
            errs.push(
                self.cols.header(MeasureCode),
                &code,
                crate::rules::MEASURE_CODE_IS_A_MEETINGS,
            );
        }
        self.meeting_is_a_measure(known, MeetingCode, &meeting, errs);

        // The measure: new in this file, and in its meeting if stored.
        let earlier = self
            .refused
            .get(&code)
            .copied()
            .or_else(|| known.earlier_line(&code));
        if let Some(line) = earlier {
            errs.push(
                self.cols.header(MeasureCode),
                &code,
                format!("duplicate measure code: already on line {line}"),
            );
        }
        if let Some(k) = known.measure(&code) {
            let theirs = known.meeting_code(k.meeting_id).unwrap_or("?");
            if theirs != meeting {
                errs.push(
                    self.cols.header(MeetingCode),
                    &meeting,
                    format!("measure {code} belongs to meeting {theirs}; a measure cannot move to another meeting"),
                );
            }
        }

        // The meeting: the same title and date on every row of this file;
        // a new one needs both on its first row. A row whose meeting cells
        // are good defines the meeting even if another cell is bad, so that
        // one mistake is reported once, not again on every later row.
        let date_cell_bad =
            meeting_date.is_none() && !self.cell(row, MeetingDate).unwrap_or("").is_empty();
        if let Some(seen) = self.meetings.get_mut(&meeting) {
            match (&meeting_title, &seen.title) {
                (Some(t), Some(first)) if t != first => errs.push(
                    self.cols.header(MeetingTitle),
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
                    self.cols.header(MeetingDate),
                    &d.to_string(),
                    format!("meeting {meeting} is dated {first} on line {}", seen.line),
                ),
                (Some(d), None) => seen.held_on = Some(d),
                _ => {}
            }
        } else if !known.meetings.contains_key(&meeting)
            && (meeting_title.is_none() || meeting_date.is_none())
        {
            if meeting_title.is_none() {
                errs.push(
                    self.cols.header(MeetingTitle),
                    "",
                    format!("meeting {meeting} is new: its first row needs meeting_title"),
                );
            }
            if meeting_date.is_none() && !date_cell_bad {
                errs.push(
                    self.cols.header(MeetingDate),
                    "",
                    format!("meeting {meeting} is new: its first row needs meeting_date"),
                );
            }
        } else if !date_cell_bad {
            self.meetings.insert(
                meeting.clone(),
                SeenMeeting {
                    title: meeting_title.clone(),
                    held_on: meeting_date,
                    line: row.line,
                },
            );
        }
        // What this row says of its meeting, completed by the row that
        // defined it (which may have been refused for another cell).
        let (meeting_title, meeting_date) = match self.meetings.get(&meeting) {
            Some(seen) => (
                meeting_title.or_else(|| seen.title.clone()),
                meeting_date.or(seen.held_on),
            ),
            None => (meeting_title, meeting_date),
        };

        // The parent: defined on an earlier line or stored, same meeting.
        if let Some(Some(p)) = &parent {
            let p = p.as_str();
            let parent_meeting = known
                .measure(p)
                .map(|k| known.meeting_code(k.meeting_id).unwrap_or("?"));
            if p == code {
                errs.push(
                    self.cols.header(ParentCode),
                    p,
                    "a measure cannot be its own parent",
                );
            } else if let Some(pm) = parent_meeting {
                if pm != meeting {
                    errs.push(
                        self.cols.header(ParentCode),
                        p,
                        crate::rules::parent_in_another_meeting(pm, &meeting),
                    );
                }
            } else if let Some(line) = self.refused.get(p) {
                errs.push(
                    self.cols.header(ParentCode),
                    p,
                    format!("the parent's own row (line {line}) is refused"),
                );
            } else {
                errs.push(
                    self.cols.header(ParentCode),
                    p,
                    "no such measure in the database or on an earlier line of this file",
                );
            }
        }

        let update = self.report(row, known, errs);

        let (Some(title), Some(category), Some(lead), Some(due), Some(parent), Ok(update)) =
            (title, category, lead, due, parent, update)
        else {
            self.refuse(code, row.line, earlier);
            return None;
        };
        if !errs.list.is_empty() {
            self.refuse(code, row.line, earlier);
            return None;
        }
        let present = |f: Field| self.cols.has(f);
        Some(Valid::Measure {
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
                parent: present(ParentCode).then(|| parent.map(|c| c.as_str().to_string())),
                title,
                description,
                category_id: category,
                lead_ministry_id: present(LeadMinistry).then_some(lead),
                due_date: present(DueDate).then_some(due),
            },
            update,
        })
    }

    fn update_row(&mut self, row: &Row, known: &Known, errs: &mut Errors<'_>) -> Option<Valid> {
        let code = self.required(row, Field::MeasureCode, errs, |s| {
            parse::code("measure code", s)
        });
        let stored = code.as_ref().and_then(|c| {
            let k = known.measure(c.as_str());
            if k.is_none() && known.meetings.contains_key(c.as_str()) {
                errs.push(
                    self.cols.header(Field::MeasureCode),
                    c.as_str(),
                    format!(
                        "is a meeting's code: a report names one of its measures (`policy-track list --meeting {c}`)"
                    ),
                );
            } else if k.is_none() {
                let near = crate::error::hint(known.suggestion(c.as_str()));
                errs.push(
                    self.cols.header(Field::MeasureCode),
                    c.as_str(),
                    format!("no such measure{near}; import its measures file first"),
                );
            }
            k
        });
        let update = self.report(row, known, errs);
        let (Some(code), Some(stored), Ok(update)) = (code, stored, update) else {
            return None;
        };
        if let Some(u) = &update {
            if let Some(line) = known.earlier_report(stored.id, u.reported_on) {
                errs.push(
                    self.cols.header(Field::ReportedOn),
                    &u.reported_on.to_string(),
                    format!("a second report for {code} on this date: already on line {line}"),
                );
                return None;
            }
        }
        Some(Valid::Update {
            measure_id: stored.id,
            meeting_id: stored.meeting_id,
            update,
        })
    }

    /// Refuses `code` in the column of `f` as a new meeting's code when it
    /// is a stored measure's (`show CODE` finds one thing); whether it did.
    fn meeting_is_a_measure(
        &self,
        known: &Known,
        f: Field,
        code: &str,
        errs: &mut Errors<'_>,
    ) -> bool {
        let clash = !known.meetings.contains_key(code) && known.measure(code).is_some();
        if clash {
            errs.push(
                self.cols.header(f),
                code,
                crate::rules::MEETING_CODE_IS_A_MEASURES,
            );
        }
        clash
    }

    fn meeting_row(&mut self, row: &Row, known: &Known, errs: &mut Errors<'_>) -> Option<Valid> {
        use Field::*;
        let pick = |a: Field, b: Field| if self.cols.has(a) { a } else { b };
        let (code_f, title_f, date_f) = (
            pick(Code, MeetingCode),
            pick(Title, MeetingTitle),
            pick(HeldOn, MeetingDate),
        );
        let code = self.required(row, code_f, errs, |s| parse::code("meeting code", s));
        let title = self.required(row, title_f, errs, Self::non_empty("title"));
        let held_on = self.required(row, date_f, errs, parse::date);
        let (code, title, held_on) = (code?, title?, held_on?);
        let code = code.as_str().to_string();
        if let Some(seen) = self.meetings.get(&code) {
            errs.push(
                self.cols.header(code_f),
                &code,
                format!("duplicate meeting code: already on line {}", seen.line),
            );
            return None;
        }
        if self.meeting_is_a_measure(known, code_f, &code, errs) {
            return None;
        }
        self.meetings.insert(
            code.clone(),
            SeenMeeting {
                title: None,
                held_on: None,
                line: row.line,
            },
        );
        Some(Valid::Meeting(MeetingIn {
            code,
            title: Some(title),
            held_on: Some(held_on),
            location: self.text(row, Location),
            chair: self.text(row, Chair),
            source: self.text(row, Source),
        }))
    }
}
