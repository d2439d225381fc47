//! `add-meeting`, `add-measure`, `update-status`, `meetings`, `list`, `show`:
//! the everyday commands, with good input in every form and bad input of
//! every kind leaving the database unchanged.

mod common;

use common::Env;
use serde_json::Value;

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&env.ok(&all)).expect("valid JSON")
}

#[test]
fn meeting_dates_are_accepted_in_every_korean_form() {
    let env = Env::init();
    for (i, form) in [
        "2023-06-01",
        "2023.06.01",
        "2023.6.1",
        "2023/06/01",
        "20230601",
        "2023년 6월 1일",
    ]
    .iter()
    .enumerate()
    {
        let code = format!("m-{i}");
        env.ok(&[
            "add-meeting",
            "--code",
            &code,
            "--title",
            "t",
            "--held-on",
            form,
        ]);
    }
    let meetings = json(&env, &["meetings"]);
    let dates: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["held_on"].as_str().unwrap())
        .collect();
    assert_eq!(dates, vec!["2023-06-01"; 6]);
}

#[test]
fn measure_codes_are_numbered_per_meeting_and_per_parent() {
    let env = Env::init().with_sample();
    let sub = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--parent",
        "esm-5-02",
        "--title",
        "하위",
        "--category",
        "데이터 개방·표준화",
        "--ministry",
        "MOHW",
    ]);
    assert_eq!(sub, "esm-5-02-1\n");
    let sub2 = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--parent",
        "esm-5-02",
        "--title",
        "하위 2",
        "--category",
        "Data opening and standardization",
        "--ministry",
        "보건복지부",
    ]);
    assert_eq!(sub2, "esm-5-02-2\n");
    let third = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "세 번째",
        "--category",
        "talent",
        "--ministry",
        "과기정통부",
    ]);
    assert_eq!(
        third, "esm-5-03\n",
        "sub-measures do not take top-level numbers"
    );
    let explicit = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--code",
        "ESM-5-10",
        "--title",
        "x",
        "--category",
        "other",
        "--ministry",
        "kipo",
    ]);
    assert_eq!(explicit, "esm-5-10\n", "codes are lower-cased");
    let next = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "y",
        "--category",
        "other",
        "--ministry",
        "특허청",
    ]);
    assert_eq!(
        next, "esm-5-11\n",
        "the next free number follows the highest"
    );

    let m = json(&env, &["show", "esm-5-02-1"]);
    assert_eq!(m["parent"], "esm-5-02");
    assert_eq!(m["category"], "data-opening");
    assert_eq!(m["lead_ministry"], "보건복지부");
}

#[test]
fn numbering_past_the_largest_number_is_an_error_not_a_wrap() {
    let env = Env::init().with_sample();
    fn add(code: Option<&str>) -> Vec<&str> {
        let mut args = vec!["add-measure", "--meeting", "esm-5", "--title", "t"];
        args.extend(["--category", "other", "--ministry", "기재부"]);
        if let Some(c) = code {
            args.extend(["--code", c]);
        }
        args
    }
    // Past u32: numbering goes on.
    env.ok(&add(Some("esm-5-4294967295")));
    assert_eq!(env.ok(&add(None)), "esm-5-4294967296\n");
    // At u64's end there is no next number: an error, nothing written.
    env.ok(&add(Some("esm-5-18446744073709551615")));
    let err = env.fails_one_line(&add(None));
    assert!(
        err.contains("no number follows esm-5-18446744073709551615") && err.contains("--code"),
        "{err}"
    );
}

#[test]
fn show_keeps_stored_text_from_forging_lines_or_reaching_the_terminal() {
    let env = Env::init().with_sample();
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--code",
        "esm-5-09",
        "--title",
        "two\nlines \u{1b}[31mred",
        "--description",
        "first line\nFAKE  status    completed",
        "--category",
        "other",
        "--ministry",
        "기재부",
    ]);
    let out = env.ok(&["show", "esm-5-09"]);
    assert!(
        !out.contains('\u{1b}'),
        "a raw escape reached the terminal: {out:?}"
    );
    assert!(
        out.starts_with("esm-5-09  two\\nlines \\u{1b}[31mred\n"),
        "{out}"
    );
    // The description's second line goes on under its first, indented.
    assert!(
        out.contains("  about     first line\n            FAKE  status    completed\n"),
        "{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.starts_with("FAKE") || l.starts_with("  FAKE")),
        "{out}"
    );
    let timeline = env.ok(&["report", "timeline", "esm-5-09"]);
    assert!(!timeline.contains('\u{1b}'), "{timeline:?}");
    assert!(
        timeline.contains("  measure   esm-5-09 two\n            lines \\u{1b}[31mred\n"),
        "{timeline}"
    );
}

