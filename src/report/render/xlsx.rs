//! Reports as workbooks (`report … --format xlsx -o FILE.xlsx`): a first
//! sheet with the report's title and facts, then one sheet per table of
//! the report's layout ([`super::doc`]), drawn from the same columns as
//! every other format (`tables.rs`), in the columns people read, with typed
//! cells (`crate::xlsx::Table`): counts and progress as numbers, rates as
//! percentages, dates as dates.

use super::super::Report;
use super::{doc, tables};
use crate::columns::{Column, Lang};
use crate::error::Result;
use crate::words::{self, Word};
use crate::xlsx::{sheet_name, xlsx_error, Table};

/// The report as the bytes of an `.xlsx` file, its headers in `lang`.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>> {
    let mut book = Book {
        wb: rust_xlsxwriter::Workbook::new(),
        names: Vec::new(),
        lang,
    };
    book.facts(report)?;
    let name = |w: Word| w.get(lang);
    match report {
        Report::Summary(r) => {
            book.sheet(name(words::BY_MEETING), &tables::meetings(), &r.meetings)?;
            book.sheet(
                name(words::BY_CATEGORY),
                &tables::categories(),
                &r.categories,
            )?;
            book.sheet(
                name(words::BY_MINISTRY),
                &tables::ministries(),
                &r.ministries,
            )?;
            book.sheet(name(words::TOTALS), &tables::totals(), [&r.totals])?;
        }
        Report::Overdue(r) => {
            book.sheet(name(words::OVERDUE_SECTION), &tables::OVERDUE, &r.measures)?
        }
        Report::Stale(r) => {
            for g in &r.ministries {
                book.sheet(&g.name_ko, &tables::STALE, &g.measures)?;
            }
        }
        Report::Changes(r) => {
            book.sheet(name(words::CHANGES_SECTION), &tables::CHANGES, &r.changes)?
        }
        Report::Review(r) => book.sheet(name(words::REVIEW_SHEET), &tables::REVIEW, &r.reports)?,
        Report::Timeline(r) => book.sheet(name(words::HISTORY), tables::timeline(r), &r.history)?,
        Report::Round(r) => book.sheet(
            name(words::ROUND_SECTION),
            &tables::ROUND_MINISTRIES,
            &r.ministries,
        )?,
    }
    book.wb.save_to_buffer().map_err(xlsx_error)
}

struct Book {
    wb: rust_xlsxwriter::Workbook,
    /// The sheet names taken, to keep them apart.
    names: Vec<String>,
    lang: Lang,
}

impl Book {
    /// A sheet named `name` (made valid and unique).
    fn add(&mut self, name: &str) -> Result<&mut rust_xlsxwriter::Worksheet> {
        let base = sheet_name(name);
        let mut name = base.clone();
        let mut n = 1;
        while self.names.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            n += 1;
            let suffix = format!(" ({n})");
            name = base
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
        }
        self.names.push(name.clone());
        let ws = self.wb.add_worksheet();
        ws.set_name(name).map_err(xlsx_error)?;
        Ok(ws)
    }

    /// The title and facts of the report.
    fn facts(&mut self, report: &Report) -> Result<()> {
        let lang = self.lang;
        let layout = doc(report, lang);
        let ws = self.add(words::REPORT_SHEET.get(lang))?;
        let mut table = Table::start(ws, &[layout.title.as_str(), ""], Some(lang))?;
        for (k, v) in &layout.meta {
            table.cell(ws, 0, crate::columns::text(k), None)?;
            table.cell(ws, 1, crate::columns::text(v), None)?;
            table.row += 1;
        }
        table.finish(ws)
    }

    /// One table: `rows` in the columns people read.
    fn sheet<'r, R: 'r>(
        &mut self,
        name: &str,
        columns: &[Column<R>],
        rows: impl IntoIterator<Item = &'r R>,
    ) -> Result<()> {
        let lang = self.lang;
        let shown: Vec<Column<R>> = columns.iter().copied().filter(Column::for_people).collect();
        let ws = self.add(name)?;
        let mut table = Table::of_columns(ws, &shown, Some(lang))?;
        for r in rows {
            table.line(ws, &shown, r)?;
        }
        table.finish(ws)
    }
}
