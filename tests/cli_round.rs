//! Reporting rounds (SPEC §10): one whole quarter — open, templates out,
//! answers in (on time in CP949 with Korean headers, late by
//! `update-status`, never), the figures worked out by hand, a closed round —
//! and the bad input that is refused whole.

mod common;

use common::{example, with_examples, Env};
use serde_json::{json, Value};

/// Runs the command with "today" at `day`; asserts success, returns stdout.
fn at(env: &Env, day: &str, args: &[&str]) -> String {
    env.ok_on(Some(day), args)
}

fn show_json(env: &Env, day: &str) -> Value {
    serde_json::from_str(&at(
        env,
        day,
        &["round", "show", "2024q2", "--format", "json"],
    ))
    .expect("json")
}

/// The example meeting with its 2023 Q4 reports, and the round 2024q2 over
/// it opened on 2024-07-01.
fn opened() -> Env {
    let env = with_examples();
    env.ok(&["import", &example("esm-5-updates-2023q4.csv")]);
    let out = env
        .cmd()
        .env("POLICY_TRACK_TODAY", "2024-07-01")
        .args([
            "round",
            "open",
            "2024q2",
            "--as-of",
            "2024-06-30",
            "--due",
            "2024-07-10",
            "--meeting",
            "esm-5",
            "--title",
            "2024년 2분기 점검",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.starts_with("round 2024q2 opened: 12 measures as of 2024-06-30, due 2024-07-10"),
        "{stdout}"
    );
    for (code, n) in [("MOEF", "2"), ("MOHW", "4"), ("MSIT", "6")] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(code) && l.ends_with(&format!(" {n}"))),
            "{code} {n}: {stdout}"
        );
    }
    // The measures the release names no ministry for are asked of nobody.
    assert!(
        stderr.contains("3 open measures without a lead ministry")
            && stderr.contains("esm-5-06, esm-5-07, esm-5-08"),
        "{stderr}"
    );
    env
}

