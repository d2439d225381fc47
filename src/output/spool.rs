//! Tables too long to hold in memory: the cells of each row, as a list
//! hands them on, written to an anonymous temporary file (gone when it is
//! closed, or when the process ends), counted and measured, and read back
//! once for each layout — the aligned text table, Markdown and HTML, after
//! the facts that give the count. Memory stays that of one row, whatever
//! the number of rows; the text is the same as that of
//! [`super::push_table`] over the same rows.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};

use unicode_width::UnicodeWidthStr;

use super::{shown, Layout};
use crate::columns::Align;
use crate::error::{Error, Result};

/// Rows of cells being written (see the module's doc).
pub struct Spool {
    file: BufWriter<File>,
    rows: usize,
    measure: Measure,
}

/// The rows of a [`Spool`], written and ready to read.
pub struct Spooled {
    file: File,
    rows: usize,
    measure: Measure,
}

/// What the aligned table needs to know of all the rows before it writes
/// the first: each column's width, and for the rule the widest line, which
/// depends on the widths. A line is its full columns up to the last one
/// that shows something, then what it keeps of that one (its text without
/// trailing blanks; right-aligned, after the padding); so per column, over
/// the rows that end in it, the widest text kept, and the most a
/// right-aligned cell's kept text falls short of its width (`kept - width`,
/// at most 0).
#[derive(Debug, Clone, Default)]
struct Measure {
    widths: Vec<usize>,
    /// Per column: (widest kept, largest kept - width) of the rows ending
    /// in it; `None` when none does.
    ends: Vec<Option<(usize, isize)>>,
}

impl Measure {
    /// Takes in `cell`, the `i`th of a row; where the row ends if this is
    /// its last cell that shows something: (column, width kept, kept -
    /// width), `None` for a blank cell.
    fn cell(&mut self, i: usize, cell: &str) -> Option<(usize, usize, isize)> {
        let (text, w) = shown(cell);
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 0);
            self.ends.resize(i + 1, None);
        }
        self.widths[i] = self.widths[i].max(w);
        let kept = text.trim_end();
        if kept.is_empty() {
            return None;
        }
        let kept_width = if kept.len() == text.len() {
            w
        } else {
            super::display_width(kept)
        };
        Some((i, kept_width, kept_width as isize - w as isize))
    }

    /// Takes in where a row ends (see [`Measure::cell`]).
    fn row_ends(&mut self, end: Option<(usize, usize, isize)>) {
        let Some((last, kept, short)) = end else {
            return;
        };
        let end = self.ends[last].get_or_insert((kept, short));
        *end = (end.0.max(kept), end.1.max(short));
    }
}

fn spool_error(e: std::io::Error) -> Error {
    Error::Other(format!(
        "cannot write the rows to a temporary file (TMPDIR): {e}"
    ))
}

impl Spool {
    pub fn new() -> Result<Spool> {
        Ok(Spool {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile().map_err(spool_error)?),
            rows: 0,
            measure: Measure::default(),
        })
    }

    /// Adds a row: each cell as its length and its bytes.
    pub fn push<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<()> {
        let mut n = 0u32;
        let mut head = Vec::new();
        let mut body = Vec::new();
        let mut end = None;
        for cell in cells {
            let cell = cell.as_ref();
            head.extend_from_slice(&u32::try_from(cell.len()).unwrap_or(u32::MAX).to_le_bytes());
            body.extend_from_slice(cell.as_bytes());
            if let Some(e) = self.measure.cell(n as usize, cell) {
                end = Some(e);
            }
            n += 1;
        }
        self.measure.row_ends(end);
        let mut put = |bytes: &[u8]| self.file.write_all(bytes).map_err(spool_error);
        put(&n.to_le_bytes())?;
        put(&head)?;
        put(&body)?;
        self.rows += 1;
        Ok(())
    }

    /// The rows written, ready to read back.
    pub fn done(self) -> Result<Spooled> {
        let (rows, measure) = (self.rows, self.measure);
        let file = self
            .file
            .into_inner()
            .map_err(|e| spool_error(e.into_error()))?;
        Ok(Spooled {
            file,
            rows,
            measure,
        })
    }
}

impl Spooled {
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The most cells of a row.
    pub fn columns(&self) -> usize {
        self.measure.widths.len()
    }

    /// Hands each row's cells to `f`, in the order they were written.
    pub fn each(&self, mut f: impl FnMut(&[&str]) -> Result<()>) -> Result<()> {
        let mut file = &self.file;
        file.rewind().map_err(spool_error)?;
        let mut input = BufReader::with_capacity(1 << 16, file);
        let mut word = [0u8; 4];
        let mut lens = Vec::new();
        let mut body = Vec::new();
        for _ in 0..self.rows {
            let mut read = |buf: &mut [u8]| input.read_exact(buf).map_err(spool_error);
            read(&mut word)?;
            let n = u32::from_le_bytes(word) as usize;
            lens.resize(4 * n, 0);
            read(&mut lens)?;
            let sizes: Vec<usize> = lens
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
                .collect();
            body.resize(sizes.iter().sum(), 0);
            read(&mut body)?;
            let mut text = std::str::from_utf8(&body)
                .map_err(|e| Error::Other(format!("a temporary file changed: {e}")))?;
            // Cells end on character boundaries: each was a whole `str`.
            let mut cells: Vec<&str> = Vec::with_capacity(n);
            for size in sizes {
                let (cell, rest) = text.split_at(size);
                cells.push(cell);
                text = rest;
            }
            f(&cells)?;
        }
        Ok(())
    }

