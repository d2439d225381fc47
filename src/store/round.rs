//! Reporting rounds as read: the rounds (`round list`), one round's figures
//! per ministry (`round show`), and what a round template lists. Every
//! figure comes from what was recorded — the requests frozen when the
//! round opened and the reports that name the round — never from today's
//! statuses, so a past round reads the same at any later date. One query
//! per figure set; what the figures mean (states, days late) is
//! `report::round`'s. Opening and closing are `write/round.rs`'.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count, count_star, exists, min, not};
use diesel::prelude::*;

use super::{Db, Store};
use crate::error::{Error, Result};
use crate::schema::{agencies, measures, round_requests, rounds, status_updates};

/// A round as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct RoundRow {
    pub id: i32,
    pub code: String,
    pub title: Option<String>,
    pub as_of: NaiveDate,
    pub due: NaiveDate,
    pub opened_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

macro_rules! round_columns {
    () => {
        (
            rounds::id,
            rounds::code,
            rounds::title,
            rounds::as_of,
            rounds::due,
            rounds::opened_at,
            rounds::closed_at,
        )
    };
}

/// A round with its requests and answers counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundCounts {
    pub round: RoundRow,
    pub requested: i64,
    pub answered: i64,
}

/// One ministry's part of a round, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinistryAnswers {
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    pub requested: i64,
    /// Requested measures with at least one report naming the round.
    pub answered: i64,
    /// When its first answer was recorded (UTC).
    pub first_answer: Option<NaiveDateTime>,
    /// The requested measures with no answer, by code.
    pub missing: Vec<String>,
}

/// No round `code`, with the nearest code (the first by code of those
/// equally near).
pub(crate) fn round_not_found(conn: &mut Db, code: &str) -> Error {
    let codes: Vec<String> = rounds::table
        .select(rounds::code)
        .order(rounds::code)
        .load(conn)
        .unwrap_or_default();
    Error::NotFound {
        what: "round",
        value: code.to_string(),
        suggestion: crate::parse::closest(code, codes.iter().map(String::as_str)),
    }
}

/// The round `code`.
fn find(conn: &mut Db, code: &str) -> Result<RoundRow> {
    match rounds::table
        .filter(rounds::code.eq(code))
        .select(round_columns!())
        .first(conn)
        .optional()?
    {
        Some(r) => Ok(r),
        None => Err(round_not_found(conn, code)),
    }
}

/// The answer of a request: a report of its measure naming its round.
macro_rules! answers {
    () => {
        status_updates::table.on(status_updates::measure_id
            .eq(round_requests::measure_id)
            .and(status_updates::round_id.eq(round_requests::round_id.nullable())))
    };
}

impl Store {
    /// The round `code`.
    pub fn round(&mut self, code: &str) -> Result<RoundRow> {
        self.read(|c| find(c, code))
    }

    /// Every round, oldest as-of first, with its requests and answers.
    pub fn rounds(&mut self) -> Result<Vec<RoundCounts>> {
        self.read(|c| {
            let all: Vec<RoundRow> = rounds::table
                .select(round_columns!())
                .order((rounds::as_of, rounds::code))
                .load(c)?;
            let requested: HashMap<i32, i64> = round_requests::table
                .group_by(round_requests::round_id)
                .select((round_requests::round_id, count_star()))
                .load::<(i32, i64)>(c)?
                .into_iter()
                .collect();
            let answered: HashMap<i32, i64> = round_requests::table
                .inner_join(answers!())
                .group_by(round_requests::round_id)
                .select((
                    round_requests::round_id,
                    count(round_requests::measure_id).aggregate_distinct(),
                ))
                .load::<(i32, i64)>(c)?
                .into_iter()
                .collect();
            Ok(all
                .into_iter()
                .map(|round| RoundCounts {
                    requested: requested.get(&round.id).copied().unwrap_or(0),
                    answered: answered.get(&round.id).copied().unwrap_or(0),
                    round,
                })
                .collect())
        })
    }

    /// The round `code` and each ministry asked, by code: what it was
    /// asked for, what it answered, when, and what is missing.
    pub fn round_answers(&mut self, code: &str) -> Result<(RoundRow, Vec<MinistryAnswers>)> {
        self.read(|c| {
            let round = find(c, code)?;
            let asked: Vec<(i32, String, String, String, i64)> = round_requests::table
                .inner_join(agencies::table)
                .filter(round_requests::round_id.eq(round.id))
                .group_by((
                    agencies::id,
                    agencies::code,
                    agencies::name_ko,
                    agencies::name_en,
                ))
                .select((
                    agencies::id,
                    agencies::code,
                    agencies::name_ko,
                    agencies::name_en,
                    count_star(),
                ))
                .order(agencies::code)
                .load(c)?;
            let answered: HashMap<i32, (i64, Option<NaiveDateTime>)> = round_requests::table
                .inner_join(answers!())
                .filter(round_requests::round_id.eq(round.id))
                .group_by(round_requests::agency_id)
                .select((
                    round_requests::agency_id,
                    count(round_requests::measure_id).aggregate_distinct(),
                    min(status_updates::recorded_at),
                ))
                .load::<(i32, i64, Option<NaiveDateTime>)>(c)?
                .into_iter()
                .map(|(a, n, first)| (a, (n, first)))
                .collect();
            let mut missing: HashMap<i32, Vec<String>> = HashMap::new();
            let unanswered: Vec<(i32, String)> = round_requests::table
                .inner_join(measures::table)
                .filter(round_requests::round_id.eq(round.id))
                .filter(not(exists(
                    status_updates::table
                        .filter(status_updates::measure_id.eq(round_requests::measure_id))
                        .filter(status_updates::round_id.eq(round_requests::round_id.nullable())),
                )))
                .select((round_requests::agency_id, measures::code))
                .order(measures::code)
                .load(c)?;
            for (agency, code) in unanswered {
                missing.entry(agency).or_default().push(code);
            }
            let ministries = asked
                .into_iter()
                .map(|(id, code, name_ko, name_en, requested)| {
                    let (answered, first_answer) = answered.get(&id).copied().unwrap_or_default();
                    MinistryAnswers {
                        code,
                        name_ko,
                        name_en,
                        requested,
                        answered,
                        first_answer,
                        missing: missing.remove(&id).unwrap_or_default(),
                    }
                })
                .collect();
            Ok((round, ministries))
        })
    }

    /// The agencies the round `round_id` asked for reports, by code.
    pub fn round_ministries(&mut self, round_id: i32) -> Result<Vec<(i32, String)>> {
        self.read(|c| {
            Ok(round_requests::table
                .inner_join(agencies::table)
                .filter(round_requests::round_id.eq(round_id))
                .select((agencies::id, agencies::code))
                .distinct()
                .order(agencies::code)
                .load(c)?)
        })
    }
}
