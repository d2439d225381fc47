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
//! measure of its meeting), or the office assessed a report it wrote. The writes of an import that was itself undone
//! do not count.

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::log::{field_text, fields_of, Action, Change, Entity};
use super::{batch::set_current_from_latest, Writer};
use crate::error::{quoted, Error, Result};
use crate::schema::{
    assessments, changes, due_revisions, imports, measure_lineage, measures, meetings, rounds,
    status_updates,
};
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
type Entry = crate::store::log::LogEntry;

/// An undo's reading of a log entry.
trait Later {
    fn was_created_by(&self, id: i32) -> bool;
    fn by_whom(&self) -> String;
}

impl Later for Entry {
    /// Whether its old version (a report or measure kept whole) was
    /// created by the import `id`.
    fn was_created_by(&self, id: i32) -> bool {
        self.old
            .as_deref()
            .and_then(|v| field_text(&fields_of(v), "import"))
            .is_some_and(|i| i == id.to_string())
    }

    /// The write, as a refusal names it.
    fn by_whom(&self) -> String {
        match (self.by.as_str(), self.import) {
            ("import", Some(i)) => {
                format!("import {i} (undo it first: `policy-track imports undo {i}`)")
            }
            (c, _) => format!("`{c}` on {}", self.at.format("%Y-%m-%d %H:%M:%S")),
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
            return Err(crate::store::log::no_import(id));
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
        let entries: Vec<Entry> = crate::store::log::entries(
            self.conn,
            &crate::store::log::LogFilter {
                after: Some(marker),
                ..Default::default()
            },
        )?;
        let undone: HashSet<i32> = imports::table
            .filter(imports::undone_at.is_not_null())
            .select(imports::id)
            .load::<i32>(self.conn)?
            .into_iter()
            .collect();
        let (own, later): (Vec<Entry>, Vec<Entry>) = entries
            .into_iter()
            .filter(|e| !e.import.is_some_and(|i| undone.contains(&i)))
            .partition(|e| e.import == Some(id) && e.by == "import");
        let refs = crate::store::Refs::load(self.conn)?;
        self.refuse_later(id, &name, &own, &later, &refs)?;
        self.undoing = Some(id);

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
        for e in own.iter().rev() {
            let entity = match e.entity.as_str() {
                "meeting" => Entity::Meeting,
                "measure" => Entity::Measure,
                _ => Entity::Report,
            };
            match (e.entity.as_str(), e.action.as_str()) {
                ("meeting", "update") => self.restore_meeting_field(e)?,
                ("measure", a) if Action::changes_a_field(a) => {
                    self.restore_measure_field(e, &refs)?
                }
                ("report", "correct") => {
                    touched.insert(self.restore_report(e, &refs)?);
                    done.reports_restored += 1;
                    let date = e.reported_on.unwrap_or_default();
                    self.log(
                        Change::report(&e.code, date, Action::Correct)
                            .old(e.new.clone())
                            .new_value(e.old.clone()),
                    )?;
                    continue;
                }
                _ => continue,
            }
            done.fields_restored += 1;
            let field = e.field.as_deref().and_then(known_field).unwrap_or("?");
            self.log(Change::field(
                entity,
                &e.code,
                field,
                e.new.clone(),
                e.old.clone(),
            ))?;
        }
        done.reports_removed =
            diesel::delete(status_updates::table.filter(status_updates::import_id.eq(id)))
                .execute(self.conn)?;
        // Its revisions go; the measures it revised keep the due date
        // before their first revision left.
        let revised: Vec<i32> =
            diesel::delete(due_revisions::table.filter(due_revisions::import_id.eq(id)))
                .returning(due_revisions::measure_id)
                .get_results(self.conn)?;
        super::revise::settle_original_due(self.conn, &revised)?;
        let created: Vec<(i32, String)> = measures::table
            .filter(measures::import_id.eq(id))
            .order(measures::code)
            .select((measures::id, measures::code))
            .load(self.conn)?;
        let created_meetings: Vec<String> = meetings::table
            .filter(meetings::import_id.eq(id))
            .order(meetings::code)
            .select(meetings::code)
            .load(self.conn)?;
        let reason = format!("import {id} undone");
        for (_, code) in &created {
            self.log(Change::new(Entity::Measure, code, Action::Remove).reason(&reason))?;
        }
        for code in &created_meetings {
            self.log(Change::new(Entity::Meeting, code, Action::Remove).reason(&reason))?;
        }
        // Their links go first: a link between two measures of the import
        // would otherwise hold the one continued while the statement runs
        // (PostgreSQL checks the reference before it cascades).
        diesel::delete(
            measure_lineage::table.filter(
                measure_lineage::measure_id.eq_any(
                    measures::table
                        .filter(measures::import_id.eq(id))
                        .select(measures::id),
                ),
            ),
        )
        .execute(self.conn)?;
        done.measures_removed = diesel::delete(measures::table.filter(measures::import_id.eq(id)))
            .execute(self.conn)?;
        done.meetings_removed = diesel::delete(meetings::table.filter(meetings::import_id.eq(id)))
            .execute(self.conn)?;
        for (m, _) in created {
            touched.remove(&m);
        }
        let touched: Vec<i32> = touched.into_iter().collect();
        for part in touched.chunks(super::cache::LOOKUP) {
            set_current_from_latest(self.conn, part, self.now)?;
        }
        diesel::update(imports::table.find(id))
            .set(imports::undone_at.eq(self.now))
            .execute(self.conn)?;
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

    /// Refuses the undo of the import `id` when what it wrote no longer
    /// stands as it wrote it (a later write changed it), or a later row
    /// hangs on a row it created. A later change that was itself taken
    /// back (a field set back, a report retracted) is no obstacle.
    fn refuse_later(
        &mut self,
        id: i32,
        name: &str,
        own: &[Entry],
        later: &[Entry],
        refs: &crate::store::Refs,
    ) -> Result<()> {
        let refuse = |what: String| Err(Error::Other(format!("{name} cannot be undone: {what}")));
        // The latest later write of a row, as the refusal names it.
        let by = |entity: &str, code: &str, on: Option<NaiveDate>| -> String {
            later
                .iter()
                .rev()
                .find(|e| {
                    e.entity == entity && e.code == code && (on.is_none() || e.reported_on == on)
                })
                .map(|e| format!(" by {}", e.by_whom()))
                .unwrap_or_default()
        };
        // The fields it changed must hold what it wrote.
        for e in own.iter().filter(|e| Action::changes_a_field(&e.action)) {
            let field = e.field.as_deref().unwrap_or_default();
            let what = format!("{} {}", e.entity, quoted(&e.code));
            match self.current_fields(&e.entity, &e.code, refs)? {
                None => {
                    return refuse(format!(
                        "{what} was removed later{}",
                        by(&e.entity, &e.code, None)
                    ))
                }
                Some(fields) => {
                    let now = fields
                        .into_iter()
                        .find(|(f, _)| *f == field)
                        .map(|(_, v)| v);
                    if now.as_ref() != Some(&e.new) {
                        return refuse(format!(
                            "{what} was changed later ({field}){}; set it back or undo that first",
                            by(&e.entity, &e.code, None)
                        ));
                    }
                }
            }
        }
        // The reports it corrected must still be its version.
        for e in own.iter().filter(|e| e.action == "correct") {
            let on = e.reported_on.unwrap_or_default();
            let now: Option<Option<i32>> = status_updates::table
                .inner_join(measures::table)
                .filter(measures::code.eq(&e.code))
                .filter(status_updates::reported_on.eq(on))
                .select(status_updates::import_id)
                .first(self.conn)
                .optional()?;
            if now != Some(Some(id)) {
                let how = if now.is_none() {
                    "retracted or removed"
                } else {
                    "corrected"
                };
                return refuse(format!(
                    "the report of {} on {on} was {how} later{}",
                    e.code,
                    by("report", &e.code, Some(on))
                ));
            }
        }
        // The reports it created must not carry another write's word now.
        if let Some(e) = later
            .iter()
            .filter(|e| e.entity == "report" && e.action == "correct" && e.was_created_by(id))
            .find(|e| self.report_is_not_ours(id, e).unwrap_or(true))
        {
            return refuse(format!(
                "the report of {} on {} was corrected later by {}; retract that report or undo that first",
                e.code,
                e.reported_on.unwrap_or_default(),
                e.by_whom()
            ));
        }
        // The reports it wrote must not carry the office's word on them:
        // taking them back would take the assessment too.
        let assessed: Option<(String, NaiveDate)> = assessments::table
            .inner_join(status_updates::table.inner_join(measures::table))
            .filter(status_updates::import_id.eq(id))
            .order((measures::code, status_updates::reported_on))
            .select((measures::code, status_updates::reported_on))
            .first(self.conn)
            .optional()?;
        if let Some((code, on)) = assessed {
            return refuse(format!(
                "the report of {code} on {on} was assessed later{}; an assessment is not undone with an import",
                by("assessment", &code, Some(on))
            ));
        }
        // The meetings and measures it created must be as it made them.
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
        if let Some(e) = later.iter().find(|e| {
            Action::changes_a_field(&e.action)
                && ((e.entity == "meeting" && created_meetings.contains(&e.code))
                    || (e.entity == "measure" && created_measures.contains(&e.code)))
        }) {
            return refuse(format!(
                "{} {} (which it created) was changed later ({}) by {}",
                e.entity,
                quoted(&e.code),
                e.field.as_deref().unwrap_or_default(),
                e.by_whom()
            ));
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
                later_by(by, "remove-measure it")
            ));
        }
        if let Some((c, p)) = super::revise::later_continuation(self.conn, id)? {
            return refuse(format!(
                "measure {} continues {}, which it created; clear that first (`policy-track edit-measure {c} --continues ''`)",
                quoted(&c),
                quoted(&p),
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
                later_by(by, "remove-measure it")
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
                later_by(by, "retract it")
            ));
        }
        Ok(())
    }

