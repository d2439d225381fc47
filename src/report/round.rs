//! A reporting round as reported (`round show`, `round list`): per ministry
//! what it was asked for, what it answered, when its first answer came,
//! how late, and its state; the totals. The counts are the store's
//! (`store::round`, from what was recorded); what they mean — the state,
//! the days late — is defined here, once.
//!
//! JSON (SPEC §10): `{ code, title, as_of, due, closed, ministries: [ { code,
//! name_ko, name_en, requested, answered, missing: [CODE...], received_on,
//! days_late, state } ], totals: { requested, answered, complete, partial,
//! missing } }`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::store::round::{MinistryAnswers, RoundCounts};
use crate::store::Store;

/// Where a ministry stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Every requested measure answered.
    Complete,
    /// Some answered, some missing.
    Partial,
    /// Nothing answered.
    Missing,
}

impl State {
    /// The state of a ministry asked for `requested` measures that
    /// answered `answered` of them.
    pub fn of(requested: i64, answered: i64) -> State {
        if answered >= requested {
            State::Complete
        } else if answered == 0 {
            State::Missing
        } else {
            State::Partial
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            State::Complete => "complete",
            State::Partial => "partial",
            State::Missing => "missing",
        }
    }
}

/// Days late: the first answer's day after the due date; with nothing
/// received and the due date past, today after the due date; else 0.
pub fn days_late(received_on: Option<NaiveDate>, due: NaiveDate, today: NaiveDate) -> i64 {
    let after = |d: NaiveDate| (d - due).num_days().max(0);
    match received_on {
        Some(d) => after(d),
        None => after(today),
    }
}

/// One ministry in a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundMinistry {
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    pub requested: i64,
    pub answered: i64,
    pub missing: Vec<String>,
    /// The day (UTC) its first answer was recorded.
    pub received_on: Option<NaiveDate>,
    pub days_late: i64,
    pub state: State,
}

/// A round's totals: measures requested and answered, ministries per state.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoundTotals {
    pub requested: i64,
    pub answered: i64,
    pub complete: i64,
    pub partial: i64,
    pub missing: i64,
}

impl RoundTotals {
    /// answered / requested; `None` for a round that asked for nothing.
    pub fn response_rate(&self) -> Option<f64> {
        rate(self.answered, self.requested)
    }
}

/// `round show`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundReport {
    pub code: String,
    pub title: Option<String>,
    pub as_of: NaiveDate,
    pub due: NaiveDate,
    pub closed: bool,
    pub ministries: Vec<RoundMinistry>,
    pub totals: RoundTotals,
    /// The day the days late of a silent ministry are counted to.
    #[serde(skip)]
    pub today: NaiveDate,
}

/// One line of `round list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundLine {
    pub code: String,
    pub title: Option<String>,
    pub as_of: NaiveDate,
    pub due: NaiveDate,
    pub requested: i64,
    pub answered: i64,
    pub response_rate: Option<f64>,
    pub closed: bool,
}

fn rate(n: i64, of: i64) -> Option<f64> {
    (of > 0).then(|| n as f64 / of as f64)
}

/// The round `code` as it stands, silent ministries late as of `today`.
pub fn show(store: &mut Store, code: &str, today: NaiveDate) -> Result<RoundReport> {
    let (round, answers) = store.round_answers(code)?;
    let mut totals = RoundTotals::default();
    let ministries: Vec<RoundMinistry> = answers
        .into_iter()
        .map(|a: MinistryAnswers| {
            let received_on = a.first_answer.map(|t| t.date());
            let state = State::of(a.requested, a.answered);
            totals.requested += a.requested;
            totals.answered += a.answered;
            match state {
                State::Complete => totals.complete += 1,
                State::Partial => totals.partial += 1,
                State::Missing => totals.missing += 1,
            }
            RoundMinistry {
                code: a.code,
                name_ko: a.name_ko,
                name_en: a.name_en,
                requested: a.requested,
                answered: a.answered,
                missing: a.missing,
                received_on,
                days_late: days_late(received_on, round.due, today),
                state,
            }
        })
        .collect();
    Ok(RoundReport {
        code: round.code,
        title: round.title,
        as_of: round.as_of,
        due: round.due,
        closed: round.closed_at.is_some(),
        ministries,
        totals,
        today,
    })
}

/// Every round.
pub fn list(store: &mut Store) -> Result<Vec<RoundLine>> {
    Ok(store
        .rounds()?
        .into_iter()
        .map(
            |RoundCounts {
                 round,
                 requested,
                 answered,
             }| RoundLine {
                code: round.code,
                title: round.title,
                as_of: round.as_of,
                due: round.due,
                requested,
                answered,
                response_rate: rate(answered, requested),
                closed: round.closed_at.is_some(),
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_late_count_from_the_due_date_to_the_answer_or_to_today() {
        let due = d("2024-07-10");
        // On time, or early: not late.
        assert_eq!(days_late(Some(d("2024-07-10")), due, d("2024-09-01")), 0);
        assert_eq!(days_late(Some(d("2024-07-01")), due, d("2024-09-01")), 0);
        // Late answers count to the day they came, whatever today is.
        assert_eq!(days_late(Some(d("2024-07-13")), due, d("2024-09-01")), 3);
        // Silent: late to today once the due date has passed.
        assert_eq!(days_late(None, due, d("2024-07-20")), 10);
        assert_eq!(days_late(None, due, d("2024-07-05")), 0);
    }

    #[test]
    fn a_state_says_whether_everything_something_or_nothing_came() {
        assert_eq!(State::of(3, 3), State::Complete);
        assert_eq!(State::of(3, 1), State::Partial);
        assert_eq!(State::of(3, 0), State::Missing);
        assert_eq!(State::Partial.code(), "partial");
    }
}
