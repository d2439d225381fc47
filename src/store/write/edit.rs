//! The commands that change what is stored rather than add to it:
//! `edit-measure`, `edit-meeting` (through the same meeting and measure
//! writes as an import row, which log each changed field), `retract` (a
//! report out of the history) and `remove-measure` (a measure and its
//! reports out of the database). Each keeps what it takes away in the change
//! log with its reason; what the commands print is left to them.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::log::stored_version;
use super::log::{num, whole, Action, Change, Entity};
use super::{Known, Lookup, MeasureIn, MeetingIn, Writer};
use crate::error::{quoted, Error, Result};
use crate::rules::{self, Parent};
use crate::schema::{changes, measures, status_updates};
use crate::store::measures::no_such_measure;
use crate::store::meetings::meeting_not_found;
use crate::store::Store;

/// What `edit-measure` changes: `None` leaves a field as it is; for an
/// optional field, `Some(None)` clears it.
#[derive(Debug, Default, Clone)]
pub struct MeasureEdit {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub category_id: Option<i32>,
    pub lead_ministry_id: Option<Option<i32>>,
    pub parent: Option<Option<String>>,
    /// The measure of an earlier meeting it continues (`Some(None)`: none).
    pub continues: Option<Option<String>>,
    /// A new due date, and why it moves.
    /// A new due date, with why it moves (`None`: a first due date, or
    /// refused as a revision without a reason).
    pub due: Option<(NaiveDate, Option<super::Why>)>,
}

/// One field a command changed: its name, the old and the new value.
pub type FieldChange = (&'static str, Option<String>, Option<String>);

impl Store {
    /// Changes the fields of the measure `code` that `e` gives; returns the
    /// fields that changed.
    pub fn edit_measure(&mut self, code: &str, e: &MeasureEdit) -> Result<Vec<FieldChange>> {
        self.write_one("edit-measure", |w| {
            let mut known = w.known()?;
            let mut codes = vec![code.to_string()];
            codes.extend(e.parent.clone().flatten());
            codes.extend(e.continues.clone().flatten());
            w.load_chunk(&mut known, &codes, Lookup::Whole)?;
            let Some(k) = known.measure(code) else {
                return Err(no_such_measure(w.conn, code));
            };
            let stored = known
                .stored
                .get(&k.id)
                .cloned()
                .ok_or_else(|| Error::Other(format!("measure {code}: not loaded (a bug)")))?;
            let meeting = known
                .meeting_code(k.meeting_id)
                .unwrap_or_default()
                .to_string();
            if let Some(Some(p)) = &e.parent {
                match rules::parent(Some(code), p, &meeting, &known) {
                    Ok(_) => {}
                    Err(Parent::Unknown) => return Err(no_such_measure(w.conn, p)),
                    Err(Parent::InAnotherMeeting(reason)) => {
                        return Err(Error::Other(format!("parent {}: {reason}", quoted(p))))
                    }
                    Err(Parent::Own) => {
                        return Err(Error::Other(format!(
                            "parent {}: {}",
                            quoted(p),
                            rules::OWN_PARENT
                        )))
                    }
                }
            }
            let m = MeasureIn {
                code: code.to_string(),
                meeting,
                parent: e.parent.clone(),
                title: e.title.clone().unwrap_or(stored.title),
                description: e.description.clone(),
                category_id: e.category_id.unwrap_or(stored.category_id),
                lead_ministry_id: e.lead_ministry_id,
                due_date: e.due.as_ref().map(|(d, _)| Some(*d)),
                continues: e.continues.clone(),
            };
            let before = w.pending.changes.len();
            let mut write = |w: &mut Writer<'_>| {
                w.measure(&mut known, &m, None, 0)
                    .map_err(|err| command_error(err, code))
            };
            match &e.due {
                Some((_, Some(why))) => w.with_why(why.clone(), write)?,
                _ => write(w)?,
            };
            Ok(w.fields_since(before))
        })
    }

    /// Changes the fields of the stored meeting `m.code` that `m` gives;
    /// returns the fields that changed.
    pub fn edit_meeting(&mut self, m: &MeetingIn) -> Result<Vec<FieldChange>> {
        self.write_one("edit-meeting", |w| {
            let mut known = w.known()?;
            if !known.meetings.contains_key(&m.code) {
                return Err(meeting_not_found(w.conn, &m.code));
            }
            let before = w.pending.changes.len();
            w.meeting(&mut known, m)?;
            Ok(w.fields_since(before))
        })
    }

    /// Takes the report of the measure `code` on `on` out of the history
    /// (kept in the log with `reason`); the measure's current status is
    /// worked out again from the reports left.
    pub fn retract(&mut self, code: &str, on: NaiveDate, reason: &str) -> Result<()> {
        self.write_one("retract", |w| {
            let mut known = w.known()?;
            w.load_chunk(&mut known, &[code.to_string()], Lookup::Reports)?;
            let Some(k) = known.measure(code) else {
                return Err(no_such_measure(w.conn, code));
            };
            let Some(r) = known.reports.get(&(k.id, on)) else {
                return Err(w.no_report(&known, k.id, code, on));
            };
            let version = stored_version(&known, r);
            w.log(
                Change::report(code, on, Action::Retract)
                    .old(version)
                    .reason(reason),
            )?;
            diesel::delete(
                status_updates::table
                    .filter(status_updates::measure_id.eq(k.id))
                    .filter(status_updates::reported_on.eq(on)),
            )
            .execute(w.conn)?;
            known.reports.remove(&(k.id, on));
            w.pending.current.insert(k.id);
            Ok(())
        })
    }

    /// Removes the measure `code` and its reports (kept in the log with
    /// `reason`); refused while it has sub-measures. Returns how many
    /// reports went with it.
    pub fn remove_measure(&mut self, code: &str, reason: &str) -> Result<usize> {
        self.write_one("remove-measure", |w| {
            let mut known = w.known()?;
            w.load_chunk(&mut known, &[code.to_string()], Lookup::Whole)?;
            let Some(k) = known.measure(code) else {
                return Err(no_such_measure(w.conn, code));
            };
            let children: Vec<String> = measures::table
                .filter(measures::parent_id.eq(k.id))
                .order(measures::code)
                .select(measures::code)
                .load(w.conn)?;
            if !children.is_empty() {
                return Err(Error::Other(format!(
                    "measure {} has sub-measures ({}): remove or move them first (`edit-measure CODE --parent …`)",
                    quoted(code),
                    children.join(", ")
                )));
            }
            if let Some(next) = super::revise::continued_by(w.conn, k.id)? {
                return Err(Error::Other(format!(
                    "measure {} is continued by {next}: clear that first (`edit-measure {next} --continues ''`)",
                    quoted(code),
                )));
            }
            let mut dates: Vec<NaiveDate> = known
                .reports
                .keys()
                .filter(|(id, _)| *id == k.id)
                .map(|(_, d)| *d)
                .collect();
            dates.sort();
            for on in &dates {
                let r = &known.reports[&(k.id, *on)];
                let version = stored_version(&known, r);
                w.log(
                    Change::report(code, *on, Action::Remove)
                        .old(version)
                        .reason(reason),
                )?;
            }
            let stored = known.stored[&k.id].clone();
            let (parent, import_id): (Option<String>, Option<i32>) = (
                w.measure_code(stored.parent_id)?,
                measures::table
                    .find(k.id)
                    .select(measures::import_id)
                    .first(w.conn)?,
            );
            let mut values = vec![(
                "meeting",
                known.meeting_code(k.meeting_id).map(str::to_string),
            )];
            values.extend(super::measure_fields(
                &known.refs,
                parent,
                &stored.title,
                stored.description.clone(),
                stored.category_id,
                stored.lead_ministry_id,
                stored.due_date,
            ));
            if let Some(c) = super::revise::continued(w.conn, k.id)? {
                values.push(("continues", Some(c)));
            }
            values.push(("import", num(import_id)));
            w.log(
                Change::new(Entity::Measure, code, Action::Remove)
                    .old(whole(&values))
                    .reason(reason),
            )?;
            diesel::delete(status_updates::table.filter(status_updates::measure_id.eq(k.id)))
                .execute(w.conn)?;
            diesel::delete(measures::table.find(k.id)).execute(w.conn)?;
            Ok(dates.len())
        })
    }
}

