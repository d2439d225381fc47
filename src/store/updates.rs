//! The status history as read (`show`), and what a report is: how one
//! compares with a stored report of its date, and when it becomes current.
//! Recording one is the writer's (`write/`).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::{Db, MeasureRow, Store};
use crate::error::Result;
use crate::model::Status;
use crate::schema::{agencies, status_updates};

/// A status report to record.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateInput {
    pub status: Status,
    pub progress: Option<i32>,
    pub reported_on: NaiveDate,
    pub reported_by: Option<i32>,
    pub note: Option<String>,
    /// Where the report's word can be checked (a URL, a document reference).
    pub evidence: Option<String>,
    pub import_id: Option<i32>,
    /// The reporting round the report answers (`rounds.id`), checked by
    /// the caller (`crate::rules`: open, and the measure requested). `None`
    /// names no round: a correction keeps the round of the report it
    /// replaces.
    pub round: Option<i32>,
    /// A report from a file: where it has no progress (an empty cell or
    /// no such column), a stored report of the same measure and date keeps
    /// its progress (a blank never erases). Never set on the command line,
    /// where a report replaces the one of its date whole (the replaced
    /// version stays in the change log).
    pub keep_progress: bool,
    /// The same for the note and the evidence.
    pub keep_note: bool,
    /// The same for the reporter (a measures file has no reporter column).
    pub keep_reporter: bool,
}

impl UpdateInput {
    /// Whether a stored report with these fields says the same as this one
    /// (then recording this one changes nothing).
    pub(crate) fn same_as(&self, status: &str, stored: StoredReport<'_>) -> bool {
        let (progress, reported_by, note, round, evidence) = stored;
        status == self.status.code()
            && progress == self.progress
            && reported_by == self.reported_by
            && note == self.note.as_deref()
            && round == self.round
            && evidence == self.evidence.as_deref()
    }

    /// This report as it is recorded over `stored`, the report already
    /// stored for its measure and date (progress, reporter, note, round,
    /// evidence):
    /// what the keep flags say the source has no column for stays as
    /// stored, and so does the round when this report names none.
    pub(crate) fn over(&self, stored: Option<StoredReport<'_>>) -> Self {
        let mut u = self.clone();
        if let Some((progress, reported_by, note, round, evidence)) = stored {
            if u.round.is_none() {
                u.round = round;
            }
            if u.keep_progress && u.progress.is_none() {
                u.progress = progress;
            }
            if u.keep_reporter && u.reported_by.is_none() {
                u.reported_by = reported_by;
            }
            if u.keep_note && u.note.is_none() {
                u.note = note.map(str::to_string);
            }
            if u.keep_note && u.evidence.is_none() {
                u.evidence = evidence.map(str::to_string);
            }
        }
        u
    }

    /// Whether this report, once recorded, becomes the current status of a
    /// measure whose current status is dated `current`: a report dated on or
    /// after it does (ties go to the later recorded, which this one is); an
    /// older report that arrives late goes into the history only.
    pub(crate) fn supersedes(&self, current: Option<NaiveDate>) -> bool {
        current.is_none_or(|d| self.reported_on >= d)
    }
}

/// A stored report's progress, reporter, note, round and evidence, as
/// [`UpdateInput::over`] and [`UpdateInput::same_as`] read them.
pub(crate) type StoredReport<'a> = (
    Option<i32>,
    Option<i32>,
    Option<&'a str>,
    Option<i32>,
    Option<&'a str>,
);

/// What recording a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A new report for that measure and date.
    Inserted,
    /// It replaced a different report for the same measure and date.
    Updated,
    /// An identical report was already there.
    Unchanged,
}

/// One history item as `show` prints it (README, "JSON output"), and a
/// report as `export updates` writes it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct HistoryItem {
    pub reported_on: NaiveDate,
    pub status: String,
    pub progress: Option<i32>,
    /// The reporting agency's Korean name.
    pub reported_by: Option<String>,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

/// The columns of a [`HistoryItem`], in its order, for a query over
/// status reports joined (left) to their reporter.
macro_rules! history_columns {
    () => {
        (
            status_updates::reported_on,
            status_updates::status,
            status_updates::progress,
            agencies::name_ko.nullable(),
            status_updates::note,
            status_updates::evidence,
        )
    };
}
pub(super) use history_columns;

/// A measure's reports, oldest first.
pub(crate) fn history(conn: &mut Db, measure_id: i32) -> Result<Vec<HistoryItem>> {
    Ok(status_updates::table
        .left_join(agencies::table)
        .filter(status_updates::measure_id.eq(measure_id))
        .order((status_updates::reported_on, status_updates::recorded_at))
        .select(history_columns!())
        .load(conn)?)
}

/// What [`Store::update_status`] did.
pub struct Recorded {
    pub outcome: Outcome,
    /// Whether the report is the measure's current status now.
    pub current: bool,
    /// The measure as it now stands.
    pub measure: MeasureRow,
    /// The day the measure's meeting was held.
    pub meeting_held_on: NaiveDate,
    /// For a correction, the fields the replaced report had and this one
    /// cleared, not given them ("progress", "reporter", "note").
    pub cleared: Vec<&'static str>,
    /// Why the report goes to the review queue (none: it does not).
    pub review: Vec<crate::review::Reason>,
}

impl Store {
    /// A measure's reports, oldest first.
    pub fn history(&mut self, measure: &MeasureRow) -> Result<Vec<HistoryItem>> {
        self.read(|c| history(c, measure.id))
    }
}
