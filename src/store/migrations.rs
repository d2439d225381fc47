//! The embedded schema migrations: applied automatically on open, listed by
//! `db status`, applied or reverted by `db migrate|revert`. Each backend has
//! its own directory (`migrations/sqlite`, `migrations/postgres`) with the
//! same versions and names; the harness runs on the inner connection.

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connection::{write_transaction, AnyConnection};
use super::{Db, Store};
use crate::error::{Error, Result};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "postgres")]
pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Runs `$body` with `$c` bound to the inner connection and `$src` to the
/// migrations of its backend.
macro_rules! with_harness {
    ($conn:expr, |$c:ident, $src:ident| $body:expr) => {
        match $conn {
            AnyConnection::Sqlite($c) => {
                let $src = MIGRATIONS;
                $body
            }
            #[cfg(feature = "postgres")]
            AnyConnection::Postgres($c) => {
                let $src = PG_MIGRATIONS;
                $body
            }
        }
    };
}

/// One migration as `db status` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MigrationState {
    pub version: String,
    pub name: String,
    pub applied: bool,
}

fn harness_error(path: &str, e: impl std::fmt::Display) -> Error {
    Error::Db {
        path: path.to_string(),
        message: format!("migration failed: {}", super::friendly(&e.to_string())),
    }
}

/// Every migration this binary carries for the backend of `conn`, oldest
/// first: (version, full name).
fn embedded(conn: &Db) -> Vec<(String, String)> {
    use diesel::migration::MigrationSource;
    fn names<DB: diesel::backend::Backend>(src: &EmbeddedMigrations) -> Vec<(String, String)> {
        MigrationSource::<DB>::migrations(src)
            .expect("embedded migrations are valid at compile time")
            .iter()
            .map(|m| (m.name().version().to_string(), m.name().to_string()))
            .collect()
    }
    let mut all = match conn {
        AnyConnection::Sqlite(_) => names::<diesel::sqlite::Sqlite>(&MIGRATIONS),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(_) => names::<diesel::pg::Pg>(&PG_MIGRATIONS),
    };
    all.sort();
    all
}

/// The migration versions applied to the database.
fn applied(conn: &mut Db, path: &str) -> Result<Vec<String>> {
    let versions = with_harness!(conn, |c, src| {
        let _ = src;
        c.applied_migrations()
    })
    .map_err(|e| harness_error(path, e))?;
    Ok(versions.iter().map(|v| v.to_string()).collect())
}

