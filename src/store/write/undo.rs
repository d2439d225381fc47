//! `imports undo`: an import reversed, in one transaction. The reports it
//! added are removed, the reports it corrected get their earlier version
//! back, the fields it changed their old values (all from its log entries,
//! newest first), and the meetings and measures it created (found by their
//! `import_id`) are removed; the current status of every measure it touched
//! is worked out again.
//!
//! Refused, naming the row, when a later write changed what the import
//! wrote: a later log entry about one of its rows (a field, a report, a
//! retraction or removal of something it created), or a row made later that
//! hangs on one it created (a report of its measure, a sub-measure, a
//! measure of its meeting). The writes of an import that was itself undone
//! do not count.

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::log::{field_text, fields_of, Action, Change, Entity};
use super::{batch::set_current_from_latest, Writer};
use crate::error::{quoted, Error, Result};
use crate::schema::{changes, imports, measures, meetings, rounds, status_updates};
use crate::store::Store;

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undone {
    pub file: String,
    pub reports_removed: usize,
    pub reports_restored: usize,
    pub fields_restored: usize,
    pub measures_removed: usize,
    pub meetings_removed: usize,
}

/// A log entry as an undo reads it.
#[derive(Debug, Clone, Queryable)]
struct Entry {
    id: i32,
    changed_at: NaiveDateTime,
    command: String,
    import_id: Option<i32>,
    entity: String,
    code: String,
    reported_on: Option<NaiveDate>,
    action: String,
    field: Option<String>,
    old_value: Option<String>,
}

macro_rules! entry_columns {
    () => {
        (
            changes::id,
            changes::changed_at,
            changes::command,
            changes::import_id,
            changes::entity,
            changes::code,
            changes::reported_on,
            changes::action,
            changes::field,
            changes::old_value,
        )
    };
}

impl Entry {
    /// Whether its old version (a report or measure kept whole) was
    /// created by the import `id`.
    fn was_created_by(&self, id: i32) -> bool {
        self.old_value
            .as_deref()
            .and_then(|v| field_text(&fields_of(v), "import"))
            .is_some_and(|i| i == id.to_string())
    }

    /// The write, as a refusal names it.
    fn by(&self) -> String {
        match (self.command.as_str(), self.import_id) {
            ("import", Some(i)) => {
                format!("import {i} (undo it first: `policy-track imports undo {i}`)")
            }
            (c, _) => format!("`{c}` on {}", self.changed_at.format("%Y-%m-%d %H:%M:%S")),
        }
    }
}

impl Store {
    /// Reverses the import `id` (see the module's documentation).
    pub fn undo_import(&mut self, id: i32) -> Result<Undone> {
        self.write_one("imports undo", |w| w.undo(id))
    }
}

