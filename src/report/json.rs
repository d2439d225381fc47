//! The JSON views of the store's rows that the reports carry: the field
//! names and their order are the JSON contract (see the module above), kept
//! here so that the store's rows stay plain data.

use chrono::NaiveDate;
use serde::Serialize;

use crate::output::JsonView;
use crate::store::report::{ChangeRow, OverdueRow, StaleRow};

#[derive(Serialize)]
pub struct OverdueJson<'a> {
    code: &'a str,
    title: &'a str,
    meeting: &'a str,
    ministry: Option<&'a str>,
    due_date: NaiveDate,
    days_overdue: i64,
    status: &'a str,
    progress: Option<i32>,
    last_reported_on: Option<NaiveDate>,
}

impl JsonView for OverdueRow {
    type Json<'a> = OverdueJson<'a>;
    fn json(&self) -> OverdueJson<'_> {
        OverdueJson {
            code: &self.code,
            title: &self.title,
            meeting: &self.meeting,
            ministry: self.ministry.as_deref(),
            due_date: self.due_date,
            days_overdue: self.days_overdue,
            status: &self.status,
            progress: self.progress,
            last_reported_on: self.last_reported_on,
        }
    }
}

#[derive(Serialize)]
pub struct StaleJson<'a> {
    code: &'a str,
    title: &'a str,
    meeting: &'a str,
    status: &'a str,
    progress: Option<i32>,
    last_reported_on: Option<NaiveDate>,
    days_silent: i64,
}

impl JsonView for StaleRow {
    type Json<'a> = StaleJson<'a>;
    fn json(&self) -> StaleJson<'_> {
        StaleJson {
            code: &self.code,
            title: &self.title,
            meeting: &self.meeting,
            status: &self.status,
            progress: self.progress,
            last_reported_on: self.last_reported_on,
            days_silent: self.days_silent,
        }
    }
}

#[derive(Serialize)]
pub struct ChangeJson<'a> {
    date: NaiveDate,
    code: &'a str,
    title: &'a str,
    ministry: Option<&'a str>,
    from: &'a str,
    to: &'a str,
    progress: Option<i32>,
    reported_by: Option<&'a str>,
    note: Option<&'a str>,
}

impl JsonView for ChangeRow {
    type Json<'a> = ChangeJson<'a>;
    fn json(&self) -> ChangeJson<'_> {
        ChangeJson {
            date: self.reported_on,
            code: &self.code,
            title: &self.title,
            ministry: self.ministry.as_deref(),
            from: &self.from_status,
            to: &self.to_status,
            progress: self.progress,
            reported_by: self.reported_by.as_deref(),
            note: self.note.as_deref(),
        }
    }
}
