//! `init` and `db`: creating, inspecting and migrating the database, and
//! refusing files that are not ours.

mod common;

use common::Env;

fn schema_sql(env: &Env) -> String {
    let dump = common::dump(&env.db);
    // The table list and contents of reference tables; the migration table's
    // run_on timestamps differ between runs, so leave it out.
    dump.split("## ")
        .filter(|t| !t.starts_with("__diesel_schema_migrations"))
        .collect::<Vec<_>>()
        .join("## ")
}

#[test]
fn init_creates_the_database_and_is_idempotent() {
    let env = Env::new();
    let out = env.cmd().arg("init").output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(env.db.to_str().unwrap()), "{stdout}");
    assert!(stdout.contains("schema version 2026"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("applied"),
        "first open applies migrations: {stderr}"
    );

    let again = env.cmd().arg("init").output().unwrap();
    assert!(again.status.success());
    assert_eq!(String::from_utf8(again.stdout).unwrap(), stdout);
    assert!(
        again.stderr.is_empty(),
        "nothing to apply the second time: {}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn init_json_names_path_and_version() {
    let env = Env::new();
    let out = env.ok(&["init", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["path"], env.db.to_str().unwrap());
    assert!(v["schema_version"].as_str().unwrap().starts_with("2026"));
}

#[test]
fn the_seeded_reference_data_resolves_short_names() {
    let env = Env::init();
    let agencies = env.ok(&["agency", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&agencies).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name_ko"].as_str().unwrap())
        .collect();
    for n in [
        "기획재정부",
        "과학기술정보통신부",
        "산업통상자원부",
        "개인정보보호위원회",
        "특허청",
    ] {
        assert!(names.contains(&n), "{n} missing");
    }
    let cats = env.ok(&["category", "list", "--format", "csv"]);
    assert!(cats.contains("regulation-easing,규제 개선,"), "{cats}");
    assert_eq!(
        cats.lines().count(),
        10,
        "header and nine categories: {cats}"
    );
}

#[test]
fn db_status_lists_migrations_and_revert_then_migrate_restores_the_schema() {
    let env = Env::init();
    let fresh = schema_sql(&env);
    let status = env.ok(&["db", "status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let all = v.as_array().unwrap();
    assert!(all.len() >= 8);
    assert!(all.iter().all(|m| m["applied"] == true));

    // Down through every migration: nothing of ours is left.
    for _ in 0..all.len() {
        env.ok(&["db", "revert", "--quiet"]);
    }
    let status = env.ok(&["db", "status"]);
    assert!(!status.contains("applied "), "{status}");
    assert_eq!(status.matches("pending").count(), all.len(), "{status}");
    let tables = schema_sql(&env);
    assert!(!tables.contains("## measures"), "{tables}");

    // And up again: the same schema and seed data as a fresh database.
    env.ok(&["db", "migrate", "--quiet"]);
    assert_eq!(schema_sql(&env), fresh);
}

#[test]
fn reverting_the_seed_under_data_is_refused_and_keeps_everything() {
    let env = Env::init().with_sample();
    env.ok(&[
        "update-status",
        "esm-5-01",
        "--status",
        "in-progress",
        "--on",
        "2024-01-01",
    ]);
    // The assessments' and the rounds' migrations (none of either:
    // nothing lost) revert; then the change log's refuses, while the log
    // holds anything (its history would go with it).
    env.ok(&["db", "revert", "--quiet"]);
    env.ok(&["db", "revert", "--quiet"]);
    let err = env.fails(&["db", "revert"]);
    assert!(
        err.contains("cannot revert: the change log holds 4 entries"),
        "{err}"
    );
    // With the log empty it reverts without loss; then the seed refuses.
    env.ok(&["db", "migrate", "--quiet"]);
    env.execute("DELETE FROM changes");
    let before = env.dump();
    // Revert down to the agency seed, which measures still reference.
    let status = env.ok(&["db", "status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let after_seed = v
        .as_array()
        .unwrap()
        .iter()
        .skip_while(|m| !m["name"].as_str().unwrap().ends_with("seed_agencies"))
        .filter(|m| m["applied"] == true)
        .count();
    for _ in 0..after_seed - 1 {
        // Migrations after the seed (indexes and the like) revert without loss.
        env.ok(&["db", "revert", "--quiet"]);
    }
    let err = env.fails(&["db", "revert"]);
    assert!(
        err.contains("cannot revert: the data refers to rows this migration would remove"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    env.ok(&["db", "migrate", "--quiet"]);
    let after = env.dump();
    let strip = |d: &str| {
        d.split("## ")
            .filter(|t| !t.starts_with("__diesel_schema_migrations"))
            .collect::<String>()
    };
    assert_eq!(strip(&after), strip(&before));
}

#[test]
fn a_database_that_is_not_ours_is_refused_untouched() {
    let env = Env::new();
    env.execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');",
    );
    let before = env.dump();
    let bytes = file_bytes(&env);
    let err = env.fails(&["list"]);
    assert!(err.contains("not a policy-track database"), "{err}");
    assert!(err.contains("notes"), "{err}");
    assert_eq!(env.dump(), before);
    assert!(file_bytes(&env) == bytes, "the refused file changed");
}

#[test]
fn a_new_database_has_16_kib_pages_and_an_older_file_keeps_its_own() {
    if common::skip_on_postgres("SQLite's page size") {
        return;
    }
    let page_size = |env: &Env| {
        let bytes = std::fs::read(&env.db).unwrap();
        u16::from_be_bytes([bytes[16], bytes[17]])
    };
    let env = Env::init();
    assert_eq!(page_size(&env), 16384);
    // A file made elsewhere with SQLite's default pages, empty: it becomes
    // a policy-track database with the pages it has, and works.
    let other = Env::new();
    other.execute("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;");
    assert_eq!(page_size(&other), 4096);
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = other.ok(&[
        "import",
        examples.join("esm-5-measures.csv").to_str().unwrap(),
    ]);
    assert!(out.contains("15 inserted"), "{out}");
    assert_eq!(page_size(&other), 4096);
}

/// The SQLite file's bytes (its journal mode included); `None` on PostgreSQL.
fn file_bytes(env: &Env) -> Option<Vec<u8>> {
    (!common::on_postgres()).then(|| std::fs::read(&env.db).unwrap())
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let env = Env::init();
    env.execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('209901010000000000');");
    if !common::on_postgres() {
        // As a newer version might leave it: not in WAL mode.
        env.execute("PRAGMA journal_mode = DELETE;");
    }
    let before = env.dump();
    let bytes = file_bytes(&env);
    let err = env.fails(&["list"]);
    assert!(err.contains("newer than this policy-track knows"), "{err}");
    assert!(err.contains("209901010000000000"), "{err}");
    assert_eq!(env.dump(), before);
    assert!(file_bytes(&env) == bytes, "the refused file changed");
}

#[test]
fn a_file_that_is_not_a_database_is_a_clean_error() {
    if common::skip_on_postgres("a file that is not SQLite") {
        return;
    }
    let env = Env::new();
    std::fs::write(&env.db, b"this is a text file, not SQLite, and it is long enough to have a header....................................").unwrap();
    let err = env.fails(&["list"]);
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_directory_as_database_is_a_clean_error() {
    if common::skip_on_postgres("a directory as the database file") {
        return;
    }
    let env = Env::new();
    std::fs::create_dir(&env.db).unwrap();
    let err = env.fails(&["init"]);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn db_path_prints_the_flag_or_the_environment() {
    let env = Env::new();
    let out = env.ok(&["db", "path"]);
    assert_eq!(out.trim(), env.db.to_str().unwrap());
    // Data, so JSON too; a format it cannot print is a usage error.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["db", "path", "--format", "json"])).unwrap();
    assert_eq!(json["path"], env.db.to_str().unwrap());
    let out = env
        .cmd()
        .args(["db", "path", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let other = env.path("from-env.db");
    let out = assert_cmd::Command::cargo_bin("policy-track")
        .unwrap()
        .args(["db", "path"])
        .env("POLICY_TRACK_DB", &other)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        other.to_str().unwrap()
    );
}

#[test]
fn an_empty_policy_track_db_means_the_default_database() {
    if common::skip_on_postgres("the default SQLite file") {
        return;
    }
    let env = Env::new();
    // `policy_track_db`: None leaves the variable unset, Some("") sets it empty.
    let run = |policy_track_db: Option<&str>, args: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("policy-track").unwrap();
        cmd.args(args)
            .env_remove("POLICY_TRACK_DB")
            .env_remove("DATABASE_URL")
            // The platform data directory, inside the temp folder.
            .env("HOME", env.dir.path())
            .env("XDG_DATA_HOME", env.path("data"))
            .current_dir(env.dir.path());
        if let Some(v) = policy_track_db {
            cmd.env("POLICY_TRACK_DB", v);
        }
        cmd.output().unwrap()
    };
    let stdout = |out: std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };

    let unset = stdout(run(None, &["db", "path"]));
    let default = std::path::PathBuf::from(unset.trim());
    assert!(default.starts_with(env.dir.path()), "{unset}");
    assert_eq!(stdout(run(Some(""), &["db", "path"])), unset);

    stdout(run(Some(""), &["init", "--quiet"]));
    assert!(default.is_file(), "init created {}", default.display());
    let listed = stdout(run(Some(""), &["agency", "list", "--format", "csv"]));
    assert!(listed.contains("MOEF,기획재정부"), "{listed}");

    // An empty --db is typed, not inherited: still a usage error.
    let out = run(Some(""), &["--db", "", "db", "path"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn backup_writes_a_consistent_copy_and_refuses_to_overwrite() {
    if common::skip_on_postgres("VACUUM INTO a SQLite file") {
        return;
    }
    let env = Env::init().with_sample();
    let copy = env.path("copy.db");
    env.ok(&["db", "backup", copy.to_str().unwrap()]);
    assert_eq!(common::dump(&copy), env.dump());
    let err = env.fails(&["db", "backup", copy.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    // A folder that is not there: the error names the backup, not the database.
    let lost = env.path("no-such-folder").join("b.db");
    let err = env.fails(&["db", "backup", lost.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!("error: backup file {}:", lost.display())),
        "{err}"
    );
    assert!(err.contains("does not exist"), "{err}");
    assert!(!lost.parent().unwrap().exists());
    // A folder that is there but takes no new file (even for root): SQLite
    // cannot open the backup, and the error says so of the backup.
    if std::path::Path::new("/proc/self").is_dir() {
        let err = env.fails_one_line(&["db", "backup", "/proc/policy-track-backup.db"]);
        assert_eq!(
            err.trim_end(),
            "error: backup file /proc/policy-track-backup.db: cannot be created; check that its folder is writable"
        );
    }
}

#[test]
fn backup_of_a_server_database_points_at_pg_dump() {
    if !common::on_postgres() {
        println!("skipped on SQLite (PostgreSQL-only test): db backup of a server database");
        return;
    }
    let env = Env::init();
    let copy = env.path("copy.db");
    let err = env.fails(&["db", "backup", copy.to_str().unwrap()]);
    assert!(err.contains("pg_dump"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!copy.exists());
}

#[test]
fn usage_errors_exit_2_and_help_teaches_with_examples() {
    let env = Env::new();
    let out = env.cmd().args(["add-meeting", "--code"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = env.ok(&["update-status", "--help"]);
    assert!(
        help.contains("Examples:\n  policy-track update-status "),
        "{help}"
    );
    let out = env
        .cmd()
        .args(["list", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a format list cannot print is a value outside its fixed list"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("'html'") && stderr.contains("[possible values: text, json, csv]"),
        "{stderr}"
    );
    // Each command's help offers only the formats it prints.
    let help = env.ok(&["list", "--help"]);
    assert!(
        help.contains("text, json, csv") || help.contains("- csv"),
        "{help}"
    );
    assert!(!help.contains("markdown"), "{help}");
    let help = env.ok(&["report", "timeline", "--help"]);
    assert!(help.contains("markdown"), "{help}");
    for not_taken in ["--stale-days", "--meeting", "--ministry", "--days"] {
        assert!(!help.contains(not_taken), "timeline: {not_taken}: {help}");
    }
    let help = env.ok(&["report", "stale", "--help"]);
    assert!(
        help.contains("--days") && !help.contains("--stale-days"),
        "{help}"
    );
    // --lang takes en or ko: anything else is a usage error; a bad
    // POLICY_TRACK_LANG is bad input naming the variable.
    let out = env
        .cmd()
        .args(["--lang", "fr", "db", "path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .env("POLICY_TRACK_LANG", "fr")
        .args(["db", "path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("POLICY_TRACK_LANG")
            && stderr.contains("\"fr\"")
            && stderr.contains("en, ko"),
        "{stderr}"
    );
    let out = env
        .cmd()
        .env("POLICY_TRACK_LANG", "ko")
        .args(["db", "path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn completions_are_printed_for_bash() {
    let env = Env::new();
    let out = env.ok(&["completions", "bash"]);
    assert!(out.contains("policy-track"));
    assert!(out.contains("update-status"));
}

#[test]
fn a_read_command_on_a_missing_file_points_to_init_and_creates_nothing() {
    if common::skip_on_postgres("a database file that does not exist") {
        return;
    }
    let env = Env::new();
    let expected = format!(
        "error: database {}: no such file; `policy-track init` creates one\n",
        env.db.display()
    );
    for args in [
        &["list"][..],
        &["meetings"],
        &["show", "esm-5"],
        &["report"],
        &["report", "overdue"],
        &["export", "measures"],
        &["export", "template", "--ministry", "MOEF"],
        &["db", "status"],
        &["category", "list"],
        &["agency", "list"],
    ] {
        let out = env.cmd().args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{args:?}");
        assert!(!env.db.exists(), "{args:?} created {}", env.db.display());
    }
    // A writing command still creates it.
    env.ok(&[
        "add-meeting",
        "--code",
        "esm-5",
        "--title",
        "t",
        "--held-on",
        "2023-06-01",
    ]);
    assert!(env.db.is_file());
    let listed = env.ok(&["meetings", "--format", "csv"]);
    assert!(listed.contains("esm-5"), "{listed}");
}
