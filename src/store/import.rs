//! The store side of `import`: what validation checks rows against, and the
//! writes of one import run, all inside one transaction (`BEGIN IMMEDIATE`)
//! that a dry run rolls back.
//!
//! Rows arrive validated (`crate::import::rows`); this module only decides
//! insert / update / unchanged by comparing with what is stored.
//!
//! A file goes through in chunks of rows. Before a chunk is checked,
//! [`ImportTx::load_chunk`] reads the stored measures its rows name (and
//! their reports) with one query per kind of row; the chunk's writes wait in
//! memory and go out as multi-row statements when it ends. The database
//! itself remembers what earlier chunks did (every valid row is written, also
//! when the run will roll back), so memory does not grow with the file:
//! only meetings, reference data and a chunk are held, plus the line of
//! each measure this file names (4 bytes a measure it creates, about 16 a
//! stored one) and of each stored report it repeats unchanged.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::bind::{Day, Stamp};
use super::updates::{Outcome, UpdateInput};
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
}

/// A stored report, as far as a new one for the same measure and date is
/// compared with it.
#[derive(Debug, Clone)]
struct KnownReport {
    /// `None` while it waits for its INSERT.
    id: Option<i32>,
    status: String,
    progress: Option<i32>,
    reported_by: Option<i32>,
    note: Option<String>,
    import_id: Option<i32>,
    import_line: Option<i32>,
}

/// What validation and writing know: reference data and meetings (all of
/// them, loaded once per file), and the measures and reports of the current
/// chunk.
pub struct Known {
    pub refs: Refs,
    pub meetings: HashMap<String, KnownMeeting>,
    /// Meeting id → code.
    meeting_codes: HashMap<i32, String>,
    /// The measures the chunk's rows name, by code: those stored, and those
    /// the chunk creates as it goes.
    measures: HashMap<String, KnownMeasure>,
    /// The stored measures of the chunk, whole (measures files compare
    /// their fields), by id.
    stored: HashMap<i32, Measure>,
    /// The date of the current status of the chunk's measures, by id.
    status_dates: HashMap<i32, Option<NaiveDate>>,
    /// The reports of the chunk's measures, by measure id and date.
    reports: HashMap<(i32, NaiveDate), KnownReport>,
    /// The nearest stored code to a code that is not stored, for messages.
    suggestions: HashMap<String, String>,
    /// How many suggestions were looked up for this file (a few suffice).
    suggested: usize,
    /// The line of this file that wrote (or left unchanged) each measure.
    lines: MeasureLines,
    /// Stored reports that a row of this file repeated unchanged, with its
    /// line (a changed or new report records its line in the table).
    unchanged_reports: HashMap<(i32, NaiveDate), u32>,
    /// This run's `imports` row, once written.
    import_id: Option<i32>,
}

/// The line of the row of this file that named a measure: measures this run
/// creates (numbered from `first`) in a vector, stored ones in a map.
#[derive(Default)]
struct MeasureLines {
    first: i32,
    created: Vec<u32>,
    stored: HashMap<i32, u32>,
}

impl MeasureLines {
    fn get(&self, id: i32) -> Option<u64> {
        let line = if self.first > 0 && id >= self.first {
            self.created.get((id - self.first) as usize).copied()
        } else {
            self.stored.get(&id).copied()
        };
        line.filter(|l| *l > 0).map(u64::from)
    }

    fn set(&mut self, id: i32, line: u64, created: bool) {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        if created {
            if self.first == 0 {
                self.first = id;
            }
            let i = (id - self.first) as usize;
            if self.created.len() <= i {
                self.created.resize(i + 1, 0);
            }
            self.created[i] = line;
        } else {
            self.stored.insert(id, line);
        }
    }
}

impl Known {
    /// The code of the meeting with this id.
    pub fn meeting_code(&self, id: i32) -> Option<&str> {
        self.meeting_codes.get(&id).map(String::as_str)
    }

    /// The measure `code`, stored or created by an earlier row. Only codes
    /// of the current chunk (its measure and parent codes) are known.
    pub fn measure(&self, code: &str) -> Option<KnownMeasure> {
        self.measures.get(code).copied()
    }

    /// The line of an earlier row of this file with the measure `code`.
    pub fn earlier_line(&self, code: &str) -> Option<u64> {
        self.measures.get(code).and_then(|k| self.lines.get(k.id))
    }

