//! Many analysts at once: several processes importing different ministries'
//! files into one database at the same time, all of them landing in full.
//! Written for the PostgreSQL backend (where writers really overlap) and run
//! on whichever backend this test run uses (see tests/common/mod.rs), so the
//! SQLite run checks the same promise.

mod common;

use std::process::{Command, Stdio};

use common::Env;
use serde_json::Value;

const MINISTRIES: [&str; 6] = [
    "기획재정부",
    "산업통상자원부",
    "보건복지부",
    "국토교통부",
    "중소벤처기업부",
    "환경부",
];
const PER_FILE: usize = 200;

/// A measures file of one ministry: the shared meeting esm-10 (every file
/// creates it if missing: a check-then-insert that must not race) and
/// PER_FILE measures of its own, each with a first report.
fn measures_file(k: usize, ministry: &str) -> String {
    let mut s = String::from(
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,description,category,lead_ministry,due_date,status,progress,status_date,note\n",
    );
    for i in 0..PER_FILE {
        s.push_str(&format!(
            "esm-10,2024-02-01,제10차 수출전략회의,esm-10-{k}{i:03},,과제 {k}-{i},,other,{ministry},2024-12-31,in-progress,{p},2024-03-{d:02},\n",
            p = i % 90,
            d = 1 + i % 28,
        ));
    }
    s
}

/// An updates file of one ministry: a later report on each of its measures.
fn updates_file(k: usize, ministry: &str) -> String {
    let mut s = String::from("measure_code,reported_on,status,progress,reported_by,note\n");
    for i in 0..PER_FILE {
        s.push_str(&format!(
            "esm-10-{k}{i:03},2024-06-{d:02},completed,100,{ministry},보고 {k}-{i}\n",
            d = 1 + i % 28,
        ));
    }
    s
}

/// Runs `import FILE` in `n` processes at once; every one must succeed.
fn import_all_at_once(env: &Env, files: Vec<std::path::PathBuf>) {
    let bin = assert_cmd::cargo::cargo_bin("policy-track");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(files.len()));
    let handles: Vec<_> = files
        .into_iter()
        .map(|file| {
            let (bin, db, barrier) = (bin.clone(), env.db.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Command::new(bin)
                    .arg("--db")
                    .arg(&db)
                    .args(["--quiet", "import"])
                    .arg(&file)
                    .env("POLICY_TRACK_TODAY", "2025-01-15")
                    .stdin(Stdio::null())
                    .output()
                    .expect("run")
            })
        })
        .collect();
    for h in handles {
        let out = h.join().expect("thread");
        assert!(
            out.status.success(),
            "a concurrent import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn concurrent_imports_of_different_ministries_all_land() {
    let env = Env::init();
    let measures: Vec<_> = MINISTRIES
        .iter()
        .enumerate()
        .map(|(k, m)| env.write(&format!("measures-{k}.csv"), measures_file(k + 1, m)))
        .collect();
    import_all_at_once(&env, measures);

    // One meeting, created once, and every ministry's measures.
    let meetings: Value = serde_json::from_str(&env.ok(&["meetings", "--format", "json"])).unwrap();
    let meetings = meetings.as_array().unwrap();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    let list: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), MINISTRIES.len() * PER_FILE);

    let updates: Vec<_> = MINISTRIES
        .iter()
        .enumerate()
        .map(|(k, m)| env.write(&format!("updates-{k}.csv"), updates_file(k + 1, m)))
        .collect();
    import_all_at_once(&env, updates);

    // Every report of every file is there, and each measure's current
    // status is its latest report.
    let list: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), MINISTRIES.len() * PER_FILE);
    for m in list {
        assert_eq!(m["status"], "completed", "{m}");
        assert_eq!(m["progress"], 100, "{m}");
    }
    for (k, _) in MINISTRIES.iter().enumerate() {
        let code = format!("esm-10-{}{:03}", k + 1, 7);
        let shown: Value =
            serde_json::from_str(&env.ok(&["show", &code, "--format", "json"])).unwrap();
        assert_eq!(shown["history"].as_array().unwrap().len(), 2, "{shown}");
    }
    // One provenance row per import run (12 runs wrote something).
    let dump = env.dump();
    let imports = dump
        .split("## ")
        .find(|t| t.starts_with("imports\n"))
        .expect("imports table");
    assert_eq!(
        imports.lines().count() - 1,
        2 * MINISTRIES.len(),
        "{imports}"
    );
}

#[test]
fn concurrent_add_measure_gives_every_measure_its_own_code() {
    // Automatic codes are a read of the highest code then an insert: two
    // writers must never both take the same next number.
    let env = Env::init();
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-11",
        "--title",
        "제11차",
        "--held-on",
        "2024-03-01",
    ]);
    let bin = assert_cmd::cargo::cargo_bin("policy-track");
    let handles: Vec<_> = (0..8)
        .map(|p| {
            let (bin, db) = (bin.clone(), env.db.clone());
            std::thread::spawn(move || {
                (0..4)
                    .map(|i| {
                        let out = Command::new(&bin)
                            .arg("--db")
                            .arg(&db)
                            .args(["--quiet", "add-measure", "--meeting", "esm-11"])
                            .args(["--title", &format!("과제 {p}-{i}"), "--category", "other"])
                            .args(["--ministry", "기재부"])
                            .stdin(Stdio::null())
                            .output()
                            .expect("run");
                        assert!(
                            out.status.success(),
                            "add-measure failed: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        String::from_utf8(out.stdout).unwrap().trim().to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut codes: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    codes.sort();
    let expected: Vec<String> = (1..=32).map(|n| format!("esm-11-{n:02}")).collect();
    let list: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).unwrap();
    let mut stored: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap().to_string())
        .collect();
    stored.sort();
    assert_eq!(stored, expected);
    assert!(
        codes.iter().all(|c| c.contains("esm-11-")),
        "each run printed its code: {codes:?}"
    );
}
