//! Rendering shared by the commands: the output formats, aligned tables that
//! measure Korean text as double width, JSON, CSV, and where output goes.
//! Tables of a row type are drawn from its list of columns
//! (`crate::columns`); what the rows are is the commands' and the reports'.

use std::borrow::{Borrow, Cow};
use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::columns::{Align, Column, Lang};
use crate::error::{Error, Result};

mod fit;
mod json;
mod rows;
mod spool;
pub use fit::{push_fact_fitted, push_fitted, terminal_width, Shape};
pub use json::{json, json_rows, json_to, JsonOf, JsonRow, JsonRows, JsonSeq, Pulled};
pub use rows::{csv, csv_of, csv_of_to, csv_rows, csv_to, people_spool, print_rows, table_to};
pub use spool::{write_table, Spool, Spooled};

/// An output format. The command line offers it as `--format` (its doc
/// comments are the help); each command says which ones it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned table for people.
    Text,
    /// JSON for programs.
    Json,
    /// CSV with a header row.
    Csv,
    /// Markdown tables (reports).
    Markdown,
    /// One self-contained HTML page (reports).
    Html,
    /// A workbook, one sheet per table (reports; needs -o FILE.xlsx).
    Xlsx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The name of the output in the errors of writing it as it is made; the
/// command names the file or standard output it is ([`named_output`]).
pub const OUTPUT: &str = "<output>";

/// `e`, an error of writing [`OUTPUT`], as one of writing `name`.
pub fn named_output(e: Error, name: &std::path::Path) -> Error {
    match e {
        Error::Io { path, source } if path.as_os_str() == OUTPUT => Error::io(name, source),
        e => e,
    }
}

/// Standard output, with write errors (a closed pipe among them) reported as
/// `Error::Io` so `main` can tell a broken pipe from a real failure.
pub fn stdout_write(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

/// Whether to colour what goes to standard output: only on a terminal, and
/// never when `NO_COLOR` is set to anything (<https://no-color.org>).
pub fn colour_stdout() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// An aligned plain table: a header row, a rule, then the rows. Columns
/// listed in `right` are right-aligned (numbers); see [`table_of`] for a
/// table drawn from a list of columns.
///
/// Each column is as wide as its widest cell (at least 1), measured in
/// terminal columns as `unicode-width` measures a string (Korean double),
/// and followed by two spaces; lines end without trailing whitespace; the
/// rule is as wide as the widest line. Cells are put on one line, whole
/// (a table fitted to a terminal is cut first, by [`push_fitted`]); headers
/// are shown as given. This is the layout
/// comfy-table draws with its `NOTHING` preset and padding `(0, 2)` (a test
/// holds the two together), written directly, so that a report of hundreds of
/// thousands of rows costs little more than its text.
pub fn table<S: AsRef<str> + Sync>(headers: &[&str], rows: &[Vec<S>], right: &[usize]) -> String {
    let columns = rows.iter().map(Vec::len).fold(headers.len(), usize::max);
    let mut s = String::new();
    push_table(&mut s, headers, rows, &right_aligned(columns, right));
    s
}

/// The alignment of `columns` columns, those listed in `right` right-aligned.
fn right_aligned(columns: usize, right: &[usize]) -> Vec<Align> {
    (0..columns)
        .map(|i| match right.contains(&i) {
            true => Align::Right,
            false => Align::Left,
        })
        .collect()
}

/// A table as people read it: headers, alignments, and the rows' cells.
pub struct Grid<'r> {
    pub headers: Vec<&'static str>,
    pub align: Vec<Align>,
    /// Which columns are long free text, cut first to fit a terminal.
    pub long: Vec<bool>,
    pub rows: Vec<Vec<Cow<'r, str>>>,
}

