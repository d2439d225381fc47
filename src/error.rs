//! The library's one error type, and how each kind maps to an exit code.
//!
//! Every error prints as one line: the offending value, why it is wrong and,
//! where there is a closed set, what is allowed (with a "did you mean" for near
//! misses). Store errors are translated into these at the store boundary.

use std::fmt;
use std::path::PathBuf;

/// A value from the user (argument, file cell, environment) that was refused.
///
/// Kept in parts so that a CLI argument and an import cell can word it
/// differently: `unknown status "완려": expected ...` on the command line, and
/// `file.csv:7: status: 완려: unknown status; expected ...` in an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// What is wrong, e.g. "unknown status".
    pub why: String,
    /// The value as given.
    pub value: String,
    /// What would have been accepted, e.g. "planned, in-progress, ...".
    pub allowed: String,
    /// The nearest accepted value, when one is close.
    pub suggestion: Option<String>,
}

impl InputError {
    pub fn new(
        why: impl Into<String>,
        value: impl Into<String>,
        allowed: impl Into<String>,
    ) -> Self {
        InputError {
            why: why.into(),
            value: value.into(),
            allowed: allowed.into(),
            suggestion: None,
        }
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// The reason without the value: "unknown status; expected ... (did you mean ...?)".
    pub fn reason(&self) -> String {
        let mut s = self.why.clone();
        if !self.allowed.is_empty() {
            s.push_str(": expected ");
            s.push_str(&self.allowed);
        }
        s.push_str(&hint(self.suggestion.as_deref()));
        s
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.why, quoted(&self.value))?;
        if !self.allowed.is_empty() {
            write!(f, ": expected {}", self.allowed)?;
        }
        f.write_str(&hint(self.suggestion.as_deref()))
    }
}

impl std::error::Error for InputError {}

/// One refused row of an import file, reported as `file:line: column: value: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub file: String,
    /// The physical line in the file where the record starts (1-based).
    pub line: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            at(&self.file, self.line),
            // A header may hold a line break (Excel's Alt+Enter).
            clip(&self.column, MAX_SHOWN),
            clip(&self.value, MAX_SHOWN),
            self.reason
        )
    }
}

/// Where a row is: `file:12` for a text file, `file.xlsx:SHEET!12` for a
/// workbook, whose location (`file.xlsx:SHEET!`) ends in `!` as a
/// spreadsheet writes a reference.
pub fn at(file: &str, line: u64) -> String {
    if file.ends_with('!') {
        format!("{file}{line}")
    } else {
        format!("{file}:{line}")
    }
}

/// The most characters of a value that a message repeats.
pub const MAX_SHOWN: usize = 200;

/// A value as a message repeats it: on one line, with the characters that
/// show as nothing escaped too (see [`invisible`]), cut after `max`
/// characters with a note of the full length, so that a 50 MB cell or
/// header line still gives a short error.
pub fn clip(s: &str, max: usize) -> String {
    let n = s.chars().count();
    let seen = |s: &str| escape(s, |c| c.is_control() || invisible(c));
    if n <= max {
        return seen(s);
    }
    let head: String = s.chars().take(max).collect();
    format!("{}… ({n} characters)", seen(&head))
}

/// Characters that take no room on screen, or only turn the text around
/// them, yet make a value differ from the one it looks like: zero-width
/// spaces and joiners, direction marks, the word joiner, a byte order mark
/// inside the text, the soft hyphen. A code pasted from a web page or a
/// word processor brings them along; an error shows them escaped
/// (`esm-5-01\u{200b}`), or it would name a value that looks right.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A value quoted for a message on the command line (escaped as Rust
/// quotes a string, so it stays on one line), cut after [`MAX_SHOWN`]
/// characters with a note of the full length.
pub fn quoted(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_SHOWN {
        return format!("{s:?}");
    }
    let head: String = s.chars().take(MAX_SHOWN).collect();
    format!("{head:?}… ({n} characters)")
}

/// Escapes line breaks and control characters so an error, a table cell or
/// a stored title on a line of its own stays on that line: stored text can
/// neither forge a line nor steer the terminal.
pub fn one_line(s: &str) -> String {
    escape(s, char::is_control)
}

