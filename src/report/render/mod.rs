//! Drawing reports. Each report is first laid out as a [`Doc`] (a title, a
//! few facts, and tables), which text, markdown and HTML draw alike; CSV is
//! one flat table per report and JSON the report types themselves. Every
//! table, in every format, is drawn from the columns of its rows
//! (`tables.rs`); the format comes from `output`, not from the command line.
//! A workbook (`xlsx.rs`) is bytes for a file, not text.

mod csv;
mod html;
mod markdown;
mod tables;
mod text;
pub mod xlsx;

use std::borrow::{Borrow, Cow};

use super::{Overdue, Report, Stale, Summary};
use crate::columns::{Align, Column, Lang};
use crate::error::Result;
use crate::output::Format;
use crate::words::{self, Word};
pub use tables::ROUNDS;

/// How a report is drawn for people: in which language, whether the text
/// may be bold, and the width of the terminal its tables fit (`None`: every
/// cell whole, as for a file, a pipe or `--wide`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub lang: Lang,
    pub colour: bool,
    pub width: Option<usize>,
}

/// A report laid out for people; its cells borrow the report's text where
/// they show it as it is.
pub struct Doc<'a> {
    pub lang: Lang,
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
    /// Which columns are long free text, cut first to fit a terminal.
    pub long: Vec<bool>,
    pub rows: Vec<Vec<Cow<'a, str>>>,
    /// Rows left out of a list kept short (the HTML summary's overdue list).
    pub more: usize,
}

impl<'a> Section<'a> {
    /// `rows` under `heading`, in `columns`, in `lang`.
    fn of<R: 'a, B: Borrow<R> + 'a>(
        heading: impl Into<String>,
        columns: &[Column<R>],
        rows: impl IntoIterator<Item = &'a B>,
        lang: Lang,
    ) -> Self {
        let grid = crate::output::people_table(columns, rows, lang);
        Section {
            heading: heading.into(),
            headers: grid.headers,
            align: grid.align,
            long: grid.long,
            rows: grid.rows,
            more: 0,
        }
    }

    /// Whether column `i` is right-aligned.
    pub fn right(&self, i: usize) -> bool {
        self.align.get(i) == Some(&Align::Right)
    }
}

/// The report in `format`, ending with a newline.
pub fn render(report: &Report, format: Format, style: Style) -> Result<String> {
    let lang = style.lang;
    match format {
        Format::Json => json(report),
        Format::Csv => csv::render(report, lang),
        Format::Markdown => Ok(markdown::render(&doc(report, lang))),
        Format::Html => Ok(html::render(report, &doc(report, lang))),
        Format::Text => Ok(text::render(&doc(report, lang), style)),
        Format::Xlsx => Err(crate::xlsx::needs_a_file("report --format xlsx")),
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
        Report::Review(r) => json(r),
    }
}

/// A rate as a percentage with one decimal, or "-" when there is none.
pub fn percent(rate: Option<f64>) -> String {
    crate::columns::Value::Rate(rate)
        .people(Word { en: "-", ko: "-" }, Lang::En)
        .into_owned()
}

/// The facts of a report, as (key, value), the keys in `lang`.
fn facts<const N: usize>(lang: Lang, facts: [(Word, String); N]) -> Vec<(String, String)> {
    facts.map(|(k, v)| (k.get(lang).to_string(), v)).into()
}