/// The columns of `columns` that people read: their headers in `lang`,
/// alignments, and each row's cells.
pub fn people_table<'r, R: 'r, B: Borrow<R> + 'r>(
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = &'r B>,
    lang: Lang,
) -> Grid<'r> {
    let shown: Vec<&Column<R>> = columns.iter().filter(|c| c.for_people()).collect();
    Grid {
        headers: shown.iter().map(|c| c.title(lang)).collect(),
        align: shown.iter().map(|c| c.align).collect(),
        long: shown.iter().map(|c| c.long).collect(),
        rows: rows
            .into_iter()
            .map(|r| {
                shown
                    .iter()
                    .map(|c| c.people_cell(r.borrow(), lang))
                    .collect()
            })
            .collect(),
    }
}

/// The aligned table of `rows` in `columns` (see [`table`]), its headers
/// and words in `lang`, fitted to `width` columns when given (see [`push_fitted`]).
pub fn table_of<'r, R: 'r, B: Borrow<R> + 'r>(
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = &'r B>,
    lang: Lang,
    width: Option<usize>,
) -> String {
    let grid = people_table(columns, rows, lang);
    let shape = Shape {
        headers: &grid.headers,
        align: &grid.align,
        long: &grid.long,
    };
    let mut s = String::new();
    push_fitted(&mut s, shape, grid.rows, width);
    s
}

/// `table`, written at the end of `out` (a long report's table is most of
/// its text: it is not copied again). A table of many rows is measured and
/// written on two threads, half the rows each (the second half's text is
/// appended once both are done): the same text, and `report overdue` at a
/// million measures (225,000 rows) takes about a tenth less time.
pub fn push_table<S: AsRef<str> + Sync>(
    out: &mut String,
    headers: &[&str],
    rows: &[Vec<S>],
    align: &[Align],
) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    lay_out(
        out,
        headers,
        rows,
        align,
        rows.len() >= SPLIT_ROWS && cores >= 2,
    );
}

/// [`push_table`], on two threads when `two`.
fn lay_out<S: AsRef<str> + Sync>(
    out: &mut String,
    headers: &[&str],
    rows: &[Vec<S>],
    align: &[Align],
    two: bool,
) {
    let (first, second) = rows.split_at(if two { rows.len() / 2 } else { rows.len() });
    let (head, tail) = both(
        two,
        || Cells::new(Some(headers), first),
        || Cells::new(None, second),
    );
    let columns = rows.iter().map(Vec::len).fold(headers.len(), usize::max);
    let (a, b) = both(two, || head.widths(columns), || tail.widths(columns));
    let layout = Layout {
        right: (0..columns)
            .map(|i| align.get(i) == Some(&Align::Right))
            .collect(),
        widths: a.iter().zip(&b).map(|(a, b)| *a.max(b)).collect(),
    };
    let ((rule_a, bytes_a), (rule_b, bytes_b)) =
        both(two, || head.extent(&layout), || tail.extent(&layout));
    let rule = rule_a.max(rule_b);
    out.reserve(bytes_a + bytes_b + rule + 1);
    let ((), rest) = both(
        two,
        || head.write(out, &layout, Some(rule)),
        || {
            let mut rest = String::new();
            if !second.is_empty() {
                rest.reserve(bytes_b);
                tail.write(&mut rest, &layout, None);
            }
            rest
        },
    );
    out.push_str(&rest);
}

/// Tables of at least this many rows are laid out on two threads (below,
/// starting a thread costs more than it saves).
const SPLIT_ROWS: usize = 20_000;

