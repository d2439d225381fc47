//! `report`: exact figures as of three dates on a fixed data set, snapshots of
//! every report in every format, and bad input.

mod common;

use std::sync::OnceLock;

use common::Env;
use serde_json::Value;

/// Two meetings, five categories, five ministries, two sub-measures, a
/// dropped measure, due dates, and a measure (esm-5-03-1) whose older report
/// (2024-03-31, delayed) arrives after a newer one (2024-06-30, completed).
fn build(env: &Env) {
    let meeting = |code: &str, title: &str, held: &str| {
        env.ok(&[
            "add-meeting",
            "--code",
            code,
            "--title",
            title,
            "--held-on",
            held,
        ]);
    };
    meeting("esm-5", "제5차 수출전략회의", "2023-06-01");
    meeting("esm-6", "제6차 수출전략회의", "2024-02-01");

    let measure = |meeting: &str,
                   code: &str,
                   title: &str,
                   category: &str,
                   ministry: &str,
                   parent: Option<&str>,
                   due: Option<&str>| {
        let mut args = vec![
            "add-measure",
            "--meeting",
            meeting,
            "--code",
            code,
            "--title",
            title,
            "--category",
            category,
            "--ministry",
            ministry,
        ];
        if let Some(p) = parent {
            args.extend(["--parent", p]);
        }
        if let Some(d) = due {
            args.extend(["--due", d]);
        }
        env.ok(&args);
    };
    let none = None;
    measure(
        "esm-5",
        "esm-5-01",
        "규제 개선",
        "regulation-easing",
        "기재부",
        none,
        Some("2023-12-31"),
    );
    measure(
        "esm-5",
        "esm-5-02",
        "공정 보상체계",
        "compensation-system",
        "복지부",
        none,
        Some("2024-06-30"),
    );
    measure(
        "esm-5",
        "esm-5-03",
        "디지털바이오 인프라",
        "infrastructure",
        "과기정통부",
        none,
        Some("2024-12"),
    );
    measure(
        "esm-5",
        "esm-5-03-1",
        "바이오 특화 초고성능 컴퓨터",
        "infrastructure",
        "MSIT",
        Some("esm-5-03"),
        Some("2024-H1"),
    );
    measure(
        "esm-5",
        "esm-5-03-2",
        "바이오 파운드리",
        "infrastructure",
        "산업부",
        Some("esm-5-03"),
        none,
    );
    measure(
        "esm-5",
        "esm-5-04",
        "데이터 개방",
        "data-opening",
        "개보위",
        none,
        none,
    );
    measure(
        "esm-6",
        "esm-6-01",
        "글로벌 공동연구",
        "rnd-collaboration",
        "과기정통부",
        none,
        Some("2024-06-30"),
    );
    measure(
        "esm-6",
        "esm-6-02",
        "인재 양성 | 교류 <확대>",
        "talent",
        "중기부",
        none,
        Some("2024-03-31"),
    );

    let update = |code: &str, status: &str, on: &str, extra: &[&str]| {
        let mut args = vec!["update-status", code, "--status", status, "--on", on];
        args.extend(extra);
        env.ok(&args);
    };
    update(
        "esm-5-01",
        "추진중",
        "2023-09-30",
        &["--progress", "30", "--by", "기재부", "--note", "TF 구성"],
    );
    update(
        "esm-5-02",
        "지연",
        "2023-09-30",
        &["--by", "복지부", "--note", "법안 계류"],
    );
    update(
        "esm-5-04",
        "중단",
        "2023-09-30",
        &["--note", "다른 과제로 통합"],
    );
    update(
        "esm-5-03",
        "in-progress",
        "2023-12-31",
        &["--progress", "20"],
    );
    update(
        "esm-5-03-1",
        "in-progress",
        "2023-12-31",
        &["--progress", "50"],
    );
    update(
        "esm-5-01",
        "완료",
        "2024-03-31",
        &["--progress", "100", "--by", "MOEF"],
    );
    update(
        "esm-6-01",
        "in-progress",
        "2024-03-31",
        &["--progress", "10"],
    );
    update(
        "esm-6-02",
        "planned",
        "2024-03-31",
        &["--note", "착수 준비"],
    );
    update(
        "esm-5-03-1",
        "completed",
        "2024-06-30",
        &["--progress", "100", "--by", "과기정통부"],
    );
    update(
        "esm-6-01",
        "in-progress",
        "2024-06-30",
        &["--progress", "40"],
    );
    // The older report arrives last: history only, the status stays completed.
    update(
        "esm-5-03-1",
        "지연",
        "2024-03-31",
        &["--progress", "60", "--note", "장비 도입 지연"],
    );
}

