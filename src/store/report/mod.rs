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
//! from one index. As of a date in the history, the SQLite summary is
//! `report/summary_history.sql`, which counts a tally code per measure (see
//! `figures::Tally`). Which of these a report reads, and on how many
//! connections, is its [`Plan`], decided once per report (`plan`), which
//! also says whether the due date columns are the due dates as of the date
//! (no revision decided after it) or each is found in its revisions
//! (`Due`; `@due` in `as_of.sql`). Each
//! summary figure is defined once (`figures`), each list's order once
//! ([`Order`]), each query's text once for both backends (`sql`). Property
//! tests hold both fast summaries to `summary.sql` over `as_of.sql`, their
//! definition, and the lists from the current columns to those from the
//! history, on SQLite; on PostgreSQL, which counts the history by the
//! definition, the CLI tests' snapshots run on both backends.
//! The verdict figures of the fast summaries come from the assessments
//! alone (`assessed.sql`); the assessed view (`View::Assessed`) reads the
//! history with each report's assessment. The review queue is `review`'s.
//! Counting is done by the database (GROUP BY); only a few groups, or the
//! listed measures, come back. Raw SQL (`json_each` for the meeting filter)
//! with bound parameters; Diesel's DSL for the rest.
//! Turning these rows into reports is `crate::report`'s business.

mod figures;
mod plan;
pub(crate) mod review;
mod sql;

use std::cmp::Ordering;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Integer, Nullable, Text};

pub use figures::{Figure, GroupFigures, FIGURES};
pub(crate) use plan::{Due, Plan, Report, Source};

use super::{Db, Store};
use crate::error::{Error, Result};
use crate::model::Meeting;
use crate::schema::meetings;
use figures::{Tally, Verdicts};
#[cfg(test)]
pub(crate) use sql::rendered_texts;
use sql::texts;

/// Which measures a report looks at, and when.
#[derive(Debug, Clone)]
pub struct ReportScope {
    pub as_of: NaiveDate,
    /// Only these meeting codes; empty means all.
    pub meetings: Vec<String>,
    /// Only this lead ministry (agency id).
    pub ministry: Option<i32>,
    /// Whose status and progress a disputed report counts with.
    pub view: View,
}

/// Whose word a report counts (`--view`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// Every report as the ministry sent it.
    #[default]
    Reported,
    /// A disputed report with the office's status and progress, where it
    /// gave them (read from the history: `Source::Assessed`).
    Assessed,
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
/// uses the same cut-off (`MeasureFilter::stale_before`). No date is
/// earlier than 0000-01-01 (a year has four digits), so a cut-off before it
/// is that day: nothing is stale, as for any cut-off before every date, and
/// the day is one both backends store (PostgreSQL's calendar starts in
/// 4713 BC, chrono's far earlier).
pub fn stale_cutoff(as_of: NaiveDate, days: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).expect("a date");
    as_of
        .checked_sub_days(chrono::Days::new(days.into()))
        .map_or(first, |d| d.max(first))
}

/// The one order of a list: `sql` for the query's `ORDER BY` (`None`: the
/// list is sorted in memory only), `cmp` for every sort or merge of its rows
/// in memory. Both say the same.
pub struct Order<R> {
    pub sql: Option<&'static str>,
    pub cmp: fn(&R, &R) -> Ordering,
}

/// Which due date makes a measure overdue (`report overdue --against`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Against {
    /// Its due date as of the date.
    #[default]
    Current,
    /// Its first due date, before any revision.
    Original,
}

/// An overdue measure as of the date.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueRow {
    pub code: String,
    pub title: String,
    pub meeting: String,
    /// The lead ministry's Korean name.
    pub ministry: Option<String>,
    /// Its due date as of the date.
    pub due_date: NaiveDate,
    /// Its first due date (its due date when never revised).
    pub original_due: NaiveDate,
    /// The revisions of its due date decided by the as-of date.
    pub revisions: i64,
    /// The due date it is compared with (`Against`): as-of − this is
    /// `days_overdue`.
    pub against: NaiveDate,
    /// as-of − due date compared, in days (at least 1).
    pub days_overdue: i64,
    pub status: String,
    pub progress: Option<i32>,
    /// The last report on or before the as-of date.
    pub last_reported_on: Option<NaiveDate>,
}

impl OverdueRow {
    /// Most overdue first: by the due date compared, then code (codes are
    /// unique).
    pub const ORDER: Order<OverdueRow> = Order {
        sql: Some("@against, o.code"),
        cmp: |a, b| (a.against, &a.code).cmp(&(b.against, &b.code)),
    };
}

/// What a listed measure's row starts with.
#[derive(QueryableByName)]
struct MeasureSql {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    meeting_code: String,
}

