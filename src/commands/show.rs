//! `show CODE`: one measure with its full history, or one meeting with its measures.

use serde::Serialize;

use super::list::print_measures;
use super::Ctx;
use crate::cli::{Format, ShowArgs};
use crate::error::{Error, Result};
use crate::store::{HistoryItem, MeasureFilter, MeasureRow};
use crate::{output, parse};

/// The JSON of `show` for a measure (README, "JSON output"): the `list` object plus `history`.
#[derive(Serialize)]
struct MeasureWithHistory<'a> {
    #[serde(flatten)]
    measure: &'a MeasureRow,
    history: &'a [HistoryItem],
}

pub fn run(args: ShowArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("show", &[Format::Text, Format::Json, Format::Csv])?;
    let code = parse::code("code", &args.code)?;
    let store = ctx.store()?;
    let near_measure = match store.measure(code.as_str()) {
        Ok(m) => {
            let history = store.history(&m)?;
            return print_measure(&m, &history, format);
        }
        Err(Error::NotFound { suggestion, .. }) => suggestion,
        Err(e) => return Err(e),
    };
    // Not a measure: a meeting, or neither, with the nearest code of either.
    let meeting = match store.meeting(code.as_str()) {
        Ok(m) => m,
        Err(Error::NotFound {
            suggestion: near_meeting,
            ..
        }) => {
            return Err(Error::NotFound {
                what: "measure or meeting",
                value: code.to_string(),
                suggestion: near_measure.or(near_meeting),
            });
        }
        Err(e) => return Err(e),
    };
    let measures = store.measures(&MeasureFilter {
        meeting: Some(meeting.code.clone()),
        ..Default::default()
    })?;
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct MeetingWithMeasures<'a> {
                #[serde(flatten)]
                meeting: &'a crate::store::MeetingRow,
                measures: &'a [MeasureRow],
            }
            output::stdout_write(&output::json(&MeetingWithMeasures {
                meeting: &meeting,
                measures: &measures,
            })?)
        }
        Format::Csv => print_measures(&measures, Format::Csv),
        _ => {
            let mut s = heading(&meeting.code, &meeting.title);
            facts(
                &mut s,
                [
                    ("held on", Some(meeting.held_on.to_string())),
                    ("location", meeting.location.clone()),
                    ("chair", meeting.chair.clone()),
                    ("source", meeting.source.clone()),
                    ("measures", Some(meeting.total.to_string())),
                ],
            );
            s.push('\n');
            output::stdout_write(&s)?;
            print_measures(&measures, Format::Text)
        }
    }
}

fn print_measure(m: &MeasureRow, history: &[HistoryItem], format: Format) -> Result<()> {
    match format {
        Format::Json => output::stdout_write(&output::json(&MeasureWithHistory {
            measure: m,
            history,
        })?),
        Format::Csv => {
            let rows: Vec<Vec<String>> = history
                .iter()
                .map(|h| history_cells(h, output::opt(&h.progress)))
                .collect();
            output::stdout_write(&output::csv(
                &["reported_on", "status", "progress", "reported_by", "note"],
                &rows,
            )?)
        }
        _ => {
            let mut s = heading(&m.code, &m.title);
            let status = match (m.progress, m.status_date) {
                (p @ Some(_), Some(d)) => {
                    format!("{} {} (as of {d})", m.status, output::progress(p))
                }
                (None, Some(d)) => format!("{} (as of {d})", m.status),
                _ => format!("{} (no report yet)", m.status),
            };
            facts(
                &mut s,
                [
                    ("meeting", Some(m.meeting.clone())),
                    ("parent", m.parent.clone()),
                    ("category", Some(m.category.clone())),
                    ("ministry", m.lead_ministry.clone()),
                    ("due", m.due_date.map(|d| d.to_string())),
                    ("status", Some(status)),
                    ("about", m.description.clone()),
                ],
            );
            s.push('\n');
            if history.is_empty() {
                s.push_str("no status reports yet\n");
            } else {
                // For people, as `list` and `report timeline` show them:
                // headers in words, progress as a percentage.
                let rows: Vec<Vec<String>> = history
                    .iter()
                    .map(|h| history_cells(h, output::progress(h.progress)))
                    .collect();
                s.push_str(&output::table(
                    &["reported on", "status", "progress", "reported by", "note"],
                    &rows,
                    &[2],
                ));
            }
            output::stdout_write(&s)
        }
    }
}

/// A history item's cells, its progress written as the format shows it
/// (a number in CSV, `40%` for people).
fn history_cells(h: &HistoryItem, progress: String) -> Vec<String> {
    vec![
        h.reported_on.to_string(),
        h.status.clone(),
        progress,
        output::opt(&h.reported_by),
        output::opt(&h.note),
    ]
}

/// The first line of `show`: the code and the title.
fn heading(code: &str, title: &str) -> String {
    format!(
        "{}  {}\n",
        crate::error::one_line(code),
        crate::error::one_line(title)
    )
}

/// The facts under the heading, those that are known.
fn facts<const N: usize>(s: &mut String, facts: [(&str, Option<String>); N]) {
    for (k, v) in facts {
        if let Some(v) = v {
            output::push_fact(s, k, 8, &v);
        }
    }
}
