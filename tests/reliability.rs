//! The promises of a shared, crash-safe database: concurrent writers all
//! succeed or fail cleanly, backups are consistent while others write, and
//! values at the edges are stored as given.

mod common;

use std::process::{Command, Stdio};

use common::{bin, integrity, Env};
use serde_json::Value;

#[test]
fn concurrent_status_updates_all_land_or_fail_cleanly() {
    let env = Env::init().with_sample();
    // Eight processes, each writing twelve reports on its own dates.
    let children: Vec<_> = (0..8)
        .map(|p| {
            let db = env.db.clone();
            std::thread::spawn(move || {
                let mut landed = Vec::new();
                for i in 0..12 {
                    let day = format!("2024-{:02}-{:02}", p + 1, i + 1);
                    let measure = if i % 2 == 0 { "esm-5-01" } else { "esm-5-02" };
                    let out = Command::new(bin())
                        .args(["--db", db.to_str().unwrap(), "--quiet", "update-status"])
                        .args([measure, "--status", "in-progress", "--on", &day])
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    match out.status.code() {
                        Some(0) => landed.push((measure, day)),
                        Some(1) => {
                            let err = String::from_utf8_lossy(&out.stderr);
                            assert!(err.contains("database is busy"), "unclean failure: {err}");
                        }
                        other => panic!("exit {other:?}: {}", String::from_utf8_lossy(&out.stderr)),
                    }
                }
                landed
            })
        })
        .collect();
    let landed: Vec<(&str, String)> = children
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        landed.len() >= 90,
        "most writes land within the busy timeout: {}",
        landed.len()
    );
    for measure in ["esm-5-01", "esm-5-02"] {
        let m: Value =
            serde_json::from_str(&env.ok(&["show", measure, "--format", "json"])).unwrap();
        let history: Vec<&str> = m["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["reported_on"].as_str().unwrap())
            .collect();
        let mut expected: Vec<&str> = landed
            .iter()
            .filter(|(m, _)| *m == measure)
            .map(|(_, d)| d.as_str())
            .collect();
        expected.sort();
        assert_eq!(
            history, expected,
            "{measure}: every committed report is there, no other"
        );
        // The current status is the latest report's date.
        assert_eq!(m["status_date"], *expected.last().unwrap());
    }
}

#[test]
fn a_backup_taken_while_another_process_writes_is_consistent() {
    if common::skip_on_postgres("db backup copies SQLite files; PostgreSQL uses pg_dump") {
        return;
    }
    let env = Env::init().with_sample();
    let db = env.db.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..40 {
            let day = format!("2024-03-{:02}", i % 28 + 1);
            let status = if i % 2 == 0 { "in-progress" } else { "delayed" };
            Command::new(bin())
                .args([
                    "--db",
                    db.to_str().unwrap(),
                    "--quiet",
                    "update-status",
                    "esm-5-01",
                ])
                .args(["--status", status, "--on", &day])
                .output()
                .unwrap();
        }
    });
    let mut copies = Vec::new();
    for i in 0..5 {
        let copy = env.path(&format!("backup-{i}.db"));
        env.ok(&["db", "backup", copy.to_str().unwrap()]);
        copies.push(copy);
    }
    writer.join().unwrap();
    for copy in copies {
        // Each copy opens as a policy-track database whose current status
        // agrees with its own history: a snapshot, not a torn copy.
        let out = Command::new(bin())
            .args([
                "--db",
                copy.to_str().unwrap(),
                "show",
                "esm-5-01",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let m: Value = serde_json::from_slice(&out.stdout).unwrap();
        let history = m["history"].as_array().unwrap();
        match history.last() {
            None => assert_eq!(m["status"], "planned"),
            Some(last) => {
                assert_eq!(m["status_date"], last["reported_on"]);
                assert_eq!(m["status"], last["status"]);
            }
        }
    }
}

#[test]
fn values_at_the_edges_are_stored_exactly() {
    let env = Env::init();
    let long_title = "규제".repeat(20_000);
    let rtl = "\u{202E}مرحبا\u{202C} 과제";
    let control = "탭\t있음\u{7}";
    env.ok(&[
        "add-meeting",
        "--code",
        "edge",
        "--title",
        &long_title,
        "--held-on",
        "0000-01-01",
    ]);
    for (i, title) in [long_title.as_str(), rtl, control].iter().enumerate() {
        env.ok(&[
            "add-measure",
            "--meeting",
            "edge",
            "--title",
            title,
            "--category",
            "other",
            "--ministry",
            "MOEF",
            "--due",
            if i == 0 { "9999" } else { "9999-12-31" },
        ]);
    }
    let all: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).unwrap();
    let titles: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, [long_title.as_str(), rtl, control]);
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["due_date"] == "9999-12-31"));
    let meetings: Value = serde_json::from_str(&env.ok(&["meetings", "--format", "json"])).unwrap();
    assert_eq!(meetings[0]["held_on"], "0000-01-01");
    // Text output keeps a control character from breaking the table's lines.
    let text = env.ok(&["list"]);
    assert_eq!(text.lines().count(), 5, "a header, a rule and three rows");
    // Into a pipe the title is whole (a terminal cuts it to its width: see
    // tests/cli_width.rs).
    assert!(
        text.contains(long_title.as_str()),
        "a pipe gets every title whole"
    );
    // Years beyond four digits are refused, not wrapped.
    let err = env.fails(&[
        "update-status",
        "edge-01",
        "--status",
        "planned",
        "--on",
        "10000-01-01",
    ]);
    assert!(err.contains("10000-01-01"), "{err}");
}