/// The layout of each report for people, in `lang`.
pub fn doc(report: &Report, lang: Lang) -> Doc<'_> {
    let l = lang;
    let (title, meta, sections) = match report {
        Report::Summary(r) => (
            words::SUMMARY.get(l).to_string(),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (words::STALE, words::stale_rule(l, r.stale_days)),
                ],
            ),
            vec![
                Section::of(
                    words::BY_MEETING.get(l),
                    &tables::meetings(),
                    &r.meetings,
                    l,
                ),
                Section::of(
                    words::BY_CATEGORY.get(l),
                    &tables::categories(),
                    &r.categories,
                    l,
                ),
                Section::of(
                    words::BY_MINISTRY.get(l),
                    &tables::ministries(),
                    &r.ministries,
                    l,
                ),
                Section::of(words::TOTALS.get(l), &tables::totals(), [&r.totals], l),
            ],
        ),
        Report::Overdue(r) => (
            words::OVERDUE_TITLE.get(l).to_string(),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (
                        words::OVERDUE,
                        words::overdue_rule(l, r.measures.len(), &r.as_of.to_string()),
                    ),
                ],
            ),
            vec![Section::of(
                words::OVERDUE_SECTION.get(l),
                &tables::OVERDUE,
                &r.measures,
                l,
            )],
        ),
        Report::Stale(r) => (
            words::STALE_TITLE.get(l).to_string(),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (words::STALE, words::stale_rule(l, r.days)),
                    (
                        words::MEASURES,
                        r.ministries
                            .iter()
                            .map(|g| g.measures.len())
                            .sum::<usize>()
                            .to_string(),
                    ),
                ],
            ),
            r.ministries
                .iter()
                .map(|g| {
                    let name = match &g.code {
                        Some(_) => g.name_ko.as_str(),
                        None => words::NONE.get(l),
                    };
                    let heading = match g.code.as_deref().filter(|c| !c.is_empty()) {
                        Some(code) => format!("{name} {code} ({})", g.measures.len()),
                        None => format!("{name} ({})", g.measures.len()),
                    };
                    Section::of(heading, &tables::STALE, &g.measures, l)
                })
                .collect(),
        ),
        Report::Review(r) => (
            words::REVIEW_TITLE.get(l).to_string(),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (words::REPORTS, r.reports.len().to_string()),
                ],
            ),
            vec![Section::of(
                words::REVIEW_SECTION.get(l),
                &tables::REVIEW,
                &r.reports,
                l,
            )],
        ),
        Report::Changes(r) => (
            words::CHANGES_TITLE.get(l).to_string(),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (
                        words::WINDOW,
                        words::window(l, &r.since.to_string(), &r.until.to_string()),
                    ),
                    (words::CHANGES, r.changes.len().to_string()),
                ],
            ),
            vec![Section::of(
                words::CHANGES_SECTION.get(l),
                &tables::CHANGES,
                &r.changes,
                l,
            )],
        ),
        Report::Timeline(r) => (
            format!("{} {}", words::TIMELINE_TITLE.get(l), r.code),
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (words::MEASURE, format!("{} {}", r.code, r.title)),
                    (words::MEETING, r.meeting.clone()),
                    (
                        words::MINISTRY,
                        r.ministry
                            .clone()
                            .unwrap_or_else(|| words::NONE.get(l).into()),
                    ),
                    // Said, not left blank: a blank reads as a value lost on the way.
                    (
                        words::DUE,
                        r.due_date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| words::NONE.get(l).into()),
                    ),
                    (
                        words::STATUS,
                        words::standing(
                            l,
                            &r.status,
                            r.progress,
                            r.status_date.map(|d| d.to_string()).as_deref(),
                            false,
                        ),
                    ),
                ],
            ),
            vec![Section::of(
                words::HISTORY.get(l),
                tables::timeline(r),
                &r.history,
                l,
            )],
        ),
        Report::Round(r) => (
            match &r.title {
                Some(t) => format!("{} {}: {t}", words::ROUND_TITLE.get(l), r.code),
                None => format!("{} {}", words::ROUND_TITLE.get(l), r.code),
            },
            facts(
                l,
                [
                    (words::AS_OF, r.as_of.to_string()),
                    (words::ROUND_DUE, r.due.to_string()),
                    (
                        words::ROUND_STATE,
                        if r.closed { words::CLOSED } else { words::OPEN }
                            .get(l)
                            .to_string(),
                    ),
                    (
                        words::ANSWERED,
                        words::answered(
                            l,
                            r.totals.answered,
                            r.totals.requested,
                            &percent(r.totals.response_rate()),
                        ),
                    ),
                    (
                        words::MINISTRIES,
                        words::ministry_states(
                            l,
                            r.totals.complete,
                            r.totals.partial,
                            r.totals.missing,
                        ),
                    ),
                    (words::DAYS_LATE_TO, r.today.to_string()),
                ],
            ),
            vec![Section::of(
                words::ROUND_SECTION.get(l),
                &tables::ROUND_MINISTRIES,
                &r.ministries,
                l,
            )],
        ),
    };
    let mut meta = meta;
    if let Report::Summary(Summary { assessed: true, .. })
    | Report::Overdue(Overdue { assessed: true, .. })
    | Report::Stale(Stale { assessed: true, .. }) = report
    {
        meta.insert(
            1,
            (
                words::VIEW.get(l).to_string(),
                words::ASSESSED_VIEW.get(l).to_string(),
            ),
        );
    }
    Doc {
        lang,
        title,
        meta,
        sections,
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
