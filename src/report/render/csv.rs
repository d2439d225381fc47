//! CSV: one flat table per report, a header row, UTF-8, LF.
//!
//! summary: `level` (meeting, category, ministry, total), `code`, `name`,
//! `held_on`, the figures, `completion_rate` as a fraction with 4 decimals.

use super::super::{Figures, Report};
use crate::error::Result;
use crate::model::Status;
use crate::output::{self, opt};

fn figures(f: &Figures) -> Vec<String> {
    let mut v = vec![f.total.to_string()];
    v.extend(Status::ALL.iter().map(|s| f.by_status.get(*s).to_string()));
    v.push(
        f.completion_rate
            .map(|r| format!("{r:.4}"))
            .unwrap_or_default(),
    );
    v.push(f.overdue.to_string());
    v.push(f.stale.to_string());
    v
}

pub fn render(report: &Report) -> Result<String> {
    let (headers, rows): (Vec<&str>, Vec<Vec<String>>) = match report {
        Report::Summary(r) => {
            let mut rows = Vec::new();
            let mut push = |level: &str, code: String, name: String, held: String, f: &Figures| {
                let mut row = vec![level.to_string(), code, name, held];
                row.extend(figures(f));
                rows.push(row);
            };
            for m in &r.meetings {
                push(
                    "meeting",
                    m.code.clone(),
                    m.title.clone(),
                    m.held_on.to_string(),
                    &m.figures,
                );
            }
            for c in &r.categories {
                push(
                    "category",
                    opt(&c.code),
                    c.name_ko.clone(),
                    String::new(),
                    &c.figures,
                );
            }
            for m in &r.ministries {
                push(
                    "ministry",
                    opt(&m.code),
                    m.name_ko.clone(),
                    String::new(),
                    &m.figures,
                );
            }
            push(
                "total",
                String::new(),
                String::new(),
                String::new(),
                &r.totals,
            );
            (
                ["level", "code", "name", "held_on"]
                    .into_iter()
                    .chain(super::figure_headers("completion_rate"))
                    .collect(),
                rows,
            )
        }
        Report::Overdue(r) => (
            vec![
                "code",
                "title",
                "meeting",
                "ministry",
                "due_date",
                "days_overdue",
                "status",
                "progress",
                "last_reported_on",
            ],
            r.measures
                .iter()
                .map(|m| {
                    vec![
                        m.code.clone(),
                        m.title.clone(),
                        m.meeting.clone(),
                        opt(&m.ministry),
                        m.due_date.to_string(),
                        m.days_overdue.to_string(),
                        m.status.clone(),
                        opt(&m.progress),
                        opt(&m.last_reported_on),
                    ]
                })
                .collect(),
        ),
        Report::Stale(r) => (
            vec![
                "ministry_code",
                "ministry",
                "code",
                "title",
                "meeting",
                "status",
                "progress",
                "last_reported_on",
                "days_silent",
            ],
            r.ministries
                .iter()
                .flat_map(|g| {
                    g.measures.iter().map(move |m| {
                        vec![
                            opt(&g.code),
                            g.name_ko.clone(),
                            m.code.clone(),
                            m.title.clone(),
                            m.meeting.clone(),
                            m.status.clone(),
                            opt(&m.progress),
                            opt(&m.last_reported_on),
                            m.days_silent.to_string(),
                        ]
                    })
                })
                .collect(),
        ),
        Report::Changes(r) => (
            vec![
                "date",
                "code",
                "title",
                "ministry",
                "from",
                "to",
                "progress",
                "reported_by",
                "note",
            ],
            r.changes
                .iter()
                .map(|c| {
                    vec![
                        c.reported_on.to_string(),
                        c.code.clone(),
                        c.title.clone(),
                        opt(&c.ministry),
                        c.from_status.clone(),
                        c.to_status.clone(),
                        opt(&c.progress),
                        opt(&c.reported_by),
                        opt(&c.note),
                    ]
                })
                .collect(),
        ),
        Report::Timeline(r) => (
            vec![
                "code",
                "reported_on",
                "from",
                "status",
                "transition",
                "progress",
                "reported_by",
                "note",
            ],
            r.history
                .iter()
                .map(|h| {
                    vec![
                        r.code.clone(),
                        h.reported_on.to_string(),
                        h.from.clone(),
                        h.status.clone(),
                        h.transition.to_string(),
                        opt(&h.progress),
                        opt(&h.reported_by),
                        opt(&h.note),
                    ]
                })
                .collect(),
        ),
    };
    output::csv(&headers, &rows)
}
