//! Opening the database: where it is (a SQLite file, or a PostgreSQL server
//! named by a `postgres://` URL), connection settings, the check that the
//! database is ours, and pending migrations applied before any command.
//!
//! Backend-specific statements (pragmas, `BEGIN IMMEDIATE`, `VACUUM INTO`,
//! PostgreSQL's isolation levels and write lock) are kept here: every other
//! store file takes a `Db` and runs the same Diesel code on either backend.
//! Three places choose by backend where the work itself differs: the report
//! queries (`report/` renders each query for the backend, and the fast
//! SQLite-only summaries), an import's bulk load (SQLite drops and rebuilds
//! secondary indexes; `write/bulk.rs` asks `backend()`), and the bound values of
//! the report queries (`bind.rs`).

use std::path::Path;

use diesel::connection::{
    AnsiTransactionManager, DefaultLoadingMode, SimpleConnection, TransactionManager,
};
#[cfg(feature = "postgres")]
use diesel::pg::{PgConnection, PgRowByRowLoadingMode};
use diesel::prelude::*;
use diesel::query_dsl::LoadQuery;
use diesel::sqlite::SqliteConnection;

use super::{db_error, friendly, migrations};
use crate::error::{Error, Result};

/// One connection of either backend. Diesel's `MultiConnection` runs the
/// query builder's statements on whichever variant is open; the few
/// backend-specific statements match on the variant.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    #[cfg(feature = "postgres")]
    Postgres(diesel::pg::PgConnection),
    Sqlite(SqliteConnection),
}

/// The connection type every store function takes.
pub type Db = AnyConnection;

/// A query whose rows can be read one at a time on either backend
/// ([`rows_with`]).
#[cfg(feature = "postgres")]
pub(crate) trait RowByRow<'q, U>:
    LoadQuery<'q, SqliteConnection, U, DefaultLoadingMode>
    + LoadQuery<'q, PgConnection, U, PgRowByRowLoadingMode>
{
}
#[cfg(feature = "postgres")]
impl<'q, U, Q> RowByRow<'q, U> for Q where
    Q: LoadQuery<'q, SqliteConnection, U, DefaultLoadingMode>
        + LoadQuery<'q, PgConnection, U, PgRowByRowLoadingMode>
{
}
/// A query whose rows can be read one at a time ([`rows_with`]).
#[cfg(not(feature = "postgres"))]
pub(crate) trait RowByRow<'q, U>:
    LoadQuery<'q, SqliteConnection, U, DefaultLoadingMode>
{
}
#[cfg(not(feature = "postgres"))]
impl<'q, U, Q> RowByRow<'q, U> for Q where Q: LoadQuery<'q, SqliteConnection, U, DefaultLoadingMode> {}

/// Runs `query` and hands its rows to `f` as the database yields them, one
/// held at a time on either backend: SQLite steps its statement; on
/// PostgreSQL the client takes the rows one by one (libpq's single-row
/// mode) instead of receiving the whole result first, which Diesel's
/// default does. While `f` reads, the connection runs nothing else.
pub(crate) fn rows_with<'q, U: 'q, T>(
    conn: &'q mut Db,
    query: impl RowByRow<'q, U>,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<U>>) -> Result<T>,
) -> Result<T> {
    match conn {
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(c) => {
            let mut rows =
                LoadQuery::<'_, PgConnection, U, PgRowByRowLoadingMode>::internal_load(query, c)?
                    .map(|r| r.map_err(Error::from));
            f(&mut rows)
        }
        AnyConnection::Sqlite(c) => {
            let mut rows =
                LoadQuery::<'_, SqliteConnection, U, DefaultLoadingMode>::internal_load(query, c)?
                    .map(|r| r.map_err(Error::from));
            f(&mut rows)
        }
    }
}

