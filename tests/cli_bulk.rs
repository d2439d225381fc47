//! A large import's bulk path against the row path, on either backend:
//! `POLICY_TRACK_BULK_ROWS` sets the floor of a bulk load low, so that a
//! small file takes it (SQLite drops and rebuilds secondary indexes;
//! PostgreSQL copies the new rows with `COPY … FROM STDIN` and moves the
//! current status set-based), or high, so that it does not. Both paths
//! must write the same rows, the same change log and the same import
//! records, refuse the same bad rows by their lines with nothing written,
//! find a file imported again unchanged, and be undone alike.

mod common;

use common::Env;
use serde_json::Value;

/// A floor that a 3,000-row file passes, and one that no file does.
const BULK: &str = "1000";
const ROWS: &str = "1000000000";

/// Runs `args` with the bulk floor `floor`: exit code, stdout, stderr.
fn run(env: &Env, floor: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env
        .cmd()
        .env("POLICY_TRACK_BULK_ROWS", floor)
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `args` with the bulk floor `floor` and asserts success; stdout.
fn ok(env: &Env, floor: &str, args: &[&str]) -> String {
    let (code, out, err) = run(env, floor, args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out
}

/// `n` measures of two meetings, each with a report; every seventh one a
/// sub-measure of a measure 1,500 rows before it (in an earlier chunk of
/// 1,000 rows); every eleventh of the second meeting continuing the
/// measure of the first meeting `n / 2` rows before it.
fn measures(n: u32) -> String {
    measures_due(n, 0)
}

/// `measures(n)`, with the due date of every thirteenth measure `shift`
/// months later.
fn measures_due(n: u32, shift: u32) -> String {
    let mut m = String::from(
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,category,lead_ministry,due_date,status,progress,status_date,continues\n",
    );
    for i in 1..=n {
        let (meeting, date, title) = match i <= n / 2 {
            true => ("blk-1", "2023-10-19", "제1차 회의"),
            false => ("blk-2", "2024-02-01", "제2차 회의"),
        };
        let parent = match i > 1500 && i % 7 == 0 && (i - 1500 > n / 2) == (i > n / 2) {
            true => format!("{meeting}-{:05}", i - 1500),
            false => String::new(),
        };
        let continues = match i > n / 2 && i % 11 == 0 {
            true => format!("blk-1-{:05}", i - n / 2),
            false => String::new(),
        };
        let month = 1 + i % 12 + if i % 13 == 0 { shift } else { 0 };
        m.push_str(&format!(
            "{meeting},{date},{title},{meeting}-{i:05},{parent},과제 {i},기타,기재부,{}-{:02}-01,in-progress,{},2024-03-{:02},{continues}\n",
            2024 + (month - 1) / 12,
            1 + (month - 1) % 12,
            i % 90,
            1 + i % 28
        ));
    }
    m
}

/// Two later reports of each of the measures 1..=n, and for every tenth
/// measure a correction of the report its measures row carried.
fn updates(n: u32) -> String {
    let mut u =
        String::from("measure_code,reported_on,status,progress,reported_by,note,evidence\n");
    for i in 1..=n {
        let meeting = if i <= n / 2 { "blk-1" } else { "blk-2" };
        if i % 10 == 0 {
            u.push_str(&format!(
                "{meeting}-{i:05},2024-03-{:02},delayed,{},복지부,정정,\n",
                1 + i % 28,
                i % 90
            ));
        }
        for month in [5, 7] {
            u.push_str(&format!(
                "{meeting}-{i:05},2024-{month:02}-{:02},in-progress,{},복지부,보고 {month},공문 {i}-{month}\n",
                1 + i % 28,
                90 + month
            ));
        }
    }
    u
}

/// What a path leaves to read: the exports, the reports, the import
/// records, the change log and one continued measure whose deadline
/// moved, without the clock's times.
fn readings(env: &Env) -> Vec<String> {
    let mut all: Vec<String> = ["meetings", "measures", "updates"]
        .iter()
        .map(|k| env.ok(&["export", k]))
        .collect();
    for args in [
        &["report", "summary", "--format", "json"][..],
        &["report", "overdue", "--format", "json"],
        &["imports", "list", "--format", "json"],
        &["log", "--format", "json"],
        &["show", "blk-2-01573", "--format", "json"],
    ] {
        let mut v: Value = serde_json::from_str(&env.ok(args)).expect("json");
        strip_times(&mut v);
        all.push(serde_json::to_string_pretty(&v).expect("json"));
    }
    all
}

/// Removes the values that hold the clock's time of day.
fn strip_times(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in ["at", "imported_at", "undone_at", "recorded_at"] {
                if let Some(t) = m.get_mut(k) {
                    *t = Value::from(t.as_str().map_or("", |s| s.get(..10).unwrap_or(s)));
                }
            }
            m.values_mut().for_each(strip_times);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_times),
        _ => {}
    }
}