/// The names of the tables in the database (the current schema on PostgreSQL).
fn table_names(conn: &mut Db) -> QueryResult<Vec<Name>> {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(_) => {
            "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    diesel::sql_query(sql).load(conn)
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Refuses a database that is not ours (tables but no migration history) or
/// that a newer policy-track has migrated past what this binary knows.
pub(crate) fn check_ours(store: &mut Store) -> Result<()> {
    let path = store.path.clone();
    let tables = table_names(&mut store.conn).map_err(|e| super::db_error(&path, e))?;
    if tables.is_empty() {
        return Ok(());
    }
    if !tables
        .iter()
        .any(|t| t.name == "__diesel_schema_migrations")
    {
        return Err(Error::NotOurs {
            path,
            what: format!(
                "not a policy-track database (it holds other tables: {})",
                tables
                    .iter()
                    .take(5)
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let known: Vec<String> = embedded(&store.conn).into_iter().map(|(v, _)| v).collect();
    let applied = applied(&mut store.conn, &path)?;
    if let Some(unknown) = applied.into_iter().find(|v| !known.contains(v)) {
        return Err(Error::Db {
            path,
            message: format!(
                "schema version {unknown} is newer than this policy-track knows (latest {}); upgrade policy-track, nothing was changed",
                known.last().map(String::as_str).unwrap_or("none")
            ),
        });
    }
    Ok(())
}

/// Applies every pending migration under the write lock; returns their names.
pub(crate) fn run_pending(store: &mut Store) -> Result<Vec<String>> {
    let path = store.path.clone();
    // A first look without the lock (the common case: nothing to do). On a
    // new PostgreSQL database even the look would create the history table,
    // which two processes must not do at once: go straight to the lock.
    let fresh = store.conn.backend() == super::Backend::Postgres
        && !table_names(&mut store.conn)
            .map_err(|e| super::db_error(&path, e))?
            .iter()
            .any(|t| t.name == "__diesel_schema_migrations");
    if !fresh {
        let pending = with_harness!(&mut store.conn, |c, src| c.has_pending_migration(src))
            .map_err(|e| harness_error(&path, e))?;
        if !pending {
            return Ok(Vec::new());
        }
    }
    // Under the write lock, so that two processes opening a new database at
    // once do not both create its tables.
    let mut applied = Vec::new();
    write_transaction::<_, Error>(&mut store.conn, |conn| {
        let done = with_harness!(conn, |c, src| c.run_pending_migrations(src))
            .map_err(|e| harness_error(&path, e))?;
        applied = done.iter().map(|v| v.to_string()).collect();
        Ok(())
    })
    .map_err(|e| e.at(&path))?;
    let names = embedded(&store.conn)
        .into_iter()
        .filter(|(v, _)| applied.contains(v))
        .map(|(_, n)| n)
        .collect();
    Ok(names)
}

impl Store {
    /// Every known migration and whether it is applied.
    pub fn migration_status(&mut self) -> Result<Vec<MigrationState>> {
        let path = self.path.clone();
        let applied = applied(&mut self.conn, &path)?;
        Ok(embedded(&self.conn)
            .into_iter()
            .map(|(version, name)| MigrationState {
                applied: applied.contains(&version),
                version,
                name,
            })
            .collect())
    }

    /// The version of the newest applied migration.
    pub fn schema_version(&mut self) -> Result<String> {
        Ok(self
            .migration_status()?
            .into_iter()
            .filter(|m| m.applied)
            .map(|m| m.version)
            .next_back()
            .unwrap_or_else(|| "none".into()))
    }

    /// Reverts the newest applied migration; returns its name.
    pub fn revert_last_migration(&mut self) -> Result<String> {
        let path = self.path.clone();
        let mut reverted = String::new();
        write_transaction::<_, Error>(&mut self.conn, |conn| {
            refuse_losing_the_log(conn, &path)?;
            let v = with_harness!(conn, |c, src| c.revert_last_migration(src)).map_err(|e| {
                let text = e.to_string();
                if text.to_ascii_lowercase().contains("foreign key") {
                    // Seeded rows that measures or reports still name.
                    Error::Db {
                        path: path.clone(),
                        message: format!(
                            "cannot revert: the data refers to rows this migration would remove ({}); nothing was changed (db revert is for undoing a schema change, not for emptying a database: back it up and start a new one instead)",
                            super::friendly(&text)
                        ),
                    }
                } else {
                    harness_error(&path, e)
                }
            })?;
            reverted = v.to_string();
            Ok(())
        })
        .map_err(|e| e.at(&path))?;
        Ok(embedded(&self.conn)
            .into_iter()
            .find(|(v, _)| *v == reverted)
            .map(|(_, n)| n)
            .unwrap_or(reverted))
    }
}

/// The migration that adds the change log.
const CHANGE_LOG: &str = "202612070600000000";

/// The migration that adds reporting rounds.
const ROUNDS: &str = "202612070700000000";

/// The migration that adds assessments and evidence.
const ASSESSMENTS: &str = "202612070900000000";

/// The migration that adds due date revisions and lineage.
const REVISIONS: &str = "202612070901000000";

/// Refuses to revert the change log's migration while the log holds
/// anything, the rounds' while there is a round, the assessments' while
/// there is an assessment or a report's evidence, or the revisions' while
/// there is a revision or a link between measures: their history would be
/// lost with the tables.
fn refuse_losing_the_log(conn: &mut Db, path: &str) -> Result<()> {
    use crate::schema::{
        assessments, changes, due_revisions, measure_lineage, rounds, status_updates,
    };
    use diesel::prelude::*;
    let last = applied(conn, path)?.into_iter().max();
    let (n, what): (i64, &str) = match last.as_deref() {
        Some(CHANGE_LOG) => (
            changes::table.count().get_result(conn)?,
            "the change log holds {n} entr{y|ies}",
        ),
        Some(ROUNDS) => (
            rounds::table.count().get_result(conn)?,
            "the database holds {n} reporting round{|s} (with their requests and answers)",
        ),
        Some(REVISIONS) => (
            due_revisions::table.count().get_result::<i64>(conn)?
                + measure_lineage::table.count().get_result::<i64>(conn)?,
            "the database holds {n} due date revision{|s} and lineage link{|s} (together)",
        ),
        Some(ASSESSMENTS) => (
            assessments::table.count().get_result::<i64>(conn)?
                + status_updates::table
                    .filter(status_updates::evidence.is_not_null())
                    .count()
                    .get_result::<i64>(conn)?,
            "the database holds {n} assessment{|s} or reports' evidence",
        ),
        _ => return Ok(()),
    };
    if n == 0 {
        return Ok(());
    }
    let what = what
        .replace("{n}", &n.to_string())
        .replace("{y|ies}", if n == 1 { "y" } else { "ies" })
        .replace("{|s}", if n == 1 { "" } else { "s" });
    Err(Error::Db {
        path: path.into(),
        message: format!(
            "cannot revert: {what} that this migration would remove; nothing was changed (db revert is for undoing a schema change: back the database up and start a new one instead)"
        ),
    })
}
