//! `export`: the exact bytes of each file, `--excel`, filters, `-o`, the
//! template, and the round trips through `import`.

mod common;

use common::Env;

/// Three meetings (dates not in code order) and their measures, with Korean
/// text, commas, quotes, line breaks and cells that look like formulas.
fn structure(env: &Env) {
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-5",
        "--title",
        "제5차 수출전략회의 (첨단산업, \"글로벌\" 클러스터)",
        "--held-on",
        "2023.6.1",
        "--location",
        "서울창업허브 M+",
        "--chair",
        "대통령",
        "--source",
        "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156570000",
    ]);
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-10",
        "--title",
        "제10차 수출전략회의",
        "--held-on",
        "2023-09-01",
    ]);
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-4",
        "--title",
        "제4차 수출전략회의",
        "--held-on",
        "2023-04-19",
        "--location",
        "=청와대",
    ]);
    let measures: [&[&str]; 8] = [
        &[
            "--code",
            "esm-5-01",
            "--title",
            "규제 개선, \"클러스터\" 패키지",
            "--category",
            "규제 개선",
            "--ministry",
            "기재부",
            "--due",
            "2024-06",
            "--description",
            "첫 줄\n둘째 줄, 쉼표",
        ],
        &[
            "--code",
            "esm-5-02",
            "--title",
            "=SUM(A1)",
            "--category",
            "compensation-system",
            "--ministry",
            "MOEF",
        ],
        &[
            "--code",
            "esm-5-03",
            "--title",
            "+82 국제협력",
            "--category",
            "international",
            "--ministry",
            "과기정통부",
        ],
        &[
            "--code",
            "esm-5-04",
            "--title",
            "디지털 바이오 인프라",
            "--category",
            "infrastructure",
            "--ministry",
            "과학기술정보통신부",
            "--due",
            "2024-H2",
        ],
        &[
            "--parent",
            "esm-5-04",
            "--title",
            "@x 인재 양성",
            "--category",
            "talent",
            "--ministry",
            "MSIT",
        ],
        &[
            "--parent",
            "esm-5-04",
            "--title=-1",
            "--category",
            "infrastructure",
            "--ministry",
            "과기정통부",
        ],
        &[
            "--code",
            "esm-5-05",
            "--title=-규제 데이터",
            "--category",
            "data-opening",
            "--ministry",
            "복지부",
        ],
        &[
            "--code",
            "esm-10-01",
            "--title",
            "투자 확대",
            "--category",
            "investment",
            "--ministry",
            "산업부",
        ],
    ];
    for m in measures {
        let meeting = if m.contains(&"esm-10-01") {
            "esm-10"
        } else {
            "esm-5"
        };
        let mut args = vec!["add-measure", "--meeting", meeting];
        args.extend_from_slice(m);
        env.ok(&args);
    }
}

/// Status reports, among them a late one (older date, recorded last) that
/// must not become current, and a progress of 0.
fn history(env: &Env) {
    let updates: [&[&str]; 7] = [
        &[
            "esm-5-01",
            "--status",
            "추진중",
            "--progress",
            "30%",
            "--on",
            "2023-12-29",
            "--by",
            "기재부",
            "--note",
            "관계부처 협의, \"1차\"\n회의 개최",
        ],
        &[
            "esm-5-01",
            "--status",
            "완료",
            "--progress",
            "100",
            "--on",
            "2024.6.30",
            "--by",
            "기재부",
            "--note",
            "이행 완료",
        ],
        &[
            "esm-5-02",
            "--status",
            "지연",
            "--on",
            "2024-03-31",
            "--by",
            "기재부",
            "--note",
            "@담당 확인 필요",
        ],
        &[
            "esm-5-02",
            "--status",
            "in-progress",
            "--progress",
            "10",
            "--on",
            "2023-12-29",
            "--by",
            "기재부",
            "--note",
            "늦게 온 옛 보고",
        ],
        &[
            "esm-5-04-1",
            "--status",
            "추진중",
            "--progress",
            "40",
            "--on",
            "2023-12-29",
            "--by",
            "과기정통부",
            "--note=-5%p 감소",
        ],
        &[
            "esm-5-05",
            "--status",
            "계획",
            "--progress",
            "0",
            "--on",
            "2024-02-01",
            "--by",
            "복지부",
        ],
        &[
            "esm-10-01",
            "--status",
            "중단",
            "--on",
            "2024-01-10",
            "--by",
            "산업부",
            "--note",
            "중단",
        ],
    ];
    for u in updates {
        let mut args = vec!["update-status"];
        args.extend_from_slice(u);
        env.ok(&args);
    }
}

