//! The change log (`changes`), as the writer records it: one entry per
//! changed field of a meeting or a measure, a report's versions whole (as
//! JSON objects: a report is one ministry's word on one day, and a
//! correction keeps every value the earlier version had), and the reason
//! of a retraction or removal. Entries wait with the chunk's rows and go
//! out in its multi-row INSERTs (`batch.rs`), in the transaction of the
//! change.
//!
//! Rows an import creates are not logged one by one: they carry its id
//! (`import_id` of meetings, measures and reports), and the import one
//! `import` entry, written with its `imports` row, which places it among
//! the other changes (an undo looks for later changes after it). Reading
//! the log is `store::log`'s.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::{Map, Value};

use super::cache::KnownReport;
use super::{Known, Writer};
use crate::error::Result;
use crate::model::iso_date;
use crate::schema::changes;
use crate::store::bind::{Day, Stamp};
use crate::store::log::LogEntry;

/// What a log entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Meeting,
    Measure,
    Report,
    Import,
    /// A reporting round: opened (`create`, whole), closed (`update` of
    /// `closed`).
    Round,
    /// The office's word on a report (`assess`: both versions whole).
    Assessment,
}

impl Entity {
    pub const fn code(self) -> &'static str {
        match self {
            Entity::Meeting => "meeting",
            Entity::Measure => "measure",
            Entity::Report => "report",
            Entity::Import => "import",
            Entity::Round => "round",
            Entity::Assessment => "assessment",
        }
    }
}

/// What happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Made by a command (an import's rows carry its id instead).
    Create,
    /// One field changed (`field`, `old_value` → `new_value`).
    Update,
    /// A report replaced by another of the same date (both versions whole).
    Correct,
    /// A report taken out of the history, with the reason.
    Retract,
    /// A measure (and its reports) removed, with the reason.
    Remove,
    /// An import's first write: where it stands among the other changes.
    Import,
    /// An import reversed.
    Undo,
    /// A measure's due date moved to another (`due_date`, old → new), with
    /// the reason.
    Revise,
    /// The measure a measure continues set, changed or cleared
    /// (`continues`, old → new).
    Continue,
    /// A report assessed, or its assessment changed.
    Assess,
}

impl Action {
    pub const fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Correct => "correct",
            Action::Retract => "retract",
            Action::Remove => "remove",
            Action::Import => "import",
            Action::Undo => "undo",
            Action::Revise => "revise",
            Action::Continue => "continue",
            Action::Assess => "assess",
        }
    }

    /// Whether an entry of this action (by its code) changed one field of
    /// a meeting or a measure (`field`, old → new).
    pub fn changes_a_field(code: &str) -> bool {
        [Action::Update, Action::Revise, Action::Continue]
            .iter()
            .any(|a| a.code() == code)
    }
}

/// One change to log, before the writer adds when, by what and the import.
#[derive(Debug, Clone)]
pub struct Change {
    pub entity: Entity,
    pub code: String,
    pub reported_on: Option<NaiveDate>,
    pub action: Action,
    pub field: Option<&'static str>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

impl Change {
    pub fn new(entity: Entity, code: &str, action: Action) -> Self {
        Change {
            entity,
            code: code.to_string(),
            reported_on: None,
            action,
            field: None,
            old: None,
            new: None,
            reason: None,
        }
    }

    /// A change of one field from `old` to `new`.
    pub fn field(
        entity: Entity,
        code: &str,
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
    ) -> Self {
        Change {
            field: Some(field),
            old,
            new,
            ..Change::new(entity, code, Action::Update)
        }
    }

    /// About the report of `code` on `on`.
    pub fn report(code: &str, on: NaiveDate, action: Action) -> Self {
        Change {
            reported_on: Some(on),
            ..Change::new(Entity::Report, code, action)
        }
    }

    /// About the report of `on`.
    pub fn on(mut self, on: NaiveDate) -> Self {
        self.reported_on = Some(on);
        self
    }

    pub fn old(mut self, v: impl Into<Option<String>>) -> Self {
        self.old = v.into();
        self
    }

    pub fn new_value(mut self, v: impl Into<Option<String>>) -> Self {
        self.new = v.into();
        self
    }

    /// The same change, as another action (a field's revision).
    pub fn action(mut self, a: Action) -> Self {
        self.action = a;
        self
    }

