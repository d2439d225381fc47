//! The report queries' text as each backend runs it. Each query is one
//! `.sql` file beside this module, written once for both backends with a few
//! placeholders that this module renders, once per backend and process
//! ([`texts`]):
//!
//! | placeholder | SQLite | PostgreSQL |
//! | --- | --- | --- |
//! | `?N` (bound parameter) | `?N` | `$N` |
//! | `@in(?N)` (the meeting codes, a JSON array) | `IN (SELECT value FROM json_each(?N))` | `IN (SELECT jsonb_array_elements_text(CAST($N AS jsonb)))` |
//! | `@day(x)` (days since 1970-01-01) | `unixepoch(x) / 86400` | `x - DATE '1970-01-01'` |
//! | `@plus(x)` (compare as stored, off the index) | `+x` | `x` |
//! | `@int(?N)` (an integer parameter tested for NULL) | `?N` | `$N::integer` |
//! | `@sum(x)` (a sum of counts) | `SUM(x)` | `CAST(SUM(x) AS BIGINT)` |
//!
//! and the fragments a query takes from the code that owns their meaning:
//! `@figures`, `@counts`, `@open(x)`, `@tally_report`, `@tally_measure`,
//! `@verdicts` from [`super::figures`], `@order` from the list's ordering,
//! `@scan(x)` from the plan, `@status`, `@progress`, `@verdict`,
//! `@assessment` of the `as_of` rows from the view ([`Head`]), and from the
//! plan's [`Due`] and the overdue list's [`Against`] `@due` (the due date as
//! of the date), `@against` (the due date an overdue measure is compared
//! with) and `@revisions` (how many revisions it had by the date). The
//! overdue list's text is rendered per report ([`overdue`]), for its plan and
//! comparison. Only PostgreSQL's as-of pass is a text of its own
//! (`as_of_grouped.sql`): it finds every measure's last report by another
//! road, a grouped pass that PostgreSQL hashes, where SQLite seeks each one
//! in the index. The history summary's tally (`summary_history.sql`) is
//! SQLite's alone; PostgreSQL counts the history by the definition.
//! Comment lines are for the reader of the files and are not sent.

use std::sync::OnceLock;

use super::figures;
use super::plan::{Due, Plan};
use super::review::Among;
use super::{Against, ChangeRow, OverdueRow, Source, StaleRow};
use crate::store::Backend;

/// What the `as_of` rows of the history read of each measure's last report
/// (the placeholders of as_of.sql).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// As reported, no assessment read: the reported view's lists.
    Reported,
    /// As reported, with the report's verdict: the summary's definition.
    Defined,
    /// A disputed report with the office's status and progress, where it
    /// gave them: the assessed view.
    Assessed,
}

impl Head {
    fn fragment(self, name: &str) -> Option<String> {
        let read = self != Head::Reported;
        Some(match name {
            "assessment" if read => "LEFT JOIN assessments a ON a.id = (
          SELECT x.id FROM assessments x
           WHERE x.update_id = u.id AND x.assessed_on <= ?1
           ORDER BY x.assessed_on DESC, x.id DESC
           LIMIT 1)"
                .into(),
            "assessment" => String::new(),
            "verdict" if read => "a.verdict".into(),
            "verdict" => "NULL".into(),
            "status" if self == Head::Assessed => "COALESCE(a.status, u.status, 'planned')".into(),
            "status" => "COALESCE(u.status, 'planned')".into(),
            "progress" if self == Head::Assessed => "COALESCE(a.progress, u.progress)".into(),
            "progress" => "u.progress".into(),
            _ => return None,
        })
    }
}

/// Every report query of one backend, rendered.
pub(super) struct Texts {
    /// By source (`Source::index`): over the current status columns, over
    /// the history, over the history in the assessed view.
    pub stale: [String; 3],
    pub summary_current: String,
    /// `summary.sql` over the history's `as_of`: the summary's definition,
    /// with the due date columns as they stand and as of the date.
    pub summary_defined: [String; 2],
    /// The same in the assessed view.
    pub summary_assessed: [String; 2],
    /// The verdicts of the current reports (`assessed.sql`).
    pub verdicts: String,
    /// The reports the review queue looks at (`review.sql`), by
    /// `review::Among::index`.
    pub review: [String; 3],
    /// SQLite's tally of the history (`None` on PostgreSQL).
    pub summary_tally: Option<String>,
    /// By how the window is read: through the index, in one pass.
    pub changes: [String; 2],
}

/// The queries of `backend`, rendered on first use.
pub(super) fn texts(backend: Backend) -> &'static Texts {
    static SQLITE: OnceLock<Texts> = OnceLock::new();
    static POSTGRES: OnceLock<Texts> = OnceLock::new();
    match backend {
        Backend::Sqlite => SQLITE.get_or_init(|| Texts::new(Backend::Sqlite)),
        Backend::Postgres => POSTGRES.get_or_init(|| Texts::new(Backend::Postgres)),
    }
}

