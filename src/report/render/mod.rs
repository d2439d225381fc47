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
use std::io::Write;

use super::{Changes, Overdue, Report, Review, Stale, Summary};
use crate::columns::{Align, Column, Lang};
use crate::error::{Error, Result};
use crate::output::{Format, JsonOf, Pulled, Spooled};
use crate::store::report::review::Queued;
use crate::store::report::ChangeRow;
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
    pub rows: Rows<'a>,
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
            rows: Rows::Held(grid.rows),
            more: 0,
        }
    }

    /// `rows`, as they come, under `heading`, in `columns`, in `lang`: their
    /// cells spooled (see `output::Spool`), so that a list of any length
    /// holds one row in memory.
    fn spooled<R: 'static>(
        heading: impl Into<String>,
        columns: &[Column<R>],
        rows: &mut dyn Iterator<Item = Result<R>>,
        lang: Lang,
    ) -> Result<Section<'static>> {
        let (grid, spooled) = crate::output::people_spool(columns, rows, lang)?;
        Ok(Section {
            heading: heading.into(),
            headers: grid.headers,
            align: grid.align,
            long: grid.long,
            rows: Rows::Spooled(spooled),
            more: 0,
        })
    }

    /// Whether column `i` is right-aligned.
    pub fn right(&self, i: usize) -> bool {
        self.align.get(i) == Some(&Align::Right)
    }
}

/// The rows of a section: held, as a report's lists are, or spooled, as a
/// list read row by row from the database is ([`changes_to`]).
pub enum Rows<'a> {
    Held(Vec<Vec<Cow<'a, str>>>),
    Spooled(Spooled),
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Held(rows) => rows.len(),
            Rows::Spooled(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hands each row's cells to `f`, in order.
    pub fn each(&self, mut f: impl FnMut(&[&str]) -> Result<()>) -> Result<()> {
        match self {
            Rows::Held(rows) => rows.iter().try_for_each(|row| {
                let cells: Vec<&str> = row.iter().map(|c| c.as_ref()).collect();
                f(&cells)
            }),
            Rows::Spooled(rows) => rows.each(f),
        }
    }
}

/// Writes the end of `text` out once it is long, so that a renderer that
/// builds its text piece by piece holds only a piece.
fn drain(text: &mut String, out: &mut dyn Write, all: bool) -> Result<()> {
    if all || text.len() >= 1 << 16 {
        out.write_all(text.as_bytes())
            .map_err(|e| Error::io(crate::output::OUTPUT, e))?;
        text.clear();
    }
    Ok(())
}

/// The report in `format`, ending with a newline.
pub fn render(report: &Report, format: Format, style: Style) -> Result<String> {
    let mut out = Vec::new();
    write(report, format, style, &mut out)?;
    String::from_utf8(out).map_err(|e| Error::Other(format!("cannot write the report: {e}")))
}

/// The report in `format` (the text of [`render`]) written to `out`.
pub fn write(report: &Report, format: Format, style: Style, out: &mut dyn Write) -> Result<()> {
    let lang = style.lang;
    match format {
        Format::Json => json(report, out),
        Format::Csv => {
            let mut text = csv::render(report, lang)?;
            drain(&mut text, out, true)
        }
        Format::Markdown | Format::Html | Format::Text => {
            people(Some(report), &doc(report, lang), format, style, out)
        }
        Format::Xlsx => Err(crate::xlsx::needs_a_file("report --format xlsx")),
    }
}

/// The layout `doc` (of `report`, when there is one to draw more of: the
/// summary's bars) in a format for people.
fn people(
    report: Option<&Report>,
    doc: &Doc,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Markdown => markdown::write(doc, out),
        Format::Html => html::write(report, doc, out),
        _ => text::write(doc, style, out),
    }
}

fn json(report: &Report, out: &mut dyn Write) -> Result<()> {
    use crate::output::json_to;
    match report {
        Report::Summary(r) => json_to(out, r),
        Report::Overdue(r) => json_to(out, r),
        Report::Stale(r) => json_to(out, r),
        Report::Changes(r) => json_to(out, r),
        Report::Timeline(r) => json_to(out, r),
        Report::Round(r) => json_to(out, r),
        Report::Review(r) => json_to(out, r),
    }
}

