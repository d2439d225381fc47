//! Measures: look up, list with filters, and the "no measure" errors.
//! Adding one is the writer's (`write/one.rs`).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Db, Store};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::parse::closest;
use crate::schema::{agencies, categories, measures, meetings};

diesel::alias!(measures as parents: ParentsAlias);

/// A measure as `list`, `show` and their JSON print it (README, "JSON output").
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct MeasureRow {
    pub id: i32,
    pub code: String,
    pub meeting: String,
    pub parent: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub category: String,
    /// The lead ministry's Korean name.
    pub lead_ministry: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub progress: Option<i32>,
    pub status_date: Option<NaiveDate>,
}

/// The columns of a [`MeasureRow`], in its order, for a query over measures
/// joined to their meeting, category, lead ministry (left) and, through the
/// alias `$parents`, their parent (left).
macro_rules! measure_row_columns {
    ($parents:expr) => {
        (
            measures::id,
            measures::code,
            meetings::code,
            $parents.field(measures::code).nullable(),
            measures::title,
            measures::description,
            categories::code,
            agencies::name_ko.nullable(),
            measures::due_date,
            measures::status,
            measures::progress,
            measures::status_date,
        )
    };
}
pub(super) use measure_row_columns;

/// Which measures `list` shows. Every set field narrows the list.
#[derive(Debug, Default, Clone)]
pub struct MeasureFilter {
    pub meeting: Option<String>,
    pub status: Option<Status>,
    pub category: Option<i32>,
    pub ministry: Option<i32>,
    /// Due before this day and still open.
    pub overdue_on: Option<NaiveDate>,
    /// Open, and the last update (or the meeting, for a measure never
    /// reported on) is older than this day.
    pub stale_before: Option<NaiveDate>,
    /// Due on or before this day.
    pub due_by: Option<NaiveDate>,
    pub code: Option<String>,
    pub parent_id: Option<i32>,
}

/// The stored codes of the open statuses (not completed, not dropped).
pub(crate) fn open_codes() -> Vec<&'static str> {
    Status::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(Status::code)
        .collect()
}

/// Measures matching `filter`, by meeting date and code.
pub(crate) fn list(conn: &mut Db, filter: &MeasureFilter) -> Result<Vec<MeasureRow>> {
    list_with(conn, filter, |rows| rows.collect())
}

/// The measures of [`list`] handed to `f` as the query yields them.
fn list_with<T>(
    conn: &mut Db,
    filter: &MeasureFilter,
    f: impl FnOnce(&mut dyn Iterator<Item = Result<MeasureRow>>) -> Result<T>,
) -> Result<T> {
    let mut q = measures::table
        .inner_join(meetings::table)
        .inner_join(categories::table)
        .left_join(agencies::table)
        .left_join(parents.on(measures::parent_id.eq(parents.field(measures::id).nullable())))
        .select(measure_row_columns!(parents))
        .order((meetings::held_on, meetings::code, measures::code))
        .into_boxed();
    if let Some(code) = &filter.code {
        q = q.filter(measures::code.eq(code.clone()));
    }
    if let Some(meeting) = &filter.meeting {
        q = q.filter(meetings::code.eq(meeting.clone()));
    }
    if let Some(status) = filter.status {
        q = q.filter(measures::status.eq(status.code()));
    }
    if let Some(id) = filter.category {
        q = q.filter(measures::category_id.eq(id));
    }
    if let Some(id) = filter.ministry {
        q = q.filter(measures::lead_ministry_id.eq(id));
    }
    if let Some(id) = filter.parent_id {
        q = q.filter(measures::parent_id.eq(id));
    }
    if let Some(day) = filter.overdue_on {
        q = q
            .filter(measures::due_date.lt(day))
            .filter(measures::status.eq_any(open_codes()));
    }
    if let Some(day) = filter.stale_before {
        q = q.filter(measures::status.eq_any(open_codes())).filter(
            measures::status_date.lt(day).or(measures::status_date
                .is_null()
                .and(meetings::held_on.lt(day))),
        );
    }
    if let Some(day) = filter.due_by {
        q = q.filter(measures::due_date.le(day));
    }
    let mut rows = q
        .load_iter::<MeasureRow, diesel::connection::DefaultLoadingMode>(conn)?
        .map(|r| r.map_err(Error::from));
    f(&mut rows)
}