fn sample() -> Env {
    let env = Env::init();
    structure(&env);
    history(&env);
    env
}

const MEETINGS: &str = "\
code,title,held_on,location,chair,source
esm-4,제4차 수출전략회의,2023-04-19,=청와대,,
esm-5,\"제5차 수출전략회의 (첨단산업, \"\"글로벌\"\" 클러스터)\",2023-06-01,서울창업허브 M+,대통령,https://www.korea.kr/briefing/pressReleaseView.do?newsId=156570000
esm-10,제10차 수출전략회의,2023-09-01,,,
";

const M5: &str = "esm-5,2023-06-01,\"제5차 수출전략회의 (첨단산업, \"\"글로벌\"\" 클러스터)\"";

fn measures_csv() -> String {
    format!(
        "\
meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,description,category,lead_ministry,due_date,status,progress,status_date,note,continues
{M5},esm-5-01,,\"규제 개선, \"\"클러스터\"\" 패키지\",\"첫 줄
둘째 줄, 쉼표\",regulation-easing,기획재정부,2024-06-30,completed,100,2024-06-30,이행 완료,
{M5},esm-5-02,,=SUM(A1),,compensation-system,기획재정부,,delayed,,2024-03-31,@담당 확인 필요,
{M5},esm-5-03,,+82 국제협력,,international,과학기술정보통신부,,planned,,,,
{M5},esm-5-04,,디지털 바이오 인프라,,infrastructure,과학기술정보통신부,2024-12-31,planned,,,,
{M5},esm-5-04-1,esm-5-04,@x 인재 양성,,talent,과학기술정보통신부,,in-progress,40,2023-12-29,-5%p 감소,
{M5},esm-5-04-2,esm-5-04,-1,,infrastructure,과학기술정보통신부,,planned,,,,
{M5},esm-5-05,,-규제 데이터,,data-opening,보건복지부,,planned,0,2024-02-01,,
esm-10,2023-09-01,제10차 수출전략회의,esm-10-01,,투자 확대,,investment,산업통상자원부,,dropped,,2024-01-10,중단,
"
    )
}

const UPDATES: &str = "\
measure_code,reported_on,status,progress,reported_by,note,evidence
esm-10-01,2024-01-10,dropped,,산업통상자원부,중단,
esm-5-01,2023-12-29,in-progress,30,기획재정부,\"관계부처 협의, \"\"1차\"\"
회의 개최\",
esm-5-01,2024-06-30,completed,100,기획재정부,이행 완료,
esm-5-02,2023-12-29,in-progress,10,기획재정부,늦게 온 옛 보고,
esm-5-02,2024-03-31,delayed,,기획재정부,@담당 확인 필요,
esm-5-04-1,2023-12-29,in-progress,40,과학기술정보통신부,-5%p 감소,
esm-5-05,2024-02-01,planned,0,보건복지부,,
";

