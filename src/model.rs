//! The domain types: statuses, codes, and the rows the store reads and writes.
//!
//! Row structs mirror `schema.rs` (`Meeting`, `NewMeeting<'a>`); values that
//! have rules (`Status`, `Code`) are built only through `crate::parse`.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::schema::{agencies, categories, imports, measures, meetings};

/// A date as its `Display` writes it (`2024-03-31`), the text SQLite stores
/// and reports show, put together digit by digit for years 0 to 9999 (a
/// long list has two dates a row, an import one or two a row).
pub fn iso_date(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        return d.to_string();
    };
    let mut s = String::with_capacity(10);
    for (i, digit) in [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        m / 10,
        m % 10,
        day / 10,
        day % 10,
    ]
    .into_iter()
    .enumerate()
    {
        if i == 4 || i == 6 {
            s.push('-');
        }
        s.push(char::from_digit(digit, 10).expect("one decimal digit"));
    }
    s
}

/// The closed set of statuses a measure can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planned,
    InProgress,
    Completed,
    Delayed,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::InProgress,
        Status::Completed,
        Status::Delayed,
        Status::Dropped,
    ];

    /// The stored and printed code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
            Status::Delayed => "delayed",
            Status::Dropped => "dropped",
        }
    }

    /// The exact stored code back to a status; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Open measures are the ones still to chase: not completed, not dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Completed | Status::Dropped)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A meeting or measure code: a lower-case slug such as `esm-5` or `esm-5-04-1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Code(pub(crate) String);

impl Code {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A meeting as stored. Its JSON (`meetings`, `show`) leaves out the id and
/// the timestamps.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    #[serde(skip)]
    pub id: i32,
    pub code: String,
    pub title: String,
    pub held_on: NaiveDate,
    pub location: Option<String>,
    pub chair: Option<String>,
    pub source: Option<String>,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
    #[serde(skip)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = meetings)]
pub struct NewMeeting<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub held_on: NaiveDate,
    pub location: Option<&'a str>,
    pub chair: Option<&'a str>,
    pub source: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub import_id: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = measures)]
pub struct Measure {
    pub id: i32,
    pub code: String,
    pub meeting_id: i32,
    pub parent_id: Option<i32>,
    pub title: String,
    pub description: Option<String>,
    pub category_id: i32,
    pub lead_ministry_id: Option<i32>,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub progress: Option<i32>,
    pub status_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A reference table (`categories`, `agencies`): a code and two names. One
/// definition serves both tables, which have the same columns.
macro_rules! reference_rows {
    ($($table:ident: $row:ident, $new:ident;)+) => {$(
        #[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
        #[diesel(table_name = $table)]
        pub struct $row {
            pub id: i32,
            pub code: String,
            pub name_ko: String,
            pub name_en: String,
        }

        #[derive(Debug, Insertable)]
        #[diesel(table_name = $table)]
        pub struct $new<'a> {
            pub code: &'a str,
            pub name_ko: &'a str,
            pub name_en: &'a str,
        }
    )+};
}

reference_rows! {
    categories: Category, NewCategory;
    agencies: Agency, NewAgency;
}

#[derive(Debug, Insertable)]
#[diesel(table_name = imports)]
pub struct NewImport<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub kind: &'a str,
    pub encoding: &'a str,
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub imported_at: NaiveDateTime,
}

/// Measures counted per status, serialized with the status codes as keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub planned: i64,
    #[serde(rename = "in-progress")]
    pub in_progress: i64,
    pub completed: i64,
    pub delayed: i64,
    pub dropped: i64,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status, n: i64) {
        *self.get_mut(status) += n;
    }

    pub fn get(&self, status: Status) -> i64 {
        match status {
            Status::Planned => self.planned,
            Status::InProgress => self.in_progress,
            Status::Completed => self.completed,
            Status::Delayed => self.delayed,
            Status::Dropped => self.dropped,
        }
    }

    fn get_mut(&mut self, status: Status) -> &mut i64 {
        match status {
            Status::Planned => &mut self.planned,
            Status::InProgress => &mut self.in_progress,
            Status::Completed => &mut self.completed,
            Status::Delayed => &mut self.delayed,
            Status::Dropped => &mut self.dropped,
        }
    }

    pub fn total(&self) -> i64 {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// completed / (total − dropped); `None` when nothing is left to complete.
    pub fn completion_rate(&self) -> Option<f64> {
        let base = self.total() - self.dropped;
        (base > 0).then(|| self.completed as f64 / base as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_their_display() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 12, 1),
            (5, 1, 9),
            (0, 1, 1),
            (9999, 12, 31),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(day), day.to_string());
        }
        for y in [10000, -1, -2024] {
            let day = NaiveDate::from_ymd_opt(y, 6, 30).unwrap();
            assert_eq!(iso_date(day), day.to_string());
        }
    }
}