#[test]
fn due_periods_mean_their_last_day() {
    let env = Env::init().with_sample();
    for (due, expected) in [
        ("2024-12", "2024-12-31"),
        ("2024.2", "2024-02-29"),
        ("2023년 12월", "2023-12-31"),
        ("2024-Q1", "2024-03-31"),
        ("2023년 4분기", "2023-12-31"),
        ("2024-H1", "2024-06-30"),
        ("2024년 하반기", "2024-12-31"),
        ("2023년 상반기", "2023-06-30"),
        ("2025", "2025-12-31"),
        ("2024.6.15", "2024-06-15"),
    ] {
        let code = env.ok(&[
            "add-measure",
            "--meeting",
            "esm-5",
            "--title",
            due,
            "--category",
            "other",
            "--ministry",
            "MOEF",
            "--due",
            due,
        ]);
        let m = json(&env, &["show", code.trim()]);
        assert_eq!(m["due_date"], expected, "--due {due}");
    }
}

#[test]
fn the_current_status_follows_the_latest_report_even_when_reports_arrive_out_of_order() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "추진중",
        "--progress",
        "40%",
        "--on",
        "2023.12.29",
        "--by",
        "기재부",
        "--note",
        "1차",
    ]);
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "completed",
        "--progress",
        "100",
        "--on",
        "2024-06-28",
    ]);
    // An older report arrives after the newer one: history only.
    let out = env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "지연",
        "--progress",
        "33.3",
        "--on",
        "2024-03-31",
    ]);
    assert!(out.contains("current status stays completed"), "{out}");

    let m = json(&env, &["show", "esm-5-01"]);
    assert_eq!(m["status"], "completed");
    assert_eq!(m["progress"], 100);
    assert_eq!(m["status_date"], "2024-06-28");
    let history: Vec<(String, String, Value)> = m["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["reported_on"].as_str().unwrap().to_string(),
                h["status"].as_str().unwrap().to_string(),
                h["progress"].clone(),
            )
        })
        .collect();
    assert_eq!(
        history,
        vec![
            ("2023-12-29".into(), "in-progress".into(), Value::from(40)),
            ("2024-03-31".into(), "delayed".into(), Value::from(33)),
            ("2024-06-28".into(), "completed".into(), Value::from(100)),
        ]
    );
    assert_eq!(m["history"][0]["reported_by"], "기획재정부");
    assert_eq!(m["history"][0]["note"], "1차");
}

#[test]
fn a_second_report_for_the_same_date_replaces_the_first_and_an_identical_one_changes_nothing() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "in-progress",
        "--progress",
        "10",
        "--on",
        "2024-01-10",
    ]);
    let replaced = env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "delayed",
        "--progress",
        "5",
        "--on",
        "2024-01-10",
    ]);
    assert!(replaced.contains("replaced"), "{replaced}");
    let before = env.dump();
    let same = env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "지연",
        "--progress",
        "5%",
        "--on",
        "20240110",
    ]);
    assert!(same.contains("unchanged"), "{same}");
    assert_eq!(env.dump(), before, "an identical report writes nothing");
    let m = json(&env, &["show", "esm-5-02"]);
    assert_eq!(m["history"].as_array().unwrap().len(), 1);
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["progress"], 5);
}

/// The history under `show` is for people, as `list` and the timeline are:
/// headers in words and progress as a percentage; its CSV keeps the
/// columns of an updates file.
#[test]
fn show_prints_the_history_for_people_and_its_csv_for_programs() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "추진중",
        "--progress",
        "40",
        "--on",
        "2024-01-10",
        "--by",
        "복지부",
    ]);
    let text = env.ok(&["show", "esm-5-02"]);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("reported"))
        .collect();
    assert_eq!(
        table,
        [
            "reported on  status       progress  reported by  note",
            "-----------------------------------------------------",
            "2024-01-10   in-progress       40%  보건복지부",
        ],
        "{text}"
    );
    let csv = env.ok(&["show", "esm-5-02", "--format", "csv"]);
    assert_eq!(
        csv,
        "reported_on,status,progress,reported_by,note,evidence,assessment,assessed_status,assessed_progress,assessed_on,assessment_note\n2024-01-10,in-progress,40,보건복지부,,,,,,,\n"
    );
}

