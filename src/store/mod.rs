//! All data access. Commands call `Store` methods; only this module knows
//! Diesel, SQL and the backend. Backend-specific set-up (pragmas, locking,
//! backup) lives in `connection.rs`, so that another backend joins as one more
//! connection variant without touching a command.

/// Runs `$body` with `$c` bound to the inner connection of whichever backend
/// `$conn` is, for the few statements Diesel's `MultiConnection` cannot carry
/// (multi-row inserts from a slice): the body is compiled once per backend.
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::store::AnyConnection::Sqlite($c) => $body,
            #[cfg(feature = "postgres")]
            $crate::store::AnyConnection::Postgres($c) => $body,
        }
    };
}

pub mod assess;
mod bind;
mod connection;
pub mod export;
pub mod log;
mod measures;
mod meetings;
pub mod migrations;
mod refs;
pub mod report;
mod revisions;
pub mod round;
mod updates;
pub mod write;

pub use connection::{
    is_server_url, redact_url, AnyConnection, Backend, Db, OpenOptions, Opened, Store,
};
pub use measures::{MeasureFilter, MeasureInput, MeasureRow};
pub use meetings::MeetingRow;
pub use refs::Refs;
pub use revisions::{Account, DueRevision};
pub use updates::{HistoryItem, Outcome, Recorded, UpdateInput};

use crate::error::Error;

/// Translates a Diesel error into the library's error, naming the database.
pub(crate) fn db_error(path: &str, e: diesel::result::Error) -> Error {
    use diesel::result::{DatabaseErrorKind, Error as D};
    let message = match &e {
        D::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
            "a reference points at a row that does not exist (foreign key)".to_string()
        }
        D::DatabaseError(_, info) => friendly(info.message()),
        other => friendly(&other.to_string()),
    };
    if message == NOT_SQLITE {
        return Error::NotOurs {
            path: path.to_string(),
            what: message,
        };
    }
    Error::Db {
        path: path.to_string(),
        message,
    }
}

/// What a file that SQLite cannot read as a database is.
const NOT_SQLITE: &str = "not a SQLite database (file is not a database)";

/// The database's own words (SQLite's or PostgreSQL's, on one line), with
/// the common cases said in the user's terms.
pub(crate) fn friendly(message: &str) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let m = message.to_ascii_lowercase();
    if m.contains("lock timeout") {
        "database is busy: another policy-track process held the write lock for longer than the lock timeout; try again".into()
    } else if m.contains("could not serialize access") || m.contains("deadlock detected") {
        "the database is busy with a conflicting write (serialization failure); try again".into()
    } else if m.contains("database is locked") || m.contains("database is busy") {
        "database is busy: another policy-track process held the lock for longer than the 5 s busy timeout; try again".into()
    } else if m.contains("file is not a database") || m.contains("file is encrypted") {
        NOT_SQLITE.into()
    } else if m.contains("readonly") || m.contains("read-only") {
        "the database is read-only (attempt to write a readonly database); check the permissions of the file and its folder".into()
    } else if m.contains("unable to open") {
        "cannot open the database file; check that its folder exists and is writable".into()
    } else if m.contains("malformed") || m.contains("corrupt") {
        "the database file is corrupt (database disk image is malformed); restore it from a backup"
            .into()
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Status;

    /// The migrations with a status CHECK or the open measures' partial
    /// index; the report queries of both backends are added as rendered
    /// (`report::rendered_texts`).
    const SQL: [(&str, &str); 4] = [
        (
            "sqlite measures",
            include_str!("../../migrations/sqlite/2026-11-26-100000-0005_create_measures/up.sql"),
        ),
        (
            "sqlite open_due",
            include_str!(
                "../../migrations/sqlite/2026-11-26-150000-0000_add_covering_report_indexes/up.sql"
            ),
        ),
        (
            "pg measures",
            include_str!("../../migrations/postgres/2026-11-26-100000-0005_create_measures/up.sql"),
        ),
        (
            "pg open_due",
            include_str!(
                "../../migrations/postgres/2026-11-26-150000-0000_add_covering_report_indexes/up.sql"
            ),
        ),
    ];

    /// `Status::is_open` is the one definition of an open measure; the SQL
    /// cannot call it, so every status list written in SQL must be the
    /// open ones or all five, in `Status::ALL`'s order (the partial index of
    /// open measures is used only by queries that spell its predicate
    /// exactly).
    #[test]
    fn status_lists_in_sql_are_the_open_statuses_or_all_of_them() {
        let list = |pick: &dyn Fn(Status) -> bool| {
            let codes: Vec<String> = Status::ALL
                .into_iter()
                .filter(|s| pick(*s))
                .map(|s| format!("'{}'", s.code()))
                .collect();
            format!("IN ({})", codes.join(", "))
        };
        let open = list(&|s| s.is_open());
        let all = list(&|_| true);
        let mut open_lists = 0;
        let reports = super::report::rendered_texts();
        let reports = reports
            .iter()
            .map(|(name, sql)| (name.as_str(), sql.as_str()));
        for (name, sql) in SQL.into_iter().chain(reports) {
            for (at, _) in sql.match_indices("IN (") {
                let end = at + sql[at..].find(')').expect("closed list") + 1;
                let found = &sql[at..end];
                if !Status::ALL
                    .iter()
                    .any(|s| found.contains(&format!("'{}'", s.code())))
                {
                    continue;
                }
                assert!(found == open || found == all, "{name}: {found}");
                open_lists += usize::from(found == open);
            }
        }
        assert!(
            open_lists >= 8,
            "the open-status lists were not found: {open_lists}"
        );
    }
}
