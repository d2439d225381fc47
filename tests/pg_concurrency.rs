//! Many analysts at once: several processes writing to one database at the
//! same moment, every write landing in full. Written for the PostgreSQL
//! backend, where writers really overlap and only the write lock (an advisory
//! lock, src/store/connection.rs) keeps the import's check-then-insert of a
//! meeting and its `MAX(id) + 1` numbering of new measures from racing; run
//! on whichever backend this test run uses (see tests/common/mod.rs), so the
//! SQLite run checks the same promise.
//!
//! Without that lock on PostgreSQL each test here fails: the second writer's
//! INSERT hits a unique key the first one has just taken (`meetings_code_key`,
//! `measures_pkey`, `measures_code_key`), so some processes exit with an
//! error.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Barrier};

use common::Env;
use serde_json::Value;

/// One writer each; all of them are known agencies.
const MINISTRIES: [&str; 8] = [
    "기획재정부",
    "산업통상자원부",
    "보건복지부",
    "국토교통부",
    "중소벤처기업부",
    "환경부",
    "고용노동부",
    "과학기술정보통신부",
];
/// Measures per file: enough that the import transactions overlap.
const PER_FILE: usize = 250;

const MEASURES_HEADER: &str = "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,description,category,lead_ministry,due_date,status,progress,status_date,note\n";

/// The code, title and first progress of measure `i` of file `k`, so that
/// every stored row can be checked against the row that should have made it.
fn code(meeting: &str, k: usize, i: usize) -> String {
    format!("{meeting}-{k}{i:03}")
}
fn title(k: usize, i: usize) -> String {
    format!("과제 {k}-{i}")
}
fn progress(k: usize, i: usize) -> usize {
    (k + i) % 90
}

/// A measures file of one ministry: meeting `meeting` (created by whichever
/// file comes first when it does not exist yet) and PER_FILE measures of its
/// own, each with a first report.
fn measures_file(meeting: &str, k: usize, ministry: &str) -> String {
    let mut s = String::from(MEASURES_HEADER);
    for i in 0..PER_FILE {
        s.push_str(&format!(
            "{meeting},2024-02-01,{meeting} 회의,{code},,{title},,other,{ministry},2024-12-31,in-progress,{p},2024-03-{d:02},\n",
            code = code(meeting, k, i),
            title = title(k, i),
            p = progress(k, i),
            d = 1 + i % 28,
        ));
    }
    s
}

/// An updates file of one ministry: a later report on each of its measures.
fn updates_file(meeting: &str, k: usize, ministry: &str) -> String {
    let mut s = String::from("measure_code,reported_on,status,progress,reported_by,note\n");
    for i in 0..PER_FILE {
        s.push_str(&format!(
            "{code},2024-06-{d:02},completed,100,{ministry},보고 {k}-{i}\n",
            code = code(meeting, k, i),
            d = 1 + i % 28,
        ));
    }
    s
}

