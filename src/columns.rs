//! Columns as data: a [`Column`] names one column of a printed row type (its
//! key, its English and Korean headers, its alignment, where it shows) and
//! says how to read its [`Value`] from a row. Each row type has one list of
//! columns, and every renderer draws from it: the text, markdown and HTML
//! tables (`output`, `report::render`), CSV (`output::csv_of`, `export`).
//!
//! This module also owns the CSV file formats (README, "CSV formats"):
//! the columns of `export measures|updates|meetings|template`, whose keys
//! are the canonical names import reads ([`MEASURES`], [`UPDATES`],
//! [`MEETINGS`]; the Korean aliases are `import::headers`'). How a value
//! becomes text is here too; where the text goes is the renderers' business.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::model::iso_date;
use crate::model::Meeting;
use crate::store::export::{MeasureExport, UpdateExport};

/// Which way a column's cells align in a table for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers.
    Right,
}

/// Which outputs carry a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Tables for people and data files alike.
    All,
    /// CSV only: a code or a raw value that people read in another column.
    Data,
    /// Tables for people only: a value written for reading (`a → b`).
    People,
}

pub use crate::words::Lang;
use crate::words::{self, Word};

/// One value of a cell, typed so that each output writes it its way: a
/// progress of 40 is `40` in CSV and `40%` for people, a rate is `0.2500`
/// in CSV and `25.0%` for people. An absent value is empty in CSV and the
/// column's `absent` text for people.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Opt(Option<&'a str>),
    Int(i64),
    Date(Option<NaiveDate>),
    Progress(Option<i32>),
    Rate(Option<f64>),
    Bool(bool),
    /// A status code: the code in CSV and JSON, its word for people.
    Status(&'a str),
    /// A change of status, `from → to`, for people.
    Change(&'a str, &'a str),
    /// A word of `crate::words` (in English in CSV and JSON).
    Word(Word),
    /// Words, as [`Value::Word`] each: `; ` between them in CSV, `, ` for
    /// people, an array in JSON.
    Words(Vec<Word>),
}

impl<'a> Value<'a> {
    /// Whether the value is absent (people see the column's `absent`).
    pub fn is_absent(&self) -> bool {
        matches!(
            self,
            Value::Opt(None) | Value::Date(None) | Value::Progress(None) | Value::Rate(None)
        )
    }

    /// The cell as CSV writes it: as stored, numbers plain, absent empty.
    pub fn data(self) -> Cow<'a, str> {
        match self {
            Value::Text(t) => t,
            Value::Opt(t) => Cow::Borrowed(t.unwrap_or("")),
            Value::Int(n) => n.to_string().into(),
            Value::Date(d) => d.map_or(Cow::Borrowed(""), |d| iso_date(d).into()),
            Value::Progress(p) => p.map_or(Cow::Borrowed(""), |p| p.to_string().into()),
            Value::Rate(r) => r.map_or(Cow::Borrowed(""), |r| format!("{r:.4}").into()),
            Value::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
            Value::Status(s) => Cow::Borrowed(s),
            Value::Change(from, to) => format!("{from} → {to}").into(),
            Value::Word(w) => Cow::Borrowed(w.en),
            Value::Words(w) => w.iter().map(|w| w.en).collect::<Vec<_>>().join("; ").into(),
        }
    }

    /// The cell as a CSV for people in `lang` writes it: as [`Value::data`],
    /// with words and statuses in `lang`.
    pub fn data_in(self, lang: Lang) -> Cow<'a, str> {
        match self {
            Value::Status(s) => Cow::Borrowed(words::status_code(s, lang)),
            Value::Word(w) => Cow::Borrowed(w.get(lang)),
            Value::Words(w) => w
                .iter()
                .map(|w| w.get(lang))
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
            Value::Change(from, to) => format!(
                "{} → {}",
                words::status_code(from, lang),
                words::status_code(to, lang)
            )
            .into(),
            v => v.data(),
        }
    }

    /// The cell as people read it in `lang`: progress and rates as
    /// percentages, statuses in words, `absent` for a value that is not there.
    pub fn people(self, absent: Word, lang: Lang) -> Cow<'a, str> {
        match self {
            v if v.is_absent() => Cow::Borrowed(absent.get(lang)),
            Value::Progress(Some(p)) => format!("{p}%").into(),
            Value::Rate(Some(r)) => format!("{:.1}%", r * 100.0).into(),
            Value::Words(w) => w
                .iter()
                .map(|w| w.get(lang))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            v => v.data_in(lang),
        }
    }
}