impl Texts {
    fn new(backend: Backend) -> Texts {
        let history = history(backend);
        let over = |body: &str, order: Option<&str>| {
            [
                (CURRENT, Head::Reported),
                (history, Head::Reported),
                (history, Head::Assessed),
            ]
            .map(|(head, view)| {
                render(backend, &format!("{head}\n{body}"), &|name, arg| {
                    (name == "order")
                        .then(|| order.expect("the list is ordered by its query").to_string())
                        .or_else(|| viewed(view, Due::Current, name, arg))
                })
            })
        };
        let query = |text: &str| {
            render(backend, text, &|name, arg| {
                due(name, Due::Current).or_else(|| figures::fragment(name, arg))
            })
        };
        let summary = |view: Head| {
            [Due::Current, Due::AsOf].map(|d| {
                render(
                    backend,
                    &format!("{history}\n{}", include_str!("summary.sql")),
                    &|name, arg| viewed(view, d, name, arg),
                )
            })
        };
        let changes = |scan: bool| {
            render(backend, include_str!("changes.sql"), &|name, arg| {
                if name == "order" {
                    return ChangeRow::ORDER.sql.map(str::to_string);
                }
                let x = arg?;
                (name == "scan").then(|| {
                    if scan && backend == Backend::Sqlite {
                        format!("{x} NOT INDEXED")
                    } else {
                        x.to_string()
                    }
                })
            })
        };
        Texts {
            stale: over(include_str!("stale.sql"), StaleRow::ORDER.sql),
            summary_current: query(include_str!("summary_current.sql")),
            summary_defined: summary(Head::Defined),
            summary_assessed: summary(Head::Assessed),
            verdicts: query(include_str!("assessed.sql")),
            review: Among::ONLY.map(|only| {
                render(backend, include_str!("review.sql"), &|name, arg| {
                    (name == "only")
                        .then(|| only.to_string())
                        .or_else(|| figures::fragment(name, arg))
                })
            }),
            summary_tally: (backend == Backend::Sqlite)
                .then(|| query(include_str!("summary_history.sql"))),
            changes: [changes(false), changes(true)],
        }
    }
}

/// The measures' current columns as the `as_of` rows (`as_of_current.sql`).
const CURRENT: &str = include_str!("as_of_current.sql");

/// The `as_of` rows from the history, as `backend` finds them.
fn history(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => include_str!("as_of.sql"),
        Backend::Postgres => include_str!("as_of_grouped.sql"),
    }
}

/// The fragments of a text over the `as_of` rows read as `view`, with the
/// due dates as `d` says.
fn viewed(view: Head, d: Due, name: &str, arg: Option<&str>) -> Option<String> {
    arg.is_none()
        .then(|| view.fragment(name))
        .flatten()
        .or_else(|| due(name, d))
        .or_else(|| figures::fragment(name, arg))
}

/// `@due`: the due date of the measure `m` as of the date ?1: its column,
/// or, when revisions were decided after the date (`Due::AsOf`), the due
/// date before the first of them.
fn due(name: &str, d: Due) -> Option<String> {
    (name == "due").then(|| match d {
        Due::AsOf => "COALESCE((SELECT r.from_due FROM due_revisions r
                   WHERE r.measure_id = m.id AND r.changed_on > ?1
                   ORDER BY r.changed_on, r.id LIMIT 1), m.due_date)"
            .to_string(),
        Due::Unrevised | Due::Current => "m.due_date".to_string(),
    })
}

/// The overdue list's text for `plan`, compared with the due dates
/// `against` says.
pub(super) fn overdue(backend: Backend, plan: &Plan, against: Against) -> String {
    let (head, view) = match plan.source {
        Source::Current => (CURRENT, Head::Reported),
        Source::History | Source::Scan => (history(backend), Head::Reported),
        Source::Assessed => (history(backend), Head::Assessed),
    };
    let text = format!("{head}\n{}", include_str!("overdue.sql"));
    render(backend, &text, &|name, arg| match name {
        "order" => OverdueRow::ORDER.sql.map(str::to_string),
        "against" => Some(match against {
            Against::Current => "o.due_date".into(),
            Against::Original => "COALESCE(o.original_due, o.due_date)".into(),
        }),
        "revisions" => Some(match plan.due {
            Due::Unrevised => "CAST(0 AS BIGINT)".into(),
            _ => "CAST((SELECT COUNT(*) FROM due_revisions r
                         WHERE r.measure_id = o.id AND r.changed_on <= ?1) AS BIGINT)"
                .into(),
        }),
        _ => viewed(view, plan.due, name, arg),
    })
}

/// `text` without its comment lines, its fragments (from `fragment`, by
/// name and argument) and then its placeholders rendered for `backend`.
fn render(
    backend: Backend,
    text: &str,
    fragment: &dyn Fn(&str, Option<&str>) -> Option<String>,
) -> String {
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .flat_map(|l| [l, "\n"])
        .collect();
    let text = expand(&text, fragment);
    let text = expand(&text, &|name, arg| builtin(backend, name, arg));
    match backend {
        Backend::Sqlite => text,
        Backend::Postgres => text.replace('?', "$"),
    }
}

