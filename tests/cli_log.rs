//! Nothing lost: the change log, `retract`, `edit-measure`, `edit-meeting`,
//! `remove-measure`, `imports list|show|undo`, `import --diff`, and blanks
//! that never erase. Every refusal leaves the database as it was.

mod common;

use common::{example, Env};
use proptest::prelude::*;
use serde_json::Value;

/// The example meeting with its measures and both quarters of reports.
fn with_examples() -> Env {
    let env = common::with_examples();
    env.ok(&[
        "import",
        &example("esm-5-updates-2023q4.csv"),
        &example("esm-5-updates-2024q2.csv"),
    ]);
    env
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = env.ok(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// The three exports, the bytes an undo must give back.
fn exports(env: &Env) -> [String; 3] {
    ["meetings", "measures", "updates"].map(|k| env.ok(&["export", k]))
}

/// Asserts that `args` fails with one line containing every one of `parts`
/// and leaves the database as it was.
fn refused(env: &Env, args: &[&str], parts: &[&str]) {
    let before = env.dump();
    let err = env.fails_one_line(args);
    for p in parts {
        assert!(err.contains(p), "{args:?}: {err:?} lacks {p:?}");
    }
    assert_eq!(env.dump(), before, "{args:?} wrote something");
}

fn log(env: &Env, code: &str) -> Vec<Value> {
    json(env, &["log", code]).as_array().unwrap().clone()
}

#[test]
fn a_correction_keeps_the_earlier_version_whole_in_the_log() {
    let env = with_examples();
    env.ok(&[
        "update-status",
        "esm-5-03",
        "--status",
        "completed",
        "--progress",
        "100",
        "--on",
        "2024-06-28",
        "--by",
        "산업부",
        "--note",
        "완료",
    ]);
    let before = env.ok(&["export", "updates"]);
    env.ok(&[
        "update-status",
        "esm-5-03",
        "--status",
        "delayed",
        "--on",
        "2024-06-28",
    ]);
    let entries = log(&env, "esm-5-03");
    let last = entries.last().unwrap();
    assert_eq!(last["action"], "correct");
    assert_eq!(last["by"], "update-status");
    assert_eq!(last["reported_on"], "2024-06-28");
    let old = &last["old"];
    assert_eq!(old["status"], "completed");
    assert_eq!(old["progress"], "100");
    assert_eq!(old["reported_by"], "MOTIE");
    assert_eq!(old["note"], "완료");
    let new = &last["new"];
    assert_eq!(new["status"], "delayed");
    assert_eq!(new["note"], Value::Null);
    // The log's text says what changed; the earlier export row is in it.
    let text = env.ok(&["log", "esm-5-03"]);
    assert!(text.contains("status: completed → delayed"), "{text}");
    assert!(before.contains("esm-5-03,2024-06-28,completed,100,산업통상자원부,완료"));
}

#[test]
fn retract_takes_a_report_out_and_works_out_the_current_status_again() {
    let env = with_examples();
    let start = exports(&env);
    env.ok(&[
        "update-status",
        "esm-5-03",
        "--status",
        "delayed",
        "--on",
        "2032-06-30",
    ]);
    assert_eq!(json(&env, &["show", "esm-5-03"])["status"], "delayed");
    let out = env.ok(&[
        "retract",
        "esm-5-03",
        "--on",
        "2032-06-30",
        "--reason",
        "연도 오기",
    ]);
    assert!(out.contains("retracted"), "{out}");
    assert_eq!(
        exports(&env),
        start,
        "retract gives back the history before the report"
    );
    let last = log(&env, "esm-5-03").pop().unwrap();
    assert_eq!(last["action"], "retract");
    assert_eq!(last["reason"], "연도 오기");
    assert_eq!(last["old"]["status"], "delayed");
    // Retracted once: the second time names it; a date without a report
    // lists the dates there are.
    refused(
        &env,
        &["retract", "esm-5-03", "--on", "2032-06-30", "--reason", "x"],
        &["already retracted", "연도 오기"],
    );
    refused(
        &env,
        &["retract", "esm-5-03", "--on", "2031-01-01", "--reason", "x"],
        &["no report on 2031-01-01", "its reports:"],
    );
    refused(
        &env,
        &["retract", "esm-9-99", "--on", "2024-06-28", "--reason", "x"],
        &["no measure", "esm-9-99"],
    );
    refused(
        &env,
        &["retract", "esm-5-03", "--on", "2024-13-01", "--reason", "x"],
        &["--on"],
    );
    refused(
        &env,
        &["retract", "esm-5-03", "--on", "2024-06-28", "--reason", " "],
        &["--reason"],
    );
    // The date is free again: a new report is recorded as usual.
    let out = env.ok(&[
        "update-status",
        "esm-5-03",
        "--status",
        "delayed",
        "--on",
        "2032-06-30",
    ]);
    assert!(out.contains("recorded"), "{out}");
}

#[test]
fn retracting_the_only_report_leaves_the_measure_planned() {
    let env = Env::init();
    env.ok(&[
        "add-meeting",
        "--code",
        "m",
        "--title",
        "t",
        "--held-on",
        "2024-01-01",
    ]);
    env.ok(&[
        "add-measure",
        "--meeting",
        "m",
        "--title",
        "x",
        "--category",
        "other",
        "--ministry",
        "산업부",
    ]);
    env.ok(&[
        "update-status",
        "m-01",
        "--status",
        "completed",
        "--progress",
        "100",
        "--on",
        "2024-02-01",
    ]);
    env.ok(&[
        "retract",
        "m-01",
        "--on",
        "2024-02-01",
        "--reason",
        "잘못된 과제",
    ]);
    let m = json(&env, &["show", "m-01"]);
    assert_eq!(m["status"], "planned");
    assert_eq!(m["progress"], Value::Null);
    assert_eq!(m["history"].as_array().unwrap().len(), 0);
}

#[test]
fn edit_measure_changes_only_what_is_given_and_logs_each_field() {
    let env = with_examples();
    let out = env.ok(&[
        "edit-measure",
        "esm-5-03",
        "--ministry",
        "산업부",
        "--description",
        "",
    ]);
    assert!(out.contains("lead_ministry: MSIT → MOTIE"), "{out}");
    assert!(out.contains("description:"), "{out}");
    let m = json(&env, &["show", "esm-5-03"]);
    assert_eq!(m["lead_ministry"], "산업통상자원부");
    assert_eq!(m["description"], Value::Null);
    let fields: Vec<String> = log(&env, "esm-5-03")
        .iter()
        .filter(|e| e["action"] == "update")
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["description", "lead_ministry"]);
    let out = env.ok(&["edit-measure", "esm-5-03", "--ministry", "MOTIE"]);
    assert!(out.contains("unchanged"), "{out}");
    refused(
        &env,
        &["edit-measure", "esm-5-03", "--title", ""],
        &["--title"],
    );
    refused(
        &env,
        &["edit-measure", "esm-5-03", "--category", "nope"],
        &["nope"],
    );
    refused(
        &env,
        &["edit-measure", "esm-5-03", "--parent", "esm-5-03"],
        &["esm-5-03"],
    );
    refused(
        &env,
        &["edit-measure", "esm-5-04", "--parent", "esm-5-04-1"],
        &["esm-5-04-1"],
    );
    refused(
        &env,
        &["edit-measure", "nope-1", "--title", "x"],
        &["no measure"],
    );
}

#[test]
fn a_measure_without_a_lead_ministry_can_be_given_one() {
    let env = with_examples();
    env.ok(&["edit-measure", "esm-5-03", "--ministry", ""]);
    assert_eq!(
        json(&env, &["show", "esm-5-03"])["lead_ministry"],
        Value::Null
    );
    env.ok(&["edit-measure", "esm-5-03", "--ministry", "과기정통부"]);
    assert_eq!(
        json(&env, &["show", "esm-5-03"])["lead_ministry"],
        "과학기술정보통신부"
    );
}

#[test]
fn edit_meeting_changes_and_clears_fields() {
    let env = with_examples();
    let out = env.ok(&["edit-meeting", "esm-5", "--location", "서울", "--chair", ""]);
    assert!(out.contains("location:"), "{out}");
    let meetings = env.ok(&["export", "meetings"]);
    assert!(meetings.contains(",서울,,"), "{meetings}");
    let entries = log(&env, "esm-5");
    assert!(entries
        .iter()
        .any(|e| e["field"] == "location" && e["new"] == "서울"));
    refused(
        &env,
        &["edit-meeting", "esm-9", "--title", "x"],
        &["no meeting", "esm-9"],
    );
    refused(
        &env,
        &["edit-meeting", "esm-5", "--held-on", "yesterday"],
        &["--held-on"],
    );
}

#[test]
fn remove_measure_keeps_it_and_its_reports_in_the_log() {
    let env = with_examples();
    refused(
        &env,
        &["remove-measure", "esm-5-04", "--reason", "중복"],
        &["sub-measures", "esm-5-04-1"],
    );
    let reports = env.ok(&["export", "updates"]).matches("esm-5-03,").count();
    assert!(reports > 0);
    let out = env.ok(&["remove-measure", "esm-5-03", "--reason", "중복 등록"]);
    assert!(out.contains(&format!("{reports} report")), "{out}");
    assert!(!env.ok(&["export", "measures"]).contains("esm-5-03,"));
    let entries = log(&env, "esm-5-03");
    let removed: Vec<&Value> = entries.iter().filter(|e| e["action"] == "remove").collect();
    assert_eq!(removed.len(), reports + 1, "each report and the measure");
    assert!(removed.iter().all(|e| e["reason"] == "중복 등록"));
    refused(
        &env,
        &["remove-measure", "esm-5-03", "--reason", "x"],
        &["no measure"],
    );
}

#[test]
fn undo_gives_back_the_exports_before_the_import() {
    let env = with_examples();
    let start = exports(&env);
    // Corrections, a new report, a changed field, a new meeting and measure.
    let updates = env.write(
        "fix.csv",
        "measure_code,reported_on,status,progress,reported_by,note\n\
         esm-5-01,2024-06-28,completed,100,,\n\
         esm-5-02,2024-09-30,in-progress,70,,새 보고\n",
    );
    let measures = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,lead_ministry,due_date\n\
         esm-5,2023-06-01,,esm-5-01,새 제목,,,\n\
         esm-6,2024-07-01,제6차 수출전략회의,esm-6-01,새 과제,infrastructure,산업부,2025-12-31\n",
    );
    env.ok(&[
        "import",
        updates.to_str().unwrap(),
        measures.to_str().unwrap(),
    ]);
    let list = json(&env, &["imports", "list"]);
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    let (upd, mea) = (
        ids[ids.len() - 2].to_string(),
        ids[ids.len() - 1].to_string(),
    );
    let shown = json(&env, &["imports", "show", &mea]);
    assert_eq!(shown["created"]["measures"], 1);
    assert_eq!(shown["created"]["meetings"], 1);
    assert!(shown["log"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["field"] == "title"));
    let out = env.ok(&["imports", "undo", &mea]);
    assert!(
        out.contains("1 fields restored; 1 measures and 1 meetings removed"),
        "{out}"
    );
    let out = env.ok(&["imports", "undo", &upd]);
    assert!(out.contains("1 reports removed, 1 restored"), "{out}");
    assert_eq!(exports(&env), start);
    refused(&env, &["imports", "undo", &upd], &["already undone"]);
    refused(&env, &["imports", "undo", "999"], &["no import 999"]);
    refused(&env, &["imports", "undo", "x"], &["not an import id"]);
    let list = json(&env, &["imports", "list"]);
    assert!(list.as_array().unwrap().last().unwrap()["undone_at"].is_string());
}

