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
//! `@figures`, `@counts`, `@open(x)`, `@tally_report`, `@tally_measure` from
//! [`super::figures`], `@order` from the list's ordering, `@scan(x)` from the
//! plan. Only PostgreSQL's as-of pass is a text of its own
//! (`as_of_grouped.sql`): it finds every measure's last report by another
//! road, a grouped pass that PostgreSQL hashes, where SQLite seeks each one
//! in the index. The history summary's tally (`summary_history.sql`) is
//! SQLite's alone; PostgreSQL counts the history by the definition.
//! Comment lines are for the reader of the files and are not sent.

use std::sync::OnceLock;

use super::figures;
use super::{ChangeRow, OverdueRow, StaleRow};
use crate::store::Backend;

/// Every report query of one backend, rendered.
pub(super) struct Texts {
    /// By source: over the current status columns, over the history.
    pub overdue: [String; 2],
    pub stale: [String; 2],
    pub summary_current: String,
    /// `summary.sql` over the history's `as_of`: the summary's definition.
    pub summary_defined: String,
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
        let current = include_str!("as_of_current.sql");
        let history = match backend {
            Backend::Sqlite => include_str!("as_of.sql"),
            Backend::Postgres => include_str!("as_of_grouped.sql"),
        };
        let over = |body: &str, order: Option<&str>| {
            [current, history].map(|head| {
                render(backend, &format!("{head}\n{body}"), &|name, arg| {
                    (name == "order")
                        .then(|| order.expect("the list is ordered by its query").to_string())
                        .or_else(|| figures::fragment(name, arg))
                })
            })
        };
        let query = |text: &str| render(backend, text, &figures::fragment);
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
            overdue: over(include_str!("overdue.sql"), OverdueRow::ORDER.sql),
            stale: over(include_str!("stale.sql"), StaleRow::ORDER.sql),
            summary_current: query(include_str!("summary_current.sql")),
            summary_defined: query(&format!("{history}\n{}", include_str!("summary.sql"))),
            summary_tally: (backend == Backend::Sqlite)
                .then(|| query(include_str!("summary_history.sql"))),
            changes: [changes(false), changes(true)],
        }
    }
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
pub(crate) fn rendered_texts() -> Vec<(String, &'static str)> {
    [Backend::Sqlite, Backend::Postgres]
        .into_iter()
        .flat_map(|b| {
            tests::all(texts(b))
                .into_iter()
                .enumerate()
                .map(move |(i, t)| (format!("{b:?} report query {i}"), t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn all(t: &Texts) -> Vec<&str> {
        let mut v: Vec<&str> = [&t.overdue, &t.stale, &t.changes]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        v.extend([t.summary_current.as_str(), t.summary_defined.as_str()]);
        v.extend(t.summary_tally.as_deref());
        v
    }

    #[test]
    fn every_placeholder_is_rendered_on_both_backends() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for text in all(texts(backend)) {
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
