//! Text tables on a terminal 80 columns wide: `list` and the reports run
//! under a pseudo-terminal (util-linux `script`, set to 80 columns with
//! `stty`), and every line they print fits, Korean counted double; the
//! same commands into a pipe print every title whole.

mod common;

use std::process::Command;

use common::{bin, example, with_examples, Env};
use unicode_width::UnicodeWidthStr;

/// `args` run under a pseudo-terminal of `cols` columns; what it printed,
/// with the terminal's CR LF line ends and escape sequences taken out.
fn on_terminal(env: &Env, cols: u16, args: &[&str]) -> Option<String> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = format!(
        "stty cols {cols} rows 50; {}",
        quote(&bin().display().to_string())
    );
    for a in ["--db", &env.db.display().to_string()].iter().chain(args) {
        line.push(' ');
        line.push_str(&quote(a));
    }
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("POLICY_TRACK_DB")
        .env_remove("DATABASE_URL")
        .env_remove("POLICY_TRACK_LANG")
        .env_remove("COLUMNS")
        .env("POLICY_TRACK_TODAY", "2025-01-15")
        .env("NO_COLOR", "1")
        .current_dir(env.dir.path())
        .output()
        .ok()?;
    assert!(out.status.success(), "{line}: {out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    Some(strip(&text))
}

/// `s` without CR and ANSI escape sequences (bold headings).
fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {}
            '\x1b' => {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn widest(text: &str) -> (usize, String) {
    text.lines()
        .map(|l| (UnicodeWidthStr::width(l), l.to_string()))
        .max()
        .unwrap_or_default()
}

fn env() -> Env {
    let env = with_examples();
    env.ok(&["import", &example("esm-5-updates-2023q4.csv")]);
    env
}

#[test]
fn tables_fit_an_80_column_terminal_and_a_pipe_gets_them_whole() {
    let env = env();
    for args in [
        &["list"][..],
        &["list", "--lang", "ko"],
        &["report", "summary", "--as-of", "2024-07-15"],
        &["report", "summary", "--as-of", "2024-07-15", "--lang", "ko"],
        &["report", "overdue", "--as-of", "2025-01-15", "--lang", "ko"],
        &["show", "esm-5-04", "--lang", "ko"],
    ] {
        let Some(shown) = on_terminal(&env, 80, args) else {
            eprintln!("no `script` (util-linux) here: the terminal is not checked");
            return;
        };
        let (w, line) = widest(&shown);
        assert!(w <= 80, "{args:?}: a line of {w} columns:\n{line}\n{shown}");
        // The same command into a pipe: nothing cut.
        let piped = env.ok(args);
        assert!(
            !piped.contains('…'),
            "{args:?}: a pipe gets every cell whole"
        );
        if args[0] == "list" {
            assert!(
                shown.contains('…'),
                "{args:?}: long titles are cut:\n{shown}"
            );
            assert!(widest(&piped).0 > 80, "{args:?}: the whole table is wider");
        }
    }
    // --wide shows every title whole on the terminal too.
    if let Some(wide) = on_terminal(&env, 80, &["list", "--wide"]) {
        assert!(!wide.contains('…'), "{wide}");
        assert!(widest(&wide).0 > 80);
        assert_eq!(wide, env.ok(&["list"]));
    }
}