#[derive(QueryableByName)]
struct OverdueSql {
    #[diesel(embed)]
    measure: MeasureSql,
    #[diesel(sql_type = Nullable<Text>)]
    ministry: Option<String>,
    /// The dates as days since 1970-01-01 (see [`epoch_day`]).
    #[diesel(sql_type = Integer)]
    due_day: i32,
    #[diesel(sql_type = Integer)]
    original_day: i32,
    #[diesel(sql_type = Integer)]
    against_day: i32,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    revisions: i64,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    progress: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    last_day: Option<i32>,
}

/// The date `days` days after 1970-01-01: how the overdue list reads its
/// dates, a number the database computes, instead of parsing the text of
/// hundreds of thousands of dates with chrono's general date parser.
fn epoch_day(days: i32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::TimeDelta::try_days(days.into())?))
        .ok_or_else(|| Error::Other(format!("date out of range: {days} days after 1970-01-01")))
}

/// An open measure with no report since before the stale cut-off.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleRow {
    pub code: String,
    pub title: String,
    pub meeting: String,
    pub ministry_id: Option<i32>,
    pub status: String,
    pub progress: Option<i32>,
    /// The last report on or before the as-of date; null when none.
    pub last_reported_on: Option<NaiveDate>,
    /// as-of − (last report, or the meeting's date when never reported on).
    pub days_silent: i64,
}

impl StaleRow {
    /// By ministry id (none last), longest silent first, then by code.
    pub const ORDER: Order<StaleRow> = Order {
        sql: Some("o.lead_ministry_id IS NULL, o.lead_ministry_id, silent_since, o.code"),
        cmp: |a, b| {
            let key = |r: &StaleRow| (r.ministry_id.is_none(), r.ministry_id);
            (key(a), b.days_silent, &a.code).cmp(&(key(b), a.days_silent, &b.code))
        },
    };
}