    /// The line of an earlier row of this file with a report of the measure
    /// `id` for `date`.
    pub fn earlier_report(&self, id: i32, date: NaiveDate) -> Option<u64> {
        if let Some(line) = self.unchanged_reports.get(&(id, date)) {
            return Some(u64::from(*line));
        }
        let r = self.reports.get(&(id, date))?;
        if r.import_id.is_some() && r.import_id == self.import_id {
            r.import_line.map(|l| l as u64)
        } else {
            None
        }
    }

    /// The nearest stored code to `code`, when one was looked up.
    pub fn suggestion(&self, code: &str) -> Option<&str> {
        self.suggestions.get(code).map(String::as_str)
    }
}

/// Suggestions looked up per file: each costs a query, and a file of
/// unknown codes needs only the first few to show what is wrong.
const SUGGESTIONS: usize = 20;

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
/// New measures (the bulk of a first import) get their ids here (the
/// transaction holds the write lock, so `MAX(id) + 1` onwards is free) and
/// wait in `pending` with new reports until the chunk ends: then multi-row
/// INSERTs write them, and one UPDATE moves the current status of every
/// measure whose latest report changed.
pub struct ImportTx<'c> {
    conn: &'c mut Db,
    now: NaiveDateTime,
    /// `now` as the new rows' timestamps bind it.
    stamp: Stamp,
    /// What the `imports` row says of the file.
    provenance: Provenance,
    /// The `imports` row, once written.
    import_id: Option<i32>,
    /// The id the next new measure gets; `None` until the first one.
    next_measure_id: Option<i32>,
    pending: Pending,
    /// The tables [`bulk_load`](Self::bulk_load) has decided on.
    bulk: Vec<BulkTable>,
    /// The CREATE statements of the indexes dropped for a bulk load, to run
    /// again before the commit.
    dropped: Vec<String>,
    /// The transaction will be rolled back (a dry run): dropped indexes
    /// come back with the rollback, not by being built again.
    rollback: bool,
}

/// The file an import run reads, as its `imports` row names it.
#[derive(Default)]
struct Provenance {
    file_name: String,
    kind: String,
    encoding: String,
}

/// Rows waiting for their multi-row INSERT, and the measures whose current
/// status must follow a new latest report.
#[derive(Default)]
struct Pending {
    measures: Vec<PendingMeasure>,
    updates: Vec<PendingUpdate>,
    current: HashSet<i32>,
}

/// Rows per multi-row INSERT: measures take 14 bound values a row, well
/// under SQLite's 32766-variable limit (PostgreSQL's is 65535). A statement
/// of exactly this many rows is prepared once and reused (Diesel caches an
/// INSERT from a fixed-size array); the rest of a chunk goes in one
/// statement prepared for it.
const BATCH: usize = 100;

/// Writes `rows` into `table` in multi-row INSERTs of [`BATCH`] rows.
macro_rules! insert_batches {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(BATCH) {
            match <&[_; BATCH]>::try_from(chunk) {
                Ok(full) => on_backend!(&mut *$conn, c => diesel::insert_into($table)
                    .values(full)
                    .execute(c))?,
                Err(_) => on_backend!(&mut *$conn, c => diesel::insert_into($table)
                    .values(chunk)
                    .execute(c))?,
            };
        }
    };
}

/// Codes per `IN (…)` lookup.
const LOOKUP: usize = 5000;

/// A table an import writes many rows into, for [`ImportTx::bulk_load`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkTable {
    /// `measures`: new measures from a measures file.
    Measures,
    /// `status_updates`: the reports.
    Reports,
    /// `measures` of an updates file, whose rows only change their current
    /// status: only the indexes over those columns are dropped, the others
    /// stay as they are (an UPDATE maintains only the indexes of the
    /// columns it changes).
    CurrentStatus,
}

impl BulkTable {
    fn name(self) -> &'static str {
        match self {
            BulkTable::Measures | BulkTable::CurrentStatus => "measures",
            BulkTable::Reports => "status_updates",
        }
    }

    /// The columns the load writes, when not whole rows.
    fn columns(self) -> Option<&'static [&'static str]> {
        match self {
            BulkTable::Measures | BulkTable::Reports => None,
            BulkTable::CurrentStatus => Some(&["status", "progress", "status_date", "updated_at"]),
        }
    }
}