/// The placeholders of the table above, for `backend`.
fn builtin(backend: Backend, name: &str, arg: Option<&str>) -> Option<String> {
    let x = arg?;
    let sqlite = backend == Backend::Sqlite;
    Some(match name {
        "in" if sqlite => format!("IN (SELECT value FROM json_each({x}))"),
        "in" => format!("IN (SELECT jsonb_array_elements_text(CAST({x} AS jsonb)))"),
        "day" if sqlite => format!("unixepoch({x}) / 86400"),
        "day" => format!("{x} - DATE '1970-01-01'"),
        "plus" if sqlite => format!("+{x}"),
        "plus" => x.to_string(),
        "int" if sqlite => x.to_string(),
        "int" => format!("{x}::integer"),
        "sum" if sqlite => format!("SUM({x})"),
        "sum" => format!("CAST(SUM({x}) AS BIGINT)"),
        _ => return None,
    })
}

/// `text` with each `@name` or `@name(argument)` that `fragment` knows
/// replaced by its rendering, itself expanded again (a fragment may hold
/// placeholders); the others are left as they are, for a later pass.
fn expand(text: &str, fragment: &dyn Fn(&str, Option<&str>) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let (name, tail) = after.split_at(name_len);
        let (arg, tail) = match tail.strip_prefix('(') {
            Some(inner) => {
                let close = closing(inner).expect("a placeholder's ( is closed");
                (Some(&inner[..close]), &inner[close + 1..])
            }
            None => (None, tail),
        };
        match fragment(name, arg) {
            Some(r) => {
                out.push_str(&expand(&r, fragment));
                rest = tail;
            }
            None => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the parenthesis opened just before `s` closes.
fn closing(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Every rendered text of both backends, named (for the checks of the
/// statuses written in SQL, `store::tests`).
#[cfg(test)]
pub(crate) fn rendered_texts() -> Vec<(String, String)> {
    [Backend::Sqlite, Backend::Postgres]
        .into_iter()
        .flat_map(|b| {
            tests::all(texts(b))
                .into_iter()
                .map(str::to_string)
                .chain(tests::overdue_texts(b))
                .enumerate()
                .map(move |(i, t)| (format!("{b:?} report query {i}"), t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn all(t: &Texts) -> Vec<&str> {
        let mut v: Vec<&str> = [&t.stale, &t.review]
            .into_iter()
            .flatten()
            .chain(&t.changes)
            .chain(&t.summary_defined)
            .chain(&t.summary_assessed)
            .map(String::as_str)
            .collect();
        v.extend([t.summary_current.as_str(), t.verdicts.as_str()]);
        v.extend(t.summary_tally.as_deref());
        v
    }

    /// Every overdue list's text of `backend`.
    pub(super) fn overdue_texts(backend: Backend) -> Vec<String> {
        let mut v = Vec::new();
        for source in [Source::Current, Source::History, Source::Assessed] {
            for due in [Due::Unrevised, Due::Current, Due::AsOf] {
                for against in [Against::Current, Against::Original] {
                    v.push(overdue(backend, &Plan::reading(source, due), against));
                }
            }
        }
        v
    }

    #[test]
    fn every_placeholder_is_rendered_on_both_backends() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let overdue = overdue_texts(backend);
            let texts = all(texts(backend));
            for text in texts.into_iter().chain(overdue.iter().map(String::as_str)) {
                assert!(!text.contains('@'), "{backend:?}: {text}");
                assert!(
                    !text.contains("--"),
                    "{backend:?}: a comment left in {text}"
                );
                let other = if backend == Backend::Sqlite { '$' } else { '?' };
                assert!(!text.contains(other), "{backend:?}: {text}");
            }
        }
    }

    #[test]
    fn placeholders_render_per_backend() {
        let f = |_: &str, _: Option<&str>| None;
        assert_eq!(
            render(
                Backend::Sqlite,
                "-- c\nx @plus(@day(a.b)) < ?1 @int(?4)",
                &f
            ),
            "x +unixepoch(a.b) / 86400 < ?1 ?4\n"
        );
        assert_eq!(
            render(Backend::Postgres, "x @plus(@day(a.b)) < ?1 @int(?4)", &f),
            "x a.b - DATE '1970-01-01' < $1 $4::integer\n"
        );
        assert_eq!(
            render(Backend::Postgres, "c @in(?2) AND @sum(CASE WHEN (a) THEN 1 END)", &f),
            "c IN (SELECT jsonb_array_elements_text(CAST($2 AS jsonb))) AND CAST(SUM(CASE WHEN (a) THEN 1 END) AS BIGINT)\n"
        );
    }

    #[test]
    fn the_changes_window_is_read_by_index_or_in_one_pass_on_sqlite() {
        let t = texts(Backend::Sqlite);
        assert!(t.changes[0].contains("FROM status_updates u\n"));
        // Off every index of the reports: else SQLite walks the reported_on
        // index for the order and looks up each report by its rowid.
        assert!(t.changes[1].contains("FROM status_updates u NOT INDEXED\n"));
        for text in &t.changes {
            assert!(text.ends_with("ORDER BY c.reported_on, c.code\n"), "{text}");
        }
        let pg = texts(Backend::Postgres);
        assert_eq!(pg.changes[0], pg.changes[1]);
    }
}
