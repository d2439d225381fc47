//! Loads the 5th Export Strategy Meeting (2023-06-01) and its illustrative
//! follow-up reports into a fresh database, `target/esm-5.db`, and prints the
//! summary report: `cargo run --example esm5`.
//!
//! It runs the same code as the `policy-track` binary, as these command lines:
//!
//! ```text
//! policy-track --db target/esm-5.db import examples/esm-5-measures.csv \
//!     examples/esm-5-updates-2023q4.csv examples/esm-5-updates-2024q2.csv
//! policy-track --db target/esm-5.db report summary --as-of 2024-06-30
//! ```

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use policy_track::cli::Cli;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let db = root.join("target").join("esm-5.db");
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let examples = root.join("examples");
    let file = |name: &str| examples.join(name).display().to_string();
    let db = db.display().to_string();
    let steps: [Vec<String>; 2] = [
        vec![
            "import".into(),
            file("esm-5-measures.csv"),
            file("esm-5-updates-2023q4.csv"),
            file("esm-5-updates-2024q2.csv"),
        ],
        // The last illustrative report is of 2024-06-28: look from the end of that quarter.
        vec![
            "report".into(),
            "summary".into(),
            "--as-of".into(),
            "2024-06-30".into(),
        ],
    ];
    for step in steps {
        let mut args = vec!["policy-track".to_string(), "--db".into(), db.clone()];
        args.extend(step);
        eprintln!("$ {}", args.join(" "));
        if let Err(e) = policy_track::run(Cli::parse_from(&args)) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!("\nThe database is {db}: try `cargo run -- --db {db} list`.");
    ExitCode::SUCCESS
}
