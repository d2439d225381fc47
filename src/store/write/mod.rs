//! The one writer: every change to meetings, measures and reports, from a
//! file or a command, goes through [`Writer`], inside one write
//! transaction (`BEGIN IMMEDIATE`; on PostgreSQL the write lock).
//!
//! - `mod.rs` (here): the session and its transactions, whether they
//!   commit ([`Commit`]), and what one row writes (a meeting, a measure, a
//!   report): insert / update / unchanged by comparing with what is stored.
//! - `cache.rs`: what is known of the stored rows ([`Known`]), loaded per
//!   chunk of rows.
//! - `batch.rs`: pending multi-row INSERTs, explicit ids, the flush, the
//!   current status from the latest report.
//! - `bulk.rs`: how a large file is loaded: on SQLite secondary indexes
//!   dropped and built again; on PostgreSQL `copy.rs`, its new rows through
//!   `COPY` and the current status moved set-based.
//! - `provenance.rs`: the lazily written `imports` row of a file.
//! - `log.rs`: the change log entries each change writes beside it, and
//!   a row's fields as they name them.
//! - `one.rs`, `edit.rs`: the commands' writes (add, update, edit,
//!   retract, remove); `undo.rs`: an import reversed.
//! - `revise.rs`: a measure's due date moved (a revision, with its day and
//!   reason) and the measure it continues (lineage), from a row or a
//!   command alike.
//! - `assess.rs`: the office's word on a report, and what of a write goes
//!   to the review queue.
//!
//! Rows arrive checked (`crate::rules`, applied by `crate::import` and the
//! commands); what is refused here is only what the rows would write
//! together (a cycle of parents). A command is a one-row batch.

mod assess;
mod batch;
mod bulk;
mod cache;
mod copy;
mod edit;
pub mod log;
mod one;
mod provenance;
mod revise;
mod round;
mod undo;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::bind::{Day, Stamp};
use super::updates::{Outcome, UpdateInput};
use super::{Db, Store};
use crate::error::{Error, Result};
use crate::model::{Meeting, NewMeeting, Status};
use crate::schema::{measures, meetings};
pub use assess::Assessed;
use batch::{Pending, PendingMeasure};
pub use bulk::{BulkTable, BULK_ROWS};
use cache::KnownReport;
pub use cache::{Known, KnownMeasure, KnownRound, Lookup};
pub use edit::{FieldChange, MeasureEdit};
use log::{
    input_version, measure_fields, meeting_fields, stored_version, whole, Action, Change, Entity,
    Fields,
};
pub use provenance::Provenance;
pub use revise::Why;
pub use round::{NewRound, Opened};
pub use undo::Undone;

/// Whether what a session writes stays: decided once, by the command.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Commit {
    /// Each file (or command) commits when it succeeds.
    #[default]
    Write,
    /// Everything runs in one outer transaction, rolled back at the end:
    /// each file is a savepoint of it, checked against the files before it
    /// as the real run would, and the figures are the real ones.
    DryRun,
}

/// One run of writes (the files of one `import`, or one command).
pub struct Session<'s> {
    store: &'s mut Store,
    commit: Commit,
}

impl Store {
    /// Runs `f` with a session whose writes commit or not as `commit`
    /// says.
    pub fn session<T>(
        &mut self,
        commit: Commit,
        f: impl FnOnce(&mut Session<'_>) -> Result<T>,
    ) -> Result<T> {
        match commit {
            Commit::Write => f(&mut Session {
                store: self,
                commit,
            }),
            Commit::DryRun => self.rolled_back(|store| f(&mut Session { store, commit })),
        }
    }

    /// Runs `f` with a writer of the command `command` (as the change log
    /// names it), committed when it succeeds.
    pub fn write_one<T>(
        &mut self,
        command: &'static str,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.session(Commit::Write, |s| s.write_as(command, None, f))
    }
}

impl Session<'_> {
    /// Runs `f` with a writer in one write transaction (a savepoint of a
    /// dry run's), committed when `f` succeeds and rolled back otherwise.
    /// `provenance` names the file the writes come from (`None`: a
    /// command). What `f` leaves pending is written before the commit.
    pub fn write<T>(
        &mut self,
        provenance: Option<Provenance>,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_as("import", provenance, f)
    }

