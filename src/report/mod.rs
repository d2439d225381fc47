//! Reports: what the figures are (`query`) apart from how they are
//! drawn (`render`), so one query feeds five formats.
//!
//! Every figure is as it stood on the as-of date (see `store::report`). The
//! types below, with the columns of the store's rows (`render::tables`),
//! are also the JSON shapes, a stable interface:
//!
//! - summary: `{ as_of, view, stale_days, meetings: [{code, title, held_on, ...figures}],
//!   categories: [{code, name_ko, name_en, ...figures}], ministries: [same; code
//!   null and names "(none)" for measures without a lead ministry], totals: figures }`
//!   where figures are `total, by_status {planned, in-progress, completed, delayed,
//!   dropped}, completion_rate (completed / (total − dropped), null when 0/0),
//!   overdue, stale, slipped, confirmed, disputed, unverified` (the last
//!   three count current reports: each measure's last report as of the
//!   date, by the office's verdict on it as of the date, or none yet).
//! - overdue: `{ as_of, view, against, measures: [{code, title, meeting, ministry, due_date,
//!   original_due, revisions, days_overdue, status, progress, last_reported_on}] }`.
//! - stale: `{ as_of, view, days, ministries: [{code, name_ko, name_en, measures: [{code,
//!   title, meeting, status, progress, last_reported_on, days_silent}]}] }`.
//! - changes: `{ as_of, since, until, changes: [{date, code, title, ministry, from,
//!   to, progress, reported_by, note}] }`.
//! - timeline: `{ as_of, code, title, meeting, ministry, due_date, status, progress,
//!   status_date, history: [{reported_on, from, status, progress, reported_by, note,
//!   transition}] }`; with `--lineage`, `lineage: [code...]` and each item's `code`.
//! - round (`round show`): see `round.rs`.
//! - review: `{ as_of, reports: [{code, reported_on, status, progress,
//!   reported_by, reasons: [code...]}] }` (`crate::review::Reason`).

pub mod query;
pub mod render;
pub mod round;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::StatusCounts;
use crate::output::json_rows;
use crate::store::assess::Verdict;
use crate::store::report::review::Queued;
use crate::store::report::{ChangeRow, Figure, GroupFigures, OverdueRow, StaleRow};

/// The figures of a set of measures as of a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub total: i64,
    pub by_status: StatusCounts,
    /// completed / (total − dropped); null when nothing is left to complete.
    pub completion_rate: Option<f64>,
    /// Open (not completed or dropped) and due before the as-of date.
    pub overdue: i64,
    /// Open and silent for more than the stale days (see `store::report::stale_cutoff`).
    pub stale: i64,
    /// Due later than its original due date (revised), whatever its status.
    pub slipped: i64,
    /// Current reports (each measure's last as of the date) the office
    /// confirmed, or disputed, as of the date.
    pub confirmed: i64,
    pub disputed: i64,
    /// Current reports not assessed as of the date.
    pub unverified: i64,
}