/// A correction replaces the whole report, so what the replaced report had
/// and the correction leaves out is gone: the message names it, and names
/// nothing when nothing was lost.
#[test]
fn a_correction_says_what_it_cleared() {
    let env = Env::init().with_sample();
    let report = |extra: &[&str]| {
        let args = [
            &["update-status", "esm-5-02", "--on", "2024-01-10"][..],
            extra,
        ]
        .concat();
        env.ok(&args)
    };
    report(&[
        "--status",
        "추진중",
        "--progress",
        "40",
        "--by",
        "복지부",
        "--note",
        "draft",
    ]);
    let out = report(&["--status", "완료", "--note", "done"]);
    assert_eq!(
        out,
        "esm-5-02: completed on 2024-01-10: replaced the report of that date (its earlier progress and reporter cleared: a correction replaces the whole report; give --progress, --by, --note and --evidence again to keep them; the earlier version is in `policy-track log esm-5-02`)\n"
    );
    let m = json(&env, &["show", "esm-5-02"]);
    assert_eq!(m["history"][0]["progress"], Value::Null, "{m}");
    assert_eq!(m["history"][0]["reported_by"], Value::Null, "{m}");
    let out = report(&["--status", "완료", "--progress", "100"]);
    assert!(out.contains("(its earlier note cleared:"), "{out}");
    let out = report(&["--status", "완료", "--progress", "90"]);
    assert_eq!(
        out,
        "esm-5-02: completed on 2024-01-10: replaced the report of that date; to review: completed_below_100\n"
    );
}

#[test]
fn a_correction_on_the_command_line_is_no_longer_traced_to_a_file_line() {
    let env = Env::init().with_sample();
    let file = env.write(
        "u.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-01,in-progress\n",
    );
    env.ok(&["import", file.to_str().unwrap()]);
    let from_line_2 =
        "UPDATE status_updates SET note = note WHERE import_id IS NOT NULL AND import_line = 2";
    assert_eq!(env.execute_with(from_line_2, &[]), 1);
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "completed",
        "--on",
        "2024-01-01",
    ]);
    assert_eq!(env.execute_with(from_line_2, &[]), 0);
    let line_without_file =
        "UPDATE status_updates SET note = note WHERE import_id IS NULL AND import_line IS NOT NULL";
    assert_eq!(env.execute_with(line_without_file, &[]), 0);
}

/// On the command line a report for a date that has one replaces it whole:
/// a new note alone is a correction, and what the new report leaves out
/// (progress, note) is gone from the history and the current status.
#[test]
fn a_correction_on_the_command_line_replaces_the_whole_report() {
    let env = Env::init().with_sample();
    let report = |extra: &[&str]| -> String {
        let mut args = vec![
            "update-status",
            "esm-5-02",
            "--status",
            "in-progress",
            "--on",
            "2024-01-10",
        ];
        args.extend(extra);
        env.ok(&args)
    };
    report(&["--progress", "10", "--note", "착수"]);
    let out = report(&["--progress", "10", "--note", "예산 확보"]);
    assert!(out.contains("replaced"), "{out}");
    let m = json(&env, &["show", "esm-5-02"]);
    assert_eq!(m["history"][0]["note"], "예산 확보");
    let out = report(&[]);
    assert!(out.contains("replaced"), "{out}");
    let m = json(&env, &["show", "esm-5-02"]);
    let history = m["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0]["progress"].is_null(), "{m}");
    assert!(history[0]["note"].is_null(), "{m}");
    assert!(m["progress"].is_null(), "{m}");
}

#[test]
fn a_replaced_latest_report_moves_the_current_status_with_it() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "in-progress",
        "--on",
        "2024-01-10",
    ]);
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "completed",
        "--on",
        "2024-01-10",
    ]);
    assert_eq!(json(&env, &["show", "esm-5-02"])["status"], "completed");
}

#[test]
fn update_status_defaults_to_today() {
    let env = Env::init().with_sample();
    env.ok(&["update-status", "esm-5-02", "--status", "계획"]);
    let m = json(&env, &["show", "esm-5-02"]);
    assert_eq!(
        m["status_date"], "2025-01-15",
        "POLICY_TRACK_TODAY in the test env"
    );
}