/// Runs `a` here and `b` on a second thread when `two`, else one after the
/// other, and returns both results.
fn both<A, B: Send>(two: bool, a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    if !two {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        match b.join() {
            Ok(b) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The cells of a table as it shows them: the headers as they are (in the
/// first part of a table only), and the rows' cells by their widths, kept
/// one after the other, with the few cells shown otherwise (put on one line
/// or cut) by their position; the text of the others is the rows' own.
struct Cells<'a, S> {
    headers: Option<&'a [&'a str]>,
    rows: &'a [Vec<S>],
    widths: Vec<usize>,
    changed: Vec<(usize, String)>,
}

/// One `  key  value` line of a text view (`show`, a report's facts), the
/// key padded to `width`. A value of several lines (a description written
/// with line breaks) goes on under its first line, indented past the keys,
/// so that no stored line can pass for a fact of its own; other control
/// characters are escaped.
pub fn push_fact(out: &mut String, key: &str, width: usize, value: &str) {
    let indent = 2 + width + 2;
    out.push_str("  ");
    out.push_str(key);
    spaces(out, width.saturating_sub(text_width(key)) + 2);
    for (i, line) in value.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            spaces(out, indent);
        }
        out.push_str(&crate::error::one_line(line));
    }
    out.push('\n');
}

/// A cell as a table shows it, and its display width.
type Cell<'a> = (&'a str, usize);

impl<'a, S: AsRef<str>> Cells<'a, S> {
    fn new(headers: Option<&'a [&'a str]>, rows: &'a [Vec<S>]) -> Self {
        let mut widths = Vec::with_capacity(rows.iter().map(Vec::len).sum());
        let mut changed = Vec::new();
        for cell in rows.iter().flatten() {
            let (text, w) = shown(cell.as_ref());
            if let Cow::Owned(text) = text {
                changed.push((widths.len(), text));
            }
            widths.push(w);
        }
        Cells {
            headers,
            rows,
            widths,
            changed,
        }
    }

    /// The widest cell of each of `columns` columns (at least 1).
    fn widths(&self, columns: usize) -> Vec<usize> {
        let mut widths = vec![1; columns];
        self.each_line(|line| {
            for (w, (_, cell)) in widths.iter_mut().zip(line) {
                *w = (*w).max(*cell);
            }
        });
        widths
    }

    /// The widest line's display width, and the bytes of all lines.
    fn extent(&self, layout: &Layout) -> (usize, usize) {
        let (mut rule, mut bytes) = (0, 0);
        self.each_line(|line| {
            let end = layout.end(line);
            rule = rule.max(end.width);
            bytes += end.bytes + 1;
        });
        (rule, bytes)
    }

    /// Writes the lines, with a rule of `rule` columns after the headers.
    fn write(&self, out: &mut String, layout: &Layout, rule: Option<usize>) {
        let mut rule = rule.filter(|_| self.headers.is_some());
        self.each_line(|line| {
            layout.write(out, line, &layout.end(line));
            if let Some(width) = rule.take() {
                out.push_str(&"-".repeat(width));
                out.push('\n');
            }
        });
    }

    /// Hands each line's cells to `f`, the headers first.
    fn each_line(&self, mut f: impl FnMut(&[Cell])) {
        let mut line: Vec<Cell> = Vec::new();
        if let Some(headers) = self.headers {
            line.extend(headers.iter().map(|h| (*h, UnicodeWidthStr::width(*h))));
            f(&line);
        }
        let mut changed = self.changed.iter().peekable();
        let mut at = 0;
        for row in self.rows {
            line.clear();
            for cell in row {
                let text = match changed.next_if(|(i, _)| *i == at) {
                    Some((_, text)) => text.as_str(),
                    None => cell.as_ref(),
                };
                line.push((text, self.widths[at]));
                at += 1;
            }
            f(&line);
        }
    }
}

/// Where the columns of a table are and which way they align.
struct Layout {
    widths: Vec<usize>,
    right: Vec<bool>,
}

/// Where a line ends once its trailing whitespace is cut: in the column
/// `last` (None: the line is empty), after `text` of that column's cell.
struct LineEnd {
    last: Option<usize>,
    /// The bytes of the last cell that are kept.
    text: usize,
    /// The display width and the length in bytes of the line.
    width: usize,
    bytes: usize,
}

