//! Opening the database: path resolution, connection pragmas, the check that
//! the file is ours, and pending migrations applied before any command.
//!
//! SQLite-specific statements (pragmas, `BEGIN IMMEDIATE`, `VACUUM INTO`) are
//! kept here and nowhere else.

use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::{db_error, friendly, migrations};
use crate::error::{Error, Result};

/// The connection type every store function takes.
pub type Db = SqliteConnection;

/// An open, migrated database.
pub struct Store {
    pub(crate) conn: Db,
    /// Where it is, for messages.
    pub(crate) path: String,
}

/// The database path from `--db`, else `POLICY_TRACK_DB`, else the default.
/// (clap fills `--db` from the environment variable.)
pub fn resolve_db_path(flag: Option<&Path>) -> Result<PathBuf> {
    match flag {
        Some(p) if p.as_os_str().is_empty() => Err(Error::Other(
            "--db is empty: give a database path such as ./policy-track.db".into(),
        )),
        Some(p) => Ok(p.to_path_buf()),
        None => default_db_path(),
    }
}

/// `policy-track.db` in the platform data directory
/// (`~/.local/share/policy-track/` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    let dir = dirs::data_dir().ok_or_else(|| {
        Error::Other(
            "no platform data directory is known (HOME unset?): pass --db PATH or set POLICY_TRACK_DB".into(),
        )
    })?;
    Ok(dir.join("policy-track").join("policy-track.db"))
}

/// What opening did, for the one-line notice on stderr.
pub struct Opened {
    pub store: Store,
    /// Migrations applied by this open (empty when the schema was current).
    pub applied: Vec<String>,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, sets the pragmas,
    /// refuses files that are not ours or are newer than this binary, and
    /// applies pending migrations.
    pub fn open(path: &Path) -> Result<Opened> {
        Self::open_with(path, true)
    }

    /// As `open`, but applies pending migrations only when `migrate` is set
    /// (`db status` and `db revert` look at the schema as it is).
    pub fn open_with(path: &Path, migrate: bool) -> Result<Opened> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(Error::Db {
                path: shown,
                message: "is a directory; give a file path such as ./policy-track.db".into(),
            });
        }
        let creating = !path.exists();
        if creating {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
        let url = path.to_str().ok_or_else(|| Error::Db {
            path: shown.clone(),
            message: "the path is not valid UTF-8; choose another path".into(),
        })?;
        let mut conn = SqliteConnection::establish(url).map_err(|e| Error::Db {
            path: shown.clone(),
            message: friendly(&e.to_string()),
        })?;
        configure(&mut conn).map_err(|e| db_error(&shown, e))?;
        let mut store = Store { conn, path: shown };
        migrations::check_ours(&mut store)?;
        let applied = if migrate {
            migrations::run_pending(&mut store)?
        } else {
            Vec::new()
        };
        Ok(Opened { store, applied })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Runs `f` in one write transaction that takes the write lock when it
    /// begins (`BEGIN IMMEDIATE`), so that a concurrent writer waits for the
    /// busy timeout instead of failing on a lock upgrade. All or nothing.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        self.conn.immediate_transaction(f).map_err(|e| e.at(&path))
    }

    /// Runs `f` in one read transaction, so that everything it reads is one
    /// consistent snapshot even while another process writes.
    pub fn read<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        self.conn.transaction(f).map_err(|e| e.at(&path))
    }

    /// A consistent copy of the database in `dest`, taken while other
    /// processes may be writing (`VACUUM INTO` reads one snapshot).
    pub fn backup(&mut self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Exists {
                what: "backup file",
                value: dest.display().to_string(),
            });
        }
        let dest_str = dest.to_str().ok_or_else(|| {
            Error::Other(format!("{}: the path is not valid UTF-8", dest.display()))
        })?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(dest_str)
            .execute(&mut self.conn)
            .map_err(|e| {
                // A failed VACUUM INTO (a corrupt source, a full disk) can
                // leave a partial file behind: not a backup, so remove it.
                let _ = std::fs::remove_file(dest);
                db_error(&self.path, e)
            })?;
        Ok(())
    }
}

/// §3: foreign keys on, WAL, a busy timeout of 5 s, synchronous NORMAL.
fn configure(conn: &mut Db) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    // The busy timeout first, so that switching to WAL waits for other writers too.
    conn.batch_execute("PRAGMA busy_timeout = 5000;")?;
    conn.batch_execute(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
    )
}
