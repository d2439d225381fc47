//! Accountability (SPEC §11): evidence on reports, the office's assessment,
//! the reported and assessed views, and the review queue — the figures
//! worked out by hand, and the bad input refused whole.

mod common;

use common::Env;
use serde_json::{json, Value};

/// Runs the command with "today" at `day`; asserts success, returns stdout.
fn at(env: &Env, day: &str, args: &[&str]) -> String {
    env.ok_on(Some(day), args)
}

fn json_of(out: &str) -> Value {
    serde_json::from_str(out).expect("json")
}

/// esm-5 (held 2023-06-01) with esm-5-01 (MOEF, due 2024-06-30), esm-5-02
/// (MOHW) and esm-5-03 (MOHW, never reported on). esm-5-01 completed at
/// 100 % on 2024-06-30, confirmed on 2024-07-10; esm-5-02 in progress at
/// 50 % on 2024-06-30, disputed on 2024-07-05: the office holds it delayed
/// at 20 %.
fn assessed() -> Env {
    let env = Env::init().with_sample();
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "표준화",
        "--category",
        "data-opening",
        "--ministry",
        "복지부",
    ]);
    for (code, status, progress, on, by) in [
        ("esm-5-01", "in-progress", "40", "2024-03-31", "기재부"),
        ("esm-5-01", "completed", "100", "2024-06-30", "기재부"),
        ("esm-5-02", "in-progress", "50", "2024-06-30", "복지부"),
    ] {
        env.ok(&[
            "update-status",
            code,
            "--status",
            status,
            "--progress",
            progress,
            "--on",
            on,
            "--by",
            by,
        ]);
    }
    let out = at(
        &env,
        "2024-07-05",
        &[
            "assess",
            "esm-5-02",
            "--disputed",
            "--status",
            "지연",
            "--progress",
            "20%",
            "--note",
            "- 착공 전",
        ],
    );
    assert_eq!(
        out,
        "esm-5-02: the report of 2024-06-30 disputed (the office holds delayed, 20%)\n"
    );
    let out = at(&env, "2024-07-10", &["assess", "esm-5-01", "--confirmed"]);
    assert_eq!(out, "esm-5-01: the report of 2024-06-30 confirmed\n");
    env
}

/// The totals of the summary in `view` as of `as_of` (JSON).
fn totals(env: &Env, view: &str, as_of: &str) -> Value {
    let out = env.ok(&[
        "report", "summary", "--view", view, "--as-of", as_of, "--format", "json",
    ]);
    json_of(&out)["totals"].clone()
}

fn figures(
    by_status: [i64; 5],
    rate: f64,
    stale: i64,
    (confirmed, disputed, unverified): (i64, i64, i64),
) -> Value {
    let [planned, in_progress, completed, delayed, dropped] = by_status;
    json!({
        "total": by_status.iter().sum::<i64>(),
        "by_status": {
            "planned": planned,
            "in-progress": in_progress,
            "completed": completed,
            "delayed": delayed,
            "dropped": dropped
        },
        "completion_rate": rate,
        "overdue": 0,
        "stale": stale,
        "slipped": 0,
        "confirmed": confirmed,
        "disputed": disputed,
        "unverified": unverified
    })
}

