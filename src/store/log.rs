//! The change log and the imports as read: `log`, `imports list`, `imports
//! show`, and the changes a file makes (`import --diff`). What the log
//! holds and how it is written is `write/log.rs`'s.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::{Db, Store};
use crate::error::{Error, Result};
use crate::schema::{changes, imports, measures, meetings, rounds, status_updates};

/// One entry of the change log (README, "The change log").
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Serialize)]
pub struct LogEntry {
    /// `None` for the creation of a row an import made (known by its
    /// `import_id`, not logged one by one).
    pub id: Option<i32>,
    pub at: NaiveDateTime,
    /// The command that made the change, or `import`.
    pub by: String,
    pub import: Option<i32>,
    pub entity: String,
    pub code: String,
    pub reported_on: Option<NaiveDate>,
    pub action: String,
    pub field: Option<String>,
    /// A field's value as text; a row kept whole (a report's version) is a
    /// JSON object, which JSON output nests as one.
    #[serde(serialize_with = "nested")]
    pub old: Option<String>,
    #[serde(serialize_with = "nested")]
    pub new: Option<String>,
    pub reason: Option<String>,
}

/// A value as JSON output writes it: an object where the text is one, else
/// the text.
fn nested<S: serde::Serializer>(v: &Option<String>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match v.as_deref() {
        Some(t) if t.starts_with('{') => match serde_json::from_str::<serde_json::Value>(t) {
            Ok(o @ serde_json::Value::Object(_)) => o.serialize(s),
            _ => t.serialize(s),
        },
        other => other.serialize(s),
    }
}

/// Which entries `log` shows.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Of this measure or meeting (a measure's reports included).
    pub code: Option<String>,
    /// On or after this day.
    pub since: Option<NaiveDate>,
    /// Of this import (its own entries and its undo).
    pub import: Option<i32>,
    /// Only field changes and corrections (what `import --diff` lists).
    pub changes_only: bool,
    /// Only entries after this one (by id).
    pub after: Option<i32>,
}

/// One `imports` row (README, "Imports").
#[derive(Debug, Clone, PartialEq, Queryable, Serialize)]
pub struct ImportRow {
    pub id: i32,
    pub imported_at: NaiveDateTime,
    pub file: String,
    pub sha256: String,
    pub kind: String,
    pub encoding: String,
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub undone_at: Option<NaiveDateTime>,
    /// The reporting round its reports answer (the first by code, when
    /// they answer several; `None` when none, or once undone).
    pub round: Option<String>,
}

/// What an import created that still stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Created {
    pub meetings: i64,
    pub measures: i64,
    pub reports: i64,
}

macro_rules! import_columns {
    () => {
        (
            imports::id,
            imports::imported_at,
            imports::file_name,
            imports::sha256,
            imports::kind,
            imports::encoding,
            imports::inserted,
            imports::updated,
            imports::unchanged,
            imports::rejected,
            imports::undone_at,
            status_updates::table
                .inner_join(rounds::table)
                .filter(status_updates::import_id.eq(imports::id.nullable()))
                .select(rounds::code)
                .order(rounds::code)
                .limit(1)
                .single_value(),
        )
    };
}

/// The entries `f` selects, oldest first.
pub(crate) fn entries(conn: &mut Db, f: &LogFilter) -> Result<Vec<LogEntry>> {
    entries_with(conn, f, |rows| rows.collect())
}