/// The fewest rows left in a file for a bulk load (see
/// [`ImportTx::bulk_load`]). Measured into an empty database: at 10,000
/// rows both ways cost the same, at 100,000 a bulk load takes 15 % less
/// CPU for measures and 30 % less for updates, at 1,000,000 40 % and 25 %.
/// Below the floor an import leaves the schema alone. The hidden
/// environment variable `POLICY_TRACK_BULK_ROWS` replaces it (tests use a
/// small file; a very large value turns bulk loads off, for measuring).
const BULK_ROWS: u64 = 50_000;

fn bulk_rows() -> u64 {
    std::env::var("POLICY_TRACK_BULK_ROWS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(BULK_ROWS)
}

/// `treat_none_as_default_value = false`: a `None` is bound as NULL, so
/// that SQLite gets one multi-row INSERT (with DEFAULT for `None`, Diesel
/// would write the rows one statement each, as SQLite has no DEFAULT in a
/// VALUES list).
#[derive(Insertable)]
#[diesel(table_name = measures, treat_none_as_default_value = false)]
struct PendingMeasure {
    id: i32,
    code: String,
    meeting_id: i32,
    parent_id: Option<i32>,
    title: String,
    description: Option<String>,
    category_id: i32,
    lead_ministry_id: Option<i32>,
    due_date: Option<Day>,
    status: &'static str,
    progress: Option<i32>,
    status_date: Option<Day>,
    created_at: Stamp,
    updated_at: Stamp,
}

/// NULL for `None`, as in [`PendingMeasure`].
#[derive(Insertable)]
#[diesel(table_name = status_updates, treat_none_as_default_value = false)]
struct PendingUpdate {
    measure_id: i32,
    status: &'static str,
    progress: Option<i32>,
    reported_on: Day,
    reported_by_id: Option<i32>,
    note: Option<String>,
    import_id: Option<i32>,
    import_line: Option<i32>,
    recorded_at: Stamp,
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
    /// Inside [`Store::rolled_back`] a dry run keeps its writes for what
    /// comes next (the next file of a dry run): the outer transaction undoes
    /// them all.
    pub fn import_tx<T>(
        &mut self,
        rollback: bool,
        f: impl FnOnce(&mut ImportTx<'_>) -> Result<T>,
    ) -> Result<T> {
        let rollback = rollback && !self.rolling_back;
        let path = self.path.clone();
        super::connection::bulk_cache(&mut self.conn).map_err(|e| super::db_error(&path, e))?;
        let result = super::connection::write_transaction::<T, End<T>>(&mut self.conn, |c| {
            let now = Utc::now().naive_utc();
            let mut tx = ImportTx {
                conn: c,
                now,
                stamp: Stamp::new(now),
                provenance: Provenance::default(),
                import_id: None,
                next_measure_id: None,
                pending: Pending::default(),
                bulk: Vec::new(),
                dropped: Vec::new(),
                rollback,
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
    /// Loads reference data and meetings, and keeps what the provenance
    /// row will say of the file. That row is written with the first report
    /// that points at it (or, for a file that wrote only measures or
    /// meetings, by [`finish`](Self::finish)), so a run that writes nothing
    /// never writes it.
    pub fn begin(&mut self, file_name: &str, kind: &str, encoding: &str) -> Result<Known> {
        self.provenance = Provenance {
            file_name: file_name.to_owned(),
            kind: kind.to_owned(),
            encoding: encoding.to_owned(),
        };
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
        Ok(Known {
            refs,
            meetings,
            meeting_codes,
            measures: HashMap::new(),
            stored: HashMap::new(),
            status_dates: HashMap::new(),
            reports: HashMap::new(),
            suggestions: HashMap::new(),
            suggested: 0,
            lines: MeasureLines::default(),
            unchanged_reports: HashMap::new(),
            import_id: None,
        })
    }

    /// Makes `known` hold what the next chunk needs: the stored measures
    /// with these codes (whole when `whole`, for a measures file) and their
    /// reports; for `suggest`, the nearest stored code to each code that is
    /// not stored. Writes what the last chunk left pending first.
    pub fn load_chunk(
        &mut self,
        known: &mut Known,
        codes: &[String],
        whole: bool,
        suggest: bool,
    ) -> Result<()> {
        self.flush()?;
        known.measures.clear();
        known.stored.clear();
        known.status_dates.clear();
        known.reports.clear();
        known.suggestions.clear();
        let mut ids = Vec::with_capacity(codes.len());
        for part in codes.chunks(LOOKUP) {
            if whole {
                let rows: Vec<Measure> = measures::table
                    .filter(measures::code.eq_any(part))
                    .select(Measure::as_select())
                    .load(self.conn)?;
                for m in rows {
                    ids.push(m.id);
                    known.status_dates.insert(m.id, m.status_date);
                    known.measures.insert(
                        m.code.clone(),
                        KnownMeasure {
                            id: m.id,
                            meeting_id: m.meeting_id,
                        },
                    );
                    known.stored.insert(m.id, m);
                }
            } else {
                let rows: Vec<(i32, String, i32, Option<NaiveDate>)> = measures::table
                    .filter(measures::code.eq_any(part))
                    .select((
                        measures::id,
                        measures::code,
                        measures::meeting_id,
                        measures::status_date,
                    ))
                    .load(self.conn)?;
                for (id, code, meeting_id, status_date) in rows {
                    ids.push(id);
                    known.status_dates.insert(id, status_date);
                    known.measures.insert(code, KnownMeasure { id, meeting_id });
                }
            }
        }
        type Row = (
            i32,
            i32,
            NaiveDate,
            String,
            Option<i32>,
            Option<i32>,
            Option<String>,
            Option<i32>,
            Option<i32>,
        );
        for part in ids.chunks(LOOKUP) {
            let rows: Vec<Row> = status_updates::table
                .filter(status_updates::measure_id.eq_any(part))
                .select((
                    status_updates::id,
                    status_updates::measure_id,
                    status_updates::reported_on,
                    status_updates::status,
                    status_updates::progress,
                    status_updates::reported_by_id,
                    status_updates::note,
                    status_updates::import_id,
                    status_updates::import_line,
                ))
                .load(self.conn)?;
            for (id, measure_id, on, status, progress, by, note, import_id, line) in rows {
                known.reports.insert(
                    (measure_id, on),
                    KnownReport {
                        id: Some(id),
                        status,
                        progress,
                        reported_by: by,
                        note,
                        import_id,
                        import_line: line,
                    },
                );
            }
        }
        if suggest {
            for code in codes {
                if known.suggested >= SUGGESTIONS {
                    break;
                }
                if known.measures.contains_key(code) || known.suggestions.contains_key(code) {
                    continue;
                }
                known.suggested += 1;
                if let Some(near) = super::measures::nearest_code(self.conn, code)? {
                    known.suggestions.insert(code.clone(), near);
                }
            }
        }
        Ok(())
    }

    /// Prepares a bulk load when about `rows` more rows are coming (the
    /// file's rows not yet written): on SQLite, each of `tables` that holds
    /// no more rows than that loses its secondary indexes (not its primary
    /// key or unique constraints, which the writes rely on) until
    /// [`finish`](Self::finish) builds them again, once, from the table.
    /// At a million rows the writes then cost less than half, and building
    /// the indexes again a fraction of that: a B-tree insert into indexes
    /// larger than the page cache misses it at every row, a CREATE INDEX
    /// sorts. The table size bounds what the rebuild sorts to about twice
    /// the rows the file brings, so a small file never pays for rebuilding
    /// a big table; files of fewer than `BULK_ROWS` rows keep the indexes.
    /// Every query of the import finds its rows through the primary keys
    /// and the unique indexes, never through a dropped one. The indexes are
    /// dropped inside the import's transaction, so a failed or dry run
    /// rolls back with them as they were. Does nothing on PostgreSQL, and
    /// for a table already prepared.
    pub fn bulk_load(&mut self, tables: &[BulkTable], rows: u64) -> Result<()> {
        if self.conn.backend() != super::Backend::Sqlite || rows < bulk_rows() {
            return Ok(());
        }
        for &table in tables {
            if self.bulk.contains(&table) {
                continue;
            }
            self.bulk.push(table);
            // The greatest id: the row count without counting the rows.
            let stored: Option<i32> = match table {
                BulkTable::Measures | BulkTable::CurrentStatus => measures::table
                    .select(diesel::dsl::max(measures::id))
                    .first(self.conn)?,
                BulkTable::Reports => status_updates::table
                    .select(diesel::dsl::max(status_updates::id))
                    .first(self.conn)?,
            };
            if u64::try_from(stored.unwrap_or(0)).unwrap_or(0) > rows {
                continue;
            }
            let dropped = super::connection::drop_secondary_indexes(
                self.conn,
                table.name(),
                table.columns(),
            )?;
            self.dropped.extend(dropped);
        }
        Ok(())
    }

    /// Completes the provenance row with the counts and the file's SHA-256,
    /// writing it now if no report has yet (a file of new measures without
    /// reports, or of meetings); a run that wrote nothing has none. Indexes
    /// dropped for a bulk load are built again first (unless the run will be
    /// rolled back, which restores them).
    pub fn finish(&mut self, counts: &Counts, sha256: &str) -> Result<()> {
        self.flush()?;
        let dropped = std::mem::take(&mut self.dropped);
        if !self.rollback {
            super::connection::create_indexes(self.conn, &dropped)?;
        }
        if counts.inserted == 0 && counts.updated == 0 && self.import_id.is_none() {
            return Ok(());
        }
        let id = self.provenance_row()?;
        diesel::update(imports::table.find(id))
            .set((
                imports::sha256.eq(sha256),
                imports::inserted.eq(counts.inserted),
                imports::updated.eq(counts.updated),
                imports::unchanged.eq(counts.unchanged),
                imports::rejected.eq(counts.rejected),
            ))
            .execute(self.conn)?;
        Ok(())
    }

    /// The run's `imports` row, for a report that points at it; `known`
    /// learns its id, to tell this run's reports from earlier ones.
    fn import_row(&mut self, known: &mut Known) -> Result<i32> {
        let id = self.provenance_row()?;
        known.import_id = Some(id);
        Ok(id)
    }

    /// The run's `imports` row, written the first time it is needed.
    fn provenance_row(&mut self) -> Result<i32> {
        if let Some(id) = self.import_id {
            return Ok(id);
        }
        let p = &self.provenance;
        let id = diesel::insert_into(imports::table)
            .values(&NewImport {
                file_name: &p.file_name,
                sha256: "",
                kind: &p.kind,
                encoding: &p.encoding,
                inserted: 0,
                updated: 0,
                unchanged: 0,
                rejected: 0,
                imported_at: self.now,
            })
            .returning(imports::id)
            .get_result(self.conn)?;
        self.import_id = Some(id);
        Ok(id)
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
        let Some(k) = known.measure(&m.code) else {
            let id = self.new_measure_id()?;
            known.lines.set(id, line, true);
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
            });
            known
                .measures
                .insert(m.code.clone(), KnownMeasure { id, meeting_id });
            let outcome = match report {
                None => Outcome::Unchanged,
                Some(u) => {
                    let import = self.import_row(known)?;
                    let report = self.new_report(id, u, line, import);
                    self.pending.updates.push(report);
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
        let same = parent == stored.parent_id
            && m.title == stored.title
            && description == stored.description
            && m.category_id == stored.category_id
            && lead == stored.lead_ministry_id
            && due == stored.due_date;
        let reported = match report {
            Some(u) => self.update(known, k.id, u, line)?,
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
        let mut at = Some(parent);
        while let Some(p) = at {
            if p == id {
                return Err(Error::Import {
                    file: String::new(),
                    rows: vec![crate::error::RowError {
                        file: String::new(),
                        line,
                        column: "parent_code".into(),
                        value: parent_code.into(),
                        reason: format!(
                            "is a sub-measure of {code} itself, so the parents would go round; choose a parent outside {code}'s sub-measures"
                        ),
                    }],
                    bad_rows: 1,
                });
            }
            at = match self.pending.measures.iter().find(|m| m.id == p) {
                Some(new) => new.parent_id,
                None => measures::table
                    .find(p)
                    .select(measures::parent_id)
                    .first(self.conn)
                    .optional()?
                    .flatten(),
            };
        }
        Ok(())
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
                max.unwrap_or(0).checked_add(1).ok_or_else(no_free_id)?
            }
        };
        self.next_measure_id = Some(id.checked_add(1).ok_or_else(no_free_id)?);
        Ok(id)
    }

    /// A new report of the measure `measure_id` from line `line`.
    fn new_report(
        &self,
        measure_id: i32,
        u: &UpdateInput,
        line: u64,
        import_id: i32,
    ) -> PendingUpdate {
        PendingUpdate {
            measure_id,
            status: u.status.code(),
            progress: u.progress,
            reported_on: Day(u.reported_on),
            reported_by_id: u.reported_by,
            note: u.note.clone(),
            import_id: Some(import_id),
            import_line: i32::try_from(line).ok(),
            recorded_at: self.stamp,
        }
    }

    /// Records a status report of a stored measure (from line `line`): new,
    /// a correction of the stored report for that date, or the same again.
    /// A report from a file without a reporter, progress or note column
    /// keeps what is stored for that measure and date (a measures file has
    /// no reporter column, and must not erase the one an updates file
    /// recorded); an empty cell of a column the file has clears it, as a
    /// correction says. A report dated on or after the measure's current
    /// status becomes current when the chunk is written.
    pub fn update(
        &mut self,
        known: &mut Known,
        measure_id: i32,
        u: &UpdateInput,
        line: u64,
    ) -> Result<Outcome> {
        let key = (measure_id, u.reported_on);
        let stored = known.reports.get(&key);
        let stored_id = stored.map(|r| r.id);
        let u = u.over(stored.map(|r| (r.progress, r.reported_by, r.note.as_deref())));
        if let Some(r) = stored {
            if u.same_as(&r.status, r.progress, r.reported_by, &r.note) {
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                known.unchanged_reports.insert(key, line);
                return Ok(Outcome::Unchanged);
            }
        }
        let import = self.import_row(known)?;
        let report = KnownReport {
            id: stored_id.flatten(),
            status: u.status.code().to_string(),
            progress: u.progress,
            reported_by: u.reported_by,
            note: u.note.clone(),
            import_id: Some(import),
            import_line: i32::try_from(line).ok(),
        };
        let outcome = match stored_id {
            Some(Some(id)) => {
                super::updates::correct(
                    self.conn,
                    id,
                    &u,
                    Some(import),
                    report.import_line,
                    self.now,
                )?;
                Outcome::Updated
            }
            Some(None) => {
                return Err(Error::Other(format!(
                    "a second report of measure id {measure_id} on {} in one chunk (validation should have said so)",
                    u.reported_on
                )));
            }
            None => {
                let pending = self.new_report(measure_id, &u, line, import);
                self.pending.updates.push(pending);
                Outcome::Inserted
            }
        };
        known.reports.insert(key, report);
        let current = known.status_dates.entry(measure_id).or_insert(None);
        if u.supersedes(*current) {
            *current = Some(u.reported_on);
            self.pending.current.insert(measure_id);
        }
        Ok(outcome)
    }

    /// Writes the pending measures, then their reports, a batch per
    /// statement, then the current status of the measures whose latest
    /// report changed: each takes its latest report's status, progress and
    /// date (one report per measure and date, so the latest is one row).
    pub fn flush(&mut self) -> Result<()> {
        let Pending {
            measures: ms,
            updates: us,
            current,
        } = std::mem::take(&mut self.pending);
        insert_batches!(self.conn, measures::table, ms);
        if !ms.is_empty() {
            super::connection::after_explicit_ids(self.conn)?;
        }
        insert_batches!(self.conn, status_updates::table, us);
        if !current.is_empty() {
            let ids: Vec<i32> = current.iter().copied().collect();
            for part in ids.chunks(LOOKUP) {
                set_current_from_latest(self.conn, part, self.now)?;
            }
        }
        self.pending = Pending {
            measures: reuse(ms),
            updates: reuse(us),
            current: {
                let mut c = current;
                c.clear();
                c
            },
        };
        Ok(())
    }
}

/// Sets the current status of the measures `ids` to their latest report.
fn set_current_from_latest(conn: &mut Db, ids: &[i32], now: NaiveDateTime) -> Result<()> {
    let latest = status_updates::table
        .filter(status_updates::measure_id.eq(measures::id))
        .order(status_updates::reported_on.desc())
        .limit(1);
    diesel::update(measures::table.filter(measures::id.eq_any(ids)))
        .set((
            measures::status.eq(latest
                .select(status_updates::status)
                .single_value()
                .assume_not_null()),
            measures::progress.eq(latest.select(status_updates::progress).single_value()),
            measures::status_date.eq(latest.select(status_updates::reported_on).single_value()),
            measures::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

fn no_free_id() -> Error {
    Error::Other("measures: no free id left (the greatest id is taken)".into())
}

/// An emptied vector that keeps its allocation for the next batch.
fn reuse<T>(mut v: Vec<T>) -> Vec<T> {
    v.clear();
    v
}