    /// Whether the report a later correction `e` names (of a report the
    /// import `id` created) still stands with another write's word.
    fn report_is_not_ours(&mut self, id: i32, e: &Entry) -> Result<bool> {
        let now: Option<Option<i32>> = status_updates::table
            .inner_join(measures::table)
            .filter(measures::code.eq(&e.code))
            .filter(status_updates::reported_on.eq(e.reported_on.unwrap_or_default()))
            .select(status_updates::import_id)
            .first(self.conn)
            .optional()?;
        Ok(matches!(now, Some(i) if i != Some(id)))
    }

    /// The fields of the meeting or measure `code` as the log names them,
    /// `None` when it is gone.
    fn current_fields(
        &mut self,
        entity: &str,
        code: &str,
        refs: &crate::store::Refs,
    ) -> Result<Option<super::Fields>> {
        if entity == "meeting" {
            let m: Option<MeetingValues> = meetings::table
                .filter(meetings::code.eq(code))
                .select((
                    meetings::title,
                    meetings::held_on,
                    meetings::location,
                    meetings::chair,
                    meetings::source,
                ))
                .first(self.conn)
                .optional()?;
            return Ok(m.map(|(t, h, l, c, s)| super::meeting_fields(&t, h, &l, &c, &s)));
        }
        let m: Option<crate::model::Measure> = measures::table
            .filter(measures::code.eq(code))
            .select(crate::model::Measure::as_select())
            .first(self.conn)
            .optional()?;
        let Some(m) = m else { return Ok(None) };
        let parent = self.measure_code(m.parent_id)?;
        let mut fields = super::measure_fields(
            refs,
            parent,
            &m.title,
            m.description,
            m.category_id,
            m.lead_ministry_id,
            m.due_date,
        );
        fields.push(("continues", super::revise::continued(self.conn, m.id)?));
        Ok(Some(fields))
    }