/// The fixed data set, built once and shared by the tests that only read.
fn fixture() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let env = Env::init();
        build(&env);
        env
    })
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&env.ok(&all)).expect("report JSON")
}

fn summary(as_of: &str) -> Value {
    json(fixture(), &["summary", "--as-of", as_of])
}

/// total, [planned, in-progress, completed, delayed, dropped], overdue, stale.
fn figures(v: &Value) -> (i64, [i64; 5], i64, i64) {
    let s = &v["by_status"];
    let n = |k: &str| s[k].as_i64().unwrap_or_else(|| panic!("{k} in {v}"));
    (
        v["total"].as_i64().expect("total"),
        [
            n("planned"),
            n("in-progress"),
            n("completed"),
            n("delayed"),
            n("dropped"),
        ],
        v["overdue"].as_i64().expect("overdue"),
        v["stale"].as_i64().expect("stale"),
    )
}

fn codes(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x[key].as_str().expect("string").to_string())
        .collect()
}

fn find<'a>(list: &'a Value, code: &str) -> &'a Value {
    list.as_array()
        .expect("array")
        .iter()
        .find(|x| x["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in {list}"))
}

#[test]
fn before_any_update_everything_is_planned_and_later_meetings_absent() {
    let v = summary("2023-08-01");
    assert_eq!(v["as_of"], "2023-08-01");
    assert_eq!(v["stale_days"], 90);
    assert_eq!(codes(&v["meetings"], "code"), ["esm-5"]);
    assert_eq!(figures(&v["totals"]), (6, [6, 0, 0, 0, 0], 0, 0));
    assert_eq!(v["totals"]["completion_rate"], 0.0);
    // esm-6's ministries and categories do not exist yet either.
    let mut ministries = codes(&v["ministries"], "code");
    ministries.sort();
    assert_eq!(ministries, ["MOEF", "MOHW", "MOTIE", "MSIT", "PIPC"]);
    assert!(!codes(&v["categories"], "code").contains(&"talent".to_string()));
}

#[test]
fn between_updates_the_figures_are_those_of_that_day() {
    let v = summary("2024-01-15");
    assert_eq!(codes(&v["meetings"], "code"), ["esm-5"]);
    // esm-5-01 in-progress, -02 delayed, -03 and -03-1 in-progress, -03-2
    // planned, -04 dropped.
    assert_eq!(figures(&v["totals"]), (6, [1, 3, 0, 1, 1], 1, 3));
    assert_eq!(v["totals"]["completion_rate"], 0.0);
    // Overdue: esm-5-01 (due 2023-12-31). Stale (cut-off 2023-10-17):
    // esm-5-01 and -02 (last 2023-09-30), -03-2 (never; meeting 2023-06-01).
    let moef = find(&v["ministries"], "MOEF");
    assert_eq!(figures(moef), (1, [0, 1, 0, 0, 0], 1, 1));
    let msit = find(&v["ministries"], "MSIT");
    assert_eq!(figures(msit), (2, [0, 2, 0, 0, 0], 0, 0));
    let infra = find(&v["categories"], "infrastructure");
    assert_eq!(figures(infra), (3, [1, 2, 0, 0, 0], 0, 1));
    // The dropped measure leaves the denominator: 0 / (1 − 1) is no rate.
    let pipc = find(&v["ministries"], "PIPC");
    assert_eq!(figures(pipc), (1, [0, 0, 0, 0, 1], 0, 0));
    assert!(pipc["completion_rate"].is_null());
}