#[test]
fn a_code_names_a_measure_or_a_meeting_never_both() {
    let env = Env::init().with_sample();
    // (add-measure and add-meeting given a taken code: among the cases of
    // `bad_input_is_refused_with_one_line_and_nothing_written`.)
    // The next free code is free of meetings' codes too.
    let env2 = Env::init().with_sample();
    env2.ok(&[
        "add-meeting",
        "--code",
        "esm-5-03",
        "--title",
        "t",
        "--held-on",
        "2024-01-01",
    ]);
    let code = env2.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "t",
        "--category",
        "other",
        "--ministry",
        "MOEF",
    ]);
    assert_eq!(code.trim(), "esm-5-04");
    let before = env.dump();
    let meetings = env.write("mt.csv", "code,title,held_on\nesm-5-02,t,2024-01-01\n");
    let err = env.fails(&["import", meetings.to_str().unwrap()]);
    assert!(
        err.contains("mt.csv:2: code: esm-5-02: is a measure's code"),
        "{err}"
    );
    // A meeting new in the file counts as much as a stored one.
    let measures = env.write(
        "mm.csv",
        "meeting_code,meeting_title,meeting_date,measure_code,title,category\n\
         esm-9,t,2024-01-01,esm-5,t,other\n\
         esm-9,,,esm-9-01,t,other\n\
         esm-10,t,2024-01-01,esm-9,t,other\n\
         esm-5-01,t,2024-01-01,esm-11-01,t,other\n",
    );
    let err = env.fails(&["import", measures.to_str().unwrap()]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].ends_with("mm.csv:2: measure_code: esm-5: is a meeting's code: a measure's code must differ from every meeting's"), "{err}");
    assert!(lines[1].ends_with("mm.csv:4: measure_code: esm-9: is a meeting's code: a measure's code must differ from every meeting's"), "{err}");
    assert!(lines[2].ends_with("mm.csv:5: meeting_code: esm-5-01: is a measure's code: a new meeting's code must differ from every measure's"), "{err}");
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(env.dump(), before);
}

/// The stderr of a command that must succeed.
fn warnings_of(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_report_dated_after_today_is_recorded_with_a_warning() {
    let env = Env::init().with_sample();
    let stderr = |args: &[&str]| warnings_of(&env, args);
    let err = stderr(&[
        "update-status",
        "esm-5-02",
        "--status",
        "완료",
        "--on",
        "2052-01-15",
    ]);
    assert!(
        err.contains("warning: esm-5-02: 1 report is dated after today (2025-01-15)"),
        "{err}"
    );
    assert_eq!(
        json(&env, &["show", "esm-5-02"])["status_date"],
        "2052-01-15"
    );
    // Today itself is not after today; a file says how many and where.
    let err = stderr(&[
        "update-status",
        "esm-5-01",
        "--status",
        "완료",
        "--on",
        "2025-01-15",
    ]);
    assert!(!err.contains("warning"), "{err}");
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status\n\
         esm-5-01,2025-01-14,추진중\n\
         esm-5-01,2025-01-16,완료\n\
         esm-5-02,2205-01-01,지연\n",
    );
    let err = stderr(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "warning: {}:3: 2 reports are dated after today (2025-01-15)",
            f.display()
        )),
        "{err}"
    );
}

#[test]
fn a_report_dated_before_its_meeting_is_recorded_with_a_warning() {
    let env = Env::init().with_sample();
    let stderr = |args: &[&str]| warnings_of(&env, args);
    let err = stderr(&[
        "update-status",
        "esm-5-02",
        "--status",
        "추진중",
        "--on",
        "2013-06-30",
    ]);
    assert!(
        err.contains(
            "warning: esm-5-02: 1 report is dated before the meeting of its measure \
             (2013-06-30; esm-5 was held on 2023-06-01); check for a mistyped year"
        ),
        "{err}"
    );
    assert!(env.dump().contains("2013-06-30"));
    // The meeting's own day is not before it; a file says how many, the
    // first, and where, for measures and updates files alike.
    let err = stderr(&[
        "update-status",
        "esm-5-01",
        "--status",
        "추진중",
        "--on",
        "2023-06-01",
    ]);
    assert!(!err.contains("warning"), "{err}");
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status\n\
         esm-5-01,2023-06-02,추진중\n\
         esm-5-01,2022-06-02,추진중\n\
         esm-5-02,2003-06-02,추진중\n",
    );
    let err = stderr(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "warning: {}:3: 2 reports are dated before the meeting of their measure \
             (the first 2022-06-02; esm-5 was held on 2023-06-01)",
            f.display()
        )),
        "{err}"
    );
    let f = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,status,status_date\n\
         esm-7,2024-02-01,제7차,esm-7-01,새 과제,인프라,추진중,2024-01-31\n",
    );
    let err = stderr(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "warning: {}:2: 1 report is dated before the meeting of its measure \
             (2024-01-31; esm-7 was held on 2024-02-01)",
            f.display()
        )),
        "{err}"
    );
}

