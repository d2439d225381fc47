//! The reports' queries: figures as they stood on an as-of date.
//!
//! Figures come from the status history, so that `--as-of` is true time
//! travel. The shared definition of "as of" is `report/as_of.sql`: a measure
//! exists once its meeting has been held, and its status on a day is its
//! report with the greatest `reported_on` on or before that day (`planned`
//! without one), found with one seek per measure in the (measure_id,
//! reported_on) index. When no report is dated after the as-of
//! date (the default, today), `report/as_of_current.sql` gives the same rows
//! from the measures' current status columns, which equal their latest report,
//! and the summary counts them with `report/summary_current.sql` straight
//! from one index.
//! Counting is done by the database (GROUP BY); only a few groups, or the
//! listed measures, come back. Raw SQL (`json_each` for the meeting filter)
//! with bound parameters; Diesel's DSL for the rest.
//! Turning these rows into reports is `crate::report`'s business.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Integer, Nullable, Text};
use serde::Serialize;

use super::{AnyConnection, Db, Store};
use crate::error::Result;
use crate::model::Meeting;
use crate::schema::{meetings, status_updates};

/// Which measures a report looks at, and when.
#[derive(Debug, Clone)]
pub struct ReportScope {
    pub as_of: NaiveDate,
    /// Only these meeting codes; empty means all.
    pub meetings: Vec<String>,
    /// Only this lead ministry (agency id).
    pub ministry: Option<i32>,
}

impl ReportScope {
    /// The meeting filter as a JSON array for `json_each`, or NULL for all.
    fn meetings_json(&self) -> Option<String> {
        (!self.meetings.is_empty())
            .then(|| serde_json::to_string(&self.meetings).expect("strings serialize"))
    }
}

/// An open measure is stale on `as_of` when its last report (as of that day)
/// — or, never reported on, its meeting — is more than `days` days before
/// `as_of`, i.e. strictly before the day this returns. `list --stale DAYS`
/// uses the same cut-off (`MeasureFilter::stale_before`). `None` when the
/// subtraction leaves the calendar.
pub fn stale_cutoff(as_of: NaiveDate, days: u32) -> Option<NaiveDate> {
    as_of.checked_sub_days(chrono::Days::new(days.into()))
}

/// The text of the report query `$file` for the backend of `$conn`: the
/// SQLite file in `report/`, its PostgreSQL twin in `report/pg/`.
macro_rules! query_text {
    ($conn:expr, $file:literal) => {
        match &*$conn {
            AnyConnection::Sqlite(_) => include_str!(concat!("report/", $file)),
            #[cfg(feature = "postgres")]
            AnyConnection::Postgres(_) => include_str!(concat!("report/pg/", $file)),
        }
    };
}

/// Whether the current status columns answer for `scope`: no report is
/// dated after the as-of date (one step down the reported_on index).
fn current(conn: &mut Db, scope: &ReportScope) -> Result<bool> {
    let latest: Option<NaiveDate> = status_updates::table
        .select(diesel::dsl::max(status_updates::reported_on))
        .first(conn)?;
    Ok(latest.is_none_or(|d| d <= scope.as_of))
}

/// The query `body` over the `as_of` rows of `scope`: from the current status
/// columns when they answer (the same figures, without reading the history),
/// else from the history.
fn sql(conn: &mut Db, scope: &ReportScope, body: &str) -> Result<String> {
    let head = if current(conn, scope)? {
        query_text!(conn, "as_of_current.sql")
    } else {
        query_text!(conn, "as_of.sql")
    };
    Ok(format!("{head}\n{body}"))
}

/// Figures of the measures sharing one meeting, category and lead ministry.
#[derive(Debug, Clone, QueryableByName)]
pub struct GroupFigures {
    #[diesel(sql_type = Integer)]
    pub meeting_id: i32,
    #[diesel(sql_type = Integer)]
    pub category_id: i32,
    #[diesel(sql_type = Nullable<Integer>)]
    pub lead_ministry_id: Option<i32>,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    #[diesel(sql_type = BigInt)]
    pub planned: i64,
    #[diesel(sql_type = BigInt)]
    pub in_progress: i64,
    #[diesel(sql_type = BigInt)]
    pub completed: i64,
    #[diesel(sql_type = BigInt)]
    pub delayed: i64,
    #[diesel(sql_type = BigInt)]
    pub dropped: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue: i64,
    #[diesel(sql_type = BigInt)]
    pub stale: i64,
}