impl Layout {
    /// Every column but the last one that shows something is written whole
    /// (text, padding, two spaces), that one up to its last non-blank
    /// character. A string that ends in a space is exactly as wide as its
    /// two parts (`unicode-width` reads right to left and a space resets its
    /// state), so the line's width is that of its full columns plus what it
    /// keeps of the last.
    fn end(&self, row: &[Cell]) -> LineEnd {
        let last = row
            .iter()
            .rposition(|(text, _)| !text.trim_end().is_empty());
        let Some(last) = last else {
            return LineEnd {
                last: None,
                text: 0,
                width: 0,
                bytes: 0,
            };
        };
        let mut width = 0;
        let mut bytes = 0;
        for (i, (text, w)) in row[..last].iter().enumerate() {
            width += self.widths[i] + 2;
            bytes += text.len() + self.widths[i] - w + 2;
        }
        let (text, w) = &row[last];
        let kept = text.trim_end();
        let pad = if self.right[last] {
            self.widths[last] - w
        } else {
            0
        };
        let kept_width = if kept.len() == text.len() {
            *w
        } else {
            display_width(kept)
        };
        LineEnd {
            last: Some(last),
            text: kept.len(),
            width: width + pad + kept_width,
            bytes: bytes + pad + kept.len(),
        }
    }

    fn write(&self, out: &mut String, row: &[Cell], end: &LineEnd) {
        if let Some(last) = end.last {
            for (i, (text, w)) in row[..=last].iter().enumerate() {
                let pad = self.widths[i] - w;
                let text = if i == last { &text[..end.text] } else { text };
                if self.right[i] {
                    spaces(out, pad);
                    out.push_str(text);
                } else {
                    out.push_str(text);
                    if i < last {
                        spaces(out, pad);
                    }
                }
                if i < last {
                    spaces(out, 2);
                }
            }
        }
        out.push('\n');
    }
}

pub(crate) fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// A cell as a table shows it — on one line — and its width; borrowed when
/// it already is.
pub(crate) fn shown(cell: &str) -> (Cow<'_, str>, usize) {
    match plain_width(cell) {
        Some(w) => (Cow::Borrowed(cell), w),
        None => {
            let text = crate::error::one_line(cell);
            let w = display_width(&text);
            (Cow::Owned(text), w)
        }
    }
}

/// The display width of `s`, or None when it has a control character.
fn plain_width(s: &str) -> Option<usize> {
    let mut w = 0;
    for c in s.chars() {
        match c {
            ' '..='~' => w += 1,
            '\u{AC00}'..='\u{D7A3}' => w += 2,
            _ => {
                return (!s.chars().any(char::is_control)).then(|| UnicodeWidthStr::width(s));
            }
        }
    }
    Some(w)
}

/// The display width of `s` in a terminal (Korean double).
pub fn text_width(s: &str) -> usize {
    display_width(s)
}

/// The display width of `s` as `unicode-width` measures a string, counted
/// directly for text of printable ASCII and Hangul syllables (the bulk of
/// the tables), where it is one and two columns a character.
fn display_width(s: &str) -> usize {
    let mut w = 0;
    for c in s.chars() {
        match c {
            ' '..='~' => w += 1,
            '\u{AC00}'..='\u{D7A3}' => w += 2,
            _ => return UnicodeWidthStr::width(s),
        }
    }
    w
}

/// `s` cut to at most `width` display columns, ending in "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A progress figure as the text views show it (`40%`), empty when none.
pub fn progress(p: Option<i32>) -> String {
    p.map(|p| format!("{p}%")).unwrap_or_default()
}

