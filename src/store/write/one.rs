//! The commands' writes, each a one-row batch through the writer (the same
//! meeting, measure and report writes as an import row), checked by the
//! same rules (`crate::rules`), framed as a command's errors: `add-meeting`,
//! `add-measure` (with the next free code), `update-status`. What the
//! commands print is left to them.

use diesel::prelude::*;

use super::{Known, Lookup, MeasureIn, MeetingIn};
use crate::error::{quoted, Error, Result};
use crate::rules::{self, Parent};
use crate::schema::{measures, meetings};
use crate::store::measures::{code_starts_with, find, no_such_measure};
use crate::store::meetings::meeting_not_found;
use crate::store::{Db, MeasureInput, Recorded, Store, UpdateInput};

impl Store {
    /// Adds a meeting (all its fields given).
    pub fn add_meeting(&mut self, m: &MeetingIn) -> Result<()> {
        self.write_one("add-meeting", |w| {
            let mut known = w.known()?;
            if known.meetings.contains_key(&m.code) {
                return Err(Error::Exists {
                    what: "meeting",
                    value: m.code.clone(),
                });
            }
            w.load_chunk(&mut known, std::slice::from_ref(&m.code), Lookup::Reports)?;
            rules::meeting_code(&m.code, &known).map_err(|reason| {
                Error::Other(format!("meeting code {} {reason}", quoted(&m.code)))
            })?;
            w.meeting(&mut known, m)?;
            Ok(())
        })
    }

    /// Adds a measure; returns its code (given, or the next free one).
    pub fn add_measure(&mut self, m: &MeasureInput<'_>) -> Result<String> {
        self.write_one("add-measure", |w| {
            let mut known = w.known()?;
            if !known.meetings.contains_key(m.meeting) {
                return Err(meeting_not_found(w.conn, m.meeting));
            }
            let mut codes: Vec<String> = m.parent.iter().map(|p| p.to_string()).collect();
            if let Some(p) = m.parent {
                w.load_chunk(&mut known, &codes, Lookup::Whole)?;
                check_parent(w.conn, p, m.meeting, &known)?;
            }
            let code = match (m.code, m.parent) {
                (Some(code), _) => code.to_string(),
                (None, Some(p)) => next_code(w.conn, p, 1)?,
                (None, None) => next_code(w.conn, m.meeting, 2)?,
            };
            codes.push(code.clone());
            codes.extend(m.continues.map(str::to_string));
            w.load_chunk(&mut known, &codes, Lookup::Whole)?;
            if known.measure(&code).is_some() {
                return Err(Error::Exists {
                    what: "measure",
                    value: code,
                });
            }
            rules::measure_code(&code, &known, false).map_err(|reason| {
                Error::Other(format!("measure code {} {reason}", quoted(&code)))
            })?;
            let measure = MeasureIn {
                code: code.clone(),
                meeting: m.meeting.to_string(),
                parent: Some(m.parent.map(str::to_string)),
                title: m.title.to_string(),
                description: Some(m.description.map(str::to_string)),
                category_id: m.category_id,
                lead_ministry_id: Some(m.lead_ministry_id),
                due_date: Some(m.due_date),
                continues: m.continues.map(|c| Some(c.to_string())),
            };
            w.measure(&mut known, &measure, None, 0)?;
            Ok(code)
        })
    }

    /// Records one report for the measure `code`, an answer to the round
    /// `round` (a code) when given: it must be open and have requested
    /// the measure.
    pub fn update_status(
        &mut self,
        code: &str,
        u: &UpdateInput,
        round: Option<&str>,
    ) -> Result<Recorded> {
        self.write_one("update-status", |w| {
            let mut known = w.known()?;
            w.load_chunk(&mut known, &[code.to_string()], Lookup::Reports)?;
            let Some(k) = known.measure(code) else {
                return Err(no_such_measure(w.conn, code));
            };
            let mut u = u.clone();
            if let Some(r) = round {
                let r = rules::round_open(r, &known)
                    .and_then(|r| rules::requested(r, code, Some(k.id), &known).map(|()| r))
                    .map_err(|reason| Error::Other(format!("--round {r}: {reason}")))?;
                u.round = Some(r.id);
            }
            let reported = w.report(&mut known, k.id, &u, 0)?;
            w.flush()?;
            let review = w.review_of(k.id, u.reported_on, w.now.date())?;
            let Some(measure) = find(w.conn, code)? else {
                return Err(no_such_measure(w.conn, code));
            };
            let meeting_held_on = known
                .meetings
                .get(&measure.meeting)
                .map(|m| m.held_on)
                .ok_or_else(|| Error::not_found("meeting", measure.meeting.clone()))?;
            Ok(Recorded {
                outcome: reported.outcome,
                current: reported.current,
                measure,
                meeting_held_on,
                cleared: reported.cleared,
                review,
            })
        })
    }
}

/// The parent `p` of a new measure of `meeting`, as a command's error:
/// an unknown code with the nearest one (or saying it is a meeting's).
fn check_parent(conn: &mut Db, p: &str, meeting: &str, known: &Known) -> Result<()> {
    match rules::parent(None, p, meeting, known) {
        Ok(_) => Ok(()),
        Err(Parent::Unknown) => Err(match no_such_measure(conn, p) {
            Error::NotFound {
                value, suggestion, ..
            } => Error::NotFound {
                what: "parent measure",
                value,
                suggestion,
            },
            other => other,
        }),
        Err(Parent::InAnotherMeeting(reason)) => {
            Err(Error::Other(format!("parent {}: {reason}", quoted(p))))
        }
        Err(Parent::Own) => Err(Error::Other(format!(
            "parent {}: {}",
            quoted(p),
            rules::OWN_PARENT
        ))),
    }
}

/// The next free code: `<meeting>-NN` for a measure, `<parent>-N` for a
/// sub-measure; free means no measure's and no meeting's.
fn next_code(conn: &mut Db, base: &str, width: usize) -> Result<String> {
    let prefix = format!("{base}-");
    let mut taken: Vec<String> = measures::table
        .filter(code_starts_with(measures::code, &prefix))
        .select(measures::code)
        .load(conn)?;
    taken.extend(
        meetings::table
            .filter(code_starts_with(meetings::code, &prefix))
            .select(meetings::code)
            .load::<String>(conn)?,
    );
    let max = taken
        .iter()
        .filter_map(|c| c.strip_prefix(&prefix))
        .filter(|rest| !rest.contains('-'))
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let next = max.checked_add(1).ok_or_else(|| Error::NoNextCode {
        last: format!("{prefix}{max}"),
        base: base.to_string(),
    })?;
    Ok(format!("{prefix}{next:0width$}"))
}