/// Which backend a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl AnyConnection {
    pub fn backend(&self) -> Backend {
        match self {
            #[cfg(feature = "postgres")]
            AnyConnection::Postgres(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// An open, migrated database.
pub struct Store {
    pub(crate) conn: Db,
    /// Where it is, for messages (a server URL without its password).
    pub(crate) path: String,
    /// Whether a long SQLite report may read on a second connection
    /// ([`Store::read_split`]).
    split_reads: bool,
    /// The day writes are recorded on (`None`: the clock's), set by the
    /// command from a fixed "today" ([`Store::record_on`]).
    pub(crate) today: Option<chrono::NaiveDate>,
}

/// How to open a database; the command decides (from its flags and
/// environment), the store only follows.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Apply pending migrations (`db status` and `db revert` look at the
    /// schema as it is).
    pub migrate: bool,
    /// Let a long report read half its rows on a second connection, on
    /// another core (SQLite files only); off to compare both ways.
    pub split_reads: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            migrate: true,
            split_reads: true,
        }
    }
}

/// Whether a database path names a PostgreSQL server rather than a SQLite
/// file.
pub fn is_server_url(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// A server URL as messages show it: the password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// What opening did, for the one-line notice on stderr.
pub struct Opened {
    pub store: Store,
    /// Migrations applied by this open (empty when the schema was current).
    pub applied: Vec<String>,
}

/// How a transaction begins on each backend.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tx {
    /// One writer at a time: SQLite's `BEGIN IMMEDIATE`; on PostgreSQL READ
    /// COMMITTED plus the database-wide write lock (an advisory lock).
    Write,
    /// One consistent snapshot: SQLite's deferred `BEGIN` (WAL readers see one
    /// snapshot); PostgreSQL's REPEATABLE READ.
    Read,
    /// The same snapshot for a read whose rows are handed on as they come
    /// (a list of millions): on SQLite without the memory map, so that the
    /// pages it passes over do not stay in the process's resident set.
    Stream,
}

/// The key of the PostgreSQL advisory lock that writers take (any constant
/// that other applications of the same database are unlikely to use).
#[cfg(feature = "postgres")]
const PG_WRITE_LOCK: i64 = 0x706f_6c69_6379_7472; // "policytr"

/// Runs `f` in a transaction begun the way `kind` says, committed when `f`
/// succeeds and rolled back otherwise (as Diesel's `transaction`). Inside a
/// transaction already ([`Store::rolled_back`]), `f` runs in a savepoint of
/// it instead, released or rolled back the same way.
fn transaction<T, E>(
    conn: &mut Db,
    kind: Tx,
    f: impl FnOnce(&mut Db) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let nested = begin(conn, kind)?;
    type Manager = <Db as Connection>::TransactionManager;
    let outcome = match f(conn) {
        Ok(value) => Manager::commit_transaction(conn)
            .map(|()| value)
            .map_err(E::from),
        // The error that ended `f` is the one to report, also when the
        // rollback fails too (SQLite may have rolled the whole transaction
        // back already after a full disk, leaving no savepoint to go to).
        Err(user_error) => {
            let _ = Manager::rollback_transaction(conn);
            Err(user_error)
        }
    };
    match (conn, kind) {
        (AnyConnection::Sqlite(c), Tx::Read) if !nested => {
            let unmapped = c.batch_execute(NO_MMAP);
            outcome.and_then(|value| unmapped.map(|()| value).map_err(E::from))
        }
        _ => outcome,
    }
}

