//! Assessments as read: the office's word on a report (`assess`), the
//! latest of each report for `show`. What an assessment is and how one is
//! recorded is here too ([`Verdict`], [`AssessmentIn`]); recording it is the
//! writer's (`write/assess.rs`); counting them in the summary and keeping
//! assessed reports out of the review queue is `report`'s.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::{Db, MeasureRow, Store};
use crate::error::Result;
use crate::schema::{assessments, status_updates};

/// The office's verdict on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The report stands as the ministry sent it.
    Confirmed,
    /// The office does not accept it; it may give its own status and
    /// progress.
    Disputed,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Confirmed, Verdict::Disputed];

    /// As stored and in JSON.
    pub const fn code(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Disputed => "disputed",
        }
    }

    pub fn from_code(code: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// An assessment to record. The status and progress are the office's own,
/// for a disputed report only (checked by the command).
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentIn {
    pub verdict: Verdict,
    pub status: Option<crate::model::Status>,
    pub progress: Option<i32>,
    pub note: Option<String>,
    /// The day it is made (today).
    pub assessed_on: NaiveDate,
}

/// A report's assessment as `show` prints it (README, "JSON output").
#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct Assessment {
    pub verdict: String,
    pub status: Option<String>,
    pub progress: Option<i32>,
    pub note: Option<String>,
    pub assessed_on: NaiveDate,
}

/// The columns of an [`Assessment`], in its order.
macro_rules! assessment_columns {
    () => {
        (
            assessments::verdict,
            assessments::status,
            assessments::progress,
            assessments::note,
            assessments::assessed_on,
        )
    };
}
pub(super) use assessment_columns;

/// The latest assessment of each report of the measure `measure_id`, by the
/// report's date.
pub(crate) fn latest_of_measure(
    conn: &mut Db,
    measure_id: i32,
) -> Result<Vec<(NaiveDate, Assessment)>> {
    let rows: Vec<(NaiveDate, Assessment)> = assessments::table
        .inner_join(status_updates::table)
        .filter(status_updates::measure_id.eq(measure_id))
        .order((
            status_updates::reported_on,
            assessments::assessed_on,
            assessments::id,
        ))
        .select((status_updates::reported_on, assessment_columns!()))
        .load(conn)?;
    // In order: the last of each date is its latest.
    let mut latest: Vec<(NaiveDate, Assessment)> = Vec::new();
    for (on, a) in rows {
        match latest.last_mut() {
            Some((d, last)) if *d == on => *last = a,
            _ => latest.push((on, a)),
        }
    }
    Ok(latest)
}

impl Store {
    /// The latest assessment of each report of `measure`, by report date.
    pub fn assessments(&mut self, measure: &MeasureRow) -> Result<Vec<(NaiveDate, Assessment)>> {
        self.read(|c| latest_of_measure(c, measure.id))
    }
}
