//! CSV: one flat table per report, a header row, UTF-8, LF, drawn from the
//! report's columns (`tables.rs`).
//!
//! summary: `level` (meeting, category, ministry, total), `code`, `name`,
//! `held_on`, the figures, `completion_rate` as a fraction with 4 decimals.
//! stale: each measure after its ministry; timeline: each report after the
//! measure's code.

use super::super::Report;
use super::tables::{self, SummaryLine};
use crate::columns::{Column, Lang};
use crate::error::Result;
use crate::output;
use crate::words::{self, Word};

pub fn render(report: &Report, lang: Lang) -> Result<String> {
    match report {
        Report::Summary(r) => {
            let mut lines: Vec<SummaryLine> = Vec::new();
            lines.extend(r.meetings.iter().map(|m| {
                line(
                    words::LEVEL_MEETING,
                    Some(&m.code),
                    &m.title,
                    Some(m.held_on),
                    &m.figures,
                )
            }));
            lines.extend(r.categories.iter().map(|c| {
                line(
                    words::LEVEL_CATEGORY,
                    c.code.as_deref(),
                    &c.name_ko,
                    None,
                    &c.figures,
                )
            }));
            lines.extend(r.ministries.iter().map(|m| {
                let name = match m.code {
                    Some(_) => m.name_ko.as_str(),
                    None => words::NONE.get(lang),
                };
                line(
                    words::LEVEL_MINISTRY,
                    m.code.as_deref(),
                    name,
                    None,
                    &m.figures,
                )
            }));
            lines.push(line(words::LEVEL_TOTAL, None, "", None, &r.totals));
            output::csv_of(&tables::summary_lines(), &lines, lang)
        }
        Report::Overdue(r) => output::csv_of(&tables::OVERDUE, &r.measures, lang),
        Report::Stale(r) => grouped(
            &tables::STALE_GROUP,
            &tables::STALE,
            r.ministries.iter().map(|g| (g, &g.measures[..])),
            lang,
        ),
        Report::Changes(r) => output::csv_of(&tables::CHANGES, &r.changes, lang),
        Report::Review(r) => output::csv_of(&tables::REVIEW, &r.reports, lang),
        Report::Round(r) => output::csv_of(&tables::ROUND_MINISTRIES, &r.ministries, lang),
        Report::Timeline(r) => grouped(
            &tables::TIMELINE_OF,
            tables::timeline(r),
            [(r, &r.history[..])],
            lang,
        ),
    }
}

/// Rows of `R` in groups of `G`: each row's cells after its group's.
fn grouped<'a, G: 'a, R: 'a>(
    group: &[Column<G>],
    columns: &[Column<R>],
    groups: impl IntoIterator<Item = (&'a G, &'a [R])>,
    lang: Lang,
) -> Result<String> {
    let data = |c: &&Column<R>| c.for_data();
    let headers: Vec<&str> = group
        .iter()
        .map(|c| c.csv_header(lang))
        .chain(columns.iter().filter(data).map(|c| c.csv_header(lang)))
        .collect();
    let rows = groups.into_iter().flat_map(|(g, rows)| {
        rows.iter().map(move |r| {
            group.iter().map(move |c| c.data_cell_in(g, lang)).chain(
                columns
                    .iter()
                    .filter(data)
                    .map(move |c| c.data_cell_in(r, lang)),
            )
        })
    });
    output::csv_rows(&headers, rows)
}

/// One line of the CSV summary.
fn line<'a>(
    level: Word,
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