    pub fn reason(mut self, r: &str) -> Self {
        self.reason = Some(r.to_string());
        self
    }
}

/// A log entry waiting for its INSERT (NULL for `None`, as the other
/// pending rows).
#[derive(Insertable)]
#[diesel(table_name = changes, treat_none_as_default_value = false)]
pub(super) struct PendingChange {
    changed_at: Stamp,
    command: &'static str,
    import_id: Option<i32>,
    entity: &'static str,
    code: String,
    reported_on: Option<Day>,
    action: &'static str,
    field: Option<&'static str>,
    old_value: Option<String>,
    new_value: Option<String>,
    reason: Option<String>,
}

impl PendingChange {
    /// The field, old and new value of a field's change.
    pub(super) fn field_change(&self) -> Option<(&'static str, Option<String>, Option<String>)> {
        self.field
            .map(|f| (f, self.old_value.clone(), self.new_value.clone()))
    }
}

/// A row's values as a log entry holds them whole: a JSON object of
/// `(name, value)` in the order given, `None` as null.
pub fn whole(fields: &[(&str, Option<String>)]) -> String {
    let mut m = Map::new();
    for (k, v) in fields {
        m.insert(k.to_string(), v.clone().map_or(Value::Null, Value::String));
    }
    Value::Object(m).to_string()
}

/// The fields of a JSON object of [`whole`], by name (`None` for null or
/// missing).
pub fn fields_of(json: &str) -> Map<String, Value> {
    match serde_json::from_str(json) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A text field of a [`whole`] object.
pub fn field_text(m: &Map<String, Value>, name: &str) -> Option<String> {
    m.get(name).and_then(Value::as_str).map(str::to_string)
}

/// A date as the log holds it.
pub fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(iso_date)
}

/// A number as the log holds it.
pub fn num(n: Option<i32>) -> Option<String> {
    n.map(|n| n.to_string())
}

/// A row's fields as the log names them, in order.
pub(in crate::store) type Fields = Vec<(&'static str, Option<String>)>;

/// A meeting's fields as the log names them.
pub(in crate::store) fn meeting_fields(
    title: &str,
    held_on: NaiveDate,
    location: &Option<String>,
    chair: &Option<String>,
    source: &Option<String>,
) -> Fields {
    vec![
        ("title", Some(title.to_string())),
        ("held_on", day(Some(held_on))),
        ("location", location.clone()),
        ("chair", chair.clone()),
        ("source", source.clone()),
    ]
}

/// A measure's fields as the log names them (references by their codes),
/// in the order of the measures file.
pub(in crate::store) fn measure_fields(
    refs: &crate::store::Refs,
    parent: Option<String>,
    title: &str,
    description: Option<String>,
    category_id: i32,
    lead_ministry_id: Option<i32>,
    due_date: Option<NaiveDate>,
) -> Fields {
    vec![
        ("parent", parent),
        ("title", Some(title.to_string())),
        ("description", description),
        (
            "category",
            refs.category(category_id).map(|c| c.code.clone()),
        ),
        (
            "lead_ministry",
            lead_ministry_id.and_then(|id| refs.agency(id).map(|a| a.code.clone())),
        ),
        ("due_date", day(due_date)),
    ]
}

impl Writer<'_> {
    /// Logs `c`, made by this writer's command or import (whose `imports`
    /// row is written now if it is not yet).
    pub fn log(&mut self, c: Change) -> Result<()> {
        let import_id = match self.provenance {
            Some(_) => Some(self.provenance_row()?),
            None => self.undoing,
        };
        self.push_change(import_id, c);
        Ok(())
    }

    /// The import that creates the rows written now (its `imports` row
    /// written if it is not yet), `None` for a command, whose creations are
    /// logged one by one instead.
    pub(super) fn creator(&mut self) -> Result<Option<i32>> {
        match self.provenance {
            Some(_) => Ok(Some(self.provenance_row()?)),
            None => Ok(None),
        }
    }

    /// Logs each field of `new` that differs from `old` (the same fields in
    /// the same order); returns whether any did.
    pub(super) fn log_fields(
        &mut self,
        entity: Entity,
        code: &str,
        old: &[(&'static str, Option<String>)],
        new: &[(&'static str, Option<String>)],
    ) -> Result<bool> {
        let mut changed = false;
        for ((field, was), (_, is)) in old.iter().zip(new) {
            if was != is {
                changed = true;
                self.log(Change::field(entity, code, field, was.clone(), is.clone()))?;
            }
        }
        Ok(changed)
    }

    /// The code of the measure `id` (stored, or waiting for its INSERT).
    pub(super) fn measure_code(&mut self, id: Option<i32>) -> Result<Option<String>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(m) = self.pending.measures.iter().find(|m| m.id == id) {
            return Ok(Some(m.code.clone()));
        }
        Ok(crate::schema::measures::table
            .find(id)
            .select(crate::schema::measures::code)
            .first(self.conn)
            .optional()?)
    }

    /// What this file has written so far (what `import --diff` lists): the
    /// field changes and corrections from the log, then the meetings,
    /// measures and reports it created, after writing what is pending.
    pub fn changes(&mut self) -> Result<Vec<LogEntry>> {
        use crate::schema::{measures, meetings, status_updates};
        self.flush()?;
        let Some(id) = self.import_id else {
            return Ok(Vec::new());
        };
        let mut all = crate::store::log::entries(
            self.conn,
            &crate::store::log::LogFilter {
                import: Some(id),
                changes_only: true,
                ..Default::default()
            },
        )?;
        let corrected: std::collections::HashSet<(String, Option<NaiveDate>)> = all
            .iter()
            .map(|e| (e.code.clone(), e.reported_on))
            .collect();
        let created =
            |entity: &str, code: String, on: Option<NaiveDate>, new: Option<String>| LogEntry {
                id: None,
                at: self.now,
                by: "import".into(),
                import: Some(id),
                entity: entity.into(),
                code,
                reported_on: on,
                action: Action::Create.code().into(),
                field: None,
                old: None,
                new,
                reason: None,
            };
        let new_meetings: Vec<String> = meetings::table
            .filter(meetings::import_id.eq(id))
            .order(meetings::code)
            .select(meetings::code)
            .load(self.conn)?;
        let new_measures: Vec<(String, String)> = measures::table
            .filter(measures::import_id.eq(id))
            .order(measures::code)
            .select((measures::code, measures::title))
            .load(self.conn)?;
        type Report = (String, NaiveDate, String, Option<i32>, Option<String>);
        let new_reports: Vec<Report> = status_updates::table
            .inner_join(measures::table)
            .filter(status_updates::import_id.eq(id))
            .order((measures::code, status_updates::reported_on))
            .select((
                measures::code,
                status_updates::reported_on,
                status_updates::status,
                status_updates::progress,
                status_updates::note,
            ))
            .load(self.conn)?;
        let mut made: Vec<LogEntry> = new_meetings
            .into_iter()
            .map(|c| created("meeting", c, None, None))
            .collect();
        made.extend(
            new_measures
                .into_iter()
                .map(|(c, t)| created("measure", c, None, Some(whole(&[("title", Some(t))])))),
        );
        made.extend(
            new_reports
                .into_iter()
                .filter(|(c, d, ..)| !corrected.contains(&(c.clone(), Some(*d))))
                .map(|(c, d, status, progress, note)| {
                    let v = whole(&[
                        ("status", Some(status)),
                        ("progress", num(progress)),
                        ("note", note),
                    ]);
                    created("report", c, Some(d), Some(v))
                }),
        );
        all.append(&mut made);
        Ok(all)
    }

    /// Queues `c` as made by `import_id`.
    pub(super) fn push_change(&mut self, import_id: Option<i32>, c: Change) {
        self.pending.changes.push(PendingChange {
            changed_at: self.stamp,
            command: self.command,
            import_id,
            entity: c.entity.code(),
            code: c.code,
            reported_on: c.reported_on.map(Day),
            action: c.action.code(),
            field: c.field,
            old_value: c.old,
            new_value: c.new,
            reason: c.reason,
        });
    }

    /// Writes the queued entries.
    pub(super) fn flush_changes(&mut self, rows: &[PendingChange]) -> Result<()> {
        for chunk in rows.chunks(100) {
            on_backend!(&mut *self.conn, c => diesel::insert_into(changes::table)
                .values(chunk)
                .execute(c))?;
        }
        Ok(())
    }
}

/// A stored report's version as the log keeps it whole.
pub(super) fn stored_version(known: &Known, r: &KnownReport) -> String {
    report_version(known, &r.status, r.stored(), r.import_id, r.import_line)
}

/// The version of the report `u`, from `import_id` and `line`, as the log
/// keeps it whole.
pub(super) fn input_version(
    known: &Known,
    u: &crate::store::UpdateInput,
    import_id: Option<i32>,
    line: Option<i32>,
) -> String {
    report_version(
        known,
        u.status.code(),
        (
            u.progress,
            u.reported_by,
            u.note.as_deref(),
            u.round,
            u.evidence.as_deref(),
        ),
        import_id,
        line,
    )
}

/// A report's version as the log keeps it whole: its values (progress,
/// reporter, note, evidence and round after the status), and the import and
/// line it came from. The round by its code, absent when it names none; the
/// evidence absent when there is none.
pub(super) fn report_version(
    known: &Known,
    status: &str,
    (progress, reported_by, note, round, evidence): crate::store::updates::StoredReport<'_>,
    import_id: Option<i32>,
    import_line: Option<i32>,
) -> String {
    let mut fields = vec![
        ("status", Some(status.to_string())),
        ("progress", num(progress)),
        (
            "reported_by",
            reported_by.and_then(|id| known.refs.agency(id).map(|a| a.code.clone())),
        ),
        ("note", note.map(str::to_string)),
        ("import", num(import_id)),
        ("line", num(import_line)),
    ];
    // Only a report with evidence, or that answers a round, says so: the
    // log of every other report reads as before them.
    if let Some(e) = evidence {
        fields.push(("evidence", Some(e.to_string())));
    }
    if let Some(id) = round {
        fields.push(("round", known.round_code(id).map(str::to_string)));
    }
    whole(&fields)
}