impl Figures {
    /// Adds one group counted by the database, figure by figure
    /// (`store::report::FIGURES`).
    pub fn add(&mut self, g: &GroupFigures) {
        for (figure, n) in g.figures() {
            match figure {
                Figure::Total => self.total += n,
                Figure::Status(status) => self.by_status.add(status, n),
                Figure::Overdue => self.overdue += n,
                Figure::Stale => self.stale += n,
                Figure::Slipped => self.slipped += n,
                Figure::Verdict(Verdict::Confirmed) => self.confirmed += n,
                Figure::Verdict(Verdict::Disputed) => self.disputed += n,
                Figure::Unverified => self.unverified += n,
            }
        }
        self.completion_rate = self.by_status.completion_rate();
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingFigures {
    pub code: String,
    pub title: String,
    pub held_on: NaiveDate,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A category or a ministry with its figures.
#[derive(Debug, Clone, Serialize)]
pub struct NamedFigures {
    /// null for the measures without a lead ministry.
    pub code: Option<String>,
    pub name_ko: String,
    pub name_en: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// `--view` as the JSON names it.
fn view_name<S: serde::Serializer>(assessed: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *assessed { "assessed" } else { "reported" })
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub as_of: NaiveDate,
    /// Whether a disputed report counts as the office holds it (`--view
    /// assessed`): said under the title for people, `view` in the JSON
    /// (`reported` or `assessed`).
    #[serde(rename = "view", serialize_with = "view_name")]
    pub assessed: bool,
    pub stale_days: u32,
    pub meetings: Vec<MeetingFigures>,
    pub categories: Vec<NamedFigures>,
    pub ministries: Vec<NamedFigures>,
    pub totals: Figures,
    /// For the HTML page only, and read only for it (empty otherwise); the
    /// JSON summary keeps its documented shape.
    #[serde(skip)]
    pub overdue: Vec<OverdueRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub as_of: NaiveDate,
    /// As in [`Summary`].
    #[serde(rename = "view", serialize_with = "view_name")]
    pub assessed: bool,
    /// The due dates compared: `current` or `original`.
    pub against: &'static str,
    #[serde(serialize_with = "json_rows")]
    pub measures: Vec<OverdueRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaleGroup {
    pub code: Option<String>,
    pub name_ko: String,
    pub name_en: String,
    #[serde(serialize_with = "json_rows")]
    pub measures: Vec<StaleRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub as_of: NaiveDate,
    /// As in [`Summary`].
    #[serde(rename = "view", serialize_with = "view_name")]
    pub assessed: bool,
    pub days: u32,
    pub ministries: Vec<StaleGroup>,
}

/// The changes of a window: `C` the rows, held (the default) or read as
/// they are written (`render::changes_to`); `()` for the facts alone.
#[derive(Debug, Clone, Serialize)]
#[serde(bound(serialize = "C: crate::output::JsonSeq"))]
pub struct Changes<C = Vec<ChangeRow>> {
    pub as_of: NaiveDate,
    pub since: NaiveDate,
    pub until: NaiveDate,
    #[serde(serialize_with = "json_rows")]
    pub changes: C,
}

impl<C> Changes<C> {
    /// The same facts over the rows `changes`.
    pub fn with<D>(&self, changes: D) -> Changes<D> {
        Changes {
            as_of: self.as_of,
            since: self.since,
            until: self.until,
            changes,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    /// With `--lineage`, the measure of the chain it reports on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub reported_on: NaiveDate,
    /// The status before this report ('planned' before the first).
    pub from: String,
    pub status: String,
    pub progress: Option<i32>,
    pub reported_by: Option<String>,
    pub note: Option<String>,
    /// Whether the status changed with this report.
    pub transition: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub as_of: NaiveDate,
    pub code: String,
    pub title: String,
    pub meeting: String,
    pub ministry: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// The status as of the date.
    pub status: String,
    pub progress: Option<i32>,
    /// The date of the report that set `status`; null when none.
    pub status_date: Option<NaiveDate>,
    /// With `--lineage`, the codes of the chain, the first first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lineage: Option<Vec<String>>,
    pub history: Vec<TimelineItem>,
}

/// The review queue: reports not yet assessed as of the date that an
/// analyst should look at, each with its reasons.
#[derive(Debug, Clone, Serialize)]
pub struct Review<C = Vec<Queued>> {
    pub as_of: NaiveDate,
    /// The reports held, or read as they are written
    /// (`render::review_to`); `()` for the facts alone.
    pub reports: C,
}

impl<C> Review<C> {
    /// The same facts over the reports `reports`.
    pub fn with<D>(&self, reports: D) -> Review<D> {
        Review {
            as_of: self.as_of,
            reports,
        }
    }
}

/// One report, ready to render.
#[derive(Debug, Clone)]
pub enum Report {
    Summary(Summary),
    Overdue(Overdue),
    Stale(Stale),
    Changes(Changes),
    Timeline(Timeline),
    /// A reporting round (`round show`).
    Round(round::RoundReport),
    Review(Review),
}

/// The label of measures without a lead ministry.
pub const NO_MINISTRY: &str = "(none)";

#[cfg(test)]
mod tests {
    use super::*;

    fn group(planned: i64, completed: i64, dropped: i64, overdue: i64) -> GroupFigures {
        use crate::model::Status;
        let mut g = GroupFigures {
            meeting_id: 1,
            category_id: 1,
            lead_ministry_id: None,
            ..GroupFigures::default()
        };
        for (n, f) in g.counts.iter_mut().zip(crate::store::report::FIGURES) {
            *n = match f {
                Figure::Total => planned + completed + dropped,
                Figure::Status(Status::Planned) => planned,
                Figure::Status(Status::Completed) => completed,
                Figure::Status(Status::Dropped) => dropped,
                Figure::Overdue => overdue,
                _ => 0,
            };
        }
        g
    }

    #[test]
    fn figures_add_up_and_rate_leaves_out_dropped() {
        let mut f = Figures::default();
        assert_eq!(f.completion_rate, None);
        f.add(&group(0, 0, 2, 0));
        assert_eq!(f.completion_rate, None, "0 / (2 − 2) is no rate");
        f.add(&group(3, 1, 0, 2));
        assert_eq!(f.total, 6);
        assert_eq!(f.overdue, 2);
        assert_eq!(f.by_status.dropped, 2);
        assert_eq!(f.completion_rate, Some(0.25));
    }
}
