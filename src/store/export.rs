//! The reads behind `export`: meetings, measures and the status
//! history, streamed row by row to a callback in the order the files use.
//!
//! Each export is one query run with `load_iter`, inside one read
//! transaction, so a million measures pass through one row at a time and the
//! file is one consistent snapshot even while another process writes.
//! Turning rows into cells is the business of the files' columns
//! (`crate::columns`) and of `crate::export`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::query_dsl::methods::LoadQuery;

use super::measures::{measure_row_columns, open_codes};
use super::updates::history_columns;
use super::{Db, HistoryItem, MeasureRow, Store};
use crate::error::Result;
use crate::model::Meeting;
use crate::schema::{
    agencies, categories, measure_lineage, measures, meetings, round_requests, status_updates,
};

diesel::alias!(
    measures as parents: ExportParents,
    measures as continued: ExportContinued
);

/// Which rows an export takes. Every set field narrows it.
#[derive(Debug, Default, Clone)]
pub struct ExportFilter {
    /// Only this meeting (by code).
    pub meeting: Option<String>,
    /// Only measures led by this agency (for meetings: meetings with at least
    /// one such measure; for updates: the history of such measures).
    pub ministry: Option<i32>,
    /// Only measures without a lead ministry (`--ministry none`).
    pub no_ministry: bool,
    /// Only open measures (not completed, not dropped): the template.
    pub open_only: bool,
    /// Only the measures a round (its id) requested of an agency (its id):
    /// a round's template.
    pub requested: Option<(i32, i32)>,
}

/// A measure as `export measures` writes it: as `list` reads it, with its
/// meeting's date and title and the note of its current report.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct MeasureExport {
    pub meeting_date: NaiveDate,
    pub meeting_title: String,
    pub measure: MeasureRow,
    pub note: Option<String>,
    /// The code of the measure of an earlier meeting it continues.
    pub continues: Option<String>,
}

/// One status report as `export updates` writes it: its measure's code and
/// the report as `show` reads it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct UpdateExport {
    pub measure_code: String,
    pub report: HistoryItem,
}

/// Runs `query` with `load_iter` and hands each row to `each`; returns how
/// many rows there were.
fn stream<'q, Q, T>(conn: &mut Db, query: Q, mut each: impl FnMut(T) -> Result<()>) -> Result<u64>
where
    Q: LoadQuery<'q, Db, T>,
    T: 'q,
{
    let mut n = 0;
    for row in query.load_iter::<T, diesel::connection::DefaultLoadingMode>(conn)? {
        each(row?)?;
        n += 1;
    }
    Ok(n)
}

/// Hands measures on in the order they come (by meeting, then code), but
/// a sub-measure never before its parent: one that comes first waits for
/// it, so that an import of the export, which needs a parent on an earlier
/// line, reads it back whatever the codes (a measure moved under a parent
/// whose code sorts after its own). A parent is in its child's meeting, so
/// only the current meeting's codes are kept; a sub-measure whose parent
/// the export leaves out comes at the end of its meeting.
struct ParentsFirst<F> {
    each: F,
    meeting: String,
    written: HashSet<String>,
    /// Parent code → its sub-measures that came before it, in their order.
    waiting: HashMap<String, Vec<MeasureExport>>,
}

impl<F: FnMut(MeasureExport) -> Result<()>> ParentsFirst<F> {
    fn new(each: F) -> Self {
        ParentsFirst {
            each,
            meeting: String::new(),
            written: HashSet::new(),
            waiting: HashMap::new(),
        }
    }

    fn push(&mut self, m: MeasureExport) -> Result<()> {
        if m.measure.meeting != self.meeting {
            self.finish()?;
            self.meeting.clone_from(&m.measure.meeting);
        }
        match &m.measure.parent {
            Some(p) if !self.written.contains(p) => {
                self.waiting.entry(p.clone()).or_default().push(m);
                Ok(())
            }
            _ => self.write(m),
        }
    }

    /// Writes `m`, then what waited for it (and for those, in turn).
    fn write(&mut self, m: MeasureExport) -> Result<()> {
        let mut next = vec![m];
        while let Some(m) = next.pop() {
            if let Some(children) = self.waiting.remove(&m.measure.code) {
                next.extend(children.into_iter().rev());
            }
            self.written.insert(m.measure.code.clone());
            (self.each)(m)?;
        }
        Ok(())
    }

    /// The end of a meeting: what still waits, for a parent the export
    /// leaves out, by code, each followed by what waits for it.
    fn finish(&mut self) -> Result<()> {
        let waiting: HashSet<&str> = self
            .waiting
            .values()
            .flatten()
            .map(|m| m.measure.code.as_str())
            .collect();
        let absent: Vec<String> = self
            .waiting
            .keys()
            .filter(|p| !waiting.contains(p.as_str()))
            .cloned()
            .collect();
        let mut first: Vec<MeasureExport> = absent
            .iter()
            .flat_map(|p| self.waiting.remove(p).unwrap_or_default())
            .collect();
        first.sort_by(|a, b| a.measure.code.cmp(&b.measure.code));
        for m in first {
            self.write(m)?;
        }
        // Only a cycle of parents (which no input can make) is left.
        let mut rest: Vec<MeasureExport> = self.waiting.drain().flat_map(|(_, v)| v).collect();
        rest.sort_by(|a, b| a.measure.code.cmp(&b.measure.code));
        for m in rest {
            (self.each)(m)?;
        }
        self.written.clear();
        Ok(())
    }
}

