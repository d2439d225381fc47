//! Shared helpers for the CLI tests: a temporary database per test, the real
//! binary, and a dump of every table to prove that a failed command wrote
//! nothing.
//!
//! The backend is chosen for the whole run: a SQLite file per test, or — when
//! the crate is built with `--features postgres` and `POLICY_TRACK_TEST_PG`
//! names a server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`) — a
//! fresh database `pt_test_<unique>` on that server per test, dropped at the
//! end. The same test functions run on both; the few that are about SQLite
//! files call `skip_on_postgres` first. CI runs the suite once of each.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use diesel::prelude::*;
use diesel::sql_types::Text;
use tempfile::TempDir;

/// A temporary folder, and the database the commands use: a SQLite path in
/// that folder, or a PostgreSQL URL (see the module comment).
pub struct Env {
    pub dir: TempDir,
    /// What `--db` gets: the SQLite file, or the server URL.
    pub db: PathBuf,
    #[cfg(feature = "postgres")]
    pg: Option<pg::TestDb>,
}

/// Whether this run's databases are on a PostgreSQL server.
pub fn on_postgres() -> bool {
    #[cfg(feature = "postgres")]
    {
        pg::server().is_some()
    }
    #[cfg(not(feature = "postgres"))]
    {
        pg_requested_without_feature();
        false
    }
}

/// For tests about SQLite files (paths, corruption, WAL, `VACUUM INTO`):
/// true, with a line saying so, when this run is on PostgreSQL, so that the
/// test returns early.
pub fn skip_on_postgres(why: &str) -> bool {
    let skip = on_postgres();
    if skip {
        println!("skipped on PostgreSQL (SQLite-only test): {why}");
    }
    skip
}

#[cfg(not(feature = "postgres"))]
fn pg_requested_without_feature() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("POLICY_TRACK_TEST_PG").is_some() {
        ONCE.call_once(|| {
            println!("POLICY_TRACK_TEST_PG is set but the tests were built without --features postgres: SQLite only");
        });
    }
}