#[derive(QueryableByName)]
struct StaleSql {
    #[diesel(embed)]
    measure: MeasureSql,
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
#[derive(Debug, Clone, QueryableByName, PartialEq)]
pub struct ChangeRow {
    #[diesel(sql_type = Date)]
    pub reported_on: NaiveDate,
    #[diesel(sql_type = Text)]
    pub code: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    /// The lead ministry's Korean name.
    #[diesel(sql_type = Nullable<Text>)]
    pub ministry: Option<String>,
    #[diesel(sql_type = Text)]
    pub from_status: String,
    #[diesel(sql_type = Text)]
    pub to_status: String,
    #[diesel(sql_type = Nullable<Integer>)]
    pub progress: Option<i32>,
    /// The reporting agency's Korean name.
    #[diesel(sql_type = Nullable<Text>)]
    pub reported_by: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub note: Option<String>,
}

impl ChangeRow {
    /// By date and code: a measure has at most one report a day, so these
    /// order every row. Sorted by the query, so that the rows can be
    /// handed on as they come (see changes.sql).
    pub const ORDER: Order<ChangeRow> = Order {
        sql: Some("c.reported_on, c.code"),
        cmp: |a, b| (a.reported_on, &a.code).cmp(&(b.reported_on, &b.code)),
    };
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

/// The summary's figures per (meeting, category, lead ministry) group, by
/// `plan`: from the current status columns, `summary_current.sql` (the same
/// figures as `summary.sql` over them, counted from one index); from the
/// history, on SQLite by `summary_history.sql` (see [`Tally`]) of every
/// meeting (`half` `None`) or of the meetings whose id is even (`Some(0)`)
/// or odd (`Some(1)`), on PostgreSQL by the definition itself
/// ([`defined_groups`]); in the assessed view by the definition over its
/// rows. The fast queries' verdicts come from `assessed.sql` ([`verdicts`]).
pub(crate) fn summary_groups(
    conn: &mut Db,
    scope: &ReportScope,
    plan: &Plan,
    stale_before: NaiveDate,
    half: Option<i32>,
) -> Result<Vec<GroupFigures>> {
    let texts = texts(conn.backend());
    let mut groups = match (plan.source, &texts.summary_tally) {
        (Source::Assessed, _) => {
            let text = &texts.summary_assessed[usize::from(plan.due == Due::AsOf)];
            return Ok(scoped!(text, scope)
                .bind::<Date, _>(stale_before)
                .load(conn)?);
        }
        (Source::Current, _) => scoped!(&texts.summary_current, scope)
            .bind::<Date, _>(stale_before)
            .load(conn)?,
        // The tally reads the due date columns: not as of a date before a
        // revision.
        (_, Some(tally)) if plan.due != Due::AsOf => {
            let tallies: Vec<Tally> = scoped!(tally, scope)
                .bind::<Date, _>(stale_before)
                .bind::<Nullable<Integer>, _>(half)
                .load(conn)?;
            tallies.iter().map(Tally::figures).collect::<Result<_>>()?
        }
        _ => return defined_groups(conn, scope, plan.due, stale_before),
    };
    verdicts(conn, scope, half, &mut groups)?;
    Ok(groups)
}

/// Moves the assessed current reports of `groups` (counted as unassessed by
/// the fast queries) to their verdicts, counted by `assessed.sql` over the
/// assessments alone (of the meetings of `half`, as the groups).
fn verdicts(
    conn: &mut Db,
    scope: &ReportScope,
    half: Option<i32>,
    groups: &mut [GroupFigures],
) -> Result<()> {
    let counted: Vec<Verdicts> = scoped!(&texts(conn.backend()).verdicts, scope)
        .bind::<Nullable<Integer>, _>(half)
        .load(conn)?;
    for v in &counted {
        let g = groups
            .iter_mut()
            .find(|g| g.key() == v.key())
            .ok_or_else(|| {
                Error::Other(format!(
                    "assessed reports of a group with no measures: {:?}",
                    v.key()
                ))
            })?;
        g.assess(v);
    }
    Ok(())
}

/// The summary's groups by their definition: `summary.sql` over the `as_of`
/// rows of `as_of.sql`. The faster queries of [`summary_groups`] are held to
/// it by a property test.
fn defined_groups(
    conn: &mut Db,
    scope: &ReportScope,
    due: Due,
    stale_before: NaiveDate,
) -> Result<Vec<GroupFigures>> {
    let text = &texts(conn.backend()).summary_defined[usize::from(due == Due::AsOf)];
    Ok(scoped!(text, scope)
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

/// Open measures due before the as-of date, in [`OverdueRow::ORDER`], of
/// the meetings whose id is even (`half` `Some(0)`) or odd (`Some(1)`), or
/// of all (`None`).
fn overdue(
    conn: &mut Db,
    scope: &ReportScope,
    (plan, against): (&Plan, Against),
    half: Option<i32>,
) -> Result<Vec<OverdueRow>> {
    let sql = sql::overdue(conn.backend(), plan, against);
    // Row by row into the list: it can be hundreds of thousands long.
    let rows = scoped!(&sql, scope)
        .bind::<Nullable<Integer>, _>(half)
        .load_iter::<OverdueSql, diesel::connection::DefaultLoadingMode>(conn)?
        .map(|r| {
            let r = r?;
            let against = epoch_day(r.against_day)?;
            Ok(OverdueRow {
                days_overdue: days(against, scope.as_of),
                code: r.measure.code,
                title: r.measure.title,
                meeting: r.measure.meeting_code,
                ministry: r.ministry,
                due_date: epoch_day(r.due_day)?,
                original_due: epoch_day(r.original_day)?,
                revisions: r.revisions,
                against,
                status: r.status,
                progress: r.progress,
                last_reported_on: r.last_day.map(epoch_day).transpose()?,
            })
        });
    rows.collect()
}

/// Two lists in their `order` as one.
fn merge<R>(order: &Order<R>, a: Vec<R>, b: Vec<R>) -> Vec<R> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let first = if (order.cmp)(x, y) != Ordering::Greater {
            a.next()
        } else {
            b.next()
        };
        merged.extend(first);
    }
    merged.extend(a);
    merged.extend(b);
    merged
}

/// Open measures silent since before `stale_before`, in [`StaleRow::ORDER`].
fn stale(
    conn: &mut Db,
    scope: &ReportScope,
    plan: &Plan,
    stale_before: NaiveDate,
) -> Result<Vec<StaleRow>> {
    let sql = &texts(conn.backend()).stale[plan.source.index()];
    let rows: Vec<StaleSql> = scoped!(sql, scope)
        .bind::<Date, _>(stale_before)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| StaleRow {
            days_silent: days(r.silent_since, scope.as_of),
            code: r.measure.code,
            title: r.measure.title,
            meeting: r.measure.meeting_code,
            ministry_id: r.ministry_id,
            status: r.status,
            progress: r.progress,
            last_reported_on: r.last_on,
        })
        .collect())
}

/// Status transitions reported from `since` to `until`, both included, in
/// [`ChangeRow::ORDER`], handed to `f` as the query yields them.
/// `scope.as_of` is not used: the window is.
fn changes<T>(
    conn: &mut Db,
    scope: &ReportScope,
    plan: &Plan,
    (since, until): (NaiveDate, NaiveDate),
    f: impl FnOnce(&mut dyn Iterator<Item = Result<ChangeRow>>) -> Result<T>,
) -> Result<T> {
    let scan = usize::from(plan.source == Source::Scan);
    let query = diesel::sql_query(&texts(conn.backend()).changes[scan])
        .bind::<Date, _>(since)
        .bind::<Date, _>(until)
        .bind::<Nullable<Text>, _>(scope.meetings_json())
        .bind::<Nullable<Integer>, _>(scope.ministry);
    crate::store::connection::rows_with(conn, query, f)
}

