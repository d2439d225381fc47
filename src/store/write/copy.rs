//! PostgreSQL's bulk path: when the bulk-load policy (`bulk.rs`) decides a
//! file is a large load and the database is PostgreSQL, the new measures
//! and reports of each chunk go to the server with one `COPY … FROM STDIN`
//! per table (binary format) instead of multi-row INSERTs, and the current
//! status of the chunk's measures whose latest report changed moves with
//! one set-based `UPDATE … FROM` (the latest report of each, by
//! `DISTINCT ON`) instead of three subqueries per measure.
//!
//! The rows are the writer's, as the row path writes them: the same
//! structs (`batch.rs`'s `PendingMeasure` and `PendingUpdate`, whose fields
//! are the copied columns: a column added to the tables is one more field
//! there, for both paths), the same ids, `import_id`s, lines and rounds, and
//! the same change-log entries (`log.rs`). The checks stay where they are:
//! those of a row in Rust before the write, those that need the database
//! against the chunk's lookups (`cache.rs`), the rest in the tables'
//! constraints, which a COPY runs as an INSERT does. Everything is inside
//! the file's transaction, under the write lock: a bad row rolls back what
//! was copied with the rest.
//!
//! The rows go straight into their tables, not through a staging table:
//! the checks that need the database already run once a chunk, against
//! its lookups, and the constraints and indexes cost the same per row
//! either way, so a staging table only wrote every row twice (measured:
//! 100,000 measures in chunks of 1,000, staged 10.2–11.4 s, straight
//! 7.8–8.9 s; BENCHMARKS.md, "The COPY bulk path").
//!
//! SQLite has no COPY: there the functions here say so (`false`) and the
//! caller writes the rows its own way.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::batch::{PendingMeasure, PendingUpdate};
#[cfg(feature = "postgres")]
use crate::store::AnyConnection;
use crate::store::Db;

/// Copies `new_measures` and then `new_reports` into their tables on
/// PostgreSQL (`true`); on SQLite does nothing (`false`).
pub(super) fn copy_rows(
    conn: &mut Db,
    new_measures: &[PendingMeasure],
    new_reports: &[PendingUpdate],
) -> QueryResult<bool> {
    #[cfg(feature = "postgres")]
    if let AnyConnection::Postgres(c) = &mut *conn {
        use crate::schema::{measures, status_updates};
        if !new_measures.is_empty() {
            diesel::copy_from(measures::table)
                .from_insertable(new_measures)
                .execute(c)?;
        }
        if !new_reports.is_empty() {
            diesel::copy_from(status_updates::table)
                .from_insertable(new_reports)
                .execute(c)?;
        }
        return Ok(true);
    }
    let _ = (conn, new_measures, new_reports);
    Ok(false)
}

/// Sets the current status of the measures `ids`, each of which has a
/// report, to its latest one, with one statement on PostgreSQL (`true`);
/// on SQLite does nothing (`false`).
pub(super) fn set_current(conn: &mut Db, ids: &[i32], now: NaiveDateTime) -> QueryResult<bool> {
    #[cfg(feature = "postgres")]
    if let AnyConnection::Postgres(c) = &mut *conn {
        use diesel::sql_types::{Array, Integer, Timestamp};
        // Diesel has no DISTINCT ON inside an UPDATE … FROM: the one
        // statement here is raw, its values bound.
        diesel::sql_query(
            "UPDATE measures AS m \
                SET status = l.status, progress = l.progress, \
                    status_date = l.reported_on, updated_at = $2 \
               FROM (SELECT DISTINCT ON (s.measure_id) \
                            s.measure_id, s.status, s.progress, s.reported_on \
                       FROM status_updates AS s \
                      WHERE s.measure_id = ANY($1) \
                      ORDER BY s.measure_id, s.reported_on DESC) AS l \
              WHERE m.id = l.measure_id",
        )
        .bind::<Array<Integer>, _>(ids)
        .bind::<Timestamp, _>(now)
        .execute(c)?;
        return Ok(true);
    }
    let _ = (conn, ids, now);
    Ok(false)
}