#[test]
fn after_due_dates_pass_overdue_and_stale_follow() {
    let v = summary("2024-07-15");
    assert_eq!(codes(&v["meetings"], "code"), ["esm-5", "esm-6"]);
    // planned: -03-2, 6-02; in-progress: -03, 6-01; completed: -01, -03-1;
    // delayed: -02; dropped: -04. Overdue: -02, 6-01, 6-02. Stale (cut-off
    // 2024-04-16): -02, -03, -03-2, 6-02.
    assert_eq!(figures(&v["totals"]), (8, [2, 2, 2, 1, 1], 3, 4));
    let rate = v["totals"]["completion_rate"].as_f64().expect("rate");
    assert!((rate - 2.0 / 7.0).abs() < 1e-9, "{rate}");
    let esm5 = find(&v["meetings"], "esm-5");
    assert_eq!(figures(esm5), (6, [1, 1, 2, 1, 1], 1, 3));
    assert_eq!(esm5["completion_rate"], 0.4);
    assert_eq!(esm5["held_on"], "2023-06-01");
    let esm6 = find(&v["meetings"], "esm-6");
    assert_eq!(figures(esm6), (2, [1, 1, 0, 0, 0], 2, 1));
    assert_eq!(esm6["completion_rate"], 0.0);
    let msit = find(&v["ministries"], "MSIT");
    assert_eq!(figures(msit), (3, [0, 2, 1, 0, 0], 1, 1));
    assert_eq!(msit["name_ko"], "과학기술정보통신부");

    let overdue = json(fixture(), &["overdue", "--as-of", "2024-07-15"]);
    let list = &overdue["measures"];
    assert_eq!(codes(list, "code"), ["esm-6-02", "esm-5-02", "esm-6-01"]);
    assert_eq!(list[0]["days_overdue"], 106);
    assert_eq!(list[1]["days_overdue"], 15);
    assert_eq!(list[1]["last_reported_on"], "2023-09-30");
    assert_eq!(list[1]["status"], "delayed");
    assert_eq!(list[1]["ministry"], "보건복지부");
}

/// With no report dated after the as-of date the reports read the measures'
/// current status columns (the summary counts them from one index), else the
/// history; both roads must give the same reports. One report dated after
/// all the others sends the same questions down the history. The overdue
/// list, and from the history the summary, are read on two connections,
/// half the meetings each, unless `POLICY_TRACK_READ_THREADS=1`: the same
/// reports again.
#[test]
fn the_current_status_and_the_history_give_the_same_reports() {
    let env = Env::init();
    build(&env);
    let reports_with = |env: &Env, one_thread: bool| -> Vec<Value> {
        let json = |env: &Env, args: &[&str]| -> Value {
            let mut cmd = env.cmd();
            if one_thread {
                cmd.env("POLICY_TRACK_READ_THREADS", "1");
            }
            let out = cmd
                .args(["report", "--format", "json"])
                .args(args)
                .output()
                .expect("run");
            assert!(out.status.success(), "{args:?}: {out:?}");
            serde_json::from_slice(&out.stdout).expect("report JSON")
        };
        let mut all = Vec::new();
        for as_of in ["2024-06-30", "2024-07-15", "2025-01-15"] {
            for args in [
                &["summary"][..],
                &["summary", "--meeting", "esm-6"],
                &["summary", "--ministry", "과학기술정보통신부"],
                &["summary", "--stale-days", "400"],
                &["overdue"],
                &["overdue", "--meeting", "esm-5"],
                &["stale", "--days", "30"],
            ] {
                let mut a = args.to_vec();
                a.extend(["--as-of", as_of]);
                all.push(json(env, &a));
            }
        }
        all
    };
    let reports = |env: &Env| reports_with(env, false);
    let current = reports(&env);
    assert_eq!(reports_with(&env, true), current);
    env.ok(&[
        "update-status",
        "esm-5-02",
        "--status",
        "completed",
        "--on",
        "2030-01-01",
    ]);
    let history = reports(&env);
    assert_eq!(current.len(), history.len());
    for (c, h) in current.iter().zip(&history) {
        assert_eq!(c, h);
    }
    assert_eq!(reports_with(&env, true), history);
    // The summary as of 2024-07-15, checked against the figures above.
    assert_eq!(figures(&current[7]["totals"]), (8, [2, 2, 2, 1, 1], 3, 4));
}