impl Writer<'_> {
    fn undo(&mut self, id: i32) -> Result<Undone> {
        let row: Option<(String, Option<NaiveDateTime>)> = imports::table
            .find(id)
            .select((imports::file_name, imports::undone_at))
            .first(self.conn)
            .optional()?;
        let Some((file, undone_at)) = row else {
            return Err(Error::Other(format!(
                "no import {id} (`policy-track imports list` shows them)"
            )));
        };
        let name = format!("import {id} ({file})");
        if let Some(at) = undone_at {
            return Err(Error::Other(format!(
                "{name} was already undone on {}",
                at.format("%Y-%m-%d %H:%M:%S")
            )));
        }
        let marker: Option<i32> = changes::table
            .filter(changes::import_id.eq(id))
            .filter(changes::action.eq(Action::Import.code()))
            .select(changes::id)
            .first(self.conn)
            .optional()?;
        let Some(marker) = marker else {
            return Err(Error::Other(format!(
                "{name} was made before this database kept a change log: it cannot be undone (restore a backup from before it instead)"
            )));
        };
        let entries: Vec<Entry> = changes::table
            .filter(changes::id.gt(marker))
            .order(changes::id)
            .select(entry_columns!())
            .load(self.conn)?;
        let undone: HashSet<i32> = imports::table
            .filter(imports::undone_at.is_not_null())
            .select(imports::id)
            .load::<i32>(self.conn)?
            .into_iter()
            .collect();
        let (own, later): (Vec<Entry>, Vec<Entry>) = entries
            .into_iter()
            .filter(|e| !e.import_id.is_some_and(|i| undone.contains(&i)))
            .partition(|e| e.import_id == Some(id) && e.command == "import");
        self.refuse_later(id, &name, &own, &later)?;

        let mut done = Undone {
            file,
            ..Undone::default()
        };
        let mut touched: BTreeSet<i32> = status_updates::table
            .filter(status_updates::import_id.eq(id))
            .select(status_updates::measure_id)
            .distinct()
            .load::<i32>(self.conn)?
            .into_iter()
            .collect();
        let refs = crate::store::Refs::load(self.conn)?;
        for e in own.iter().rev() {
            match (e.entity.as_str(), e.action.as_str()) {
                ("meeting", "update") => {
                    self.restore_meeting_field(e)?;
                    done.fields_restored += 1;
                }
                ("measure", "update") => {
                    self.restore_measure_field(e, &refs)?;
                    done.fields_restored += 1;
                }
                ("report", "correct") => {
                    touched.insert(self.restore_report(e, &refs)?);
                    done.reports_restored += 1;
                }
                _ => {}
            }
        }
        done.reports_removed =
            diesel::delete(status_updates::table.filter(status_updates::import_id.eq(id)))
                .execute(self.conn)?;
        let created: Vec<i32> = measures::table
            .filter(measures::import_id.eq(id))
            .select(measures::id)
            .load(self.conn)?;
        done.measures_removed = diesel::delete(measures::table.filter(measures::import_id.eq(id)))
            .execute(self.conn)?;
        done.meetings_removed = diesel::delete(meetings::table.filter(meetings::import_id.eq(id)))
            .execute(self.conn)?;
        for m in created {
            touched.remove(&m);
        }
        let touched: Vec<i32> = touched.into_iter().collect();
        for part in touched.chunks(super::cache::LOOKUP) {
            set_current_from_latest(self.conn, part, self.now)?;
        }
        diesel::update(imports::table.find(id))
            .set(imports::undone_at.eq(self.now))
            .execute(self.conn)?;
        self.undoing = Some(id);
        let summary = format!(
            "{} reports removed, {} restored, {} fields restored, {} measures and {} meetings removed",
            done.reports_removed,
            done.reports_restored,
            done.fields_restored,
            done.measures_removed,
            done.meetings_removed
        );
        let file = done.file.clone();
        self.log(Change::new(Entity::Import, &file, Action::Undo).new_value(summary))?;
        Ok(done)
    }

    /// Refuses the undo of the import `id` when a later write changed one
    /// of its rows or hangs on one it created.
    fn refuse_later(&mut self, id: i32, name: &str, own: &[Entry], later: &[Entry]) -> Result<()> {
        let refuse = |what: String| Err(Error::Other(format!("{name} cannot be undone: {what}")));
        let created_meetings: HashSet<String> = meetings::table
            .filter(meetings::import_id.eq(id))
            .select(meetings::code)
            .load::<String>(self.conn)?
            .into_iter()
            .collect();
        let created_measures: HashSet<String> = measures::table
            .filter(measures::import_id.eq(id))
            .select(measures::code)
            .load::<String>(self.conn)?
            .into_iter()
            .collect();
        let reports: HashSet<(String, NaiveDate)> = status_updates::table
            .inner_join(measures::table)
            .filter(status_updates::import_id.eq(id))
            .select((measures::code, status_updates::reported_on))
            .load::<(String, NaiveDate)>(self.conn)?
            .into_iter()
            .collect();
        let changed = |entity: &str| -> HashSet<&str> {
            own.iter()
                .filter(|e| e.entity == entity)
                .map(|e| e.code.as_str())
                .collect()
        };
        let (changed_meetings, changed_measures) = (changed("meeting"), changed("measure"));
        for e in later {
            let hit = match e.entity.as_str() {
                "meeting" => {
                    created_meetings.contains(&e.code) || changed_meetings.contains(e.code.as_str())
                }
                "measure" => {
                    created_measures.contains(&e.code)
                        || changed_measures.contains(e.code.as_str())
                        || e.was_created_by(id)
                }
                "report" => {
                    created_measures.contains(&e.code)
                        || e.reported_on
                            .is_some_and(|d| reports.contains(&(e.code.clone(), d)))
                        || e.was_created_by(id)
                }
                _ => false,
            };
            if hit {
                let what = match e.reported_on {
                    Some(d) => format!("the report of {} on {d}", e.code),
                    None => format!("{} {}", e.entity, e.code),
                };
                let field = e
                    .field
                    .as_deref()
                    .map(|f| format!(" ({f})"))
                    .unwrap_or_default();
                return refuse(format!(
                    "{what} was {} later{field} by {}",
                    past(&e.action),
                    e.by()
                ));
            }
        }
        let (child, parent) = diesel::alias!(measures as child, measures as parent);
        let sub: Option<(String, String, Option<i32>)> = child
            .inner_join(
                parent.on(child
                    .field(measures::parent_id)
                    .eq(parent.field(measures::id).nullable())),
            )
            .filter(parent.field(measures::import_id).eq(id))
            .filter(
                child
                    .field(measures::import_id)
                    .ne(id)
                    .or(child.field(measures::import_id).is_null()),
            )
            .select((
                child.field(measures::code),
                parent.field(measures::code),
                child.field(measures::import_id),
            ))
            .first(self.conn)
            .optional()?;
        if let Some((c, p, by)) = sub {
            return refuse(format!(
                "measure {} is a later sub-measure of {}, which it created{}",
                quoted(&c),
                quoted(&p),
                later_by(by)
            ));
        }
        let in_meeting: Option<(String, String, Option<i32>)> = measures::table
            .inner_join(meetings::table)
            .filter(meetings::import_id.eq(id))
            .filter(measures::import_id.ne(id).or(measures::import_id.is_null()))
            .select((measures::code, meetings::code, measures::import_id))
            .first(self.conn)
            .optional()?;
        if let Some((m, g, by)) = in_meeting {
            return refuse(format!(
                "measure {} was added later to meeting {}, which it created{}",
                quoted(&m),
                quoted(&g),
                later_by(by)
            ));
        }
        let report: Option<(String, NaiveDate, Option<i32>)> = status_updates::table
            .inner_join(measures::table)
            .filter(measures::import_id.eq(id))
            .filter(
                status_updates::import_id
                    .ne(id)
                    .or(status_updates::import_id.is_null()),
            )
            .select((
                measures::code,
                status_updates::reported_on,
                status_updates::import_id,
            ))
            .first(self.conn)
            .optional()?;
        if let Some((m, d, by)) = report {
            return refuse(format!(
                "measure {} (which it created) has a later report of {d}{}",
                quoted(&m),
                later_by(by)
            ));
        }
        Ok(())
    }

    fn restore_meeting_field(&mut self, e: &Entry) -> Result<()> {
        let old = e.old_value.clone();
        let at = meetings::table.filter(meetings::code.eq(&e.code));
        let n = match e.field.as_deref() {
            Some("title") => diesel::update(at)
                .set(meetings::title.eq(old.unwrap_or_default()))
                .execute(self.conn)?,
            Some("held_on") => diesel::update(at)
                .set(meetings::held_on.eq(date(&e.old_value)?.unwrap_or_default()))
                .execute(self.conn)?,
            Some("location") => diesel::update(at)
                .set(meetings::location.eq(old))
                .execute(self.conn)?,
            Some("chair") => diesel::update(at)
                .set(meetings::chair.eq(old))
                .execute(self.conn)?,
            Some("source") => diesel::update(at)
                .set(meetings::source.eq(old))
                .execute(self.conn)?,
            other => return Err(unknown_field("meeting", other)),
        };
        gone(n, "meeting", &e.code)
    }

    fn restore_measure_field(&mut self, e: &Entry, refs: &crate::store::Refs) -> Result<()> {
        let old = e.old_value.clone();
        let at = measures::table.filter(measures::code.eq(&e.code));
        let n = match e.field.as_deref() {
            Some("title") => diesel::update(at)
                .set(measures::title.eq(old.unwrap_or_default()))
                .execute(self.conn)?,
            Some("description") => diesel::update(at)
                .set(measures::description.eq(old))
                .execute(self.conn)?,
            Some("due_date") => diesel::update(at)
                .set(measures::due_date.eq(date(&e.old_value)?))
                .execute(self.conn)?,
            Some("category") => {
                let id = refs.resolve_category(old.as_deref().unwrap_or_default())?;
                diesel::update(at)
                    .set(measures::category_id.eq(id))
                    .execute(self.conn)?
            }
            Some("lead_ministry") => {
                let id = old.as_deref().map(|a| refs.resolve_agency(a)).transpose()?;
                diesel::update(at)
                    .set(measures::lead_ministry_id.eq(id))
                    .execute(self.conn)?
            }
            Some("parent") => {
                let id: Option<i32> = match &old {
                    None => None,
                    Some(p) => Some(
                        measures::table
                            .filter(measures::code.eq(p))
                            .select(measures::id)
                            .first(self.conn)?,
                    ),
                };
                diesel::update(at)
                    .set(measures::parent_id.eq(id))
                    .execute(self.conn)?
            }
            other => return Err(unknown_field("measure", other)),
        };
        gone(n, "measure", &e.code)
    }

    /// Puts back the version of a report that a correction replaced;
    /// returns its measure's id.
    fn restore_report(&mut self, e: &Entry, refs: &crate::store::Refs) -> Result<i32> {
        let v = fields_of(e.old_value.as_deref().unwrap_or("{}"));
        let int = |name: &str| -> Result<Option<i32>> {
            field_text(&v, name)
                .map(|s| {
                    s.parse::<i32>().map_err(|_| {
                        Error::Other(format!(
                            "change log entry {}: {name} {s:?} is no number",
                            e.id
                        ))
                    })
                })
                .transpose()
        };
        let reporter = field_text(&v, "reported_by")
            .map(|a| refs.resolve_agency(&a))
            .transpose()?;
        // The round it answered, by its code (rounds are never removed).
        let round: Option<i32> = match field_text(&v, "round") {
            Some(code) => Some(
                rounds::table
                    .filter(rounds::code.eq(&code))
                    .select(rounds::id)
                    .first(self.conn)?,
            ),
            None => None,
        };
        let measure_id: i32 = measures::table
            .filter(measures::code.eq(&e.code))
            .select(measures::id)
            .first(self.conn)?;
        diesel::update(
            status_updates::table
                .filter(status_updates::measure_id.eq(measure_id))
                .filter(status_updates::reported_on.eq(e.reported_on.unwrap_or_default())),
        )
        .set((
            status_updates::status.eq(field_text(&v, "status").unwrap_or_default()),
            status_updates::progress.eq(int("progress")?),
            status_updates::reported_by_id.eq(reporter),
            status_updates::note.eq(field_text(&v, "note")),
            status_updates::import_id.eq(int("import")?),
            status_updates::import_line.eq(int("line")?),
            status_updates::round_id.eq(round),
        ))
        .execute(self.conn)?;
        Ok(measure_id)
    }
}

/// "was changed later", "was retracted later", ...
fn past(action: &str) -> &'static str {
    match action {
        "update" => "changed",
        "correct" => "corrected",
        "retract" => "retracted",
        "remove" => "removed",
        "create" => "reported on",
        _ => "written",
    }
}

fn later_by(import: Option<i32>) -> String {
    match import {
        Some(i) => format!(" (by import {i}: undo it first, `policy-track imports undo {i}`)"),
        None => " (by a command: retract or remove it first)".to_string(),
    }
}

fn date(v: &Option<String>) -> Result<Option<NaiveDate>> {
    v.as_deref()
        .map(|s| {
            s.parse::<NaiveDate>()
                .map_err(|_| Error::Other(format!("change log: {s:?} is no date")))
        })
        .transpose()
}

fn unknown_field(what: &str, field: Option<&str>) -> Error {
    Error::Other(format!(
        "change log: a {what} has no field {:?} to restore",
        field.unwrap_or_default()
    ))
}

fn gone(n: usize, what: &str, code: &str) -> Result<()> {
    match n {
        0 => Err(Error::Other(format!(
            "{what} {} is gone: nothing to restore",
            quoted(code)
        ))),
        _ => Ok(()),
    }
}
