//! Deadline revisions and lineage (SPEC §11): a due date moved by
//! `revise-due` and by a measures file, the figures it moves worked out by
//! hand (`slipped`, `report overdue` against either due date, and as of a
//! day before the revision was decided), a measure re-announced at two
//! later meetings, the undo of a file's revision, and the bad input that
//! writes nothing.

mod common;

use common::Env;
use serde_json::{json, Value};

/// Three meetings, a measure re-announced at each (esm-4-01 ← esm-5-01 ←
/// esm-6-01) with a report each, and esm-5-02, due 2024-09-30, moved to
/// 2025-03-31 on 2024-11-01. Today is 2025-01-15.
fn revised() -> Env {
    let env = Env::init();
    for (code, held) in [
        ("esm-4", "2023-01-01"),
        ("esm-5", "2023-06-01"),
        ("esm-6", "2024-01-01"),
    ] {
        env.ok(&[
            "add-meeting",
            "--code",
            code,
            "--title",
            code,
            "--held-on",
            held,
        ]);
    }
    for (code, meeting, due, continues) in [
        ("esm-4-01", "esm-4", "2023-12-31", None),
        ("esm-5-01", "esm-5", "2024-06-30", Some("esm-4-01")),
        ("esm-5-02", "esm-5", "2024-09-30", None),
        ("esm-6-01", "esm-6", "2025-06-30", Some("esm-5-01")),
    ] {
        let mut args = vec![
            "add-measure",
            "--meeting",
            meeting,
            "--code",
            code,
            "--title",
            code,
            "--category",
            "other",
            "--ministry",
            "MSIT",
            "--due",
            due,
        ];
        if let Some(c) = continues {
            args.extend(["--continues", c]);
        }
        env.ok(&args);
    }
    for (code, status, on) in [
        ("esm-4-01", "추진중", "2023-06-30"),
        ("esm-5-01", "지연", "2023-12-31"),
        ("esm-6-01", "완료", "2024-06-30"),
    ] {
        env.ok(&["update-status", code, "--status", status, "--on", on]);
    }
    let out = env.ok(&[
        "revise-due",
        "esm-5-02",
        "--to",
        "2025-03-31",
        "--reason",
        "예산 확보 지연",
        "--on",
        "2024-11-01",
    ]);
    assert_eq!(
        out,
        "esm-5-02: due 2024-09-30 → 2025-03-31 (decided 2024-11-01)\n"
    );
    env
}

fn json_of(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).expect("json")
}