    /// Every row, held in memory (a table fitted to a terminal).
    pub fn held(&self) -> Result<Vec<Vec<Cow<'static, str>>>> {
        let mut rows = Vec::with_capacity(self.rows);
        self.each(|cells| {
            rows.push(cells.iter().map(|c| Cow::Owned(c.to_string())).collect());
            Ok(())
        })?;
        Ok(rows)
    }
}

/// The aligned table of `headers` and the rows of `spool`, written to
/// `out`: the text [`super::push_table`] makes of the same rows, in one
/// read of the spool (the widths and the widest line measured as the rows
/// were spooled), one line in memory at a time.
pub fn write_table(
    out: &mut dyn Write,
    headers: &[&str],
    rows: &Spooled,
    align: &[Align],
) -> Result<()> {
    let columns = rows.columns().max(headers.len());
    let header: Vec<(&str, usize)> = headers
        .iter()
        .map(|h| (*h, UnicodeWidthStr::width(*h)))
        .collect();
    let measured = &rows.measure;
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            let cells = measured.widths.get(i).copied().unwrap_or(0);
            let head = header.get(i).map_or(0, |(_, w)| *w);
            cells.max(head).max(1)
        })
        .collect();
    let layout = Layout {
        right: (0..columns)
            .map(|i| align.get(i) == Some(&Align::Right))
            .collect(),
        widths,
    };
    // The widest line: the header's, or a row's that ends in column i, its
    // full columns before i and what it keeps of i.
    let mut rule = layout.end(&header).width;
    let mut before = 0;
    for (i, end) in measured.ends.iter().enumerate() {
        if let Some((kept, short)) = end {
            let last = match layout.right[i] {
                true => layout.widths[i].saturating_add_signed(*short),
                false => *kept,
            };
            rule = rule.max(before + last);
        }
        before += layout.widths[i] + 2;
    }
    let mut text = String::new();
    layout.write(&mut text, &header, &layout.end(&header));
    text.push_str(&"-".repeat(rule));
    text.push('\n');
    let io = |e| Error::io(super::OUTPUT, e);
    rows.each(|cells| {
        each_shown(cells, |line| {
            layout.write(&mut text, line, &layout.end(line))
        });
        if text.len() >= 1 << 16 {
            out.write_all(text.as_bytes()).map_err(io)?;
            text.clear();
        }
        Ok(())
    })?;
    out.write_all(text.as_bytes()).map_err(io)
}

/// Hands `f` the cells of one row as a table shows them, with their widths.
fn each_shown(cells: &[&str], f: impl FnOnce(&[(&str, usize)])) {
    let shown: Vec<(Cow<str>, usize)> = cells.iter().map(|c| shown(c)).collect();
    let line: Vec<(&str, usize)> = shown.iter().map(|(t, w)| (t.as_ref(), *w)).collect();
    f(&line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spooled(rows: &[Vec<String>]) -> Spooled {
        let mut spool = Spool::new().unwrap();
        for row in rows {
            spool.push(row).unwrap();
        }
        spool.done().unwrap()
    }

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[a-z0-9 %-]{0,12}",
            "[가-힣 ]{0,8}",
            "[a-z\n\t\u{1b}é̃]{0,6}",
        ]
    }

    proptest! {
        /// The spooled table is the held table, byte for byte: the fast path
        /// for long lists against the definition.
        #[test]
        fn a_spooled_table_is_the_held_table(
            headers in proptest::collection::vec("[a-z가-힣 ]{0,6}", 0..5),
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..6), 0..12),
            right in proptest::collection::vec(any::<bool>(), 0..6),
        ) {
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let align: Vec<Align> = right
                .iter()
                .map(|r| if *r { Align::Right } else { Align::Left })
                .collect();
            let mut held = String::new();
            super::super::push_table(&mut held, &headers, &rows, &align);
            let spool = spooled(&rows);
            prop_assert_eq!(spool.len(), rows.len());
            let mut streamed = Vec::new();
            write_table(&mut streamed, &headers, &spool, &align).unwrap();
            prop_assert_eq!(String::from_utf8(streamed).unwrap(), held);
            let back: Vec<Vec<String>> = spool
                .held()
                .unwrap()
                .into_iter()
                .map(|r| r.into_iter().map(Cow::into_owned).collect())
                .collect();
            prop_assert_eq!(back, rows);
        }
    }
}
