//! `list`: measures, narrowed by filters; the columns and the JSON of a
//! measure, which `show` shares.

use chrono::NaiveDate;
use serde::Serialize;

use super::{given, today, Ctx};
use crate::cli::{Format, ListArgs};
use crate::columns::{opt, text, Column, Value};
use crate::error::Result;
use crate::report::query::StaleThreshold;
use crate::store::{MeasureFilter, MeasureRow};
use crate::{output, parse};

pub fn run(args: ListArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("list", &[Format::Text, Format::Json, Format::Csv])?;
    let mut filter = MeasureFilter {
        meeting: given("--meeting", &args.meeting)?
            .map(|m| parse::code("meeting code", m))
            .transpose()?
            .map(|c| c.to_string()),
        status: given("--status", &args.status)?
            .map(parse::status)
            .transpose()?,
        due_by: given("--due-before", &args.due_before)?
            .map(|d| super::flag_due("--due-before", d))
            .transpose()?,
        ..Default::default()
    };
    let today = today()?;
    if args.overdue {
        filter.overdue_on = Some(today);
    }
    if let Some(days) = &args.stale {
        let days = super::flag_days("--stale", days)?;
        filter.stale_before = Some(StaleThreshold::new(today, days).before);
    }
    let (lang, width) = (ctx.lang, ctx.width);
    let store = ctx.store()?;
    if let Some(m) = &filter.meeting {
        store.meeting(m)?;
    }
    if args.category.is_some() || args.ministry.is_some() {
        let refs = store.refs()?;
        filter.category = given("--category", &args.category)?
            .map(|c| refs.resolve_category(c))
            .transpose()?;
        filter.ministry = given("--ministry", &args.ministry)?
            .map(|m| refs.resolve_agency(m))
            .transpose()?;
    }
    store.measures_with(&filter, |rows| write_measures(rows, format, lang, width))
}

type Col = Column<MeasureRow>;

/// The columns of `list` (and of `show` of a meeting): people read seven,
/// CSV carries all eleven.
pub const COLUMNS: [Col; 11] = [
    Col::new("code", "과제코드", |m| text(&m.code)),
    Col::new("meeting", "회의", |m| text(&m.meeting)).data(),
    Col::new("parent", "상위과제", |m| opt(&m.parent)).data(),
    Col::new("title", "과제명", |m| text(&m.title)).long(),
    Col::new("category", "분야", |m| text(&m.category)).data(),
    Col::new("lead_ministry", "소관부처", |m| opt(&m.lead_ministry)).en("ministry"),
    Col::new("due_date", "목표일", |m| Value::Date(m.due_date)).en("due"),
    Col::new("status", "추진상황", |m| Value::Status(&m.status)),
    Col::new("progress", "진척률", |m| Value::Progress(m.progress)).right(),
    Col::new("status_date", "기준일", |m| Value::Date(m.status_date)).en("as of"),
    Col::new("description", "주요내용", |m| opt(&m.description)).data(),
];

/// A measure in JSON (README, "JSON output"): `list` prints an array of
/// them; `show` adds the history. Its fields are in an order of their own
/// (`description` after `title`), not in the order of the columns.
#[derive(Serialize)]
pub struct MeasureJson<'a> {
    code: &'a str,
    meeting: &'a str,
    parent: Option<&'a str>,
    title: &'a str,
    description: Option<&'a str>,
    category: &'a str,
    lead_ministry: Option<&'a str>,
    due_date: Option<NaiveDate>,
    status: &'a str,
    progress: Option<i32>,
    status_date: Option<NaiveDate>,
}

impl<'a> From<&'a MeasureRow> for MeasureJson<'a> {
    fn from(m: &'a MeasureRow) -> Self {
        MeasureJson {
            code: &m.code,
            meeting: &m.meeting,
            parent: m.parent.as_deref(),
            title: &m.title,
            description: m.description.as_deref(),
            category: &m.category,
            lead_ministry: m.lead_ministry.as_deref(),
            due_date: m.due_date,
            status: &m.status,
            progress: m.progress,
            status_date: m.status_date,
        }
    }
}

/// Prints measures as `list` does; `show` of a meeting reuses it.
pub fn print_measures(rows: &[MeasureRow], format: Format, ctx: &Ctx) -> Result<()> {
    let mut rows = rows.iter().cloned().map(Ok);
    write_measures(&mut rows, format, ctx.lang, ctx.width)
}

/// A measure owned, in JSON as [`MeasureJson`].
struct Listed(MeasureRow);

impl Serialize for Listed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        MeasureJson::from(&self.0).serialize(s)
    }
}

/// Writes measures to standard output as they come, one held at a time
/// (a table fitted to a terminal's `width` holds them all).
fn write_measures(
    rows: &mut dyn Iterator<Item = Result<MeasureRow>>,
    format: Format,
    lang: crate::columns::Lang,
    width: Option<usize>,
) -> Result<()> {
    output::print_rows(rows, format, &COLUMNS, Listed, (lang, width), None)
}
