//! Deadlines and lineage, as the writer keeps them for a row of a file and
//! a command alike: a due date moved from one date to another is a
//! revision (`due_revisions`: the day it was decided, from, to, the
//! reason; the file's name for a file), logged with its reason, and the
//! measure keeps the due date it had before its first revision
//! (`original_due`); giving a measure its first due date is no revision.
//! A measure may continue a measure of an earlier meeting (a row of
//! `measure_lineage`), checked by `crate::rules::continues`, a chain that
//! never goes round. `revise-due` is here too; undoing an import's
//! revisions is `undo.rs`'s, reading them `store::revisions`'.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::log::{day, Action, Change, Entity};
use super::{row_refused, Known, Lookup, MeasureIn, Writer};
use crate::error::{quoted, Error, Result};
use crate::rules::{self, Continues};
use crate::schema::{due_revisions, measure_lineage, measures, meetings};
use crate::store::measures::no_such_measure;
use crate::store::{Db, Store};

/// Why a command moves a due date: the day it was decided and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub on: NaiveDate,
    pub reason: String,
}

/// A revision as it is stored.
#[derive(Insertable)]
#[diesel(table_name = due_revisions)]
struct NewRevision<'a> {
    measure_id: i32,
    changed_on: NaiveDate,
    from_due: NaiveDate,
    to_due: NaiveDate,
    reason: &'a str,
    import_id: Option<i32>,
    recorded_at: chrono::NaiveDateTime,
}

impl Store {
    /// `revise-due`: moves the due date of the measure `code` to `to`, a
    /// revision decided on `why.on` for `why.reason` (a measure without a
    /// due date gets its first). Refused when it is due on `to` already.
    pub fn revise_due(&mut self, code: &str, to: NaiveDate, why: Why) -> Result<()> {
        self.write_one("revise-due", |w| {
            let mut known = w.known()?;
            w.load_chunk(&mut known, &[code.to_string()], Lookup::Whole)?;
            let Some(stored) = known.stored_measure(code).cloned() else {
                return Err(no_such_measure(w.conn, code));
            };
            if stored.due_date == Some(to) {
                return Err(Error::Other(format!(
                    "{code} is due on {to} already: give --to another date"
                )));
            }
            let m = MeasureIn {
                code: code.to_string(),
                meeting: known
                    .meeting_code(stored.meeting_id)
                    .unwrap_or_default()
                    .to_string(),
                parent: None,
                title: stored.title,
                description: None,
                category_id: stored.category_id,
                lead_ministry_id: None,
                due_date: Some(Some(to)),
                continues: None,
            };
            w.with_why(why, |w| w.measure(&mut known, &m, None, 0).map(|_| ()))
        })
    }
}

