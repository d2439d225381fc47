//! `list`: measures, narrowed by filters.

use super::{given, today, Ctx};
use crate::cli::{Format, ListArgs};
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
    let rows = store.measures(&filter)?;
    print_measures(&rows, format)
}

/// The columns of `list` in text and CSV.
const COLUMNS: [&str; 11] = [
    "code",
    "meeting",
    "parent",
    "title",
    "category",
    "lead_ministry",
    "due_date",
    "status",
    "progress",
    "status_date",
    "description",
];

/// Prints measures as `list` does; `show` of a meeting reuses it.
pub fn print_measures(rows: &[MeasureRow], format: Format) -> Result<()> {
    match format {
        Format::Json => output::stdout_write(&output::json(rows)?),
        Format::Csv => {
            let cells: Vec<Vec<String>> = rows.iter().map(cells).collect();
            output::stdout_write(&output::csv(&COLUMNS, &cells)?)
        }
        _ => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|m| {
                    vec![
                        m.code.clone(),
                        m.title.clone(),
                        m.lead_ministry.clone().unwrap_or_default(),
                        output::opt(&m.due_date),
                        m.status.clone(),
                        output::progress(m.progress),
                        output::opt(&m.status_date),
                    ]
                })
                .collect();
            output::stdout_write(&output::table(
                &[
                    "code", "title", "ministry", "due", "status", "progress", "as of",
                ],
                &cells,
                &[5],
            ))
        }
    }
}

fn cells(m: &MeasureRow) -> Vec<String> {
    vec![
        m.code.clone(),
        m.meeting.clone(),
        output::opt(&m.parent),
        m.title.clone(),
        m.category.clone(),
        output::opt(&m.lead_ministry),
        output::opt(&m.due_date),
        m.status.clone(),
        output::opt(&m.progress),
        output::opt(&m.status_date),
        output::opt(&m.description),
    ]
}
