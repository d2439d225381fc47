//! Workbooks in and out (SPEC §13): import of `.xlsx`, `.xls` and `.ods`
//! files made by openpyxl and LibreOffice (tests/data/workbooks, made by
//! make.sh there), and the workbooks `export`, `export template` and
//! `report` write, read back with calamine.

mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use common::{with_examples, Env};
use serde_json::Value;

fn workbook(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks")
        .join(name);
    p.to_str().unwrap().to_string()
}

fn show(env: &Env, code: &str) -> Value {
    let out = env.ok(&["show", code, "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// The reports of esm-5-05* dated 2024-09-30, as `export updates` writes them.
fn september(env: &Env) -> Vec<String> {
    env.ok(&["export", "updates"])
        .lines()
        .filter(|l| l.contains("2024-09-30"))
        .map(str::to_string)
        .collect()
}

const SEPTEMBER: [&str; 3] = [
    "esm-5-05,2024-09-30,in-progress,70,보건복지부,3분기 실적,",
    "esm-5-05-1,2024-09-30,completed,100,보건복지부,공유 의무화 완료,",
    "esm-5-05-3,2024-09-30,delayed,30,보건복지부,인증 기준 협의 지연,",
];

/// Every sheet of a workbook as rows of cells.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb = open_workbook_auto(path).expect("a workbook");
    wb.worksheets()
        .into_iter()
        .map(|(name, range)| (name, range.rows().map(<[Data]>::to_vec).collect()))
        .collect()
}

/// A cover sheet, a title and a unit line, the date merged down its
/// column, an empty row and a note under the table (openpyxl): the rows
/// are read as they show, what was passed over is said in one line.
#[test]
fn a_ministry_workbook_is_read_as_it_shows() {
    let env = with_examples();
    let f = workbook("updates-cover.xlsx");
    let out = env
        .cmd()
        .args(["import", &f, "--ministry", "보건복지부"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().next().unwrap(),
        format!(
            "{f}: sheet 추진현황, header on row 3: passed over 2 lines above the header (rows 1, 2), 1 empty row, 1 note row (row 8)"
        )
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{f}: updates, xlsx, -: 3 rows: 3 inserted, 0 updated, 0 unchanged, 0 rejected")
    );
    assert_eq!(september(&env), SEPTEMBER);
    // Again: nothing changes, and it says so.
    let again = env.ok(&["import", &f, "--ministry", "보건복지부"]);
    assert!(
        again.contains("0 inserted, 0 updated, 3 unchanged"),
        "{again}"
    );
}

/// The same table saved by LibreOffice as Excel 97-2003 (.xls, merged
/// cells kept) and as OpenDocument (.ods) reads the same.
#[test]
fn xls_and_ods_read_as_the_xlsx() {
    for (name, format) in [
        ("updates-cover.xls", "xls"),
        ("updates-flat.ods", "ods"),
        ("updates-flat.xlsx", "xlsx"),
    ] {
        let env = with_examples();
        let f = workbook(name);
        let out = env.ok(&["import", &f, "--ministry", "보건복지부"]);
        assert!(
            out.contains(&format!(": updates, {format}, -: 3 rows")),
            "{out}"
        );
        assert_eq!(september(&env), SEPTEMBER, "{name}");
    }
}

/// Progress in percent cells (0.7 shown as 70%, 1 as 100%) is the
/// percent shown, never 1.
#[test]
fn percent_cells_are_the_percent_they_show() {
    let env = with_examples();
    env.ok(&[
        "import",
        &workbook("updates-percent.xlsx"),
        "--ministry",
        "보건복지부",
    ]);
    assert_eq!(september(&env), SEPTEMBER);
    assert_eq!(show(&env, "esm-5-05-1")["progress"], 100);
}

/// A formula gives its saved result (LibreOffice saved it); a formula with
/// none (openpyxl writes none) is refused rather than read as empty.
#[test]
fn formulas_give_their_saved_result_and_none_is_refused() {
    let env = with_examples();
    env.ok(&[
        "import",
        &workbook("updates-formula.xlsx"),
        "--ministry",
        "보건복지부",
    ]);
    assert_eq!(show(&env, "esm-5-05")["progress"], 70);

    let env = with_examples();
    let before = env.dump();
    let f = workbook("updates-formula-nocache.xlsx");
    let err = env
        .fails_one_line(&["import", &f, "--ministry", "보건복지부"])
        .trim_end()
        .to_string();
    assert_eq!(
        err,
        format!("error: {f}:추진현황!2: 진척률: =30+40: the formula has no saved result (the program that wrote the file did not calculate it); nothing was read (open the file in Excel or LibreOffice and save it again)")
    );
    assert_eq!(env.dump(), before);
}

/// The meeting's columns merged down the table give every row the meeting,
/// in the workbook openpyxl wrote and as LibreOffice saved it as `.ods`
/// and `.xls`.
#[test]
fn merged_meeting_columns_fill_every_row() {
    for name in [
        "measures-merged.xlsx",
        "measures-merged.ods",
        "measures-merged.xls",
    ] {
        let env = with_examples();
        env.ok(&["import", &workbook(name)]);
        let csv = env.ok(&["export", "measures", "--meeting", "esm-6"]);
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(rows.len(), 3, "{name}: {csv}");
        for row in rows {
            assert!(
                row.starts_with("esm-6,2024-03-14,제6차 수출전략회의,esm-6-0"),
                "{name}: {row}"
            );
        }
    }
}

#[test]
fn an_empty_or_broken_workbook_is_one_clear_line() {
    let env = Env::init();
    let f = workbook("empty.xlsx");
    assert_eq!(
        env.fails_one_line(&["import", &f]).trim_end().to_string(),
        format!("error: {f}: no sheet has a header row of known columns in its first 30 rows (sheets: Sheet1); expected headers such as 과제코드, 과제명, 추진상황 (see the README), or name the sheet with --sheet")
    );
    let f = workbook("broken.xlsx");
    let err = env.fails_one_line(&["import", &f]).trim_end().to_string();
    assert!(
        err.starts_with(&format!("error: {f}: cannot read the workbook (")),
        "{err}"
    );
    assert!(err.ends_with("save it again as .xlsx)"), "{err}");
}

/// `--sheet` reads the sheet named; one that is not there is named with
/// the sheets there are; CSV has none.
#[test]
fn sheet_chooses_the_sheet() {
    let env = with_examples();
    let f = workbook("updates-cover.xlsx");
    let err = env
        .fails_one_line(&["import", &f, "--sheet", "없음"])
        .trim_end()
        .to_string();
    assert_eq!(
        err,
        format!("error: --sheet \"없음\": {f} has no such sheet; its sheets are: 표지, 추진현황")
    );
    let err = env
        .fails_one_line(&["import", &f, "--sheet", "표지"])
        .trim_end()
        .to_string();
    assert!(err.contains("sheet \"표지\" has no header row"), "{err}");
    env.ok(&[
        "import",
        &f,
        "--sheet",
        "추진현황",
        "--ministry",
        "보건복지부",
    ]);
    assert_eq!(september(&env).len(), 3);
    let csv = env.write("a.csv", "measure_code,status\nesm-5-05,완료\n");
    let err = env
        .fails_one_line(&["import", csv.to_str().unwrap(), "--sheet", "x"])
        .trim_end()
        .to_string();
    assert!(err.contains("is CSV text, which has no sheets"), "{err}");
}

/// A workbook written here with a bad status and a bad progress.
fn bad_workbook(env: &Env) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("추진현황").unwrap();
    ws.write_string(0, 0, "2분기 실적").unwrap();
    for (c, h) in ["과제코드", "기준일", "추진상황", "진척률"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows = [
        ("esm-5-05", "추진중", 60.0),
        ("esm-5-05-1", "완려", 40.0),
        ("esm-5-05-3", "추진중", 130.0),
    ];
    for (r, (code, status, progress)) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 1, "2024-06-30").unwrap();
        ws.write_string(r, 2, *status).unwrap();
        ws.write_number(r, 3, *progress).unwrap();
    }
    let path = env.path("bad.xlsx");
    wb.save(&path).unwrap();
    path
}

/// Errors point at the row as the spreadsheet numbers it, on its sheet;
/// nothing is written; with --skip-invalid the bad rows go back as a
/// workbook with their reasons.
#[test]
fn bad_rows_are_named_by_sheet_and_row_and_sent_back_as_a_workbook() {
    let env = with_examples();
    let f = bad_workbook(&env);
    let f = f.to_str().unwrap();
    let before = env.dump();
    let err = env.fails(&["import", f, "--ministry", "보건복지부"]);
    let lines: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "{f}: sheet 추진현황, header on row 3: passed over 1 line above the header (row 1)"
        )
    );
    assert!(
        lines[0].starts_with(&format!("{f}:추진현황!5: 추진상황: 완려: ")),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("{f}:추진현황!6: 진척률: 130: ")),
        "{err}"
    );
    assert_eq!(
        lines[2],
        format!("error: {f}:추진현황: 2 bad rows; nothing was written (fix them, or pass --skip-invalid --rejects FILE)")
    );
    assert_eq!(env.dump(), before);

    // Dry run: says what would happen, writes nothing.
    let dry = env.ok(&[
        "import",
        f,
        "--dry-run",
        "--skip-invalid",
        "--rejects",
        "r.xlsx",
    ]);
    assert!(dry.contains("(dry run: nothing written)"), "{dry}");
    assert_eq!(env.dump(), before);

    env.ok(&[
        "import",
        f,
        "--skip-invalid",
        "--rejects",
        "반려.xlsx",
        "--ministry",
        "보건복지부",
    ]);
    assert_eq!(show(&env, "esm-5-05")["progress"], 60);
    let back = sheets(&env.path("반려.xlsx"));
    assert_eq!(back.len(), 1);
    let (name, rows) = &back[0];
    assert_eq!(name, "추진현황");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["과제코드", "기준일", "추진상황", "진척률", "reason"]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0].to_string(), "esm-5-05-1");
    assert!(
        rows[1][4]
            .to_string()
            .starts_with("추진상황: unknown status"),
        "{:?}",
        rows[1]
    );
    assert_eq!(rows[2][3].to_string(), "130");
}