#[test]
fn one_whole_quarter() {
    let env = opened();
    // The templates for every ministry asked, one file each.
    let dir = env.path("2024q2");
    let out = env
        .cmd()
        .args(["export", "template", "--round", "2024q2", "--all", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["2024q2-MOEF.csv", "2024q2-MOHW.csv", "2024q2-MSIT.csv"]
    );
    let moef = std::fs::read_to_string(dir.join("2024q2-MOEF.csv")).unwrap();
    assert_eq!(
        moef.lines().next().unwrap(),
        "measure_code,title,reported_on,status,progress,note,round"
    );
    assert!(
        moef.lines()
            .skip(1)
            .all(|l| l.contains(",2024-06-30,") && l.ends_with(",2024q2")),
        "{moef}"
    );
    assert_eq!(moef.lines().count(), 3, "{moef}");

    // 보건복지부 sends its file back on time, changed, in CP949 with the
    // Korean headers (as Korean Excel saves it); the rows it left as they
    // were say the status stands, and answer the round too.
    let ko = at(
        &env,
        "2024-07-01",
        &[
            "export",
            "template",
            "--round",
            "2024q2",
            "--ministry",
            "복지부",
            "--korean-headers",
        ],
    );
    assert!(
        ko.starts_with("과제코드,과제명,기준일,추진상황,진척률,비고,회차\n"),
        "{ko}"
    );
    let sent: String = ko
        .lines()
        .map(|l| match l.starts_with("esm-5-05-2,") {
            // Korean headers come with Korean status words.
            true => l.replace(",추진중,50,,", ",완료,100,지침 개정 완료,"),
            false => l.to_string(),
        })
        .map(|l| l + "\r\n")
        .collect();
    assert!(sent.contains("완료,100"), "{sent}");
    let file = env.write("복지부-회신.csv", encoding_rs::EUC_KR.encode(&sent).0);
    let out = at(&env, "2024-07-08", &["import", file.to_str().unwrap()]);
    assert!(out.contains("cp949") && out.contains("4 inserted"), "{out}");

    // 기획재정부 answers one of its two measures, late.
    at(
        &env,
        "2024-07-13",
        &[
            "update-status",
            "esm-5-01",
            "--status",
            "추진중",
            "--progress",
            "55",
            "--on",
            "2024-06-30",
            "--round",
            "2024q2",
        ],
    );
    // 과학기술정보통신부 never answers.

    let expected = json!({
        "code": "2024q2",
        "title": "2024년 2분기 점검",
        "as_of": "2024-06-30",
        "due": "2024-07-10",
        "closed": false,
        "ministries": [
            {
                "code": "MOEF", "name_ko": "기획재정부",
                "name_en": "Ministry of Economy and Finance",
                "requested": 2, "answered": 1, "missing": ["esm-5-02"],
                "received_on": "2024-07-13", "days_late": 3, "state": "partial"
            },
            {
                "code": "MOHW", "name_ko": "보건복지부",
                "name_en": "Ministry of Health and Welfare",
                "requested": 4, "answered": 4, "missing": [],
                "received_on": "2024-07-08", "days_late": 0, "state": "complete"
            },
            {
                "code": "MSIT", "name_ko": "과학기술정보통신부",
                "name_en": "Ministry of Science and ICT",
                "requested": 6, "answered": 0,
                "missing": ["esm-5-03", "esm-5-04", "esm-5-04-1", "esm-5-04-2",
                            "esm-5-04-3", "esm-5-04-4"],
                "received_on": null, "days_late": 10, "state": "missing"
            }
        ],
        "totals": { "requested": 12, "answered": 5, "complete": 1, "partial": 1, "missing": 1 }
    });
    assert_eq!(show_json(&env, "2024-07-20"), expected);
    // The change the file carried is recorded as any report.
    let m: Value =
        serde_json::from_str(&env.ok(&["show", "esm-5-05-2", "--format", "json"])).unwrap();
    assert_eq!(m["status"], "completed");

    let text = at(&env, "2024-07-20", &["round", "show", "2024q2"]);
    assert!(
        text.starts_with("Reporting round 2024q2: 2024년 2분기 점검\n"),
        "{text}"
    );
    assert!(text.contains("5 of 12 measures (41.7%)"), "{text}");
    assert!(text.contains("1 complete, 1 partial, 1 missing"), "{text}");
    let row = |code: &str| {
        text.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code}: {text}"))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("MOEF"),
        [
            "MOEF",
            "기획재정부",
            "partial",
            "2",
            "1",
            "2024-07-13",
            "3",
            "esm-5-02"
        ]
    );
    assert_eq!(
        row("MOHW"),
        [
            "MOHW",
            "보건복지부",
            "complete",
            "4",
            "4",
            "2024-07-08",
            "0"
        ]
    );
    assert_eq!(
        row("MSIT")[..7],
        ["MSIT", "과학기술정보통신부", "missing", "6", "0", "-", "10"]
    );

    // The list of rounds.
    let list = env.ok(&["round", "list", "--format", "csv"]);
    assert_eq!(
        list,
        "code,title,as_of,due,requested,answered,response_rate,state\n\
         2024q2,2024년 2분기 점검,2024-06-30,2024-07-10,12,5,0.4167,open\n"
    );

    // Later reports that name no round change today's statuses, not the
    // round: seen later, it reads the same (only the silent ministry's
    // days late go on counting).
    at(
        &env,
        "2024-08-01",
        &["import", &example("esm-5-updates-2024q2.csv")],
    );
    at(
        &env,
        "2024-08-01",
        &[
            "update-status",
            "esm-5-02",
            "--status",
            "완료",
            "--on",
            "2024-07-31",
        ],
    );
    let mut later = show_json(&env, "2024-08-01");
    assert_eq!(later["ministries"][2]["days_late"], 22);
    later["ministries"][2]["days_late"] = json!(10);
    assert_eq!(later, expected);

    // Closed, it takes no more answers, from a command or a file.
    env.ok(&["round", "close", "2024q2"]);
    let err = env.fails_one_line(&[
        "update-status",
        "esm-5-03",
        "--status",
        "추진중",
        "--on",
        "2024-06-30",
        "--round",
        "2024q2",
    ]);
    assert!(err.contains("round 2024q2 is closed"), "{err}");
    let msit = dir.join("2024q2-MSIT.csv");
    let err = env.fails_one_line(&["import", msit.to_str().unwrap()]);
    assert!(
        err.contains("2024q2-MSIT.csv:2: round: 2024q2: round 2024q2 is closed"),
        "{err}"
    );
    let err = env.fails_one_line(&["round", "close", "2024q2"]);
    assert!(err.contains("already closed"), "{err}");
    assert_eq!(show_json(&env, "2024-07-20")["closed"], true);
}

