//! `policy-track import`: encodings, delimiters, Korean headers, messy values,
//! all-or-nothing files, --skip-invalid and its rejects file, idempotence,
//! dry runs, and never a panic on any bytes.

mod common;

use std::path::Path;

use common::{example, with_examples, Env};
use serde_json::Value;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
        .display()
        .to_string()
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn show(env: &Env, code: &str) -> Value {
    json(&env.ok(&["show", code, "--format", "json"]))
}

/// The summary line of a one-file import, without the path before the name.
fn summary(stdout: &str) -> String {
    let line = stdout.lines().next().unwrap_or_default();
    let name_start = line[..line.find(": ").unwrap_or(0)]
        .rfind('/')
        .map_or(0, |i| i + 1);
    line[name_start..].to_string()
}

#[test]
fn the_readme_command_loads_the_examples_and_a_second_run_changes_nothing() {
    let env = Env::new();
    let files = [
        example("esm-5-measures.csv"),
        example("esm-5-updates-2023q4.csv"),
        example("esm-5-updates-2024q2.csv"),
    ];
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let out = env.ok(&args);
    let lines: Vec<String> = out.lines().map(summary).collect();
    assert_eq!(
        lines,
        [
            "esm-5-measures.csv: measures, utf-8, comma: 15 rows: 15 inserted, 0 updated, 0 unchanged, 0 rejected",
            "esm-5-updates-2023q4.csv: updates, utf-8, comma: 14 rows: 14 inserted, 0 updated, 0 unchanged, 0 rejected",
            "esm-5-updates-2024q2.csv: updates, utf-8, comma: 13 rows: 13 inserted, 0 updated, 0 unchanged, 0 rejected",
        ]
    );
    let m = show(&env, "esm-5-02");
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["status_date"], "2024-06-28");
    assert_eq!(m["history"].as_array().unwrap().len(), 2);

    let before = env.dump();
    let out = env.ok(&args);
    let lines: Vec<String> = out.lines().map(summary).collect();
    assert_eq!(
        lines,
        [
            "esm-5-measures.csv: measures, utf-8, comma: 15 rows: 0 inserted, 0 updated, 15 unchanged, 0 rejected",
            "esm-5-updates-2023q4.csv: updates, utf-8, comma: 14 rows: 0 inserted, 0 updated, 14 unchanged, 0 rejected",
            "esm-5-updates-2024q2.csv: updates, utf-8, comma: 13 rows: 0 inserted, 0 updated, 13 unchanged, 0 rejected",
        ]
    );
    assert_eq!(env.dump(), before, "a second import wrote something");
}

/// The rows of the `imports` table in a dump.
fn imports_rows(dump: &str) -> Vec<&str> {
    dump.split("## imports\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no imports table in {dump}"))
        .lines()
        .take_while(|l| !l.starts_with("##"))
        .collect()
}

/// The SHA-256 in `imports` is of the file's bytes as they are on disk, for
/// a file read in many pieces (the hash is taken as the rows are read) and
/// in another encoding than UTF-8.
#[test]
fn the_recorded_hash_is_the_files_own_for_a_long_file() {
    use sha2::{Digest, Sha256};
    let env = Env::init();
    let text = many_measures(3000);
    let utf8 = env.write("m.csv", text.as_bytes());
    // Rows of another meeting in CP949 (Korean in every row).
    let other = text.replace("esm-9", "esm-8");
    let cp949 = env.write("m-cp949.csv", encoding_rs::EUC_KR.encode(&other).0);
    env.ok(&["import", utf8.to_str().unwrap()]);
    env.ok(&["import", cp949.to_str().unwrap()]);
    let dump = env.dump();
    let imports = imports_rows(&dump);
    assert_eq!(imports.len(), 2, "{dump}");
    for (row, path) in imports.iter().zip([&utf8, &cp949]) {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.len() > 64 * 1024, "not a long file");
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(row.contains(&format!("|'{sha}'|")), "{row}");
    }
}

#[test]
fn imports_rows_carry_provenance() {
    let env = with_examples();
    env.ok(&["import", &example("esm-5-updates-2023q4.csv")]);
    let dump = env.dump();
    let imports = imports_rows(&dump);
    assert_eq!(imports.len(), 2, "{dump}");
    assert!(
        imports[1].starts_with("2|'esm-5-updates-2023q4.csv'|'51a293dc2382354186f5124a93cf2c9c58620bf80408a8aa2dbe417afdf5e268'|'updates'|'utf-8'|14|0|0|0|"),
        "{}",
        imports[1]
    );
    // Every update of that file points at its import.
    let updates = dump.split("## status_updates\n").nth(1).unwrap();
    assert_eq!(updates.lines().filter(|l| l.contains("|2|'")).count(), 14);
}

/// The `imports` row of a run is written when the run first writes a report
/// that points at it, or at the end for a run that wrote only meetings or
/// measures; a run that writes nothing (also a dry run) leaves none.
#[test]
fn a_provenance_row_for_every_run_that_writes_and_none_for_others() {
    let env = Env::init();
    let meetings = env.write(
        "meetings.csv",
        "code,title,held_on\nq-1,Quarter one,2024-01-15\n",
    );
    // Measures without a report first, then one with a report: the row is
    // written in the middle of the file, and its report points at it.
    let measures = env.write(
        "measures.csv",
        "meeting_code,measure_code,title,category,lead_ministry,status,status_date\n\
         q-1,q-1-01,First,regulation-easing,기재부,,\n\
         q-1,q-1-02,Second,regulation-easing,기재부,,\n\
         q-1,q-1-03,Third,regulation-easing,기재부,delayed,2024-02-01\n",
    );
    let plain = env.write(
        "plain.csv",
        "meeting_code,measure_code,title,category\nq-1,q-1-04,Fourth,other\n",
    );
    // Only a correction of the report that measures.csv wrote.
    let correction = env.write(
        "correction.csv",
        "measure_code,reported_on,status\nq-1-03,2024-02-01,in-progress\n",
    );
    let all = [&meetings, &measures, &plain, &correction].map(|f| f.to_str().unwrap());
    env.ok(&[&["import", "--dry-run"][..], &all].concat());
    assert!(imports_rows(&env.dump()).is_empty(), "a dry run wrote one");
    // Each file twice: the second time all unchanged, and no row.
    for f in [&meetings, &meetings, &measures, &measures, &plain, &plain] {
        env.ok(&["import", f.to_str().unwrap()]);
    }
    let written = first_report(&env);
    for _ in 0..2 {
        env.ok(&["import", correction.to_str().unwrap()]);
    }
    // The rows' ids: in order, not from 1 (a PostgreSQL sequence keeps what
    // the dry run took).
    let dump = env.dump();
    let (ids, rows): (Vec<i64>, Vec<String>) = imports_rows(&dump)
        .iter()
        .map(|r| {
            // The file, the kind and the counts; not the hash or the time.
            let cells: Vec<&str> = r.split('|').collect();
            let id: i64 = cells[0].parse().expect("an id");
            (
                id,
                [cells[1], cells[3], cells[5], cells[6], cells[7]].join("|"),
            )
        })
        .unzip();
    assert_eq!(
        rows,
        [
            "'meetings.csv'|'meetings'|1|0|0",
            "'measures.csv'|'measures'|3|0|0",
            "'plain.csv'|'measures'|1|0|0",
            "'correction.csv'|'updates'|0|1|0",
        ],
        "{dump}"
    );
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    // The report of line 4 of measures.csv was written pointing at the row
    // of measures.csv, after two rows without a report; the correction
    // points at the row of correction.csv and its line 2.
    assert_eq!(written, ("'delayed'", ids[1].to_string(), "4".into()));
    assert_eq!(
        first_report(&env),
        ("'in-progress'", ids[3].to_string(), "2".into())
    );
}

/// The status, `import_id` and `import_line` of the first stored report.
fn first_report(env: &Env) -> (&'static str, String, String) {
    let dump = env.dump();
    let row = dump
        .split("## status_updates\n")
        .nth(1)
        .and_then(|r| r.lines().next())
        .unwrap_or_else(|| panic!("no report in {dump}"))
        .to_owned();
    // id|measure_id|status|progress|reported_on|reported_by_id|note|import_id|recorded_at|import_line
    let cells: Vec<&str> = row.split('|').collect();
    let status = ["'delayed'", "'in-progress'"]
        .into_iter()
        .find(|s| *s == cells[2])
        .unwrap_or_else(|| panic!("{row}"));
    (status, cells[7].to_owned(), cells[9].to_owned())
}

