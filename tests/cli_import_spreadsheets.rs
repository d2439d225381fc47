//! `policy-track import` of files as spreadsheet programs and scripts save
//! them: Excel (Windows, Korean locale), Hancom Office, LibreOffice, Google
//! Sheets, pandas. Each test is a form such a file takes that was once
//! misread or refused without a hint.

mod common;

use common::{with_examples, Env};
use serde_json::Value;

fn show(env: &Env, code: &str) -> Value {
    let out = env.ok(&["show", code, "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// The returned template of 보건복지부 with `header` as its progress
/// column's header and `progress` in every row, as Excel saves it (BOM, CRLF).
fn template(progress_header: &str, progress: &str) -> String {
    let mut s = format!("\u{feff}과제코드,과제명,기준일,추진상황,{progress_header},비고\r\n");
    for code in ["esm-5-05", "esm-5-05-1"] {
        s.push_str(&format!(
            "{code},과제,2024-06-30,추진중,{progress},2분기 실적\r\n"
        ));
    }
    s
}

/// A percent-formatted cell saved raw (`0.6` for 60%, as pandas writes a
/// share) was read as 0.6% and stored as 1 without a word.
#[test]
fn a_fraction_below_one_is_refused_not_stored_as_one_percent() {
    let env = with_examples();
    let f = env.write("복지부.csv", template("진척률", "0.6"));
    let f = f.to_str().unwrap();
    let before = env.dump();
    let err = env.fails(&["import", f]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{f}:2: 진척률: 0.6: a fraction below 1 is ambiguous (a spreadsheet cell formatted as \
             percent saves 60% as 0.6): expected the percent, such as 60 or 60% (below one \
             percent: 0.6%)"
        )
    );
    assert!(
        lines[1].starts_with(&format!("{f}:3: 진척률: 0.6: ")),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(env.dump(), before, "a refused file wrote something");

    // With the sign it is a percent; as a whole number it is what was meant.
    let f = env.write("복지부-sign.csv", template("진척률", "0.6%"));
    env.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(show(&env, "esm-5-05")["progress"], 1);
    let f = env.write("복지부-60.csv", template("진척률", "60"));
    env.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(show(&env, "esm-5-05")["progress"], 60);
}

/// A header with its unit (`진척률(%)`), split by Excel's Alt+Enter
/// (`"진척률\n(%)"`) or in full-width (`진척률（％）`) was an unknown column:
/// one warning, and every report stored without its progress.
#[test]
fn a_progress_header_with_its_unit_or_a_line_break_is_the_progress_column() {
    for header in ["진척률(%)", "\"진척률\n(%)\"", "진척률（％）"] {
        let env = with_examples();
        let f = env.write("복지부.csv", template(header, "60%"));
        let out = env
            .cmd()
            .args(["import", f.to_str().unwrap()])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{header}: {stderr}");
        assert!(!stderr.contains("unknown column"), "{header}: {stderr}");
        for code in ["esm-5-05", "esm-5-05-1"] {
            assert_eq!(show(&env, code)["progress"], 60, "{header} {code}");
        }
        // A bad value under it is named with the header, on one line.
        let f = env.write("bad.csv", template(header, "60퍼센트"));
        let before = env.dump();
        let err = env.fails(&["import", f.to_str().unwrap()]);
        assert_eq!(err.lines().count(), 3, "{header}: {err}");
        assert!(err.contains(": 60퍼센트: unrecognized progress"), "{err}");
        assert_eq!(env.dump(), before, "a refused file wrote something");
    }
}

/// `기준일자` ("reference date") is how many ministries head the date column.
#[test]
fn a_date_column_headed_ilja_is_the_report_date() {
    let env = with_examples();
    let text = template("진척률", "60").replace("기준일", "기준일자");
    let f = env.write("복지부.csv", text);
    env.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(show(&env, "esm-5-05")["status_date"], "2024-06-30");
}

/// An HTML table saved as `.xls` was refused with a header list of HTML:
/// no hint the user could act on. A damaged `.xlsx` (renamed `.csv`) or
/// `.xls` is read as the workbook it is (SPEC §13), and refused as one.
#[test]
fn a_web_page_is_refused_with_how_to_save_it_as_csv_and_a_broken_workbook_as_such() {
    let env = with_examples();
    let mut xlsx = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    xlsx.extend_from_slice(b"[Content_Types].xml\xD0\xCF\xFF\xFE\x00\x81");
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.extend(std::iter::repeat_n(0u8, 504));
    let html = "<html><head><meta charset='utf-8'></head><body><table>\
                <tr><td>과제코드</td><td>기준일</td><td>추진상황</td></tr>\
                <tr><td>esm-5-05</td><td>2024-06-30</td><td>추진중</td></tr></table></body></html>";
    for (name, bytes, what, end) in [
        (
            "복지부.csv",
            xlsx,
            "cannot read the workbook (",
            "save it again as .xlsx)\n",
        ),
        (
            "복지부.xls",
            xls,
            "cannot read the workbook (",
            "save it again as .xlsx)\n",
        ),
        (
            "복지부-web.xls",
            html.as_bytes().to_vec(),
            "this is a web page",
            "save it as CSV UTF-8)\n",
        ),
    ] {
        let f = env.write(name, bytes);
        let f = f.to_str().unwrap();
        for extra in [&[][..], &["--encoding", "utf-8"][..]] {
            let mut args = vec!["import", f];
            args.extend_from_slice(extra);
            let err = env.fails_one_line(&args);
            assert!(err.starts_with(&format!("error: {f}: {what}")), "{err}");
            assert!(err.ends_with(end), "{err}");
        }
    }
}

/// A template whose date column holds `date` in every row.
fn dated(date: &str) -> String {
    template("진척률", "60").replace("2024-06-30", date)
}

/// Excel and pandas write a date cell as `2024-06-30 00:00:00`: refused as
/// "unrecognized date" until now. A date serial (a date column formatted as
/// a number) and a two-digit year stay refused, with a reason to act on.
#[test]
fn a_date_at_midnight_is_read_and_a_date_serial_is_refused_with_a_hint() {
    let env = with_examples();
    for (i, date) in [
        "2024-06-30 00:00:00",
        "2024-06-30T00:00:00",
        "2024-06-30 0:00",
    ]
    .into_iter()
    .enumerate()
    {
        let f = env.write(&format!("복지부-{i}.csv"), dated(date));
        env.ok(&["import", f.to_str().unwrap()]);
        assert_eq!(
            show(&env, "esm-5-05")["status_date"],
            "2024-06-30",
            "{date}"
        );
    }
    for (date, why) in [
        (
            "45473",
            "looks like an Excel date serial number (that would be 2024-06-30); format the \
             column as a date (yyyy-mm-dd) before saving: expected a date such as",
        ),
        (
            "'24.6.30",
            "a two-digit year; write the year with all four digits",
        ),
        ("6/30/2024", "the day and month come before the year"),
        (
            "2024-06-30 09:00",
            "a date with a time of day other than midnight",
        ),
    ] {
        let f = env.write("bad.csv", dated(date));
        let f = f.to_str().unwrap();
        let before = env.dump();
        let err = env.fails(&["import", f]);
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("{f}:2: 기준일: {date}: {why}")),
            "{err}"
        );
        assert_eq!(env.dump(), before, "a refused file wrote something");
    }
}

/// A title line above the header (`보건복지부 2024년 2분기 추진실적`), with
/// or without a blank row, was refused with the title as a list of headers
/// and no word on what to do.
#[test]
fn a_title_line_above_the_header_is_refused_with_the_advice_to_delete_it() {
    let env = with_examples();
    let body = template("진척률", "60");
    let body = body.trim_start_matches('\u{feff}');
    for (i, above) in [
        "보건복지부 2024년 2분기 추진실적,,,,,\r\n",
        "보건복지부 2024년 2분기 추진실적,,,,,\r\n,,,,,\r\n",
        ",,,,,\r\n",
    ]
    .into_iter()
    .enumerate()
    {
        let f = env.write(&format!("복지부-{i}.csv"), format!("\u{feff}{above}{body}"));
        let err = env.fails_one_line(&["import", f.to_str().unwrap()]);
        assert!(
            err.trim_end().ends_with(
                "(the first line looks like a title or a blank row, not the header row: delete \
                 the lines above the header)"
            ),
            "{err}"
        );
    }
}

/// A footnote or a total below the table was refused with two errors (an
/// invalid measure code, an empty status) or, written in one cell, with
/// "1 fields: … check the quoting and the delimiter".
#[test]
fn a_footnote_or_total_row_is_named_as_such_with_the_advice_to_delete_it() {
    let env = with_examples();
    let why = "not a measure's row (its first cell is no code, and it has no status): delete \
               notes, totals and other lines below the table";
    for (i, tail) in [
        "※ 진척률은 6월 말 기준,,,,,\r\n",
        "합계,,,,60,\r\n",
        "※ 진척률은 6월 말 기준\r\n",
    ]
    .into_iter()
    .enumerate()
    {
        let f = env.write(
            &format!("복지부-{i}.csv"),
            format!("{}{tail}", template("진척률", "60")),
        );
        let f = f.to_str().unwrap();
        let before = env.dump();
        let err = env.fails(&["import", f]);
        let text = tail.split(',').next().unwrap_or_default().trim_end();
        assert_eq!(
            err.lines().next().unwrap_or_default(),
            format!("{f}:4: (row): {text}: {why}"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 2, "{err}");
        assert_eq!(env.dump(), before, "a refused file wrote something");
    }
    // A row with a status is a measure's row, with its code's error.
    let f = env.write(
        "typo.csv",
        format!(
            "{}esm 5 05,과제,2024-06-30,추진중,60,\r\n",
            template("진척률", "60")
        ),
    );
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains(":4: 과제코드: esm 5 05: invalid measure code"),
        "{err}"
    );
}

/// A measures file whose meeting code (and category) is a merged cell:
/// Excel saves the value on the block's first row only. Refused as "empty
/// meeting code" without a word about merged cells.
#[test]
fn merged_cells_saved_empty_are_refused_with_the_advice_to_fill_them_down() {
    let env = Env::init();
    let f = env.write(
        "esm-6.csv",
        "회의코드,회의일,회의명,과제코드,과제명,분야,소관부처\r\n\
         esm-6,2023-08-30,제6차 수출전략회의,esm-6-01,수출 금융 확대,투자·금융,기재부\r\n\
         ,,,esm-6-02,해외 인증 지원,,산업부\r\n",
    );
    let f = f.to_str().unwrap();
    let before = env.dump();
    let err = env.fails(&["import", f]);
    let hint = "(a merged cell is saved empty below its first row: unmerge it and fill the \
                value into every row before saving)";
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{f}:3: 회의코드: : empty meeting code {hint}")),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("{f}:3: 분야: : ")) && lines[1].contains(hint),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(env.dump(), before, "a refused file wrote something");
    // On the first row an empty cell is only empty.
    let f = env.write(
        "first.csv",
        "회의코드,회의일,회의명,과제코드,과제명,분야\r\n,2023-08-30,회의,esm-6-01,과제,기타\r\n",
    );
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(!err.contains("merged"), "{err}");
}

/// Files that hold no table are named for what they are, with what to do:
/// the database itself, a PDF, a Hancom Hangul document.
#[test]
fn a_file_that_is_no_table_is_named_for_what_it_is() {
    let env = with_examples();
    let db = env.path("test.db");
    if db.exists() {
        let err = env.fails_one_line(&["import", db.to_str().unwrap()]);
        assert!(
            err.contains(": this is an SQLite database, not a file to import"),
            "{err}"
        );
    }
    let pdf = env.write("보고서.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let err = env.fails_one_line(&["import", pdf.to_str().unwrap()]);
    assert!(err.contains("보고서.pdf: this is a PDF document"), "{err}");
    // An .hwp: an OLE2 compound file with Hangul's streams.
    let mut hwp = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    hwp.resize(512, 0);
    hwp.extend(
        "HwpSummaryInformation"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    hwp.resize(2048, 0);
    let hwp = env.write("과제.hwp", hwp);
    let err = env.fails_one_line(&["import", hwp.to_str().unwrap()]);
    assert!(
        err.contains("과제.hwp: this is a Hancom Hangul document (.hwp), not a workbook or CSV"),
        "{err}"
    );
}

/// A CSV whose Korean a program saved as `?` cannot be read back: said so,
/// instead of "unknown column ????".
#[test]
fn korean_saved_as_question_marks_is_named() {
    let env = with_examples();
    let f = env.write("q.csv", "????,????,???\nesm-5-05,2024-06-30,???\n");
    let err = env.fails_one_line(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("q.csv: the header has a cell of question marks only (\"????\")"),
        "{err}"
    );
}

/// A file whose first lines are UTF-8 and later ones CP949 (two exports
/// pasted together) says it mixes encodings.
#[test]
fn a_file_mixing_encodings_says_so() {
    let env = with_examples();
    let text = template("진척률", "60");
    let mut bytes = text.trim_start_matches('\u{feff}').as_bytes().to_vec();
    bytes.extend_from_slice(
        &encoding_rs::EUC_KR
            .encode("esm-5-05-3,과제,2024-06-30,추진중,50,비고\r\n")
            .0,
    );
    let f = env.write("mixed.csv", bytes);
    let err = env.fails_one_line(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("mixed.csv: mixes two encodings (UTF-8 Korean before line 4"),
        "{err}"
    );
}
