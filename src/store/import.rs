//! The store side of `import`: the snapshot that validation checks rows
//! against, and the writes of one import run, all inside one transaction
//! (`BEGIN IMMEDIATE`) that a dry run rolls back.
//!
//! Rows arrive validated (`crate::import::rows`); this module only decides
//! insert / update / unchanged by comparing with what is stored.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::updates::{record, Outcome, UpdateInput};
use super::{Db, Refs, Store};
use crate::error::{Error, Result};
use crate::model::{Measure, Meeting, NewImport, NewMeeting, Status};
use crate::schema::{imports, measures, meetings, status_updates};

/// A meeting as stored.
#[derive(Debug, Clone)]
pub struct KnownMeeting {
    pub id: i32,
    pub title: String,
    pub held_on: NaiveDate,
    pub location: Option<String>,
    pub chair: Option<String>,
    pub source: Option<String>,
}

/// A measure as validation needs it.
#[derive(Debug, Clone, Copy)]
pub struct KnownMeasure {
    pub id: i32,
    pub meeting_id: i32,
    /// It has at least one status update (its status_date is set).
    pub has_history: bool,
}

/// What the database holds, loaded once per file at the start of its
/// transaction: reference data, meetings and measures by code.
pub struct Known {
    pub refs: Refs,
    pub meetings: HashMap<String, KnownMeeting>,
    pub measures: HashMap<String, KnownMeasure>,
    /// Meeting id → code.
    meeting_codes: HashMap<i32, String>,
}

impl Known {
    /// The code of the meeting with this id.
    pub fn meeting_code(&self, id: i32) -> Option<&str> {
        self.meeting_codes.get(&id).map(String::as_str)
    }
}

/// A meeting to create or update. `None` fields were not given (keep what is
/// stored); `Some(None)` is an empty cell (store NULL).
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

/// The writes of one import run, inside its transaction.
///
/// New measures (the bulk of a first import) and their reports are not
/// written one statement each: they get their ids here (the transaction holds
/// the write lock, so `MAX(id) + 1` onwards is free) and wait in `pending`
/// until a multi-row INSERT writes a batch of them. Anything that reads a
/// pending measure back flushes first; `finish` flushes the rest.
pub struct ImportTx<'c> {
    conn: &'c mut Db,
    now: NaiveDateTime,
    import_id: Option<i32>,
    /// The id the next new measure gets; `None` until the first one.
    next_measure_id: Option<i32>,
    /// The first id given in this run: measures from it on may be pending.
    first_new_id: i32,
    pending: Pending,
}

/// Rows waiting for their multi-row INSERT.
#[derive(Default)]
struct Pending {
    measures: Vec<PendingMeasure>,
    updates: Vec<PendingUpdate>,
}

/// Rows per multi-row INSERT: measures take 14 bound values a row, well
/// under SQLite's 32766-variable limit at this size.
const BATCH: usize = 1000;

#[derive(Insertable)]
#[diesel(table_name = measures)]
struct PendingMeasure {
    id: i32,
    code: String,
    meeting_id: i32,
    parent_id: Option<i32>,
    title: String,
    description: Option<String>,
    category_id: i32,
    lead_ministry_id: Option<i32>,
    due_date: Option<NaiveDate>,
    status: &'static str,
    progress: Option<i32>,
    status_date: Option<NaiveDate>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = status_updates)]
struct PendingUpdate {
    measure_id: i32,
    status: &'static str,
    progress: Option<i32>,
    reported_on: NaiveDate,
    reported_by_id: Option<i32>,
    note: Option<String>,
    import_id: Option<i32>,
    recorded_at: NaiveDateTime,
}

/// How a transaction closure ends: a dry run rolls back with its result.
enum End<T> {
    Rollback(T),
    Fail(Error),
}

impl<T> From<diesel::result::Error> for End<T> {
    fn from(e: diesel::result::Error) -> Self {
        End::Fail(e.into())
    }
}