#[test]
fn the_late_older_report_changes_the_past_not_the_present() {
    let env = fixture();
    let now = json(env, &["timeline", "esm-5-03-1"]);
    assert_eq!(now["status"], "completed");
    assert_eq!(now["status_date"], "2024-06-30");
    let steps: Vec<(&str, &str, bool)> = now["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["from"].as_str().unwrap(),
                h["status"].as_str().unwrap(),
                h["transition"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("planned", "in-progress", true),
            ("in-progress", "delayed", true),
            ("delayed", "completed", true)
        ]
    );
    // Between the two reports, the older one is what stood.
    let then = json(env, &["timeline", "esm-5-03-1", "--as-of", "2024-04-15"]);
    assert_eq!(then["status"], "delayed");
    assert_eq!(then["progress"], 60);
    assert_eq!(then["history"].as_array().unwrap().len(), 2);
    let v = summary("2025-01-15");
    assert_eq!(
        figures(find(&v["categories"], "infrastructure")).1,
        [1, 1, 1, 0, 0]
    );
    let v = summary("2024-04-15");
    assert_eq!(
        figures(find(&v["categories"], "infrastructure")).1,
        [1, 1, 0, 1, 0]
    );
}

#[test]
fn changes_lists_every_transition_in_the_window() {
    let env = fixture();
    let v = json(
        env,
        &["changes", "--since", "2023-01-01", "--as-of", "2024-07-15"],
    );
    assert_eq!(v["until"], "2024-07-15");
    let got: Vec<String> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}>{}",
                c["date"].as_str().unwrap(),
                c["code"].as_str().unwrap(),
                c["from"].as_str().unwrap(),
                c["to"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "2023-09-30 esm-5-01 planned>in-progress",
            "2023-09-30 esm-5-02 planned>delayed",
            "2023-09-30 esm-5-04 planned>dropped",
            "2023-12-31 esm-5-03 planned>in-progress",
            "2023-12-31 esm-5-03-1 planned>in-progress",
            "2024-03-31 esm-5-01 in-progress>completed",
            "2024-03-31 esm-5-03-1 in-progress>delayed",
            "2024-03-31 esm-6-01 planned>in-progress",
            "2024-06-30 esm-5-03-1 delayed>completed",
        ]
    );
    assert_eq!(v["changes"][0]["reported_by"], "기획재정부");
    assert_eq!(v["changes"][0]["note"], "TF 구성");
    // A narrower window, filtered by ministry.
    let v = json(
        env,
        &[
            "changes",
            "--since",
            "2024-01-01",
            "--until",
            "2024-03-31",
            "--ministry",
            "과기부",
        ],
    );
    let codes: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["esm-5-03-1", "esm-6-01"]);
}

#[test]
fn stale_groups_by_ministry_with_its_own_days() {
    let v = json(
        fixture(),
        &["stale", "--days", "200", "--as-of", "2024-07-15"],
    );
    assert_eq!(v["days"], 200);
    // Cut-off 2023-12-28: -02 (2023-09-30) and -03-2 (never; 2023-06-01).
    let groups: Vec<(String, Vec<String>)> = v["ministries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["code"].as_str().unwrap().to_string(),
                codes(&g["measures"], "code"),
            )
        })
        .collect();
    // Equal counts: by ministry code.
    assert_eq!(
        groups,
        [
            ("MOHW".to_string(), vec!["esm-5-02".to_string()]),
            ("MOTIE".to_string(), vec!["esm-5-03-2".to_string()]),
        ]
    );
    let motie = find(&v["ministries"], "MOTIE");
    assert_eq!(motie["measures"][0]["days_silent"], 410);
    assert!(motie["measures"][0]["last_reported_on"].is_null());
}

#[test]
fn report_and_list_agree_on_stale_and_overdue_today() {
    let env = fixture();
    let list_codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend(args);
        let v: Value = serde_json::from_str(&env.ok(&all)).unwrap();
        let mut c = codes(&v, "code");
        c.sort();
        c
    };
    let stale = json(env, &["stale", "--days", "200"]);
    let mut from_report: Vec<String> = stale["ministries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| codes(&g["measures"], "code"))
        .collect();
    from_report.sort();
    assert_eq!(from_report, list_codes(&["--stale", "200"]));
    assert!(!from_report.is_empty());
    let overdue = json(env, &["overdue"]);
    let mut from_report = codes(&overdue["measures"], "code");
    from_report.sort();
    assert_eq!(from_report, list_codes(&["--overdue"]));
    assert_eq!(from_report.len(), 4);
}

