//! The promises of a shared, crash-safe database: concurrent writers all
//! succeed or fail cleanly, backups are consistent while others write, and
//! values at the edges are stored as given.

mod common;

use std::process::{Command, Stdio};

use common::Env;
use serde_json::Value;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("policy-track")
}

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
    assert!(
        text.lines().all(|l| l.chars().count() < 200),
        "long titles are cut in tables"
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