/// (code, due_date, original_due, revisions, days_overdue) of each row.
fn overdue(env: &Env, extra: &[&str]) -> Vec<(String, String, String, i64, i64)> {
    let mut args = vec!["report", "overdue", "--format", "json"];
    args.extend(extra);
    json_of(env, &args)["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_string(),
                m["due_date"].as_str().unwrap().to_string(),
                m["original_due"].as_str().unwrap().to_string(),
                m["revisions"].as_i64().unwrap(),
                m["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn row(
    code: &str,
    due: &str,
    original: &str,
    revisions: i64,
    days: i64,
) -> (String, String, String, i64, i64) {
    (code.into(), due.into(), original.into(), revisions, days)
}

#[test]
fn a_revision_moves_the_overdue_list_and_slips_against_the_original() {
    let env = revised();
    // Today: esm-5-02 is due 2025-03-31, not overdue; esm-6-01 is done.
    assert_eq!(
        overdue(&env, &[]),
        [
            row("esm-4-01", "2023-12-31", "2023-12-31", 0, 381),
            row("esm-5-01", "2024-06-30", "2024-06-30", 0, 199),
        ]
    );
    // Against its first due date, 2024-09-30: 107 days (Oct 31 + Nov 30 +
    // Dec 31 + 15).
    assert_eq!(
        overdue(&env, &["--against", "original"]),
        [
            row("esm-4-01", "2023-12-31", "2023-12-31", 0, 381),
            row("esm-5-01", "2024-06-30", "2024-06-30", 0, 199),
            row("esm-5-02", "2025-03-31", "2024-09-30", 1, 107),
        ]
    );
    // As of 2024-10-15 the revision (decided 2024-11-01) does not count
    // yet: due 2024-09-30, 15 days overdue, no revision.
    assert_eq!(
        overdue(&env, &["--as-of", "2024-10-15"]),
        [
            row("esm-4-01", "2023-12-31", "2023-12-31", 0, 289),
            row("esm-5-01", "2024-06-30", "2024-06-30", 0, 107),
            row("esm-5-02", "2024-09-30", "2024-09-30", 0, 15),
        ]
    );
    // The summary: one measure slipped, of esm-5, today; none before the
    // revision was decided.
    let s = json_of(&env, &["report", "--format", "json"]);
    assert_eq!(s["totals"]["slipped"], 1);
    assert_eq!(s["totals"]["overdue"], 2);
    let esm5 = &s["meetings"][1];
    assert_eq!(
        (esm5["code"].as_str(), esm5["slipped"].as_i64()),
        (Some("esm-5"), Some(1))
    );
    assert_eq!(s["meetings"][0]["slipped"], 0);
    let before = json_of(
        &env,
        &["report", "--format", "json", "--as-of", "2024-10-15"],
    );
    assert_eq!(before["totals"]["slipped"], 0);
    assert_eq!(before["totals"]["overdue"], 3);
    for format in ["csv", "markdown", "html", "text"] {
        let out = env.ok(&["report", "--format", format]);
        assert!(out.contains("slipped"), "{format}: {out}");
        let out = env.ok(&[
            "report",
            "overdue",
            "--format",
            format,
            "--against",
            "original",
        ]);
        assert!(out.contains("2024-09-30"), "{format}: {out}");
    }
}

#[test]
fn show_tells_the_due_history_and_the_chain() {
    let env = revised();
    let m = json_of(&env, &["show", "esm-5-02", "--format", "json"]);
    assert_eq!(m["due_date"], "2025-03-31");
    assert_eq!(m["original_due"], "2024-09-30");
    assert_eq!(
        m["due_history"],
        json!([{ "changed_on": "2024-11-01", "from": "2024-09-30", "to": "2025-03-31",
                 "reason": "예산 확보 지연" }])
    );
    assert_eq!(
        (m["continues"].clone(), m["continued_by"].clone()),
        (Value::Null, json!([]))
    );
    let m = json_of(&env, &["show", "esm-5-01", "--format", "json"]);
    assert_eq!(
        m["original_due"], "2024-06-30",
        "never revised: its due date"
    );
    assert_eq!(m["due_history"], json!([]));
    assert_eq!(m["continues"], "esm-4-01");
    assert_eq!(m["continued_by"], json!(["esm-6-01"]));
    let text = env.ok(&["show", "esm-5-01"]);
    assert!(text.contains("follows   esm-4-01"), "{text}");
    assert!(text.contains("next      esm-6-01"), "{text}");
    let text = env.ok(&["--lang", "ko", "show", "esm-5-02"]);
    assert!(text.contains("최초 목표일  2024-09-30"), "{text}");
    assert!(text.contains("예산 확보 지연"), "{text}");
    // The log shows the revision and the link, with their Korean words.
    let log = env.ok(&["--lang", "ko", "log", "esm-5-02"]);
    assert!(log.contains("기한 변경"), "{log}");
    let log = json_of(&env, &["log", "esm-5-02", "--format", "json"]);
    let revise = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "revise")
        .expect("a revise entry");
    assert_eq!(revise["old"], "2024-09-30");
    assert_eq!(revise["new"], "2025-03-31");
    assert_eq!(revise["reason"], "예산 확보 지연");
}

#[test]
fn the_timeline_of_a_chain_shows_every_meetings_reports_oldest_first() {
    let env = revised();
    for code in ["esm-4-01", "esm-5-01", "esm-6-01"] {
        let t = json_of(
            &env,
            &["report", "timeline", code, "--lineage", "--format", "json"],
        );
        assert_eq!(
            t["lineage"],
            json!(["esm-4-01", "esm-5-01", "esm-6-01"]),
            "{code}"
        );
        let reports: Vec<(String, String, String)> = t["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["code"].as_str().unwrap().into(),
                    h["reported_on"].as_str().unwrap().into(),
                    h["status"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(
            reports,
            [
                ("esm-4-01".into(), "2023-06-30".into(), "in-progress".into()),
                ("esm-5-01".into(), "2023-12-31".into(), "delayed".into()),
                ("esm-6-01".into(), "2024-06-30".into(), "completed".into()),
            ]
        );
    }
    // In CSV each report names its measure beside the asked one, under
    // headers of their own.
    for (lang, header) in [
        ("en", "code,measure_code,reported_on,"),
        ("ko", "과제코드,보고 과제,기준일,"),
    ] {
        let csv = env.ok(&[
            "--lang",
            lang,
            "report",
            "timeline",
            "esm-6-01",
            "--lineage",
            "--format",
            "csv",
        ]);
        let first = csv.lines().next().unwrap_or_default();
        assert!(first.starts_with(header), "{first}");
        assert!(csv.contains("\nesm-6-01,esm-4-01,2023-06-30,"), "{csv}");
    }
    // For people, the chain is named under the title.
    let text = env.ok(&["report", "timeline", "esm-5-01", "--lineage"]);
    assert!(
        text.contains("lineage   esm-4-01 → esm-5-01 → esm-6-01\n"),
        "{text}"
    );
    let text = env.ok(&[
        "--lang",
        "ko",
        "report",
        "timeline",
        "esm-5-01",
        "--lineage",
    ]);
    assert!(
        text.contains("과제 계보  esm-4-01 → esm-5-01 → esm-6-01\n"),
        "{text}"
    );
    // Without --lineage: its own reports only, without codes.
    let t = json_of(
        &env,
        &["report", "timeline", "esm-5-01", "--format", "json"],
    );
    assert_eq!(t["history"].as_array().unwrap().len(), 1);
    assert!(t["history"][0].get("code").is_none() && t.get("lineage").is_none());
    for format in ["csv", "markdown", "html", "text"] {
        let out = env.ok(&[
            "report",
            "timeline",
            "esm-6-01",
            "--lineage",
            "--format",
            format,
        ]);
        for code in ["esm-4-01", "esm-5-01"] {
            assert!(out.contains(code), "{format}: {out}");
        }
    }
}

#[test]
fn a_measures_file_that_moves_a_due_date_is_a_revision_its_undo_takes_back() {
    let env = revised();
    let before = env.ok(&["export", "measures"]);
    assert!(
        before.lines().next().unwrap().ends_with(",continues"),
        "{before}"
    );
    assert!(
        before.contains(",esm-4-01\n"),
        "the link is exported: {before}"
    );
    // esm-5-01, due 2024-06-30, moves to 2024-12-31 in the file.
    let moved = before.replace(
        "과학기술정보통신부,2024-06-30",
        "과학기술정보통신부,2024-12-31",
    );
    assert_ne!(moved, before);
    env.write("measures.csv", &moved);
    env.ok(&["import", "measures.csv"]);
    let m = json_of(&env, &["show", "esm-5-01", "--format", "json"]);
    assert_eq!(m["due_date"], "2024-12-31");
    assert_eq!(m["original_due"], "2024-06-30");
    assert_eq!(
        m["due_history"],
        json!([{ "changed_on": "2025-01-15", "from": "2024-06-30", "to": "2024-12-31",
                 "reason": "import measures.csv" }])
    );
    // Importing it again changes nothing.
    env.ok(&["import", "measures.csv"]);
    let again = json_of(&env, &["show", "esm-5-01", "--format", "json"]);
    assert_eq!(again["due_history"].as_array().unwrap().len(), 1);
    let imports = json_of(&env, &["imports", "list", "--format", "json"]);
    let id = imports[0]["id"].to_string();
    env.ok(&["imports", "undo", &id]);
    let m = json_of(&env, &["show", "esm-5-01", "--format", "json"]);
    assert_eq!(m["due_date"], "2024-06-30");
    assert_eq!(m["original_due"], "2024-06-30");
    assert_eq!(m["due_history"], json!([]));
    assert_eq!(env.ok(&["export", "measures"]), before);
}

#[test]
fn an_undo_is_refused_when_a_later_revision_stands_over_the_files() {
    let env = revised();
    let before = env.ok(&["export", "measures"]);
    env.write(
        "measures.csv",
        before.replace(
            "과학기술정보통신부,2024-06-30",
            "과학기술정보통신부,2024-12-31",
        ),
    );
    env.ok(&["import", "measures.csv"]);
    env.ok(&[
        "revise-due",
        "esm-5-01",
        "--to",
        "2025-06-30",
        "--reason",
        "재연장",
    ]);
    let imports = json_of(&env, &["imports", "list", "--format", "json"]);
    let id = imports[0]["id"].to_string();
    let err = env.fails_one_line(&["imports", "undo", &id]);
    assert!(
        err.contains("esm-5-01") && err.contains("due_date"),
        "{err}"
    );
}

#[test]
fn a_measures_file_links_a_row_to_a_measure_of_an_earlier_row() {
    let env = Env::init();
    env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,이전과제\n\
         esm-1,2022-01-01,first,esm-1-01,a,other,\n\
         esm-2,2022-06-01,second,esm-2-01,a again,other,esm-1-01\n",
    );
    env.ok(&["import", "m.csv"]);
    let m = json_of(&env, &["show", "esm-2-01", "--format", "json"]);
    assert_eq!(m["continues"], "esm-1-01");
    // A row that names a later meeting's measure is refused whole.
    env.write(
        "bad.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,계속과제\n\
         esm-0,2021-01-01,zeroth,esm-0-01,a,other,esm-2-01\n",
    );
    let before = env.dump();
    let err = env.fails(&["import", "bad.csv"]);
    assert!(err.contains("bad.csv:2: 계속과제: esm-2-01: esm-2-01 is of meeting esm-2, held on 2022-06-01, not before esm-0 (2021-01-01)"), "{err}");
    assert_eq!(env.dump(), before);
    // Export → import into an empty database → export: the same bytes.
    let out = env.ok(&["export", "measures"]);
    let other = Env::init();
    other.write("m.csv", &out);
    other.ok(&["import", "m.csv"]);
    assert_eq!(other.ok(&["export", "measures"]), out);
}

#[test]
fn bad_revisions_and_links_are_one_line_and_write_nothing() {
    let env = revised();
    // The revisions' migration does not revert while it holds any: one
    // revision and two links.
    let err = env.fails_one_line(&["db", "revert"]);
    assert!(
        err.contains(
            "cannot revert: the database holds 3 due date revisions and lineage links (together)"
        ),
        "{err}"
    );
    // A missing --reason is clap's: exit 2.
    let out = env
        .cmd()
        .args(["revise-due", "esm-5-02", "--to", "2025-06-30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // edit-measure --due moving a due date needs --reason too; a first
    // due date does not.
    let before = env.dump();
    let err = env.fails_one_line(&["edit-measure", "esm-5-02", "--due", "2025-06-30"]);
    assert!(
        err.contains(
            "--due 2025-06-30: esm-5-02 is due 2025-03-31; moving it is a revision: give --reason"
        ),
        "{err}"
    );
    assert_eq!(env.dump(), before, "a refused edit wrote something");
    env.ok(&[
        "add-measure",
        "--meeting",
        "esm-5",
        "--code",
        "esm-5-09",
        "--title",
        "새 과제",
        "--category",
        "other",
    ]);
    let out = env.ok(&["edit-measure", "esm-5-09", "--due", "2025-06-30"]);
    assert!(out.contains("2025-06-30"), "{out}");
    let shown = json_of(&env, &["show", "esm-5-09", "--format", "json"]);
    assert_eq!(shown["due_date"], "2025-06-30", "{shown}");
    assert_eq!(shown["due_history"], json!([]), "{shown}");
    for (args, says) in [
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "2025-06-30",
                "--reason",
                " ",
            ][..],
            "empty --reason",
        ),
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "next year",
                "--reason",
                "r",
            ][..],
            "--to: unrecognized date \"next year\"",
        ),
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "2025-03-31",
                "--reason",
                "r",
            ][..],
            "esm-5-02 is due on 2025-03-31 already",
        ),
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "2025-06-30",
                "--reason",
                "r",
                "--on",
                "2024-10-01",
            ][..],
            "--on 2024-10-01 is before the measure's latest revision (2024-11-01)",
        ),
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "2025-06-30",
                "--reason",
                "r",
                "--on",
                "2020-01-01",
            ][..],
            "--on 2020-01-01 is before the measure's meeting (",
        ),
        (
            &["revise-due", "esm-5", "--to", "2025-06-30", "--reason", "r"][..],
            "no measure \"esm-5\": that is a meeting's code",
        ),
        (
            &[
                "revise-due",
                "esm-5-02",
                "--to",
                "2025-06-30",
                "--reason",
                "r",
                "--on",
                "2025-02-01",
            ][..],
            "--on 2025-02-01 is after today (2025-01-15)",
        ),
        (
            &["edit-measure", "esm-6-01", "--continues", "esm-9-01"][..],
            "no measure to continue (--continues) \"esm-9-01\"",
        ),
        (
            &["edit-measure", "esm-5-02", "--continues", "esm-5-01"][..],
            "esm-5-01 is of the same meeting (esm-5)",
        ),
        (
            &["edit-measure", "esm-5-02", "--continues", "esm-6-01"][..],
            "esm-6-01 is of meeting esm-6, held on 2024-01-01, not before esm-5 (2023-06-01)",
        ),
        (
            &["remove-measure", "esm-5-01", "--reason", "중복"][..],
            "measure \"esm-5-01\" is continued by esm-6-01",
        ),
    ] {
        let err = env.fails_one_line(args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A meeting moved so that a link would go forward in time is refused
    // (esm-5-01 of esm-5, 2023-06-01, continues esm-4-01), and with it the
    // one way a chain could go round.
    let before = env.dump();
    let err = env.fails_one_line(&["edit-meeting", "esm-4", "--held-on", "2023-12-01"]);
    assert!(
        err.contains("meeting esm-4 held on 2023-12-01: esm-5-01 (esm-5, 2023-06-01) continues esm-4-01 (esm-4, 2023-12-01), which would not be of an earlier meeting"),
        "{err}"
    );
    let err = env.fails_one_line(&["edit-meeting", "esm-5", "--held-on", "2024-06-01"]);
    assert!(
        err.contains("esm-6-01 (esm-6, 2024-01-01) continues esm-5-01 (esm-5, 2024-06-01)"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "a refused move wrote something");
    // Cleared, logged, and back.
    assert_eq!(
        env.ok(&["edit-measure", "esm-6-01", "--continues", ""]),
        "esm-6-01: continues: esm-5-01 → (none)\n"
    );
    let log = json_of(&env, &["log", "esm-6-01", "--format", "json"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "continue"));
    // edit-measure --due is a revision too, with its reason.
    env.ok(&[
        "edit-measure",
        "esm-6-01",
        "--due",
        "2025-12-31",
        "--reason",
        "범위 확대",
    ]);
    let m = json_of(&env, &["show", "esm-6-01", "--format", "json"]);
    assert_eq!(m["due_history"][0]["reason"], "범위 확대");
    assert_eq!(m["original_due"], "2025-06-30");
}

#[test]
fn snapshots_of_the_overdue_list_against_the_original_and_the_summary() {
    let env = revised();
    for lang in ["en", "ko"] {
        let out = env.ok(&["--lang", lang, "report", "overdue", "--against", "original"]);
        insta::assert_snapshot!(format!("revise_overdue_original_{lang}"), out);
        let out = env.ok(&["--lang", lang, "report", "summary"]);
        insta::assert_snapshot!(format!("revise_summary_{lang}"), out);
    }
}