/// The encoding is told from the whole file, not from its start: a CP949
/// file whose first Korean comes after the first 64 KiB of ASCII is read as
/// CP949, to its last row.
#[test]
fn a_cp949_file_whose_korean_comes_late_is_read_as_cp949() {
    let env = Env::init().with_sample();
    let mut text = String::from("measure_code,reported_on,status,note\n");
    let filler = "x".repeat(200);
    for month in 1..=12 {
        for day in 1..=28 {
            text.push_str(&format!(
                "esm-5-01,2024-{month:02}-{day:02},in-progress,{filler}\n"
            ));
        }
    }
    assert!(text.len() > 64 * 1024, "the Korean must come late");
    text.push_str("esm-5-02,2024-12-30,추진중,예산 확보\n");
    let file = env.write("late.csv", encoding_rs::EUC_KR.encode(&text).0);
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        summary(&out),
        "late.csv: updates, cp949, comma: 337 rows: 337 inserted, 0 updated, 0 unchanged, 0 rejected"
    );
    let m = show(&env, "esm-5-02");
    assert_eq!(m["status"], "in-progress");
    assert_eq!(m["history"][0]["note"], "예산 확보");
}

#[test]
fn cp949_measures_with_korean_headers_and_messy_values() {
    let env = Env::init();
    let out = env.ok(&["import", &data("measures-cp949.csv")]);
    assert_eq!(
        summary(&out),
        "measures-cp949.csv: measures, cp949, comma: 3 rows: 3 inserted, 0 updated, 0 unchanged, 0 rejected"
    );
    let m = show(&env, "esm-6-01");
    assert_eq!(m["meeting"], "esm-6");
    assert_eq!(m["title"], "반도체 규제 개선");
    assert_eq!(m["description"], "첫 줄\r\n둘째 줄");
    assert_eq!(m["category"], "regulation-easing");
    assert_eq!(m["lead_ministry"], "과학기술정보통신부");
    assert_eq!(m["due_date"], "2024-12-31");
    assert_eq!(m["status"], "in-progress");
    assert_eq!(m["progress"], 40);
    assert_eq!(m["status_date"], "2023-12-29");
    assert_eq!(m["history"][0]["note"], "협의 진행");

    let m = show(&env, "esm-6-02");
    assert_eq!(m["due_date"], "2025-12-31");
    assert_eq!(m["description"], Value::Null);
    assert_eq!(m["status"], "planned");
    assert_eq!(m["history"].as_array().unwrap().len(), 0);

    let m = show(&env, "esm-6-02-1");
    assert_eq!(m["parent"], "esm-6-02");
    assert_eq!(m["lead_ministry"], "보건복지부");
    assert_eq!(m["status"], "completed");
    assert_eq!(m["status_date"], "2024-06-28");

    let meetings = json(&env.ok(&["meetings", "--format", "json"]));
    assert_eq!(meetings[0]["code"], "esm-6");
    assert_eq!(meetings[0]["held_on"], "2023-06-01");
    assert_eq!(meetings[0]["title"], "제6차 수출전략회의");

    let before = env.dump();
    let out = env.ok(&["import", &data("measures-cp949.csv")]);
    assert!(out.contains("0 inserted, 0 updated, 3 unchanged"), "{out}");
    assert_eq!(env.dump(), before);
}

/// Hangul syllables decomposed into jamo (Unicode NFD), as some macOS
/// programs save Korean text.
fn decomposed(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let n = c as u32;
            if !(0xAC00..0xAC00 + 11172).contains(&n) {
                return vec![c];
            }
            let i = n - 0xAC00;
            let mut out = vec![
                char::from_u32(0x1100 + i / (21 * 28)).unwrap(),
                char::from_u32(0x1161 + (i % (21 * 28)) / 28).unwrap(),
            ];
            if !i.is_multiple_of(28) {
                out.push(char::from_u32(0x11A7 + i % 28).unwrap());
            }
            out
        })
        .collect()
}

/// Korean written as jamo looks the same as composed Korean, and reads the
/// same: headers, statuses, categories, ministries and dates. Text values
/// are stored as written.
#[test]
fn decomposed_korean_reads_as_the_korean_it_looks_like() {
    let env = Env::init();
    let text = "회의코드,회의일,회의명,과제코드,과제명,분야,소관부처,기한,추진상황,진척률,기준일\n\
                esm-8,2024년 3월 4일,제8차 회의,esm-8-01,규제 개선,규제 개선,기재부,2024년 하반기,완료,100,2024년 6월 28일\n";
    let nfd = decomposed(text);
    assert_ne!(nfd, text);
    let file = env.write("nfd.csv", &nfd);
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        summary(&out),
        "nfd.csv: measures, utf-8, comma: 1 row: 1 inserted, 0 updated, 0 unchanged, 0 rejected"
    );
    let m = show(&env, "esm-8-01");
    assert_eq!(m["title"], decomposed("규제 개선"));
    assert_eq!(m["category"], "regulation-easing");
    assert_eq!(m["lead_ministry"], "기획재정부");
    assert_eq!(m["due_date"], "2024-12-31");
    assert_eq!(m["status"], "completed");
    assert_eq!(m["status_date"], "2024-06-28");
    env.ok(&[
        "update-status",
        "esm-8-01",
        "--status",
        &decomposed("지연"),
        "--on",
        &decomposed("2024년 7월 1일"),
        "--by",
        &decomposed("복지부"),
    ]);
    let m = show(&env, "esm-8-01");
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["status_date"], "2024-07-01");
    assert_eq!(m["history"][1]["reported_by"], "보건복지부");
}

#[test]
fn utf8_bom_with_semicolons_and_english_headers_in_any_case() {
    let env = Env::init();
    let out = env.ok(&["import", &data("measures-bom-semicolon.csv")]);
    assert_eq!(
        summary(&out),
        "measures-bom-semicolon.csv: measures, utf-8-bom, semicolon: 2 rows: 2 inserted, 0 updated, 0 unchanged, 0 rejected"
    );
    let m = show(&env, "esm-7-01");
    assert_eq!(m["meeting"], "esm-7");
    assert_eq!(m["lead_ministry"], "기획재정부");
    assert_eq!(m["due_date"], "2024-12-31");
    let m = show(&env, "esm-7-02");
    assert_eq!(m["category"], "talent");
    assert_eq!(m["due_date"], "2025-12-31");
}

#[test]
fn utf16_unicode_text_little_and_big_endian() {
    for (file, enc) in [
        ("updates-utf16le.txt", "utf-16le"),
        ("updates-utf16be.txt", "utf-16be"),
    ] {
        let env = with_examples();
        let out = env.ok(&["import", &data(file)]);
        assert_eq!(
            summary(&out),
            format!("{file}: updates, {enc}, tab: 2 rows: 2 inserted, 0 updated, 0 unchanged, 0 rejected")
        );
        let m = show(&env, "esm-5-01");
        assert_eq!(m["status"], "in-progress");
        assert_eq!(m["progress"], 30);
        assert_eq!(m["history"][0]["reported_by"], "기획재정부");
        assert_eq!(m["history"][0]["note"], "규제 발굴");
        let m = show(&env, "esm-5-03");
        assert_eq!(m["status_date"], "2023-12-29");
        assert_eq!(m["history"][0]["reported_by"], "과학기술정보통신부");
        assert_eq!(m["history"][0]["note"], Value::Null);
    }
}