/// An overdue measure as of the date.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OverdueRow {
    pub code: String,
    pub title: String,
    pub meeting: String,
    /// The lead ministry's Korean name.
    pub ministry: Option<String>,
    pub due_date: NaiveDate,
    /// as-of − due date, in days (at least 1).
    pub days_overdue: i64,
    pub status: String,
    pub progress: Option<i32>,
    /// The last report on or before the as-of date.
    pub last_reported_on: Option<NaiveDate>,
}

#[derive(QueryableByName)]
struct OverdueSql {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    meeting_code: String,
    #[diesel(sql_type = Nullable<Text>)]
    ministry: Option<String>,
    #[diesel(sql_type = Date)]
    due_date: NaiveDate,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    progress: Option<i32>,
    #[diesel(sql_type = Nullable<Date>)]
    last_on: Option<NaiveDate>,
}

/// An open measure with no report since before the stale cut-off.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StaleRow {
    pub code: String,
    pub title: String,
    pub meeting: String,
    #[serde(skip)]
    pub ministry_id: Option<i32>,
    pub status: String,
    pub progress: Option<i32>,
    /// The last report on or before the as-of date; null when none.
    pub last_reported_on: Option<NaiveDate>,
    /// as-of − (last report, or the meeting's date when never reported on).
    pub days_silent: i64,
}

#[derive(QueryableByName)]
struct StaleSql {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    meeting_code: String,
    #[diesel(sql_type = Nullable<Integer>)]
    ministry_id: Option<i32>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    progress: Option<i32>,
    #[diesel(sql_type = Nullable<Date>)]
    last_on: Option<NaiveDate>,
    #[diesel(sql_type = Date)]
    silent_since: NaiveDate,
}

/// A reported change of status.
#[derive(Debug, Clone, QueryableByName, Serialize, PartialEq)]
pub struct ChangeRow {
    #[diesel(sql_type = Date)]
    #[serde(rename = "date")]
    pub reported_on: NaiveDate,
    #[diesel(sql_type = Text)]
    pub code: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    /// The lead ministry's Korean name.
    #[diesel(sql_type = Nullable<Text>)]
    pub ministry: Option<String>,
    #[diesel(sql_type = Text)]
    #[serde(rename = "from")]
    pub from_status: String,
    #[diesel(sql_type = Text)]
    #[serde(rename = "to")]
    pub to_status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    pub progress: Option<i32>,
    /// The reporting agency's Korean name.
    #[diesel(sql_type = Nullable<Text>)]
    pub reported_by: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub note: Option<String>,
}

