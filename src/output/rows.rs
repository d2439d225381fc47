//! Rows written as they come: CSV, and the listings of `list` and `log`
//! (JSON, CSV or a table laid out from a spool), one row held at a time.

use std::borrow::Borrow;
use std::io::Write;

use serde::Serialize;

use super::{
    json_to, named_output, people_table, push_fitted, write_table, Format, Grid, Pulled, Shape,
    Spool, Spooled, OUTPUT,
};
use crate::columns::{Column, Lang};
use crate::error::{Error, Result};

/// [`people_table`] of `rows` read as they come: the headers and
/// alignments, and the rows' cells in a [`Spool`] (its grid has no rows).
pub fn people_spool<R: 'static>(
    columns: &[Column<R>],
    rows: &mut dyn Iterator<Item = Result<R>>,
    lang: Lang,
) -> Result<(Grid<'static>, Spooled)> {
    let shown: Vec<&Column<R>> = columns.iter().filter(|c| c.for_people()).collect();
    let mut spool = Spool::new()?;
    for r in rows {
        let r = r?;
        spool.push(shown.iter().map(|c| c.people_cell(&r, lang)))?;
    }
    let none: [&R; 0] = [];
    Ok((people_table(columns, none, lang), spool.done()?))
}

/// [`table_of`] of `rows` read as they come, written to `out`: laid out
/// from a spool, one row in memory at a time, or, fitted to a terminal's
/// `width`, read whole.
pub fn table_to<R: 'static>(
    out: &mut dyn Write,
    columns: &[Column<R>],
    rows: &mut dyn Iterator<Item = Result<R>>,
    lang: Lang,
    width: Option<usize>,
) -> Result<()> {
    let (grid, spooled) = people_spool(columns, rows, lang)?;
    if width.is_none() {
        return write_table(out, &grid.headers, &spooled, &grid.align);
    }
    let shape = Shape {
        headers: &grid.headers,
        align: &grid.align,
        long: &grid.long,
    };
    let mut s = String::new();
    push_fitted(&mut s, shape, spooled.held()?, width);
    out.write_all(s.as_bytes())
        .map_err(|e| Error::io(OUTPUT, e))
}

/// Rows as a listing command prints them to standard output, written as
/// they come: JSON (each row as `json` makes it), CSV, or a table of
/// `columns` fitted to `width` — or, for no rows, `none` when given.
pub fn print_rows<R: 'static, J: Serialize>(
    rows: &mut dyn Iterator<Item = Result<R>>,
    format: Format,
    columns: &[Column<R>],
    json: fn(R) -> J,
    (lang, width): (Lang, Option<usize>),
    none: Option<&str>,
) -> Result<()> {
    let mut rows = rows.peekable();
    let mut out = crate::export::Destination::open("-o", None)?;
    let written = match format {
        Format::Json => {
            let mut rows = rows.map(|r| r.map(json));
            Pulled::write(&mut rows, |pulled| json_to(&mut out, pulled))
        }
        Format::Csv => csv_of_to(&mut out, columns, &mut rows, lang),
        _ => match none {
            Some(none) if rows.peek().is_none() => out
                .write_all(none.as_bytes())
                .map_err(|e| Error::io(OUTPUT, e)),
            _ => table_to(&mut out, columns, &mut rows, lang, width),
        },
    };
    written.map_err(|e| named_output(e, std::path::Path::new("<stdout>")))?;
    out.commit()
}

/// CSV with a header row, UTF-8, LF line ends.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> Result<String> {
    csv_rows(headers, rows.iter().map(|r| r.iter()))
}

/// The CSV of `rows` in the columns of `columns` that CSV carries; in
/// Korean, with the Korean headers and status words (English keeps the keys
/// and codes that scripts read).
pub fn csv_of<'r, R: 'r, B: Borrow<R> + 'r>(
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = &'r B>,
    lang: Lang,
) -> Result<String> {
    let data: Vec<&Column<R>> = columns.iter().filter(|c| c.for_data()).collect();
    let headers: Vec<&str> = data.iter().map(|c| c.csv_header(lang)).collect();
    csv_rows(
        &headers,
        rows.into_iter()
            .map(|r| data.iter().map(move |c| c.data_cell_in(r.borrow(), lang))),
    )
}

/// [`csv_of`] written to `out` as `rows` come, one held at a time.
pub fn csv_of_to<R>(
    out: &mut dyn Write,
    columns: &[Column<R>],
    rows: &mut dyn Iterator<Item = Result<R>>,
    lang: Lang,
) -> Result<()> {
    let data: Vec<&Column<R>> = columns.iter().filter(|c| c.for_data()).collect();
    let headers: Vec<&str> = data.iter().map(|c| c.csv_header(lang)).collect();
    let cells = |r: R| -> Vec<String> {
        data.iter()
            .map(|c| c.data_cell_in(&r, lang).into_owned())
            .collect()
    };
    csv_to(out, &headers, rows.map(|r| r.map(|r| cells(r).into_iter())))?;
    Ok(())
}

/// CSV of `headers` and the cells of `rows`, as they come.
pub fn csv_rows<C: AsRef<str>>(
    headers: &[&str],
    rows: impl Iterator<Item = impl Iterator<Item = C>>,
) -> Result<String> {
    let bytes = csv_to(Vec::new(), headers, rows.map(Ok))?;
    String::from_utf8(bytes).map_err(|e| Error::Other(format!("cannot write CSV: {e}")))
}

/// The CSV of [`csv_rows`] written to `out` as the rows come (the first
/// error among them ends it); `out` back when done.
pub fn csv_to<W: Write, C: AsRef<str>, I: Iterator<Item = C>>(
    out: W,
    headers: &[&str],
    rows: impl Iterator<Item = Result<I>>,
) -> Result<W> {
    let mut w = ::csv::Writer::from_writer(out);
    let err = |e: ::csv::Error| match e.kind() {
        ::csv::ErrorKind::Io(_) => match e.into_kind() {
            ::csv::ErrorKind::Io(io) => Error::io(OUTPUT, io),
            _ => unreachable!("matched above"),
        },
        _ => Error::Other(format!("cannot write CSV: {e}")),
    };
    w.write_record(headers).map_err(err)?;
    for row in rows {
        for cell in row? {
            w.write_field(cell.as_ref()).map_err(err)?;
        }
        w.write_record(None::<&[u8]>).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::io(OUTPUT, e.into_error()))
}