#[test]
fn undo_is_refused_when_a_later_write_touched_its_rows() {
    let env = with_examples();
    let fix = env.write(
        "fix.csv",
        "measure_code,reported_on,status,progress\nesm-5-01,2024-06-28,completed,100\n",
    );
    env.ok(&["import", fix.to_str().unwrap()]);
    let id = json(&env, &["imports", "list"])
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .to_string();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "delayed",
        "--on",
        "2024-06-28",
    ]);
    refused(
        &env,
        &["imports", "undo", &id],
        &[
            "cannot be undone",
            "esm-5-01",
            "2024-06-28",
            "update-status",
        ],
    );
    // The later word taken back (retracted): still refused, since the
    // undo would bring back the report the import replaced over a
    // retraction.
    env.ok(&["retract", "esm-5-01", "--on", "2024-06-28", "--reason", "x"]);
    refused(
        &env,
        &["imports", "undo", &id],
        &["retracted or removed later"],
    );
    // A field an import changed, changed later and set back: the undo goes
    // through.
    let m = env.write(
        "m2.csv",
        "meeting_code,measure_code,title,category,lead_ministry\nesm-5,esm-5-03,,,산업부\n",
    );
    env.ok(&["import", m.to_str().unwrap()]);
    let id2 = json(&env, &["imports", "list"])
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .to_string();
    env.ok(&["edit-measure", "esm-5-03", "--ministry", "기재부"]);
    refused(
        &env,
        &["imports", "undo", &id2],
        &["lead_ministry", "edit-measure"],
    );
    env.ok(&["edit-measure", "esm-5-03", "--ministry", "산업부"]);
    env.ok(&["imports", "undo", &id2]);
    assert_eq!(
        json(&env, &["show", "esm-5-03"])["lead_ministry"],
        "과학기술정보통신부"
    );
    let restored = log(&env, "esm-5-03").pop().unwrap();
    assert_eq!(restored["by"], "imports undo");
    assert_eq!(restored["field"], "lead_ministry");
    assert_eq!(restored["new"], "MSIT");
    // A new measure of a meeting an import created hangs on it.
    let m = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category\n\
         esm-6,2024-07-01,제6차,esm-6-01,새 과제,other\n",
    );
    env.ok(&["import", m.to_str().unwrap()]);
    let id = json(&env, &["imports", "list"])
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .to_string();
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-6",
        "--title",
        "x",
        "--category",
        "other",
        "--ministry",
        "산업부",
    ]);
    refused(&env, &["imports", "undo", &id], &["esm-6-02", "esm-6"]);
    // Once the later measure is gone, nothing hangs on the import.
    env.ok(&["remove-measure", "esm-6-02", "--reason", "x"]);
    let out = env.ok(&["imports", "undo", &id]);
    assert!(out.contains("1 measures and 1 meetings removed"), "{out}");
    // A measure an import created, removed later: gone either way, so
    // the undo takes the rest (its meeting).
    env.ok(&["import", m.to_str().unwrap()]);
    let id = json(&env, &["imports", "list"])
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .to_string();
    env.ok(&["remove-measure", "esm-6-01", "--reason", "x"]);
    let out = env.ok(&["imports", "undo", &id]);
    assert!(out.contains("0 measures and 1 meetings removed"), "{out}");
}