/// Begins a transaction the way `kind` says, or a savepoint when one is
/// open already (then `true`: the outer transaction's kind holds).
fn begin(conn: &mut Db, kind: Tx) -> QueryResult<bool> {
    type Manager = <Db as Connection>::TransactionManager;
    if Manager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_some()
    {
        Manager::begin_transaction(conn)?;
        return Ok(true);
    }
    match conn {
        AnyConnection::Sqlite(c) => {
            let sql = match kind {
                Tx::Write => "BEGIN IMMEDIATE",
                Tx::Read => {
                    c.batch_execute(READ_MMAP)?;
                    "BEGIN"
                }
                Tx::Stream => "BEGIN",
            };
            AnsiTransactionManager::begin_transaction_sql(c, sql)?;
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgres(c) => match kind {
            Tx::Write => {
                AnsiTransactionManager::begin_transaction_sql(
                    c,
                    "BEGIN ISOLATION LEVEL READ COMMITTED",
                )?;
                // Writers queue here, so a check-then-insert (the next free
                // code, "does this meeting exist") never races another
                // writer. READ COMMITTED: every statement after the lock sees
                // what the previous holder committed.
                let locked = diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
                    .bind::<diesel::sql_types::BigInt, _>(PG_WRITE_LOCK)
                    .execute(c);
                if let Err(e) = locked {
                    let _ = AnsiTransactionManager::rollback_transaction(c);
                    return Err(e);
                }
            }
            Tx::Read | Tx::Stream => AnsiTransactionManager::begin_transaction_sql(
                c,
                "BEGIN ISOLATION LEVEL REPEATABLE READ",
            )?,
        },
    }
    Ok(false)
}

/// The page size of a new SQLite database, in bytes (SQLite's default is
/// 4096). A file keeps the size it was made with.
pub(crate) const PAGE_SIZE: u32 = 16384;

/// SQLite reads the pages of a read transaction through a memory map of the
/// database file (up to SQLite's ceiling of 2 GiB), in place, instead of
/// copying each page out of the OS cache with `pread`: a report at
/// 1,000,000 measures reads hundreds of megabytes. Mapped pages are the OS
/// page cache, shared and not private memory; they count in the resident set
/// of the process only while it runs. Writes keep the default (no map), set
/// back after each read transaction, so that an import's memory stays what its
/// own caches make it.
const READ_MMAP: &str = "PRAGMA mmap_size = 2147418112;";
const NO_MMAP: &str = "PRAGMA mmap_size = 0;";

/// The file of the main database of a SQLite connection; `None` in memory.
fn main_file(conn: &mut Db) -> QueryResult<Option<String>> {
    #[derive(QueryableByName)]
    struct File {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        file: Option<String>,
    }
    let f: File = diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
        .get_result(conn)?;
    Ok(f.file.filter(|f| !f.is_empty()))
}

/// SQLite's `PRAGMA data_version` of this connection.
pub(crate) fn data_version(conn: &mut Db) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        data_version: i64,
    }
    let v: Version = diesel::sql_query("PRAGMA data_version").get_result(conn)?;
    Ok(v.data_version)
}

/// Runs `f` in one write transaction (see `Store::write`).
pub(crate) fn write_transaction<T, E>(
    conn: &mut Db,
    f: impl FnOnce(&mut Db) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    transaction(conn, Tx::Write, f)
}

impl Store {
    /// Records what is written from now on as written on `day` (at the
    /// clock's time of day, UTC), for a command run with a fixed "today":
    /// the day a round's answer was received is the day it was recorded.
    pub fn record_on(&mut self, day: Option<chrono::NaiveDate>) {
        self.today = day;
    }

    /// Opens the database at `path` (a SQLite file, created if missing, or a
    /// `postgres://` URL), refuses databases that are not ours or are newer
    /// than this binary, and applies pending migrations.
    pub fn open(path: &Path) -> Result<Opened> {
        Self::open_with(path, OpenOptions::default())
    }

    /// As `open`, with the options `opts`.
    pub fn open_with(path: &Path, opts: OpenOptions) -> Result<Opened> {
        let conn_and_shown = match path.to_str() {
            Some(url) if is_server_url(url) => open_server(url)?,
            _ => open_file(path)?,
        };
        let (conn, shown) = conn_and_shown;
        let mut store = Store {
            conn,
            path: shown,
            split_reads: opts.split_reads,
            today: None,
        };
        migrations::check_ours(&mut store)?;
        match &mut store.conn {
            // Only now that the file is known to be ours: the journal mode
            // is written into the file, which a refused file must not be.
            AnyConnection::Sqlite(c) => {
                to_wal(c).map_err(|e| db_error(&store.path, e))?;
            }
            #[cfg(feature = "postgres")]
            AnyConnection::Postgres(_) => {}
        }
        let applied = if opts.migrate {
            migrations::run_pending(&mut store)?
        } else {
            Vec::new()
        };
        Ok(Opened { store, applied })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// Runs `f` in one write transaction. All or nothing, and one writer at
    /// a time: on SQLite it takes the write lock when it begins (`BEGIN
    /// IMMEDIATE`), so that a concurrent writer waits for the busy timeout
    /// instead of failing on a lock upgrade; on PostgreSQL writers queue on
    /// one advisory lock, the same order of events.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        transaction(&mut self.conn, Tx::Write, f).map_err(|e| e.at(&path))
    }

