//! `--help`: every command and every group of commands teaches with examples,
//! and every example is a command line that parses as that command.
//!
//! The command tree comes from clap (`Cli::command()`), so a command added
//! later is checked too.

mod common;

use assert_cmd::Command;
use clap::CommandFactory;
use policy_track::cli::Cli;

/// Every command path: `[]` for `policy-track` itself, then `["db"]`,
/// `["db", "path"]`, ... (clap's own `help` subcommand left out).
fn command_paths() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), Vec::new(), &mut out);
    out
}

/// The examples after the `Examples:` heading of a help text: the indented
/// lines up to the next blank line, a line that ends in ` \` joined with the
/// next one, as a shell joins them.
fn examples(help: &str) -> Option<Vec<String>> {
    let mut lines = help.lines().skip_while(|l| *l != "Examples:");
    lines.next()?;
    let mut out: Vec<String> = Vec::new();
    let mut continued = false;
    for line in lines.take_while(|l| !l.trim().is_empty()) {
        let Some(line) = line.strip_prefix("  ") else {
            continue;
        };
        let (text, next) = match line.strip_suffix(" \\") {
            Some(head) => (head, true),
            None => (line, false),
        };
        match out.last_mut() {
            Some(last) if continued => {
                last.push(' ');
                last.push_str(text.trim_start());
            }
            _ => out.push(text.to_string()),
        }
        continued = next;
    }
    Some(out)
}

/// A command line split as a POSIX shell would for these examples: words,
/// '…' and "…" quoting, and nothing from an unquoted `>` or `|` on.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut in_word, mut quote) = (Vec::new(), String::new(), false, None);
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c == '>' || c == '|' => break,
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn the_command_tree_is_walked_whole() {
    let paths: Vec<String> = command_paths().iter().map(|(p, _)| p.join(" ")).collect();
    for expected in [
        "",
        "init",
        "db",
        "db backup",
        "export meetings",
        "report timeline",
        "agency alias",
        "completions",
    ] {
        assert!(
            paths.contains(&expected.to_string()),
            "{expected:?} in {paths:?}"
        );
    }
    assert!(!paths.iter().any(|p| p.ends_with("help")), "{paths:?}");
}