#[test]
fn a_blank_cell_never_erases_a_stored_value() {
    let env = with_examples();
    let before = json(&env, &["show", "esm-5-01"]);
    let start = exports(&env);
    // Every optional column empty, title and category too: the measure
    // stays as it is, and so does its report.
    let f = env.write(
        "blank.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,description,category,lead_ministry,due_date\n\
         esm-5,,,esm-5-01,,,,,,\n",
    );
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("1 unchanged"), "{out}");
    let u = env.write(
        "u.csv",
        "measure_code,reported_on,status,progress,reported_by,note\n\
         esm-5-01,2024-06-28,in-progress,,,\n",
    );
    let out = env.ok(&["import", u.to_str().unwrap()]);
    assert!(out.contains("1 unchanged"), "{out}");
    let g = env.write(
        "g.csv",
        "code,title,held_on,location,chair,source\nesm-5,,,,,\n",
    );
    let out = env.ok(&["import", g.to_str().unwrap()]);
    assert!(out.contains("1 unchanged"), "{out}");
    // A new meeting still needs its title and date.
    let g = env.write("g2.csv", "code,title,held_on\nesm-9,,\n");
    let dump = env.dump();
    let err = env.fails(&["import", g.to_str().unwrap()]);
    assert!(err.contains("empty title"), "{err}");
    assert_eq!(env.dump(), dump);
    assert_eq!(json(&env, &["show", "esm-5-01"]), before);
    assert_eq!(exports(&env), start);
}

