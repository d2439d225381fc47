//! Drawing reports. Each report is first laid out as a [`Doc`] (a title, a
//! few facts, and tables), which text, markdown and HTML draw alike; CSV is
//! one flat table per report and JSON the report types themselves.

mod csv;
mod html;
mod markdown;
mod text;

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{Figures, Report, NO_MINISTRY};
use crate::cli::Format;
use crate::error::Result;
use crate::model::{iso_date, Status};

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

/// One table under a heading.
pub struct Section<'a> {
    pub heading: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cow<'a, str>>>,
    /// Right-aligned (numeric) columns.
    pub right: Vec<usize>,
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
    }
}

/// A rate as a percentage with one decimal, or "-" when there is none.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".into(), |r| format!("{:.1}%", r * 100.0))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    crate::output::opt(v)
}

/// Optional text as a cell: borrowed, empty when absent.
fn text(v: &Option<String>) -> Cow<'_, str> {
    v.as_deref().unwrap_or("").into()
}

/// The date of the last report, or "never".
fn last_report(d: Option<NaiveDate>) -> Cow<'static, str> {
    d.map_or(Cow::Borrowed("never"), |d| iso_date(d).into())
}

/// The headers of a row of figures, in [`figure_cells`]' order: the total,
/// a count per status (`Status::ALL`), then `done` (the completion rate),
/// `overdue` and `stale`; `csv.rs` names the rate `completion_rate`.
pub(super) fn figure_headers(rate: &'static str) -> Vec<&'static str> {
    let mut v = vec!["total"];
    v.extend(Status::ALL.map(Status::code));
    v.extend([rate, "overdue", "stale"]);
    v
}

fn figure_cells(f: &Figures) -> Vec<Cow<'static, str>> {
    let mut v = vec![f.total.to_string().into()];
    v.extend(
        Status::ALL
            .iter()
            .map(|s| f.by_status.get(*s).to_string().into()),
    );
    v.push(percent(f.completion_rate).into());
    v.push(f.overdue.to_string().into());
    v.push(f.stale.to_string().into());
    v
}

fn figure_section<'a>(
    heading: &str,
    lead: Vec<&'static str>,
    rows: Vec<(Vec<Cow<'a, str>>, &Figures)>,
) -> Section<'a> {
    let n = lead.len();
    let mut headers = lead;
    headers.extend(figure_headers("done"));
    let right = (n..headers.len()).collect();
    Section {
        heading: heading.into(),
        headers,
        rows: rows
            .into_iter()
            .map(|(mut lead, f)| {
                lead.extend(figure_cells(f));
                lead
            })
            .collect(),
        right,
    }
}

/// "from → to".
fn arrow(from: &str, to: &str) -> String {
    format!("{from} → {to}")
}