    fn restore_meeting_field(&mut self, e: &Entry) -> Result<()> {
        let old = e.old.clone();
        let at = meetings::table.filter(meetings::code.eq(&e.code));
        let n = match e.field.as_deref() {
            Some("title") => diesel::update(at)
                .set(meetings::title.eq(old.unwrap_or_default()))
                .execute(self.conn)?,
            Some("held_on") => diesel::update(at)
                .set(meetings::held_on.eq(date(&e.old)?.unwrap_or_default()))
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
        let old = e.old.clone();
        let at = measures::table.filter(measures::code.eq(&e.code));
        let n = match e.field.as_deref() {
            Some("title") => diesel::update(at)
                .set(measures::title.eq(old.unwrap_or_default()))
                .execute(self.conn)?,
            Some("description") => diesel::update(at)
                .set(measures::description.eq(old))
                .execute(self.conn)?,
            Some("due_date") => diesel::update(at)
                .set(measures::due_date.eq(date(&e.old)?))
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
            Some("continues") => {
                let id: i32 = at.select(measures::id).first(self.conn)?;
                super::revise::relink(self.conn, id, old.as_deref())?
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
        let v = fields_of(e.old.as_deref().unwrap_or("{}"));
        let int = |name: &str| -> Result<Option<i32>> {
            field_text(&v, name)
                .map(|s| {
                    s.parse::<i32>().map_err(|_| {
                        Error::Other(format!(
                            "change log entry {}: {name} {s:?} is no number",
                            e.id.unwrap_or_default()
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
            status_updates::evidence.eq(field_text(&v, "evidence")),
        ))
        .execute(self.conn)?;
        Ok(measure_id)
    }
}

/// A meeting's title, date, location, chair and source.
type MeetingValues = (
    String,
    NaiveDate,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Who made a later row, and what to do about it.
fn later_by(import: Option<i32>, by_hand: &str) -> String {
    match import {
        Some(i) => format!(" (by import {i}: undo it first, `policy-track imports undo {i}`)"),
        None => format!(" (by a command: {by_hand} first)"),
    }
}

/// A field name of the log, as the writer names it.
fn known_field(f: &str) -> Option<&'static str> {
    [
        "title",
        "held_on",
        "location",
        "chair",
        "source",
        "parent",
        "description",
        "category",
        "lead_ministry",
        "due_date",
        "continues",
    ]
    .into_iter()
    .find(|k| *k == f)
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