#[test]
fn a_meetings_file_creates_and_updates_meetings() {
    let env = Env::init();
    let out = env.ok(&["import", &data("meetings.csv")]);
    assert!(
        out.contains("meetings, utf-8, comma: 2 rows: 2 inserted"),
        "{out}"
    );
    let m = json(&env.ok(&["meetings", "--format", "json"]));
    assert_eq!(m[0]["code"], "esm-8");
    assert_eq!(m[0]["held_on"], "2023-08-30");
    assert_eq!(m[0]["location"], "청와대 영빈관");
    assert_eq!(m[0]["chair"], "대통령");
    assert_eq!(m[0]["source"], "https://example.org/esm-8");
    assert_eq!(m[1]["held_on"], "2023-10-19");
    assert_eq!(m[1]["location"], Value::Null);

    let changed = env.write(
        "meetings2.csv",
        "code,title,held_on,location\nesm-8,제8차 수출전략회의,2023-08-30,부산\nesm-9,제9차 수출전략회의,2023-10-19,\n",
    );
    let out = env.ok(&["import", changed.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 1 updated, 1 unchanged"), "{out}");
    let m = json(&env.ok(&["meetings", "--format", "json"]));
    assert_eq!(m[0]["location"], "부산");
    // A column the file does not have keeps what is stored.
    assert_eq!(m[0]["chair"], "대통령");
}

#[test]
fn every_bad_row_is_listed_with_its_line_and_nothing_is_written() {
    let env = with_examples();
    let before = env.dump();
    let err = env.fails(&["import", &data("updates-bad.csv")]);
    let f = data("updates-bad.csv");
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{f}:3: status: 완려: unknown status")),
        "{err}"
    );
    assert!(lines[0].ends_with("(did you mean 완료?)"), "{err}");
    // Line 5 comes right after a note spanning lines 3 and 4.
    assert!(
        lines[1].starts_with(&format!("{f}:5: reported_on: 2023-13-01: no such date")),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!("{f}:6: measure_code: esm-5-99: no such measure")),
        "{err}"
    );
    assert!(
        lines[3].starts_with(&format!("{f}:7: progress: 140%: progress out of range")),
        "{err}"
    );
    assert!(
        lines[4].starts_with(&format!("{f}:7: reported_by: 국방부청: unknown ministry")),
        "{err}"
    );
    assert!(lines[4].ends_with("(did you mean 국방부?)"), "{err}");
    assert_eq!(
        lines[5],
        format!("error: {f}: 4 bad rows; nothing was written (fix them, or pass --skip-invalid --rejects FILE)")
    );
    assert_eq!(lines.len(), 6, "{err}");
    assert_eq!(env.dump(), before, "a refused file wrote something");
}