/// `$q` (a boxed query over measures joined to their meetings) narrowed by
/// the filter: the meeting, the lead ministry, open measures only.
macro_rules! of_measures {
    ($q:expr, $filter:expr) => {{
        let (mut q, filter) = ($q, $filter);
        if let Some(code) = &filter.meeting {
            q = q.filter(meetings::code.eq(code.clone()));
        }
        if let Some(id) = filter.ministry {
            q = q.filter(measures::lead_ministry_id.eq(id));
        }
        if filter.no_ministry {
            q = q.filter(measures::lead_ministry_id.is_null());
        }
        if filter.open_only {
            q = q.filter(measures::status.eq_any(open_codes()));
        }
        if let Some((round, agency)) = filter.requested {
            q = q.filter(
                measures::id.eq_any(
                    round_requests::table
                        .filter(round_requests::round_id.eq(round))
                        .filter(round_requests::agency_id.eq(agency))
                        .select(round_requests::measure_id),
                ),
            );
        }
        q
    }};
}

/// A row of an export file: how the store reads the rows a filter keeps,
/// in the file's order.
pub trait Exported: Sized {
    /// Hands each row to `each`; returns how many there were.
    fn rows(c: &mut Db, f: &ExportFilter, each: impl FnMut(Self) -> Result<()>) -> Result<u64>;
}

impl Store {
    /// The rows of one export file that `filter` keeps, one at a time to
    /// `each`, in one read transaction (without SQLite's memory map, whose
    /// pages would stay resident: see `Store::stream`); returns how many
    /// there were.
    pub fn export<R: Exported>(
        &mut self,
        filter: &ExportFilter,
        each: impl FnMut(R) -> Result<()>,
    ) -> Result<u64> {
        self.stream(|c| R::rows(c, filter, each))
    }
}

/// Meetings by date, then code.
impl Exported for Meeting {
    fn rows(c: &mut Db, f: &ExportFilter, each: impl FnMut(Self) -> Result<()>) -> Result<u64> {
        let mut q = meetings::table
            .select(Meeting::as_select())
            .order((meetings::held_on, meetings::code))
            .into_boxed::<<Db as Connection>::Backend>();
        if let Some(code) = &f.meeting {
            q = q.filter(meetings::code.eq(code.clone()));
        }
        if let Some(id) = f.ministry {
            q = q.filter(
                meetings::id.eq_any(
                    measures::table
                        .filter(measures::lead_ministry_id.eq(id))
                        .select(measures::meeting_id),
                ),
            );
        }
        if f.no_ministry {
            q = q.filter(
                meetings::id.eq_any(
                    measures::table
                        .filter(measures::lead_ministry_id.is_null())
                        .select(measures::meeting_id),
                ),
            );
        }
        stream(c, q, each)
    }
}

/// Measures by meeting (date, code), then code, so a parent comes before
/// its sub-measures (`esm-5-04` < `esm-5-04-1` < `esm-5-05`).
///
/// The note is that of the current report: the one the measure's status
/// was taken from, i.e. the report dated `status_date` (there is at most
/// one per measure and date, and `record` keeps the status equal to the
/// latest).
impl Exported for MeasureExport {
    fn rows(c: &mut Db, f: &ExportFilter, each: impl FnMut(Self) -> Result<()>) -> Result<u64> {
        // The measure it continues: one seek in the links (most have none).
        let continues = measure_lineage::table
            .inner_join(
                continued.on(continued
                    .field(measures::id)
                    .eq(measure_lineage::continues_id)),
            )
            .filter(measure_lineage::measure_id.eq(measures::id))
            .select(continued.field(measures::code))
            .single_value();
        let q = measures::table
            .inner_join(meetings::table)
            .inner_join(categories::table)
            .left_join(agencies::table.on(measures::lead_ministry_id.eq(agencies::id.nullable())))
            .left_join(parents.on(measures::parent_id.eq(parents.field(measures::id).nullable())))
            .left_join(
                status_updates::table.on(status_updates::measure_id.eq(measures::id).and(
                    status_updates::reported_on
                        .nullable()
                        .eq(measures::status_date),
                )),
            )
            .select((
                meetings::held_on,
                meetings::title,
                measure_row_columns!(parents),
                status_updates::note.nullable(),
                continues,
            ))
            .order((meetings::held_on, meetings::code, measures::code))
            .into_boxed::<<Db as Connection>::Backend>();
        let q = of_measures!(q, f);
        let mut order = ParentsFirst::new(each);
        let n = stream(c, q, |m| order.push(m))?;
        order.finish()?;
        Ok(n)
    }
}

/// The status history by measure code, then date. Filters apply to the
/// measure (its meeting, its lead ministry).
impl Exported for UpdateExport {
    fn rows(c: &mut Db, f: &ExportFilter, each: impl FnMut(Self) -> Result<()>) -> Result<u64> {
        let q = status_updates::table
            .inner_join(measures::table.inner_join(meetings::table))
            .left_join(
                agencies::table.on(status_updates::reported_by_id.eq(agencies::id.nullable())),
            )
            .select((measures::code, history_columns!()))
            .order((measures::code, status_updates::reported_on))
            .into_boxed::<<Db as Connection>::Backend>();
        let q = of_measures!(q, f);
        stream(c, q, each)
    }
}