/// One measure by code.
pub(crate) fn find(conn: &mut Db, code: &str) -> Result<Option<MeasureRow>> {
    let filter = MeasureFilter {
        code: Some(code.to_string()),
        ..Default::default()
    };
    Ok(list(conn, &filter)?.into_iter().next())
}

/// Codes in the column `code` (a measure's or a meeting's) that start with
/// `prefix`, as a range the unique index on the column serves (a `LIKE
/// 'prefix%'` scans the table). Codes hold only `[a-z0-9-]`, all of which
/// sort before `~`.
pub(crate) fn code_starts_with<C>(
    code: C,
    prefix: &str,
) -> diesel::dsl::And<diesel::dsl::GtEq<C, String>, diesel::dsl::Lt<C, String>>
where
    C: Expression<SqlType = diesel::sql_types::Text> + Copy,
{
    code.ge(prefix.to_string())
        .and(code.lt(format!("{prefix}~")))
}

/// The "no measure" error where only a measure will do (a report, a
/// parent): saying so when the code is a meeting's, else
/// [`measure_not_found`].
pub(crate) fn no_such_measure(conn: &mut Db, code: &str) -> Error {
    if let Ok(Some(_)) = super::meetings::meeting_id(conn, code) {
        return Error::Other(format!(
            "no measure {}: that is a meeting's code (its measures: `policy-track list --meeting {code}`)",
            crate::error::quoted(code)
        ));
    }
    measure_not_found(conn, code)
}

/// The "no measure" error, with the nearest code of the same meeting.
pub(crate) fn measure_not_found(conn: &mut Db, code: &str) -> Error {
    Error::NotFound {
        what: "measure",
        value: code.to_string(),
        suggestion: nearest_code(conn, code).unwrap_or_default(),
    }
}

/// The stored code nearest to `code` among the first 5,000 codes of the
/// same meeting (`esm-5-…` for `esm-5-2`), if one is near enough; of
/// codes equally near, the first by code, on every backend.
pub(crate) fn nearest_code(conn: &mut Db, code: &str) -> Result<Option<String>> {
    let prefix: String = code.split('-').take(2).collect::<Vec<_>>().join("-");
    let codes: Vec<String> = measures::table
        .filter(code_starts_with(measures::code, &prefix))
        .select(measures::code)
        .order(measures::code)
        .limit(5000)
        .load(conn)?;
    Ok(closest(code, codes.iter().map(String::as_str)))
}

/// A measure to add, with its references already resolved to ids.
pub struct MeasureInput<'a> {
    pub meeting: &'a str,
    pub code: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub category_id: i32,
    pub lead_ministry_id: Option<i32>,
    pub due_date: Option<NaiveDate>,
    /// The measure of an earlier meeting it continues.
    pub continues: Option<&'a str>,
}

impl Store {
    /// Measures matching the filter.
    pub fn measures(&mut self, filter: &MeasureFilter) -> Result<Vec<MeasureRow>> {
        self.read(|c| list(c, filter))
    }

    /// The measures of [`Store::measures`] handed to `f` one at a time, as
    /// the database reads them, in one read transaction: a list of a
    /// million measures is never held.
    pub fn measures_with<T>(
        &mut self,
        filter: &MeasureFilter,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<MeasureRow>>) -> Result<T>,
    ) -> Result<T> {
        self.stream(|c| list_with(c, filter, f))
    }

    /// One measure, or the "no measure" error with a suggestion.
    pub fn measure(&mut self, code: &str) -> Result<MeasureRow> {
        self.read(|c| match find(c, code)? {
            Some(m) => Ok(m),
            None => Err(measure_not_found(c, code)),
        })
    }

    /// A measure where only a measure will do (the subject of a timeline):
    /// when the code is a meeting's, the error says so.
    pub fn only_measure(&mut self, code: &str) -> Result<MeasureRow> {
        self.read(|c| match find(c, code)? {
            Some(m) => Ok(m),
            None => Err(no_such_measure(c, code)),
        })
    }
}