#[test]
fn the_summary_in_both_views_counts_the_disputed_report_as_the_office_holds_it() {
    let env = assessed();
    let third = 1.0 / 3.0;
    // Today (2025-01-15): both assessments stand. Stale: esm-5-02 (last
    // report 2024-06-30) and esm-5-03 (never, meeting 2023-06-01), both
    // open in either view.
    assert_eq!(
        totals(&env, "reported", "2025-01-15"),
        figures([1, 1, 1, 0, 0], third, 2, (1, 1, 0))
    );
    assert_eq!(
        totals(&env, "assessed", "2025-01-15"),
        figures([1, 0, 1, 1, 0], third, 2, (1, 1, 0))
    );
    // The reported view is the default.
    assert_eq!(
        json_of(&env.ok(&["report", "--format", "json"]))["totals"],
        totals(&env, "reported", "2025-01-15")
    );
    // As of 2024-07-07 the dispute (made 07-05) counts, the confirmation
    // (made 07-10) does not yet: esm-5-01's report is unverified.
    assert_eq!(
        totals(&env, "assessed", "2024-07-07"),
        figures([1, 0, 1, 1, 0], third, 1, (0, 1, 1))
    );
    // Before any assessment both views are the reports as sent.
    let before = figures([1, 1, 1, 0, 0], third, 1, (0, 0, 2));
    assert_eq!(totals(&env, "reported", "2024-07-03"), before);
    assert_eq!(totals(&env, "assessed", "2024-07-03"), before);
    // One text format: the CSV's ministries, figure by figure.
    let csv = env.ok(&[
        "report",
        "--view",
        "assessed",
        "--format",
        "csv",
        "--as-of",
        "2024-07-07",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "level,code,name,held_on,total,planned,in-progress,completed,delayed,dropped,completion_rate,overdue,stale,slipped,confirmed,disputed,unverified"
    );
    let ministries: Vec<&str> = csv.lines().filter(|l| l.starts_with("ministry,")).collect();
    assert_eq!(
        ministries,
        [
            "ministry,MOEF,기획재정부,,1,0,0,1,0,0,1.0000,0,0,0,0,0,1",
            "ministry,MOHW,보건복지부,,2,1,0,0,1,0,0.0000,0,1,0,0,1,0",
        ]
    );
    let reported = env.ok(&["report", "--format", "csv", "--as-of", "2024-07-07"]);
    assert!(
        reported.contains("\nministry,MOHW,보건복지부,,2,1,1,0,0,0,0.0000,0,1,0,0,1,0\n"),
        "{reported}"
    );
}

#[test]
fn the_assessed_view_moves_a_measure_into_the_overdue_list() {
    let env = assessed();
    // The office holds esm-5-01 (due 2024-06-30) not done after all.
    at(
        &env,
        "2024-07-20",
        &[
            "assess",
            "esm-5-01",
            "--disputed",
            "--status",
            "in-progress",
            "--progress",
            "80",
        ],
    );
    let overdue = |view: &str, as_of: &str| -> Vec<String> {
        let out = env.ok(&[
            "report", "overdue", "--view", view, "--as-of", as_of, "--format", "json",
        ]);
        json_of(&out)["measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{} {} {}", m["code"], m["status"], m["progress"]))
            .collect()
    };
    assert!(overdue("reported", "2024-08-01").is_empty());
    assert_eq!(
        overdue("assessed", "2024-08-01"),
        ["\"esm-5-01\" \"in-progress\" 80"]
    );
    // Before the dispute it was confirmed: as reported.
    assert!(overdue("assessed", "2024-07-15").is_empty());
}

#[test]
fn show_and_log_carry_the_assessment_and_its_earlier_versions() {
    let env = assessed();
    at(&env, "2024-08-01", &["assess", "esm-5-02", "--confirmed"]);
    let shown = json_of(&env.ok(&["show", "esm-5-02", "--format", "json"]));
    assert_eq!(
        shown["history"],
        json!([{
            "reported_on": "2024-06-30",
            "status": "in-progress",
            "progress": 50,
            "reported_by": "보건복지부",
            "note": null,
            "evidence": null,
            "assessment": {
                "verdict": "confirmed",
                "status": null,
                "progress": null,
                "note": null,
                "assessed_on": "2024-08-01"
            }
        }])
    );
    let unassessed = json_of(&env.ok(&["show", "esm-5-01", "--format", "json"]));
    assert_eq!(unassessed["history"][0]["assessment"], Value::Null);
    let text = env.ok(&["show", "esm-5-02"]);
    assert!(
        text.contains("confirmed") && text.contains("2024-08-01"),
        "{text}"
    );
    // The dispute is kept: as of a day before the confirmation it counts.
    assert_eq!(
        totals(&env, "assessed", "2024-07-31")["by_status"]["delayed"],
        1
    );
    assert_eq!(
        totals(&env, "assessed", "2024-08-01")["by_status"]["delayed"],
        0
    );
    let log = json_of(&env.ok(&["log", "esm-5-02", "--format", "json"]));
    let assessments: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "assessment")
        .collect();
    assert_eq!(assessments.len(), 2, "{log}");
    assert_eq!(assessments[1]["action"], "assess");
    assert_eq!(assessments[1]["reported_on"], "2024-06-30");
    let old = &assessments[1]["old"];
    assert_eq!(assessments[1]["new"]["verdict"], "confirmed");
    assert_eq!(old["verdict"], "disputed");
    assert_eq!(old["status"], "delayed");
    assert_eq!(old["note"], "- 착공 전");
    // The same assessment again changes nothing.
    let again = at(&env, "2024-08-02", &["assess", "esm-5-02", "--confirmed"]);
    assert!(again.ends_with("confirmed already: unchanged\n"), "{again}");
    let log_after = json_of(&env.ok(&["log", "esm-5-02", "--format", "json"]));
    assert_eq!(log_after, log);
    let ko = env.ok(&["--lang", "ko", "log", "esm-5-02"]);
    assert!(ko.contains("판정"), "{ko}");
}