#[test]
fn dry_run_diff_lists_what_a_file_would_change() {
    let env = with_examples();
    let start = exports(&env);
    let f = env.write(
        "fix.csv",
        "measure_code,reported_on,status,progress\nesm-5-01,2024-06-28,completed,100\n",
    );
    let out = env.ok(&["import", "--dry-run", "--diff", f.to_str().unwrap()]);
    assert!(out.contains("esm-5-01 report 2024-06-28:"), "{out}");
    assert!(out.contains("status: in-progress → completed"), "{out}");
    assert!(out.contains("progress: 55 → 100"), "{out}");
    assert_eq!(exports(&env), start);
    let j = json(
        &env,
        &["import", "--dry-run", "--diff", f.to_str().unwrap()],
    );
    assert_eq!(j[0]["changes"][0]["action"], "correct");
    // New rows are listed too.
    let u = env.write(
        "new.csv",
        "measure_code,reported_on,status,progress\nesm-5-04,2024-09-30,delayed,10\n",
    );
    let out = env.ok(&["import", "--dry-run", "--diff", u.to_str().unwrap()]);
    assert!(
        out.contains("esm-5-04 report 2024-09-30: status delayed, progress 10"),
        "{out}"
    );
    // Without --diff the JSON has no changes key.
    let j = json(&env, &["import", "--dry-run", f.to_str().unwrap()]);
    assert!(j[0].get("changes").is_none());
}

