//! Shared helpers for the CLI tests: a temporary database per test, the real
//! binary, and a dump of every table to prove that a failed command wrote
//! nothing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use diesel::prelude::*;
use diesel::sql_types::Text;
use tempfile::TempDir;

/// A temporary folder with a database path in it.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    /// A fresh environment; the database is created by the first command.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("test.db");
        Env { dir, db }
    }

    /// An environment with `init` run, quietly.
    pub fn init() -> Self {
        let env = Env::new();
        env.ok(&["init", "--quiet"]);
        env
    }

    /// The binary, pointed at this database, with a fixed "today".
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("policy-track").expect("binary built");
        cmd.arg("--db")
            .arg(&self.db)
            .env_remove("POLICY_TRACK_DB")
            .env("POLICY_TRACK_TODAY", "2025-01-15")
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and asserts exit code 1 with one error line; returns stderr.
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

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Every row of every table of the SQLite database at `path`, in rowid order.
pub fn dump(path: &Path) -> String {
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