impl Store {
    /// Runs `f` in one write transaction (`BEGIN IMMEDIATE`). It commits
    /// when `f` succeeds, unless `rollback` (a dry run): then everything is
    /// undone and `f`'s result returned, so dry-run figures are the real ones.
    pub fn import_tx<T>(
        &mut self,
        rollback: bool,
        f: impl FnOnce(&mut ImportTx<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        bulk_cache(&mut self.conn).map_err(|e| super::db_error(&path, e))?;
        let result = super::connection::write_transaction::<T, End<T>>(&mut self.conn, |c| {
            let mut tx = ImportTx {
                conn: c,
                now: Utc::now().naive_utc(),
                import_id: None,
                next_measure_id: None,
                first_new_id: i32::MAX,
                pending: Pending::default(),
            };
            match f(&mut tx) {
                Ok(v) if rollback => Err(End::Rollback(v)),
                Ok(v) => Ok(v),
                Err(e) => Err(End::Fail(e)),
            }
        });
        match result {
            Ok(v) | Err(End::Rollback(v)) => Ok(v),
            Err(End::Fail(e)) => Err(e.at(&path)),
        }
    }
}

impl ImportTx<'_> {
    /// The snapshot rows are checked against.
    pub fn known(&mut self) -> Result<Known> {
        let refs = Refs::load(self.conn)?;
        let rows: Vec<Meeting> = meetings::table
            .select(Meeting::as_select())
            .load(self.conn)?;
        let meeting_codes = rows.iter().map(|m| (m.id, m.code.clone())).collect();
        let meetings = rows
            .into_iter()
            .map(|m| {
                (
                    m.code,
                    KnownMeeting {
                        id: m.id,
                        title: m.title,
                        held_on: m.held_on,
                        location: m.location,
                        chair: m.chair,
                        source: m.source,
                    },
                )
            })
            .collect();
        let rows: Vec<(i32, String, i32, Option<NaiveDate>)> = measures::table
            .select((
                measures::id,
                measures::code,
                measures::meeting_id,
                measures::status_date,
            ))
            .load(self.conn)?;
        let measures = rows
            .into_iter()
            .map(|(id, code, meeting_id, date)| {
                (
                    code,
                    KnownMeasure {
                        id,
                        meeting_id,
                        has_history: date.is_some(),
                    },
                )
            })
            .collect();
        Ok(Known {
            refs,
            meetings,
            measures,
            meeting_codes,
        })
    }

    /// Starts the provenance row; status updates written from now on point
    /// at it.
    pub fn begin(
        &mut self,
        file_name: &str,
        sha256: &str,
        kind: &str,
        encoding: &str,
    ) -> Result<()> {
        let id = diesel::insert_into(imports::table)
            .values(&NewImport {
                file_name,
                sha256,
                kind,
                encoding,
                inserted: 0,
                updated: 0,
                unchanged: 0,
                rejected: 0,
                imported_at: self.now,
            })
            .returning(imports::id)
            .get_result(self.conn)?;
        self.import_id = Some(id);
        Ok(())
    }

