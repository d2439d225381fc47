//! "did you mean": among codes equally near a mistyped one, the suggestion
//! is the first by code, whatever the order in which the database returns
//! its rows — the same on SQLite and PostgreSQL, run after run.

mod common;

use common::Env;

/// Two meetings, two measures and two rounds, each pair equally near the
/// mistyped codes below; the first of each pair rewritten since, as
/// PostgreSQL then returns it after the second.
fn pairs() -> Env {
    let env = Env::init();
    for (code, held) in [("esm-4", "2023-01-01"), ("esm-6", "2024-01-01")] {
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
    for code in ["esm-4-01", "esm-4-03"] {
        env.ok(&[
            "add-measure",
            "--meeting",
            "esm-4",
            "--code",
            code,
            "--title",
            code,
            "--category",
            "other",
            "--ministry",
            "MSIT",
        ]);
    }
    env.ok(&["edit-meeting", "esm-4", "--title", "제4차"]);
    env.ok(&["edit-measure", "esm-4-01", "--title", "첫 과제"]);
    env.ok(&[
        "update-status",
        "esm-4-01",
        "--status",
        "추진중",
        "--on",
        "2024-06-30",
    ]);
    for code in ["2024q1", "2024q3"] {
        env.ok(&[
            "round",
            "open",
            code,
            "--as-of",
            "2024-06-30",
            "--due",
            "2024-07-10",
            "--quiet",
        ]);
    }
    env
}

#[test]
fn equally_near_codes_suggest_the_first_by_code() {
    let env = pairs();
    for _ in 0..8 {
        for (args, says) in [
            (
                &["update-status", "esm-4-02", "--status", "추진중"][..],
                "(did you mean esm-4-01?)",
            ),
            (&["show", "esm-5"][..], "(did you mean esm-4?)"),
            (
                &[
                    "add-measure",
                    "--meeting",
                    "esm-5",
                    "--title",
                    "t",
                    "--category",
                    "other",
                ][..],
                "(did you mean esm-4?)",
            ),
            (&["round", "show", "2024q2"][..], "(did you mean 2024q1?)"),
            (
                &[
                    "update-status",
                    "esm-4-03",
                    "--status",
                    "추진중",
                    "--on",
                    "2024-06-30",
                    "--round",
                    "2024q2",
                ][..],
                "no round 2024q2 (did you mean 2024q1?)",
            ),
        ] {
            let err = env.fails_one_line(args);
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }
}