/// The entries of [`entries`] handed to `f` as the query yields them;
/// `f` is handed none when there are none.
fn entries_with<T>(
    conn: &mut Db,
    f: &LogFilter,
    each: impl FnOnce(&mut dyn Iterator<Item = Result<LogEntry>>) -> Result<T>,
) -> Result<T> {
    let mut q = changes::table
        .select((
            changes::id.nullable(),
            changes::changed_at,
            changes::command,
            changes::import_id,
            changes::entity,
            changes::code,
            changes::reported_on,
            changes::action,
            changes::field,
            changes::old_value,
            changes::new_value,
            changes::reason,
        ))
        .order(changes::id)
        .into_boxed();
    if let Some(code) = &f.code {
        q = q.filter(changes::code.eq(code.clone()));
    }
    if let Some(since) = f.since {
        q = q.filter(changes::changed_at.ge(since.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(id) = f.import {
        q = q.filter(changes::import_id.eq(id));
    }
    if f.changes_only {
        q = q.filter(changes::action.eq_any(["update", "correct", "revise", "continue"]));
    }
    if let Some(id) = f.after {
        q = q.filter(changes::id.gt(id));
    }
    // The creation by an import, which no entry logs, first.
    let mut created = Vec::new();
    if let (Some(code), false, None) = (&f.code, f.changes_only, f.after) {
        created = created_by_import(conn, code)?;
        created.retain(|e| f.since.is_none_or(|s| e.at.date() >= s));
        created.retain(|e| f.import.is_none_or(|i| e.import == Some(i)));
    }
    let logged = q
        .load_iter::<LogEntry, diesel::connection::DefaultLoadingMode>(conn)?
        .map(|r| r.map_err(Error::from));
    each(&mut created.into_iter().map(Ok).chain(logged))
}

/// The creation of the measure or meeting `code` by an import, which the
/// log knows by the row's `import_id` rather than by an entry.
fn created_by_import(conn: &mut Db, code: &str) -> Result<Vec<LogEntry>> {
    let measure: Option<(Option<i32>, NaiveDateTime)> = measures::table
        .filter(measures::code.eq(code))
        .select((measures::import_id, measures::created_at))
        .first(conn)
        .optional()?;
    let (row, entity) = match measure {
        Some(m) => (Some(m), "measure"),
        None => (
            meetings::table
                .filter(meetings::code.eq(code))
                .select((meetings::import_id, meetings::created_at))
                .first(conn)
                .optional()?,
            "meeting",
        ),
    };
    Ok(match row {
        Some((Some(import), at)) => vec![LogEntry {
            id: None,
            at,
            by: "import".into(),
            import: Some(import),
            entity: entity.into(),
            code: code.into(),
            reported_on: None,
            action: "create".into(),
            field: None,
            old: None,
            new: None,
            reason: None,
        }],
        _ => Vec::new(),
    })
}

impl Store {
    /// The change log entries `f` selects, oldest first. An import or a
    /// code that names nothing is an error (not an empty log).
    pub fn log(&mut self, f: &LogFilter) -> Result<Vec<LogEntry>> {
        self.log_with(f, |rows| rows.collect())
    }

    /// The entries of [`Store::log`] handed to `each` as the database reads
    /// them, in one read transaction: a log of millions is never held. An
    /// error, before any, when the filter names an import or a code that
    /// there is not.
    pub fn log_with<T>(
        &mut self,
        f: &LogFilter,
        each: impl FnOnce(&mut dyn Iterator<Item = Result<LogEntry>>) -> Result<T>,
    ) -> Result<T> {
        self.stream(|c| {
            if let Some(id) = f.import {
                let found: i64 = imports::table.find(id).count().get_result(c)?;
                if found == 0 {
                    return Err(no_import(id));
                }
            }
            let mut each = Some(each);
            let out = entries_with(c, f, |rows| {
                let mut rows = rows.peekable();
                match rows.peek() {
                    None => Ok(None),
                    Some(_) => (each.take().expect("called once"))(&mut rows).map(Some),
                }
            })?;
            if let Some(out) = out {
                return Ok(out);
            }
            if let Some(code) = &f.code {
                let logged: i64 = changes::table
                    .filter(changes::code.eq(code))
                    .count()
                    .get_result(c)?;
                let stored: i64 = measures::table
                    .filter(measures::code.eq(code))
                    .count()
                    .get_result::<i64>(c)?
                    + meetings::table
                        .filter(meetings::code.eq(code))
                        .count()
                        .get_result::<i64>(c)?;
                if logged == 0 && stored == 0 {
                    return Err(Error::Other(format!(
                        "no measure or meeting {} in the database or its change log",
                        crate::error::quoted(code)
                    )));
                }
            }
            (each.take().expect("not called"))(&mut std::iter::empty())
        })
    }

    /// Every import, oldest first.
    pub fn imports(&mut self) -> Result<Vec<ImportRow>> {
        self.read(|c| {
            Ok(imports::table
                .order(imports::id)
                .select(import_columns!())
                .load(c)?)
        })
    }

    /// The import `id`, what of it still stands, and its log entries.
    pub fn import_details(&mut self, id: i32) -> Result<(ImportRow, Created, Vec<LogEntry>)> {
        self.read(|c| {
            let row: Option<ImportRow> = imports::table
                .find(id)
                .select(import_columns!())
                .first(c)
                .optional()?;
            let Some(row) = row else {
                return Err(no_import(id));
            };
            let created = Created {
                meetings: meetings::table
                    .filter(meetings::import_id.eq(id))
                    .count()
                    .get_result(c)?,
                measures: measures::table
                    .filter(measures::import_id.eq(id))
                    .count()
                    .get_result(c)?,
                reports: status_updates::table
                    .filter(status_updates::import_id.eq(id))
                    .count()
                    .get_result(c)?,
            };
            let log = entries(
                c,
                &LogFilter {
                    import: Some(id),
                    ..LogFilter::default()
                },
            )?;
            Ok((row, created, log))
        })
    }
}

/// The fields of a row kept whole, in the order people read them (the
/// JSON object itself is in key order).
const ORDER: [&str; 19] = [
    "meeting",
    "held_on",
    "location",
    "chair",
    "source",
    "parent",
    "title",
    "description",
    "category",
    "lead_ministry",
    "due_date",
    "verdict",
    "status",
    "progress",
    "reported_by",
    "note",
    "evidence",
    "round",
    "assessed_on",
];

impl LogEntry {
    /// What changed, as people read it: `lead_ministry: MOHW → MOTIE`,
    /// `status: in-progress → completed; progress: 40 → 60`, a created or
    /// removed row's values.
    pub fn summary(&self) -> String {
        use crate::store::write::log::fields_of;
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
        let values = |json: &Option<String>| -> String {
            let m = fields_of(json.as_deref().unwrap_or("{}"));
            // The fields people know first, in their order; then any other
            // (a round's), in key order.
            let rest = m
                .keys()
                .map(String::as_str)
                .filter(|k| !ORDER.contains(k) && !matches!(*k, "import" | "line" | "id"));
            ORDER
                .iter()
                .copied()
                .chain(rest)
                .filter_map(|k| {
                    m.get(k)
                        .and_then(|v| {
                            v.as_str()
                                .map(str::to_string)
                                .or_else(|| (!v.is_null()).then(|| v.to_string()))
                        })
                        .map(|v| format!("{k} {v}"))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (self.action.as_str(), &self.field) {
            (_, Some(f)) => format!("{f}: {} → {}", show(&self.old), show(&self.new)),
            ("assess", None) if self.old.is_none() => values(&self.new),
            ("correct" | "assess", None) => {
                let (old, new) = (
                    fields_of(self.old.as_deref().unwrap_or("{}")),
                    fields_of(self.new.as_deref().unwrap_or("{}")),
                );
                let text = |v: Option<&serde_json::Value>| {
                    v.and_then(|v| v.as_str()).unwrap_or("(none)").to_string()
                };
                ORDER
                    .iter()
                    .filter(|k| old.get(**k) != new.get(**k))
                    .map(|k| format!("{k}: {} → {}", text(old.get(*k)), text(new.get(*k))))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            ("create", None) if self.new.is_none() => match self.import {
                Some(i) => format!("created by import {i}"),
                None => "created".into(),
            },
            ("create", None) => values(&self.new),
            ("retract" | "remove", None) => values(&self.old),
            ("import", None) => "imported".into(),
            (_, None) => show(&self.new),
        }
    }
}

/// The error for an import id that names none.
pub(crate) fn no_import(id: i32) -> Error {
    Error::Other(format!(
        "no import {id} (`policy-track imports list` shows them)"
    ))
}
