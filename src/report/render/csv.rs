//! CSV: one flat table per report, a header row, UTF-8, LF, drawn from the
//! report's columns (`tables.rs`).
//!
//! summary: `level` (meeting, category, ministry, total), `code`, `name`,
//! `held_on`, the figures, `completion_rate` as a fraction with 4 decimals.
//! stale: each measure after its ministry; timeline: each report after the
//! measure's code.

use super::super::Report;
use super::tables::{self, SummaryLine};
use crate::columns::Column;
use crate::error::Result;
use crate::output;

pub fn render(report: &Report) -> Result<String> {
    match report {
        Report::Summary(r) => {
            let mut lines: Vec<SummaryLine> = Vec::new();
            lines.extend(r.meetings.iter().map(|m| {
                line(
                    "meeting",
                    Some(&m.code),
                    &m.title,
                    Some(m.held_on),
                    &m.figures,
                )
            }));
            lines.extend(
                r.categories
                    .iter()
                    .map(|c| line("category", c.code.as_deref(), &c.name_ko, None, &c.figures)),
            );
            lines.extend(
                r.ministries
                    .iter()
                    .map(|m| line("ministry", m.code.as_deref(), &m.name_ko, None, &m.figures)),
            );
            lines.push(line("total", None, "", None, &r.totals));
            output::csv_of(&tables::summary_lines(), &lines)
        }
        Report::Overdue(r) => output::csv_of(&tables::OVERDUE, &r.measures),
        Report::Stale(r) => grouped(
            &tables::STALE_GROUP,
            &tables::STALE,
            r.ministries.iter().map(|g| (g, &g.measures[..])),
        ),
        Report::Changes(r) => output::csv_of(&tables::CHANGES, &r.changes),
        Report::Round(r) => output::csv_of(&tables::ROUND_MINISTRIES, &r.ministries),
        Report::Timeline(r) => grouped(
            &tables::TIMELINE_OF,
            &tables::TIMELINE,
            [(r, &r.history[..])],
        ),
    }
}

/// Rows of `R` in groups of `G`: each row's cells after its group's.
fn grouped<'a, G: 'a, R: 'a>(
    group: &[Column<G>],
    columns: &[Column<R>],
    groups: impl IntoIterator<Item = (&'a G, &'a [R])>,
) -> Result<String> {
    let data = |c: &&Column<R>| c.for_data();
    let headers: Vec<&str> = group
        .iter()
        .map(|c| c.key)
        .chain(columns.iter().filter(data).map(|c| c.key))
        .collect();
    let rows = groups.into_iter().flat_map(|(g, rows)| {
        rows.iter().map(move |r| {
            group
                .iter()
                .map(move |c| c.data_cell(g))
                .chain(columns.iter().filter(data).map(move |c| c.data_cell(r)))
        })
    });
    output::csv_rows(&headers, rows)
}

/// One line of the CSV summary.
fn line<'a>(
    level: &'static str,
    code: Option<&'a str>,
    name: &'a str,
    held_on: Option<chrono::NaiveDate>,
    figures: &'a super::super::Figures,
) -> SummaryLine<'a> {
    SummaryLine {
        level,
        code,
        name: Some(name),
        held_on,
        figures,
    }
}