impl Writer<'_> {
    /// Runs `f` with `why` as the reason of the due dates it moves.
    pub(super) fn with_why<T>(
        &mut self,
        why: Why,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.why = Some(why);
        let value = f(self);
        self.why = None;
        value
    }

    /// Records that the measure `id` (`code`), due on `from`, is now due
    /// on `to`: a revision with its day and reason (a command's `why`, or
    /// the file's name on the day of the import), or, without `from`, its
    /// first due date. The measure's row itself is the caller's to write.
    pub(super) fn due_moved(
        &mut self,
        id: i32,
        code: &str,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<()> {
        let (on, reason) = match (&self.why, &self.provenance) {
            (Some(w), _) => (w.on, w.reason.clone()),
            (None, Some(p)) => (self.now.date(), format!("import {}", p.file_name)),
            (None, None) => (self.now.date(), self.command.to_string()),
        };
        let change = Change::field(Entity::Measure, code, "due_date", day(from), day(Some(to)));
        let Some(from) = from else {
            return self.log(change.reason(&reason));
        };
        if self.why.is_none() && self.provenance.is_none() {
            return Err(Error::Other(format!(
                "--due {to}: {code} is due {from}; moving it is a revision: give --reason (why it moves)"
            )));
        }
        let latest: Option<NaiveDate> = due_revisions::table
            .filter(due_revisions::measure_id.eq(id))
            .select(diesel::dsl::max(due_revisions::changed_on))
            .first(self.conn)?;
        // A command's --on is not before the meeting; an import's day is
        // today, whatever the meeting's date.
        let held_on = match self.why {
            Some(_) => measures::table
                .inner_join(meetings::table)
                .filter(measures::id.eq(id))
                .select(meetings::held_on)
                .first(self.conn)?,
            None => NaiveDate::MIN,
        };
        rules::revision_day(on, held_on, latest, self.now.date()).map_err(Error::Other)?;
        self.log(change.action(Action::Revise).reason(&reason))?;
        let import_id = self.creator()?;
        diesel::insert_into(due_revisions::table)
            .values(&NewRevision {
                measure_id: id,
                changed_on: on,
                from_due: from,
                to_due: to,
                reason: &reason,
                import_id,
                recorded_at: self.now,
            })
            .execute(self.conn)?;
        // The first revision keeps the due date it moves as the original.
        diesel::update(
            measures::table
                .find(id)
                .filter(measures::original_due.is_null()),
        )
        .set(measures::original_due.eq(from))
        .execute(self.conn)?;
        Ok(())
    }

    /// Refuses to move the meeting `meeting` (id `meeting_id`) to
    /// `held_on` when a lineage link would then go to the same or a later
    /// meeting: one of its measures continuing a measure of a meeting held
    /// that day or later, or continued by one of a meeting held that day or
    /// earlier.
    pub(super) fn meeting_moves(
        &mut self,
        meeting_id: i32,
        meeting: &str,
        held_on: NaiveDate,
    ) -> Result<()> {
        let (m, t) = diesel::alias!(measures as m, measures as t);
        let (mm, tm) = diesel::alias!(meetings as mm, meetings as tm);
        let broken: Option<(String, String, NaiveDate, String, String, NaiveDate)> =
            measure_lineage::table
                .inner_join(m.on(m.field(measures::id).eq(measure_lineage::measure_id)))
                .inner_join(t.on(t.field(measures::id).eq(measure_lineage::continues_id)))
                .inner_join(mm.on(mm.field(meetings::id).eq(m.field(measures::meeting_id))))
                .inner_join(tm.on(tm.field(meetings::id).eq(t.field(measures::meeting_id))))
                .filter(
                    m.field(measures::meeting_id)
                        .eq(meeting_id)
                        .and(tm.field(meetings::held_on).ge(held_on))
                        .or(t
                            .field(measures::meeting_id)
                            .eq(meeting_id)
                            .and(mm.field(meetings::held_on).le(held_on))),
                )
                .select((
                    m.field(measures::code),
                    mm.field(meetings::code),
                    mm.field(meetings::held_on),
                    t.field(measures::code),
                    tm.field(meetings::code),
                    tm.field(meetings::held_on),
                ))
                .order((m.field(measures::code), t.field(measures::code)))
                .first(self.conn)
                .optional()?;
        let Some((later, later_meeting, later_day, earlier, earlier_meeting, earlier_day)) = broken
        else {
            return Ok(());
        };
        let day = |code: &str, stored: NaiveDate| match code == meeting {
            true => held_on,
            false => stored,
        };
        Err(Error::Other(format!(
            "meeting {meeting} held on {held_on}: {later} ({later_meeting}, {}) continues {earlier} ({earlier_meeting}, {}), which would not be of an earlier meeting; a measure continues a measure of an earlier meeting",
            day(&later_meeting, later_day),
            day(&earlier_meeting, earlier_day),
        )))
    }

    /// The measure `m` continues, as an id: `None` when not given,
    /// `Some(None)` to clear it. A measure not known, or not of an earlier
    /// meeting, is refused (the row's error for a file, `line` > 0).
    pub(super) fn continues_id(
        &mut self,
        known: &Known,
        m: &MeasureIn,
        line: u64,
    ) -> Result<Option<Option<i32>>> {
        let Some(given) = &m.continues else {
            return Ok(None);
        };
        let Some(target) = given else {
            return Ok(Some(None));
        };
        let held_on = known.meetings.get(&m.meeting).map(|g| g.held_on);
        match rules::continues(&m.code, target, &m.meeting, held_on, known) {
            Ok(k) => Ok(Some(Some(k.id))),
            Err(Continues::Unknown) if line == 0 => Err(match no_such_measure(self.conn, target) {
                Error::NotFound {
                    value, suggestion, ..
                } => Error::NotFound {
                    what: "measure to continue (--continues)",
                    value,
                    suggestion,
                },
                other => other,
            }),
            Err(Continues::Unknown) => Err(row_refused(
                line,
                "continues",
                target,
                "no such measure in the database or on an earlier line of this file".into(),
            )),
            Err(Continues::NotEarlier(reason)) => Err(match line {
                0 => Error::Other(format!("--continues {}: {reason}", quoted(target))),
                _ => row_refused(line, "continues", target, reason),
            }),
        }
    }

    /// Links the stored measure `id` (`code`), which continued `had`, to
    /// the measure `now` (none: the link is cleared), logged.
    pub(super) fn link(
        &mut self,
        known: &mut Known,
        id: i32,
        code: &str,
        had: Option<i32>,
        now: Option<i32>,
    ) -> Result<()> {
        let old = self.measure_code(had)?;
        let new = self.measure_code(now)?;
        self.log(
            Change::field(Entity::Measure, code, "continues", old, new).action(Action::Continue),
        )?;
        diesel::delete(measure_lineage::table.find(id)).execute(self.conn)?;
        match now {
            Some(c) => {
                insert_lineage(self.conn, &[(id, c)])?;
                known.continues.insert(id, c);
            }
            None => {
                known.continues.remove(&id);
            }
        }
        Ok(())
    }

    /// Refuses to make the measure `id` continue `target` when `target`
    /// continues `id` itself, at any remove: the chain would go round.
    pub(super) fn refuse_continues_cycle(
        &mut self,
        id: i32,
        target: i32,
        code: &str,
        target_code: &str,
        line: u64,
    ) -> Result<()> {
        let continued = |w: &mut Self, c: i32| -> Result<Option<i32>> {
            Ok(match w.pending.lineage.iter().find(|(m, _)| *m == c) {
                Some((_, next)) => Some(*next),
                None => measure_lineage::table
                    .find(c)
                    .select(measure_lineage::continues_id)
                    .first(w.conn)
                    .optional()?,
            })
        };
        if self.reaches(target, id, continued)? {
            let reason = rules::continues_cycle(code);
            return Err(match line {
                0 => Error::Other(format!("--continues {}: {reason}", quoted(target_code))),
                _ => row_refused(line, "continues", target_code, reason),
            });
        }
        Ok(())
    }
}

