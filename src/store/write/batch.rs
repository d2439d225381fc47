//! Batching: the rows of a chunk wait in memory and go out as multi-row
//! INSERTs when it ends ([`Writer::flush`]; in a PostgreSQL bulk load
//! through `COPY` instead, `copy.rs`), with the ids of new measures
//! numbered here (the transaction holds the write lock, so `MAX(id) + 1`
//! onwards is free), and one UPDATE that moves the current status of every
//! measure whose latest report changed. What to write is decided by the
//! writer (`mod.rs`); what is known of the stored rows by `cache.rs`.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::cache::LOOKUP;
use super::Writer;
use crate::error::{Error, Result};
use crate::schema::{measures, status_updates};
use crate::store::bind::{Day, Stamp};
use crate::store::{Db, UpdateInput};

/// Rows waiting for their multi-row INSERT, and the measures whose current
/// status must follow a new latest report.
#[derive(Default)]
pub(super) struct Pending {
    pub(super) measures: Vec<PendingMeasure>,
    pub(super) updates: Vec<PendingUpdate>,
    pub(super) current: HashSet<i32>,
    pub(super) changes: Vec<super::log::PendingChange>,
    /// New measures' links to the measure each continues (measure,
    /// continued), written after the measures.
    pub(super) lineage: Vec<(i32, i32)>,
}

/// Rows per multi-row INSERT: measures take 15 bound values a row, well
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

/// `treat_none_as_default_value = false`: a `None` is bound as NULL, so
/// that SQLite gets one multi-row INSERT (with DEFAULT for `None`, Diesel
/// would write the rows one statement each, as SQLite has no DEFAULT in a
/// VALUES list).
#[derive(Insertable)]
#[diesel(table_name = measures, treat_none_as_default_value = false)]
pub(super) struct PendingMeasure {
    pub(super) id: i32,
    pub(super) code: String,
    pub(super) meeting_id: i32,
    pub(super) parent_id: Option<i32>,
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) category_id: i32,
    pub(super) lead_ministry_id: Option<i32>,
    pub(super) due_date: Option<Day>,
    pub(super) status: &'static str,
    pub(super) progress: Option<i32>,
    pub(super) status_date: Option<Day>,
    pub(super) created_at: Stamp,
    pub(super) updated_at: Stamp,
    pub(super) import_id: Option<i32>,
}

/// NULL for `None`, as in [`PendingMeasure`].
#[derive(Insertable)]
#[diesel(table_name = status_updates, treat_none_as_default_value = false)]
pub(super) struct PendingUpdate {
    measure_id: i32,
    status: &'static str,
    progress: Option<i32>,
    reported_on: Day,
    reported_by_id: Option<i32>,
    note: Option<String>,
    import_id: Option<i32>,
    import_line: Option<i32>,
    recorded_at: Stamp,
    round_id: Option<i32>,
    evidence: Option<String>,
}

impl Writer<'_> {
    /// The id for a new measure: one past the greatest stored, then counting
    /// up (nothing else writes while this transaction holds the lock).
    pub(super) fn new_measure_id(&mut self) -> Result<i32> {
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

    /// A new report of the measure `measure_id`, from line `line` of the
    /// import `import_id` (both `None` for a command), waiting for its
    /// INSERT.
    pub(super) fn push_report(
        &mut self,
        measure_id: i32,
        u: &UpdateInput,
        import_id: Option<i32>,
        import_line: Option<i32>,
    ) {
        self.pending.updates.push(PendingUpdate {
            measure_id,
            status: u.status.code(),
            progress: u.progress,
            reported_on: Day(u.reported_on),
            reported_by_id: u.reported_by,
            note: u.note.clone(),
            import_id,
            import_line,
            recorded_at: self.stamp,
            round_id: u.round,
            evidence: u.evidence.clone(),
        });
    }

    /// Replaces the stored report `id` with `u`, a correction for the same
    /// measure and date, from line `import_line` of the import `import_id`
    /// (both `None` for a command). Written at once: a correction is rare.
    pub(super) fn correct_report(
        &mut self,
        id: i32,
        u: &UpdateInput,
        (import_id, import_line): (Option<i32>, Option<i32>),
        keep_recorded: bool,
    ) -> Result<()> {
        diesel::update(status_updates::table.find(id))
            .set((
                status_updates::status.eq(u.status.code()),
                status_updates::progress.eq(u.progress),
                status_updates::reported_by_id.eq(u.reported_by),
                status_updates::note.eq(&u.note),
                status_updates::import_id.eq(import_id),
                status_updates::import_line.eq(import_line),
                status_updates::round_id.eq(u.round),
                status_updates::evidence.eq(&u.evidence),
            ))
            .execute(self.conn)?;
        // A round's answer corrected for the same round keeps the day it
        // was received (`round show`'s received_on); any other correction
        // is recorded now.
        if !keep_recorded {
            diesel::update(status_updates::table.find(id))
                .set(status_updates::recorded_at.eq(self.now))
                .execute(self.conn)?;
        }
        Ok(())
    }

    /// Writes the pending measures, then their reports, a batch per
    /// statement (a bulk load on PostgreSQL: a COPY per table), then the
    /// current status of the measures whose latest report changed: each
    /// takes its latest report's status, progress and date (one report per
    /// measure and date, so the latest is one row).
    pub fn flush(&mut self) -> Result<()> {
        let Pending {
            measures: ms,
            updates: us,
            current,
            changes,
            lineage,
        } = std::mem::take(&mut self.pending);
        self.flush_changes(&changes)?;
        let copied = self.bulk.copy && super::copy::copy_rows(self.conn, &ms, &us)?;
        if !copied {
            insert_batches!(self.conn, measures::table, ms);
        }
        if !ms.is_empty() {
            super::bulk::after_explicit_ids(self.conn)?;
        }
        super::revise::insert_lineage(self.conn, &lineage)?;
        if !copied {
            insert_batches!(self.conn, status_updates::table, us);
        }
        if !current.is_empty() {
            let ids: Vec<i32> = current.iter().copied().collect();
            for part in ids.chunks(LOOKUP) {
                if !(self.bulk.copy && super::copy::set_current(self.conn, part, self.now)?) {
                    set_current_from_latest(self.conn, part, self.now)?;
                }
            }
        }
        self.pending = Pending {
            measures: reuse(ms),
            updates: reuse(us),
            changes: reuse(changes),
            lineage: reuse(lineage),
            current: {
                let mut c = current;
                c.clear();
                c
            },
        };
        Ok(())
    }
}

diesel::define_sql_function! {
    /// SQL's `COALESCE` of a nullable text and a default.
    fn coalesce(x: diesel::sql_types::Nullable<diesel::sql_types::Text>, y: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Sets the current status of the measures `ids` to their latest report
/// (planned, with no progress or date, for a measure left without one).
pub(super) fn set_current_from_latest(
    conn: &mut Db,
    ids: &[i32],
    now: NaiveDateTime,
) -> Result<()> {
    let latest = status_updates::table
        .filter(status_updates::measure_id.eq(measures::id))
        .order(status_updates::reported_on.desc())
        .limit(1);
    diesel::update(measures::table.filter(measures::id.eq_any(ids)))
        .set((
            measures::status.eq(coalesce(
                latest.select(status_updates::status).single_value(),
                crate::model::Status::Planned.code(),
            )),
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