#[test]
fn a_round_show_draws_in_every_report_format() {
    let env = opened();
    for (format, has) in [
        ("markdown", "| ministry | name | state |"),
        (
            "csv",
            "code,name,state,requested,answered,received_on,days_late,missing_count,missing",
        ),
        ("html", "<h1>Reporting round 2024q2: 2024년 2분기 점검</h1>"),
    ] {
        let out = at(
            &env,
            "2024-07-20",
            &["round", "show", "2024q2", "--format", format],
        );
        assert!(out.contains(has), "{format}: {out}");
        assert!(
            out.contains("esm-5-04-4"),
            "{format}: the missing measures: {out}"
        );
    }
    let page = env.path("2024q2.html");
    at(
        &env,
        "2024-07-20",
        &[
            "round",
            "show",
            "2024q2",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains(">missing</td>"), "{html}");
    // A bar per ministry of what it answered and what is missing, each
    // part showing its count.
    assert!(html.contains("<table class=\"bars\">"), "{html}");
    assert!(html.contains("title=\"missing: 6\""), "{html}");
    assert!(html.contains("footer"), "{html}");
}

#[test]
fn an_answer_must_be_to_an_open_round_that_asked_for_it() {
    let env = opened();
    // A measure the round did not ask for (no lead ministry when it opened).
    let err = env.fails_one_line(&[
        "update-status",
        "esm-5-06",
        "--status",
        "추진중",
        "--on",
        "2024-06-30",
        "--round",
        "2024q2",
    ]);
    assert!(
        err.contains("round 2024q2 did not request esm-5-06"),
        "{err}"
    );
    let err = env.fails_one_line(&[
        "update-status",
        "esm-5-01",
        "--status",
        "추진중",
        "--round",
        "2024q9",
    ]);
    assert!(
        err.contains("no round 2024q9 (did you mean 2024q2?)"),
        "{err}"
    );
    // In a file: the row is named, nothing is written.
    let file = env.write(
        "extra.csv",
        "measure_code,reported_on,status,round\n\
         esm-5-01,2024-06-30,in-progress,2024q2\n\
         esm-5-08,2024-06-30,in-progress,2024q2\n",
    );
    let before = env.dump();
    let err = env.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("extra.csv:3: round: 2024q2: round 2024q2 did not request esm-5-08"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    // `import --round` links a file without a round column.
    let plain = env.write(
        "plain.csv",
        "measure_code,reported_on,status\nesm-5-02,2024-06-30,delayed\n",
    );
    env.ok(&["import", plain.to_str().unwrap(), "--round", "2024q2"]);
    let v = show_json(&env, "2024-07-01");
    assert_eq!(v["ministries"][0]["answered"], 1);
    assert_eq!(v["ministries"][0]["missing"], json!(["esm-5-01"]));
}

#[test]
fn undoing_an_import_takes_its_answers_back() {
    let env = opened();
    let file = env.path("moef.csv");
    env.ok(&[
        "export",
        "template",
        "--round",
        "2024q2",
        "--ministry",
        "MOEF",
        "-o",
        file.to_str().unwrap(),
    ]);
    // A report of the same date already recorded without the round: the
    // template's row, otherwise the same, corrects it to answer the round.
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "in-progress",
        "--progress",
        "30",
        "--on",
        "2024-06-30",
        "--by",
        "MOEF",
    ]);
    let exports = || ["measures", "updates"].map(|what| env.ok(&["export", what]));
    let before = exports();
    let out = env.ok(&["import", file.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["updated"], 1, "{out}");
    assert_eq!(v[0]["inserted"], 1, "{out}");
    assert_eq!(
        show_json(&env, "2024-07-01")["ministries"][0]["answered"],
        2
    );
    let log = env.ok(&["log", "esm-5-01", "--format", "json"]);
    let entries: Value = serde_json::from_str(&log).unwrap();
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["new"]["round"] == "2024q2" || e["old"]["round"] == "2024q2"),
        "{log}"
    );
    let list = env.ok(&["imports", "list", "--format", "json"]);
    let last = |list: &str| {
        serde_json::from_str::<Value>(list)
            .unwrap()
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone()
    };
    assert_eq!(last(&list)["round"], "2024q2", "{list}");
    let id = serde_json::from_str::<Value>(&list)
        .unwrap()
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .to_string();
    env.ok(&["imports", "undo", &id]);
    let v = show_json(&env, "2024-07-01");
    assert_eq!(v["ministries"][0]["answered"], 0);
    assert_eq!(v["ministries"][0]["state"], "missing");
    let list = env.ok(&["imports", "list", "--format", "json"]);
    assert_eq!(last(&list)["round"], Value::Null, "{list}");
    assert_eq!(exports(), before);
}

