//! Rendering shared by the commands: aligned tables that measure Korean text
//! as double width, JSON, CSV, and where output goes.

use std::io::Write;

use comfy_table::{presets, CellAlignment, Table};
use serde::Serialize;

use crate::error::{Error, Result};

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
/// listed in `right` are right-aligned (numbers).
pub fn table(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    t.set_header(headers.iter().map(|h| h.to_string()));
    for row in rows {
        t.add_row(
            row.iter()
                .map(|c| fit(&crate::error::one_line(c), MAX_CELL)),
        );
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

/// The widest a text-table cell gets, in terminal columns; longer text is cut
/// with "…" (JSON and CSV carry it whole).
const MAX_CELL: usize = 60;

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

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Other(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// CSV with a header row, UTF-8, LF line ends.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let err = |e: ::csv::Error| Error::Other(format!("cannot write CSV: {e}"));
    w.write_record(headers).map_err(err)?;
    for row in rows {
        w.write_record(row).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Other(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Other(format!("cannot write CSV: {e}")))
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