#[test]
fn bad_assessments_are_refused_whole() {
    let env = assessed();
    for (args, expected) in [
        (
            vec!["assess", "esm-5-01", "--on", "2024-05-01", "--confirmed"],
            "error: esm-5-01 has no report on 2024-05-01 (its reports: 2024-03-31, 2024-06-30)\n",
        ),
        (
            vec!["assess", "esm-5-01", "--confirmed", "--status", "지연"],
            "error: --status \"지연\": a confirmed report stands as sent; only --disputed takes the office's own status\n",
        ),
        (
            vec!["assess", "esm-5-011", "--confirmed"],
            "error: no measure \"esm-5-011\" (did you mean esm-5-01?)\n",
        ),
        (
            vec!["assess", "esm-5-01", "--disputed", "--progress", "120"],
            "error: --progress: progress out of range \"120\": expected a whole percent from 0 to 100, such as 40 or 40%\n",
        ),
        (
            vec!["assess", "esm-5-01", "--disputed", "--status", "finished"],
            "",
        ),
        (
            vec!["assess", "esm-5-03", "--confirmed"],
            "error: esm-5-03 has no report to assess yet: record one first (`policy-track update-status esm-5-03 …`)\n",
        ),
    ] {
        let err = env.fails_one_line(&args);
        if !expected.is_empty() {
            assert_eq!(err, expected, "{args:?}");
        } else {
            assert!(err.contains("\"finished\"") && err.contains("completed"), "{err}");
        }
    }
    // Both verdicts, or none: the command line itself is wrong (exit 2).
    for args in [
        vec!["assess", "esm-5-01", "--confirmed", "--disputed"],
        vec!["assess", "esm-5-01"],
    ] {
        let before = env.dump();
        env.cmd().args(&args).assert().code(2);
        assert_eq!(env.dump(), before);
    }
    env.cmd()
        .args([
            "report",
            "changes",
            "--since",
            "2024-01-01",
            "--view",
            "assessed",
        ])
        .assert()
        .code(2);
    // The assessments would be lost with their migration: db revert refuses.
    env.revert_after("add_assessments");
    let err = env.fails_one_line(&["db", "revert"]);
    assert!(
        err.contains("cannot revert: the database holds 2 assessments or reports' evidence"),
        "{err}"
    );
}

/// An updates file of `rows` (`code,reported_on,status,progress,reported_by`).
fn updates(env: &Env, name: &str, rows: &[&str]) -> String {
    let mut text = String::from("measure_code,reported_on,status,progress,reported_by\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    env.write(name, text).display().to_string()
}

/// One report of each kind the queue looks at, and one of none.
fn queue() -> Env {
    let env = Env::init().with_sample();
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "표준화",
        "--category",
        "data-opening",
        "--ministry",
        "복지부",
    ]);
    let file = updates(
        &env,
        "q.csv",
        &[
            "esm-5-01,2024-01-31,in-progress,60,기재부",
            "esm-5-01,2024-03-31,in-progress,40,기재부",
            "esm-5-01,2024-04-30,completed,90,기재부",
            "esm-5-01,2024-05-31,in-progress,90,기재부",
            "esm-5-02,2024-01-31,in-progress,10,기재부",
            "esm-5-02,2024-03-31,in-progress,70,복지부",
            "esm-5-02,2025-02-01,in-progress,75,복지부",
            "esm-5-03,2023-05-01,planned,,복지부",
        ],
    );
    let out = env.ok(&["import", &file]);
    assert!(
        out.ends_with("8 rows: 8 inserted, 0 updated, 0 unchanged, 0 rejected, 7 to review\n"),
        "{out}"
    );
    env
}