/// A summary: the meetings in scope, the groups' figures and, when asked
/// for, the overdue list.
type SummaryRows = (Vec<Meeting>, Vec<GroupFigures>, Vec<OverdueRow>);

impl Store {
    /// Reads `report` by its plan: decided once, in the snapshot the report
    /// reads. `whole` reads it on this connection; when the plan wants
    /// halves, `halves` reads them on two (`None` when it cannot, or when the
    /// snapshot moved since the plan: then the whole is read on one
    /// connection, by the plan of that read).
    fn by_plan<T>(
        &mut self,
        scope: &ReportScope,
        report: Report,
        whole: impl Fn(&mut Db, &Plan) -> Result<T>,
        halves: impl FnOnce(&mut Store, &Plan) -> Result<Option<T>>,
    ) -> Result<T> {
        let first = self.read(|c| {
            let plan = Plan::decide(c, scope, report)?;
            Ok(if plan.halves {
                Err(plan)
            } else {
                Ok(whole(c, &plan)?)
            })
        })?;
        let plan = match first {
            Ok(t) => return Ok(t),
            Err(plan) => plan,
        };
        if let Some(t) = halves(self, &plan)? {
            return Ok(t);
        }
        self.read(|c| {
            let plan = Plan::decide(c, scope, report)?;
            whole(c, &plan)
        })
    }

    /// `main` and `side` on two connections (see `read_split`), both in the
    /// snapshot `plan` was decided in; `None` when they cannot be read so.
    fn split<A, B: Send>(
        &mut self,
        plan: &Plan,
        main: impl FnOnce(&mut Db) -> Result<A>,
        side: impl FnOnce(&mut Db) -> Result<B> + Send,
    ) -> Result<Option<(A, B)>> {
        let split = self.read_split(
            |c| Ok(if plan.holds(c)? { Some(main(c)?) } else { None }),
            side,
        )?;
        Ok(split.and_then(|(a, b)| Some((a?, b))))
    }

    /// The summary's groups and the meetings in scope, and with
    /// `overdue_list` the overdue measures too (else none), read in one
    /// snapshot.
    pub fn report_summary(
        &mut self,
        scope: &ReportScope,
        stale_before: NaiveDate,
        overdue_list: bool,
    ) -> Result<SummaryRows> {
        let read = |c: &mut Db, plan: &Plan, half| -> Result<SummaryRows> {
            Ok((
                meetings_in_scope(c, scope)?,
                summary_groups(c, scope, plan, stale_before, half)?,
                if overdue_list {
                    overdue(c, scope, (plan, Against::Current), None)?
                } else {
                    Vec::new()
                },
            ))
        };
        // From the history on SQLite, every measure's last report is one
        // index seek: half the meetings are counted on a second connection
        // on another core, when both read the snapshot of the plan.
        self.by_plan(
            scope,
            Report::Summary,
            |c, plan| read(c, plan, None),
            |store, plan| {
                let split = store.split(
                    plan,
                    |c| read(c, plan, Some(0)),
                    |c| summary_groups(c, scope, plan, stale_before, Some(1)),
                )?;
                Ok(split.map(|((meetings, mut groups, overdue), odd)| {
                    groups.extend(odd);
                    groups.sort_by_key(GroupFigures::key);
                    (meetings, groups, overdue)
                }))
            },
        )
    }

    pub fn report_overdue(
        &mut self,
        scope: &ReportScope,
        against: Against,
    ) -> Result<Vec<OverdueRow>> {
        // A long list: each connection reads and builds half of it, on its
        // own core (see `read_split`), then the halves are merged.
        self.by_plan(
            scope,
            Report::Overdue,
            |c, plan| overdue(c, scope, (plan, against), None),
            |store, plan| {
                let split = store.split(
                    plan,
                    |c| overdue(c, scope, (plan, against), Some(0)),
                    |c| overdue(c, scope, (plan, against), Some(1)),
                )?;
                Ok(split.map(|(even, odd)| merge(&OverdueRow::ORDER, even, odd)))
            },
        )
    }

    pub fn report_stale(
        &mut self,
        scope: &ReportScope,
        stale_before: NaiveDate,
    ) -> Result<Vec<StaleRow>> {
        self.by_plan(
            scope,
            Report::Stale,
            |c, plan| stale(c, scope, plan, stale_before),
            |_, _| Ok(None),
        )
    }