/// Binds the scope's parameters ?1 (as-of), ?2 (meetings), ?3 (ministry)
/// onto the query `$sql`, built on the `as_of` rows (`$1`… on PostgreSQL,
/// bound in the same order).
macro_rules! scoped {
    ($sql:expr, $scope:expr) => {
        diesel::sql_query($sql)
            .bind::<Date, _>($scope.as_of)
            .bind::<Nullable<Text>, _>($scope.meetings_json())
            .bind::<Nullable<Integer>, _>($scope.ministry)
    };
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The summary's figures per (meeting, category, lead ministry) group: with
/// the current status columns, `summary_current.sql` (the same figures as
/// `summary.sql` over them, counted from one index); else `summary.sql` over
/// the history.
pub(crate) fn summary_groups(
    conn: &mut Db,
    scope: &ReportScope,
    stale_before: NaiveDate,
) -> Result<Vec<GroupFigures>> {
    let sql = if current(conn, scope)? {
        query_text!(conn, "summary_current.sql").to_string()
    } else {
        format!(
            "{}\n{}",
            query_text!(conn, "as_of.sql"),
            query_text!(conn, "summary.sql")
        )
    };
    Ok(scoped!(sql, scope)
        .bind::<Date, _>(stale_before)
        .load(conn)?)
}

/// The meetings in scope: held on or before the as-of date, oldest first.
pub(crate) fn meetings_in_scope(conn: &mut Db, scope: &ReportScope) -> Result<Vec<Meeting>> {
    let mut q = meetings::table
        .filter(meetings::held_on.le(scope.as_of))
        .select(Meeting::as_select())
        .order((meetings::held_on, meetings::code))
        .into_boxed();
    if !scope.meetings.is_empty() {
        q = q.filter(meetings::code.eq_any(scope.meetings.clone()));
    }
    Ok(q.load(conn)?)
}

/// Open measures due before the as-of date, most overdue first, then by code.
pub(crate) fn overdue(conn: &mut Db, scope: &ReportScope) -> Result<Vec<OverdueRow>> {
    let sql = sql(conn, scope, query_text!(conn, "overdue.sql"))?;
    // Row by row into the list: it can be hundreds of thousands long.
    let rows = scoped!(sql, scope)
        .load_iter::<OverdueSql, diesel::connection::DefaultLoadingMode>(conn)?
        .map(|r| {
            r.map(|r| OverdueRow {
                days_overdue: days(r.due_date, scope.as_of),
                code: r.code,
                title: r.title,
                meeting: r.meeting_code,
                ministry: r.ministry,
                due_date: r.due_date,
                status: r.status,
                progress: r.progress,
                last_reported_on: r.last_on,
            })
        });
    Ok(rows.collect::<QueryResult<_>>()?)
}

/// Open measures silent since before `stale_before`, by ministry id (none
/// last), longest silent first, then by code.
pub(crate) fn stale(
    conn: &mut Db,
    scope: &ReportScope,
    stale_before: NaiveDate,
) -> Result<Vec<StaleRow>> {
    let sql = sql(conn, scope, query_text!(conn, "stale.sql"))?;
    let rows: Vec<StaleSql> = scoped!(sql, scope)
        .bind::<Date, _>(stale_before)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| StaleRow {
            days_silent: days(r.silent_since, scope.as_of),
            code: r.code,
            title: r.title,
            meeting: r.meeting_code,
            ministry_id: r.ministry_id,
            status: r.status,
            progress: r.progress,
            last_reported_on: r.last_on,
        })
        .collect())
}

/// Status transitions reported from `since` to `until`, both included, by
/// date and code. `scope.as_of` is not used: the window is.
pub(crate) fn changes(
    conn: &mut Db,
    scope: &ReportScope,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<ChangeRow>> {
    Ok(diesel::sql_query(query_text!(conn, "changes.sql"))
        .bind::<Date, _>(since)
        .bind::<Date, _>(until)
        .bind::<Nullable<Text>, _>(scope.meetings_json())
        .bind::<Nullable<Integer>, _>(scope.ministry)
        .load(conn)?)
}

impl Store {
    /// The summary's groups and the meetings in scope, and with
    /// `overdue_list` the overdue measures too (else none), read in one
    /// snapshot.
    pub fn report_summary(
        &mut self,
        scope: &ReportScope,
        stale_before: NaiveDate,
        overdue_list: bool,
    ) -> Result<(Vec<Meeting>, Vec<GroupFigures>, Vec<OverdueRow>)> {
        self.read(|c| {
            Ok((
                meetings_in_scope(c, scope)?,
                summary_groups(c, scope, stale_before)?,
                if overdue_list {
                    overdue(c, scope)?
                } else {
                    Vec::new()
                },
            ))
        })
    }

    pub fn report_overdue(&mut self, scope: &ReportScope) -> Result<Vec<OverdueRow>> {
        self.read(|c| overdue(c, scope))
    }

    pub fn report_stale(
        &mut self,
        scope: &ReportScope,
        stale_before: NaiveDate,
    ) -> Result<Vec<StaleRow>> {
        self.read(|c| stale(c, scope, stale_before))
    }

    pub fn report_changes(
        &mut self,
        scope: &ReportScope,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<ChangeRow>> {
        self.read(|c| changes(c, scope, since, until))
    }

    /// The meeting codes held after `as_of` among `codes` (for a notice).
    pub fn meetings_held_after(
        &mut self,
        codes: &[String],
        as_of: NaiveDate,
    ) -> Result<Vec<(String, NaiveDate)>> {
        self.read(|c| {
            Ok(meetings::table
                .filter(meetings::code.eq_any(codes.to_vec()))
                .filter(meetings::held_on.gt(as_of))
                .select((meetings::code, meetings::held_on))
                .order(meetings::code)
                .load(c)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_cutoff_is_days_before() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(stale_cutoff(d, 90), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(stale_cutoff(d, 0), Some(d));
    }
}