/// Every kind of bad input: exit 1, one line naming the value, and the
/// database exactly as before.
static LONG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| "x".repeat(1000));

#[test]
fn bad_input_is_refused_with_one_line_and_nothing_written() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "in-progress",
        "--on",
        "2024-01-01",
    ]);
    let before = env.dump();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["update-status", "esm-5-01", "--status", "complted"],
            "did you mean completed?",
        ),
        (
            vec!["update-status", "esm-5-01", "--status", "완려"],
            "unknown status \"완려\"",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "done",
                "--progress",
                "x",
            ],
            "unknown status",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "completed",
                "--progress",
                "140%",
            ],
            "progress",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "completed",
                "--progress",
                "-5",
            ],
            "progress",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "completed",
                "--on",
                "2024-02-30",
            ],
            "no such date",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "completed",
                "--on",
                "yesterday",
            ],
            "unrecognized date",
        ),
        (
            vec![
                "update-status",
                "esm-5-01",
                "--status",
                "completed",
                "--by",
                "기재복지부",
            ],
            "unknown ministry",
        ),
        (
            vec!["update-status", "esm-5-09", "--status", "completed"],
            "no measure \"esm-5-09\"",
        ),
        (
            vec!["update-status", "esm-5", "--status", "completed"],
            "no measure \"esm-5\": that is a meeting's code (its measures: `policy-track list --meeting esm-5`)",
        ),
        (
            vec!["update-status", "esm 5 01", "--status", "completed"],
            "invalid measure code",
        ),
        (
            vec![
                "add-meeting",
                "--code",
                "esm-5",
                "--title",
                "again",
                "--held-on",
                "2023-06-01",
            ],
            "meeting \"esm-5\" already exists",
        ),
        (
            vec![
                "add-meeting",
                "--code",
                "esm_6",
                "--title",
                "t",
                "--held-on",
                "2023-06-01",
            ],
            "invalid meeting code",
        ),
        (
            vec![
                "add-meeting",
                "--code",
                "esm-6",
                "--title",
                "  ",
                "--held-on",
                "2023-06-01",
            ],
            "empty title",
        ),
        (
            vec![
                "add-meeting",
                "--code",
                "esm-6",
                "--title",
                "t",
                "--held-on",
                "2023-13-01",
            ],
            "2023-13-01",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-6",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
            ],
            "no meeting \"esm-6\" (did you mean esm-5?)",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "regulaton-easing",
                "--ministry",
                "MOEF",
            ],
            "did you mean regulation-easing?",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOTI",
            ],
            "unknown ministry",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
                "--code",
                "esm-5-01",
            ],
            "measure \"esm-5-01\" already exists",
        ),
        // One code, one thing: `show CODE` finds a measure or a meeting.
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
                "--code",
                "esm-5",
            ],
            "measure code \"esm-5\" is a meeting's code: a measure's code must differ from every meeting's",
        ),
        (
            vec![
                "add-meeting",
                "--code",
                "esm-5-01",
                "--title",
                "t",
                "--held-on",
                "2024-01-01",
            ],
            "meeting code \"esm-5-01\" is a measure's code: a new meeting's code must differ from every measure's",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
                "--parent",
                "esm-5-07",
            ],
            "no parent measure \"esm-5-07\"",
        ),
        (
            vec![
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
                "--due",
                "2024-Q5",
            ],
            "2024-Q5",
        ),
        (vec!["list", "--status", "finished"], "unknown status"),
        (vec!["list", "--meeting", "esm-4"], "no meeting"),
        (
            vec!["show", "esm-5-00"],
            "no measure or meeting \"esm-5-00\"",
        ),
        (
            vec!["show", "esm5"],
            "no measure or meeting \"esm5\" (did you mean esm-5?)",
        ),
        // Given empty (a script's unset variable) is not the same as left
        // out: not today, not every measure.
        (
            vec!["update-status", "esm-5-01", "--status", "완료", "--on", ""],
            "empty --on \"\"",
        ),
        (
            vec!["update-status", "esm-5-01", "--status", "완료", "--by", " "],
            "empty --by",
        ),
        (vec!["list", "--ministry", ""], "empty --ministry"),
        (vec!["list", "--due-before", ""], "empty --due-before"),
        (vec!["report", "summary", "--as-of", ""], "empty --as-of"),
        (
            vec!["report", "changes", "--since", "2024-01-01", "--until", ""],
            "empty --until",
        ),
        (
            vec!["export", "measures", "--meeting", ""],
            "empty --meeting",
        ),
        // A long value is repeated only in part.
        (
            vec!["update-status", "esm-5-01", "--status", &LONG],
            "… (1000 characters)",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(&args);
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err}"
        );
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.len() < 400, "{args:?}: short: {err}");
        assert_eq!(env.dump(), before, "{args:?} wrote to the database");
    }
}