#[test]
fn bad_rounds_are_refused_whole_with_one_line() {
    let env = opened();
    let open = |code: &str, as_of: &str, due: &str, extra: &[&str]| {
        let mut args = vec!["round", "open", code, "--as-of", as_of, "--due", due];
        args.extend_from_slice(extra);
        env.fails_one_line(&args)
    };
    let err = open("2024q2", "2024-09-30", "2024-10-10", &[]);
    assert!(
        err.contains("round \"2024q2\" already exists")
            || err.contains("round 2024q2 already exists"),
        "{err}"
    );
    let err = open("2024q3", "2024-09-30", "2024-09-01", &[]);
    assert!(
        err.contains("--due 2024-09-01 is before --as-of 2024-09-30"),
        "{err}"
    );
    let err = open(
        "2024q3",
        "2024-09-30",
        "2024-10-10",
        &["--meeting", "esm-6"],
    );
    assert!(
        err.contains("no meeting esm-6") || err.contains("no meeting \"esm-6\""),
        "{err}"
    );
    let err = open(
        "2024q3",
        "2024-09-30",
        "2024-10-10",
        &["--ministry", "기재부부"],
    );
    assert!(err.contains("기재부부"), "{err}");
    let err = open("2024 Q3", "2024-09-30", "2024-10-10", &[]);
    assert!(err.contains("round code"), "{err}");

    // A template of one round imported with --round of another.
    env.ok(&[
        "round",
        "open",
        "2024q3",
        "--as-of",
        "2024-09-30",
        "--due",
        "2024-10-10",
    ]);
    let file = env.path("moef.csv");
    env.ok(&[
        "export",
        "template",
        "--round",
        "2024q2",
        "--ministry",
        "MOEF",
        "-o",
        file.to_str().unwrap(),
    ]);
    let err = env.fails_one_line(&["import", file.to_str().unwrap(), "--round", "2024q3"]);
    assert!(
        err.contains("the file answers round 2024q2, not --round 2024q3"),
        "{err}"
    );
    // A template for a ministry the round asked nothing of.
    let err = env.fails_one_line(&[
        "export",
        "template",
        "--round",
        "2024q2",
        "--ministry",
        "MOTIE",
    ]);
    assert!(err.contains("asked it for nothing"), "{err}");
    // A round's rows would be lost with its migration: db revert refuses
    // (the migrations after it, holding nothing, revert first).
    env.revert_after("add_rounds");
    let err = env.fails_one_line(&["db", "revert"]);
    assert!(
        err.contains("cannot revert: the database holds 2 reporting rounds"),
        "{err}"
    );
}

#[test]
fn a_template_as_of_a_date_is_a_report_sent_back_unchanged() {
    let env = with_examples();
    let out = env.ok(&[
        "export",
        "template",
        "--ministry",
        "MOEF",
        "--as-of",
        "2024.6.30",
    ]);
    assert_eq!(
        out.lines().next().unwrap(),
        "measure_code,title,reported_on,status,progress,note"
    );
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.contains(",2024-06-30,planned,")),
        "{out}"
    );
    let file = env.write("back.csv", &out);
    let done = env.ok(&["import", file.to_str().unwrap()]);
    assert!(done.contains("2 inserted"), "{done}");
}