#[test]
fn log_filters_by_code_day_and_import_in_every_format() {
    let env = with_examples();
    env.ok(&["edit-measure", "esm-5-03", "--ministry", "산업부"]);
    let all = json(&env, &["log"]);
    assert!(
        all.as_array().unwrap().len() >= 4,
        "three import entries and the edit"
    );
    let of_one = json(&env, &["log", "--import", "1"]);
    assert!(of_one.as_array().unwrap().iter().all(|e| e["import"] == 1));
    assert!(json(&env, &["log", "--since", "2999-01-01"])
        .as_array()
        .unwrap()
        .is_empty());
    let csv = env.ok(&["log", "esm-5-03", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "id,at,by,import,entity,code,reported_on,action,field,old,new,reason"
    );
    assert!(csv.contains(",edit-measure,,measure,esm-5-03,,update,lead_ministry,MSIT,MOTIE,"));
    // The import that created the measure is named without a row of its own.
    let entries = log(&env, "esm-5-03");
    assert_eq!(entries[0]["action"], "create");
    assert_eq!(entries[0]["import"], 1);
    refused(&env, &["log", "--since", "someday"], &["--since"]);
    refused(
        &env,
        &["log", "nosuch"],
        &["no measure or meeting", "nosuch"],
    );
    refused(&env, &["log", "--import", "99"], &["no import 99"]);
    refused(&env, &["imports", "undo", "-1"], &["not an import id"]);
    refused(&env, &["edit-measure", "esm-5-03"], &["nothing to change"]);
    // They print a line for people only: --format json is a usage error.
    let out = env
        .cmd()
        .args([
            "--format",
            "json",
            "retract",
            "esm-5-03",
            "--on",
            "2024-06-28",
            "--reason",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    refused(&env, &["log", "--import", "0"], &["not an import id"]);
}

/// One step of the property: an import of a few rows, a command, or an edit.
#[derive(Debug, Clone)]
enum Step {
    Updates(Vec<(usize, u8, u8, u32)>),
    Measures(Vec<(usize, u8, bool)>),
    Status(u8, u32),
    Edit(u8),
}

const CODES: [&str; 4] = ["esm-5-01", "esm-5-02", "esm-5-03", "esm-5-04"];
const STATUSES: [&str; 4] = ["planned", "in-progress", "completed", "delayed"];
const DATES: [&str; 3] = ["2024-06-28", "2024-09-30", "2024-12-31"];
const MINISTRIES: [&str; 3] = ["MOTIE", "MSIT", ""];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::collection::vec((0..4usize, 0..4u8, 0..101u8, 0..3u32), 1..4).prop_map(Step::Updates),
        prop::collection::vec((0..4usize, 0..3u8, any::<bool>()), 1..3).prop_map(Step::Measures),
        (0..4u8, 0..3u32).prop_map(|(s, d)| Step::Status(s, d)),
        (0..3u8).prop_map(Step::Edit),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Imports, commands and edits in any order, then every import undone
    /// newest first, after the commands' own writes are taken back: the
    /// exports of the start again.
    #[test]
    fn undoing_every_import_newest_first_gives_back_the_start(steps in prop::collection::vec(step(), 1..6)) {
        let env = with_examples();
        let start = exports(&env);
        let first_import = json(&env, &["imports", "list"]).as_array().unwrap().len();
        for (i, s) in steps.iter().enumerate() {
            match s {
                Step::Updates(rows) => {
                    let mut f = String::from("measure_code,reported_on,status,progress\n");
                    let mut seen = std::collections::HashSet::new();
                    for (c, st, p, d) in rows {
                        if seen.insert((c, d)) {
                            f.push_str(&format!("{},{},{},{p}\n", CODES[*c], DATES[*d as usize], STATUSES[*st as usize]));
                        }
                    }
                    let path = env.write(&format!("u{i}.csv"), f);
                    env.ok(&["import", path.to_str().unwrap()]);
                }
                Step::Measures(rows) => {
                    let mut f = String::from("meeting_code,measure_code,title,category,lead_ministry\n");
                    let mut seen = std::collections::HashSet::new();
                    for (c, m, new) in rows {
                        if seen.insert(c) {
                            let title = if *new { format!("제목 {i}") } else { String::new() };
                            f.push_str(&format!("esm-5,{},{title},,{}\n", CODES[*c], MINISTRIES[*m as usize]));
                        }
                    }
                    let path = env.write(&format!("m{i}.csv"), f);
                    env.ok(&["import", path.to_str().unwrap()]);
                }
                // A command's writes stand on their own: make them on a
                // measure no import of this run touches, then check them.
                Step::Status(st, d) => {
                    // Dates after the examples' reports: each first report is a creation.
                    let on = DATES[1 + (*d as usize % 2)];
                    env.ok(&["update-status", "esm-5-05", "--status", STATUSES[*st as usize], "--on", on]);
                }
                Step::Edit(m) => {
                    env.ok(&["edit-measure", "esm-5-05", "--ministry", MINISTRIES[*m as usize]]);
                }
            }
        }
        let imports = json(&env, &["imports", "list"]);
        let ids: Vec<String> = imports.as_array().unwrap()[first_import..]
            .iter()
            .map(|i| i["id"].to_string())
            .collect();
        for id in ids.iter().rev() {
            env.ok(&["imports", "undo", id]);
        }
        // Take back the commands' writes on esm-5-05 by hand, from the log.
        for e in log(&env, "esm-5-05").iter().rev() {
            if e["action"] == "create" && e["entity"] == "report" {
                env.ok(&["retract", "esm-5-05", "--on", e["reported_on"].as_str().unwrap(), "--reason", "x"]);
            }
        }
        let restored = exports(&env);
        prop_assert_eq!(&restored[0], &start[0]);
        prop_assert_eq!(&restored[2], &start[2]);
        // The measures export differs only where the edits of esm-5-05 stand.
        let strip = |s: &str| s.lines().filter(|l| !l.contains("esm-5-05,")).collect::<Vec<_>>().join("\n");
        prop_assert_eq!(strip(&restored[1]), strip(&start[1]));
    }
}