    /// Runs `f` on this store inside one write transaction that is rolled
    /// back when `f` returns, whatever it returns: what `f` writes is seen by
    /// what it does next, and nothing of it stays. The transactions `f`
    /// begins are savepoints of this one (a dry run of several files checks
    /// each against the files before it).
    pub(crate) fn rolled_back<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        begin(&mut self.conn, Tx::Write).map_err(|e| db_error(&path, e))?;
        let outcome = f(self);
        let undone = <Db as Connection>::TransactionManager::rollback_transaction(&mut self.conn);
        match (outcome, undone) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(db_error(&path, e)),
            (Ok(value), Ok(())) => Ok(value),
        }
    }

    /// Runs `f` in one read transaction, so that everything it reads is one
    /// consistent snapshot even while another process writes.
    pub fn read<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        transaction(&mut self.conn, Tx::Read, f).map_err(|e| e.at(&path))
    }

    /// [`Store::read`] for a read that hands its rows on as they come,
    /// however many (see `Tx::Stream`).
    pub fn stream<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        transaction(&mut self.conn, Tx::Stream, f).map_err(|e| e.at(&path))
    }

    /// Runs `main` on this connection and `side` on a second connection to
    /// the same SQLite file, on two threads, each in a read transaction, and
    /// returns both results only when the two read one snapshot: when no
    /// other connection committed between the first `PRAGMA data_version`
    /// and the second, both taken here around the two transactions (SQLite
    /// changes the value on this connection when another one commits in the
    /// interim; a checkpoint may change it too, which only costs a retry).
    /// `Ok(None)` means "read serially instead": on PostgreSQL, on one core,
    /// for a database that is not a file on disk (in memory), when the
    /// second connection cannot be opened or fails, when a writer committed
    /// meanwhile, or when the store was opened without `split_reads`. The second connection opens the file this
    /// one reads, as SQLite names it, and only if it is there.
    pub(crate) fn read_split<A, B: Send>(
        &mut self,
        main: impl FnOnce(&mut Db) -> Result<A>,
        side: impl FnOnce(&mut Db) -> Result<B> + Send,
    ) -> Result<Option<(A, B)>> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if self.conn.backend() != Backend::Sqlite || cores < 2 || !self.split_reads {
            return Ok(None);
        }
        let path = self.path.clone();
        let file = main_file(&mut self.conn).map_err(|e| db_error(&path, e))?;
        let Some(file) = file.filter(|f| Path::new(f).is_file()) else {
            return Ok(None);
        };
        let before = data_version(&mut self.conn).map_err(|e| db_error(&path, e))?;
        let Ok((mut other, _)) = open_file(Path::new(&file)) else {
            return Ok(None);
        };
        let (a, b) = std::thread::scope(|scope| {
            let side = scope.spawn(move || transaction(&mut other, Tx::Read, side));
            let a = transaction(&mut self.conn, Tx::Read, main);
            let b = side.join().unwrap_or_else(|_| {
                Err(Error::Other(
                    "a report's second reading thread stopped unexpectedly".into(),
                ))
            });
            (a, b)
        });
        let a = a.map_err(|e| e.at(&path))?;
        let after = data_version(&mut self.conn).map_err(|e| db_error(&path, e))?;
        Ok(b.ok().filter(|_| before == after).map(|b| (a, b)))
    }

    /// A consistent copy of the database in `dest`, taken while other
    /// processes may be writing (`VACUUM INTO` reads one snapshot). A server
    /// database is copied with the server's own tool.
    // Without the postgres feature the match below has one arm.
    #[allow(clippy::infallible_destructuring_match)]
    pub fn backup(&mut self, dest: &Path) -> Result<()> {
        let path = &self.path;
        let conn = match &mut self.conn {
            AnyConnection::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            AnyConnection::Postgres(_) => {
                return Err(Error::Other(format!(
                    "db backup copies SQLite files only; for the PostgreSQL database {path} use pg_dump, e.g. pg_dump --format=custom --file={} URL",
                    dest.display()
                )))
            }
        };
        if dest.exists() {
            return Err(Error::Exists {
                what: "backup file",
                value: dest.display().to_string(),
            });
        }
        let dest_str = dest.to_str().ok_or_else(|| {
            Error::Other(format!("{}: the path is not valid UTF-8", dest.display()))
        })?;
        // SQLite's own error for a folder it cannot write into would name
        // the database, not the backup.
        crate::export::existing_folder("backup file", dest)?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(dest_str)
            .execute(conn)
            .map_err(|e| {
                // A failed VACUUM INTO (a corrupt source, a full disk) can
                // leave a partial file behind: not a backup, so remove it.
                let _ = std::fs::remove_file(dest);
                // SQLite's "unable to open database: …" here is about the
                // backup file, not the database being read.
                if e.to_string()
                    .to_ascii_lowercase()
                    .contains("unable to open")
                {
                    return Error::Other(format!(
                        "backup file {}: cannot be created; check that its folder is writable",
                        dest.display()
                    ));
                }
                db_error(path, e)
            })?;
        Ok(())
    }
}