#[test]
fn the_bulk_path_writes_what_the_row_path_writes() {
    let (bulk, rows) = (Env::init(), Env::init());
    let m = bulk.write("m.csv", measures(3000));
    let u = bulk.write("u.csv", updates(3000));
    let moved = bulk.write("moved.csv", measures_due(3000, 3));
    for (env, floor) in [(&bulk, BULK), (&rows, ROWS)] {
        let out = ok(env, floor, &["import", m.to_str().unwrap()]);
        assert!(out.contains("3000 inserted"), "{out}");
        let out = ok(env, floor, &["import", u.to_str().unwrap()]);
        assert!(out.contains("6000 inserted, 300 updated"), "{out}");
        let out = ok(env, floor, &["import", moved.to_str().unwrap()]);
        // 230 deadlines moved; the 300 reports that the updates file
        // corrected are corrected back (23 of them both).
        assert!(out.contains("507 updated"), "{out}");
    }
    let (b, r) = (readings(&bulk), readings(&rows));
    for (i, (b, r)) in b.iter().zip(&r).enumerate() {
        let differs = b.lines().zip(r.lines()).find(|(x, y)| x != y);
        assert!(
            differs.is_none(),
            "reading {i}: bulk and row paths differ: {differs:?}"
        );
        assert_eq!(b.lines().count(), r.lines().count(), "reading {i}");
    }
    // The parents across chunks, the corrections, the evidence, the
    // lineage and the moved deadline are there.
    assert!(b[1].contains("blk-1-00007"), "{}", b[1]);
    assert!(b[2].contains("보건복지부,정정,"), "{}", b[2]);
    assert!(b[2].contains("공문 3000-7"), "{}", b[2]);
    assert!(b[6].contains("\"correct\""), "{}", b[6]);
    let shown: Value = serde_json::from_str(&b[7]).expect("json");
    assert_eq!(shown["continues"], "blk-1-00073", "{shown}");
    assert_eq!(shown["original_due"], "2024-02-01", "{shown}");
    assert_eq!(shown["due_date"], "2024-05-01", "{shown}");
    assert_eq!(
        shown["due_history"][0]["reason"], "import moved.csv",
        "{shown}"
    );
}

#[test]
fn a_bad_row_near_the_end_of_a_bulk_load_writes_nothing() {
    let env = Env::init();
    let good = measures(3000);
    // Line 2,999 (the header is line 1) names an unknown category.
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[2998] = lines[2998].replace(",기타,", ",없는분야,");
    let bad = env.write("bad.csv", lines.join("\n") + "\n");
    let before = env.dump();
    let (code, _, err) = run(&env, BULK, &["import", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("bad.csv:2999"), "{err}");
    assert!(err.contains("없는분야"), "{err}");
    assert_eq!(env.dump(), before, "a refused file wrote something");

    // The same for the updates: a report of a measure that does not
    // exist, at the end of a file of 6,000 new reports.
    let m = env.write("m.csv", good);
    ok(&env, BULK, &["import", m.to_str().unwrap()]);
    let mut u = updates(3000);
    u.push_str("blk-9-00001,2024-08-01,completed,100,복지부,,\n");
    let last = u.lines().count();
    let u = env.write("u.csv", u);
    let before = env.dump();
    let (code, _, err) = run(&env, BULK, &["import", u.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("u.csv:{last}")), "{err}");
    assert!(err.contains("blk-9-00001"), "{err}");
    assert_eq!(env.dump(), before, "a refused file wrote something");
}

#[test]
fn a_bulk_load_again_is_unchanged_and_its_undo_gives_back_the_database() {
    let env = Env::init();
    let m = env.write("m.csv", measures(3000));
    let u = env.write("u.csv", updates(3000));
    ok(&env, BULK, &["import", m.to_str().unwrap()]);
    let loaded = env.dump();
    let exports_loaded = readings(&env)[..3].to_vec();
    let out = ok(&env, BULK, &["import", m.to_str().unwrap()]);
    assert!(out.contains("3000 unchanged"), "{out}");
    assert_eq!(env.dump(), loaded, "an unchanged file wrote something");

    ok(&env, BULK, &["import", u.to_str().unwrap()]);
    let out = ok(&env, BULK, &["import", u.to_str().unwrap()]);
    assert!(out.contains("6300 unchanged"), "{out}");
    let list: Value =
        serde_json::from_str(&env.ok(&["imports", "list", "--format", "json"])).expect("json");
    let last = list.as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let out = env.ok(&["imports", "undo", &last]);
    assert!(out.contains("6000 reports removed, 300 restored"), "{out}");
    assert_eq!(readings(&env)[..3], exports_loaded[..]);
    // Then the measures file's import too: nothing of either is left.
    let first = list.as_array().unwrap()[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    env.ok(&["imports", "undo", &first]);
    for k in ["measures", "updates"] {
        assert_eq!(env.ok(&["export", k]).lines().count(), 1, "{k}");
    }
}