impl Env {
    /// A fresh environment; the database is created by the first command
    /// (on PostgreSQL, an empty database is created here).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        #[cfg(feature = "postgres")]
        if let Some(server) = pg::server() {
            let test_db = pg::TestDb::create(server);
            return Env {
                dir,
                db: PathBuf::from(&test_db.url),
                pg: Some(test_db),
            };
        }
        #[cfg(not(feature = "postgres"))]
        pg_requested_without_feature();
        let db = dir.path().join("test.db");
        Env {
            dir,
            db,
            #[cfg(feature = "postgres")]
            pg: None,
        }
    }

    /// Whether this environment's database is on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        #[cfg(feature = "postgres")]
        {
            self.pg.is_some()
        }
        #[cfg(not(feature = "postgres"))]
        {
            false
        }
    }

    /// An environment with `init` run, quietly.
    pub fn init() -> Self {
        let env = Env::new();
        env.ok(&["init", "--quiet"]);
        env
    }

    /// The binary, pointed at this database, with a fixed "today".
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// [`Env::cmd`] as a `std::process::Command`, for a test that spawns
    /// the process and handles its pipes itself.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(bin());
        cmd.arg("--db")
            .arg(&self.db)
            .env_remove("POLICY_TRACK_DB")
            .env_remove("DATABASE_URL")
            .env_remove("POLICY_TRACK_LANG")
            .env_remove("COLUMNS")
            .env("POLICY_TRACK_TODAY", "2025-01-15")
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_on(None, args)
    }

    /// [`Env::ok`] with `POLICY_TRACK_TODAY` set to `day` when given.
    pub fn ok_on(&self, day: Option<&str>, args: &[&str]) -> String {
        let mut cmd = self.cmd();
        if let Some(day) = day {
            cmd.env("POLICY_TRACK_TODAY", day);
        }
        let out = cmd.args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and asserts exit code 1 with an `error: ` line and no panic;
    /// returns stderr (an import also lists its bad rows there).
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should fail with exit 1; stdout: {} stderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(stderr.contains("error: "), "no error line: {stderr}");
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        stderr
    }

    /// Runs and asserts exit code 1 with exactly one line on stderr, the
    /// error, and the database as it was; returns the line.
    pub fn fails_one_line(&self, args: &[&str]) -> String {
        let before = self.dump();
        let err = self.fails(args);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_eq!(self.dump(), before, "{args:?} changed the database");
        err
    }

    /// Reverts the applied migrations newer than the one whose name ends
    /// with `name`, which is then the newest applied.
    pub fn revert_after(&self, name: &str) {
        let status = self.ok(&["db", "status", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&status).expect("json");
        let from_it = v
            .as_array()
            .expect("an array")
            .iter()
            .skip_while(|m| !m["name"].as_str().unwrap_or_default().ends_with(name))
            .filter(|m| m["applied"] == true)
            .count();
        assert!(from_it > 0, "no applied migration {name}");
        for _ in 1..from_it {
            self.ok(&["db", "revert", "--quiet"]);
        }
    }

    /// A file in the temp folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the temp folder and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write file");
        p
    }

    /// Every row of every table, as text: equal dumps mean equal databases.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    /// Runs `sql` (statements separated by `;`, no parameters) directly on
    /// the database, as another tool would.
    pub fn execute(&self, sql: &str) {
        use diesel::connection::SimpleConnection;
        #[cfg(feature = "postgres")]
        if let Some(pg) = &self.pg {
            let mut c = diesel::pg::PgConnection::establish(&pg.url).expect("open db");
            c.batch_execute(sql).expect("execute");
            return;
        }
        let mut c =
            SqliteConnection::establish(self.db.to_str().expect("utf-8 path")).expect("open db");
        c.batch_execute(sql).expect("execute");
    }

    /// Runs one statement with text parameters written `?` (numbered `$n`
    /// for PostgreSQL here); returns the number of rows it changed.
    pub fn execute_with(&self, sql: &str, texts: &[&str]) -> usize {
        macro_rules! run {
            ($backend:ty, $conn:expr, $sql:expr) => {{
                let mut q = diesel::sql_query($sql).into_boxed::<$backend>();
                for t in texts {
                    q = q.bind::<Text, _>(t.to_string());
                }
                q.execute($conn).expect("execute")
            }};
        }
        #[cfg(feature = "postgres")]
        if let Some(pg) = &self.pg {
            let mut numbered = String::new();
            let mut n = 0;
            for ch in sql.chars() {
                if ch == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(ch);
                }
            }
            let mut c = diesel::pg::PgConnection::establish(&pg.url).expect("open db");
            return run!(diesel::pg::Pg, &mut c, numbered);
        }
        let mut c =
            SqliteConnection::establish(self.db.to_str().expect("utf-8 path")).expect("open db");
        run!(diesel::sqlite::Sqlite, &mut c, sql)
    }

    /// The meeting esm-5 with two measures, for tests that need some data.
    pub fn with_sample(self) -> Self {
        self.ok(&[
            "add-meeting",
            "--code",
            "esm-5",
            "--title",
            "제5차 수출전략회의",
            "--held-on",
            "2023-06-01",
        ]);
        self.ok(&[
            "add-measure",
            "--meeting",
            "esm-5",
            "--title",
            "규제 개선",
            "--category",
            "regulation-easing",
            "--ministry",
            "기재부",
            "--due",
            "2024-06-30",
        ]);
        self.ok(&[
            "add-measure",
            "--meeting",
            "esm-5",
            "--title",
            "데이터 개방",
            "--category",
            "data-opening",
            "--ministry",
            "복지부",
        ]);
        self
    }
}

/// The path of a file of `examples/`.
pub fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

/// An initialized database holding the example measures of esm-5.
pub fn with_examples() -> Env {
    let env = Env::init();
    env.ok(&["import", &example("esm-5-measures.csv")]);
    env
}

/// The built binary, for tests that start processes themselves.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("policy-track")
}