/// In JSON a value keeps its type: text and dates as strings, numbers as
/// numbers, absent as null.
impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => s.serialize_str(t),
            Value::Opt(t) => t.serialize(s),
            Value::Int(n) => s.serialize_i64(*n),
            Value::Date(d) => d.serialize(s),
            Value::Progress(p) => p.serialize(s),
            Value::Rate(r) => r.serialize(s),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Status(t) => s.serialize_str(t),
            Value::Change(from, to) => s.serialize_str(&format!("{from} → {to}")),
            Value::Word(w) => s.serialize_str(w.en),
            Value::Words(w) => s.collect_seq(w.iter().map(|w| w.en)),
        }
    }
}

/// A row type whose JSON is flat: an object of its columns that CSV
/// carries, keyed and ordered as they are.
pub trait Columns: Sized + 'static {
    const COLUMNS: &'static [Column<Self>];
}

/// One column of a printed row type `R`.
pub struct Column<R: ?Sized> {
    /// The name in CSV files (and the JSON field, where a row is flat).
    pub key: &'static str,
    /// The header people read: (English, Korean).
    pub header: (&'static str, &'static str),
    pub align: Align,
    pub show: Show,
    /// What people see for an absent value (CSV leaves the cell empty).
    pub absent: Word,
    /// Long free text (a title, a note): the first cut with "…" when a
    /// table must fit a terminal.
    pub long: bool,
    pub cell: fn(&R) -> Value<'_>,
}

impl<R: ?Sized> Clone for Column<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: ?Sized> Copy for Column<R> {}

impl<R: ?Sized> Column<R> {
    /// A left-aligned column shown everywhere, people reading `key` as its
    /// English header.
    pub const fn new(key: &'static str, ko: &'static str, cell: fn(&R) -> Value<'_>) -> Self {
        Column {
            key,
            header: (key, ko),
            align: Align::Left,
            show: Show::All,
            absent: Word { en: "", ko: "" },
            long: false,
            cell,
        }
    }

    /// With another English header for people.
    pub const fn en(mut self, en: &'static str) -> Self {
        self.header.0 = en;
        self
    }

    /// Long free text, cut first to fit a terminal.
    pub const fn long(mut self) -> Self {
        self.long = true;
        self
    }

    /// Right-aligned (a number).
    pub const fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }

    /// In CSV only.
    pub const fn data(mut self) -> Self {
        self.show = Show::Data;
        self
    }

    /// For people only.
    pub const fn people(mut self) -> Self {
        self.show = Show::People;
        self
    }

    /// People see `text` where the value is absent.
    pub const fn absent(mut self, text: Word) -> Self {
        self.absent = text;
        self
    }

    /// The header in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.header.0,
            Lang::Ko => self.header.1,
        }
    }

    /// Whether tables for people show the column.
    pub fn for_people(&self) -> bool {
        self.show != Show::Data
    }

    /// Whether CSV carries the column.
    pub fn for_data(&self) -> bool {
        self.show != Show::People
    }

    /// The cell of `row` as CSV writes it.
    pub fn data_cell<'r>(&self, row: &'r R) -> Cow<'r, str> {
        (self.cell)(row).data()
    }

    /// The cell of `row` in a CSV for people in `lang`.
    pub fn data_cell_in<'r>(&self, row: &'r R, lang: Lang) -> Cow<'r, str> {
        (self.cell)(row).data_in(lang)
    }

    /// The cell of `row` as people read it in `lang`.
    pub fn people_cell<'r>(&self, row: &'r R, lang: Lang) -> Cow<'r, str> {
        (self.cell)(row).people(self.absent, lang)
    }

    /// The name of the column in a CSV for people in `lang`: the key in
    /// English (what scripts read), the Korean header in Korean.
    pub fn csv_header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.key,
            Lang::Ko => self.header.1,
        }
    }
}

/// The keys of `columns`, in order: the header row of a CSV file.
pub const fn keys<R, const N: usize>(columns: &[Column<R>; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = columns[i].key;
        i += 1;
    }
    out
}

/// The Korean headers of `columns`, in order.
pub const fn korean<R, const N: usize>(columns: &[Column<R>; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = columns[i].header.1;
        i += 1;
    }
    out
}

/// Cells of borrowed text, optional text and dates, for the column lists.
pub fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

pub fn opt(s: &Option<String>) -> Value<'_> {
    Value::Opt(s.as_deref())
}

type Me = Column<MeasureExport>;
type Ue = Column<UpdateExport>;
type Ge = Column<Meeting>;