fn review(env: &Env, args: &[&str]) -> Vec<(String, String, Vec<String>)> {
    let mut all = vec!["report", "review", "--format", "json"];
    all.extend(args);
    let out = json_of(&env.ok(&all));
    out["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["reported_on"].as_str().unwrap().to_string(),
                r["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn row(code: &str, on: &str, reasons: &[&str]) -> (String, String, Vec<String>) {
    (
        code.into(),
        on.into(),
        reasons.iter().map(|r| r.to_string()).collect(),
    )
}

#[test]
fn the_review_queue_gives_each_report_its_reasons() {
    let env = queue();
    let all = vec![
        row("esm-5-01", "2024-03-31", &["progress_back"]),
        row("esm-5-01", "2024-04-30", &["completed_below_100"]),
        row("esm-5-01", "2024-05-31", &["left_completed"]),
        row("esm-5-02", "2024-01-31", &["not_lead_ministry"]),
        row("esm-5-02", "2024-03-31", &["progress_jump"]),
        row("esm-5-02", "2025-02-01", &["dated_ahead"]),
        row("esm-5-03", "2023-05-01", &["before_meeting"]),
    ];
    assert_eq!(review(&env, &[]), all);
    // The JSON shape, whole, for one report.
    let out = json_of(&env.ok(&[
        "report",
        "review",
        "--format",
        "json",
        "--ministry",
        "기재부",
    ]));
    assert_eq!(out["as_of"], "2025-01-15");
    assert_eq!(
        out["reports"][0],
        json!({
            "code": "esm-5-01",
            "reported_on": "2024-03-31",
            "status": "in-progress",
            "progress": 40,
            "reported_by": "기획재정부",
            "reasons": ["progress_back"]
        })
    );
    assert_eq!(out["reports"].as_array().unwrap().len(), 3);
    // As of a later day the report of 2025-02-01 is no longer ahead.
    assert_eq!(review(&env, &["--as-of", "2025-03-01"]).len(), 6);
    // An assessed report leaves the queue, from the day it is assessed.
    at(
        &env,
        "2025-01-20",
        &["assess", "esm-5-01", "--on", "2024-03-31", "--confirmed"],
    );
    let after = review(&env, &["--as-of", "2025-01-20"]);
    assert_eq!(after, all[1..].to_vec());
    assert_eq!(review(&env, &["--as-of", "2025-01-19"]), all);
    // A file that corrects a queued report counts it; one that corrects a
    // report out of the queue does not.
    let fix = updates(
        &env,
        "fix.csv",
        &[
            "esm-5-01,2024-04-30,completed,95,기재부",
            "esm-5-02,2025-02-01,in-progress,76,복지부",
            "esm-5-01,2024-01-31,in-progress,61,기재부",
        ],
    );
    let out = env.ok(&["import", &fix]);
    assert!(
        out.ends_with("3 rows: 0 inserted, 3 updated, 0 unchanged, 0 rejected, 2 to review\n"),
        "{out}"
    );
}

#[test]
fn update_status_says_when_its_report_goes_to_the_queue() {
    let env = Env::init().with_sample();
    let plain = env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "completed",
        "--progress",
        "100",
        "--on",
        "2024-06-30",
        "--by",
        "기재부",
    ]);
    assert_eq!(plain, "esm-5-01: completed on 2024-06-30: recorded\n");
    let queued = env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "completed",
        "--progress",
        "90",
        "--on",
        "2024-06-30",
        "--by",
        "기재부",
    ]);
    assert_eq!(
        queued,
        "esm-5-02: completed on 2024-06-30: recorded; to review: completed_below_100, not_lead_ministry\n"
    );
    let ko = env.ok(&[
        "--lang",
        "ko",
        "update-status",
        "esm-5-02",
        "--status",
        "completed",
        "--progress",
        "90",
        "--on",
        "2024-06-30",
        "--by",
        "기재부",
    ]);
    assert!(
        ko.contains("to review: 완료인데 100% 미만, 소관부처 아닌 보고"),
        "{ko}"
    );
    // A dry run of a file says it too, and writes nothing.
    let file = updates(
        &env,
        "u.csv",
        &["esm-5-01,2024-07-31,in-progress,100,기재부"],
    );
    let before = env.dump();
    let out = env.ok(&["import", &file, "--dry-run"]);
    assert!(out.contains("0 rejected, 1 to review (dry run"), "{out}");
    assert_eq!(env.dump(), before);
}

