//! The status history: append a report, replace a corrected one, and keep the
//! measure's current status equal to its latest report.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use super::measures::{find, no_such_measure};
use super::{Db, MeasureRow, Store};
use crate::error::Result;
use crate::model::{NewStatusUpdate, Status};
use crate::schema::{agencies, measures, meetings, status_updates};

/// A status report to record.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateInput {
    pub status: Status,
    pub progress: Option<i32>,
    pub reported_on: NaiveDate,
    pub reported_by: Option<i32>,
    pub note: Option<String>,
    pub import_id: Option<i32>,
    /// The file has no progress column: a stored report of the same
    /// measure and date keeps its progress (a column a file lacks leaves
    /// the stored value alone). Never set on the command line, where a
    /// report replaces the one of its date whole.
    pub keep_progress: bool,
    /// The same for the note.
    pub keep_note: bool,
    /// The same for the reporter (a measures file has no reporter column).
    pub keep_reporter: bool,
}

impl UpdateInput {
    /// Whether a stored report with these fields says the same as this one
    /// (then recording this one changes nothing).
    pub(crate) fn same_as(
        &self,
        status: &str,
        progress: Option<i32>,
        reported_by: Option<i32>,
        note: &Option<String>,
    ) -> bool {
        status == self.status.code()
            && progress == self.progress
            && reported_by == self.reported_by
            && *note == self.note
    }

    /// This report as it is recorded over `stored`, the report already
    /// stored for its measure and date (progress, reporter, note): what the
    /// keep flags say the source has no column for stays as stored.
    pub(crate) fn over(&self, stored: Option<(Option<i32>, Option<i32>, Option<&str>)>) -> Self {
        let mut u = self.clone();
        if let Some((progress, reported_by, note)) = stored {
            if u.keep_progress && u.progress.is_none() {
                u.progress = progress;
            }
            if u.keep_reporter && u.reported_by.is_none() {
                u.reported_by = reported_by;
            }
            if u.keep_note && u.note.is_none() {
                u.note = note.map(str::to_string);
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

/// One history item as `show` prints it (README, "JSON output").
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    pub reported_on: NaiveDate,
    pub status: String,
    pub progress: Option<i32>,
    /// The reporting agency's Korean name.
    pub reported_by: Option<String>,
    pub note: Option<String>,
}

/// Records `u` for the measure `measure_id` whose current status is dated
/// `current`. Returns what happened, whether the measure's current status
/// moved to this report (see [`UpdateInput::supersedes`]), and for a
/// correction what it cleared: the fields the replaced report had that `u`
/// leaves empty ("progress", "reporter", "note").
pub(crate) fn record(
    conn: &mut Db,
    measure_id: i32,
    current: Option<NaiveDate>,
    u: &UpdateInput,
    now: NaiveDateTime,
) -> Result<(Outcome, bool, Vec<&'static str>)> {
    type Existing = (i32, String, Option<i32>, Option<i32>, Option<String>);
    let existing: Option<Existing> = status_updates::table
        .filter(status_updates::measure_id.eq(measure_id))
        .filter(status_updates::reported_on.eq(u.reported_on))
        .select((
            status_updates::id,
            status_updates::status,
            status_updates::progress,
            status_updates::reported_by_id,
            status_updates::note,
        ))
        .first(conn)
        .optional()?;
    let u = &u.over(
        existing
            .as_ref()
            .map(|(_, _, progress, by, note)| (*progress, *by, note.as_deref())),
    );
    let mut cleared = Vec::new();
    let outcome = match existing {
        Some((_, status, progress, by, note)) if u.same_as(&status, progress, by, &note) => {
            Outcome::Unchanged
        }
        Some((id, _, progress, by, note)) => {
            for (field, had, has) in [
                ("progress", progress.is_some(), u.progress.is_some()),
                ("reporter", by.is_some(), u.reported_by.is_some()),
                ("note", note.is_some(), u.note.is_some()),
            ] {
                if had && !has {
                    cleared.push(field);
                }
            }
            correct(conn, id, u, u.import_id, None, now)?;
            Outcome::Updated
        }
        None => {
            diesel::insert_into(status_updates::table)
                .values(&NewStatusUpdate {
                    measure_id,
                    status: u.status.code(),
                    progress: u.progress,
                    reported_on: u.reported_on,
                    reported_by_id: u.reported_by,
                    note: u.note.as_deref(),
                    import_id: u.import_id,
                    recorded_at: now,
                })
                .execute(conn)?;
            Outcome::Inserted
        }
    };
    let becomes_current = outcome != Outcome::Unchanged && u.supersedes(current);
    if becomes_current {
        diesel::update(measures::table.find(measure_id))
            .set((
                measures::status.eq(u.status.code()),
                measures::progress.eq(u.progress),
                measures::status_date.eq(u.reported_on),
                measures::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok((outcome, becomes_current, cleared))
}

/// Replaces the stored report `id` with `u`, a correction for the same
/// measure and date, from line `import_line` of the import `import_id`
/// (both `None` when it does not come from a file).
pub(crate) fn correct(
    conn: &mut Db,
    id: i32,
    u: &UpdateInput,
    import_id: Option<i32>,
    import_line: Option<i32>,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::update(status_updates::table.find(id))
        .set((
            status_updates::status.eq(u.status.code()),
            status_updates::progress.eq(u.progress),
            status_updates::reported_by_id.eq(u.reported_by),
            status_updates::note.eq(&u.note),
            status_updates::import_id.eq(import_id),
            status_updates::import_line.eq(import_line),
            status_updates::recorded_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A measure's reports, oldest first.
pub(crate) fn history(conn: &mut Db, measure_id: i32) -> Result<Vec<HistoryItem>> {
    type Row = (
        NaiveDate,
        String,
        Option<i32>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = status_updates::table
        .left_join(agencies::table)
        .filter(status_updates::measure_id.eq(measure_id))
        .order((status_updates::reported_on, status_updates::recorded_at))
        .select((
            status_updates::reported_on,
            status_updates::status,
            status_updates::progress,
            agencies::name_ko.nullable(),
            status_updates::note,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(reported_on, status, progress, reported_by, note)| HistoryItem {
                reported_on,
                status,
                progress,
                reported_by,
                note,
            },
        )
        .collect())
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
}

impl Store {
    /// Records one report for the measure `code`.
    pub fn update_status(&mut self, code: &str, u: &UpdateInput) -> Result<Recorded> {
        self.write(|c| {
            let Some(m) = find(c, code)? else {
                return Err(no_such_measure(c, code));
            };
            let (outcome, current, cleared) =
                record(c, m.id, m.status_date, u, Utc::now().naive_utc())?;
            let measure = find(c, code)?.unwrap_or(m);
            let meeting_held_on = meetings::table
                .filter(meetings::code.eq(&measure.meeting))
                .select(meetings::held_on)
                .first(c)?;
            Ok(Recorded {
                outcome,
                current,
                measure,
                meeting_held_on,
                cleared,
            })
        })
    }

    /// A measure's reports, oldest first.
    pub fn history(&mut self, measure: &MeasureRow) -> Result<Vec<HistoryItem>> {
        self.read(|c| history(c, measure.id))
    }
}