#[test]
fn a_sub_measure_stays_in_its_parents_meeting() {
    let env = Env::init().with_sample();
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-6",
        "--title",
        "t",
        "--held-on",
        "2023-08-01",
    ]);
    let before = env.dump();
    let err = env.fails(&[
        "add-measure",
        "--meeting",
        "esm-6",
        "--parent",
        "esm-5-01",
        "--title",
        "t",
        "--category",
        "other",
        "--ministry",
        "MOEF",
    ]);
    assert!(
        err.contains("parent \"esm-5-01\": the parent belongs to meeting esm-5, not esm-6; a sub-measure stays in its parent's meeting"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn a_parent_that_does_not_exist_is_named_as_the_parent() {
    let env = Env::init().with_sample();
    let add = |parent: &str| {
        env.fails_one_line(&[
            "add-measure",
            "--meeting",
            "esm-5",
            "--parent",
            parent,
            "--title",
            "t",
            "--category",
            "other",
            "--ministry",
            "MOEF",
        ])
    };
    let err = add("esm-5-09");
    assert!(
        err.contains("no parent measure \"esm-5-09\" (did you mean esm-5-01?)"),
        "{err}"
    );
    let err = add("nope");
    assert!(err.contains("no parent measure \"nope\""), "{err}");
}

#[test]
fn a_value_refused_with_its_own_reason_names_its_option() {
    let env = Env::init().with_sample();
    for (args, flag, value) in [
        (
            &[
                "update-status",
                "esm-5-01",
                "--status",
                "추진중",
                "--progress",
                "0.6",
            ][..],
            "--progress",
            "0.6",
        ),
        (
            &[
                "update-status",
                "esm-5-01",
                "--status",
                "추진중",
                "--progress",
                "abc",
            ][..],
            "--progress",
            "abc",
        ),
        (
            &[
                "add-measure",
                "--meeting",
                "esm-5",
                "--title",
                "t",
                "--category",
                "other",
                "--ministry",
                "MOEF",
                "--due",
                "45473",
            ][..],
            "--due",
            "45473",
        ),
        (
            &["list", "--due-before", "'24.6.30"][..],
            "--due-before",
            "'24.6.30",
        ),
    ] {
        let err = env.fails_one_line(args);
        assert!(
            err.starts_with(&format!("error: {flag}: ")) && err.contains(&format!("\"{value}\"")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn list_filters_narrow_the_measures() {
    let env = Env::init().with_sample();
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-6",
        "--title",
        "6차",
        "--held-on",
        "2024-12-20",
    ]);
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-6",
        "--title",
        "투자",
        "--category",
        "investment",
        "--ministry",
        "산업부",
        "--due",
        "2024-12",
    ]);
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "in-progress",
        "--on",
        "2024-12-01",
    ]);
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "completed",
        "--on",
        "2024-01-01",
    ]);

    let codes = |args: &[&str]| -> Vec<String> {
        json(&env, args)
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&["list"]), ["esm-5-01", "esm-5-02", "esm-6-01"]);
    assert_eq!(codes(&["list", "--meeting", "esm-6"]), ["esm-6-01"]);
    assert_eq!(codes(&["list", "--status", "완료"]), ["esm-5-02"]);
    assert_eq!(codes(&["list", "--category", "투자·금융"]), ["esm-6-01"]);
    assert_eq!(codes(&["list", "--ministry", "motie"]), ["esm-6-01"]);
    // Today is 2025-01-15: esm-5-01 (due 2024-06-30, open) and esm-6-01
    // (due 2024-12-31, open) are overdue; esm-5-02 is completed.
    assert_eq!(codes(&["list", "--overdue"]), ["esm-5-01", "esm-6-01"]);
    // Stale after 30 days: esm-5-01 reported 2024-12-01 (45 days) is; esm-6-01
    // was never reported on, and its meeting was 26 days ago, so it is not.
    assert_eq!(codes(&["list", "--stale", "30"]), ["esm-5-01"]);
    assert_eq!(codes(&["list", "--stale", "60"]), Vec::<String>::new());
    assert_eq!(codes(&["list", "--due-before", "2024-Q3"]), ["esm-5-01"]);
    assert_eq!(
        codes(&["list", "--due-before", "2024-12-31"]),
        ["esm-5-01", "esm-6-01"]
    );
}