/// `report changes` written to `out` in `format` as its rows come from
/// the database: the text [`write`] makes of the same report held whole,
/// with one row in memory at a time (JSON and CSV are written as the rows
/// come; the layouts for people, which count the rows and measure the
/// columns first, read them from a spool). Not a workbook: its sheet is
/// built whole.
pub fn changes_to(
    out: &mut dyn Write,
    head: &Changes<()>,
    rows: &mut dyn Iterator<Item = Result<ChangeRow>>,
    format: Format,
    style: Style,
) -> Result<()> {
    let table = (words::CHANGES_SECTION, &tables::CHANGES[..]);
    let json = |out: &mut dyn Write, rows: &mut dyn Iterator<Item = Result<ChangeRow>>| {
        let mut rows = rows.map(|r| r.map(JsonOf));
        Pulled::write(&mut rows, |pulled| {
            crate::output::json_to(out, &head.with(pulled))
        })
    };
    let doc = |section| changes_doc(head, section, style.lang);
    streamed_to(out, rows, format, style, table, json, doc)
}

/// `report review` written to `out` in `format` as the queue is read, as
/// [`changes_to`] writes the changes: the text [`write`] makes of the same
/// report held whole, one report in memory at a time.
pub fn review_to(
    out: &mut dyn Write,
    head: &Review<()>,
    rows: &mut dyn Iterator<Item = Result<Queued>>,
    format: Format,
    style: Style,
) -> Result<()> {
    let table = (words::REVIEW_SECTION, &tables::REVIEW[..]);
    let json = |out: &mut dyn Write, rows: &mut dyn Iterator<Item = Result<Queued>>| {
        Pulled::write(rows, |pulled| {
            crate::output::json_to(out, &head.with(pulled))
        })
    };
    let doc = |section| review_doc(head, section, style.lang);
    streamed_to(out, rows, format, style, table, json, doc)
}

/// A report of one table written as its `rows` come: JSON by `json`, CSV
/// row by row, the layouts for people from a spool under `doc`'s facts.
fn streamed_to<R: 'static>(
    out: &mut dyn Write,
    rows: &mut dyn Iterator<Item = Result<R>>,
    format: Format,
    style: Style,
    (heading, columns): (Word, &[Column<R>]),
    json: impl FnOnce(&mut dyn Write, &mut dyn Iterator<Item = Result<R>>) -> Result<()>,
    doc: impl FnOnce(Section<'static>) -> Doc<'static>,
) -> Result<()> {
    let lang = style.lang;
    match format {
        Format::Json => json(out, rows),
        Format::Csv => crate::output::csv_of_to(out, columns, rows, lang),
        Format::Xlsx => Err(crate::xlsx::needs_a_file("report --format xlsx")),
        _ => {
            let section = Section::spooled(heading.get(lang), columns, rows, lang)?;
            people(None, &doc(section), format, style, out)
        }
    }
}

/// The layout of `report changes`: its facts over its one table.
fn changes_doc<'a, C>(r: &Changes<C>, section: Section<'a>, lang: Lang) -> Doc<'a> {
    let l = lang;
    Doc {
        lang,
        title: words::CHANGES_TITLE.get(l).to_string(),
        meta: facts(
            l,
            [
                (words::AS_OF, r.as_of.to_string()),
                (
                    words::WINDOW,
                    words::window(l, &r.since.to_string(), &r.until.to_string()),
                ),
                (words::CHANGES, section.rows.len().to_string()),
            ],
        ),
        sections: vec![section],
    }
}

