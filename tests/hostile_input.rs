//! Hostile and broken input: files that are not CSV, databases that are
//! corrupt, read-only or missing, values at the edges, formula cells, and a
//! property test over the whole import path. Each refusal is one clear line,
//! exit 1, nothing written, never a panic.
//!
//! The property test runs 64 cases by default; raise it for a longer
//! campaign: `PROPTEST_CASES=20000 cargo test --release --test hostile_input`.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use common::{bin, Env};
use diesel::prelude::*;
use serde_json::Value;

/// Runs `import FILE` and checks the refusal: exit 1, every stderr line short
/// (and exactly one line unless rows are listed), the file named, nothing
/// written. Returns stderr.
fn refused(env: &Env, file: &Path) -> String {
    let before = env.dump();
    let err = env.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.lines().all(|l| l.len() < 1200),
        "an error line is too long: {} bytes",
        err.len()
    );
    assert!(
        err.lines().last().unwrap().starts_with("error: "),
        "{}",
        &err[..err.len().min(2000)]
    );
    let name = file.display().to_string();
    assert!(err.contains(&name), "{err}");
    assert_eq!(env.dump(), before, "{name}: something was written");
    err
}

/// Deterministic pseudo-random bytes (no rand crate needed).
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

#[test]
fn files_that_are_not_csv_are_refused_in_one_line() {
    let env = Env::init().with_sample();
    for seed in 1..=5 {
        let f = env.write(&format!("noise-{seed}.csv"), noise(4096, seed));
        let err = refused(&env, &f);
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(2000, 42));
    let err = refused(&env, &env.write("chart.png", png));
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = refused(&env, &env.write("empty.csv", ""));
    assert!(err.contains("the file is empty"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_50_mb_line_without_newline_gives_a_short_error() {
    let env = Env::init().with_sample();
    // One 50 MB "header" line: no kind can be told, and the message shows
    // the start of it, not all of it.
    let f = env.write("one-line.csv", vec![b'x'; 50_000_000]);
    let err = refused(&env, &f);
    assert_eq!(err.lines().count(), 1, "{}", &err[..err.len().min(2000)]);
    assert!(err.contains("cannot tell what the file holds"), "{err}");
    assert!(err.contains("(50000000 characters)"), "{err}");
    // A real header, then one 50 MB cell with no newline at the end: the
    // row is listed with its line, clipped, and nothing is written.
    let mut bytes = b"measure_code,reported_on,status\nesm-5-01,2024-01-01,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 50_000_000));
    let err = refused(&env, &env.write("one-cell.csv", bytes));
    assert!(err.contains("one-cell.csv:2: status: xxx"), "{err}");
    assert!(
        err.contains("(50000000 characters): unknown status"),
        "{err}"
    );
    assert!(err.contains("1 bad row; nothing was written"), "{err}");
}

#[test]
fn a_file_with_headers_only_imports_nothing_and_says_so() {
    let env = Env::init().with_sample();
    let before = env.dump();
    let f = env.write("empty-updates.csv", "measure_code,reported_on,status\n");
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(
        out.contains("updates, utf-8, comma: 0 rows: 0 inserted"),
        "{out}"
    );
    assert_eq!(env.dump(), before, "an import of no rows records no run");
}

#[test]
fn a_missing_file_or_a_folder_is_refused() {
    let env = Env::init().with_sample();
    let err = refused(&env, &env.path("no-such-file.csv"));
    assert!(err.contains("No such file"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    std::fs::create_dir(env.path("a-folder.csv")).unwrap();
    let err = refused(&env, &env.path("a-folder.csv"));
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn db_in_a_missing_folder_is_created_but_not_under_a_file() {
    let env = Env::new();
    // A new database in folders that do not exist yet: created, as `init`
    // promises for a fresh path.
    let run = |db: &Path, cmd: &str| {
        Command::new(bin())
            .args(["--db", db.to_str().unwrap(), cmd])
            .env_remove("POLICY_TRACK_DB")
            .output()
            .unwrap()
    };
    let deep = env.path("new/sub/track.db");
    let out = run(&deep, "init");
    assert!(out.status.success(), "{out:?}");
    assert!(deep.is_file());
    // A "folder" that is a file: a clean error, and the file is untouched.
    let file = env.write("plain.txt", "not a folder");
    let under = file.join("track.db");
    let out = run(&under, "list");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("plain.txt"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
    // The message says what is wrong, whichever folder of the path is the
    // file, not the system's "File exists".
    let deeper = file.join("sub/track.db");
    for db in [&under, &deeper] {
        let out = run(db, "init");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "error: database {}: {} is a file, not a folder; give a database path in a folder, such as ./policy-track.db",
                db.display(),
                file.display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

/// Overwrites `len` bytes at `offset` with a fixed pattern.
fn scribble(path: &Path, offset: u64, len: usize, seed: u64) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.write_all(&noise(len, seed)).unwrap();
}

/// A database with data, everything checkpointed into the main file.
fn checkpointed() -> Env {
    let env = Env::init().with_sample();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    env.ok(&[
        "import",
        examples.join("esm-5-measures.csv").to_str().unwrap(),
        examples.join("esm-5-updates-2023q4.csv").to_str().unwrap(),
    ]);
    let mut c = SqliteConnection::establish(env.db.to_str().unwrap()).unwrap();
    diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut c)
        .unwrap();
    drop(c);
    env
}

/// The page size of a SQLite file, from its header (bytes 16 and 17, big
/// endian; 1 stands for 65536).
fn page_size(db: &Path) -> u64 {
    let bytes = std::fs::read(db).unwrap();
    match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => u64::from(n),
    }
}

fn pages(db: &Path) -> u64 {
    std::fs::metadata(db).unwrap().len() / page_size(db)
}

/// Commands that read and that write, against the database of `env`.
fn every_kind_of_command(env: &Env) -> Vec<Vec<String>> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let updates = examples.join("esm-5-updates-2024q2.csv");
    [
        vec!["list"],
        vec!["show", "esm-5-01"],
        vec!["report", "--format", "json"],
        vec![
            "update-status",
            "esm-5-01",
            "--status",
            "delayed",
            "--on",
            "2024-09-30",
        ],
        vec!["import", updates.to_str().unwrap()],
        vec!["db", "backup", env.path("copy.db").to_str().unwrap()],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(String::from).collect())
    .collect()
}

#[test]
fn a_corrupt_database_is_refused_in_one_line_and_not_written() {
    if common::skip_on_postgres("damages the bytes of a SQLite file") {
        return;
    }
    let env = checkpointed();
    let (n, page) = (pages(&env.db), page_size(&env.db));
    assert!(n > 20, "{n} pages");
    // Garbage over the middle half of the file: every command is refused.
    scribble(&env.db, n / 4 * page, ((n / 2) * page) as usize, 7);
    refused_as_corrupt(&env, every_kind_of_command(&env));
    assert!(!env.path("copy.db").exists(), "no backup of a corrupt file");
}

/// Runs each of `commands` on the damaged database of `env`: each is
/// refused in one line that says the file is corrupt, and leaves every
/// byte of it as it was.
fn refused_as_corrupt(env: &Env, commands: Vec<Vec<String>>) {
    let bytes = std::fs::read(&env.db).unwrap();
    for args in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.fails(&args);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("the database file is corrupt"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read(&env.db).unwrap(),
            bytes,
            "{args:?} changed the corrupt file"
        );
    }
}

/// A damaged file that is not in WAL mode (a copy restored from a backup,
/// or a file another tool wrote) is refused before the switch to WAL would
/// write its header, also by a command that reads none of the damaged
/// pages (`db status` reads the migrations only).
#[test]
fn a_corrupt_database_not_in_wal_mode_is_refused_unwritten() {
    if common::skip_on_postgres("damages the bytes of a SQLite file") {
        return;
    }
    let env = checkpointed();
    let mut c = SqliteConnection::establish(env.db.to_str().unwrap()).unwrap();
    diesel::connection::SimpleConnection::batch_execute(&mut c, "PRAGMA journal_mode = DELETE")
        .unwrap();
    drop(c);
    let (n, page) = (pages(&env.db), page_size(&env.db));
    scribble(&env.db, n / 3 * page, ((n / 3) * page) as usize, 11);
    let mut commands = every_kind_of_command(&env);
    commands.push(vec!["db".into(), "status".into()]);
    refused_as_corrupt(&env, commands);
}

#[test]
fn a_database_damaged_anywhere_never_makes_a_command_panic() {
    if common::skip_on_postgres("damages the bytes of a SQLite file") {
        return;
    }
    let env = checkpointed();
    let good = std::fs::read(&env.db).unwrap();
    // Every 4 KiB of the file, whatever its page size: a 16 KiB page is
    // damaged in four places, one at a time, as four 4 KiB pages were.
    const STRIDE: u64 = 4096;
    let n = good.len() as u64 / STRIDE;
    for page in 0..n {
        // A few bytes in the middle of one 4 KiB stretch at a time: some
        // damage goes unnoticed by a given command, the rest must be a
        // clean refusal.
        std::fs::write(&env.db, &good).unwrap();
        let _ = std::fs::remove_file(env.path("copy.db"));
        scribble(&env.db, page * STRIDE + STRIDE / 2 - 8, 16, page + 1);
        for args in every_kind_of_command(&env) {
            let out = env.cmd().args(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {}
                Some(1) => {
                    assert_eq!(err.lines().count(), 1, "page {page} {args:?}: {err}");
                    assert!(err.starts_with("error: "), "page {page} {args:?}: {err}");
                }
                other => panic!("page {page} {args:?}: exit {other:?}: {err}"),
            }
        }
    }
}

/// The effective user id (the owner of /proc/self), without libc.
fn euid() -> u32 {
    std::fs::metadata("/proc/self").unwrap().uid()
}

/// The binary run as an unprivileged user when the tests run as root, since
/// root ignores file permissions: `nobody` (65534) sees the permissions the
/// test sets, as any ordinary user would.
fn as_ordinary_user(env: &Env, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(bin());
    cmd.arg("--db")
        .arg(&env.db)
        .args(args)
        .env_remove("POLICY_TRACK_DB")
        .env("POLICY_TRACK_TODAY", "2025-01-15")
        .current_dir("/");
    if euid() == 0 {
        cmd.uid(65534).gid(65534);
    }
    cmd.output().unwrap()
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_or_folder_is_refused_in_one_line() {
    if common::skip_on_postgres("file and folder permissions of a SQLite database") {
        return;
    }
    let env = Env::init().with_sample();
    let before = env.dump();
    let write = [
        "update-status",
        "esm-5-01",
        "--status",
        "delayed",
        "--on",
        "2024-09-30",
    ];
    // Both: the folder not writable (and readable) by the user.
    chmod(env.dir.path(), 0o555);
    for (what, file_mode) in [("read-only file", 0o444), ("read-only folder", 0o666)] {
        chmod(&env.db, file_mode);
        for args in [
            &write[..],
            &[
                "add-meeting",
                "--code",
                "x",
                "--title",
                "X",
                "--held-on",
                "2024-01-01",
            ][..],
        ] {
            let out = as_ordinary_user(&env, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{what}: {err}");
            assert!(err.contains("the database is read-only"), "{what}: {err}");
        }
        // Reading is refused too (WAL needs to create its -shm file next
        // to the database); it is a clean refusal, not a crash.
        let out = as_ordinary_user(&env, &["list"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || (out.status.code() == Some(1) && err.lines().count() == 1),
            "{what}: {err}"
        );
    }
    chmod(env.dir.path(), 0o755);
    chmod(&env.db, 0o644);
    assert_eq!(env.dump(), before);
    // The same database, writable again, takes the write.
    env.ok(&write);
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

const EXPORT_HEADER: [&str; 14] = [
    "meeting_code",
    "meeting_date",
    "meeting_title",
    "measure_code",
    "parent_code",
    "title",
    "description",
    "category",
    "lead_ministry",
    "due_date",
    "status",
    "progress",
    "status_date",
    "note",
];

fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(EXPORT_HEADER).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn values_at_the_edges_import_and_export_exactly() {
    let env = Env::init();
    let long = "규제".repeat(20_000);
    let rtl_title = "\u{202E}مرحبا\u{202C} 회의";
    let meeting = |code: &str, title: &str, rest: &[&str]| -> Vec<String> {
        let mut r = vec!["edge-0", "0000-01-01", rtl_title, code, "", title];
        r.extend_from_slice(rest);
        r.into_iter().map(String::from).collect()
    };
    let rows = vec![
        meeting(
            "edge-0-01",
            &long,
            &[
                "탭\t있음\u{7} 그리고\r\n줄바꿈",
                "other",
                "기획재정부",
                "9999-12-31",
                "in-progress",
                "0",
                "0000-01-01",
                "\u{200F}노트\u{1}끝",
            ],
        ),
        meeting(
            "edge-0-02",
            "\u{200F}אב\u{200E} mixed",
            &[
                "",
                "talent",
                "기획재정부",
                "0000-01-01",
                "completed",
                "100",
                "9999-12-31",
                "",
            ],
        ),
        meeting(
            "edge-0-03",
            "끝",
            // Exported with one more `'` than stored (an import drops one).
            &["''-5", "other", "보건복지부", "", "planned", "", "", ""],
        ),
    ];
    let input = csv_bytes(&rows);
    let f = env.write("edge.csv", &input);
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("3 rows: 3 inserted"), "{out}");
    let m = json(&env.ok(&["show", "edge-0-01", "--format", "json"]));
    assert_eq!(m["title"].as_str().unwrap(), long);
    assert_eq!(m["description"], "탭\t있음\u{7} 그리고\r\n줄바꿈");
    assert_eq!(m["due_date"], "9999-12-31");
    assert_eq!(m["history"][0]["reported_on"], "0000-01-01");
    assert_eq!(m["history"][0]["note"], "\u{200F}노트\u{1}끝");
    let m = json(&env.ok(&["show", "edge-0-03", "--format", "json"]));
    assert_eq!(m["description"], "'-5");
    let meetings = json(&env.ok(&["meetings", "--format", "json"]));
    assert_eq!(meetings[0]["title"], rtl_title);
    assert_eq!(meetings[0]["held_on"], "0000-01-01");
    // Exported byte for byte as imported, and a re-import changes nothing.
    let exported = env.ok(&["export", "measures"]);
    assert_eq!(exported.as_bytes(), &input[..]);
    let before = env.dump();
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 0 updated, 3 unchanged"), "{out}");
    assert_eq!(env.dump(), before);
    // A year beyond 9999 is refused with its line, not wrapped.
    let mut bad = rows[2].clone();
    bad[3] = "edge-0-04".into();
    bad[9] = "10000-01-01".into();
    let f = env.write("too-far.csv", csv_bytes(&[bad]));
    let err = env.fails(&["import", f.to_str().unwrap()]);
    assert!(
        err.contains("too-far.csv:2: due_date: 10000-01-01"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn formula_cells_are_stored_as_text_and_neutralized_for_excel() {
    let env = Env::init();
    let formulas = ["=cmd|' /C calc'!A0", "+82-2-1234", "-1", "@SUM(A1:A9)"];
    let rows: Vec<Vec<String>> = formulas
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let code = format!("f-1-{:02}", i + 1);
            [
                "f-1",
                "2024-01-10",
                "수식 회의",
                &code,
                "",
                f,
                f,
                "other",
                "기획재정부",
                "",
                "in-progress",
                "10",
                "2024-02-01",
                f,
            ]
            .into_iter()
            .map(String::from)
            .collect()
        })
        .collect();
    let input = csv_bytes(&rows);
    let f = env.write("formulas.csv", &input);
    env.ok(&["import", f.to_str().unwrap()]);
    for (i, formula) in formulas.iter().enumerate() {
        let m = json(&env.ok(&["show", &format!("f-1-{:02}", i + 1), "--format", "json"]));
        assert_eq!(m["title"], *formula);
        assert_eq!(m["description"], *formula);
        assert_eq!(m["history"][0]["note"], *formula);
    }
    // Plain export: as stored.
    assert_eq!(env.ok(&["export", "measures"]).as_bytes(), &input[..]);
    // --excel: every formula cell starts with ', and nothing else changes.
    let excel = env.ok(&["export", "measures", "--excel"]);
    let body = excel.strip_prefix('\u{feff}').expect("BOM");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let mut n = 0;
    for (rec, formula) in r.records().zip(formulas) {
        let rec = rec.unwrap();
        for col in [5, 6, 13] {
            assert_eq!(&rec[col], format!("'{formula}"), "column {col}");
        }
        assert_eq!(&rec[0], "f-1");
        n += 1;
    }
    assert_eq!(n, formulas.len());
    // The --excel file, opened and saved by a spreadsheet, imports unchanged.
    let before = env.dump();
    let f = env.write("excel.csv", excel);
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("0 inserted, 0 updated, 4 unchanged"), "{out}");
    assert_eq!(env.dump(), before);
}

/// Found by the property test: a dateless `planned` row was a no-op for a
/// measure without history but refused once a later row of the same file
/// had given it one, so the second import of the file failed.
#[test]
fn a_dateless_planned_row_before_a_dated_report_reimports_unchanged() {
    let env = Env::init().with_sample();
    let f = env.write(
        "u.csv",
        "measure_code,reported_on,status,progress\n\
         esm-5-02,, planned ,\n\
         esm-5-02,2024-01-01,in-progress,40\n",
    );
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(
        out.contains("2 rows: 1 inserted, 0 updated, 1 unchanged"),
        "{out}"
    );
    let before = env.dump();
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(
        out.contains("2 rows: 0 inserted, 0 updated, 2 unchanged"),
        "{out}"
    );
    assert_eq!(env.dump(), before);
}

/// The import path (read, validate, write) over generated files with real
/// headers and cells that mix valid and invalid values.
mod property {
    use super::*;
    use policy_track::import::{import_file, Options};
    use policy_track::store::Store;
    use policy_track::Error;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// 64 cases in `cargo test`; `PROPTEST_CASES=N` for a longer campaign.
    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(64)
    }

    /// A database holding the example measures, made once and copied per case.
    fn template() -> &'static Path {
        static DIR: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
        let (_, db) = DIR.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("template.db");
            let mut store = Store::open(&db).unwrap().store;
            let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
            import_file(
                &mut store,
                &examples.join("esm-5-measures.csv"),
                &Options::default(),
                &mut |_| {},
            )
            .unwrap();
            drop(store);
            (dir, db)
        });
        db
    }

    /// Mostly a valid value, sometimes an invalid one.
    fn pick(
        valid: &'static [&'static str],
        invalid: &'static [&'static str],
    ) -> BoxedStrategy<String> {
        prop_oneof![
            12 => proptest::sample::select(valid).prop_map(String::from),
            1 => proptest::sample::select(invalid).prop_map(String::from),
        ]
        .boxed()
    }

    const STATUS: (&[&str], &[&str]) = (
        &["in-progress", "완료", "지연중", " planned "],
        &["bogus", ""],
    );
    const PROGRESS: (&[&str], &[&str]) = (&["40", "33.3%", " 100 % ", ""], &["101", "-1", "abc"]);
    const DATE: (&[&str], &[&str]) = (
        &["2024-01-01", "2023.6.1", "2024년 3월 5일"],
        &["20240230", "2024-13-01", ""],
    );
    const NOTE: &[&str] = &["ok", "두 줄\n메모", "=1+1", "say \"hi\"", "a,b", ""];

    /// (header, cell choices per column)
    fn updates() -> (Vec<&'static str>, Vec<BoxedStrategy<String>>) {
        (
            vec![
                "measure_code",
                "reported_on",
                "status",
                "progress",
                "reported_by",
                "note",
            ],
            vec![
                pick(
                    &["esm-5-01", "esm-5-02", "esm-5-04-1", "ESM-5-03"],
                    &["esm-5-99", ""],
                ),
                pick(DATE.0, DATE.1),
                pick(STATUS.0, STATUS.1),
                pick(PROGRESS.0, PROGRESS.1),
                pick(&["기재부", "MSIT", "과기정통부", ""], &["없는부처"]),
                pick(NOTE, NOTE),
            ],
        )
    }

    fn measures() -> (Vec<&'static str>, Vec<BoxedStrategy<String>>) {
        (
            vec![
                "meeting_code",
                "meeting_date",
                "meeting_title",
                "measure_code",
                "title",
                "category",
                "lead_ministry",
                "due_date",
                "status",
                "progress",
                "status_date",
                "note",
            ],
            vec![
                pick(&["p-1"], &["p-2", "esm-5", "Bad Code!", ""]),
                pick(&["2024-01-10"], &["", "2024-13-01"]),
                pick(&["회의"], &[""]),
                pick(
                    &["p-1-01", "p-1-02", "p-1-03", "p-1-04"],
                    &["p-1-02-1", "p-2-01", "esm-5-01", "x", ""],
                ),
                pick(&["과제", "=cmd|' /C calc'!A0"], &[""]),
                pick(&["other", "규제 개선", "Data Opening"], &["없는분야"]),
                pick(&["기재부", "MOEF"], &["nope"]),
                pick(&["2024-Q4", "2024년 하반기", ""], &["2024-Q5"]),
                pick(STATUS.0, STATUS.1),
                pick(PROGRESS.0, PROGRESS.1),
                pick(DATE.0, DATE.1),
                pick(NOTE, NOTE),
            ],
        )
    }

    /// A file: its bytes, and the line each record starts on.
    fn file() -> impl Strategy<Value = (Vec<u8>, Vec<u64>)> {
        prop_oneof![Just(true), Just(false)].prop_flat_map(|is_updates| {
            let (header, cells) = if is_updates { updates() } else { measures() };
            let record = (cells, any::<bool>());
            (
                Just(header),
                prop::collection::vec(record, 0..8),
                any::<bool>(),
            )
                .prop_map(|(header, records, crlf)| {
                    let term = if crlf {
                        csv::Terminator::CRLF
                    } else {
                        csv::Terminator::Any(b'\n')
                    };
                    let line = |fields: &[String]| {
                        let mut w = csv::WriterBuilder::new()
                            .terminator(term)
                            .from_writer(Vec::new());
                        w.write_record(fields).unwrap();
                        w.into_inner().unwrap()
                    };
                    let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
                    let mut bytes = line(&header);
                    let mut at = 2u64;
                    let mut starts = Vec::new();
                    for (fields, blank_before) in records {
                        if blank_before {
                            bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
                            at += 1;
                        }
                        let rec = line(&fields);
                        starts.push(at);
                        at += rec.iter().filter(|&&b| b == b'\n').count() as u64;
                        bytes.extend(rec);
                    }
                    (bytes, starts)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]
        #[test]
        fn generated_files_import_all_or_nothing_and_idempotently((bytes, starts) in file()) {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("p.db");
            std::fs::copy(template(), &db).unwrap();
            let input = dir.path().join("in.csv");
            std::fs::write(&input, &bytes).unwrap();
            let before = common::dump(&db);
            let mut store = Store::open(&db).unwrap().store;
            let result = import_file(&mut store, &input, &Options::default(), &mut |_| {});
            match result {
                Ok(first) => {
                    prop_assert_eq!(first.rows, starts.len() as u64);
                    let after = common::dump(&db);
                    let again = import_file(&mut store, &input, &Options::default(), &mut |_| {})
                        .map_err(|e| TestCaseError::fail(format!("re-import failed: {e}")))?;
                    prop_assert_eq!(
                        (again.inserted, again.updated, again.unchanged),
                        (0, 0, first.rows as i32),
                        "re-import of {}", String::from_utf8_lossy(&bytes)
                    );
                    prop_assert_eq!(common::dump(&db), after);
                }
                Err(Error::Import { rows, .. }) => {
                    prop_assert!(!rows.is_empty());
                    for r in &rows {
                        prop_assert!(
                            starts.contains(&r.line),
                            "{} names no record line (records start at {:?})", r, starts
                        );
                    }
                    prop_assert_eq!(common::dump(&db), before);
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(!msg.contains('\n'), "{}", msg);
                    prop_assert_eq!(common::dump(&db), before);
                }
            }
        }
    }
}
