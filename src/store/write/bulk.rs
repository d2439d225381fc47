//! The bulk-load policy: when a file brings many new rows, it is written
//! the way its backend loads many rows best ([`Writer::bulk_load`], the one
//! place that decides): on SQLite its tables lose their secondary indexes
//! until the file is written, then build them again once; on PostgreSQL its
//! new rows go through `COPY` (`copy.rs`). Also the connection settings of
//! a write (a large page cache, in-memory statement journals) and
//! PostgreSQL's identity sequence after explicit ids. What the rows are is
//! left to the writer; which tables a kind of file loads, to
//! `crate::import::kind`.
//!
//! Backend-specific statements, as in `connection.rs`: SQLite drops and
//! rebuilds indexes, PostgreSQL does not (there `DROP INDEX` would lock
//! the table against readers until the commit, and dropping a foreign key
//! would lock the table it refers to as well).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::Writer;
use crate::error::Result;
use crate::schema::{measures, status_updates};
use crate::store::{AnyConnection, Backend, Db};

/// A table an import writes many rows into, for [`Writer::bulk_load`].
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
/// [`Writer::bulk_load`]). Measured into an empty database: at 10,000
/// rows both ways cost the same, at 100,000 a bulk load takes 15 % less
/// CPU for measures and 30 % less for updates, at 1,000,000 40 % and 25 %.
/// Below the floor an import leaves the schema alone. The command may set
/// another floor (`POLICY_TRACK_BULK_ROWS`: tests use a small file; a very
/// large value turns bulk loads off, for measuring).
pub const BULK_ROWS: u64 = 50_000;

/// What a bulk load has done so far in one file.
#[derive(Default)]
pub(super) struct Bulk {
    /// PostgreSQL: the chunks' new rows go through `COPY` (`copy.rs`).
    pub(super) copy: bool,
    /// The tables [`Writer::bulk_load`] has decided on.
    tables: Vec<BulkTable>,
    /// The CREATE statements of the indexes dropped for a bulk load, to run
    /// again before the commit.
    dropped: Vec<String>,
}

impl Writer<'_> {
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
    /// a big table; files of fewer than `floor` rows ([`BULK_ROWS`] unless
    /// the command says otherwise) keep the indexes. Every query of the
    /// import finds its rows through the primary keys and the unique
    /// indexes, never through a dropped one. The indexes are dropped inside
    /// the import's transaction, so a failed or dry run rolls back with
    /// them as they were. Does nothing for a table already prepared.
    ///
    /// On PostgreSQL, whatever the tables hold, the rest of the file's new
    /// measures and reports (and the chunk pending now) go through `COPY`
    /// instead of multi-row INSERTs, and the current status moves with
    /// one set-based UPDATE a chunk (`copy.rs`): the indexes stay.
    pub fn bulk_load(&mut self, tables: &[BulkTable], rows: u64, floor: u64) -> Result<()> {
        if rows < floor {
            return Ok(());
        }
        if self.conn.backend() == Backend::Postgres {
            self.bulk.copy = true;
            return Ok(());
        }
        for &table in tables {
            if self.bulk.tables.contains(&table) {
                continue;
            }
            self.bulk.tables.push(table);
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
            let dropped = drop_secondary_indexes(self.conn, table.name(), table.columns())?;
            self.bulk.dropped.extend(dropped);
        }
        Ok(())
    }

    /// Builds the indexes dropped for a bulk load again, unless the run
    /// will be rolled back (a dry run), which restores them.
    pub(super) fn rebuild_indexes(&mut self) -> Result<()> {
        let dropped = std::mem::take(&mut self.bulk.dropped);
        if self.commit == super::Commit::Write {
            create_indexes(self.conn, &dropped)?;
        }
        Ok(())
    }
}

/// After rows were inserted into `measures` with explicit ids (the writer
/// numbers new measures itself, under the write lock): PostgreSQL's
/// identity sequence is moved past them, so that an INSERT without an id
/// gets a free one. SQLite needs nothing (it takes MAX(rowid) + 1).
pub(super) fn after_explicit_ids(conn: &mut Db) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(_) => Ok(()),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(c) => c.batch_execute(
            "SELECT setval(pg_get_serial_sequence('measures', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM measures))",
        ),
    }
}

#[derive(QueryableByName)]
struct IndexSql {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// SQLite only: drops the secondary indexes of `table` and returns their
/// `CREATE` statements, in the order they were made, for
/// [`create_indexes`] to put back. Secondary means made by `CREATE INDEX`
/// and not unique: the primary key, `UNIQUE` constraints and unique indexes
/// stay (writes rely on them). With `columns`, only the indexes with one of
/// them among their keys, and every partial index (its condition may name
/// one). The list comes from the schema itself, so an index a later
/// migration adds is covered. Both are DDL inside the caller's
/// transaction: a rollback brings the indexes back as they were.
/// PostgreSQL: nothing is dropped.
fn drop_secondary_indexes(
    conn: &mut Db,
    table: &str,
    columns: Option<&[&str]>,
) -> QueryResult<Vec<String>> {
    match conn {
        AnyConnection::Sqlite(c) => {
            let columns = columns.map(|cs| serde_json::json!(cs).to_string());
            let found: Vec<IndexSql> = diesel::sql_query(
                "SELECT m.name AS name, m.sql AS sql \
                   FROM sqlite_master AS m JOIN pragma_index_list(?1) AS l ON l.name = m.name \
                  WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL \
                    AND l.\"unique\" = 0 AND l.origin = 'c' \
                    AND (?2 IS NULL OR l.partial \
                         OR EXISTS (SELECT 1 FROM pragma_index_info(m.name) AS i \
                                     WHERE i.name IN (SELECT value FROM json_each(?2)))) \
                  ORDER BY m.rowid",
            )
            .bind::<diesel::sql_types::Text, _>(table)
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(columns)
            .load(c)?;
            for index in &found {
                // An identifier cannot be a bound parameter; the name is
                // the schema's own, quoted.
                c.batch_execute(&format!(
                    "DROP INDEX \"{}\"",
                    index.name.replace('"', "\"\"")
                ))?;
            }
            Ok(found.into_iter().map(|i| i.sql).collect())
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(_) => Ok(Vec::new()),
    }
}

/// Runs the `CREATE INDEX` statements that [`drop_secondary_indexes`]
/// returned. CREATE INDEX sorts the table's keys once, far cheaper than
/// keeping the index up to date row by row through a large load. SQLite
/// sorts in memory up to the page cache's size and spills the rest to
/// temporary files: those go to disk (`temp_store = FILE`; in memory the
/// whole sort would be held), and the page cache shrinks to SQLite's
/// default 2 MiB (a CREATE INDEX reads the table once, in order, and writes
/// the index in order), so that memory stays where the load left it
/// however large the table. The next import sets both again. The sort runs
/// on SQLite's auxiliary threads too, as many as there are cores (`PRAGMA
/// threads`; the file's reading thread is done by then): at a million
/// measures the rebuild takes 15 % less time for a third more CPU.
fn create_indexes(conn: &mut Db, statements: &[String]) -> QueryResult<()> {
    if statements.is_empty() {
        return Ok(());
    }
    match conn {
        AnyConnection::Sqlite(c) => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
            c.batch_execute(&format!(
                "PRAGMA temp_store = FILE; PRAGMA cache_size = -2048; PRAGMA threads = {cores};"
            ))?;
            for sql in statements {
                c.batch_execute(sql)?;
            }
            Ok(())
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(_) => Ok(()),
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
pub(super) fn bulk_cache(conn: &mut Db) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(c) => {
            c.batch_execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(_) => Ok(()),
    }
}