/// `s` with the characters `hidden` picks written as Rust escapes them.
fn escape(s: &str, hidden: impl Fn(char) -> bool) -> String {
    if !s.chars().any(&hidden) {
        return s.to_string();
    }
    s.chars()
        .flat_map(|c| {
            if hidden(c) {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Input(#[from] InputError),

    /// A code that names nothing in the database.
    #[error("no {what} {}{}", quoted(.value), hint(.suggestion.as_deref()))]
    NotFound {
        what: &'static str,
        value: String,
        suggestion: Option<String>,
    },

    /// A code that is already taken.
    #[error("{what} {} already exists", quoted(.value))]
    Exists { what: &'static str, value: String },

    /// Rows refused by an import; nothing was written. `rows` holds the
    /// errors of the first [`BAD_ROWS_SHOWN`] bad rows, `bad_rows` counts
    /// them all.
    #[error("{}", import_summary(.file, *.bad_rows))]
    Import {
        file: String,
        rows: Vec<RowError>,
        bad_rows: u64,
    },

    /// A command line that clap accepts but the command cannot take (an
    /// option given before a report's name that the report does not take):
    /// a usage error, as clap's own.
    #[error("{0}")]
    Usage(String),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The database refused or failed; the message says which database.
    #[error("database {path}: {message}")]
    Db { path: String, message: String },

    /// A database that is not policy-track's: another program's SQLite
    /// file, or a file that is no SQLite database at all. The store says
    /// what it is; the command adds where to point instead
    /// ([`Error::with_remedy`]).
    #[error("database {path}: {what}")]
    NotOurs { path: String, what: String },

    /// No code follows the highest numbered one under `base`: the command
    /// says how to give one instead.
    #[error("no number follows {last}, the highest number among the codes of {base}")]
    NoNextCode { last: String, base: String },

    /// A database error not yet tied to a path; `Error::at` turns it into
    /// `Db` at the store boundary, so users never see this variant.
    #[error("database: {0}")]
    Diesel(#[from] diesel::result::Error),

    /// Anything else worth one line.
    #[error("{0}")]
    Other(String),
}

/// ` (did you mean X?)` after a message, or nothing.
pub fn hint(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean {s}?)"),
        None => String::new(),
    }
}

/// How many bad rows of a refused file are listed, each with its errors;
/// the rest are counted (a file of a million bad rows would otherwise be
/// held in memory and printed whole).
pub const BAD_ROWS_SHOWN: u64 = 1000;

fn import_summary(file: &str, n: u64) -> String {
    format!(
        "{}: {n} bad row{}; nothing was written (fix them, or pass --skip-invalid --rejects FILE)",
        file.trim_end_matches('!'),
        if n == 1 { "" } else { "s" }
    )
}

/// The line under the listed bad rows of a refused file, when some are not
/// listed.
pub fn bad_rows_not_shown(rows: &[RowError], bad_rows: u64) -> Option<String> {
    // A row with several bad cells has several entries, all on its line.
    let mut lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    lines.dedup();
    let more = bad_rows.saturating_sub(lines.len() as u64);
    (more > 0).then(|| {
        format!(
            "… and {more} more bad row{} (--skip-invalid --rejects FILE writes every bad row with its reason)",
            if more == 1 { "" } else { "s" }
        )
    })
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn not_found(what: &'static str, value: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            value: value.into(),
            suggestion: None,
        }
    }

    /// Names the database in a bare Diesel error.
    pub fn at(self, path: &str) -> Self {
        match self {
            Error::Diesel(d) => crate::store::db_error(path, d),
            other => other,
        }
    }

    /// Adds what to do to an error that needs the user to act: `remedy`
    /// names the option or command (`point --db at a new path`), which
    /// only the command line knows.
    pub fn with_remedy(self, remedy: &str) -> Self {
        match self {
            Error::NotOurs { path, what } => Error::Db {
                path,
                message: format!("{what}; {remedy}"),
            },
            other => other,
        }
    }

    /// The process exit code: 2 for a usage error (most are clap's and
    /// never reach here), 1 for every other error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_error_reads_as_one_line_with_hint() {
        let e = InputError::new("unknown status", "complted", "planned, completed")
            .suggest(Some("completed".into()));
        assert_eq!(
            e.to_string(),
            r#"unknown status "complted": expected planned, completed (did you mean completed?)"#
        );
        assert_eq!(
            e.reason(),
            "unknown status: expected planned, completed (did you mean completed?)"
        );
    }

    #[test]
    fn row_error_escapes_line_breaks() {
        let e = RowError {
            file: "a.csv".into(),
            line: 3,
            column: "title".into(),
            value: "a\nb".into(),
            reason: "too long".into(),
        };
        assert_eq!(e.to_string(), r"a.csv:3: title: a\nb: too long");
    }

    #[test]
    fn row_error_shows_characters_that_take_no_room() {
        let e = RowError {
            file: "a.csv".into(),
            line: 2,
            column: "measure_code".into(),
            value: "\u{FEFF}esm-5-01\u{200B}".into(),
            reason: "invalid measure code".into(),
        };
        assert_eq!(
            e.to_string(),
            r"a.csv:2: measure_code: \u{feff}esm-5-01\u{200b}: invalid measure code"
        );
        // Tables keep them: a title shows as it is stored.
        assert_eq!(one_line("a\u{200B}b"), "a\u{200B}b");
        assert_eq!(clip("완료 esm-5", 20), "완료 esm-5");
    }

    #[test]
    fn command_line_errors_repeat_at_most_max_shown_characters() {
        let long = "가".repeat(MAX_SHOWN + 1);
        let e = InputError::new("unknown status", long.as_str(), "planned");
        let want = format!(
            "unknown status \"{}\"… ({} characters): expected planned",
            "가".repeat(MAX_SHOWN),
            MAX_SHOWN + 1
        );
        assert_eq!(e.to_string(), want);
        let e = Error::NotFound {
            what: "measure",
            value: long,
            suggestion: None,
        };
        assert!(e
            .to_string()
            .ends_with(&format!("\"… ({} characters)", MAX_SHOWN + 1)));
        assert_eq!(
            quoted(&"x".repeat(MAX_SHOWN)),
            format!("{:?}", "x".repeat(MAX_SHOWN))
        );
    }

    #[test]
    fn clip_cuts_long_values_and_keeps_short_ones() {
        assert_eq!(clip("a\nb", 5), r"a\nb");
        assert_eq!(clip(&"가".repeat(10), 3), "가가가… (10 characters)");
        let e = RowError {
            file: "a.csv".into(),
            line: 2,
            column: "status".into(),
            value: "x".repeat(50_000_000),
            reason: "unknown status".into(),
        };
        assert!(e.to_string().len() < 300);
    }
}