/// Runs every command line of `runs` in its own process, all released at
/// once by a barrier; returns their outputs in the same order.
fn all_at_once(env: &Env, runs: Vec<Vec<String>>) -> Vec<Output> {
    let bin = assert_cmd::cargo::cargo_bin("policy-track");
    let barrier = Arc::new(Barrier::new(runs.len()));
    let handles: Vec<_> = runs
        .into_iter()
        .map(|args| {
            let (bin, db, barrier) = (bin.clone(), env.db.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut cmd = Command::new(bin);
                cmd.arg("--db")
                    .arg(&db)
                    .arg("--quiet")
                    .args(&args)
                    .env_remove("POLICY_TRACK_DB")
                    .env_remove("DATABASE_URL")
                    .env("POLICY_TRACK_TODAY", "2025-01-15")
                    .stdin(Stdio::null());
                barrier.wait();
                cmd.output().expect("run")
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect()
}

/// Asserts that every run succeeded, naming each one that did not.
fn assert_all_succeeded(what: &str, outputs: &[Output]) {
    let failed: Vec<String> = outputs
        .iter()
        .filter(|o| !o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} concurrent {what} failed:\n{}",
        failed.len(),
        outputs.len(),
        failed.join("\n")
    );
}

/// `import FILE` of every file at once; all must succeed.
fn import_all_at_once(env: &Env, files: &[PathBuf]) {
    let runs = files
        .iter()
        .map(|f| vec!["import".to_string(), f.display().to_string()])
        .collect();
    assert_all_succeeded("imports", &all_at_once(env, runs));
}

fn write_measures_files(env: &Env, meeting: &str) -> Vec<PathBuf> {
    MINISTRIES
        .iter()
        .enumerate()
        .map(|(k, m)| {
            env.write(
                &format!("measures-{k}.csv"),
                measures_file(meeting, k + 1, m),
            )
        })
        .collect()
}

fn json(env: &Env, args: &[&str]) -> Vec<Value> {
    let out = env.ok(args);
    match serde_json::from_str(&out).expect("json") {
        Value::Array(rows) => rows,
        other => panic!("{args:?}: not an array: {other}"),
    }
}

/// The rows of one table, from the dump (every row of every table).
fn table_rows(env: &Env, table: &str) -> usize {
    let dump = env.dump();
    let section = dump
        .split("## ")
        .find(|t| t.starts_with(&format!("{table}\n")))
        .unwrap_or_else(|| panic!("no table {table} in the dump"));
    section.lines().count() - 1
}

/// Every measure of every file is stored once, under its own code, with the
/// title and first report of its own row (no row took another's id).
fn assert_every_measure_landed(env: &Env, meeting: &str) {
    let list = json(env, &["list", "--meeting", meeting, "--format", "json"]);
    assert_eq!(list.len(), MINISTRIES.len() * PER_FILE);
    let mut codes: Vec<&str> = list.iter().map(|m| m["code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    let mut expected: Vec<String> = (1..=MINISTRIES.len())
        .flat_map(|k| (0..PER_FILE).map(move |i| code(meeting, k, i)))
        .collect();
    expected.sort_unstable();
    assert_eq!(codes, expected);
    for m in &list {
        let c = m["code"].as_str().unwrap();
        let (k, i) = c[meeting.len() + 1..].split_at(1);
        let (k, i): (usize, usize) = (k.parse().unwrap(), i.parse().unwrap());
        assert_eq!(m["title"], title(k, i), "{m}");
        assert_eq!(m["lead_ministry"], MINISTRIES[k - 1], "{m}");
        assert_eq!(m["progress"], progress(k, i), "{m}");
    }
}

/// After imports that numbered their measures themselves, the server's id
/// sequence must be past them: a plain add-measure succeeds.
fn assert_add_measure_follows(env: &Env, meeting: &str) {
    let code = env.ok(&[
        "add-measure",
        "--meeting",
        meeting,
        "--title",
        "나중 과제",
        "--category",
        "other",
        "--ministry",
        "기재부",
    ]);
    let shown: Value =
        serde_json::from_str(&env.ok(&["show", code.trim(), "--format", "json"])).unwrap();
    assert_eq!(shown["title"], "나중 과제", "{shown}");
}

#[test]
fn concurrent_imports_of_different_ministries_all_land() {
    // Every file names the same new meeting: each import checks whether it
    // exists and creates it if not, so only one of them may create it.
    let env = Env::init();
    let measures = write_measures_files(&env, "esm-10");
    import_all_at_once(&env, &measures);

    let meetings = json(&env, &["meetings", "--format", "json"]);
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_every_measure_landed(&env, "esm-10");
    assert_eq!(
        table_rows(&env, "status_updates"),
        MINISTRIES.len() * PER_FILE
    );

    let updates: Vec<_> = MINISTRIES
        .iter()
        .enumerate()
        .map(|(k, m)| {
            env.write(
                &format!("updates-{k}.csv"),
                updates_file("esm-10", k + 1, m),
            )
        })
        .collect();
    import_all_at_once(&env, &updates);

    // Every report of every file is there, and each measure's current
    // status is its latest report.
    let list = json(&env, &["list", "--format", "json"]);
    assert_eq!(list.len(), MINISTRIES.len() * PER_FILE);
    for m in &list {
        assert_eq!(m["status"], "completed", "{m}");
        assert_eq!(m["progress"], 100, "{m}");
    }
    assert_eq!(
        table_rows(&env, "status_updates"),
        2 * MINISTRIES.len() * PER_FILE
    );
    for k in 1..=MINISTRIES.len() {
        let shown: Value =
            serde_json::from_str(&env.ok(&["show", &code("esm-10", k, 7), "--format", "json"]))
                .unwrap();
        assert_eq!(shown["history"].as_array().unwrap().len(), 2, "{shown}");
    }
    // One provenance row per import run (every run wrote something).
    assert_eq!(table_rows(&env, "imports"), 2 * MINISTRIES.len());
    assert_add_measure_follows(&env, "esm-10");
}

#[test]
fn concurrent_imports_into_one_meeting_number_their_measures_apart() {
    // The meeting exists, so the imports race only on the ids of their new
    // measures (`MAX(id) + 1` onwards, read inside each transaction), and
    // add-measure runs on another meeting at the same time with codes of its
    // own, taking its ids from the server's sequence.
    let env = Env::init();
    for (code, title) in [("esm-12", "제12차"), ("esm-13", "제13차")] {
        env.ok(&[
            "add-meeting",
            "--code",
            code,
            "--title",
            title,
            "--held-on",
            "2024-02-01",
        ]);
    }
    let files = write_measures_files(&env, "esm-12");
    let mut runs: Vec<Vec<String>> = files
        .iter()
        .map(|f| vec!["import".to_string(), f.display().to_string()])
        .collect();
    let added = MINISTRIES.len();
    for p in 0..added {
        runs.push(
            [
                "add-measure",
                "--meeting",
                "esm-13",
                "--code",
                &format!("esm-13-{:02}", p + 1),
                "--title",
                &format!("동시 과제 {p}"),
                "--category",
                "other",
                "--ministry",
                "기재부",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    let outputs = all_at_once(&env, runs);
    assert_all_succeeded("imports and add-measures", &outputs);

    assert_every_measure_landed(&env, "esm-12");
    let mut added_codes: Vec<String> = outputs[files.len()..]
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .collect();
    added_codes.sort_unstable();
    let expected: Vec<String> = (1..=added).map(|n| format!("esm-13-{n:02}")).collect();
    assert_eq!(added_codes, expected);
    assert_eq!(
        json(&env, &["list", "--meeting", "esm-13", "--format", "json"]).len(),
        added
    );
    assert_eq!(
        table_rows(&env, "measures"),
        MINISTRIES.len() * PER_FILE + added
    );
    assert_eq!(
        table_rows(&env, "status_updates"),
        MINISTRIES.len() * PER_FILE
    );
    assert_eq!(table_rows(&env, "imports"), MINISTRIES.len());
    assert_add_measure_follows(&env, "esm-12");
    assert_add_measure_follows(&env, "esm-13");
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
    let barrier = Arc::new(Barrier::new(8));
    let handles: Vec<_> = (0..8)
        .map(|p| {
            let (bin, db, barrier) = (bin.clone(), env.db.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                (0..4)
                    .map(|i| {
                        let out = Command::new(&bin)
                            .arg("--db")
                            .arg(&db)
                            .args(["--quiet", "add-measure", "--meeting", "esm-11"])
                            .args(["--title", &format!("과제 {p}-{i}"), "--category", "other"])
                            .args(["--ministry", "기재부"])
                            .env_remove("POLICY_TRACK_DB")
                            .env_remove("DATABASE_URL")
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
    assert_eq!(codes, expected, "each run printed its own code");
    let list = json(&env, &["list", "--format", "json"]);
    let mut stored: Vec<String> = list
        .iter()
        .map(|m| m["code"].as_str().unwrap().to_string())
        .collect();
    stored.sort();
    assert_eq!(stored, expected);
}