#[test]
fn a_reader_that_stops_reading_ends_an_export_quietly() {
    let env = sample();
    for what in ["meetings", "measures", "updates"] {
        // The reading end is closed before the export writes its first byte
        // (opening the database takes far longer than closing a pipe).
        let mut child = env
            .std_cmd()
            .args(["export", what])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(
            out.status.code(),
            Some(0),
            "export {what} into a closed pipe: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "export {what}");
    }
}

#[test]
fn meetings_by_date_then_code_exactly() {
    let env = sample();
    assert_eq!(env.ok(&["export", "meetings"]), MEETINGS);
}

#[test]
fn measures_exactly_with_the_current_note() {
    let env = sample();
    // esm-5-02: the report of 2023-12-29 was recorded last but is older, so
    // the note is that of 2024-03-31, like the status.
    assert_eq!(env.ok(&["export", "measures"]), measures_csv());
}

#[test]
fn updates_by_measure_code_then_date_exactly() {
    let env = sample();
    assert_eq!(env.ok(&["export", "updates"]), UPDATES);
}

#[test]
fn an_empty_database_gives_the_header_only() {
    let env = Env::init();
    assert_eq!(
        env.ok(&["export", "meetings"]),
        "code,title,held_on,location,chair,source\n"
    );
    assert_eq!(
        env.ok(&["export", "updates"]),
        "measure_code,reported_on,status,progress,reported_by,note,evidence\n"
    );
    assert!(env
        .ok(&["export", "measures"])
        .starts_with("meeting_code,meeting_date,"));
}

/// Sets a note directly in the database: the CLI trims values, so a cell
/// that starts with a tab or CR can only come from elsewhere (an old
/// database, another tool).
fn set_note(env: &Env, code: &str, note: &str) {
    let n = env.execute_with(
        "UPDATE status_updates SET note = ? WHERE measure_id = \
         (SELECT id FROM measures WHERE code = ?) AND reported_on = \
         (SELECT status_date FROM measures WHERE code = ?)",
        &[note, code, code],
    );
    assert_eq!(n, 1);
}

#[test]
fn excel_has_bom_crlf_and_quotes_formula_cells_only() {
    let env = sample();
    set_note(&env, "esm-5-04-1", "\t탭으로 시작");
    set_note(&env, "esm-10-01", "\r캐리지 리턴");
    let out = env
        .cmd()
        .args(["export", "measures", "--excel"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let bytes = out.stdout;
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let want = format!(
        "\
meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,description,category,lead_ministry,due_date,status,progress,status_date,note,continues\r
{M5},esm-5-01,,\"규제 개선, \"\"클러스터\"\" 패키지\",\"첫 줄
둘째 줄, 쉼표\",regulation-easing,기획재정부,2024-06-30,completed,100,2024-06-30,이행 완료,\r
{M5},esm-5-02,,'=SUM(A1),,compensation-system,기획재정부,,delayed,,2024-03-31,'@담당 확인 필요,\r
{M5},esm-5-03,,'+82 국제협력,,international,과학기술정보통신부,,planned,,,,\r
{M5},esm-5-04,,디지털 바이오 인프라,,infrastructure,과학기술정보통신부,2024-12-31,planned,,,,\r
{M5},esm-5-04-1,esm-5-04,'@x 인재 양성,,talent,과학기술정보통신부,,in-progress,40,2023-12-29,'\t탭으로 시작,\r
{M5},esm-5-04-2,esm-5-04,'-1,,infrastructure,과학기술정보통신부,,planned,,,,\r
{M5},esm-5-05,,'-규제 데이터,,data-opening,보건복지부,,planned,0,2024-02-01,,\r
esm-10,2023-09-01,제10차 수출전략회의,esm-10-01,,투자 확대,,investment,산업통상자원부,,dropped,,2024-01-10,\"'\r캐리지 리턴\",\r
"
    );
    assert_eq!(text, want);
    // Every record ends in CRLF; the only bare LF is the one inside a cell.
    assert_eq!(text.matches("\r\n").count(), 9);
    assert_eq!(text.matches('\n').count(), 10);
    // Without --excel the same cells are as stored.
    let plain = env.ok(&["export", "measures"]);
    assert!(plain.contains(",=SUM(A1),") && plain.contains(",\t탭으로 시작,\n"));
    assert!(!plain.contains('\''));
}

#[test]
fn excel_meetings_and_updates_are_defused_too() {
    let env = sample();
    let out = env
        .cmd()
        .args(["export", "meetings", "--excel"])
        .output()
        .unwrap();
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(
        MEETINGS
            .replace("=청와대", "'=청와대")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    assert_eq!(out.stdout, want);

    let out = env
        .cmd()
        .args(["export", "updates", "--excel", "--meeting", "esm-5"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\r\nesm-5-02,2024-03-31,delayed,,기획재정부,'@담당 확인 필요,\r\n"));
    assert!(text
        .contains("\r\nesm-5-04-1,2023-12-29,in-progress,40,과학기술정보통신부,'-5%p 감소,\r\n"));
    assert!(!text.contains("esm-10"));
}

#[test]
fn filters_by_meeting_and_ministry() {
    let env = sample();
    let header = measures_csv().lines().next().unwrap().to_string();
    let codes = |args: &[&str], col: usize| -> Vec<String> {
        let out = env.ok(args);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        r.records()
            .map(|rec| rec.unwrap()[col].to_string())
            .collect()
    };
    assert_eq!(
        codes(&["export", "measures", "--meeting", "ESM-10"], 3),
        ["esm-10-01"]
    );
    assert_eq!(
        codes(&["export", "measures", "--ministry", "msit"], 3),
        ["esm-5-03", "esm-5-04", "esm-5-04-1", "esm-5-04-2"]
    );
    assert_eq!(
        codes(
            &[
                "export",
                "measures",
                "--ministry",
                "기재부",
                "--meeting",
                "esm-5"
            ],
            3
        ),
        ["esm-5-01", "esm-5-02"]
    );
    // A meeting with no measure of that ministry: the header only.
    assert_eq!(
        env.ok(&["export", "measures", "--meeting", "esm-4"]),
        format!("{header}\n")
    );
    assert_eq!(
        codes(&["export", "updates", "--ministry", "기획재정부"], 0),
        ["esm-5-01", "esm-5-01", "esm-5-02", "esm-5-02"]
    );
    assert_eq!(
        codes(&["export", "updates", "--meeting", "esm-10"], 0),
        ["esm-10-01"]
    );
    assert_eq!(
        codes(&["export", "meetings", "--ministry", "산업부"], 0),
        ["esm-10"]
    );
    assert_eq!(
        codes(&["export", "meetings", "--meeting", "esm-4"], 0),
        ["esm-4"]
    );
}

#[test]
fn bad_filters_fail_with_a_hint_and_write_nothing() {
    let env = sample();
    let before = env.dump();
    let err = env.fails(&["export", "measures", "--meeting", "esm-55"]);
    assert!(err.contains("no meeting \"esm-55\""), "{err}");
    assert!(err.contains("did you mean esm-5?"), "{err}");
    let err = env.fails(&["export", "updates", "--meeting", "esm 5!"]);
    assert!(err.contains("invalid meeting code"), "{err}");
    let err = env.fails(&["export", "meetings", "--ministry", "기제부"]);
    assert!(err.contains("unknown ministry \"기제부\""), "{err}");
    assert!(err.contains("did you mean 기획재정부?"), "{err}");
    let err = env.fails(&["export", "template", "--ministry", "없는부처"]);
    assert!(err.contains("unknown ministry"), "{err}");
    let err = env.fails(&["export", "template", "--ministry", " "]);
    assert!(
        err.contains("empty --ministry \" \": expected a non-empty --ministry"),
        "{err}"
    );
    // A format export does not print: a usage error (a value outside its list).
    let out = env
        .cmd()
        .args(["--format", "json", "export", "measures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("export cannot print --format \"json\": expected csv"),
        "{err}"
    );
    // -o with a bad filter: no file, no temporary file.
    env.fails(&["export", "measures", "--meeting", "nope", "-o", "out.csv"]);
    assert!(!env.path("out.csv").exists());
    assert_eq!(env.dump(), before);
    let only_db: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("test.db"))
        .collect();
    assert!(only_db.is_empty(), "{only_db:?}");
}

#[test]
fn template_needs_a_ministry() {
    let env = Env::init();
    let out = env.cmd().args(["export", "template"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ministry"));
}

#[test]
fn output_file_gets_the_same_bytes_and_stdout_stays_empty() {
    let env = sample();
    std::fs::write(env.path("measures.csv"), "old content").unwrap();
    let out = env
        .cmd()
        .args(["export", "measures", "-o", "measures.csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "wrote 8 measures to measures.csv\n"
    );
    let out = env
        .cmd()
        .args(["export", "meetings", "-o", "meetings.csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "wrote 3 meetings to meetings.csv\n"
    );
    let out = env
        .cmd()
        .args(["export", "meetings", "--meeting", "esm-5", "-o", "one.csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "wrote 1 meeting to one.csv\n"
    );
    assert_eq!(
        std::fs::read_to_string(env.path("measures.csv")).unwrap(),
        measures_csv()
    );
    // --quiet silences the notice; --output is the long form.
    let out = env
        .cmd()
        .args([
            "--quiet", "export", "updates", "--excel", "--output", "u.csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    assert!(std::fs::read(env.path("u.csv"))
        .unwrap()
        .starts_with(b"\xEF\xBB\xBFmeasure_code,"));
    // A folder that does not exist: exit 1, nothing created.
    let err = env.fails(&["export", "meetings", "-o", "no/such/dir/m.csv"]);
    assert!(err.contains("no/such/dir/m.csv"), "{err}");
    let err = env.fails(&["export", "meetings", "-o", "."]);
    assert!(err.contains("directory"), "{err}");
}

#[test]
fn template_lists_the_open_measures_of_one_ministry() {
    let env = sample();
    // 과기정통부: three planned and one in progress; reported_on and note empty.
    assert_eq!(
        env.ok(&["export", "template", "--ministry", "과기정통부"]),
        "\
measure_code,title,reported_on,status,progress,note
esm-5-03,+82 국제협력,,planned,,
esm-5-04,디지털 바이오 인프라,,planned,,
esm-5-04-1,@x 인재 양성,,in-progress,40,
esm-5-04-2,-1,,planned,,
"
    );
    // 기재부: esm-5-01 is completed, so only the delayed esm-5-02.
    assert_eq!(
        env.ok(&[
            "export",
            "template",
            "--ministry",
            "MOEF",
            "--korean-headers"
        ]),
        "과제코드,과제명,기준일,추진상황,진척률,비고\nesm-5-02,=SUM(A1),,지연,,\n",
        "Korean headers come with Korean status words (SPEC §14)"
    );
    // 산업부: its only measure was dropped.
    assert_eq!(
        env.ok(&["export", "template", "--ministry", "산업부"]),
        "measure_code,title,reported_on,status,progress,note\n"
    );
    // --meeting narrows; --excel as elsewhere.
    assert_eq!(
        env.ok(&[
            "export",
            "template",
            "--ministry",
            "복지부",
            "--meeting",
            "esm-10"
        ]),
        "measure_code,title,reported_on,status,progress,note\n"
    );
    let out = env
        .cmd()
        .args([
            "export",
            "template",
            "--ministry",
            "보건복지부",
            "--excel",
            "--korean-headers",
            "-o",
            "복지부.csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(env.path("복지부.csv")).unwrap(),
        "\u{feff}과제코드,과제명,기준일,추진상황,진척률,비고\r\nesm-5-05,'-규제 데이터,,계획,0,\r\n"
            .as_bytes()
    );
}

// ---------------------------------------------------------------------------
// Round trips through `import`. They need the import command.

/// Imports a file and asserts success.
fn import(env: &Env, file: &std::path::Path) {
    env.ok(&["import", file.to_str().unwrap()]);
}

#[test]
fn meetings_round_trip_into_an_empty_database() {
    let env = sample();
    let first = env.ok(&["export", "meetings"]);
    let file = env.write("meetings.csv", &first);
    let other = Env::init();
    import(&other, &file);
    assert_eq!(other.ok(&["export", "meetings"]), first);
}

#[test]
fn measures_round_trip_into_an_empty_database() {
    let env = sample();
    let first = env.ok(&["export", "measures"]);
    assert_eq!(first, measures_csv());
    let file = env.write("measures.csv", &first);
    let other = Env::init();
    import(&other, &file);
    assert_eq!(other.ok(&["export", "measures"]), first);
}

#[test]
fn sub_measures_come_after_their_parents_whatever_their_codes() {
    let env = Env::init();
    env.ok(&[
        "add-meeting",
        "--code",
        "m1",
        "--title",
        "T",
        "--held-on",
        "2024-01-10",
    ]);
    let add = |code: &str, parent: Option<&str>| {
        let mut args = vec![
            "add-measure",
            "--meeting",
            "m1",
            "--title",
            code,
            "--category",
            "other",
            "--ministry",
            "MOEF",
            "--code",
            code,
        ];
        args.extend(parent.iter().flat_map(|p| ["--parent", *p]));
        env.ok(&args);
    };
    // A sub-measure whose code sorts before its parent's, two deep.
    add("m1-c", None);
    add("m1-b", Some("m1-c"));
    add("m1-a", Some("m1-b"));
    add("m1-d", None);
    let first = env.ok(&["export", "measures"]);
    let codes: Vec<&str> = first
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap())
        .collect();
    assert_eq!(codes, ["m1-c", "m1-b", "m1-a", "m1-d"]);
    let file = env.write("measures.csv", &first);
    let other = Env::init();
    import(&other, &file);
    assert_eq!(other.ok(&["export", "measures"]), first);
    // Exported without its parent (another ministry's), a sub-measure
    // comes at the end of its meeting.
    env.ok(&[
        "add-measure",
        "--meeting",
        "m1",
        "--title",
        "e",
        "--category",
        "other",
        "--ministry",
        "복지부",
        "--code",
        "m1-0",
        "--parent",
        "m1-d",
    ]);
    let ministry = env.ok(&["export", "measures", "--ministry", "복지부"]);
    assert_eq!(ministry.lines().count(), 2, "{ministry}");
}

#[test]
fn updates_round_trip_into_a_database_with_the_same_measures() {
    let env = sample();
    let first = env.ok(&["export", "updates"]);
    assert_eq!(first, UPDATES);
    let file = env.write("updates.csv", &first);
    let other = Env::init();
    structure(&other);
    import(&other, &file);
    assert_eq!(other.ok(&["export", "updates"]), first);
    // The current status follows the history, late report included.
    assert_eq!(other.ok(&["export", "measures"]), measures_csv());
}

/// A spreadsheet keeps the `'` as part of the cell (LibreOffice 7.4: the
/// xlsx holds the text `'=SUM(A1)`, and saving it as CSV again writes it), so
/// import must drop one `'` before `=`, `+`, `-`, `@`, tab or CR to read
/// back what `--excel` wrote.
#[test]
fn excel_exports_read_back_as_the_same_data() {
    let env = sample();
    for kind in ["meetings", "measures"] {
        let out = env
            .cmd()
            .args(["export", kind, "--excel"])
            .output()
            .unwrap();
        let file = env.write(&format!("{kind}-excel.csv"), &out.stdout);
        let other = Env::init();
        import(&other, &file);
        assert_eq!(
            other.ok(&["export", kind]),
            env.ok(&["export", kind]),
            "{kind}: BOM, CRLF and the ' before formula-like cells are undone on import"
        );
    }
}

#[test]
fn a_file_to_write_in_a_missing_folder_is_named_with_the_folder() {
    let env = sample();
    let lost = env.path("no-such-folder");
    let bad = env.write("bad.csv", "code,title,held_on\nzz,t,2024-99-01\n");
    for (flag, args) in [
        ("-o", vec!["export", "measures", "-o"]),
        ("-o", vec!["report", "--format", "html", "-o"]),
        (
            "--rejects",
            vec![
                "import",
                bad.to_str().unwrap(),
                "--skip-invalid",
                "--rejects",
            ],
        ),
    ] {
        let file = lost.join("out.csv");
        let mut all = args.clone();
        all.push(file.to_str().unwrap());
        let err = env.fails(&all);
        assert_eq!(
            err.trim_end(),
            format!(
                "error: {flag} {}: the folder {} does not exist; create it first, or give a path in an existing folder",
                file.display(),
                lost.display()
            ),
            "{args:?}"
        );
    }
    assert!(!lost.exists());
}

/// `-o` or `--rejects` naming the database, or a file SQLite keeps beside it,
/// by any spelling: refused before anything is written, the database intact.
#[test]
fn a_file_to_write_that_is_the_database_is_refused() {
    if common::skip_on_postgres("the database is a file") {
        return;
    }
    let env = sample();
    let updates = env.write(
        "updates.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-02,nonsense\n",
    );
    let before = std::fs::read(&env.db).unwrap();
    let dump = env.dump();
    let db = env.db.to_str().unwrap().to_string();
    let wal = format!("{db}-wal");
    let wal_exists = std::path::Path::new(&wal).exists();
    // The database by its full path, by its bare name from its folder, and
    // through a `..`; its write-ahead log, which may not exist yet.
    for target in [db.as_str(), "test.db", "../test.db", wal.as_str()] {
        let target = if target == "../test.db" {
            let folder = env.dir.path().file_name().unwrap().to_str().unwrap();
            format!("../{folder}/test.db")
        } else {
            target.to_string()
        };
        for (flag, args) in [
            ("-o", vec!["export", "measures", "-o"]),
            (
                "-o",
                vec!["export", "template", "--ministry", "기재부", "-o"],
            ),
            ("-o", vec!["report", "--format", "html", "-o"]),
            (
                "--rejects",
                vec![
                    "import",
                    updates.to_str().unwrap(),
                    "--skip-invalid",
                    "--rejects",
                ],
            ),
        ] {
            let mut all = args.clone();
            all.push(&target);
            let err = env.fails(&all);
            assert!(
                err.starts_with(&format!("error: {flag} {target}: is ")),
                "{all:?}: {err}"
            );
            assert!(
                err.contains(&format!("the database {db}")),
                "{all:?}: {err}"
            );
        }
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(std::path::Path::new(&wal).exists(), wal_exists);
    assert_eq!(env.dump(), dump);
    // Another file in the same folder is written as usual.
    env.ok(&["export", "measures", "-o", "measures.csv"]);
    assert!(env.path("measures.csv").is_file());
}

/// A `'` before a tab, as a spreadsheet may write it: the value is stored
/// without the white space, as any value is, so that exporting it and
/// importing the export gives it back.
#[test]
fn a_quote_before_white_space_leaves_a_trimmed_value() {
    let env = Env::init();
    let file = env.write("m.csv", "code,title,held_on\nm2,\"'\t탭\",2024-01-01\n");
    import(&env, &file);
    let first = env.ok(&["export", "meetings"]);
    assert_eq!(
        first,
        "code,title,held_on,location,chair,source\nm2,탭,2024-01-01,,,\n"
    );
    let other = Env::init();
    import(&other, &env.write("e.csv", &first));
    assert_eq!(other.ok(&["export", "meetings"]), first);
}

/// Fills in a template as a ministry would: the date of the report, new
/// statuses (Korean or English) and progress, a note.
fn fill(template: &str, on: &str, status: &[(&str, &str, &str)]) -> String {
    let mut r = csv::Reader::from_reader(template.trim_start_matches('\u{feff}').as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(r.headers().unwrap()).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut cells: Vec<String> = rec.iter().map(String::from).collect();
        cells[2] = on.to_string();
        if let Some((_, st, p)) = status.iter().find(|(c, ..)| *c == cells[0]) {
            cells[3] = st.to_string();
            cells[4] = p.to_string();
            cells[5] = format!("{on} 보고, \"확인\"");
        }
        w.write_record(&cells).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn current(env: &Env, code: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["--format", "json", "show", code])).unwrap()
}

#[test]
fn a_filled_template_imports_as_an_updates_file() {
    let env = sample();
    // Korean headers, Korean statuses, Excel flavour.
    let out = env
        .cmd()
        .args([
            "export",
            "template",
            "--ministry",
            "과기정통부",
            "--korean-headers",
            "--excel",
        ])
        .output()
        .unwrap();
    let template = String::from_utf8(out.stdout).unwrap();
    let filled = fill(
        &template,
        "2024.6.30",
        &[("esm-5-03", "완료", "100%"), ("esm-5-04-1", "지연", "45")],
    );
    assert!(filled.starts_with("과제코드,과제명,기준일,"));
    import(&env, &env.write("msit-filled.csv", filled));
    let m = current(&env, "esm-5-03");
    assert_eq!(m["status"], "completed");
    assert_eq!(m["progress"], 100);
    assert_eq!(m["status_date"], "2024-06-30");
    assert_eq!(m["history"][0]["note"], "2024.6.30 보고, \"확인\"");
    let m = current(&env, "esm-5-04-1");
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["progress"], 45);
    assert_eq!(m["history"].as_array().unwrap().len(), 2);
    // Rows left as they were are recorded too, with the date filled in.
    let m = current(&env, "esm-5-04");
    assert_eq!(m["status"], "planned");
    assert_eq!(m["status_date"], "2024-06-30");
    // Titles are for reading only: not changed by the import.
    assert_eq!(m["title"], "디지털 바이오 인프라");

    // English headers, English statuses.
    let template = env.ok(&["export", "template", "--ministry", "복지부"]);
    let filled = fill(
        &template,
        "2024-09-30",
        &[("esm-5-05", "in-progress", "20")],
    );
    import(&env, &env.write("mohw-filled.csv", filled));
    let m = current(&env, "esm-5-05");
    assert_eq!(m["status"], "in-progress");
    assert_eq!(m["progress"], 20);
    assert_eq!(m["status_date"], "2024-09-30");
    // The next template starts from the new status.
    assert_eq!(
        env.ok(&["export", "template", "--ministry", "복지부"]),
        "measure_code,title,reported_on,status,progress,note\nesm-5-05,-규제 데이터,,in-progress,20,\n"
    );
}