/// SQLite's `PRAGMA integrity_check` of the database file at `db`: `ok`,
/// or its findings joined with `; `.
pub fn integrity(db: &Path) -> String {
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    let mut c = SqliteConnection::establish(db.to_str().expect("utf-8 path")).expect("open db");
    let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut c)
        .expect("integrity_check");
    rows.into_iter()
        .map(|r| r.integrity_check)
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Every row of every table of the database at `path` (a SQLite file, or a
/// server URL), in rowid / primary-key order.
pub fn dump(path: &Path) -> String {
    #[cfg(feature = "postgres")]
    if let Some(url) = path.to_str().filter(|p| p.starts_with("postgres")) {
        return pg::dump(url);
    }
    let mut conn =
        SqliteConnection::establish(path.to_str().expect("utf-8 path")).expect("open db");
    let tables: Vec<Line> = diesel::sql_query(
        "SELECT name AS line FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(&mut conn)
    .expect("list tables");
    let mut out = String::new();
    for t in tables {
        let cols: Vec<Line> = diesel::sql_query(format!(
            "SELECT name AS line FROM pragma_table_info('{}')",
            t.line
        ))
        .load(&mut conn)
        .expect("columns");
        let expr = cols
            .iter()
            .map(|c| format!("quote(\"{}\")", c.line))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<Line> = diesel::sql_query(format!(
            "SELECT {expr} AS line FROM \"{}\" ORDER BY rowid",
            t.line
        ))
        .load(&mut conn)
        .expect("rows");
        out.push_str(&format!("## {}\n", t.line));
        for r in rows {
            out.push_str(&r.line);
            out.push('\n');
        }
    }
    out
}

/// The PostgreSQL side: the server named by `POLICY_TRACK_TEST_PG`, a fresh
/// database per test, and the dump.
#[cfg(feature = "postgres")]
mod pg {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::OnceLock;

    use diesel::pg::PgConnection;
    use diesel::prelude::*;

    use super::Line;

    /// The server URL for this run, or `None` (said once) when not set.
    /// Under CI (`CI=true`) a build with the feature must have a server.
    pub fn server() -> Option<&'static str> {
        static SERVER: OnceLock<Option<String>> = OnceLock::new();
        SERVER
            .get_or_init(|| match std::env::var("POLICY_TRACK_TEST_PG") {
                Ok(url) if !url.trim().is_empty() => {
                    println!("PostgreSQL run: databases on {}", redact(&url));
                    Some(url.trim().to_string())
                }
                _ => {
                    assert!(
                        std::env::var("CI").as_deref() != Ok("true"),
                        "CI built the tests with --features postgres but POLICY_TRACK_TEST_PG is not set"
                    );
                    println!("PostgreSQL runs skipped: POLICY_TRACK_TEST_PG is not set (SQLite only)");
                    None
                }
            })
            .as_deref()
    }

    fn redact(url: &str) -> String {
        match (url.find("://"), url.rfind('@')) {
            (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
            _ => url.to_string(),
        }
    }

    /// `url` with its database name replaced by `name`.
    fn with_database(url: &str, name: &str) -> String {
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (url, String::new()),
        };
        let after_scheme = base.find("://").map_or(0, |i| i + 3);
        let host_end = base[after_scheme..]
            .find('/')
            .map_or(base.len(), |i| after_scheme + i);
        format!("{}/{name}{query}", &base[..host_end])
    }

    /// A database of its own for one test, dropped when the test ends.
    pub struct TestDb {
        server: &'static str,
        name: String,
        pub url: String,
    }

    impl TestDb {
        pub fn create(server: &'static str) -> TestDb {
            static N: AtomicU32 = AtomicU32::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let name = format!(
                "pt_test_{}_{}_{nanos}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            );
            let mut admin = PgConnection::establish(server)
                .unwrap_or_else(|e| panic!("POLICY_TRACK_TEST_PG: cannot connect: {e}"));
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .expect("CREATE DATABASE");
            TestDb {
                server,
                url: with_database(server, &name),
                name,
            }
        }
    }

    impl Drop for TestDb {
        fn drop(&mut self) {
            if let Ok(mut admin) = PgConnection::establish(self.server) {
                let _ = diesel::sql_query(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .execute(&mut admin);
            }
        }
    }

    /// Every row of every table in the current schema, in primary-key order.
    /// Integers unquoted, everything else quoted (as SQLite's `quote()`).
    pub fn dump(url: &str) -> String {
        let mut conn = PgConnection::establish(url).expect("open db");
        let tables: Vec<Line> = diesel::sql_query(
            "SELECT CAST(table_name AS TEXT) AS line FROM information_schema.tables \
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        )
        .load(&mut conn)
        .expect("list tables");
        let mut out = String::new();
        for t in tables {
            let cols: Vec<Line> = diesel::sql_query(format!(
                "SELECT CASE WHEN data_type IN ('integer', 'bigint', 'smallint') \
                        THEN 'COALESCE(CAST(\"' || column_name || '\" AS TEXT), ''NULL'')' \
                        ELSE 'quote_nullable(CAST(\"' || column_name || '\" AS TEXT))' END AS line \
                   FROM information_schema.columns \
                  WHERE table_schema = current_schema() AND table_name = '{}' \
                  ORDER BY ordinal_position",
                t.line
            ))
            .load(&mut conn)
            .expect("columns");
            let keys: Vec<Line> = diesel::sql_query(format!(
                "SELECT '\"' || k.column_name || '\"' AS line \
                   FROM information_schema.table_constraints c \
                   JOIN information_schema.key_column_usage k \
                     ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema \
                  WHERE c.table_schema = current_schema() AND c.table_name = '{}' \
                    AND c.constraint_type = 'PRIMARY KEY' \
                  ORDER BY k.ordinal_position",
                t.line
            ))
            .load(&mut conn)
            .expect("primary key");
            let expr = cols
                .iter()
                .map(|c| c.line.as_str())
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let order = if keys.is_empty() {
                "1".to_string()
            } else {
                keys.iter()
                    .map(|k| k.line.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let rows: Vec<Line> = diesel::sql_query(format!(
                "SELECT {expr} AS line FROM \"{}\" ORDER BY {order}",
                t.line
            ))
            .load(&mut conn)
            .expect("rows");
            out.push_str(&format!("## {}\n", t.line));
            for r in rows {
                out.push_str(&r.line);
                out.push('\n');
            }
        }
        out
    }
}
