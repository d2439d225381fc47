//! How a report is read, decided once per report ([`Plan::decide`]) from its
//! scope and the backend, in the snapshot the report then reads: which
//! source answers, and on how many connections. Every query of the report
//! follows the plan; the queries themselves are `super`'s, their text
//! `super::sql`'s, and opening a second connection `Store::read_split`'s.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{ReportScope, View};
use crate::error::Result;
use crate::schema::{due_revisions, status_updates};
use crate::store::connection::data_version;
use crate::store::{Backend, Db};

/// The reports, as far as their plan goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Report {
    Summary,
    Overdue,
    Stale,
    /// The changes reported from `since` to `until`.
    Changes {
        since: NaiveDate,
        until: NaiveDate,
    },
}

/// Where a report's rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The measures' current status columns, which equal their last report
    /// as of the date when no report is dated after it.
    Current,
    /// The history, each measure's report as of the date found through the
    /// indexes.
    History,
    /// The history read in one pass over the table: the changes of a window
    /// that holds a good part of it (see changes.sql).
    Scan,
    /// The history with the office's word: a disputed report counts with
    /// the office's status and progress (`--view assessed`).
    Assessed,
}

impl Source {
    /// The index of texts kept per source (`super::sql::Texts`).
    pub(super) fn index(self) -> usize {
        match self {
            Source::Current => 0,
            Source::History | Source::Scan => 1,
            Source::Assessed => 2,
        }
    }
}

/// What the measures' due date columns say as of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    /// No due date was ever revised: the columns are the due dates, and
    /// no measure has revisions to count.
    Unrevised,
    /// None was revised after the date: the columns are the due dates.
    Current,
    /// Some were revised after the date: each measure's due date as of it
    /// is found in its revisions.
    AsOf,
}

/// How one report is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub source: Source,
    pub due: Due,
    /// On two connections, half the meetings each (by the parity of their
    /// id), on two cores: SQLite only, for the reports whose work a
    /// meeting's measures divide.
    pub halves: bool,
    /// SQLite's `data_version` when the plan was decided, so that the
    /// halves can tell that they read the snapshot it was decided on.
    version: Option<i64>,
}

impl Plan {
    /// The plan of `report` over `scope`, as the database stands in the
    /// transaction of `conn`.
    pub(crate) fn decide(conn: &mut Db, scope: &ReportScope, report: Report) -> Result<Plan> {
        let sqlite = conn.backend() == Backend::Sqlite;
        let due = due(conn, scope)?;
        let source = match report {
            Report::Changes { since, until } if sqlite && wide_window(conn, since, until)? => {
                Source::Scan
            }
            Report::Changes { .. } => Source::History,
            _ if scope.view == View::Assessed => Source::Assessed,
            _ if due != Due::AsOf && current(conn, scope)? => Source::Current,
            _ => Source::History,
        };
        let halves = sqlite
            && match report {
                Report::Overdue => true,
                // The halves are the tally's (`summary_history.sql`), which
                // does not read due dates as of a day before a revision.
                Report::Summary => source == Source::History && due != Due::AsOf,
                Report::Stale | Report::Changes { .. } => false,
            };
        let version = if halves {
            Some(data_version(conn)?)
        } else {
            None
        };
        Ok(Plan {
            source,
            due,
            halves,
            version,
        })
    }

    /// A plan that reads `source` on one connection (for tests).
    #[cfg(test)]
    pub(crate) fn reading(source: Source, due: Due) -> Plan {
        Plan {
            source,
            due,
            halves: false,
            version: None,
        }
    }

    /// Whether the transaction of `conn`, on the connection the plan was
    /// decided on, reads the snapshot it was decided in: no other
    /// connection committed since.
    pub(super) fn holds(&self, conn: &mut Db) -> Result<bool> {
        Ok(match self.version {
            Some(v) => data_version(conn)? == v,
            None => true,
        })
    }
}

/// Whether the current status columns answer for `scope`: no report is
/// dated after the as-of date (one step down the reported_on index).
fn current(conn: &mut Db, scope: &ReportScope) -> Result<bool> {
    let latest: Option<NaiveDate> = status_updates::table
        .select(diesel::dsl::max(status_updates::reported_on))
        .first(conn)?;
    Ok(latest.is_none_or(|d| d <= scope.as_of))
}

/// Whether any due date was revised, and after the as-of date (revisions
/// are few: the table is read whole).
fn due(conn: &mut Db, scope: &ReportScope) -> Result<Due> {
    let latest: Option<NaiveDate> = due_revisions::table
        .select(diesel::dsl::max(due_revisions::changed_on))
        .first(conn)?;
    Ok(match latest {
        None => Due::Unrevised,
        Some(d) if d <= scope.as_of => Due::Current,
        Some(_) => Due::AsOf,
    })
}

/// Whether the reports dated from `since` to `until` are more than a
/// sixteenth of all reports (the highest id counts them, or more): then one
/// pass over the table reads them for less than a lookup of each by its rowid
/// (see changes.sql). The count reads the reported_on index only.
fn wide_window(conn: &mut Db, since: NaiveDate, until: NaiveDate) -> Result<bool> {
    let in_window: i64 = status_updates::table
        .filter(status_updates::reported_on.between(since, until))
        .count()
        .get_result(conn)?;
    let highest: Option<i32> = status_updates::table
        .select(diesel::dsl::max(status_updates::id))
        .first(conn)?;
    Ok(in_window.saturating_mul(16) > i64::from(highest.unwrap_or(0)))
}