#[test]
fn a_file_without_a_progress_or_note_column_leaves_them_as_reported() {
    let env = with_examples();
    env.ok(&["import", &example("esm-5-updates-2023q4.csv")]);
    let before = show(&env, "esm-5-03")["history"].clone();
    let last = before.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["reported_on"], "2023-12-29");
    assert_eq!(last["progress"], 25);
    assert!(last["note"].as_str().is_some_and(|n| !n.is_empty()));
    // The same date and status, without the columns: nothing changes.
    let slim = env.write(
        "slim.csv",
        "measure_code,reported_on,status\nesm-5-03,2023-12-29,in-progress\n",
    );
    let out = env.ok(&["import", slim.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 0 updated, 1 unchanged"), "{out}");
    assert_eq!(show(&env, "esm-5-03")["history"], before);
    // A measures file without them, correcting the status of that date.
    let measures = env.write(
        "m.csv",
        "meeting_code,measure_code,title,category,status,status_date\n\
         esm-5,esm-5-03,국가전략기술 분야 공동연구,rnd-collaboration,delayed,2023-12-29\n",
    );
    env.ok(&["import", measures.to_str().unwrap()]);
    let now = show(&env, "esm-5-03");
    let last_now = now["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last_now["status"], "delayed");
    assert_eq!(last_now["progress"], 25);
    assert_eq!(last_now["note"], last["note"]);
    // An empty cell of a column the file has leaves the value too.
    let emptied = env.write(
        "e.csv",
        "measure_code,reported_on,status,progress\nesm-5-03,2023-12-29,delayed,\n",
    );
    let out = env.ok(&["import", emptied.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 0 updated, 1 unchanged"), "{out}");
    let last_now = show(&env, "esm-5-03")["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last_now["progress"], 25);
    assert_eq!(last_now["note"], last["note"]);
}

#[test]
fn a_parent_that_is_one_of_the_measures_own_sub_measures_is_a_row_error() {
    let env = Env::init();
    let f = env.write(
        "s.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,category\n\
         m1,2024-01-10,T,m1-01,,A,other\n\
         m1,,,m1-01-1,m1-01,A1,other\n\
         m1,,,m1-01-1-1,m1-01-1,A11,other\n",
    );
    env.ok(&["import", f.to_str().unwrap()]);
    let before = env.dump();
    // Two deep, and through a measure new in the same file.
    for (name, text, line, parent) in [
        ("c1.csv", "m1,m1-01,m1-01-1-1,A,other\n", 2, "m1-01-1-1"),
        (
            "c2.csv",
            "m1,m1-09,m1-01,N,other\nm1,m1-01,m1-09,A,other\n",
            3,
            "m1-09",
        ),
    ] {
        let g = env.write(
            name,
            format!("meeting_code,measure_code,parent_code,title,category\n{text}"),
        );
        let err = env.fails(&["import", g.to_str().unwrap()]);
        assert!(
            err.starts_with(&format!(
                "{}:{line}: parent_code: {parent}: is a sub-measure of m1-01 itself",
                g.display()
            )),
            "{err}"
        );
        assert!(err.contains("1 bad row; nothing was written"), "{err}");
        assert_eq!(env.dump(), before);
    }
    // The error names the column as the file spells it.
    let g = env.write(
        "c3.csv",
        "회의코드,과제코드,상위과제코드,과제명,분야\nm1,m1-01,m1-01-1,A,other\n",
    );
    let err = env.fails(&["import", g.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!(
            "{}:2: 상위과제코드: m1-01-1: is a sub-measure",
            g.display()
        )),
        "{err}"
    );
}

#[test]
fn a_rejects_file_imported_again_keeps_one_reason_column_with_the_new_reason() {
    let env = with_examples();
    let first = env.write(
        "u.csv",
        "measure_code,reported_on,status\n\
         esm-5-01,2024-01-10,완려\n\
         esm-5-02,2024-13-01,완료\n",
    );
    let rejects = env.path("r1.csv");
    // Every row refused: a failure, with the rejects written to fix.
    let err = env.fails(&[
        "import",
        first.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert!(err.contains("every row was refused"), "{err}");
    // The ministry fixes one row's status but not the other's date.
    let fixed = std::fs::read_to_string(&rejects)
        .unwrap()
        .replace("완려", "완료");
    let again = env.write("r1-fixed.csv", fixed);
    let rejects2 = env.path("r2.csv");
    env.ok(&[
        "import",
        again.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        rejects2.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&rejects2).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "measure_code,reported_on,status,reason", "{text}");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[1].starts_with("esm-5-02,2024-13-01,완료,\"reported_on: no such date"),
        "{text}"
    );
}

#[test]
fn a_quote_left_open_in_the_last_cell_refuses_the_file_instead_of_swallowing_its_rest() {
    let env = with_examples();
    let before = env.dump();
    // As a ministry's spreadsheet saves a 비고 cell whose closing quote was
    // deleted: in CP949, CRLF, the quote opened on line 2.
    let text = "과제코드,과제명,기준일,추진상황,진척률,비고\r\n\
                esm-5-01,불합리한 규제 해소,2024-06-28,추진중,50,\"1차 개선안 마련\r\n\
                esm-5-02,공정한 보상체계 구축,2024-06-28,지연,15,이해관계자 협의\r\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(text);
    let f = env.write("open-quote.csv", &bytes);
    for extra in [&[][..], &["--skip-invalid", "--rejects", "r.csv"][..]] {
        let mut args = vec!["import", f.to_str().unwrap(), "--ministry", "기재부"];
        args.extend_from_slice(extra);
        let err = env.fails(&args);
        assert!(
            err.starts_with(&format!(
                "error: {}:2: a quoted cell opened on this line is never closed",
                f.display()
            )),
            "{err}"
        );
        assert_eq!(env.dump(), before, "a broken file wrote something");
    }
}

#[test]
fn skip_invalid_writes_good_rows_and_rejects_in_the_input_encoding() {
    let env = with_examples();
    let rejects = env.path("rejects.csv");
    let out = env.ok(&[
        "import",
        &data("updates-bad-cp949.csv"),
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert_eq!(
        summary(&out),
        "updates-bad-cp949.csv: updates, cp949, semicolon: 3 rows: 2 inserted, 0 updated, 0 unchanged, 1 rejected"
    );
    let bytes = std::fs::read(&rejects).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "rejects should be CP949, not UTF-8"
    );
    let (text, _, bad) = encoding_rs::EUC_KR.decode(&bytes);
    assert!(!bad);
    assert_eq!(
        text,
        "과제코드;기준일;추진상황;진척률;비고;reason\r\n\
         esm-5-02;2023-12-29;보류;10;\"검토; 보류\";추진상황: unknown status: expected planned, in-progress, completed, delayed, dropped (or a Korean alias such as 추진중, 완료)\r\n"
    );
    assert_eq!(show(&env, "esm-5-01")["status"], "in-progress");
    assert_eq!(show(&env, "esm-5-03")["status"], "completed");
    assert_eq!(show(&env, "esm-5-02")["status"], "planned");
    assert!(env.dump().contains("'updates'|'cp949'|2|0|0|1|"));
    assert_eq!(
        leftovers(&env, "rejects.csv"),
        Vec::<String>::new(),
        "a temporary rejects file was left behind"
    );
    // The rejects file must not be the file read: it would replace it.
    let input = env.write(
        "again.csv",
        std::fs::read(data("updates-bad-cp949.csv")).unwrap(),
    );
    let before = (env.dump(), std::fs::read(&input).unwrap());
    let err = env.fails(&[
        "import",
        input.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        env.dir.path().join(".").join("again.csv").to_str().unwrap(),
    ]);
    assert!(err.contains("is the input file"), "{err}");
    assert_eq!((env.dump(), std::fs::read(&input).unwrap()), before);
}

/// A rejects file, corrected and sent back, imports without a warning
/// about its own `reason` column; a file whose every row is refused under
/// --skip-invalid is a failure (exit 1) that writes nothing but the rejects.
#[test]
fn a_corrected_rejects_file_imports_quietly_and_all_refused_is_a_failure() {
    let env = with_examples();
    let file = env.write(
        "mixed.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-01,completed\nesm-5-02,2024-01-01,bogus\n",
    );
    let rejects = env.path("r.csv");
    env.ok(&[
        "import",
        file.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    let sent_back = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        sent_back.starts_with("measure_code,reported_on,status,reason\n"),
        "{sent_back}"
    );
    let fixed = env.write("fixed.csv", sent_back.replace(",bogus,", ",delayed,"));
    let out = env
        .cmd()
        .args(["import", fixed.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("unknown column"), "{stderr}");
    assert_eq!(show(&env, "esm-5-02")["status"], "delayed");
    // Another unknown column is still named.
    let other = env.write(
        "other.csv",
        "measure_code,reported_on,status,remark\nesm-5-02,2024-01-01,delayed,x\n",
    );
    let out = env
        .cmd()
        .args(["import", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown column remark"));

    let bad = env.write(
        "bad.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-01,bogus\nesm-5-03,2024-01-01,nope\n",
    );
    let before = env.dump();
    let err = env.fails(&[
        "import",
        bad.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        env.path("r2.csv").to_str().unwrap(),
    ]);
    assert!(err.contains("every row was refused (2 of 2)"), "{err}");
    assert_eq!(env.dump(), before);
    assert!(env.path("r2.csv").is_file(), "the rejects are there to fix");
}

/// The files in the test folder that start like a temporary file of `name`.
fn leftovers(env: &Env, name: &str) -> Vec<String> {
    std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}")) || n.starts_with(&format!("{name}.")))
        .collect()
}

#[test]
fn rejects_naming_a_folder_is_refused_before_any_row_is_written() {
    let env = with_examples();
    std::fs::create_dir_all(env.path("rejdir")).unwrap();
    let file = env.write(
        "mixed.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-01,completed\nesm-5-02,2024-01-01,bogus\n",
    );
    let err = env.fails_one_line(&[
        "import",
        file.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        env.path("rejdir").to_str().unwrap(),
    ]);
    assert!(
        err.contains("--rejects") && err.contains("is a directory"),
        "{err}"
    );
    assert_eq!(leftovers(&env, "rejdir"), Vec::<String>::new());
    assert_eq!(show(&env, "esm-5-01")["status"], "planned");
}

#[test]
fn a_file_of_many_bad_rows_lists_the_first_thousand_and_counts_the_rest() {
    let env = with_examples();
    let mut text = String::from("measure_code,reported_on,status\n");
    for i in 0..1005 {
        text.push_str(&format!("esm-5-01,2024-01-01,bogus{i}\n"));
    }
    let file = env.write("bad.csv", text);
    let before = env.dump();
    let err = env.fails(&["import", file.to_str().unwrap()]);
    let rows: Vec<&str> = err.lines().filter(|l| l.contains("bad.csv:")).collect();
    // 1,000 rows listed (lines 2 to 1001), then the count of the rest,
    // then the error that counts them all.
    assert_eq!(
        rows.len(),
        1001,
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    assert!(rows[999].contains("bad.csv:1001:"), "{}", rows[999]);
    assert!(
        err.contains("… and 5 more bad rows (--skip-invalid --rejects FILE writes every bad row with its reason)"),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    assert!(
        err.lines()
            .last()
            .unwrap()
            .ends_with("bad.csv: 1005 bad rows; nothing was written (fix them, or pass --skip-invalid --rejects FILE)"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn an_updates_row_naming_a_meeting_says_it_is_a_meetings_code() {
    let env = with_examples();
    let file = env.write(
        "u.csv",
        "measure_code,reported_on,status\nesm-5,2024-01-01,completed\n",
    );
    let err = env.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("u.csv:2: measure_code: esm-5: is a meeting's code: a report names one of its measures (`policy-track list --meeting esm-5`)"),
        "{err}"
    );
    assert!(!err.contains("import its measures file first"), "{err}");
}

#[test]
fn a_rejects_name_made_for_one_of_several_inputs_is_named_as_made() {
    let env = with_examples();
    let rows = "measure_code,reported_on,status\nesm-5-01,2024-01-01,bogus\n";
    let b2 = env.write("b2.csv", rows);
    let rr_b2 = env.write("rr-b2.csv", rows);
    let before = env.dump();
    let err = env.fails_one_line(&[
        "import",
        "b2.csv",
        "rr-b2.csv",
        "--skip-invalid",
        "--rejects",
        "rr.csv",
    ]);
    assert_eq!(
        err.trim_end(),
        "error: --rejects rr.csv (for b2.csv: rr-b2.csv): is the input file rr-b2.csv, which the refused rows would replace; give another file for them"
    );
    assert_eq!(env.dump(), before);
    assert_eq!(std::fs::read_to_string(&rr_b2).unwrap(), rows);
    assert!(b2.exists());
}

#[test]
fn two_inputs_of_one_name_are_refused_before_their_rejects_files_collide() {
    let env = with_examples();
    let bad = "measure_code,reported_on,status\nesm-5-01,2024-01-01,bogus\n";
    let good = "measure_code,reported_on,status\nesm-5-01,2024-02-01,planned\n";
    std::fs::create_dir_all(env.path("q1")).unwrap();
    std::fs::create_dir_all(env.path("q2")).unwrap();
    let first = env.write("q1/updates.csv", bad);
    let second = env.write("q2/updates.csv", good);
    let rejects = env.path("bad.csv");
    let before = env.dump();
    // Both would write bad-updates.csv: the second's (empty) would replace
    // the first's refused row.
    let err = env.fails(&[
        "import",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert!(
        err.contains("would both send their refused rows to"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    assert!(!env.path("bad-updates.csv").exists());
}

#[test]
fn dry_run_writes_nothing_and_says_exactly_what_would_happen() {
    let env = Env::init();
    let before = env.dump();
    let out = env.ok(&["import", "--dry-run", &example("esm-5-measures.csv")]);
    assert_eq!(
        summary(&out),
        "esm-5-measures.csv: measures, utf-8, comma: 15 rows: 15 inserted, 0 updated, 0 unchanged, 0 rejected (dry run: nothing written)"
    );
    assert_eq!(env.dump(), before);
    let out = env.ok(&[
        "--format",
        "json",
        "import",
        "--dry-run",
        &data("measures-cp949.csv"),
    ]);
    let v = json(&out);
    assert_eq!(v[0]["dry_run"], true);
    assert_eq!(v[0]["inserted"], 3);
    assert_eq!(env.dump(), before);
    // Several files: each is checked against the files before it, as the
    // real run would write them (updates of measures new in the first file),
    // and nothing of any stays.
    let out = env.ok(&[
        "import",
        "--dry-run",
        &example("esm-5-measures.csv"),
        &example("esm-5-updates-2023q4.csv"),
        &example("esm-5-updates-2024q2.csv"),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].contains("14 rows: 14 inserted"), "{out}");
    assert!(lines[2].contains("13 rows: 13 inserted"), "{out}");
    assert!(lines
        .iter()
        .all(|l| l.ends_with("(dry run: nothing written)")));
    assert_eq!(env.dump(), before);
    // A failing file stops the dry run there, as it stops the real one.
    let bad = env.write(
        "bad.csv",
        "measure_code,reported_on,status\nesm-5-99,2024-01-01,planned\n",
    );
    let out = env
        .cmd()
        .args([
            "import",
            "--dry-run",
            &example("esm-5-measures.csv"),
            bad.to_str().unwrap(),
            &example("esm-5-updates-2023q4.csv"),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(err.contains("bad.csv:2: measure_code: esm-5-99"), "{err}");
    assert!(
        err.contains("not imported (an earlier file failed)"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn json_output_has_one_object_per_file() {
    let env = Env::init();
    let out = env.ok(&[
        "--format",
        "json",
        "import",
        &example("esm-5-measures.csv"),
        &example("esm-5-updates-2023q4.csv"),
    ]);
    let v = json(&out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    let first = v[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    for k in [
        "file",
        "kind",
        "encoding",
        "delimiter",
        "rows",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "dry_run",
    ] {
        assert!(keys.contains(&k), "{k} missing: {out}");
    }
    assert_eq!(v[1]["kind"], "updates");
    assert_eq!(v[1]["inserted"], 14);
    assert_eq!(v[1]["dry_run"], false);
}

#[test]
fn an_older_report_arriving_later_leaves_the_current_status() {
    let env = with_examples();
    env.ok(&["import", &example("esm-5-updates-2024q2.csv")]);
    let out = env.ok(&["import", &example("esm-5-updates-2023q4.csv")]);
    assert!(out.contains("14 inserted"), "{out}");
    let m = show(&env, "esm-5-01");
    assert_eq!(m["status_date"], "2024-06-28");
    assert_eq!(m["progress"], 55);
    assert_eq!(m["history"].as_array().unwrap().len(), 2);
    assert_eq!(m["history"][0]["reported_on"], "2023-12-29");
}

#[test]
fn a_corrected_report_for_the_same_date_replaces_the_old_one() {
    let env = with_examples();
    let first = env.write(
        "a.csv",
        "measure_code,reported_on,status,progress\nesm-5-01,2023-12-29,추진중,30\n",
    );
    let fixed = env.write(
        "b.csv",
        "measure_code,reported_on,status,progress\nesm-5-01,2023.12.29,지연,25\n",
    );
    env.ok(&["import", first.to_str().unwrap()]);
    let out = env.ok(&["import", fixed.to_str().unwrap()]);
    assert!(
        out.contains("1 rows: 0 inserted, 1 updated, 0 unchanged")
            || out.contains("1 row: 0 inserted, 1 updated, 0 unchanged"),
        "{out}"
    );
    let m = show(&env, "esm-5-01");
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["progress"], 25);
    assert_eq!(m["history"].as_array().unwrap().len(), 1);
}

#[test]
fn the_export_template_imports_as_updates() {
    let env = with_examples();
    let out = env.ok(&["import", &data("template.csv")]);
    assert_eq!(
        summary(&out),
        "template.csv: updates, utf-8, comma: 2 rows: 1 inserted, 0 updated, 1 unchanged, 0 rejected"
    );
    assert_eq!(show(&env, "esm-5-05")["status"], "delayed");
    assert_eq!(show(&env, "esm-5-06")["status"], "planned");
}

#[test]
fn a_template_row_left_undated_says_how_to_send_it() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "추진중",
        "--progress",
        "30",
        "--on",
        "2023-12-29",
    ]);
    let template = env.ok(&[
        "export",
        "template",
        "--ministry",
        "기재부",
        "--korean-headers",
    ]);
    assert!(
        template.contains("esm-5-01,규제 개선,,추진중,30,"),
        "{template}"
    );
    // The ministry sends the template back as it was: the row keeps the
    // current status and has no date.
    let f = env.write("기재부.csv", &template);
    let before = env.dump();
    let err = env.fails(&["import", f.to_str().unwrap(), "--ministry", "기재부"]);
    assert!(
        err.contains(
            "기재부.csv:2: 기준일: : a status needs the date it speaks of: expected 기준일"
        ) && err.contains("nothing new: date its row all the same, or delete the row"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    // A measures file has its own way out (leave the status empty): no such advice.
    let g = env.write(
        "m.csv",
        "meeting_code,measure_code,title,category,status,status_date\nesm-5,esm-5-01,규제 개선,기타,추진중,\n",
    );
    let err = env.fails(&["import", g.to_str().unwrap()]);
    assert!(
        err.contains("a status needs the date") && !err.contains("nothing new"),
        "{err}"
    );
}

#[test]
fn ministry_fills_the_reporter_where_a_row_has_none() {
    let env = with_examples();
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status,reported_by\nesm-5-05,2024-01-31,추진중,\nesm-5-01,2024-01-31,추진중,MOEF\n",
    );
    env.ok(&["import", f.to_str().unwrap(), "--ministry", "복지부"]);
    assert_eq!(
        show(&env, "esm-5-05")["history"][0]["reported_by"],
        "보건복지부"
    );
    assert_eq!(
        show(&env, "esm-5-01")["history"][0]["reported_by"],
        "기획재정부"
    );
    let err = env.fails(&["import", f.to_str().unwrap(), "--ministry", "복지푸"]);
    assert!(
        err.contains("unknown ministry") && err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn a_status_without_a_date_is_a_row_error_unless_planned_and_new() {
    let env = Env::init();
    let before = env.dump();
    let f = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,status,status_date\n\
         esm-9,2023-10-19,제9차,esm-9-01,가,기타,planned,\n\
         esm-9,,,esm-9-02,나,기타,추진중,\n",
    );
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("m.csv:3: status_date: : a status needs the date"),
        "{err}"
    );
    assert!(!err.contains("m.csv:2:"), "{err}");
    assert_eq!(env.dump(), before);
    // Without a date column the error names the column a measures file
    // would have.
    let g = env.write(
        "n.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,status\n\
         esm-9,2023-10-19,제9차,esm-9-01,가,기타,지연\n",
    );
    let err = env.fails(&["import", g.to_str().unwrap()]);
    assert!(
        err.contains(
            "n.csv:2: status_date: : a status needs the date it speaks of: expected status_date"
        ),
        "{err}"
    );
}

#[test]
fn rows_are_checked_against_each_other() {
    let env = Env::init();
    let f = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,category\n\
         esm-9,2023-10-19,제9차,esm-9-01,esm-9-02,가,기타\n\
         esm-9,2023-10-20,,esm-9-02,,나,기타\n\
         esm-9,,,esm-9-02,,다,기타\n\
         esm-10,,,esm-10-01,,라,기타\n\
         esm-9,,,esm-9-03,esm-9-03,마,없는분야\n",
    );
    let err = env.fails(&["import", f.to_str().unwrap()]);
    for want in [
        "m.csv:2: parent_code: esm-9-02: no such measure in the database or on an earlier line",
        "m.csv:3: meeting_date: 2023-10-20: meeting esm-9 is dated 2023-10-19 on line 2",
        "m.csv:4: measure_code: esm-9-02: duplicate measure code",
        "m.csv:5: meeting_title: : meeting esm-10 is new",
        "m.csv:5: meeting_date: : meeting esm-10 is new",
        "m.csv:6: category: 없는분야: unknown category",
        "m.csv:6: parent_code: esm-9-03: a measure cannot be its own parent",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn headers_missing_unknown_or_unclear_are_explained() {
    let env = Env::init();
    let f = env.write("u.csv", "measure_code,status,비고,extra\nesm-5-01,완료,,\n");
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("missing required column reported_on for an updates file; headers found: measure_code, status, 비고, extra"),
        "{err}"
    );
    let f = env.write("x.csv", "foo,bar\n1,2\n");
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("cannot tell what the file holds") && err.contains("--kind"),
        "{err}"
    );

    let env = with_examples();
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status,담당자\nesm-5-01,2024-01-02,완료,홍길동\n",
    );
    let out = env
        .cmd()
        .args(["import", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("ignoring unknown column 담당자"),
        "{stderr}"
    );
}

#[test]
fn undecodable_bytes_name_line_and_offset_and_write_nothing() {
    let env = with_examples();
    let before = env.dump();
    let f = data("invalid-utf8.csv");
    let err = env.fails(&["import", "--encoding", "utf-8", &f]);
    assert!(
        err.contains(&format!(
            "{f}:3: byte offset 79: invalid utf-8 byte sequence (0xFF)"
        )),
        "{err}"
    );
    // A UTF-16 file cut one byte short: the byte is named by its offset.
    let mut cut = vec![0xFF, 0xFE];
    for u in "measure_code,reported_on,status\nesm-5-01,2024-07-01,완료\n".encode_utf16() {
        cut.extend(u.to_le_bytes());
    }
    cut.push(b'A');
    let g = env.write("cut.csv", &cut);
    let err = env.fails(&["import", g.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "{}:3: byte offset {}: invalid utf-16le byte sequence (the file ends inside a character)",
            g.display(),
            cut.len() - 1
        )),
        "{err}"
    );
    let err = env.fails(&["import", &f]);
    assert!(
        err.contains("cannot tell the encoding") && err.contains("--encoding"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    assert!(!env.dump().contains('\u{fffd}'));
}

#[test]
fn undecodable_bytes_chunks_into_a_long_file_stop_it_there() {
    // The file is read a chunk ahead of the writes: an error far down comes
    // after the rows before it were written, and undoes them.
    let env = Env::init();
    let mut m = many_measures(2600).into_bytes();
    let line_2300 = m
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2298)
        .map(|(i, _)| i + 1)
        .unwrap();
    m.insert(line_2300 + 5, 0xFF);
    let f = env.write("m.csv", m);
    let before = env.dump();
    let err = env.fails(&["import", "--encoding", "utf-8", f.to_str().unwrap()]);
    assert!(
        err.contains("m.csv:2300: byte offset") && err.contains("0xFF"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn forced_encoding_and_delimiter_and_kind() {
    let env = with_examples();
    // A tab-separated CP949 file read as told.
    let text = "과제코드\t기준일\t추진상황\nesm-5-01\t2024-01-05\t완료\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(text);
    let f = env.write("t.tsv", &bytes);
    let out = env.ok(&[
        "import",
        "--encoding",
        "euc-kr",
        "--delimiter",
        "tab",
        "--kind",
        "updates",
        f.to_str().unwrap(),
    ]);
    assert!(
        out.contains("updates, cp949, tab: 1 row: 1 inserted"),
        "{out}"
    );
    let err = usage_error(
        &env,
        &["import", "--encoding", "latin9", f.to_str().unwrap()],
    );
    assert!(
        err.contains("invalid value 'latin9' for '--encoding <ENCODING>'")
            && err.contains("[possible values: auto, utf-8, cp949, euc-kr, utf-16,"),
        "{err}"
    );
}

/// Runs a command line that must be refused as malformed (exit 2) before
/// anything is read or written; returns stderr.
fn usage_error(env: &Env, args: &[&str]) -> String {
    let before = env.dump();
    let out = env.cmd().args(args).output().expect("run");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(env.dump(), before, "{args:?}");
    stderr
}

#[test]
fn encodings_and_delimiters_outside_the_list_are_usage_errors() {
    let env = with_examples();
    let f = env.write(
        "u.csv",
        "measure_code;reported_on;status\nesm-5-01;2024-01-05;완료\n",
    );
    let f = f.to_str().unwrap();
    for (option, value, listed) in [
        (
            "--encoding",
            "latin1",
            "auto, utf-8, cp949, euc-kr, utf-16, utf-16le, utf-16be",
        ),
        ("--encoding", "", "auto, utf-8, cp949"),
        ("--delimiter", "|", "auto, comma, semicolon, tab"),
        ("--delimiter", "", "auto, comma, semicolon, tab"),
    ] {
        let err = usage_error(&env, &["import", option, value, f]);
        assert!(
            err.contains(&format!("[possible values: {listed}")),
            "{option} {value:?}: {err}"
        );
    }
    // Every spelling read before is still read.
    for (option, value) in [
        ("--encoding", "UTF-8"),
        ("--encoding", "utf8"),
        ("--encoding", "EUC-KR"),
        ("--encoding", "ms949"),
        ("--encoding", "utf-16le"),
        ("--delimiter", ";"),
        ("--delimiter", "semicolon"),
        ("--delimiter", "auto"),
    ] {
        let out = env
            .cmd()
            .args(["import", "--dry-run", option, value, f])
            .output()
            .unwrap();
        assert_ne!(
            out.status.code(),
            Some(2),
            "{option} {value}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_wrong_delimiter_is_named_not_taken_for_a_title_line() {
    let env = with_examples();
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-01-05,완료\n",
    );
    for (delimiter, kind) in [("tab", None), (";", None), ("tab", Some("updates"))] {
        let mut args = vec!["import", "--delimiter", delimiter];
        if let Some(kind) = kind {
            args.extend(["--kind", kind]);
        }
        args.push(f.to_str().unwrap());
        let err = env.fails_one_line(&args);
        assert!(
            err.contains("one cell") && err.contains("--delimiter"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("delete the lines"), "{args:?}: {err}");
    }
}

#[test]
fn a_failing_file_stops_the_run_but_earlier_files_stay() {
    let env = Env::init();
    let err = env.fails(&[
        "import",
        &example("esm-5-measures.csv"),
        &data("updates-bad.csv"),
        &example("esm-5-updates-2023q4.csv"),
    ]);
    assert!(
        err.contains("not imported (an earlier file failed)"),
        "{err}"
    );
    assert_eq!(show(&env, "esm-5-01")["status"], "planned");
}

mod property {
    use super::*;
    use policy_track::import::{import_file, Options};
    use policy_track::store::Store;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"esm-5-01".to_vec()),
            Just(b"2023-12-29".to_vec()),
            Just("추진중".as_bytes().to_vec()),
            Just(b"\"a,\n\"\"b\"".to_vec()),
            Just(b"\"unterminated".to_vec()),
            Just(vec![0xff, 0xfe]),
            Just(vec![0xb0, 0xa1]),
            "[a-z0-9 %.,;\t\r\n\"-]{0,8}".prop_map(String::into_bytes),
            prop::collection::vec(any::<u8>(), 0..6),
        ]
    }

    fn file() -> impl Strategy<Value = Vec<u8>> {
        let header = prop_oneof![
            Just(b"measure_code,reported_on,status,progress,note\n".to_vec()),
            Just(
                b"meeting_code,meeting_date,meeting_title,measure_code,title,category,status,status_date\n"
                    .to_vec()
            ),
            Just(b"code,title,held_on\n".to_vec()),
            Just(b"\xef\xbb\xbfmeasure_code;status;reported_on\r\n".to_vec()),
            Just(b"\xff\xfe".to_vec()),
            Just(Vec::new()),
        ];
        let body = prop::collection::vec(
            prop::collection::vec(cell(), 0..6).prop_map(|cells| {
                let mut line = cells.join(&b","[..]);
                line.push(b'\n');
                line
            }),
            0..6,
        );
        prop_oneof![
            (header, body).prop_map(|(h, b)| [h, b.concat()].concat()),
            prop::collection::vec(any::<u8>(), 0..200),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn any_bytes_import_cleanly_or_fail_without_writing(bytes in file(), skip in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("p.db");
            let mut store = Store::open(&db).unwrap().store;
            let mut quiet = |_: String| {};
            import_file(&mut store, Path::new(&example("esm-5-measures.csv")), &Options::default(), &mut quiet).unwrap();
            let before = common::dump(&db);
            let input = dir.path().join("in.csv");
            std::fs::write(&input, &bytes).unwrap();
            let opts = Options {
                skip_invalid: skip,
                rejects: skip.then(|| dir.path().join("rejects.csv")),
                ..Options::default()
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                import_file(&mut store, &input, &opts, &mut quiet)
            }));
            let result = result.map_err(|_| "panicked").unwrap();
            match result {
                Ok(report) => {
                    prop_assert_eq!(
                        report.rows as i64,
                        (report.inserted + report.updated + report.unchanged + report.rejected) as i64
                    );
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(!msg.contains('\n'), "{}", msg);
                    prop_assert_eq!(common::dump(&db), before);
                }
            }
            let after = common::dump(&db);
            prop_assert!(!after.contains('\u{fffd}'), "a replacement character was stored");
        }
    }
}

#[test]
fn skip_invalid_keeps_a_meeting_defined_on_a_refused_row_and_refuses_its_children() {
    let env = Env::init();
    let rejects = env.path("r.csv");
    let f = env.write(
        "m.csv",
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,category\n\
         esm-9,2023-10-19,제9차,esm-9-01,,가,없는분야\n\
         esm-9,,,esm-9-01-1,esm-9-01,나,기타\n\
         esm-9,,,esm-9-02,,다,기타\n",
    );
    let out = env.ok(&[
        "import",
        f.to_str().unwrap(),
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert!(
        out.contains("3 rows: 1 inserted, 0 updated, 0 unchanged, 2 rejected"),
        "{out}"
    );
    let m = json(&env.ok(&["meetings", "--format", "json"]));
    assert_eq!(m[0]["title"], "제9차");
    assert_eq!(m[0]["total"], 1);
    let r = std::fs::read_to_string(&rejects).unwrap();
    assert!(r.contains("esm-9,,,esm-9-01-1,esm-9-01,나,기타,parent_code: the parent's own row (line 2) is refused\n"), "{r}");
    assert_eq!(r.lines().count(), 3, "{r}");
}

/// A measures file as `export measures` writes it (current status, progress,
/// status date and the latest note) imports into the database it came from
/// without changing anything, reporters included.
#[test]
fn a_measures_file_with_current_statuses_reimports_unchanged() {
    let env = Env::new();
    env.ok(&[
        "import",
        &example("esm-5-measures.csv"),
        &example("esm-5-updates-2023q4.csv"),
        &example("esm-5-updates-2024q2.csv"),
    ]);
    let mut latest = std::collections::HashMap::new();
    for file in ["esm-5-updates-2023q4.csv", "esm-5-updates-2024q2.csv"] {
        let mut r = csv::Reader::from_path(example(file)).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            latest.insert(rec[0].to_string(), rec);
        }
    }
    let mut r = csv::Reader::from_path(example("esm-5-measures.csv")).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(r.headers().unwrap()).unwrap();
    let mut n = 0;
    for rec in r.records() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if let Some(u) = latest.get(&cells[3]) {
            cells[10] = u[2].to_string();
            cells[11] = u[3].to_string();
            cells[12] = u[1].to_string();
            cells[13] = u[5].to_string();
            n += 1;
        } else {
            cells[10] = "planned".to_string();
        }
        w.write_record(&cells).unwrap();
    }
    assert!(n > 5);
    let f = env.write("export.csv", w.into_inner().unwrap());
    let before = env.dump();
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(
        out.contains("15 rows: 0 inserted, 0 updated, 15 unchanged"),
        "{out}"
    );
    assert_eq!(env.dump(), before);
}

/// Rows far apart in a long file (the import reads it in chunks of a
/// thousand rows) still see each other: a duplicate, a parent, a refused
/// parent, a repeated report, and reports arriving out of order.
#[test]
fn rows_far_apart_in_a_long_file_are_checked_against_each_other() {
    let env = Env::init();
    let mut m = String::from(
        "meeting_code,meeting_date,meeting_title,measure_code,parent_code,title,category\n",
    );
    // Line n holds measure esm-9-<n> unless said otherwise.
    for line in 2..=2600u32 {
        let row = match line {
            2 => "esm-9,2023-10-19,제9차,esm-9-0002,,가,기타".to_string(),
            20 => "esm-9,,,esm-9-0020,,나,없는분야".to_string(),
            1502 => "esm-9,,,esm-9-0002,,다,기타".to_string(),
            1800 => "esm-9,,,esm-9-1800,esm-9-0020,라,기타".to_string(),
            2100 => "esm-9,,,esm-9-2100,esm-9-0010,마,기타".to_string(),
            2200 => "esm-9,,,esm-9-0020,,바,기타".to_string(),
            _ => format!("esm-9,,,esm-9-{line:04},,과제,기타"),
        };
        m.push_str(&row);
        m.push('\n');
    }
    let f = env.write("m.csv", &m);
    let before = env.dump();
    let err = env.fails(&["import", f.to_str().unwrap()]);
    for want in [
        "m.csv:20: category: 없는분야: unknown category",
        "m.csv:1502: measure_code: esm-9-0002: duplicate measure code: already on line 2",
        "m.csv:1800: parent_code: esm-9-0020: the parent's own row (line 20) is refused",
        "m.csv:2200: measure_code: esm-9-0020: duplicate measure code: already on line 20",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    let bad_rows = err.lines().filter(|l| l.contains("m.csv:")).count() - 1;
    assert_eq!(bad_rows, 4, "{err}");
    assert_eq!(env.dump(), before, "a failed file writes nothing");

    let rejects = env.path("rejects.csv");
    let out = env.ok(&[
        "import",
        "--skip-invalid",
        "--rejects",
        rejects.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert!(out.contains("2599 rows: 2595 inserted"), "{out}");
    assert_eq!(show(&env, "esm-9-2100")["parent"], "esm-9-0010");
    assert_eq!(show(&env, "esm-9-0002")["title"], "가");

    // Reports: one measure reported on three dates in three chunks, out of
    // order; another reported twice on one date, 1,700 lines apart.
    let mut u = String::from("measure_code,reported_on,status,progress\n");
    for line in 2..=2600u32 {
        let row = match line {
            10 => "esm-9-0003,2024-03-01,in-progress,30".to_string(),
            1200 => "esm-9-0003,2024-01-01,in-progress,10".to_string(),
            2300 => "esm-9-0003,2024-06-01,completed,100".to_string(),
            5 => "esm-9-0004,2024-02-02,in-progress,20".to_string(),
            1705 => "esm-9-0004,2024-02-02,in-progress,25".to_string(),
            // Filler: measures 0100..1099, each on one to three dates.
            _ => format!(
                "esm-9-{:04},2024-05-0{},in-progress,50",
                100 + line % 1000,
                1 + line / 1000
            ),
        };
        u.push_str(&row);
        u.push('\n');
    }
    let uf = env.write("u.csv", &u);
    let before = env.dump();
    let err = env.fails(&["import", uf.to_str().unwrap()]);
    assert!(
        err.contains("u.csv:1705: reported_on: 2024-02-02: a second report for esm-9-0004 on this date: already on line 5"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "a failed file writes nothing");
    let u = u.replace(
        "esm-9-0004,2024-02-02,in-progress,25",
        "esm-9-0004,2024-02-03,in-progress,25",
    );
    let uf = env.write("u.csv", &u);
    env.ok(&["import", uf.to_str().unwrap()]);
    let m = show(&env, "esm-9-0003");
    assert_eq!(m["status"], "completed");
    assert_eq!(m["status_date"], "2024-06-01");
    assert_eq!(m["history"].as_array().unwrap().len(), 3);
    assert_eq!(show(&env, "esm-9-0004")["status_date"], "2024-02-03");

    // A row repeating a stored report unchanged counts as that date's report
    // of this file: a second one, far below, is a duplicate too.
    let mut again = String::from("measure_code,reported_on,status,progress\n");
    again.push_str("esm-9-0003,2024-06-01,completed,100\n");
    for i in 0..1500u32 {
        again.push_str(&format!("esm-9-{:04},2024-07-01,in-progress,60\n", 100 + i));
    }
    again.push_str("esm-9-0003,2024-06-01,completed,100\n");
    let af = env.write("again.csv", &again);
    let err = env.fails(&["import", af.to_str().unwrap()]);
    assert!(
        err.contains("again.csv:1503: reported_on: 2024-06-01: a second report for esm-9-0003 on this date: already on line 2"),
        "{err}"
    );
}

/// What a rebuild changes in the schema: its version (every DDL statement
/// moves it on, a rollback puts it back) and the indexes of `measures` and
/// `status_updates` as `sqlite_master` holds them, by name: (rowid, name,
/// CREATE statement). Indexes built again come back with their names and
/// statements, in the order they were built (see [`Schema::built_order`]).
#[derive(Debug, Clone, PartialEq)]
struct Schema {
    version: i64,
    indexes: Vec<(i64, String, Option<String>)>,
}

impl Schema {
    fn of(env: &Env) -> Schema {
        use diesel::prelude::*;
        use diesel::sql_types::{BigInt, Nullable, Text};
        #[derive(QueryableByName)]
        struct Ix {
            #[diesel(sql_type = BigInt)]
            rowid: i64,
            #[diesel(sql_type = Text)]
            name: String,
            #[diesel(sql_type = Nullable<Text>)]
            sql: Option<String>,
        }
        #[derive(QueryableByName)]
        struct Version {
            #[diesel(sql_type = BigInt)]
            schema_version: i64,
        }
        let mut c = SqliteConnection::establish(env.db.to_str().unwrap()).expect("open db");
        let rows: Vec<Ix> = diesel::sql_query(
            "SELECT rowid, name, sql FROM sqlite_master \
              WHERE type = 'index' AND tbl_name IN ('measures', 'status_updates') ORDER BY name",
        )
        .load(&mut c)
        .expect("indexes");
        let version: Vec<Version> = diesel::sql_query("PRAGMA schema_version")
            .load(&mut c)
            .expect("schema_version");
        Schema {
            version: version[0].schema_version,
            indexes: rows.into_iter().map(|i| (i.rowid, i.name, i.sql)).collect(),
        }
    }

    /// Names and statements.
    fn definitions(&self) -> Vec<(String, Option<String>)> {
        self.indexes
            .iter()
            .map(|(_, n, s)| (n.clone(), s.clone()))
            .collect()
    }

    /// The names in the order the indexes were made (the schema's rowids).
    fn built_order(&self) -> Vec<String> {
        let mut by_rowid = self.indexes.clone();
        by_rowid.sort();
        by_rowid.into_iter().map(|(_, n, _)| n).collect()
    }

    /// The unique indexes (of the primary keys' and UNIQUE constraints).
    fn unique(&self) -> Vec<(i64, String, Option<String>)> {
        self.indexes
            .iter()
            .filter(|i| i.1.starts_with("sqlite_autoindex"))
            .cloned()
            .collect()
    }
}

/// `n` measures of meeting esm-9, each with a report.
fn many_measures(n: u32) -> String {
    let mut m = String::from(
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,lead_ministry,due_date,status,progress,status_date\n",
    );
    for i in 1..=n {
        m.push_str(&format!(
            "esm-9,2023-10-19,제9차,esm-9-{i:05},과제 {i},기타,기재부,2024-{:02}-01,in-progress,{},2024-01-{:02}\n",
            1 + i % 12,
            i % 90,
            1 + i % 28
        ));
    }
    m
}

/// `per` reports of each of the measures 1..=n, a month apart from
/// `first_month` of 2024 on.
fn many_updates(n: u32, per: u32, first_month: u32, bad_last: bool) -> String {
    let mut u = String::from("measure_code,reported_on,status,progress,reported_by\n");
    for d in 0..per {
        for i in 1..=n {
            u.push_str(&format!(
                "esm-9-{i:05},2024-{:02}-{:02},in-progress,{},복지부\n",
                first_month + d,
                1 + i % 28,
                90 + d
            ));
        }
    }
    if bad_last {
        u.push_str("esm-9-99999,2024-12-01,completed,100,복지부\n");
    }
    u
}

#[test]
fn a_bulk_load_builds_the_same_indexes_again_and_a_failed_or_dry_run_keeps_them() {
    if common::skip_on_postgres("SQLite's indexes") {
        return;
    }
    // A bulk load from 1,000 rows on (the rule's floor is far higher).
    let bulk = |env: &Env, args: &[&str]| {
        let out = env
            .cmd()
            .env("POLICY_TRACK_BULK_ROWS", "1000")
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let env = Env::init();
    let fresh = Schema::of(&env);
    assert_eq!(fresh.indexes.len(), 10, "{fresh:?}");
    let m = env.write("m.csv", many_measures(3000));
    let u = env.write("u.csv", many_updates(3000, 2, 3, false));
    let bad = env.write("bad.csv", many_updates(3000, 2, 3, true));

    // A dry run and a failing file roll back with the indexes untouched.
    let (code, out, err) = bulk(&env, &["import", "--dry-run", m.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("3000 inserted"), "{out}");
    assert_eq!(Schema::of(&env), fresh);

    // The load itself: every index back, the same, built anew.
    let (code, out, err) = bulk(&env, &["import", m.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("3000 inserted"), "{out}");
    let loaded = Schema::of(&env);
    assert_eq!(loaded.definitions(), fresh.definitions());
    // Made by the migrations in their order, then built again table by
    // table; the unique indexes stay as they were.
    assert!(loaded.version > fresh.version, "not built again");
    assert_ne!(loaded.built_order(), fresh.built_order());
    assert_eq!(loaded.unique(), fresh.unique());
    assert_eq!(loaded.unique().len(), 2);

    let before = env.dump();
    let (code, _, err) = bulk(&env, &["import", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("esm-9-99999"), "{err}");
    assert_eq!(Schema::of(&env), loaded, "a failed file keeps the indexes");
    assert_eq!(env.dump(), before);
    let (code, _, err) = bulk(&env, &["import", "--dry-run", u.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(Schema::of(&env), loaded, "a dry run keeps the indexes");
    assert_eq!(env.dump(), before);
    // A dry run of several files builds each file's indexes again inside
    // the one transaction it rolls back: they come back as they were.
    let (code, out, err) = bulk(
        &env,
        &[
            "import",
            "--dry-run",
            u.to_str().unwrap(),
            u.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("6000 unchanged"),
        "the second sees the first: {out}"
    );
    assert_eq!(Schema::of(&env), loaded, "a dry run keeps the indexes");
    assert_eq!(env.dump(), before);

    // The updates: 6,000 reports into a table of 3,000, moving the current
    // status of 3,000 measures: the reports' indexes are built again, and of
    // the measures' those over the current status; the others stay.
    let (code, out, err) = bulk(&env, &["import", u.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("6000 inserted"), "{out}");
    let updated = Schema::of(&env);
    assert_eq!(updated.definitions(), fresh.definitions());
    assert!(updated.version > loaded.version, "not built again");
    assert_eq!(
        updated.built_order(),
        [
            "sqlite_autoindex_measures_1",
            "sqlite_autoindex_status_updates_1",
            "measures_parent_id",
            "measures_category_id",
            "measures_lead_ministry_id",
            "measures_due_date",
            "status_updates_reported_on",
            "status_updates_history",
            "measures_summary",
            "measures_open_due",
        ]
    );
    assert_eq!(updated.unique(), fresh.unique());
    let m1 = show(&env, "esm-9-00001");
    assert_eq!(m1["status_date"], "2024-04-02");
    assert_eq!(m1["progress"], 91);

    // The same file again changes nothing and writes nothing: no rebuild.
    let (code, out, err) = bulk(&env, &["import", u.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("6000 unchanged"), "{out}");
    assert_eq!(Schema::of(&env), updated);

    // Files smaller than the tables, or than the floor, keep the indexes
    // as they are.
    let fewer = env.write("fewer.csv", many_updates(1000, 2, 6, false));
    let (code, out, err) = bulk(&env, &["import", fewer.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("2000 inserted"), "{out}");
    assert_eq!(Schema::of(&env), updated);
    let small = env.write("small.csv", many_updates(900, 1, 8, false));
    let (code, out, err) = bulk(&env, &["import", small.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("900 inserted"), "{out}");
    assert_eq!(Schema::of(&env), updated);

    // The reports read what a load without a rebuild would have written.
    let plain = Env::init();
    for f in [&m, &u, &fewer, &small] {
        plain.ok(&["import", f.to_str().unwrap()]);
    }
    for report in [
        &["report", "summary", "--format", "json"][..],
        &["report", "overdue", "--format", "json"],
        &[
            "report",
            "summary",
            "--as-of",
            "2024-03-15",
            "--format",
            "json",
        ],
    ] {
        assert_eq!(env.ok(report), plain.ok(report), "{report:?}");
    }
    assert_eq!(common::integrity(&env.db), "ok");
}

/// A code pasted with a zero-width space looks right on screen; the error
/// shows the character, or it would name a value that seems valid.
#[test]
fn a_row_error_shows_characters_that_take_no_room() {
    let env = with_examples();
    let file = env.write(
        "zw.csv",
        "measure_code,reported_on,status\nesm-5-01\u{200B},2024-01-02,완료\n",
    );
    let err = env.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("zw.csv:2: measure_code: esm-5-01\\u{200b}: invalid measure code"),
        "{err}"
    );
}

/// A correction (a second report for a measure and date) replaces what its
/// file's cells say; what a cell leaves empty, or the file has no column
/// for, stays as recorded (a blank never erases).
#[test]
fn a_correction_keeps_what_its_cells_leave_empty_or_its_columns_lack() {
    let env = with_examples();
    let history = |env: &Env| show(env, "esm-5-01")["history"][0].clone();
    let a = env.write(
        "a.csv",
        "measure_code,reported_on,status,progress,reported_by,note\n\
         esm-5-01,2024-03-01,delayed,30,기재부,n1\n",
    );
    env.ok(&["import", a.to_str().unwrap()]);
    // No reporter, progress or note column: all three stay.
    let b = env.write(
        "b.csv",
        "measure_code,reported_on,status\nesm-5-01,2024-03-01,in-progress\n",
    );
    env.ok(&["import", b.to_str().unwrap()]);
    let h = history(&env);
    assert_eq!(
        (&h["status"], &h["progress"], &h["reported_by"], &h["note"]),
        (
            &Value::from("in-progress"),
            &Value::from(30),
            &Value::from("기획재정부"),
            &Value::from("n1")
        ),
        "{h}"
    );
    // The columns, left empty: a blank never erases, all three stay.
    let c = env.write(
        "c.csv",
        "measure_code,reported_on,status,progress,reported_by,note\n\
         esm-5-01,2024-03-01,completed,,,\n",
    );
    env.ok(&["import", c.to_str().unwrap()]);
    let h = history(&env);
    assert_eq!(
        (&h["status"], &h["progress"], &h["reported_by"], &h["note"]),
        (
            &Value::from("completed"),
            &Value::from(30),
            &Value::from("기획재정부"),
            &Value::from("n1")
        ),
        "{h}"
    );
}
