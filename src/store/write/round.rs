//! Reporting rounds as written: `round open` freezes the request list (each
//! measure open on the as-of date, with the ministry that led it then) and
//! `round close` stops the answers; both go to the change log (the round
//! whole when it opens, the field `closed` when it closes). Answers are
//! reports that name the round (`UpdateInput::round`), written as any
//! report; the figures are `store::round`'s.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::log::{day, whole, Change, Entity};
use super::Writer;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::schema::{agencies, measures, meetings, round_requests, rounds, status_updates};
use crate::store::meetings::meeting_not_found;
use crate::store::Store;

/// A round to open: its code, title and dates, and the scope of its
/// requests (empty: every meeting, every ministry).
#[derive(Debug, Clone)]
pub struct NewRound {
    pub code: String,
    pub title: Option<String>,
    pub as_of: NaiveDate,
    pub due: NaiveDate,
    pub meetings: Vec<String>,
    /// Lead ministries (agency ids).
    pub ministries: Vec<i32>,
}

/// What opening a round asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opened {
    /// Per ministry (code, Korean name): the measures requested, by code.
    pub requested: Vec<(String, String, i64)>,
    /// Open measures in scope that have no lead ministry: asked of nobody.
    pub without_lead: Vec<String>,
}

#[derive(Insertable)]
#[diesel(table_name = round_requests)]
struct Request {
    round_id: i32,
    measure_id: i32,
    agency_id: i32,
}

impl Store {
    /// Opens the round `r` (see the module's documentation).
    pub fn open_round(&mut self, r: &NewRound) -> Result<Opened> {
        self.write_one("round open", |w| w.open_round(r))
    }

    /// Closes the round `code`; returns when.
    pub fn close_round(&mut self, code: &str) -> Result<NaiveDateTime> {
        self.write_one("round close", |w| w.close_round(code))
    }
}

impl Writer<'_> {
    fn open_round(&mut self, r: &NewRound) -> Result<Opened> {
        crate::rules::round_dates(r.as_of, r.due).map_err(Error::Other)?;
        let taken: i64 = rounds::table
            .filter(rounds::code.eq(&r.code))
            .count()
            .get_result(self.conn)?;
        if taken > 0 {
            return Err(Error::Exists {
                what: "round",
                value: r.code.clone(),
            });
        }
        let mut meeting_ids = Vec::new();
        for code in &r.meetings {
            let id: Option<i32> = meetings::table
                .filter(meetings::code.eq(code))
                .select(meetings::id)
                .first(self.conn)
                .optional()?;
            match id {
                Some(id) => meeting_ids.push(id),
                None => return Err(meeting_not_found(self.conn, code)),
            }
        }
        // The status of each measure as of the date: its latest report
        // dated on or before it (none: planned).
        let status_then = status_updates::table
            .filter(status_updates::measure_id.eq(measures::id))
            .filter(status_updates::reported_on.le(r.as_of))
            .order((
                status_updates::reported_on.desc(),
                status_updates::recorded_at.desc(),
            ))
            .select(status_updates::status)
            .limit(1)
            .single_value();
        let mut q = measures::table
            .inner_join(meetings::table)
            .filter(meetings::held_on.le(r.as_of))
            .select((
                measures::id,
                measures::code,
                measures::lead_ministry_id,
                status_then,
            ))
            .order(measures::code)
            .into_boxed::<<crate::store::Db as Connection>::Backend>();
        if !meeting_ids.is_empty() {
            q = q.filter(measures::meeting_id.eq_any(meeting_ids));
        }
        if !r.ministries.is_empty() {
            q = q.filter(measures::lead_ministry_id.eq_any(r.ministries.clone()));
        }
        let rows: Vec<(i32, String, Option<i32>, Option<String>)> = q.load(self.conn)?;
        let now = self.now;
        let round_id: i32 = diesel::insert_into(rounds::table)
            .values((
                rounds::code.eq(&r.code),
                rounds::title.eq(&r.title),
                rounds::as_of.eq(r.as_of),
                rounds::due.eq(r.due),
                rounds::opened_at.eq(now),
            ))
            .returning(rounds::id)
            .get_result(self.conn)?;
        let mut requests = Vec::new();
        let mut opened = Opened::default();
        let mut per_agency: BTreeMap<i32, i64> = BTreeMap::new();
        for (id, code, lead, status) in rows {
            let open = status
                .as_deref()
                .and_then(Status::from_code)
                .unwrap_or(Status::Planned)
                .is_open();
            if !open {
                continue;
            }
            match lead {
                Some(agency_id) => {
                    *per_agency.entry(agency_id).or_default() += 1;
                    requests.push(Request {
                        round_id,
                        measure_id: id,
                        agency_id,
                    });
                }
                None => opened.without_lead.push(code),
            }
        }
        for chunk in requests.chunks(1000) {
            on_backend!(&mut *self.conn, c => diesel::insert_into(round_requests::table)
                .values(chunk)
                .execute(c))?;
        }
        let names: BTreeMap<i32, (String, String)> = agencies::table
            .filter(agencies::id.eq_any(per_agency.keys().copied().collect::<Vec<_>>()))
            .select((agencies::id, agencies::code, agencies::name_ko))
            .load::<(i32, String, String)>(self.conn)?
            .into_iter()
            .map(|(id, code, name)| (id, (code, name)))
            .collect();
        for (id, n) in per_agency {
            let (code, name) = names.get(&id).cloned().unwrap_or_default();
            opened.requested.push((code, name, n));
        }
        opened.requested.sort();
        let scope = |v: Vec<String>| (!v.is_empty()).then(|| v.join(" "));
        let ministries: Vec<String> = r
            .ministries
            .iter()
            .map(|id| self.agency_code(*id))
            .collect();
        self.log(
            Change::new(Entity::Round, &r.code, super::log::Action::Create).new_value(whole(&[
                ("title", r.title.clone()),
                ("as_of", day(Some(r.as_of))),
                ("due", day(Some(r.due))),
                ("meetings", scope(r.meetings.clone())),
                ("ministries", scope(ministries)),
                ("requested", Some(requests.len().to_string())),
            ])),
        )?;
        Ok(opened)
    }

    fn agency_code(&mut self, id: i32) -> String {
        agencies::table
            .find(id)
            .select(agencies::code)
            .first(self.conn)
            .unwrap_or_default()
    }

    fn close_round(&mut self, code: &str) -> Result<NaiveDateTime> {
        let row: Option<(i32, Option<NaiveDateTime>)> = rounds::table
            .filter(rounds::code.eq(code))
            .select((rounds::id, rounds::closed_at))
            .first(self.conn)
            .optional()?;
        let Some((id, closed)) = row else {
            return Err(crate::store::round::round_not_found(self.conn, code));
        };
        if let Some(at) = closed {
            return Err(Error::Other(format!(
                "round {code} was already closed on {}",
                at.format("%Y-%m-%d %H:%M:%S")
            )));
        }
        let now = self.now;
        diesel::update(rounds::table.find(id))
            .set(rounds::closed_at.eq(now))
            .execute(self.conn)?;
        self.log(Change::field(
            Entity::Round,
            code,
            "closed",
            None,
            Some(now.format("%Y-%m-%d %H:%M:%S").to_string()),
        ))?;
        Ok(now)
    }
}