/// The layout of each report for people.
pub fn doc(report: &Report) -> Doc<'_> {
    match report {
        Report::Summary(r) => Doc {
            title: "Progress summary".into(),
            meta: vec![
                ("as of".into(), r.as_of.to_string()),
                (
                    "stale".into(),
                    format!("open, no report in more than {} days", r.stale_days),
                ),
            ],
            sections: vec![
                figure_section(
                    "Meetings",
                    vec!["code", "title", "held on"],
                    r.meetings
                        .iter()
                        .map(|m| {
                            (
                                vec![
                                    m.code.as_str().into(),
                                    m.title.as_str().into(),
                                    m.held_on.to_string().into(),
                                ],
                                &m.figures,
                            )
                        })
                        .collect(),
                ),
                figure_section(
                    "Categories",
                    vec!["category", "name"],
                    r.categories
                        .iter()
                        .map(|c| {
                            (
                                vec![opt(&c.code).into(), c.name_ko.as_str().into()],
                                &c.figures,
                            )
                        })
                        .collect(),
                ),
                figure_section(
                    "Ministries",
                    vec!["ministry", "name"],
                    r.ministries
                        .iter()
                        .map(|m| {
                            (
                                vec![
                                    m.code.as_deref().unwrap_or(NO_MINISTRY).into(),
                                    m.name_ko.as_str().into(),
                                ],
                                &m.figures,
                            )
                        })
                        .collect(),
                ),
                figure_section(
                    "Totals",
                    vec!["scope"],
                    vec![(vec!["all measures".into()], &r.totals)],
                ),
            ],
        },
        Report::Overdue(r) => Doc {
            title: "Overdue measures".into(),
            meta: vec![
                ("as of".into(), r.as_of.to_string()),
                (
                    "overdue".into(),
                    format!("{} open, due before {}", r.measures.len(), r.as_of),
                ),
            ],
            sections: vec![overdue_section(&r.measures)],
        },
        Report::Stale(r) => Doc {
            title: "Stale measures: whom to chase".into(),
            meta: vec![
                ("as of".into(), r.as_of.to_string()),
                (
                    "stale".into(),
                    format!("open, no report in more than {} days", r.days),
                ),
                (
                    "measures".into(),
                    r.ministries
                        .iter()
                        .map(|g| g.measures.len())
                        .sum::<usize>()
                        .to_string(),
                ),
            ],
            sections: r
                .ministries
                .iter()
                .map(|g| Section {
                    heading: match g.code.as_deref().filter(|c| !c.is_empty()) {
                        Some(code) => format!("{} {code} ({})", g.name_ko, g.measures.len()),
                        None => format!("{} ({})", g.name_ko, g.measures.len()),
                    },
                    headers: vec![
                        "code",
                        "title",
                        "meeting",
                        "status",
                        "progress",
                        "last report",
                        "days silent",
                    ],
                    rows: g
                        .measures
                        .iter()
                        .map(|m| {
                            vec![
                                m.code.as_str().into(),
                                m.title.as_str().into(),
                                m.meeting.as_str().into(),
                                m.status.as_str().into(),
                                crate::output::progress(m.progress).into(),
                                last_report(m.last_reported_on),
                                m.days_silent.to_string().into(),
                            ]
                        })
                        .collect(),
                    right: vec![4, 6],
                })
                .collect(),
        },
        Report::Changes(r) => Doc {
            title: "Status changes".into(),
            meta: vec![
                ("as of".into(), r.as_of.to_string()),
                ("window".into(), format!("{} to {}", r.since, r.until)),
                ("changes".into(), r.changes.len().to_string()),
            ],
            sections: vec![Section {
                heading: "Changes".into(),
                headers: vec![
                    "date",
                    "code",
                    "title",
                    "ministry",
                    "change",
                    "progress",
                    "reported by",
                    "note",
                ],
                rows: r
                    .changes
                    .iter()
                    .map(|c| {
                        vec![
                            iso_date(c.reported_on).into(),
                            c.code.as_str().into(),
                            c.title.as_str().into(),
                            text(&c.ministry),
                            arrow(&c.from_status, &c.to_status).into(),
                            crate::output::progress(c.progress).into(),
                            text(&c.reported_by),
                            text(&c.note),
                        ]
                    })
                    .collect(),
                right: vec![5],
            }],
        },
        Report::Timeline(r) => Doc {
            title: format!("Timeline of {}", r.code),
            meta: vec![
                ("as of".into(), r.as_of.to_string()),
                ("measure".into(), format!("{} {}", r.code, r.title)),
                ("meeting".into(), r.meeting.clone()),
                (
                    "ministry".into(),
                    r.ministry.clone().unwrap_or_else(|| NO_MINISTRY.into()),
                ),
                // Said, not left blank: a blank reads as a value lost on the way.
                (
                    "due".into(),
                    r.due_date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| NO_DUE_DATE.into()),
                ),
                (
                    "status".into(),
                    match r.status_date {
                        Some(d) => match crate::output::progress(r.progress) {
                            p if p.is_empty() => format!("{} (reported {d})", r.status),
                            p => format!("{} {p} (reported {d})", r.status),
                        },
                        None => format!("{} (no report yet)", r.status),
                    },
                ),
            ],
            sections: vec![Section {
                heading: "History".into(),
                headers: vec![
                    "reported on",
                    "status",
                    "progress",
                    "change",
                    "reported by",
                    "note",
                ],
                rows: r
                    .history
                    .iter()
                    .map(|h| {
                        vec![
                            iso_date(h.reported_on).into(),
                            h.status.as_str().into(),
                            crate::output::progress(h.progress).into(),
                            if h.transition {
                                arrow(&h.from, &h.status).into()
                            } else {
                                "".into()
                            },
                            text(&h.reported_by),
                            text(&h.note),
                        ]
                    })
                    .collect(),
                right: vec![2],
            }],
        },
    }
}

fn overdue_section(measures: &[crate::store::report::OverdueRow]) -> Section<'_> {
    Section {
        heading: "Overdue".into(),
        headers: vec![
            "code",
            "title",
            "ministry",
            "due",
            "days overdue",
            "status",
            "progress",
            "last report",
        ],
        rows: measures
            .iter()
            .map(|m| {
                vec![
                    m.code.as_str().into(),
                    m.title.as_str().into(),
                    m.ministry.as_deref().unwrap_or(NO_MINISTRY).into(),
                    iso_date(m.due_date).into(),
                    m.days_overdue.to_string().into(),
                    m.status.as_str().into(),
                    crate::output::progress(m.progress).into(),
                    last_report(m.last_reported_on),
                ]
            })
            .collect(),
        right: vec![4, 6],
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