/// `export measures`, and the measures file that import reads.
pub const MEASURE_COLUMNS: [Column<MeasureExport>; 15] = [
    Me::new("meeting_code", "회의코드", |m| text(&m.measure.meeting)),
    Me::new("meeting_date", "개최일", |m| {
        Value::Date(Some(m.meeting_date))
    }),
    Me::new("meeting_title", "회의명", |m| text(&m.meeting_title)),
    Me::new("measure_code", "과제코드", |m| text(&m.measure.code)),
    Me::new("parent_code", "상위과제코드", |m| {
        opt(&m.measure.parent)
    }),
    Me::new("title", "과제명", |m| text(&m.measure.title)),
    Me::new("description", "주요내용", |m| {
        opt(&m.measure.description)
    }),
    Me::new("category", "분야", |m| text(&m.measure.category)),
    Me::new("lead_ministry", "소관부처", |m| {
        opt(&m.measure.lead_ministry)
    }),
    Me::new("due_date", "목표일", |m| Value::Date(m.measure.due_date)),
    Me::new("status", "추진상황", |m| text(&m.measure.status)),
    Me::new("progress", "진척률", |m| {
        Value::Progress(m.measure.progress)
    })
    .right(),
    Me::new("status_date", "기준일", |m| {
        Value::Date(m.measure.status_date)
    }),
    Me::new("note", "비고", |m| opt(&m.note)),
    Me::new("continues", "이전과제", |m| opt(&m.continues)),
];

/// `export updates`, and the updates file that import reads.
pub const UPDATE_COLUMNS: [Column<UpdateExport>; 7] = [
    Ue::new("measure_code", "과제코드", |u| text(&u.measure_code)),
    Ue::new("reported_on", "기준일", |u| {
        Value::Date(Some(u.report.reported_on))
    }),
    Ue::new("status", "추진상황", |u| text(&u.report.status)),
    Ue::new("progress", "진척률", |u| {
        Value::Progress(u.report.progress)
    })
    .right(),
    Ue::new("reported_by", "보고부처", |u| {
        opt(&u.report.reported_by)
    }),
    Ue::new("note", "비고", |u| opt(&u.report.note)),
    Ue::new("evidence", "근거", |u| opt(&u.report.evidence)),
];

/// `export meetings`, and the meetings file that import reads.
pub const MEETING_COLUMNS: [Column<Meeting>; 6] = [
    Ge::new("code", "회의코드", |m| text(&m.code)),
    Ge::new("title", "회의명", |m| text(&m.title)),
    Ge::new("held_on", "개최일", |m| Value::Date(Some(m.held_on))),
    Ge::new("location", "장소", |m| opt(&m.location)),
    Ge::new("chair", "주재", |m| opt(&m.chair)),
    Ge::new("source", "출처", |m| opt(&m.source)),
];

/// A row of `export template`: a measure, the date its report speaks of
/// (`None`: left for the ministry to fill in) and the round it answers.
pub struct TemplateRow {
    pub m: MeasureExport,
    pub reported_on: Option<NaiveDate>,
    pub round: Option<String>,
}

type Te = Column<TemplateRow>;

/// `export template --round`: an updates file with the title beside the
/// code for the ministry's reference, `reported_on` filled in with the
/// round's as-of date (a row sent back unchanged says the status stands),
/// the note left for the ministry, and the round the file answers. No
/// `meeting_code` column, so import reads it as an updates file (and
/// ignores the title).
pub const ROUND_TEMPLATE_COLUMNS: [Te; 7] = [
    Te::new("measure_code", "과제코드", |t| text(&t.m.measure.code)),
    Te::new("title", "과제명", |t| text(&t.m.measure.title)),
    Te::new("reported_on", "기준일", |t| Value::Date(t.reported_on)),
    Te::new("status", "추진상황", |t| text(&t.m.measure.status)),
    Te::new("progress", "진척률", |t| {
        Value::Progress(t.m.measure.progress)
    })
    .right(),
    Te::new("note", "비고", |_| text("")),
    Te::new("round", "회차", |t| opt(&t.round)),
];

/// `export template` without a round: the same without the round column
/// (`reported_on` empty, or `--as-of`).
pub const TEMPLATE_COLUMNS: [Te; 6] = prefix(&ROUND_TEMPLATE_COLUMNS);

/// [`ROUND_TEMPLATE_COLUMNS`] for a ministry that reads Korean: the status
/// in Korean words (계획, 추진중 …), which import reads back as the same
/// status.
pub const ROUND_TEMPLATE_COLUMNS_KO: [Te; 7] = {
    let mut columns = ROUND_TEMPLATE_COLUMNS;
    columns[3].cell = |t| text(words::status_code(&t.m.measure.status, Lang::Ko));
    columns
};