/// A round's template as a workbook: its rows dated the round's as-of
/// date, the round and the ministry stored in it, so that the workbook
/// sent back unchanged answers the round without a flag; a workbook of one
/// round imported with `--round` of another is refused, nothing written.
#[test]
fn a_round_template_workbook_answers_its_round() {
    let env = opened();
    let book = env.path("2024q2-MOHW.xlsx");
    at(
        &env,
        "2024-07-05",
        &[
            "export",
            "template",
            "--round",
            "2024q2",
            "--ministry",
            "보건복지부",
            "-o",
            book.to_str().unwrap(),
        ],
    );
    env.ok(&[
        "round",
        "open",
        "2024q3",
        "--as-of",
        "2024-09-30",
        "--due",
        "2024-10-10",
    ]);
    let before = env.dump();
    let err = env.fails(&["import", book.to_str().unwrap(), "--round", "2024q3"]);
    assert!(err.contains("answers round 2024q2"), "{err}");
    assert_eq!(env.dump(), before, "a refused workbook wrote something");
    at(&env, "2024-07-05", &["import", book.to_str().unwrap()]);
    let show = show_json(&env, "2024-07-05");
    let mohw = show["ministries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "MOHW")
        .expect("MOHW was asked")
        .clone();
    assert_eq!(mohw["state"], "complete", "{show}");
    assert_eq!(mohw["answered"], mohw["requested"], "{show}");
    assert_eq!(mohw["missing"], json!([]), "{show}");
    // Each answer is a report dated the round's as-of date.
    let m = env.ok(&["show", "esm-5-05", "--format", "json"]);
    let m: Value = serde_json::from_str(&m).unwrap();
    assert_eq!(m["status_date"], "2024-06-30", "{m}");
}

/// `--lang ko`: the round's words, its states and its table in Korean; the
/// JSON keeps its codes.
#[test]
fn a_round_speaks_korean_with_lang_ko() {
    let env = opened();
    let text = at(
        &env,
        "2024-07-15",
        &["--lang", "ko", "round", "show", "2024q2"],
    );
    assert!(text.contains("보고 회차 2024q2"), "{text}");
    assert!(text.contains("부처별 제출 현황"), "{text}");
    assert!(text.contains("미제출"), "{text}");
    assert!(!text.contains("missing"), "{text}");
    let list = at(&env, "2024-07-15", &["--lang", "ko", "round", "list"]);
    assert!(list.contains("진행 중"), "{list}");
    let json = at(
        &env,
        "2024-07-15",
        &[
            "--lang", "ko", "round", "show", "2024q2", "--format", "json",
        ],
    );
    assert!(json.contains("\"state\": \"missing\""), "{json}");
}

/// An answer to a closed round stays its answer: a report of the same
/// measure and date naming another round is refused, from a command and
/// from a file, and the closed round reads the same.
#[test]
fn a_closed_rounds_answer_cannot_move_to_another_round() {
    let env = opened();
    at(
        &env,
        "2024-07-05",
        &[
            "update-status",
            "esm-5-05",
            "--status",
            "in-progress",
            "--on",
            "2024-06-30",
            "--round",
            "2024q2",
        ],
    );
    at(&env, "2024-07-20", &["round", "close", "2024q2"]);
    let before = show_json(&env, "2024-07-20");
    at(
        &env,
        "2024-07-20",
        &[
            "round",
            "open",
            "2024q2b",
            "--as-of",
            "2024-06-30",
            "--due",
            "2024-07-31",
        ],
    );
    let dump = env.dump();
    let err = env.fails_one_line(&[
        "update-status",
        "esm-5-05",
        "--status",
        "completed",
        "--on",
        "2024-06-30",
        "--round",
        "2024q2b",
    ]);
    assert!(
        err.contains("answers round 2024q2, which is closed"),
        "{err}"
    );
    let f = env.write(
        "b.csv",
        "measure_code,reported_on,status,round\nesm-5-05,2024-06-30,completed,2024q2b\n",
    );
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(err.contains("which is closed"), "{err}");
    assert_eq!(env.dump(), dump, "a refused answer wrote something");
    assert_eq!(show_json(&env, "2024-07-20"), before);
}

/// A ministry that answered on time and sends a correction after the due
/// date stays on time: `received_on` is the day of its first answer.
#[test]
fn a_correction_after_the_due_date_keeps_the_day_an_answer_was_received() {
    let env = opened();
    let args = |p: &'static str| {
        [
            "update-status",
            "esm-5-05",
            "--status",
            "in-progress",
            "--progress",
            p,
            "--on",
            "2024-06-30",
            "--round",
            "2024q2",
        ]
    };
    at(&env, "2024-07-05", &args("40"));
    at(&env, "2024-07-25", &args("50"));
    let show = show_json(&env, "2024-07-25");
    let mohw = show["ministries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "MOHW")
        .unwrap()
        .clone();
    assert_eq!(mohw["received_on"], "2024-07-05", "{show}");
    assert_eq!(mohw["days_late"], 0, "{show}");
}