#[test]
fn list_json_has_the_documented_fields() {
    let env = Env::init().with_sample();
    let all = json(&env, &["list"]);
    let first = all[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut expected = [
        "code",
        "meeting",
        "parent",
        "title",
        "description",
        "category",
        "lead_ministry",
        "due_date",
        "status",
        "progress",
        "status_date",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(first["status"], "planned");
    assert_eq!(first["progress"], Value::Null);
}

#[test]
fn show_a_meeting_lists_its_measures_and_counts() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "completed",
        "--on",
        "2024-01-01",
    ]);
    let m = json(&env, &["show", "esm-5"]);
    assert_eq!(m["code"], "esm-5");
    assert_eq!(m["total"], 2);
    assert_eq!(m["by_status"]["completed"], 1);
    assert_eq!(m["by_status"]["planned"], 1);
    assert_eq!(m["measures"].as_array().unwrap().len(), 2);
    let text = env.ok(&["show", "esm-5"]);
    assert!(text.contains("제5차 수출전략회의"), "{text}");
    assert!(text.contains("esm-5-02"), "{text}");
}

#[test]
fn text_tables_stay_aligned_with_korean_titles() {
    let env = Env::init().with_sample();
    let text = env.ok(&["list"]);
    let lines: Vec<&str> = text.lines().collect();
    // The status column starts at the same display column on every row.
    let col = |line: &str| {
        let idx = line
            .find("planned")
            .or_else(|| line.find("status"))
            .unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..idx])
    };
    assert_eq!(col(lines[0]), col(lines[2]));
    assert_eq!(col(lines[2]), col(lines[3]));
}

/// A sub-measure counts as a measure of its meeting, beside its parent,
/// in `meetings` and in `show MEETING`.
#[test]
fn meetings_count_sub_measures_beside_their_parents() {
    let env = Env::init().with_sample();
    let code = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--parent",
        "esm-5-01",
        "--title",
        "바이오 규제 샌드박스",
        "--category",
        "regulation-easing",
        "--ministry",
        "식약처",
    ]);
    assert_eq!(code.trim(), "esm-5-01-1");
    env.ok(&[
        "update-status",
        "esm-5-01-1",
        "--status",
        "completed",
        "--on",
        "2024-01-10",
    ]);
    let meetings = json(&env, &["meetings"]);
    assert_eq!(meetings[0]["total"], 3, "{meetings}");
    assert_eq!(meetings[0]["by_status"]["planned"], 2, "{meetings}");
    assert_eq!(meetings[0]["by_status"]["completed"], 1, "{meetings}");
    let shown = json(&env, &["show", "esm-5"]);
    assert_eq!(shown["total"], 3, "{shown}");
    assert_eq!(shown["by_status"]["completed"], 1, "{shown}");
    assert_eq!(shown["measures"].as_array().unwrap().len(), 3, "{shown}");
}

#[test]
fn meetings_csv_counts_per_status() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "dropped",
        "--on",
        "2024-01-01",
    ]);
    let csv = env.ok(&["meetings", "--format", "csv"]);
    assert_eq!(
        csv,
        "code,title,held_on,location,chair,source,total,planned,in-progress,completed,delayed,dropped\n\
         esm-5,제5차 수출전략회의,2023-06-01,,,,2,1,0,0,0,1\n"
    );
    // The fields of the JSON (by_status flattened).
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["meetings", "--format", "json"])).unwrap();
    let mut keys: Vec<String> = json[0]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(k, v)| match v.as_object() {
            Some(counts) => counts.keys().cloned().collect(),
            None => vec![k.clone()],
        })
        .collect();
    keys.sort();
    let mut header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    header.sort();
    assert_eq!(header, keys);
    // The text table has the columns and headers of the reports' meetings.
    let text = env.ok(&["meetings"]);
    assert!(text.starts_with("code   title"), "{text}");
    assert!(text.lines().next().unwrap().contains("held on"), "{text}");
}