    /// Completes the provenance row with the counts, or removes it when the
    /// run wrote nothing (one row per import run that wrote anything).
    pub fn finish(&mut self, counts: &Counts) -> Result<()> {
        self.flush()?;
        let Some(id) = self.import_id.take() else {
            return Ok(());
        };
        if counts.inserted == 0 && counts.updated == 0 {
            diesel::delete(imports::table.find(id)).execute(self.conn)?;
        } else {
            diesel::update(imports::table.find(id))
                .set((
                    imports::inserted.eq(counts.inserted),
                    imports::updated.eq(counts.updated),
                    imports::unchanged.eq(counts.unchanged),
                    imports::rejected.eq(counts.rejected),
                ))
                .execute(self.conn)?;
        }
        Ok(())
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
                })
                .returning(meetings::id)
                .get_result(self.conn)?;
            known.meeting_codes.insert(id, m.code.clone());
            known.meetings.insert(
                m.code.clone(),
                KnownMeeting {
                    id,
                    title: title.clone(),
                    held_on,
                    location,
                    chair,
                    source,
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
        if same {
            return Ok(Outcome::Unchanged);
        }
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
        *stored = next;
        Ok(Outcome::Updated)
    }

    /// Creates the measure, or updates the fields given that differ, and
    /// records the report the row carries. Returns what happened to the
    /// measure and to the report. Its meeting must exist (written first);
    /// its parent too.
    ///
    /// A new measure is written with its report as its current status in
    /// two statements, the common case of a large first import.
    pub fn measure(
        &mut self,
        known: &mut Known,
        m: &MeasureIn,
        report: Option<&UpdateInput>,
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
                Some(Some(known.measures.get(code).map(|k| k.id).ok_or_else(
                    || Error::not_found("parent measure", code.clone()),
                )?))
            }
        };
        let Some(k) = known.measures.get(&m.code).copied() else {
            let id = self.new_measure_id()?;
            self.pending.measures.push(PendingMeasure {
                id,
                code: m.code.clone(),
                meeting_id,
                parent_id: parent_id.flatten(),
                title: m.title.clone(),
                description: m.description.clone().flatten(),
                category_id: m.category_id,
                lead_ministry_id: m.lead_ministry_id.flatten(),
                due_date: m.due_date.flatten(),
                status: report.map_or(Status::Planned, |u| u.status).code(),
                progress: report.and_then(|u| u.progress),
                status_date: report.map(|u| u.reported_on),
                created_at: self.now,
                updated_at: self.now,
            });
            known.measures.insert(
                m.code.clone(),
                KnownMeasure {
                    id,
                    meeting_id,
                    has_history: false,
                },
            );
            let outcome = match report {
                None => Outcome::Unchanged,
                Some(u) => {
                    self.pending.updates.push(PendingUpdate {
                        measure_id: id,
                        status: u.status.code(),
                        progress: u.progress,
                        reported_on: u.reported_on,
                        reported_by_id: u.reported_by,
                        note: u.note.clone(),
                        import_id: self.import_id,
                        recorded_at: self.now,
                    });
                    Outcome::Inserted
                }
            };
            if self.pending.measures.len() >= BATCH {
                self.flush()?;
            }
            return Ok((Outcome::Inserted, outcome));
        };
        if k.id >= self.first_new_id {
            self.flush()?;
        }
        let stored: Measure = measures::table
            .find(k.id)
            .select(Measure::as_select())
            .first(self.conn)?;
        let parent = parent_id.unwrap_or(stored.parent_id);
        let description = m.description.clone().unwrap_or(stored.description.clone());
        let lead = m.lead_ministry_id.unwrap_or(stored.lead_ministry_id);
        let due = m.due_date.unwrap_or(stored.due_date);
        let same = parent == stored.parent_id
            && m.title == stored.title
            && description == stored.description
            && m.category_id == stored.category_id
            && lead == stored.lead_ministry_id
            && due == stored.due_date;
        let reported = match report {
            Some(u) => self.update(k.id, u)?,
            None => Outcome::Unchanged,
        };
        if same {
            return Ok((Outcome::Unchanged, reported));
        }
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

    /// The id for a new measure: one past the greatest stored, then counting
    /// up (nothing else writes while this transaction holds the lock).
    fn new_measure_id(&mut self) -> Result<i32> {
        let id = match self.next_measure_id {
            Some(id) => id,
            None => {
                let max: Option<i32> = measures::table
                    .select(diesel::dsl::max(measures::id))
                    .first(self.conn)?;
                let first = max.unwrap_or(0).checked_add(1).ok_or_else(|| {
                    Error::Other("measures: no free id left (the greatest id is taken)".into())
                })?;
                self.first_new_id = first;
                first
            }
        };
        self.next_measure_id = Some(id.checked_add(1).ok_or_else(|| {
            Error::Other("measures: no free id left (the greatest id is taken)".into())
        })?);
        Ok(id)
    }

    /// Writes the pending measures, then their reports, a batch per
    /// statement.
    fn flush(&mut self) -> Result<()> {
        let Pending {
            measures: ms,
            updates: us,
        } = std::mem::take(&mut self.pending);
        for chunk in ms.chunks(BATCH) {
            on_backend!(&mut *self.conn, c => diesel::insert_into(measures::table)
                .values(chunk)
                .execute(c))?;
        }
        if !ms.is_empty() {
            super::connection::after_explicit_ids(self.conn)?;
        }
        for chunk in us.chunks(BATCH) {
            on_backend!(&mut *self.conn, c => diesel::insert_into(status_updates::table)
                .values(chunk)
                .execute(c))?;
        }
        self.pending = Pending {
            measures: reuse(ms),
            updates: reuse(us),
        };
        Ok(())
    }

    /// Records a status report, keeping the measure's current status equal
    /// to its latest report. A report without a reporter keeps the reporter
    /// already recorded for that measure and date, so that a measures file
    /// (which has no reported_by column) does not erase it.
    pub fn update(&mut self, measure_id: i32, u: &UpdateInput) -> Result<Outcome> {
        if measure_id >= self.first_new_id {
            self.flush()?;
        }
        let mut u = u.clone();
        u.import_id = self.import_id;
        if u.reported_by.is_none() {
            u.reported_by = status_updates::table
                .filter(status_updates::measure_id.eq(measure_id))
                .filter(status_updates::reported_on.eq(u.reported_on))
                .select(status_updates::reported_by_id)
                .first::<Option<i32>>(self.conn)
                .optional()?
                .flatten();
        }
        let current: Option<NaiveDate> = measures::table
            .find(measure_id)
            .select(measures::status_date)
            .first(self.conn)?;
        let (outcome, _) = record(self.conn, measure_id, current, &u, self.now)?;
        Ok(outcome)
    }
}

/// SQLite only: a page cache of 64 MiB (instead of 2 MiB) for imports, so
/// that inserting into the measures' secondary indexes finds its pages in
/// memory instead of re-reading them from the WAL, and statement journals in
/// memory (a multi-row INSERT keeps the pages it changes there until it
/// ends; on disk that is a write per page). Both fixed in size, so memory
/// stays flat however long the file is; durability is unchanged (the WAL and
/// synchronous=NORMAL are untouched; a statement journal only serves to undo
/// a failed statement inside the transaction).
fn bulk_cache(conn: &mut Db) -> diesel::QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        super::AnyConnection::Sqlite(c) => {
            c.batch_execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
        }
        #[cfg(feature = "postgres")]
        super::AnyConnection::Postgres(_) => Ok(()),
    }
}

/// An emptied vector that keeps its allocation for the next batch.
fn reuse<T>(mut v: Vec<T>) -> Vec<T> {
    v.clear();
    v
}
