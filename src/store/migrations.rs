//! The embedded schema migrations: applied automatically on open, listed by
//! `db status`, applied or reverted by `db migrate|revert`.

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::Store;
use crate::error::{Error, Result};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

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

/// Every migration this binary carries, oldest first: (version, full name).
fn embedded() -> Vec<(String, String)> {
    use diesel::migration::MigrationSource;
    let mut all: Vec<(String, String)> =
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(&MIGRATIONS)
            .expect("embedded migrations are valid at compile time")
            .iter()
            .map(|m| (m.name().version().to_string(), m.name().to_string()))
            .collect();
    all.sort();
    all
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
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .load(&mut store.conn)
    .map_err(|e| super::db_error(&path, e))?;
    if tables.is_empty() {
        return Ok(());
    }
    if !tables
        .iter()
        .any(|t| t.name == "__diesel_schema_migrations")
    {
        return Err(Error::Db {
            path,
            message: format!(
                "not a policy-track database (it holds other tables: {}); point --db at a new path",
                tables
                    .iter()
                    .take(5)
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let known: Vec<String> = embedded().into_iter().map(|(v, _)| v).collect();
    let applied = store
        .conn
        .applied_migrations()
        .map_err(|e| harness_error(&path, e))?;
    if let Some(unknown) = applied
        .iter()
        .map(|v| v.to_string())
        .find(|v| !known.contains(v))
    {
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
    let pending = store
        .conn
        .has_pending_migration(MIGRATIONS)
        .map_err(|e| harness_error(&path, e))?;
    if !pending {
        return Ok(Vec::new());
    }
    // Under the write lock, so that two processes opening a new database at
    // once do not both create its tables.
    let mut applied = Vec::new();
    store
        .conn
        .immediate_transaction::<_, Error, _>(|c| {
            let done = c
                .run_pending_migrations(MIGRATIONS)
                .map_err(|e| harness_error(&path, e))?;
            applied = done.iter().map(|v| v.to_string()).collect();
            Ok(())
        })
        .map_err(|e| e.at(&path))?;
    let names = embedded()
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
        let applied: Vec<String> = self
            .conn
            .applied_migrations()
            .map_err(|e| harness_error(&path, e))?
            .iter()
            .map(|v| v.to_string())
            .collect();
        Ok(embedded()
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
        self.conn
            .immediate_transaction::<_, Error, _>(|c| {
                let v = c
                    .revert_last_migration(MIGRATIONS)
                    .map_err(|e| harness_error(&path, e))?;
                reverted = v.to_string();
                Ok(())
            })
            .map_err(|e| e.at(&path))?;
        Ok(embedded()
            .into_iter()
            .find(|(v, _)| *v == reverted)
            .map(|(_, n)| n)
            .unwrap_or(reverted))
    }
}