/// Opens (creating if missing) the SQLite file at `path`, with the pragmas.
/// Puts a SQLite file in WAL mode, unless it is already (every file
/// policy-track made is): the switch writes the file's header, so a file
/// that is not yet in WAL mode (made by another tool, or a copy restored
/// from a backup) is read through first (`quick_check`), and a damaged one
/// is refused untouched, as every damaged file is. An empty file takes the
/// page size first: 16 KiB pages make a bulk load a tenth cheaper (fewer,
/// larger writes and page splits) and the reports no slower.
fn to_wal(c: &mut SqliteConnection) -> QueryResult<()> {
    #[derive(QueryableByName)]
    struct Pragma {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let pragma = |c: &mut SqliteConnection, sql: &str| -> QueryResult<String> {
        let rows: Vec<Pragma> = diesel::sql_query(sql).load(c)?;
        Ok(rows.into_iter().next().map(|r| r.value).unwrap_or_default())
    };
    if pragma(c, "SELECT journal_mode AS value FROM pragma_journal_mode")? == "wal" {
        return Ok(());
    }
    let verdict = pragma(
        c,
        "SELECT quick_check AS value FROM pragma_quick_check LIMIT 1",
    )?;
    if verdict != "ok" {
        return Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new(format!("database disk image is malformed: {verdict}")),
        ));
    }
    c.batch_execute(&format!(
        "PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = WAL;"
    ))
}

fn open_file(path: &Path) -> Result<(Db, String)> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(Error::Db {
            path: shown,
            message: "is a directory; give a file path such as ./policy-track.db".into(),
        });
    }
    if !path.exists() {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Some(file) = parent.ancestors().find(|a| a.is_file()) {
                return Err(Error::Db {
                    path: shown,
                    message: format!(
                        "{} is a file, not a folder; give a database path in a folder, such as ./policy-track.db",
                        file.display(),
                    ),
                });
            }
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
    configure_sqlite(&mut conn).map_err(|e| db_error(&shown, e))?;
    Ok((AnyConnection::Sqlite(conn), shown))
}

/// Connects to the PostgreSQL server named by `url`.
#[cfg(feature = "postgres")]
fn open_server(url: &str) -> Result<(Db, String)> {
    let shown = redact_url(url);
    let mut conn = diesel::pg::PgConnection::establish(url.trim()).map_err(|e| Error::Db {
        path: shown.clone(),
        message: friendly(&e.to_string()),
    })?;
    configure_pg(&mut conn).map_err(|e| db_error(&shown, e))?;
    Ok((AnyConnection::Postgres(conn), shown))
}

#[cfg(not(feature = "postgres"))]
fn open_server(url: &str) -> Result<(Db, String)> {
    Err(Error::Db {
        path: redact_url(url),
        message: "this policy-track was built without PostgreSQL support; rebuild it with `cargo install --features postgres` or give a SQLite file path".into(),
    })
}

