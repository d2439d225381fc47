//! `assess`: the office's word on one report, recorded beside it; and how
//! many of the reports a write made go to the review queue. Each
//! assessment is a row of its own, dated the day it is made; a changed
//! assessment is a new row, the one it follows kept (in the table, for
//! `--as-of`, and whole in the change log with the new one). An assessment
//! the same as the report's latest changes nothing.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::log::{whole, Action, Change, Entity};
use super::{Lookup, Writer};
use crate::error::{Error, Result};
use crate::review::Reason;
use crate::schema::{assessments, changes, measures, status_updates};
use crate::store::assess::{assessment_columns, Assessment, AssessmentIn};
use crate::store::measures::no_such_measure;
use crate::store::report::review::{queued, Among};
use crate::store::{Outcome, Store};

/// What [`Store::assess`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    /// The day of the report assessed.
    pub reported_on: NaiveDate,
    pub outcome: Outcome,
}

impl Store {
    /// Records `a` on the report of the measure `code` on `on` (`None`: its
    /// latest report).
    pub fn assess(
        &mut self,
        code: &str,
        on: Option<NaiveDate>,
        a: &AssessmentIn,
    ) -> Result<Assessed> {
        self.write_one("assess", |w| {
            let mut known = w.known()?;
            w.load_chunk(&mut known, &[code.to_string()], Lookup::Reports)?;
            let Some(k) = known.measure(code) else {
                return Err(no_such_measure(w.conn, code));
            };
            let latest = known
                .reports
                .keys()
                .filter(|(m, _)| *m == k.id)
                .map(|(_, d)| *d)
                .max();
            let reported_on = match (on, latest) {
                (Some(on), _) if known.reports.contains_key(&(k.id, on)) => on,
                (Some(on), _) => return Err(w.no_report(&known, k.id, code, on)),
                (None, Some(d)) => d,
                (None, None) => {
                    return Err(Error::Other(format!(
                        "{code} has no report to assess yet: record one first (`policy-track update-status {code} …`)"
                    )))
                }
            };
            let update_id: i32 = status_updates::table
                .filter(status_updates::measure_id.eq(k.id))
                .filter(status_updates::reported_on.eq(reported_on))
                .select(status_updates::id)
                .first(w.conn)?;
            let before: Option<Assessment> = assessments::table
                .filter(assessments::update_id.eq(update_id))
                .order((assessments::assessed_on.desc(), assessments::id.desc()))
                .select(assessment_columns!())
                .first(w.conn)
                .optional()?;
            let after = Assessment {
                verdict: a.verdict.code().to_string(),
                status: a.status.map(|s| s.code().to_string()),
                progress: a.progress,
                note: a.note.clone(),
                assessed_on: a.assessed_on,
            };
            let same = |b: &Assessment| {
                (&b.verdict, &b.status, b.progress, &b.note)
                    == (&after.verdict, &after.status, after.progress, &after.note)
            };
            if before.as_ref().is_some_and(same) {
                return Ok(Assessed {
                    reported_on,
                    outcome: Outcome::Unchanged,
                });
            }
            w.log(
                Change::new(Entity::Assessment, code, Action::Assess)
                    .on(reported_on)
                    .old(before.as_ref().map(version))
                    .new_value(version(&after)),
            )?;
            diesel::insert_into(assessments::table)
                .values((
                    assessments::update_id.eq(update_id),
                    assessments::verdict.eq(&after.verdict),
                    assessments::status.eq(&after.status),
                    assessments::progress.eq(after.progress),
                    assessments::note.eq(&after.note),
                    assessments::assessed_on.eq(a.assessed_on),
                    assessments::recorded_at.eq(w.now),
                ))
                .execute(w.conn)?;
            Ok(Assessed {
                reported_on,
                outcome: match before {
                    None => Outcome::Inserted,
                    Some(_) => Outcome::Updated,
                },
            })
        })
    }
}

/// How many new reports' ids [`Writer::to_review`] looks at a query.
const REVIEW_RANGE: i32 = 50_000;

impl Writer<'_> {
    /// The id of the last report written so far (0: none), from which
    /// [`Writer::to_review`] finds the reports written after it.
    pub fn last_report(&mut self) -> Result<i32> {
        let last: Option<i32> = status_updates::table
            .select(diesel::dsl::max(status_updates::id))
            .first(self.conn)?;
        Ok(last.unwrap_or(0))
    }

    /// How many of the reports the import being written wrote after the
    /// report `last` (see [`Writer::last_report`]), or corrected, go to the
    /// review queue on `today`. The new ones are a range of ids; the
    /// corrected ones (rare) are found by the import's log entries.
    pub fn to_review(&mut self, today: NaiveDate, last: i32) -> Result<u64> {
        let Some(import) = self.import_id else {
            return Ok(0);
        };
        let mut n = 0;
        // A range of ids at a time: a query's rows may be held whole until
        // read (PostgreSQL's client does), and an import may write millions.
        let newest: Option<i32> = status_updates::table
            .select(diesel::dsl::max(status_updates::id))
            .first(self.conn)?;
        let newest = newest.unwrap_or(last);
        let mut from = last;
        while from < newest {
            let to = from.saturating_add(REVIEW_RANGE).min(newest);
            queued(self.conn, today, Among::Between(from, to), |_| n += 1)?;
            from = to;
        }
        let mut corrected: Vec<(String, Option<NaiveDate>)> = changes::table
            .filter(changes::import_id.eq(import))
            .filter(changes::entity.eq(Entity::Report.code()))
            .filter(changes::action.eq(Action::Correct.code()))
            .select((changes::code, changes::reported_on))
            .load(self.conn)?;
        corrected.sort();
        corrected.dedup();
        for (code, on) in corrected {
            let id: Option<i32> = status_updates::table
                .inner_join(measures::table)
                .filter(measures::code.eq(&code))
                .filter(status_updates::reported_on.nullable().eq(on))
                .select(status_updates::id)
                .first(self.conn)
                .optional()?;
            // A report new in this import is among those after `last`.
            if let Some(id) = id.filter(|id| *id <= last) {
                queued(self.conn, today, Among::Report(id), |_| n += 1)?;
            }
        }
        Ok(n)
    }

    /// The day the writes are made on.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Why the report of the measure `measure_id` on `on` goes to the
    /// review queue on `today` (none: it does not).
    pub(super) fn review_of(
        &mut self,
        measure_id: i32,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<Reason>> {
        let id: Option<i32> = status_updates::table
            .filter(status_updates::measure_id.eq(measure_id))
            .filter(status_updates::reported_on.eq(on))
            .select(status_updates::id)
            .first(self.conn)
            .optional()?;
        let mut reasons = Vec::new();
        if let Some(id) = id {
            queued(self.conn, today, Among::Report(id), |q| reasons = q.reasons)?;
        }
        Ok(reasons)
    }
}

/// An assessment as the log keeps it whole.
fn version(a: &Assessment) -> String {
    whole(&[
        ("verdict", Some(a.verdict.clone())),
        ("status", a.status.clone()),
        ("progress", a.progress.map(|p| p.to_string())),
        ("note", a.note.clone()),
        ("assessed_on", Some(a.assessed_on.to_string())),
    ])
}
