//! Drawing reports. Each report is first laid out as a [`Doc`] (a title, a
//! few facts, and tables), which text, markdown and HTML draw alike; CSV is
//! one flat table per report and JSON the report types themselves. Every
//! table, in every format, is drawn from the columns of its rows
//! (`tables.rs`); the format comes from `output`, not from the command line.

mod csv;
mod html;
mod markdown;
mod tables;
mod text;

use std::borrow::{Borrow, Cow};

use super::{Report, NO_MINISTRY};
use crate::columns::{Align, Column};
use crate::error::Result;
use crate::output::Format;
pub use tables::ROUNDS;

/// The due date of a measure that has none, in the timeline's header.
const NO_DUE_DATE: &str = "(none)";

/// A report laid out for people; its cells borrow the report's text where
/// they show it as it is.
pub struct Doc<'a> {
    pub title: String,
    /// Facts shown under the title: ("as of", "2024-03-31").
    pub meta: Vec<(String, String)>,
    pub sections: Vec<Section<'a>>,
}

/// One table under a heading: the columns people read of one row type.
pub struct Section<'a> {
    pub heading: String,
    pub headers: Vec<&'static str>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<Cow<'a, str>>>,
}

impl<'a> Section<'a> {
    /// `rows` under `heading`, in `columns`.
    fn of<R: 'a, B: Borrow<R> + 'a>(
        heading: impl Into<String>,
        columns: &[Column<R>],
        rows: impl IntoIterator<Item = &'a B>,
    ) -> Self {
        let grid = crate::output::people_table(columns, rows);
        Section {
            heading: heading.into(),
            headers: grid.headers,
            align: grid.align,
            rows: grid.rows,
        }
    }

    /// Whether column `i` is right-aligned.
    pub fn right(&self, i: usize) -> bool {
        self.align.get(i) == Some(&Align::Right)
    }
}

/// The report in `format`, ending with a newline.
pub fn render(report: &Report, format: Format, colour: bool) -> Result<String> {
    match format {
        Format::Json => json(report),
        Format::Csv => csv::render(report),
        Format::Markdown => Ok(markdown::render(&doc(report))),
        Format::Html => Ok(html::render(report, &doc(report))),
        Format::Text => Ok(text::render(&doc(report), colour)),
    }
}

fn json(report: &Report) -> Result<String> {
    use crate::output::json;
    match report {
        Report::Summary(r) => json(r),
        Report::Overdue(r) => json(r),
        Report::Stale(r) => json(r),
        Report::Changes(r) => json(r),
        Report::Timeline(r) => json(r),
        Report::Round(r) => json(r),
    }
}

/// A rate as a percentage with one decimal, or "-" when there is none.
pub fn percent(rate: Option<f64>) -> String {
    crate::columns::Value::Rate(rate).people("-").into_owned()
}

/// The facts of a report, as (key, value).
fn facts<const N: usize>(facts: [(&str, String); N]) -> Vec<(String, String)> {
    facts.map(|(k, v)| (k.to_string(), v)).into()
}

/// The stale threshold as the facts say it.
fn stale_fact(days: u32) -> (&'static str, String) {
    ("stale", format!("open, no report in more than {days} days"))
}

/// The layout of each report for people.
pub fn doc(report: &Report) -> Doc<'_> {
    match report {
        Report::Summary(r) => Doc {
            title: "Progress summary".into(),
            meta: facts([("as of", r.as_of.to_string()), stale_fact(r.stale_days)]),
            sections: vec![
                Section::of("Meetings", &tables::meetings(), &r.meetings),
                Section::of("Categories", &tables::categories(), &r.categories),
                Section::of("Ministries", &tables::ministries(), &r.ministries),
                Section::of("Totals", &tables::totals(), [&r.totals]),
            ],
        },
        Report::Overdue(r) => Doc {
            title: "Overdue measures".into(),
            meta: facts([
                ("as of", r.as_of.to_string()),
                (
                    "overdue",
                    format!("{} open, due before {}", r.measures.len(), r.as_of),
                ),
            ]),
            sections: vec![Section::of("Overdue", &tables::OVERDUE, &r.measures)],
        },
        Report::Stale(r) => Doc {
            title: "Stale measures: whom to chase".into(),
            meta: facts([
                ("as of", r.as_of.to_string()),
                stale_fact(r.days),
                (
                    "measures",
                    r.ministries
                        .iter()
                        .map(|g| g.measures.len())
                        .sum::<usize>()
                        .to_string(),
                ),
            ]),
            sections: r
                .ministries
                .iter()
                .map(|g| {
                    let heading = match g.code.as_deref().filter(|c| !c.is_empty()) {
                        Some(code) => format!("{} {code} ({})", g.name_ko, g.measures.len()),
                        None => format!("{} ({})", g.name_ko, g.measures.len()),
                    };
                    Section::of(heading, &tables::STALE, &g.measures)
                })
                .collect(),
        },
        Report::Changes(r) => Doc {
            title: "Status changes".into(),
            meta: facts([
                ("as of", r.as_of.to_string()),
                ("window", format!("{} to {}", r.since, r.until)),
                ("changes", r.changes.len().to_string()),
            ]),
            sections: vec![Section::of("Changes", &tables::CHANGES, &r.changes)],
        },
        Report::Timeline(r) => Doc {
            title: format!("Timeline of {}", r.code),
            meta: facts([
                ("as of", r.as_of.to_string()),
                ("measure", format!("{} {}", r.code, r.title)),
                ("meeting", r.meeting.clone()),
                (
                    "ministry",
                    r.ministry.clone().unwrap_or_else(|| NO_MINISTRY.into()),
                ),
                // Said, not left blank: a blank reads as a value lost on the way.
                (
                    "due",
                    r.due_date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| NO_DUE_DATE.into()),
                ),
                (
                    "status",
                    match r.status_date {
                        Some(d) => match crate::output::progress(r.progress) {
                            p if p.is_empty() => format!("{} (reported {d})", r.status),
                            p => format!("{} {p} (reported {d})", r.status),
                        },
                        None => format!("{} (no report yet)", r.status),
                    },
                ),
            ]),
            sections: vec![Section::of("History", &tables::TIMELINE, &r.history)],
        },
        Report::Round(r) => Doc {
            title: match &r.title {
                Some(t) => format!("Reporting round {}: {t}", r.code),
                None => format!("Reporting round {}", r.code),
            },
            meta: facts([
                ("as of", r.as_of.to_string()),
                ("due", r.due.to_string()),
                (
                    "round",
                    if r.closed { "closed" } else { "open" }.to_string(),
                ),
                (
                    "answered",
                    format!(
                        "{} of {} measures ({})",
                        r.totals.answered,
                        r.totals.requested,
                        percent(r.totals.response_rate())
                    ),
                ),
                (
                    "ministries",
                    format!(
                        "{} complete, {} partial, {} missing",
                        r.totals.complete, r.totals.partial, r.totals.missing
                    ),
                ),
                ("days late to", r.today.to_string()),
            ]),
            sections: vec![Section::of(
                "Ministries",
                &tables::ROUND_MINISTRIES,
                &r.ministries,
            )],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_has_one_decimal_and_a_dash_for_none() {
        assert_eq!(percent(Some(1.0 / 3.0)), "33.3%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(None), "-");
    }
}