    pub fn report_changes(
        &mut self,
        scope: &ReportScope,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<ChangeRow>> {
        self.report_changes_with(scope, since, until, |rows| rows.collect())
    }

    /// The changes of [`Store::report_changes`] handed to `f` one at a time,
    /// as the database reads them, in one read transaction: a window of
    /// millions of changes is never held.
    pub fn report_changes_with<T>(
        &mut self,
        scope: &ReportScope,
        since: NaiveDate,
        until: NaiveDate,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<ChangeRow>>) -> Result<T>,
    ) -> Result<T> {
        self.stream(|c| {
            let plan = Plan::decide(c, scope, Report::Changes { since, until })?;
            changes(c, scope, &plan, (since, until), f)
        })
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

    use proptest::prelude::*;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n.into())
    }

    /// A measure: meeting (0..3), category (1..3), lead ministry (none or
    /// 1..3), first due date (none or a day), its reports (day, status, and
    /// the office's assessments of it: the day made, disputed or not, and
    /// the office's status) and the revisions of its due date (day decided,
    /// new due date). The days are few, so that dates often fall on the
    /// as-of date and on the stale cut-off, where a comparison off by one
    /// shows.
    type MeasureCase = (
        usize,
        i32,
        Option<i32>,
        Option<u32>,
        Vec<ReportCase>,
        Vec<(u32, u32)>,
    );
    type ReportCase = (u32, usize, Vec<(u32, bool, Option<usize>)>);

    fn measure_case() -> impl Strategy<Value = MeasureCase> {
        (
            0usize..3,
            1i32..3,
            proptest::option::of(1i32..3),
            proptest::option::of(0u32..60),
            proptest::collection::vec(
                (
                    0u32..60,
                    0usize..5,
                    proptest::collection::vec(
                        (0u32..60, any::<bool>(), proptest::option::of(0usize..5)),
                        0..3,
                    ),
                ),
                0..4,
            ),
            proptest::collection::vec((0u32..70, 0u32..60), 0..3),
        )
    }

    /// The revisions of a measure first due on `due` that `drawn` make, in
    /// the order decided: (day, from, to), each moving the due date.
    fn revisions(due: Option<u32>, drawn: &[(u32, u32)]) -> Vec<(u32, u32, u32)> {
        let mut drawn = drawn.to_vec();
        drawn.sort();
        let mut at = due;
        let mut out = Vec::new();
        for (on, to) in drawn {
            match at {
                Some(from) if from != to => {
                    out.push((on, from, to));
                    at = Some(to);
                }
                _ => {}
            }
        }
        out
    }

    /// A drawn database (meetings held on the days drawn, three of them, and
    /// measures) and the report's scope: as-of day, stale days, meeting,
    /// ministry.
    #[derive(Debug)]
    struct Case {
        meetings: Vec<u32>,
        measures: Vec<MeasureCase>,
        as_of: u32,
        stale_days: u32,
        only_meeting: Option<usize>,
        ministry: Option<i32>,
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            proptest::collection::vec(0u32..40, 3),
            proptest::collection::vec(measure_case(), 1..40),
            0u32..70,
            0u32..40,
            proptest::option::of(0usize..3),
            proptest::option::of(1i32..3),
        )
            .prop_map(
                |(meetings, measures, as_of, stale_days, only_meeting, ministry)| Case {
                    meetings,
                    measures,
                    as_of,
                    stale_days,
                    only_meeting,
                    ministry,
                },
            )
    }

    /// A SQLite database holding `meetings` (days they were held) and
    /// `measures`.
    fn database(meetings: &[u32], measures: &[MeasureCase]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap().store;
        fill(&mut store, meetings, measures);
        (dir, store)
    }

    /// Writes `meetings` and `measures` into the empty tables of `store`.
    fn fill(store: &mut Store, meetings: &[u32], measures: &[MeasureCase]) {
        use diesel::sql_types::Text;
        let pg = store.backend() != crate::store::Backend::Sqlite;
        let bound = |sql: &str| {
            if pg {
                sql.replace('?', "$")
            } else {
                sql.to_string()
            }
        };
        let statuses = ["planned", "in-progress", "completed", "delayed", "dropped"];
        store
            .write(|c| {
                for (i, held) in meetings.iter().enumerate() {
                    diesel::sql_query(bound(
                        "INSERT INTO meetings (code, title, held_on, created_at, updated_at)
                         VALUES (?1, 'm', ?2, '2024-01-01 00:00:00', '2024-01-01 00:00:00')"),
                    )
                    .bind::<Text, _>(format!("m-{i}"))
                    .bind::<Date, _>(day(*held))
                    .execute(c)?;
                }
                for (i, (meeting, category, ministry, first, reports, drawn)) in
                    measures.iter().enumerate()
                {
                    let revised = revisions(*first, drawn);
                    let due = revised.last().map_or(*first, |r| Some(r.2));
                    diesel::sql_query(bound(
                        "INSERT INTO measures (id, code, meeting_id, title, category_id,
                                               lead_ministry_id, due_date, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 't', ?4, ?5, ?6, '2024-01-01 00:00:00', '2024-01-01 00:00:00')"),
                    )
                    .bind::<Integer, _>(i as i32 + 1)
                    .bind::<Text, _>(format!("x-{i}"))
                    .bind::<Integer, _>(*meeting as i32 + 1)
                    .bind::<Integer, _>(*category)
                    .bind::<Nullable<Integer>, _>(*ministry)
                    .bind::<Nullable<Date>, _>(due.map(day))
                    .execute(c)?;
                    for (on, from, to) in &revised {
                        diesel::sql_query(bound(
                            "INSERT INTO due_revisions (measure_id, changed_on, from_due, to_due, reason, recorded_at)
                             VALUES (?1, ?2, ?3, ?4, 'r', '2024-01-01 00:00:00')"),
                        )
                        .bind::<Integer, _>(i as i32 + 1)
                        .bind::<Date, _>(day(*on))
                        .bind::<Date, _>(day(*from))
                        .bind::<Date, _>(day(*to))
                        .execute(c)?;
                    }
                    if let Some((_, from, _)) = revised.first() {
                        diesel::sql_query(bound("UPDATE measures SET original_due = ?1 WHERE id = ?2"))
                            .bind::<Date, _>(day(*from))
                            .bind::<Integer, _>(i as i32 + 1)
                            .execute(c)?;
                    }
                    let mut seen = std::collections::HashSet::new();
                    for (on, status, assessed) in reports.iter().filter(|(on, ..)| seen.insert(*on)) {
                        diesel::sql_query(bound(
                            "INSERT INTO status_updates (measure_id, status, reported_on, recorded_at)
                             VALUES (?1, ?2, ?3, '2024-01-01 00:00:00')"),
                        )
                        .bind::<Integer, _>(i as i32 + 1)
                        .bind::<Text, _>(statuses[*status])
                        .bind::<Date, _>(day(*on))
                        .execute(c)?;
                        for (made, disputed, office) in assessed {
                            diesel::sql_query(bound(
                                "INSERT INTO assessments (update_id, verdict, status, assessed_on, recorded_at)
                                 SELECT id, ?3, ?4, ?5, '2024-01-01 00:00:00' FROM status_updates
                                  WHERE measure_id = ?1 AND reported_on = ?2"),
                            )
                            .bind::<Integer, _>(i as i32 + 1)
                            .bind::<Date, _>(day(*on))
                            .bind::<Text, _>(if *disputed { "disputed" } else { "confirmed" })
                            .bind::<Nullable<Text>, _>(office.filter(|_| *disputed).map(|s| statuses[s]))
                            .bind::<Date, _>(day(*made))
                            .execute(c)?;
                        }
                    }
                }
                // The current status columns hold each measure's latest report.
                diesel::sql_query(bound(
                    "UPDATE measures SET
                        status = COALESCE((SELECT u.status FROM status_updates u
                                            WHERE u.measure_id = measures.id
                                            ORDER BY u.reported_on DESC LIMIT 1), 'planned'),
                        status_date = (SELECT MAX(u.reported_on) FROM status_updates u
                                        WHERE u.measure_id = measures.id)"),
                )
                .execute(c)?;
                Ok(())
            })
            .unwrap();
    }

    fn sorted(mut groups: Vec<GroupFigures>) -> Vec<GroupFigures> {
        groups.sort_by_key(|g| (g.meeting_id, g.category_id, g.lead_ministry_id));
        groups
    }

    /// The checks of [`history_summary_matches_its_definition`] on the
    /// database of `store`.
    fn summaries_match_their_definition(
        store: &mut Store,
        case: &Case,
    ) -> std::result::Result<(), TestCaseError> {
        let Case {
            measures,
            as_of,
            stale_days,
            only_meeting,
            ministry,
            ..
        } = case;
        let (stale_days, only_meeting, ministry) = (*stale_days, *only_meeting, *ministry);
        // A drawn date, mostly in the history; and the day of the last
        // report, the first on which the current status columns answer
        // (`summary_current.sql`), so that due dates and meetings on its
        // boundaries reach that query too.
        let last_report = measures.iter().flat_map(|m| m.4.iter().map(|r| r.0)).max();
        let last_revision = measures
            .iter()
            .flat_map(|m| revisions(m.3, &m.5).into_iter().map(|r| r.0))
            .max();
        for as_of in std::iter::once(*as_of)
            .chain(last_report)
            .chain(last_revision)
        {
            let scope = ReportScope {
                as_of: day(as_of),
                meetings: only_meeting.map(|m| format!("m-{m}")).into_iter().collect(),
                ministry,
                view: View::Reported,
            };
            let stale_before = stale_cutoff(scope.as_of, stale_days);
            let (plan, fast, history, reference) = store
                .read(|c| {
                    let plan = Plan::decide(c, &scope, Report::Summary)?;
                    Ok((
                        plan,
                        summary_groups(c, &scope, &plan, stale_before, None)?,
                        // The history answers on any date.
                        summary_groups(
                            c,
                            &scope,
                            &Plan::reading(Source::History, plan.due),
                            stale_before,
                            None,
                        )?,
                        // The definition: the due dates as of the date
                        // always found in the revisions.
                        defined_groups(c, &scope, Due::AsOf, stale_before)?,
                    ))
                })
                .unwrap();
            let revised_after = last_revision.is_some_and(|r| r > as_of);
            prop_assert_eq!(plan.due == Due::AsOf, revised_after);
            prop_assert_eq!(
                plan.source == Source::Current,
                !revised_after && last_report.is_none_or(|l| l <= as_of)
            );
            prop_assert_eq!(
                sorted(fast),
                sorted(reference.clone()),
                "as of {}",
                scope.as_of
            );
            prop_assert_eq!(
                sorted(history),
                sorted(reference.clone()),
                "as of {}",
                scope.as_of
            );
            // The summary as the report asks for it: from the history on
            // two connections, half the meetings each.
            let (_, split, _) = store.report_summary(&scope, stale_before, false).unwrap();
            prop_assert_eq!(
                sorted(split),
                sorted(reference.clone()),
                "as of {}",
                scope.as_of
            );
            // The assessed view counts the same measures, and the same
            // current reports by verdict: only statuses (and what hangs on
            // them) may differ.
            let assessed_scope = ReportScope {
                view: View::Assessed,
                ..scope.clone()
            };
            let (_, assessed, _) = store
                .report_summary(&assessed_scope, stale_before, false)
                .unwrap();
            let unmoved = |g: &GroupFigures| -> Vec<i64> {
                g.figures()
                    .filter(|(f, _)| {
                        matches!(f, Figure::Total | Figure::Verdict(_) | Figure::Unverified)
                    })
                    .map(|(_, n)| n)
                    .collect()
            };
            let (a, r) = (sorted(assessed), sorted(reference));
            prop_assert_eq!(
                a.iter().map(|g| (g.key(), unmoved(g))).collect::<Vec<_>>(),
                r.iter().map(|g| (g.key(), unmoved(g))).collect::<Vec<_>>()
            );
            let whole = store
                .read(|c| {
                    let plan = Plan::reading(Source::Assessed, plan.due);
                    overdue(c, &assessed_scope, (&plan, Against::Current), None)
                })
                .unwrap();
            prop_assert_eq!(
                store
                    .report_overdue(&assessed_scope, Against::Current)
                    .unwrap(),
                whole
            );
            // The lists read from the current status columns, when they
            // answer, are those read from the history; the overdue list
            // read in halves is the whole list.
            let lists = |c: &mut Db, source, due| -> Result<_> {
                let plan = Plan::reading(source, due);
                Ok((
                    overdue(c, &scope, (&plan, Against::Current), None)?,
                    stale(c, &scope, &plan, stale_before)?,
                    overdue(c, &scope, (&plan, Against::Original), None)?,
                ))
            };
            // The history with the due dates as of the date from the
            // revisions is the definition; the plan's reading gives the same.
            let (current, history, defined) = store
                .read(|c| {
                    Ok((
                        lists(c, Source::Current, plan.due)?,
                        lists(c, Source::History, plan.due)?,
                        lists(c, Source::History, Due::AsOf)?,
                    ))
                })
                .unwrap();
            prop_assert_eq!(&history, &defined, "as of {}", scope.as_of);
            if plan.source == Source::Current {
                prop_assert_eq!(&current, &history, "as of {}", scope.as_of);
            }
            prop_assert_eq!(
                store.report_overdue(&scope, Against::Current).unwrap(),
                history.0.clone()
            );
            prop_assert_eq!(
                store.report_overdue(&scope, Against::Original).unwrap(),
                history.2.clone()
            );
            prop_assert!(history
                .0
                .is_sorted_by(|a, b| (OverdueRow::ORDER.cmp)(a, b).is_lt()));
            prop_assert!(history
                .1
                .is_sorted_by(|a, b| (StaleRow::ORDER.cmp)(a, b).is_lt()));
            // The changes come from the query in their one order, through
            // the index or in one pass alike, so that they can be written
            // out as they come.
            let window = (day(0), scope.as_of);
            let mut read = |source| {
                store.read(|c| {
                    changes(
                        c,
                        &scope,
                        &Plan::reading(source, Due::Current),
                        window,
                        |rows| rows.collect::<Result<Vec<_>>>(),
                    )
                })
            };
            let indexed = read(Source::History).unwrap();
            let scanned = read(Source::Scan).unwrap();
            prop_assert!(indexed.is_sorted_by(|a, b| (ChangeRow::ORDER.cmp)(a, b).is_lt()));
            prop_assert_eq!(&indexed, &scanned);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The summary as of any date — in the history (`summary_history.sql`
        /// and its tally codes) or after the last report
        /// (`summary_current.sql`) — gives the figures of the definition,
        /// `summary.sql` over `as_of.sql`, for every scope; and the lists
        /// read from the current status columns are those from the history.
        #[test]
        fn history_summary_matches_its_definition(case in case()) {
            let (_dir, mut store) = database(&case.meetings, &case.measures);
            summaries_match_their_definition(&mut store, &case)?;
        }
    }

    /// The same checks on PostgreSQL, when `POLICY_TRACK_TEST_PG` names a
    /// server: one database of its own for the run, emptied for each case.
    #[cfg(feature = "postgres")]
    #[test]
    fn summaries_match_their_definition_on_postgres() {
        use diesel::pg::PgConnection;
        use std::cell::RefCell;

        /// The database, dropped when the test ends.
        struct TestDb {
            server: String,
            name: String,
        }
        impl Drop for TestDb {
            fn drop(&mut self) {
                if let Ok(mut admin) = PgConnection::establish(&self.server) {
                    let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
                    let _ = diesel::sql_query(drop).execute(&mut admin);
                }
            }
        }

        let Ok(server) = std::env::var("POLICY_TRACK_TEST_PG") else {
            return;
        };
        let name = format!("pt_unit_report_{}", std::process::id());
        let mut admin = PgConnection::establish(&server).expect("POLICY_TRACK_TEST_PG");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        let db = TestDb { server, name };
        let (base, query) = db.server.split_once('?').unwrap_or((&db.server, ""));
        let (host, _) = base.rsplit_once('/').expect("a URL with a database");
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        let url = format!("{host}/{}{query}", db.name);
        let store = RefCell::new(Store::open(std::path::Path::new(&url)).unwrap().store);
        proptest!(ProptestConfig::with_cases(16), |(case in case())| {
            let mut store = store.borrow_mut();
            store
                .write(|c| {
                    diesel::sql_query("TRUNCATE status_updates, measures, meetings RESTART IDENTITY CASCADE")
                        .execute(c)?;
                    Ok(())
                })
                .unwrap();
            fill(&mut store, &case.meetings, &case.measures);
            summaries_match_their_definition(&mut store, &case)?;
        });
        drop(store);
    }

    /// Two halves of an overdue list, each in order, merge into the order
    /// of the whole: by due date, then by code.
    #[test]
    fn overdue_halves_merge_by_due_date_then_code() {
        let row = |code: &str, due: u32| OverdueRow {
            code: code.into(),
            title: String::new(),
            meeting: String::new(),
            ministry: None,
            due_date: day(due),
            original_due: day(due),
            revisions: 0,
            against: day(due),
            days_overdue: 1,
            status: "planned".into(),
            progress: None,
            last_reported_on: None,
        };
        let even = vec![row("b-1", 1), row("a-2", 3), row("c-1", 3), row("a-9", 7)];
        let odd = vec![row("z-1", 0), row("a-1", 1), row("b-2", 3), row("a-3", 9)];
        let merged: Vec<(String, NaiveDate)> = merge(&OverdueRow::ORDER, even, odd)
            .into_iter()
            .map(|r| (r.code, r.due_date))
            .collect();
        let codes: Vec<&str> = merged.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes,
            ["z-1", "a-1", "b-1", "a-2", "b-2", "c-1", "a-9", "a-3"]
        );
        assert!(merge(&OverdueRow::ORDER, Vec::new(), vec![row("x", 1)]).len() == 1);
    }

    #[test]
    fn epoch_days_are_the_dates_the_database_counted() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(epoch_day(0).unwrap(), d(1970, 1, 1));
        assert_eq!(epoch_day(-1).unwrap(), d(1969, 12, 31));
        assert_eq!(epoch_day(19_782).unwrap(), d(2024, 2, 29));
        assert_eq!(epoch_day(20_269).unwrap(), d(2025, 6, 30));
        assert!(epoch_day(i32::MAX).is_err());
    }

    #[test]
    fn stale_cutoff_is_days_before() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(
            stale_cutoff(d, 90),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
        assert_eq!(stale_cutoff(d, 0), d);
        let first = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let days_back = u32::try_from(d.signed_duration_since(first).num_days()).unwrap();
        assert_eq!(stale_cutoff(d, days_back), first);
        assert_eq!(stale_cutoff(d, days_back + 1), first);
        assert_eq!(stale_cutoff(d, u32::MAX), first);
    }
}
