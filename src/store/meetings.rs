//! Meetings: look up, list with their measures counted per status. Adding
//! one is the writer's (`write/one.rs`).

use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use super::{Db, Store};
use crate::error::{Error, Result};
use crate::model::{Meeting, Status, StatusCounts};
use crate::parse::closest;
use crate::schema::{measures, meetings};

/// A meeting as `meetings` and `show` print it: the meeting and its
/// measures counted per status. It reads as the meeting it holds
/// (`row.code`).
#[derive(Debug, Clone, Serialize)]
pub struct MeetingRow {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub total: i64,
    pub by_status: StatusCounts,
}

impl MeetingRow {
    fn new(meeting: Meeting, counts: StatusCounts) -> Self {
        MeetingRow {
            meeting,
            total: counts.total(),
            by_status: counts,
        }
    }
}

impl std::ops::Deref for MeetingRow {
    type Target = Meeting;

    fn deref(&self) -> &Meeting {
        &self.meeting
    }
}

/// The id of the meeting with this code.
pub(crate) fn meeting_id(conn: &mut Db, code: &str) -> Result<Option<i32>> {
    Ok(meetings::table
        .filter(meetings::code.eq(code))
        .select(meetings::id)
        .first(conn)
        .optional()?)
}

/// The "no meeting" error, with the nearest existing code (the first by
/// code of those equally near).
pub(crate) fn meeting_not_found(conn: &mut Db, code: &str) -> Error {
    let codes: Vec<String> = meetings::table
        .select(meetings::code)
        .order(meetings::code)
        .load(conn)
        .unwrap_or_default();
    Error::NotFound {
        what: "meeting",
        value: code.to_string(),
        suggestion: closest(code, codes.iter().map(String::as_str)),
    }
}

/// Measure counts per status for the given meetings (all when `None`).
fn counts(conn: &mut Db, ids: Option<&[i32]>) -> Result<Vec<(i32, StatusCounts)>> {
    let mut q = measures::table
        .group_by((measures::meeting_id, measures::status))
        .select((measures::meeting_id, measures::status, count_star()))
        .into_boxed();
    if let Some(ids) = ids {
        q = q.filter(measures::meeting_id.eq_any(ids.to_vec()));
    }
    let rows: Vec<(i32, String, i64)> = q.load(conn)?;
    let mut out: Vec<(i32, StatusCounts)> = Vec::new();
    for (meeting, status, n) in rows {
        let status = Status::from_code(&status).unwrap_or(Status::Planned);
        match out.iter_mut().find(|(id, _)| *id == meeting) {
            Some((_, c)) => c.add(status, n),
            None => {
                let mut c = StatusCounts::default();
                c.add(status, n);
                out.push((meeting, c));
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Every meeting, oldest first, with its measures counted per status.
    pub fn meetings(&mut self) -> Result<Vec<MeetingRow>> {
        self.read(|c| {
            let all: Vec<Meeting> = meetings::table
                .select(Meeting::as_select())
                .order((meetings::held_on, meetings::code))
                .load(c)?;
            let counts = counts(c, None)?;
            Ok(all
                .into_iter()
                .map(|m| {
                    let n = counts
                        .iter()
                        .find(|(id, _)| *id == m.id)
                        .map(|(_, n)| *n)
                        .unwrap_or_default();
                    MeetingRow::new(m, n)
                })
                .collect())
        })
    }

    /// One meeting with its counts, or the "no meeting" error.
    pub fn meeting(&mut self, code: &str) -> Result<MeetingRow> {
        self.read(|c| {
            let m: Option<Meeting> = meetings::table
                .filter(meetings::code.eq(code))
                .select(Meeting::as_select())
                .first(c)
                .optional()?;
            let Some(m) = m else {
                return Err(meeting_not_found(c, code));
            };
            let n = counts(c, Some(&[m.id]))?
                .first()
                .map(|(_, n)| *n)
                .unwrap_or_default();
            Ok(MeetingRow::new(m, n))
        })
    }
}