    fn write_as<T>(
        &mut self,
        command: &'static str,
        provenance: Option<Provenance>,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = self.store.path.clone();
        bulk::bulk_cache(&mut self.store.conn).map_err(|e| super::db_error(&path, e))?;
        let commit = self.commit;
        let today = self.store.today;
        self.store.write(|c| {
            let clock = Utc::now().naive_utc();
            let now = today.map_or(clock, |d| d.and_time(clock.time()));
            let mut w = Writer {
                conn: c,
                now,
                stamp: Stamp::new(now),
                commit,
                command,
                provenance,
                import_id: None,
                undoing: None,
                why: None,
                next_measure_id: None,
                pending: Pending::default(),
                bulk: bulk::Bulk::default(),
            };
            let value = f(&mut w)?;
            w.flush()?;
            Ok(value)
        })
    }
}

/// A meeting to create or update. `None` fields were not given (keep what is
/// stored, or an empty cell); `Some(None)` clears it (`edit-meeting --location ''`).
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingIn {
    pub code: String,
    pub title: Option<String>,
    pub held_on: Option<NaiveDate>,
    pub location: Option<Option<String>>,
    pub chair: Option<Option<String>>,
    pub source: Option<Option<String>>,
}

/// A measure to create or update, references resolved; `None` / `Some(None)`
/// as in [`MeetingIn`].
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureIn {
    pub code: String,
    pub meeting: String,
    pub parent: Option<Option<String>>,
    pub title: String,
    pub description: Option<Option<String>>,
    pub category_id: i32,
    pub lead_ministry_id: Option<Option<i32>>,
    pub due_date: Option<Option<NaiveDate>>,
    /// The measure of an earlier meeting it continues.
    pub continues: Option<Option<String>>,
}

/// Counts of one import run, per row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// What recording one report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub outcome: Outcome,
    /// Whether the report is to be its measure's current status (see
    /// [`UpdateInput::supersedes`]).
    pub current: bool,
    /// For a correction, the fields the replaced report had that this one
    /// leaves empty ("progress", "reporter", "note", "evidence").
    pub cleared: Vec<&'static str>,
}

/// The writes of one file or command, inside its transaction.
///
/// New measures (the bulk of a first import) get their ids here and wait
/// with new reports until the chunk ends (`batch.rs`).
pub struct Writer<'c> {
    conn: &'c mut Db,
    now: NaiveDateTime,
    /// `now` as the new rows' timestamps bind it.
    stamp: Stamp,
    commit: Commit,
    /// What made the changes, as the change log names it (`import`, or the
    /// command).
    command: &'static str,
    /// What the `imports` row says of the file; `None` for a command.
    provenance: Option<Provenance>,
    /// The `imports` row, once written.
    import_id: Option<i32>,
    /// The import an undo reverses (its entries name it).
    undoing: Option<i32>,
    /// Why a command moves a due date (a file's rows: the file).
    why: Option<Why>,
    /// The id the next new measure gets; `None` until the first one.
    next_measure_id: Option<i32>,
    pending: Pending,
    bulk: bulk::Bulk,
}