/// `Some(x)` as text, `None` as empty.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_korean_as_double_width() {
        let rows = vec![
            vec![
                "esm-5-01".to_string(),
                "규제 개선".to_string(),
                "40".to_string(),
            ],
            vec!["esm-5-02".to_string(), "data".to_string(), "5".to_string()],
        ];
        let out = table(&["code", "title", "progress"], &rows, &[2]);
        let lines: Vec<&str> = out.lines().collect();
        let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        // Every row ends at the same display column: the numbers are aligned.
        assert_eq!(w(lines[0]), w(lines[2]));
        assert_eq!(w(lines[2]), w(lines[3]));
        assert!(lines[1].chars().all(|c| c == '-'));
    }

    /// What `table` drew with comfy-table, before it wrote the lines itself.
    fn comfy(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
        use comfy_table::{presets, CellAlignment, Table};
        let mut t = Table::new();
        t.load_preset(presets::NOTHING);
        t.set_header(headers.iter().map(|h| h.to_string()));
        for row in rows {
            t.add_row(row.iter().map(|c| crate::error::one_line(c)));
        }
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
        for &i in right {
            if let Some(col) = t.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        let text = t.to_string();
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let width = lines
            .iter()
            .map(|l| unicode_width::UnicodeWidthStr::width(*l))
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        for (i, line) in lines.iter().enumerate() {
            s.push_str(line);
            s.push('\n');
            if i == 0 {
                s.push_str(&"-".repeat(width));
                s.push('\n');
            }
        }
        s
    }

    #[test]
    fn table_lays_out_as_comfy_table_did() {
        let rows = vec![
            vec![
                "bm-01-0000001".into(),
                "규제 개선".into(),
                "".into(),
                "40%".into(),
            ],
            vec!["x".into(), "a\tb\nc".into(), "　".into()],
            vec!["".into(), "".into(), "".into(), "".into(), "extra".into()],
            vec!["y".into(), "가".repeat(40), "👩‍🔬 é".into(), "7".into()],
            vec!["z".into(), "끝　".into(), " ".into(), "\u{a0}".into()],
            vec!["".into(), "".into(), "".into()],
        ];
        for right in [&[][..], &[3], &[0, 2, 4], &[1, 2, 3]] {
            let headers = ["code", "title", "ministry", "progress"];
            assert_eq!(table(&headers, &rows, right), comfy(&headers, &rows, right));
            let none: &[Vec<String>] = &[];
            assert_eq!(table(&headers, none, right), comfy(&headers, none, right));
        }
    }

    /// Headers, and up to `rows` rows of cells of `cell` text.
    fn tables(
        cell: &'static str,
        rows: usize,
    ) -> impl proptest::strategy::Strategy<Value = (Vec<String>, Vec<Vec<String>>, Vec<usize>)>
    {
        use proptest::collection::vec;
        (
            vec("[a-z ]{1,12}", 1..5),
            vec(vec(cell, 0..6), 0..rows),
            vec(0usize..6, 0..3),
        )
    }

    proptest::proptest! {
        #[test]
        fn table_matches_comfy_table_on_any_text(
            (headers, rows, right) in tables("(\\PC|[ \t\n\u{3000}\u{200d}\u{fe0f}가-힣]){0,70}", 6),
        ) {
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                table(&headers, &rows, &right),
                comfy(&headers, &rows, &right)
            );
        }

        /// Laid out on two threads, half the rows each, a table is the same
        /// text (a column's widest cell may be in either half).
        #[test]
        fn a_table_on_two_threads_is_the_same_table(
            (headers, rows, right) in tables("(\\PC|[ \t\n\u{3000}가-힣]){0,70}", 9),
        ) {
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let mut two = String::from("before\n");
            lay_out(&mut two, &headers, &rows, &right_aligned(6, &right), true);
            proptest::prop_assert_eq!(
                two,
                format!("before\n{}", comfy(&headers, &rows, &right))
            );
        }
    }

    #[test]
    fn long_cells_are_cut_to_the_column_limit() {
        let cut = fit(&"규제".repeat(100), 11);
        assert_eq!(cut, "규제규제규…");
        assert_eq!(unicode_width::UnicodeWidthStr::width(cut.as_str()), 11);
        assert_eq!(fit("short", 11), "short");
    }

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let out = csv(&["a", "b"], &[vec!["x,y".into(), "line\nbreak".into()]]).unwrap();
        assert_eq!(out, "a,b\n\"x,y\",\"line\nbreak\"\n");
    }
}