/// A measures file of `n` new measures of meeting `meeting`, each with a status.
fn measures_file(env: &Env, meeting: &str, n: usize) -> std::path::PathBuf {
    let mut s = String::from(
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,lead_ministry,status,progress,status_date\n",
    );
    for i in 1..=n {
        s.push_str(&format!(
            "{meeting},2024-01-10,시험 회의,{meeting}-{i:02},과제 {i},other,기재부,in-progress,{},2024-02-01\n",
            i % 100
        ));
    }
    env.write(&format!("{meeting}.csv"), s)
}

fn wal_len(db: &std::path::Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

/// SIGKILL during a large import, at several points (while the file is
/// read and checked, and while rows are written into the WAL), leaves the
/// database intact and exactly as before; a complete run holds the import.
#[test]
fn an_import_killed_at_any_point_leaves_the_database_as_before() {
    if common::skip_on_postgres("SIGKILL against SQLite's WAL file and PRAGMA integrity_check") {
        return;
    }
    use std::time::{Duration, Instant};
    let env = Env::init().with_sample();
    let file = measures_file(&env, "crash-1", 200_000);
    let before = env.dump();
    let start_import = || {
        Command::new(bin())
            .args(["--db", env.db.to_str().unwrap(), "--quiet", "import"])
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    enum When {
        After(u64),
        WalAbove(u64),
    }
    let points = [
        When::After(50),
        When::After(200),
        When::After(1000),
        When::WalAbove(512 * 1024),
        When::WalAbove(3 * 1024 * 1024),
    ];
    let mut killed_while_writing = 0;
    for when in points {
        let mut child = start_import();
        let t = Instant::now();
        match when {
            When::After(ms) => std::thread::sleep(Duration::from_millis(ms)),
            When::WalAbove(bytes) => {
                while wal_len(&env.db) < bytes && t.elapsed() < Duration::from_secs(300) {
                    assert!(
                        child.try_wait().unwrap().is_none(),
                        "finished before the WAL grew"
                    );
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }
        let wal = wal_len(&env.db);
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if wal > 0 {
            killed_while_writing += 1;
        }
        assert_eq!(
            integrity(&env.db),
            "ok",
            "after a kill at {:?}",
            t.elapsed()
        );
        assert_eq!(env.dump(), before, "after a kill at {:?}", t.elapsed());
        // The database still takes writes.
        assert!(env.ok(&["list", "--meeting", "esm-5"]).contains("esm-5-01"));
    }
    assert!(
        killed_while_writing >= 2,
        "some kills must land while rows were being written"
    );
    let status = start_import().wait().unwrap();
    assert!(status.success());
    assert_eq!(integrity(&env.db), "ok");
    let meetings: Value = serde_json::from_str(&env.ok(&["meetings", "--format", "json"])).unwrap();
    let crash = meetings
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "crash-1")
        .expect("the import is there");
    assert_eq!(crash["total"], 200_000);
}

/// Imports of different meetings and status updates, all at once from
/// separate processes: each succeeds within the busy timeout or fails with
/// a clean "database is busy" and exit 1; every committed write is there.
#[test]
fn concurrent_imports_and_updates_all_land_or_fail_cleanly() {
    if common::skip_on_postgres("checks the SQLite file with PRAGMA integrity_check (tests/pg_concurrency.rs covers PostgreSQL)") {
        return;
    }
    let env = Env::init().with_sample();
    let files: Vec<_> = (1..=3)
        .map(|m| measures_file(&env, &format!("con-{m}"), 3000))
        .collect();
    let run = |args: Vec<String>| {
        let db = env.db.clone();
        std::thread::spawn(move || {
            let out = Command::new(bin())
                .args(["--db", db.to_str().unwrap(), "--quiet"])
                .args(&args)
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            match out.status.code() {
                Some(0) => true,
                Some(1) => {
                    assert!(err.contains("database is busy"), "unclean failure: {err}");
                    assert_eq!(err.lines().count(), 1, "{err}");
                    false
                }
                other => panic!("exit {other:?}: {err}"),
            }
        })
    };
    let imports: Vec<_> = files
        .iter()
        .map(|f| run(vec!["import".into(), f.to_str().unwrap().into()]))
        .collect();
    let updates: Vec<_> = (1..=20)
        .map(|d| {
            run([
                "update-status",
                "esm-5-01",
                "--status",
                "in-progress",
                "--on",
            ]
            .iter()
            .map(|s| s.to_string())
            .chain([format!("2024-05-{d:02}")])
            .collect())
        })
        .collect();
    let imported: Vec<bool> = imports.into_iter().map(|h| h.join().unwrap()).collect();
    let updated: Vec<bool> = updates.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(
        imported.iter().filter(|&&b| b).count() >= 1,
        "at least one import lands"
    );
    let meetings: Value = serde_json::from_str(&env.ok(&["meetings", "--format", "json"])).unwrap();
    for (m, ok) in imported.iter().enumerate() {
        let code = format!("con-{}", m + 1);
        let found = meetings
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == code.as_str());
        match (ok, found) {
            (true, Some(x)) => assert_eq!(x["total"], 3000, "{code}"),
            (false, None) => {}
            (ok, found) => panic!("{code}: import ok {ok}, meeting {found:?}"),
        }
    }
    let m: Value =
        serde_json::from_str(&env.ok(&["show", "esm-5-01", "--format", "json"])).unwrap();
    let history: Vec<&str> = m["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["reported_on"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = updated
        .iter()
        .enumerate()
        .filter(|(_, &ok)| ok)
        .map(|(d, _)| format!("2024-05-{:02}", d + 1))
        .collect();
    assert_eq!(history, expected, "every committed update, no other");
    assert_eq!(integrity(&env.db), "ok");
}

/// Backups taken while another process imports files of 500 updates each:
/// every copy passes the integrity check and holds a whole number of those
/// imports, each complete (the imports log agrees with the history).
#[test]
fn backups_during_imports_hold_whole_imports_only() {
    if common::skip_on_postgres("db backup copies SQLite files only") {
        return;
    }
    let env = Env::init().with_sample();
    // 500 dated reports per file, on distinct dates per file.
    let files: Vec<_> = (0..8)
        .map(|f| {
            let mut s = String::from("measure_code,reported_on,status,progress\n");
            let start = chrono::NaiveDate::from_ymd_opt(2000 + f, 1, 1).unwrap();
            for d in 0..250 {
                let day = start + chrono::Duration::days(d);
                for m in ["esm-5-01", "esm-5-02"] {
                    s.push_str(&format!("{m},{day},in-progress,{}\n", d % 100));
                }
            }
            env.write(&format!("u{f}.csv"), s)
        })
        .collect();
    let db = env.db.clone();
    let writer = std::thread::spawn(move || {
        for f in files {
            let out = Command::new(bin())
                .args(["--db", db.to_str().unwrap(), "--quiet", "import"])
                .arg(&f)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
    let mut copies = Vec::new();
    while !writer.is_finished() {
        let copy = env.path(&format!("backup-{}.db", copies.len()));
        env.ok(&["db", "backup", copy.to_str().unwrap()]);
        copies.push(copy);
    }
    writer.join().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for copy in &copies {
        assert_eq!(integrity(copy), "ok", "{}", copy.display());
        let dump = common::dump(copy);
        let updates = dump
            .split("## status_updates\n")
            .nth(1)
            .unwrap()
            .lines()
            .take_while(|l| !l.starts_with("## "))
            .count();
        let imports = dump
            .split("## imports\n")
            .nth(1)
            .unwrap()
            .lines()
            .take_while(|l| !l.starts_with("## "))
            .count();
        assert_eq!(updates, imports * 500, "{}: torn copy", copy.display());
        seen.insert(imports);
    }
    assert!(
        seen.len() >= 2,
        "the backups should see the database at different points: {seen:?}"
    );
}