impl Writer<'_> {
    /// Loads reference data and meetings, the start of every write.
    pub fn known(&mut self) -> Result<Known> {
        self.load_known()
    }

    /// Writes what is pending, builds again the indexes dropped for a bulk
    /// load (unless the session is a dry run, whose rollback restores them)
    /// and completes the file's provenance row with `counts` and `sha256`.
    pub fn finish(&mut self, counts: &Counts, sha256: &str) -> Result<()> {
        self.flush()?;
        self.rebuild_indexes()?;
        self.complete_provenance(counts, sha256)?;
        // The import's own log entry, if the provenance row was written
        // only now.
        self.flush()
    }

    /// Creates the meeting, or updates the fields given that differ.
    pub fn meeting(&mut self, known: &mut Known, m: &MeetingIn) -> Result<Outcome> {
        let Some(stored) = known.meetings.get_mut(&m.code) else {
            let (Some(title), Some(held_on)) = (&m.title, m.held_on) else {
                return Err(Error::Other(format!(
                    "meeting {}: a new meeting needs a title and a date (validation should have said so)",
                    m.code
                )));
            };
            let flat = |v: &Option<Option<String>>| v.clone().flatten();
            let (location, chair, source) = (flat(&m.location), flat(&m.chair), flat(&m.source));
            let import_id = self.creator()?;
            if import_id.is_none() {
                let values = meeting_fields(title, held_on, &location, &chair, &source);
                self.log(
                    Change::new(Entity::Meeting, &m.code, Action::Create).new_value(whole(&values)),
                )?;
            }
            let id = diesel::insert_into(meetings::table)
                .values(&NewMeeting {
                    code: &m.code,
                    title,
                    held_on,
                    location: location.as_deref(),
                    chair: chair.as_deref(),
                    source: source.as_deref(),
                    created_at: self.now,
                    updated_at: self.now,
                    import_id,
                })
                .returning(meetings::id)
                .get_result(self.conn)?;
            known.meeting_codes.insert(id, m.code.clone());
            known.meetings.insert(
                m.code.clone(),
                Meeting {
                    id,
                    code: m.code.clone(),
                    title: title.clone(),
                    held_on,
                    location,
                    chair,
                    source,
                    created_at: self.now,
                    updated_at: self.now,
                },
            );
            return Ok(Outcome::Inserted);
        };
        let mut next = stored.clone();
        if let Some(t) = &m.title {
            next.title = t.clone();
        }
        if let Some(d) = m.held_on {
            next.held_on = d;
        }
        for (field, given) in [
            (&mut next.location, &m.location),
            (&mut next.chair, &m.chair),
            (&mut next.source, &m.source),
        ] {
            if let Some(v) = given {
                *field = v.clone();
            }
        }
        let same = next.title == stored.title
            && next.held_on == stored.held_on
            && next.location == stored.location
            && next.chair == stored.chair
            && next.source == stored.source;
        // Every row of a measures file names its meeting: most change nothing.
        if same {
            return Ok(Outcome::Unchanged);
        }
        let old = meeting_fields(
            &stored.title,
            stored.held_on,
            &stored.location,
            &stored.chair,
            &stored.source,
        );
        let new = meeting_fields(
            &next.title,
            next.held_on,
            &next.location,
            &next.chair,
            &next.source,
        );
        let code = m.code.clone();
        if next.held_on != stored.held_on {
            self.meeting_moves(stored.id, &code, next.held_on)?;
        }
        self.log_fields(Entity::Meeting, &code, &old, &new)?;
        diesel::update(meetings::table.find(stored.id))
            .set((
                meetings::title.eq(&next.title),
                meetings::held_on.eq(next.held_on),
                meetings::location.eq(&next.location),
                meetings::chair.eq(&next.chair),
                meetings::source.eq(&next.source),
                meetings::updated_at.eq(self.now),
            ))
            .execute(self.conn)?;
        next.updated_at = self.now;
        *stored = next;
        Ok(Outcome::Updated)
    }

    /// Creates the measure, or updates the fields given that differ, and
    /// records the report the row carries. Returns what happened to the
    /// measure and to the report. Its meeting must exist (written first);
    /// its parent must be known (stored, or created by an earlier row).
    ///
    /// A new measure and its report wait for the chunk's multi-row INSERTs,
    /// its report already as its current status.
    pub fn measure(
        &mut self,
        known: &mut Known,
        m: &MeasureIn,
        report: Option<&UpdateInput>,
        line: u64,
    ) -> Result<(Outcome, Outcome)> {
        let meeting_id = known
            .meetings
            .get(&m.meeting)
            .map(|k| k.id)
            .ok_or_else(|| Error::not_found("meeting", m.meeting.clone()))?;
        let parent_id = match &m.parent {
            None => None,
            Some(None) => Some(None),
            Some(Some(code)) => {
                Some(Some(known.measure(code).map(|k| k.id).ok_or_else(
                    || Error::not_found("parent measure", code.clone()),
                )?))
            }
        };
        let continues_id = self.continues_id(known, m, line)?;
        let Some(k) = known.measure(&m.code) else {
            let id = self.new_measure_id()?;
            known.lines.set(id, line, true);
            let import_id = self.creator()?;
            if import_id.is_none() {
                let parent = m.parent.clone().flatten();
                let mut values = vec![("meeting", Some(m.meeting.clone()))];
                values.extend(measure_fields(
                    &known.refs,
                    parent,
                    &m.title,
                    m.description.clone().flatten(),
                    m.category_id,
                    m.lead_ministry_id.flatten(),
                    m.due_date.flatten(),
                ));
                // Only a measure that continues one says so: the log of
                // every other reads as before lineage.
                if let Some(c) = m.continues.clone().flatten() {
                    values.push(("continues", Some(c)));
                }
                self.log(
                    Change::new(Entity::Measure, &m.code, Action::Create).new_value(whole(&values)),
                )?;
            }
            self.pending.measures.push(PendingMeasure {
                id,
                code: m.code.clone(),
                meeting_id,
                parent_id: parent_id.flatten(),
                title: m.title.clone(),
                description: m.description.clone().flatten(),
                category_id: m.category_id,
                lead_ministry_id: m.lead_ministry_id.flatten(),
                due_date: m.due_date.flatten().map(Day),
                status: report.map_or(Status::Planned, |u| u.status).code(),
                progress: report.and_then(|u| u.progress),
                status_date: report.map(|u| Day(u.reported_on)),
                created_at: self.stamp,
                updated_at: self.stamp,
                import_id,
            });
            known
                .measures
                .insert(m.code.clone(), KnownMeasure { id, meeting_id });
            if let Some(Some(c)) = continues_id {
                self.pending.lineage.push((id, c));
            }
            let outcome = match report {
                None => Outcome::Unchanged,
                Some(u) => {
                    let (import_id, import_line) = self.report_source(known, line)?;
                    self.push_report(id, u, import_id, import_line);
                    Outcome::Inserted
                }
            };
            return Ok((Outcome::Inserted, outcome));
        };
        known.lines.set(k.id, line, false);
        let Some(stored) = known.stored.get(&k.id).cloned() else {
            return Err(Error::Other(format!(
                "measure {}: not loaded for this chunk (validation should have said so)",
                m.code
            )));
        };
        let parent = parent_id.unwrap_or(stored.parent_id);
        if parent != stored.parent_id {
            if let (Some(p), Some(Some(code))) = (parent, &m.parent) {
                self.refuse_cycle(k.id, p, &m.code, code, line)?;
            }
        }
        let description = m.description.clone().unwrap_or(stored.description.clone());
        let lead = m.lead_ministry_id.unwrap_or(stored.lead_ministry_id);
        let due = m.due_date.unwrap_or(stored.due_date);
        let had = known.continues.get(&k.id).copied();
        let continues = continues_id.unwrap_or(had);
        if continues != had {
            if let (Some(c), Some(Some(code))) = (continues, &m.continues) {
                self.refuse_continues_cycle(k.id, c, &m.code, code, line)?;
            }
        }
        let same = parent == stored.parent_id
            && continues == had
            && m.title == stored.title
            && description == stored.description
            && m.category_id == stored.category_id
            && lead == stored.lead_ministry_id
            && due == stored.due_date;
        let reported = match report {
            Some(u) => self.report(known, k.id, u, line)?.outcome,
            None => Outcome::Unchanged,
        };
        // A row that changes nothing (a re-import) costs no field list.
        if same {
            return Ok((Outcome::Unchanged, reported));
        }
        let (old_parent, new_parent) = match parent == stored.parent_id {
            true => (None, None),
            false => (
                self.measure_code(stored.parent_id)?,
                self.measure_code(parent)?,
            ),
        };
        if continues != had {
            self.link(known, k.id, &m.code, had, continues)?;
        }
        // A due date moved is a revision (or a first due date), logged
        // with its day and reason; the other fields one entry each.
        if due != stored.due_date {
            if let Some(to) = due {
                self.due_moved(k.id, &m.code, stored.due_date, to)?;
            }
        }
        let old = measure_fields(
            &known.refs,
            old_parent,
            &stored.title,
            stored.description.clone(),
            stored.category_id,
            stored.lead_ministry_id,
            stored.due_date,
        );
        let new = measure_fields(
            &known.refs,
            new_parent,
            &m.title,
            description.clone(),
            m.category_id,
            lead,
            stored.due_date,
        );
        self.log_fields(Entity::Measure, &m.code, &old, &new)?;
        diesel::update(measures::table.find(k.id))
            .set((
                measures::parent_id.eq(parent),
                measures::title.eq(&m.title),
                measures::description.eq(&description),
                measures::category_id.eq(m.category_id),
                measures::lead_ministry_id.eq(lead),
                measures::due_date.eq(due),
                measures::updated_at.eq(self.now),
            ))
            .execute(self.conn)?;
        Ok((Outcome::Updated, reported))
    }

    /// Refuses to put the measure `id` under `parent` when `parent` is one
    /// of its own sub-measures (at any depth): the parents would go round.
    /// The refusal is the row's error (`Error::Import`, its file left for
    /// the caller to name), and nothing of the row is written.
    fn refuse_cycle(
        &mut self,
        id: i32,
        parent: i32,
        code: &str,
        parent_code: &str,
        line: u64,
    ) -> Result<()> {
        let parent_of = |w: &mut Self, p: i32| -> Result<Option<i32>> {
            Ok(match w.pending.measures.iter().find(|m| m.id == p) {
                Some(new) => new.parent_id,
                None => measures::table
                    .find(p)
                    .select(measures::parent_id)
                    .first(w.conn)
                    .optional()?
                    .flatten(),
            })
        };
        if self.reaches(parent, id, parent_of)? {
            let reason = crate::rules::parent_cycle(code);
            return Err(row_refused(line, "parent_code", parent_code, reason));
        }
        Ok(())
    }

    /// Whether the chain from `start`, a step at a time by `next` (a
    /// parent, the measure continued), reaches `id`: linking `id` to
    /// `start` would make it go round.
    fn reaches(
        &mut self,
        start: i32,
        id: i32,
        next: impl Fn(&mut Self, i32) -> Result<Option<i32>>,
    ) -> Result<bool> {
        let mut at = Some(start);
        while let Some(m) = at {
            if m == id {
                return Ok(true);
            }
            at = next(self, m)?;
        }
        Ok(false)
    }

    /// Records a status report of a stored measure (from line `line` of a
    /// file, 0 for a command): new, a correction of the stored report for
    /// that date, or the same again. A report from a file without a
    /// reporter, progress or note (an empty cell, or no such column) keeps
    /// what is stored for that measure and date: a blank never erases. A
    /// correction logs the version it replaces whole. A report dated
    /// on or after the measure's current status becomes current when the
    /// chunk is written.
    pub fn report(
        &mut self,
        known: &mut Known,
        measure_id: i32,
        u: &UpdateInput,
        line: u64,
    ) -> Result<Reported> {
        let key = (measure_id, u.reported_on);
        let stored = known.reports.get(&key);
        let stored_id = stored.map(|r| r.id);
        let u = u.over(stored.map(KnownReport::stored));
        let mut cleared = Vec::new();
        let mut before = None;
        // A correction of a round's answer that still answers it keeps the
        // day it was received.
        let received = stored.is_some_and(|r| r.round_id.is_some() && r.round_id == u.round);
        if let Some(r) = stored {
            if u.same_as(&r.status, r.stored()) {
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                known.unchanged_reports.insert(key, line);
                return Ok(Reported {
                    outcome: Outcome::Unchanged,
                    current: false,
                    cleared,
                });
            }
            // An answer to a closed round stays its answer: a report of
            // that date cannot move to another round (the closed round's
            // figures would change).
            if let Some(old) = r.round_id.filter(|old| u.round != Some(*old)) {
                let closed = known.rounds.values().find(|k| k.id == old && k.closed);
                if let Some(k) = closed {
                    let code = known.code_of(measure_id).unwrap_or_default();
                    let reason = format!(
                        "the report of {code} on {} answers round {}, which is closed; a report of another date can answer another round",
                        u.reported_on, k.code
                    );
                    return Err(match line {
                        0 => Error::Other(reason),
                        _ => row_refused(line, "reported_on", &u.reported_on.to_string(), reason),
                    });
                }
            }
            // A correction: the version it replaces goes to the log whole.
            before = Some(stored_version(known, r));
            for (field, had, has) in [
                ("progress", r.progress.is_some(), u.progress.is_some()),
                ("reporter", r.reported_by.is_some(), u.reported_by.is_some()),
                ("note", r.note.is_some(), u.note.is_some()),
                ("evidence", r.evidence.is_some(), u.evidence.is_some()),
            ] {
                if had && !has {
                    cleared.push(field);
                }
            }
        }
        let (import_id, import_line) = self.report_source(known, line)?;
        let report = cache::KnownReport {
            id: stored_id.flatten(),
            status: u.status.code().to_string(),
            progress: u.progress,
            reported_by: u.reported_by,
            note: u.note.clone(),
            import_id,
            import_line,
            round_id: u.round,
            evidence: u.evidence.clone(),
        };
        // The measure's code, for the log: looked up only for what is logged
        // (a correction, a command's report), not for each new report of a
        // file.
        let code = |known: &Known| known.code_of(measure_id).unwrap_or_default();
        let outcome = match stored_id {
            Some(Some(id)) => {
                let after = input_version(known, &u, import_id, import_line);
                self.log(
                    Change::report(&code(known), u.reported_on, Action::Correct)
                        .old(before)
                        .new_value(after),
                )?;
                self.correct_report(id, &u, (import_id, import_line), received)?;
                Outcome::Updated
            }
            Some(None) => {
                return Err(Error::Other(format!(
                    "a second report of measure id {measure_id} on {} in one chunk (validation should have said so)",
                    u.reported_on
                )));
            }
            None => {
                if import_id.is_none() {
                    let after = input_version(known, &u, None, None);
                    self.log(
                        Change::report(&code(known), u.reported_on, Action::Create)
                            .new_value(after),
                    )?;
                }
                self.push_report(measure_id, &u, import_id, import_line);
                Outcome::Inserted
            }
        };
        known.reports.insert(key, report);
        let status_date = known.status_dates.entry(measure_id).or_insert(None);
        let current = u.supersedes(*status_date);
        if current {
            *status_date = Some(u.reported_on);
            self.pending.current.insert(measure_id);
        }
        Ok(Reported {
            outcome,
            current,
            cleared,
        })
    }
}

/// A refusal of the row on `line` of a file: its error (`Error::Import`,
/// the file left for the caller to name), and nothing of the row written.
fn row_refused(line: u64, column: &str, value: &str, reason: String) -> Error {
    Error::Import {
        file: String::new(),
        rows: vec![crate::error::RowError {
            file: String::new(),
            line,
            column: column.into(),
            value: value.into(),
            reason,
        }],
        bad_rows: 1,
    }
}
