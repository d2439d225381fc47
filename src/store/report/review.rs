//! The review queue as read: the reports not yet assessed, each with the
//! facts its rules read, one row at a time from `review.sql` (sorted by the
//! database), so that only the queued reports stay in memory, however long
//! the history. The rules are `crate::review`'s.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Integer, Nullable, Text};
use serde::Serialize;

use super::sql::texts;
use super::ReportScope;
use crate::error::Result;
use crate::review::{reasons, Facts, Reason};
use crate::store::connection::rows_with;
use crate::store::{Db, Store};

/// A report in the queue (README, `report review`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Queued {
    pub code: String,
    pub reported_on: NaiveDate,
    pub status: String,
    pub progress: Option<i32>,
    /// The reporting agency's Korean name.
    pub reported_by: Option<String>,
    pub reasons: Vec<Reason>,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Date)]
    reported_on: NaiveDate,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    progress: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    reported_by_id: Option<i32>,
    #[diesel(sql_type = Nullable<Text>)]
    reported_by: Option<String>,
    #[diesel(sql_type = Nullable<Integer>)]
    lead_ministry_id: Option<i32>,
    #[diesel(sql_type = Date)]
    held_on: NaiveDate,
    #[diesel(sql_type = Nullable<Text>)]
    previous_status: Option<String>,
    #[diesel(sql_type = Nullable<Integer>)]
    previous_progress: Option<i32>,
}

/// Which reports to look at.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Among<'a> {
    /// Those of the measures of a report's scope, in the queue's order.
    Scope(&'a ReportScope),
    /// Those of ids in `(from, to]` (the new reports of an import, which
    /// holds the write lock, a range at a time).
    Between(i32, i32),
    /// The report of this id.
    Report(i32),
}

impl Among<'_> {
    /// `review.sql`'s `@only`, by [`Among::index`]. The queue's one order
    /// is by code and date (a measure has one report a day).
    pub(super) const ONLY: [&'static str; 3] = [
        "(?2 IS NULL OR mt.code @in(?2))
   AND (?3 IS NULL OR m.lead_ministry_id = ?3)
 ORDER BY m.code, u.reported_on",
        "u.id > ?2 AND u.id <= ?3",
        "u.id = ?2",
    ];

    fn index(self) -> usize {
        match self {
            Among::Scope(_) => 0,
            Among::Between(..) => 1,
            Among::Report(_) => 2,
        }
    }
}

/// The reports among `among` that go to the queue on `today` (not
/// assessed by then, with a reason), in the queue's order, each given to
/// `each` as it is read.
pub(crate) fn queued(
    conn: &mut Db,
    today: NaiveDate,
    among: Among<'_>,
    mut each: impl FnMut(Queued),
) -> Result<()> {
    queued_with(conn, today, among, |rows| {
        for q in rows {
            each(q?);
        }
        Ok(())
    })
}

/// The reports of [`queued`] handed to `f` as the database reads them.
fn queued_with<T>(
    conn: &mut Db,
    today: NaiveDate,
    among: Among<'_>,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<Queued>>) -> Result<T>,
) -> Result<T> {
    let query =
        diesel::sql_query(&texts(conn.backend()).review[among.index()]).bind::<Date, _>(today);
    let judged = |rows: &mut dyn Iterator<Item = Result<Row>>| {
        let mut queue = rows.filter_map(|row| match row {
            Ok(r) => judge(r, today).map(Ok),
            Err(e) => Some(Err(e)),
        });
        f(&mut queue)
    };
    match among {
        Among::Scope(s) => rows_with(
            conn,
            query
                .bind::<Nullable<Text>, _>(s.meetings_json())
                .bind::<Nullable<Integer>, _>(s.ministry),
            judged,
        ),
        Among::Between(from, to) => rows_with(
            conn,
            query.bind::<Integer, _>(from).bind::<Integer, _>(to),
            judged,
        ),
        Among::Report(id) => rows_with(conn, query.bind::<Integer, _>(id), judged),
    }
}

/// The report of `r` in the queue on `today`, with its reasons (`None`:
/// it has none).
fn judge(r: Row, today: NaiveDate) -> Option<Queued> {
    let facts = Facts {
        status: &r.status,
        progress: r.progress,
        reported_on: r.reported_on,
        reported_by: r.reported_by_id,
        lead_ministry: r.lead_ministry_id,
        held_on: r.held_on,
        previous: r
            .previous_status
            .as_deref()
            .map(|s| (s, r.previous_progress)),
    };
    let why = reasons(&facts, today);
    if why.is_empty() {
        return None;
    }
    Some(Queued {
        code: r.code,
        reported_on: r.reported_on,
        status: r.status,
        progress: r.progress,
        reported_by: r.reported_by,
        reasons: why,
    })
}

impl Store {
    /// The review queue of `scope` as of its date.
    pub fn report_review(&mut self, scope: &ReportScope) -> Result<Vec<Queued>> {
        self.report_review_with(scope, |rows| rows.collect())
    }

    /// The review queue of `scope` handed to `f` as the database reads it,
    /// in one read transaction: a queue of any length is never held.
    pub fn report_review_with<T>(
        &mut self,
        scope: &ReportScope,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<Queued>>) -> Result<T>,
    ) -> Result<T> {
        self.stream(|c| queued_with(c, scope.as_of, Among::Scope(scope), f))
    }
}