impl Writer<'_> {
    /// The fields changed by the entries queued since the `from`th.
    fn fields_since(&self, from: usize) -> Vec<FieldChange> {
        self.pending.changes[from..]
            .iter()
            .filter_map(|c| c.field_change())
            .collect()
    }

    /// Why the measure `code` (id `id`) has no report on `on`: retracted
    /// already, or never made; with the dates it has.
    pub(super) fn no_report(&mut self, known: &Known, id: i32, code: &str, on: NaiveDate) -> Error {
        let retracted: Option<(chrono::NaiveDateTime, Option<String>)> = changes::table
            .filter(changes::entity.eq(Entity::Report.code()))
            .filter(changes::code.eq(code))
            .filter(changes::reported_on.eq(on))
            .filter(changes::action.eq(Action::Retract.code()))
            .order(changes::id.desc())
            .select((changes::changed_at, changes::reason))
            .first(self.conn)
            .optional()
            .ok()
            .flatten();
        if let Some((at, reason)) = retracted {
            return Error::Other(format!(
                "the report of {code} on {on} was already retracted on {} (reason: {}); `policy-track log {code}` shows it",
                at.format("%Y-%m-%d %H:%M:%S"),
                crate::error::quoted(&reason.unwrap_or_default())
            ));
        }
        let mut dates: Vec<String> = known
            .reports
            .keys()
            .filter(|(m, _)| *m == id)
            .map(|(_, d)| d.to_string())
            .collect();
        dates.sort();
        Error::Other(match dates.is_empty() {
            true => format!("{code} has no report on {on} (it has no reports at all)"),
            false => format!(
                "{code} has no report on {on} (its reports: {})",
                dates.join(", ")
            ),
        })
    }
}

/// A writer's error for a row of a file, said as a command's.
fn command_error(err: Error, code: &str) -> Error {
    match err {
        Error::Import { rows, .. } if !rows.is_empty() => Error::Other(format!(
            "{code}: {}: {}: {}",
            rows[0].column,
            quoted(&rows[0].value),
            rows[0].reason
        )),
        other => other,
    }
}