/// Foreign keys on, a busy timeout of 5 s, synchronous NORMAL: settings of
/// the connection, which change nothing in the file. (WAL, which is written
/// into the file, is set by `Store::open_with` once the file is known to be
/// a policy-track database; the busy timeout comes first, so that switching
/// to WAL waits for other writers too.)
fn configure_sqlite(conn: &mut SqliteConnection) -> QueryResult<()> {
    conn.batch_execute("PRAGMA busy_timeout = 5000;")?;
    conn.batch_execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
}

/// How long a PostgreSQL writer waits for another writer's transaction.
/// Longer than SQLite's 5 s: on a shared server imports of whole files queue.
#[cfg(feature = "postgres")]
pub(crate) const PG_LOCK_TIMEOUT_S: u32 = 60;

/// UTC for timestamps without zone (as SQLite stores them), dates as ISO,
/// messages in English, and a bounded wait for the write lock.
#[cfg(feature = "postgres")]
fn configure_pg(conn: &mut diesel::pg::PgConnection) -> QueryResult<()> {
    conn.batch_execute(&format!(
        "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_min_messages = warning; \
         SET lock_timeout = '{PG_LOCK_TIMEOUT_S}s'; SET application_name = 'policy-track';"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = diesel::sql_types::Text)]
        compile_options: String,
    }

    /// The bundled SQLite is built as `.cargo/config.toml` says: without
    /// the per-connection mutexes and the allocation counter.
    #[test]
    fn sqlite_is_built_multi_thread_without_memory_statistics() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        let options: Vec<String> = diesel::sql_query("PRAGMA compile_options")
            .load::<CompileOption>(&mut c)
            .unwrap()
            .into_iter()
            .map(|o| o.compile_options)
            .collect();
        assert!(options.iter().any(|o| o == "THREADSAFE=2"), "{options:?}");
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
    }

    #[test]
    fn server_urls_are_told_from_paths() {
        assert!(is_server_url("postgres://u@h/db"));
        assert!(is_server_url("postgresql://u:p@h:5432/db?sslmode=require"));
        assert!(is_server_url("POSTGRES://u@h/db"));
        assert!(!is_server_url("./postgres.db"));
        assert!(!is_server_url("/tmp/postgres:/x.db"));
        assert!(!is_server_url("sqlite://x.db"));
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact_url("postgres://ana:s3cret@db.example:5432/pt?sslmode=require"),
            "postgres://ana:***@db.example:5432/pt?sslmode=require"
        );
        assert_eq!(redact_url("postgres://ana@h/pt"), "postgres://ana@h/pt");
        assert_eq!(redact_url("postgres://h/pt"), "postgres://h/pt");
        assert_eq!(redact_url("postgres://a:b@c@h/pt"), "postgres://a:***@h/pt");
    }

    /// Two connections read one snapshot, or the caller is told to read
    /// serially: a commit by a third connection while they read (between
    /// the snapshots of the two, as far as anyone can tell) voids the
    /// split.
    #[test]
    fn a_split_read_holds_only_when_nothing_was_committed_meanwhile() {
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            eprintln!("skipped: a split read needs two cores, this machine has one");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap().store;
        let count = |c: &mut Db| -> Result<i64> {
            let n: i64 = crate::schema::meetings::table.count().get_result(c)?;
            Ok(n)
        };
        let split = store.read_split(count, count).unwrap();
        assert_eq!(split, Some((0, 0)));

        let mut writer = Store::open(&path).unwrap().store;
        let split = store
            .read_split(
                |c| {
                    let n = count(c)?;
                    writer.write(|w| {
                        w.batch_execute(
                            "INSERT INTO meetings (code, title, held_on, created_at, updated_at) \
                             VALUES ('esm-1', 't', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00')",
                        )?;
                        Ok(())
                    })?;
                    Ok(n)
                },
                count,
            )
            .unwrap();
        assert_eq!(split, None, "a commit meanwhile must void the split");
        // Nothing committed since: the split holds again, on the new data.
        assert_eq!(store.read_split(count, count).unwrap(), Some((1, 1)));

        // No file to open a second connection to: read serially.
        let mut memory = Store::open(Path::new(":memory:")).unwrap().store;
        assert_eq!(memory.read_split(count, count).unwrap(), None);
        assert!(!Path::new(":memory:").exists());
    }
}