/// Sets the original due date of the measures `ids` from their revisions
/// left: the due date before the first, or none (an import's revisions
/// undone).
pub(super) fn settle_original_due(conn: &mut Db, ids: &[i32]) -> Result<()> {
    let first = due_revisions::table
        .filter(due_revisions::measure_id.eq(measures::id))
        .order(due_revisions::id)
        .select(due_revisions::from_due)
        .limit(1);
    diesel::update(measures::table.filter(measures::id.eq_any(ids)))
        .set(measures::original_due.eq(first.single_value()))
        .execute(conn)?;
    Ok(())
}

/// The code of the measure that the measure `id` continues.
pub(super) fn continued(conn: &mut Db, id: i32) -> Result<Option<String>> {
    Ok(measure_lineage::table
        .inner_join(measures::table.on(measures::id.eq(measure_lineage::continues_id)))
        .filter(measure_lineage::measure_id.eq(id))
        .select(measures::code)
        .first(conn)
        .optional()?)
}

/// Links the measure `id` to the measure `code` (none: unlinks it), as an
/// undo restores it; returns 1 (the row it changed).
pub(super) fn relink(conn: &mut Db, id: i32, code: Option<&str>) -> Result<usize> {
    diesel::delete(measure_lineage::table.find(id)).execute(conn)?;
    if let Some(code) = code {
        let c: i32 = measures::table
            .filter(measures::code.eq(code))
            .select(measures::id)
            .first(conn)?;
        insert_lineage(conn, &[(id, c)])?;
    }
    Ok(1)
}

/// The first (by code) of the measures that continue the measure `id`.
pub(super) fn continued_by(conn: &mut Db, id: i32) -> Result<Option<String>> {
    Ok(measure_lineage::table
        .inner_join(measures::table.on(measures::id.eq(measure_lineage::measure_id)))
        .filter(measure_lineage::continues_id.eq(id))
        .order(measures::code)
        .select(measures::code)
        .first(conn)
        .optional()?)
}

/// A measure not created by the import `import` that continues one it
/// created: (its code, the continued one's).
pub(super) fn later_continuation(conn: &mut Db, import: i32) -> Result<Option<(String, String)>> {
    let (later, theirs) = diesel::alias!(measures as later, measures as theirs);
    Ok(measure_lineage::table
        .inner_join(later.on(later.field(measures::id).eq(measure_lineage::measure_id)))
        .inner_join(theirs.on(theirs.field(measures::id).eq(measure_lineage::continues_id)))
        .filter(theirs.field(measures::import_id).eq(import))
        .filter(
            later
                .field(measures::import_id)
                .ne(import)
                .or(later.field(measures::import_id).is_null()),
        )
        .select((later.field(measures::code), theirs.field(measures::code)))
        .first(conn)
        .optional()?)
}

/// Writes the links `(measure, continued)`.
pub(super) fn insert_lineage(conn: &mut Db, links: &[(i32, i32)]) -> Result<()> {
    for part in links.chunks(100) {
        let rows: Vec<_> = part
            .iter()
            .map(|(m, c)| {
                (
                    measure_lineage::measure_id.eq(*m),
                    measure_lineage::continues_id.eq(*c),
                )
            })
            .collect();
        on_backend!(&mut *conn, c => diesel::insert_into(measure_lineage::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}