/// `policy-track PATH --help` as printed (it must succeed).
fn printed_help(path: &[String]) -> String {
    let out = Command::cargo_bin("policy-track")
        .unwrap()
        .args(path)
        .arg("--help")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{path:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_command_and_group_has_examples_in_its_help() {
    let mut missing = Vec::new();
    for (path, _) in command_paths() {
        let help = printed_help(&path);
        // An example names the command's words in a row, after any global
        // option such as `--db esm.db`.
        let shows_the_command = examples(&help).is_some_and(|lines| {
            lines.iter().any(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                words.first() == Some(&"policy-track")
                    && (path.is_empty() || words.windows(path.len()).any(|w| w == path))
            })
        });
        if !shows_the_command {
            missing.push(format!("`policy-track {} --help`:\n{help}", path.join(" ")));
        }
    }
    assert!(
        missing.is_empty(),
        "no Examples section showing the command in:\n\n{}",
        missing.join("\n\n")
    );
}

#[test]
fn every_example_parses_as_the_command_it_is_shown_for() {
    for (path, cmd) in command_paths() {
        let text = cmd
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let lines = examples(&text).unwrap_or_default();
        assert!(!lines.is_empty(), "{path:?} has no examples");
        for line in &lines {
            assert!(line.starts_with("policy-track "), "{path:?}: {line:?}");
            let words = shell_words(line);
            let matches = Cli::command()
                .try_get_matches_from(&words)
                .unwrap_or_else(|e| panic!("{path:?}: {line:?} does not parse:\n{e}"));
            let mut parsed = Vec::new();
            let mut m = &matches;
            while let Some((name, sub)) = m.subcommand() {
                parsed.push(name.to_string());
                m = sub;
            }
            assert!(
                parsed.starts_with(&path),
                "{line:?} is shown for {path:?} but runs {parsed:?}"
            );
        }
    }
}

/// Help as printed (wrapped to the terminal, 100 columns when not a
/// terminal): each example is still whole, every line of it either a command
/// or the continuation of one that ends in ` \`, so that it can be copied into
/// a shell; and every option says what it is for.
#[test]
fn printed_examples_are_not_broken_and_every_option_is_explained() {
    for (path, _) in command_paths() {
        let help = printed_help(&path);
        let lines = help.lines().skip_while(|l| *l != "Examples:").skip(1);
        let mut continued = false;
        for line in lines.take_while(|l| !l.trim().is_empty()) {
            let indent = if continued {
                "      "
            } else {
                "  policy-track "
            };
            assert!(
                line.starts_with(indent),
                "`policy-track {} --help`: an example broken at {line:?}:\n{help}",
                path.join(" ")
            );
            continued = line.ends_with(" \\");
        }
        assert!(!continued, "{path:?}: the last example ends in \\");
        // An option or argument line (`  -q, --quiet`, `      --code <CODE>`,
        // `  <CODE>`) followed by a blank line has no help text.
        let all: Vec<&str> = help.lines().collect();
        for pair in all.windows(2) {
            let entry = pair[0].starts_with("      --")
                || pair[0].starts_with("  -") && pair[0].chars().nth(2) == Some('-')
                || pair[0].starts_with("  <");
            if entry {
                assert!(
                    !pair[1].trim().is_empty(),
                    "`policy-track {} --help`: {:?} is not explained:\n{help}",
                    path.join(" "),
                    pair[0].trim()
                );
            }
        }
    }
}

/// Stale is "no report in more than N days": a measure silent exactly N days
/// is not stale, and every help text that speaks of it says so, in the
/// words of the reports' own headings.
#[test]
fn every_help_about_silence_says_more_than() {
    let mut vague = Vec::new();
    let mut said = 0;
    for (path, _) in command_paths() {
        // Joined, as clap wraps long lines.
        let help = printed_help(&path)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for (at, _) in help.match_indices("no report in ") {
            said += 1;
            if !help[at..].starts_with("no report in more than ") {
                vague.push(format!(
                    "`policy-track {} --help`: {:?}",
                    path.join(" "),
                    help[at..].chars().take(60).collect::<String>()
                ));
            }
        }
    }
    assert!(said >= 3, "only {said} help texts speak of silence");
    assert!(vague.is_empty(), "{}", vague.join("\n"));
}

/// The summary's help says what its figures mean, in the README's words.
#[test]
fn the_summary_help_defines_its_figures() {
    let help = printed_help(&["report".to_string(), "summary".to_string()])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for rule in [
        "completed ÷ (total − dropped)",
        "open (not completed or dropped)",
        "more than --stale-days days",
    ] {
        assert!(help.contains(rule), "{rule:?} not in {help}");
    }
    assert!(readme.contains("**Completion rate**: completed ÷ (total − dropped)"));
}

/// The `report` group's one-line summary (in `policy-track --help` and
/// `report --help`) names every report it has.
#[test]
fn the_report_group_names_every_report() {
    let report = Cli::command()
        .find_subcommand("report")
        .expect("report")
        .clone();
    let about = report.get_about().expect("report has an about").to_string();
    let missing: Vec<&str> = report
        .get_subcommands()
        .map(|s| s.get_name())
        .filter(|name| *name != "help" && !about.contains(name))
        .collect();
    assert!(missing.is_empty(), "{missing:?} not named in {about:?}");
}

/// A report's help shows only the options it takes: the reports that
/// refuse `--view` do not offer it.
#[test]
fn a_report_help_offers_view_only_where_it_is_taken() {
    let env = common::Env::init();
    for (name, extra) in [
        ("summary", &[][..]),
        ("overdue", &[][..]),
        ("stale", &[][..]),
        ("review", &[][..]),
        ("changes", &["--since", "2024-01-01"][..]),
    ] {
        let help = printed_help(&["report".to_string(), name.to_string()]);
        let mut args = vec!["report", name, "--view", "assessed"];
        args.extend_from_slice(extra);
        let taken = env.cmd().args(&args).output().unwrap().status.success();
        assert_eq!(
            help.contains("--view"),
            taken,
            "report {name}: --view taken {taken}, in its help {}",
            help.contains("--view")
        );
    }
}