/// The imports row records the workbook's own SHA-256 and its format.
#[test]
fn the_imports_row_has_the_workbooks_hash() {
    use sha2::{Digest, Sha256};
    let env = with_examples();
    let f = workbook("updates-flat.xlsx");
    env.ok(&["import", &f, "--ministry", "보건복지부"]);
    let sha: String = Sha256::digest(std::fs::read(&f).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dump = env.dump();
    // The imports row (the change log's entry of the import names the file
    // too).
    let row = dump
        .lines()
        .find(|l| l.contains("updates-flat.xlsx") && l.contains("'xlsx'"))
        .unwrap_or_else(|| panic!("no imports row: {dump}"));
    assert!(row.contains(&format!("'{sha}'")), "{row}");
    assert!(row.contains("'xlsx'"), "{row}");
}

/// Measures, updates and meetings exported as workbooks, imported into an
/// empty database, export as CSV to the same bytes.
#[test]
fn exported_workbooks_import_to_the_same_csv() {
    let env = with_examples();
    for f in ["esm-5-updates-2023q4.csv", "esm-5-updates-2024q2.csv"] {
        env.ok(&["import", &common::example(f)]);
    }
    let kinds = ["meetings", "measures", "updates"];
    for kind in kinds {
        env.ok(&["export", kind, "-o", &format!("{kind}.xlsx")]);
    }
    let other = Env::init();
    for kind in kinds {
        other.ok(&[
            "import",
            env.path(&format!("{kind}.xlsx")).to_str().unwrap(),
        ]);
    }
    for kind in kinds {
        assert_eq!(
            other.ok(&["export", kind]),
            env.ok(&["export", kind]),
            "{kind}"
        );
    }
    // Typed cells: dates as dates, progress as numbers; the header first.
    let book = sheets(&env.path("measures.xlsx"));
    let rows = &book[0].1;
    assert_eq!(rows[0][0], Data::String("meeting_code".into()));
    assert!(matches!(rows[1][1], Data::DateTime(_)), "{:?}", rows[1][1]);
    let progress = rows.iter().skip(1).find(|r| r[11] != Data::Empty).unwrap();
    assert!(matches!(progress[11], Data::Float(_)), "{:?}", progress[11]);
}

#[test]
fn a_workbook_is_never_written_to_the_terminal() {
    let env = with_examples();
    let err = env
        .fails_one_line(&["export", "measures", "--xlsx"])
        .trim_end()
        .to_string();
    assert_eq!(err, "error: export --xlsx writes a workbook, which is not text for the terminal; give the file with -o FILE.xlsx");
    let err = env
        .fails_one_line(&["report", "summary", "--format", "xlsx"])
        .trim_end()
        .to_string();
    assert!(
        err.starts_with("error: report --format xlsx writes a workbook"),
        "{err}"
    );
    // `--xlsx` with another name is a workbook all the same.
    env.ok(&["export", "meetings", "--xlsx", "-o", "meetings.data"]);
    assert!(sheets(&env.path("meetings.data")).len() == 1);
}

/// The template workbook: the measures to fill in, the guide, the hidden
/// tags; filled in and returned, it imports without flags, the ministry
/// the reporter.
#[test]
fn the_template_workbook_comes_back_without_flags() {
    let env = with_examples();
    env.ok(&["import", &common::example("esm-5-updates-2024q2.csv")]);
    env.ok(&["export", "template", "--ministry", "복지부", "-o", "t.xlsx"]);
    let t = env.path("t.xlsx");
    let book = sheets(&t);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["추진현황", "안내", "policy-track"]);
    let rows = &book[0].1;
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["과제코드", "과제명", "기준일", "추진상황", "진척률", "비고"]
    );
    let row = rows
        .iter()
        .find(|r| r[0] == Data::String("esm-5-05".into()))
        .unwrap();
    assert_eq!(row[3], Data::String("추진중".into()));
    assert_eq!(row[4], Data::Float(60.0));
    assert_eq!(row[2], Data::Empty);
    assert!(book[1]
        .1
        .iter()
        .flatten()
        .any(|c| c.to_string().contains("기준일")));
    assert_eq!(
        book[2].1[0],
        [
            Data::String("ministry".into()),
            Data::String("보건복지부".into())
        ]
    );

    // Filled in (as a ministry's program saves it: the same sheets, the
    // answers typed in).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("추진현황").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, cell.to_string())
                .unwrap();
        }
        if r > 0 {
            let date = chrono::NaiveDate::from_ymd_opt(2024, 9, 30).unwrap();
            let f = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            ws.write_date_with_format(r as u32, 2, date, &f).unwrap();
            ws.write_number(r as u32, 4, 80.0).unwrap();
        }
    }
    let tags = wb.add_worksheet();
    tags.set_name("policy-track").unwrap();
    tags.write_string(0, 0, "ministry").unwrap();
    tags.write_string(0, 1, "보건복지부").unwrap();
    tags.set_hidden(true);
    wb.save(env.path("회신.xlsx")).unwrap();
    env.ok(&["import", "회신.xlsx"]);
    let csv = env.ok(&["export", "updates"]);
    let back: Vec<&str> = csv.lines().filter(|l| l.contains("2024-09-30")).collect();
    assert_eq!(back.len(), rows.len() - 1, "{csv}");
    for line in back {
        assert!(line.contains(",80,보건복지부,"), "{line}");
    }
}

/// Reports as workbooks: the facts, then a sheet per table, counts as
/// numbers.
#[test]
fn a_report_workbook_has_a_sheet_per_table_with_numbers() {
    let env = with_examples();
    env.ok(&["report", "summary", "--format", "xlsx", "-o", "r.xlsx"]);
    let book = sheets(&env.path("r.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Report", "Meetings", "Categories", "Ministries", "Totals"]
    );
    let totals = &book[4].1;
    assert_eq!(totals[0][1], Data::String("total".into()));
    assert_eq!(totals[1][1], Data::Float(15.0));
}

/// Under `--lang ko` the sheets are named in Korean, as the headings of
/// the other formats.
#[test]
fn a_korean_report_workbook_names_its_sheets_in_korean() {
    let env = with_examples();
    env.ok(&["--lang", "ko", "report", "--format", "xlsx", "-o", "r.xlsx"]);
    let book = sheets(&env.path("r.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["보고서", "회의별", "분야별", "소관부처별", "합계"]);
    env.ok(&[
        "--lang", "ko", "report", "review", "--format", "xlsx", "-o", "q.xlsx",
    ]);
    let book = sheets(&env.path("q.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["보고서", "검토 대상"]);
}