/// [`TEMPLATE_COLUMNS`] with Korean status words.
pub const TEMPLATE_COLUMNS_KO: [Te; 6] = prefix(&ROUND_TEMPLATE_COLUMNS_KO);

/// The first `N` of `columns`.
const fn prefix<R, const N: usize, const M: usize>(columns: &[Column<R>; M]) -> [Column<R>; N] {
    let mut out = [columns[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = columns[i];
        i += 1;
    }
    out
}

/// The canonical names of the measures file, in order.
pub const MEASURES: [&str; 15] = keys(&MEASURE_COLUMNS);
/// The canonical names of the updates file, in order.
pub const UPDATES: [&str; 7] = keys(&UPDATE_COLUMNS);
/// The canonical names of the meetings file, in order.
pub const MEETINGS: [&str; 6] = keys(&MEETING_COLUMNS);
/// The header of `export template`.
pub const TEMPLATE: [&str; 6] = keys(&TEMPLATE_COLUMNS);
/// [`TEMPLATE`] with the Korean headers import also recognizes.
pub const TEMPLATE_KO: [&str; 6] = korean(&TEMPLATE_COLUMNS);
/// The header of `export template --round`.
pub const ROUND_TEMPLATE: [&str; 7] = keys(&ROUND_TEMPLATE_COLUMNS);
/// [`ROUND_TEMPLATE`] in Korean.
pub const ROUND_TEMPLATE_KO: [&str; 7] = korean(&ROUND_TEMPLATE_COLUMNS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_one_way_in_csv_and_another_for_people() {
        assert_eq!(Value::Progress(Some(40)).data(), "40");
        let none = Word { en: "", ko: "" };
        let dash = Word { en: "-", ko: "-" };
        assert_eq!(Value::Progress(Some(40)).people(none, Lang::En), "40%");
        assert_eq!(Value::Rate(Some(0.25)).data(), "0.2500");
        assert_eq!(Value::Rate(Some(1.0 / 3.0)).people(dash, Lang::Ko), "33.3%");
        assert_eq!(Value::Rate(None).people(dash, Lang::En), "-");
        assert_eq!(Value::Rate(None).data(), "");
        assert_eq!(Value::Opt(None).people(words::NEVER, Lang::En), "never");
        assert_eq!(Value::Opt(None).people(words::NEVER, Lang::Ko), "보고 없음");
        assert_eq!(Value::Status("delayed").data(), "delayed");
        assert_eq!(Value::Status("delayed").people(none, Lang::Ko), "지연");
        assert_eq!(
            Value::Change("planned", "completed").people(none, Lang::Ko),
            "계획 → 완료"
        );
        assert_eq!(
            Value::Change("planned", "completed").data(),
            "planned → completed"
        );
        assert_eq!(Value::Date(None).data(), "");
        assert_eq!(Value::Bool(true).data(), "true");
    }

    #[test]
    fn the_file_formats_keep_their_names() {
        assert_eq!(
            MEETINGS,
            ["code", "title", "held_on", "location", "chair", "source"]
        );
        assert_eq!(
            UPDATES,
            [
                "measure_code",
                "reported_on",
                "status",
                "progress",
                "reported_by",
                "note",
                "evidence"
            ]
        );
        assert_eq!(MEASURES[3], "measure_code");
        assert_eq!(
            TEMPLATE_KO,
            ["과제코드", "과제명", "기준일", "추진상황", "진척률", "비고"]
        );
    }

    /// A file written with the Korean headers reads back as the same kind
    /// of file, every column recognized.
    #[test]
    fn the_korean_headers_are_ones_import_reads() {
        use crate::import::headers::{Columns as Read, Kind};
        let read = |h: &[&str]| {
            Read::map(
                "f.csv",
                &h.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
            )
            .unwrap()
        };
        for (ko, kind) in [
            (korean(&MEASURE_COLUMNS).to_vec(), Kind::Measures),
            (korean(&UPDATE_COLUMNS).to_vec(), Kind::Updates),
            (korean(&MEETING_COLUMNS).to_vec(), Kind::Meetings),
            (TEMPLATE_KO.to_vec(), Kind::Updates),
            (ROUND_TEMPLATE_KO.to_vec(), Kind::Updates),
            (ROUND_TEMPLATE.to_vec(), Kind::Updates),
        ] {
            let c = read(&ko);
            assert!(c.unknown.is_empty(), "{ko:?}: {:?}", c.unknown);
            assert_eq!(c.kind("f.csv").unwrap(), kind, "{ko:?}");
        }
    }
}