#[test]
fn evidence_goes_round_from_command_to_file_and_back() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "추진중",
        "--progress",
        "40",
        "--on",
        "2024-06-30",
        "--by",
        "기재부",
        "--evidence",
        "https://www.moef.go.kr/보도자료/2024-123",
    ]);
    let shown = json_of(&env.ok(&["show", "esm-5-01", "--format", "json"]));
    assert_eq!(
        shown["history"][0]["evidence"],
        "https://www.moef.go.kr/보도자료/2024-123"
    );
    let exported = env.ok(&["export", "updates"]);
    let mut lines = exported.lines();
    assert_eq!(
        lines.next().unwrap(),
        "measure_code,reported_on,status,progress,reported_by,note,evidence"
    );
    assert_eq!(
        lines.next().unwrap(),
        "esm-5-01,2024-06-30,in-progress,40,기획재정부,,https://www.moef.go.kr/보도자료/2024-123"
    );
    let file = env.write("updates.csv", &exported).display().to_string();
    let again = env.ok(&["import", &file]);
    assert!(
        again.contains("0 inserted, 0 updated, 1 unchanged"),
        "{again}"
    );
    // Korean headers; a blank evidence keeps what is stored; a new one
    // corrects the report, the earlier kept in the log.
    let blank = env.write(
        "blank.csv",
        "과제코드,기준일,추진상황,진척률,보고부처,근거\nesm-5-01,2024-06-30,추진중,40,기재부,\n",
    );
    let out = env.ok(&["import", blank.to_str().unwrap()]);
    assert!(out.contains("0 updated, 1 unchanged"), "{out}");
    let changed = env.write(
        "changed.csv",
        "과제코드,기준일,추진상황,진척률,보고부처,증빙\nesm-5-01,2024-06-30,추진중,40,기재부,공문 2024-77\n",
    );
    let out = env.ok(&["import", changed.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 1 updated"), "{out}");
    let log = env.ok(&["log", "esm-5-01"]);
    assert!(
        log.contains("evidence: https://www.moef.go.kr/보도자료/2024-123 → 공문 2024-77"),
        "{log}"
    );
    // Undoing that import gives the earlier evidence back.
    let imports = json_of(&env.ok(&["imports", "list", "--format", "json"]));
    let last = imports.as_array().unwrap().last().unwrap()["id"].to_string();
    env.ok(&["imports", "undo", &last]);
    assert_eq!(env.ok(&["export", "updates"]), exported);
}

#[test]
fn an_import_whose_report_was_assessed_is_not_undone() {
    let env = Env::init().with_sample();
    let file = updates(
        &env,
        "a.csv",
        &["esm-5-01,2024-06-30,in-progress,40,기재부"],
    );
    env.ok(&["import", &file]);
    env.ok(&["assess", "esm-5-01", "--confirmed"]);
    let err = env.fails_one_line(&["imports", "undo", "1"]);
    assert!(
        err.starts_with("error: import 1 (a.csv) cannot be undone: the report of esm-5-01 on 2024-06-30 was assessed later by `assess` on "),
        "{err}"
    );
}

// ---- snapshots ----

#[test]
fn snapshot_review() {
    let env = queue();
    insta::assert_snapshot!("review_text", env.ok(&["report", "review"]));
    insta::assert_snapshot!(
        "review_text_ko",
        env.ok(&["--lang", "ko", "report", "review"])
    );
    insta::assert_snapshot!(
        "review_csv_ko",
        env.ok(&["--lang", "ko", "report", "review", "--format", "csv"])
    );
}

#[test]
fn snapshot_summary_with_verdicts() {
    let env = assessed();
    let args = ["report", "--as-of", "2024-07-07", "--view", "assessed"];
    insta::assert_snapshot!("summary_assessed_text", env.ok(&args));
    let mut ko = vec!["--lang", "ko"];
    ko.extend(args);
    insta::assert_snapshot!("summary_assessed_text_ko", env.ok(&ko));
}