/// The layout of `report review`: its facts over its one table.
fn review_doc<'a, C>(r: &Review<C>, section: Section<'a>, lang: Lang) -> Doc<'a> {
    let l = lang;
    Doc {
        lang,
        title: words::REVIEW_TITLE.get(l).to_string(),
        meta: facts(
            l,
            [
                (words::AS_OF, r.as_of.to_string()),
                (words::REPORTS, section.rows.len().to_string()),
            ],
        ),
        sections: vec![section],
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
        Report::Review(r) => {
            let section = Section::of(words::REVIEW_SECTION.get(l), &tables::REVIEW, &r.reports, l);
            return review_doc(r, section, l);
        }
        Report::Changes(r) => {
            let section = Section::of(
                words::CHANGES_SECTION.get(l),
                &tables::CHANGES,
                &r.changes,
                l,
            );
            return changes_doc(r, section, l);
        }
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
            )
            .into_iter()
            .chain(
                r.lineage
                    .as_ref()
                    .map(|chain| (words::LINEAGE.get(l).to_string(), chain.join(" → "))),
            )
            .collect(),
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
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;

    fn change(
        (day, code, title, note, to, progress): (
            u32,
            u32,
            String,
            Option<String>,
            usize,
            Option<i32>,
        ),
    ) -> ChangeRow {
        let statuses = ["planned", "in-progress", "completed", "delayed", "dropped"];
        ChangeRow {
            reported_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Days::new(day.into()),
            code: format!("m-{code:02}"),
            title,
            ministry: (code % 3 != 0).then(|| "기획재정부".to_string()),
            from_status: statuses[(to + 1) % 5].to_string(),
            to_status: statuses[to].to_string(),
            progress,
            reported_by: (code % 2 == 0).then(|| "복지부".to_string()),
            note,
        }
    }

    fn changes_head() -> Changes<()> {
        let d = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        Changes {
            as_of: d(6, 30),
            since: d(1, 1),
            until: d(6, 30),
            changes: (),
        }
    }

    /// What `changes_to` writes of `rows`.
    fn streamed(rows: &[ChangeRow], format: Format, style: Style) -> String {
        let mut out = Vec::new();
        let mut pulled = rows.iter().cloned().map(Ok);
        changes_to(&mut out, &changes_head(), &mut pulled, format, style).unwrap();
        String::from_utf8(out).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// The changes written as they come are, byte for byte and in every
        /// format, the report rendered whole: the fast path against its
        /// definition.
        #[test]
        fn streamed_changes_are_the_report_held_whole(
            rows in proptest::collection::vec(
                (
                    0u32..40,
                    0u32..20,
                    "[a-z가-힣 |*<>\"',\n]{0,14}",
                    proptest::option::of("[a-z가-힣 \t]{0,10}"),
                    0usize..5,
                    proptest::option::of(0i32..101),
                ),
                0..12,
            ),
            ko in any::<bool>(),
            width in proptest::option::of(20usize..120),
        ) {
            let rows: Vec<ChangeRow> = rows.into_iter().map(change).collect();
            let lang = if ko { Lang::Ko } else { Lang::En };
            let report = Report::Changes(changes_head().with(rows.clone()));
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Csv, Format::Json] {
                let style = Style { lang, colour: ko, width };
                let whole = render(&report, format, style).unwrap();
                prop_assert_eq!(streamed(&rows, format, style), whole, "{:?}", format);
            }
        }
    }

    /// JSON and CSV go out while the rows are still coming: the first bytes
    /// are written before the ten-thousandth row is read, and an error
    /// among the rows is the command's error.
    #[test]
    fn json_and_csv_changes_are_written_before_the_rows_end() {
        struct Watch(Rc<Cell<usize>>, Option<usize>);
        impl std::io::Write for Watch {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.1.get_or_insert(self.0.get());
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        for format in [Format::Json, Format::Csv] {
            let read = Rc::new(Cell::new(0));
            let counter = Rc::clone(&read);
            let mut rows = (0..50_000u32).map(|i| {
                counter.set(counter.get() + 1);
                Ok(change((i / 1000, i % 1000, "t".repeat(40), None, 1, None)))
            });
            let mut out = Watch(Rc::clone(&read), None);
            changes_to(
                &mut out,
                &changes_head(),
                &mut rows,
                format,
                Style::default(),
            )
            .unwrap();
            assert_eq!(read.get(), 50_000);
            let first = out.1.expect("written");
            assert!(first < 10_000, "{format:?}: first write after {first} rows");
        }
        for format in [Format::Json, Format::Csv, Format::Text] {
            let mut rows = (0..3u32).map(|i| match i {
                2 => Err(Error::Other("the disk is gone".into())),
                i => Ok(change((i, i, "t".into(), None, 1, None))),
            });
            let e = changes_to(
                &mut Vec::new(),
                &changes_head(),
                &mut rows,
                format,
                Style::default(),
            )
            .unwrap_err();
            assert_eq!(e.to_string(), "the disk is gone", "{format:?}");
        }
    }

    #[test]
    fn percent_has_one_decimal_and_a_dash_for_none() {
        assert_eq!(percent(Some(1.0 / 3.0)), "33.3%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(None), "-");
    }
}