/// Each boundary on the day it falls (today, 2025-01-15): a measure due
/// today is not overdue yet, one due yesterday is; with 30 stale days, a
/// report or a meeting (never reported on since) exactly 30 days old is not
/// stale yet, one 31 days old is; the measures of a meeting held today are
/// in every report. `list` and the reports agree, and the reports give the
/// same from the current status columns as, once a report is dated after
/// the as-of date, from the history.
#[test]
fn overdue_and_stale_begin_the_day_after_their_boundary() {
    let env = Env::init();
    for (code, held) in [
        ("esm-7", "2024-11-01"),
        ("esm-8", "2024-12-15"),
        ("esm-9", "2024-12-16"),
        ("esm-10", "2025-01-15"),
        ("esm-11", "2025-01-20"),
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
    let measure = |meeting: &str, due: Option<&str>| {
        let mut args = vec![
            "add-measure",
            "--meeting",
            meeting,
            "--title",
            "과제",
            "--category",
            "other",
            "--ministry",
            "기재부",
        ];
        if let Some(d) = due {
            args.extend(["--due", d]);
        }
        env.ok(&args);
    };
    measure("esm-7", Some("2025-01-15")); // esm-7-01: due today
    measure("esm-7", Some("2025-01-14")); // esm-7-02: due yesterday
    measure("esm-7", None); // esm-7-03: reported 30 days ago
    measure("esm-7", None); // esm-7-04: reported 31 days ago
    measure("esm-8", None); // esm-8-01: its meeting 31 days ago
    measure("esm-9", None); // esm-9-01: its meeting 30 days ago
    measure("esm-10", Some("2025-01-10")); // esm-10-01: meeting today, due before it
    for (code, on) in [("esm-7-03", "2024-12-16"), ("esm-7-04", "2024-12-15")] {
        env.ok(&["update-status", code, "--status", "추진중", "--on", on]);
    }
    let sorted = |mut c: Vec<String>| {
        c.sort();
        c
    };
    let list = |flag: &str| -> Vec<String> {
        let mut args = vec!["list", "--format", "json"];
        args.extend(flag.split(' '));
        sorted(codes(
            &serde_json::from_str::<Value>(&env.ok(&args)).expect("list JSON"),
            "code",
        ))
    };
    let check = |path: &str| {
        let overdue = json(&env, &["overdue"]);
        assert_eq!(
            codes(&overdue["measures"], "code"),
            ["esm-10-01", "esm-7-02"],
            "{path}"
        );
        assert_eq!(overdue["measures"][1]["days_overdue"], 1, "{path}");
        let stale = json(&env, &["stale", "--days", "30"]);
        let stale = codes(&stale["ministries"][0]["measures"], "code");
        assert_eq!(
            sorted(stale),
            ["esm-7-01", "esm-7-02", "esm-7-04", "esm-8-01"],
            "{path}"
        );
        let summary = json(&env, &["summary", "--stale-days", "30"]);
        assert_eq!(
            figures(&summary["totals"]),
            (7, [5, 2, 0, 0, 0], 2, 4),
            "{path}"
        );
    };
    assert_eq!(list("--overdue"), ["esm-10-01", "esm-7-02"]);
    assert_eq!(
        list("--stale 30"),
        ["esm-7-01", "esm-7-02", "esm-7-04", "esm-8-01"]
    );
    check("from the current status");
    // A report after today, of a meeting held after today: the reports of
    // today now read the history, and nothing in them changes.
    measure("esm-11", None);
    env.ok(&[
        "update-status",
        "esm-11-01",
        "--status",
        "추진중",
        "--on",
        "2025-01-25",
    ]);
    check("from the history");
}

/// A window of one day holds the reports of that day: `--since` and
/// `--until` are both included.
#[test]
fn a_changes_window_includes_its_first_and_last_day() {
    let v = json(
        fixture(),
        &["changes", "--since", "2024-03-31", "--until", "2024-03-31"],
    );
    assert_eq!(
        codes(&v["changes"], "code"),
        ["esm-5-01", "esm-5-03-1", "esm-6-01"]
    );
}

#[test]
fn meeting_and_ministry_filters_narrow_every_figure() {
    let env = fixture();
    let v = json(env, &["--as-of", "2024-07-15", "--meeting", "esm-6"]);
    assert_eq!(codes(&v["meetings"], "code"), ["esm-6"]);
    assert_eq!(figures(&v["totals"]), (2, [1, 1, 0, 0, 0], 2, 1));
    let v = json(
        env,
        &[
            "--as-of",
            "2024-07-15",
            "--meeting",
            "esm-6",
            "--meeting",
            "esm-5",
        ],
    );
    assert_eq!(figures(&v["totals"]).0, 8);
    let v = json(
        env,
        &["--as-of", "2024-07-15", "--ministry", "과학기술정보통신부"],
    );
    assert_eq!(figures(&v["totals"]), (3, [0, 2, 1, 0, 0], 1, 1));
    assert_eq!(codes(&v["ministries"], "code"), ["MSIT"]);
    // A ministry's report leaves out the meetings with none of its measures.
    let v = json(
        env,
        &["--as-of", "2024-07-15", "--ministry", "중소벤처기업부"],
    );
    assert_eq!(codes(&v["meetings"], "code"), ["esm-6"]);
    assert_eq!(figures(&v["totals"]).0, 1);
}

#[test]
fn output_file_gets_the_report_and_stdout_nothing() {
    let env = fixture();
    let path = env.path("summary.html");
    let out = env.ok(&[
        "report",
        "--format",
        "html",
        "--as-of",
        "2024-07-15",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out, "");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        html.contains("인재 양성 | 교류 &lt;확대&gt;"),
        "escaped title"
    );
    assert!(!html.contains("<script"));
    for network in ["src=", "<link", "url(", "@import"] {
        assert!(!html.contains(network), "{network} in the page");
    }
}

// ---- snapshots: every report in every format, as of 2024-07-15 ----

fn snapshot_all(name: &str, args: &[&str]) {
    let env = fixture();
    for format in ["text", "markdown", "csv", "json", "html"] {
        let mut all = vec!["report", "--format", format, "--as-of", "2024-07-15"];
        all.extend(args);
        let out = env.ok(&all);
        insta::assert_snapshot!(format!("report_{name}_{format}"), out);
    }
}

/// Every report for people in Korean (`--lang ko`), and its JSON the same
/// as in English: keys, codes and status values never change.
fn snapshot_ko(name: &str, args: &[&str]) {
    let env = fixture();
    for format in ["text", "markdown", "csv", "html"] {
        let mut all = vec!["report", "--lang", "ko", "--format", format];
        all.extend(["--as-of", "2024-07-15"]);
        all.extend(args);
        let out = env.ok(&all);
        insta::assert_snapshot!(format!("report_{name}_{format}_ko"), out);
    }
    let json = |lang: &str| {
        let mut all = vec!["report", "--lang", lang, "--format", "json"];
        all.extend(["--as-of", "2024-07-15"]);
        all.extend(args);
        env.ok(&all)
    };
    assert_eq!(
        json("ko"),
        json("en"),
        "{name}: JSON does not depend on --lang"
    );
}

#[test]
fn snapshot_summary_ko() {
    snapshot_ko("summary", &["summary"]);
}

#[test]
fn snapshot_overdue_ko() {
    snapshot_ko("overdue", &["overdue"]);
}

#[test]
fn snapshot_stale_ko() {
    snapshot_ko("stale", &["stale"]);
}

#[test]
fn snapshot_changes_ko() {
    snapshot_ko("changes", &["changes", "--since", "2024-01-01"]);
}

#[test]
fn snapshot_timeline_ko() {
    snapshot_ko("timeline", &["timeline", "esm-5-03-1"]);
}

#[test]
fn snapshot_summary() {
    snapshot_all("summary", &["summary"]);
}

#[test]
fn snapshot_overdue() {
    snapshot_all("overdue", &["overdue"]);
}

#[test]
fn snapshot_stale() {
    snapshot_all("stale", &["stale"]);
}

#[test]
fn snapshot_changes() {
    snapshot_all("changes", &["changes", "--since", "2024-01-01"]);
}

#[test]
fn snapshot_timeline() {
    snapshot_all("timeline", &["timeline", "esm-5-03-1"]);
}

#[test]
fn a_timeline_says_when_a_measure_has_no_due_date() {
    let env = fixture();
    let report = |format: &str| {
        env.ok(&[
            "report",
            "--format",
            format,
            "--as-of",
            "2024-07-15",
            "timeline",
            "esm-5-03-2",
        ])
    };
    let text = report("text");
    assert!(text.contains("\n  due       (none)\n"), "{text}");
    let markdown = report("markdown");
    assert!(markdown.contains("\n- **due**: (none)\n"), "{markdown}");
    let html = report("html");
    assert!(html.contains("<dt>due</dt><dd>(none)</dd>"), "{html}");
    // The JSON keeps its null.
    let json = json(env, &["--as-of", "2024-07-15", "timeline", "esm-5-03-2"]);
    assert!(json["due_date"].is_null(), "{json}");
}

// ---- bad input: exit 1, one line, nothing written ----

fn fails_one_line(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend(args);
    env.fails_one_line(&all)
}

#[test]
fn bad_input_is_one_line_and_exit_1() {
    let env = Env::init().with_sample();
    let err = fails_one_line(&env, &["--meeting", "esm-55"]);
    assert!(
        err.contains("no meeting \"esm-55\" (did you mean esm-5?)"),
        "{err}"
    );
    let err = fails_one_line(&env, &["overdue", "--ministry", "과기정통"]);
    assert!(
        err.contains("과기정통") && err.contains("did you mean"),
        "{err}"
    );
    let err = fails_one_line(&env, &["--as-of", "2024-13-01"]);
    assert!(
        err.contains("--as-of") && err.contains("2024-13-01"),
        "{err}"
    );
    let err = fails_one_line(&env, &["timeline", "esm-5-09"]);
    assert!(
        err.contains("no measure \"esm-5-09\" (did you mean"),
        "{err}"
    );
    let err = fails_one_line(&env, &["timeline", "esm-5"]);
    assert!(
        err.contains("no measure \"esm-5\": that is a meeting's code"),
        "{err}"
    );
    // Day counts are values like any other: bad input, exit 1, one line.
    for (args, flag, value) in [
        (&["--stale-days", "-1"][..], "--stale-days", "-1"),
        (&["stale", "--days", "9x"][..], "--days", "9x"),
        (
            &["--stale-days", "4294967296"][..],
            "--stale-days",
            "4294967296",
        ),
    ] {
        let err = fails_one_line(&env, args);
        assert!(
            err.contains(flag)
                && err.contains(&format!("\"{value}\""))
                && err.contains("a whole number of days"),
            "{err}"
        );
    }
    // A count past the largest says what the largest is.
    for args in [
        &["--stale-days", "4294967296"][..],
        &["stale", "--days", "99999999999999999999"][..],
    ] {
        let err = fails_one_line(&env, args);
        assert!(err.contains("4294967295"), "{err}");
    }
    let err = env.fails_one_line(&["list", "--stale", "4294967296"]);
    assert!(err.contains("4294967295"), "{err}");
    let err = env.fails_one_line(&["list", "--stale", "ninety"]);
    assert!(
        err.contains("--stale") && err.contains("\"ninety\""),
        "{err}"
    );
    let err = fails_one_line(
        &env,
        &["changes", "--since", "2024-06-01", "--until", "2024-01-01"],
    );
    assert!(
        err.contains("--since 2024-06-01 is after --until 2024-01-01"),
        "{err}"
    );
    let err = fails_one_line(
        &env,
        &[
            "changes",
            "--since",
            "2024-01-01",
            "--until",
            "2024-12-31",
            "--as-of",
            "2024-06-01",
        ],
    );
    assert!(
        err.contains("--until 2024-12-31 is after --as-of 2024-06-01"),
        "{err}"
    );
    // An option a report does not take is a usage error (exit 2), after
    // its name (clap's) or before it.
    for (args, says) in [
        (
            &["report", "timeline", "esm-5-01", "--ministry", "국방부"][..],
            "--ministry",
        ),
        (
            &["report", "--ministry", "국방부", "timeline", "esm-5-01"],
            "does not take --meeting or --ministry",
        ),
        (
            &["report", "stale", "--days", "30", "--stale-days", "200"],
            "--stale-days",
        ),
        (
            &["report", "--stale-days", "200", "stale"],
            "its threshold is --days",
        ),
        (
            &[
                "report",
                "--as-of",
                "2024-01-01",
                "overdue",
                "--as-of",
                "2024-02-01",
            ],
            "given both before and after",
        ),
    ] {
        let out = env.cmd().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let err = fails_one_line(&env, &["changes", "--since", "yesterday"]);
    assert!(
        err.contains("error: --since: unrecognized date \"yesterday\": expected"),
        "{err}"
    );
    let err = fails_one_line(
        &env,
        &["changes", "--since", "2024-01-01", "--until", "2024-02-30"],
    );
    assert!(
        err.contains("error: --until: no such date \"2024-02-30\""),
        "{err}"
    );
    let err = fails_one_line(&env, &["timeline", "esm-5-01", "--as-of", "2023-01-01"]);
    assert!(err.contains("did not exist on 2023-01-01"), "{err}");
}

/// A stale threshold before the first day a date can have (0000-01-01)
/// finds nothing stale, on either backend (PostgreSQL's calendar starts in
/// 4713 BC, where such a day would be out of range); the day after it
/// still finds a measure silent since then.
#[test]
fn a_stale_threshold_before_the_first_date_finds_nothing() {
    let env = Env::init();
    env.ok(&[
        "add-meeting",
        "--code",
        "old-1",
        "--title",
        "오래된 회의",
        "--held-on",
        "0000-01-01",
    ]);
    env.ok(&[
        "add-measure",
        "--meeting",
        "old-1",
        "--title",
        "오래된 과제",
        "--category",
        "인프라",
        "--ministry",
        "기재부",
    ]);
    // Days from 0000-01-01 to the tests' today, 2025-01-15.
    let back = chrono::NaiveDate::from_ymd_opt(2025, 1, 15)
        .unwrap()
        .signed_duration_since(chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap())
        .num_days();
    let stale_codes = |days: &str| -> Vec<String> {
        let list: Value =
            serde_json::from_str(&env.ok(&["list", "--stale", days, "--format", "json"])).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(stale_codes(&(back - 1).to_string()), ["old-1-01"]);
    let report: Value = serde_json::from_str(&env.ok(&[
        "report",
        "stale",
        "--days",
        &(back - 1).to_string(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_ne!(report["ministries"], serde_json::json!([]));
    for days in [
        back.to_string(),
        (back + 1).to_string(),
        u32::MAX.to_string(),
    ] {
        assert!(stale_codes(&days).is_empty(), "{days}");
        let report: Value = serde_json::from_str(
            &env.ok(&["report", "stale", "--days", &days, "--format", "json"]),
        )
        .unwrap();
        assert_eq!(report["ministries"], serde_json::json!([]), "{days}");
        let summary: Value =
            serde_json::from_str(&env.ok(&["report", "--stale-days", &days, "--format", "json"]))
                .unwrap();
        assert_eq!(
            summary["stale_days"],
            days.parse::<u64>().unwrap(),
            "{days}"
        );
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let env = Env::init();
    let out = env
        .cmd()
        .args(["report", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xml"));
}

#[test]
fn a_meeting_named_but_held_later_is_absent_with_a_notice() {
    let env = fixture();
    let out = env
        .cmd()
        .args([
            "report",
            "--format",
            "json",
            "--meeting",
            "esm-6",
            "--as-of",
            "2024-01-15",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["meetings"].as_array().unwrap().len(), 0);
    assert_eq!(v["totals"]["total"], 0);
    assert!(v["totals"]["completion_rate"].is_null());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("esm-6 was held on 2024-02-01, after 2024-01-15"),
        "{err}"
    );
}

#[test]
fn excel_csv_is_the_csv_with_a_bom_crlf_and_formulas_defused() {
    let env = fixture();
    for args in [
        &["report", "--format", "csv", "--as-of", "2024-07-15"][..],
        &[
            "--lang",
            "ko",
            "report",
            "stale",
            "--format",
            "csv",
            "--as-of",
            "2024-07-15",
        ],
        &[
            "report",
            "changes",
            "--since",
            "2023-01-01",
            "--format",
            "csv",
            "--as-of",
            "2024-07-15",
        ],
    ] {
        let plain = env.ok(args);
        let excel = env.ok(&[args, &["--excel"]].concat());
        let mut expected = String::from("\u{feff}");
        for line in plain.lines() {
            // A cell that Excel would read as a formula gets a leading '.
            let cells: Vec<String> = line
                .split(',')
                .map(|c| match c.starts_with(['=', '+', '-', '@']) {
                    true => format!("'{c}"),
                    false => c.to_string(),
                })
                .collect();
            expected.push_str(&cells.join(","));
            expected.push_str("\r\n");
        }
        assert_eq!(excel, expected, "{args:?}");
        assert!(plain.lines().count() > 1, "{args:?}: {plain}");
    }
    // Not a CSV: a usage error naming the format.
    let out = env
        .cmd()
        .args(["report", "--format", "json", "--excel"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--excel is for --format csv, not json"),
        "{err}"
    );
}