#[test]
fn free_text_may_begin_with_a_hyphen() {
    let env = Env::init();
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-5",
        "--title",
        "-2+3",
        "--held-on",
        "2023-06-01",
        "--location",
        "-서울",
        "--chair",
        "-대통령",
        "--source",
        "--보도자료",
    ]);
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "- 규제 개선",
        "--category",
        "other",
        "--ministry",
        "MOEF",
        "--description",
        "-1 단계",
    ]);
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "completed",
        "--on",
        "2023-12-29",
        "--note",
        "- 법 개정 완료",
    ]);
    let meetings = env.ok(&["export", "meetings"]);
    assert!(
        meetings.contains("esm-5,-2+3,2023-06-01,-서울,-대통령,--보도자료"),
        "{meetings}"
    );
    let measure = json(&env, &["show", "esm-5-01"]);
    assert_eq!(measure["title"], "- 규제 개선");
    assert_eq!(measure["description"], "-1 단계");
    let measures = env.ok(&["export", "measures"]);
    assert!(measures.contains("- 법 개정 완료"), "{measures}");
}

/// A measure may have no lead ministry, as an imported one may; such
/// measures get a template of their own with `--ministry none`.
#[test]
fn a_measure_without_a_ministry_is_added_and_templated() {
    let env = Env::init().with_sample();
    let code = env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "소관 미정 과제",
        "--category",
        "other",
    ]);
    assert_eq!(code, "esm-5-03\n");
    let shown = json(&env, &["show", "esm-5-03"]);
    assert_eq!(shown["lead_ministry"], Value::Null, "{shown}");
    let template = env.ok(&["export", "template", "--ministry", "none"]);
    assert_eq!(
        template,
        "measure_code,title,reported_on,status,progress,note\nesm-5-03,소관 미정 과제,,planned,,\n"
    );
    let template = env.ok(&["export", "template", "--ministry", "NONE", "--lang", "ko"]);
    assert_eq!(
        template, "과제코드,과제명,기준일,추진상황,진척률,비고\nesm-5-03,소관 미정 과제,,계획,,\n",
        "Korean headers come with Korean status words"
    );
    // The Korean template imports back as the same status.
    let path = env.write("t.csv", template.replace(",,계획,,", ",2024-01-02,계획,5,"));
    env.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(json(&env, &["show", "esm-5-03"])["progress"], 5);
    // A given but empty ministry is still refused.
    let err = env.fails(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--title",
        "t",
        "--category",
        "other",
        "--ministry",
        "",
    ]);
    assert!(err.contains("empty --ministry"), "{err}");
}

/// Every command that prints data prints JSON with --format json.
#[test]
fn commands_that_print_data_print_json() {
    let env = Env::init();
    let v = json(
        &env,
        &[
            "add-meeting",
            "--code",
            "esm-9",
            "--title",
            "t",
            "--held-on",
            "2024-01-02",
        ],
    );
    assert_eq!(v, serde_json::json!({ "code": "esm-9" }));
    let v = json(
        &env,
        &[
            "add-measure",
            "--meeting",
            "esm-9",
            "--title",
            "t",
            "--category",
            "other",
        ],
    );
    assert_eq!(v["code"], "esm-9-01");
    let args = [
        "update-status",
        "esm-9-01",
        "--status",
        "추진중",
        "--on",
        "2024-02-01",
    ];
    let v = json(&env, &args);
    assert_eq!(v["outcome"], "inserted", "{v}");
    assert_eq!(v["status"], "in-progress", "{v}");
    assert_eq!(v["current_status_date"], "2024-02-01", "{v}");
    assert_eq!(json(&env, &args)["outcome"], "unchanged");
    let v = json(
        &env,
        &[
            "category",
            "add",
            "--code",
            "chips",
            "--ko",
            "반도체",
            "--en",
            "Chips",
        ],
    );
    assert_eq!(v["code"], "chips");
    // JSON is the same in every language.
    let en = env.ok(&["list", "--format", "json"]);
    assert_eq!(env.ok(&["list", "--format", "json", "--lang", "ko"]), en);
    assert!(env.ok(&["list", "--lang", "ko"]).contains("추진중"));
}
