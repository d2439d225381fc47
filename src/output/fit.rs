//! Tables that fit a terminal: its width, and a table's text cut with "…"
//! (long free text first) or, where numbers alone are wider than the
//! terminal, set out in panels of columns, each led by the first column.
//! Output that is not a terminal never comes here.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use super::{fit, push_table, shown};
use crate::columns::Align;

/// The width of the terminal that standard output is, for tables to fit:
/// `None` when standard output is not a terminal (a pipe or a file gets
/// every cell whole). `COLUMNS`, when set to a number, overrides what the
/// terminal says, as is conventional.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok();
    match columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        Some(n) if n > 0 => Some(n),
        _ => terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)),
    }
}

/// The narrowest a text column gets when a table is fitted to a terminal.
const MIN_FITTED: usize = 10;

/// The headers of a table, and which way and how its columns give way.
#[derive(Clone, Copy)]
pub struct Shape<'a> {
    pub headers: &'a [&'a str],
    pub align: &'a [Align],
    pub long: &'a [bool],
}

/// Cuts cells with "…" until the table, as [`push_table`] lays it out, is at
/// most `width` columns wide: first the long free text (titles, notes),
/// then the other text columns, the widest first each time. Numbers, and
/// text at its header's width or [`MIN_FITTED`], are never cut: a table
/// that cannot fit stays as narrow as that allows.
fn fit_grid<S: AsRef<str> + From<String>>(
    shape: Shape,
    rows: &mut [Vec<S>],
    width: usize,
) -> usize {
    let Shape {
        headers,
        align,
        long,
    } = shape;
    let columns = rows.iter().map(Vec::len).fold(headers.len(), usize::max);
    let header = |i: usize| headers.get(i).map_or(0, |h| UnicodeWidthStr::width(*h));
    let mut widths: Vec<usize> = (0..columns).map(|i| header(i).max(1)).collect();
    for row in rows.iter() {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(shown(cell.as_ref()).1);
        }
    }
    let floor: Vec<usize> = (0..columns)
        .map(|i| match align.get(i) {
            Some(Align::Right) => widths[i],
            _ => widths[i].min(header(i).max(MIN_FITTED)),
        })
        .collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    let natural = widths.clone();
    for first in [true, false] {
        while total(&widths) > width {
            let widest = (0..columns)
                .filter(|&i| widths[i] > floor[i] && (!first || long.get(i) == Some(&true)))
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            let Some(i) = widest else { break };
            widths[i] -= 1;
        }
    }
    for row in rows.iter_mut() {
        for (i, cell) in row.iter_mut().enumerate() {
            if widths[i] < natural[i] && shown(cell.as_ref()).1 > widths[i] {
                let cut = fit(&crate::error::one_line(cell.as_ref()), widths[i]);
                *cell = S::from(cut);
            }
        }
    }
    total(&widths)
}

/// The widest long free text gets when a table is set out in panels.
const PANEL_LONG: usize = 30;

/// `rows` as a table at the end of `out`: whole when `width` is `None` (a
/// pipe, a file, `--wide`); else fitted to `width` columns. Long text is
/// cut first, then other text; if numbers alone are still too wide (the
/// summary's figures on 80 columns), the columns are set out in panels one
/// under the other, each led by the first column (the code), long text cut
/// to [`PANEL_LONG`].
pub fn push_fitted(
    out: &mut String,
    shape: Shape,
    mut rows: Vec<Vec<Cow<'_, str>>>,
    width: Option<usize>,
) {
    let Some(width) = width else {
        push_table(out, shape.headers, &rows, shape.align);
        return;
    };
    let whole = rows.clone();
    if fit_grid(shape, &mut rows, width) <= width {
        push_table(out, shape.headers, &rows, shape.align);
        return;
    }
    let mut rows = whole;
    let lead = rows
        .iter()
        .filter_map(|r| r.first())
        .map(|c| shown(c).1)
        .fold(
            shape
                .headers
                .first()
                .map_or(1, |h| UnicodeWidthStr::width(*h)),
            usize::max,
        );
    let most = PANEL_LONG
        .min(width.saturating_sub(lead + 2))
        .max(MIN_FITTED);
    for row in &mut rows {
        for (i, cell) in row.iter_mut().enumerate() {
            if shape.long.get(i) == Some(&true) && shown(cell).1 > most {
                *cell = Cow::Owned(fit(&crate::error::one_line(cell), most));
            }
        }
    }
    let columns = rows
        .iter()
        .map(Vec::len)
        .fold(shape.headers.len(), usize::max);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            let header = shape
                .headers
                .get(i)
                .map_or(0, |h| UnicodeWidthStr::width(*h));
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| shown(c).1)
                .fold(header.max(1), usize::max)
        })
        .collect();
    let mut start = 1;
    let mut first = true;
    while start < columns || first {
        let mut end = start;
        let mut used = widths[0];
        while end < columns && (end == start || used + 2 + widths[end] <= width) {
            used += 2 + widths[end];
            end += 1;
        }
        let pick = |i: usize| i == 0 || (start..end).contains(&i);
        let headers: Vec<&str> = (0..columns)
            .filter(|&i| pick(i))
            .map(|i| shape.headers.get(i).copied().unwrap_or(""))
            .collect();
        let align: Vec<Align> = (0..columns)
            .filter(|&i| pick(i))
            .map(|i| shape.align.get(i).copied().unwrap_or(Align::Left))
            .collect();
        let panel: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| {
                (0..columns)
                    .filter(|&i| pick(i))
                    .map(|i| r.get(i).map_or("", |c| c.as_ref()))
                    .collect()
            })
            .collect();
        if !first {
            out.push('\n');
        }
        push_table(out, &headers, &panel, &align);
        first = false;
        start = end;
    }
}

/// `text` wrapped to lines of at most `width` columns, between words where
/// it can (Korean counted double; a word wider than a line is split).
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(MIN_FITTED);
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let mut w = UnicodeWidthStr::width(word);
            if used > 0 && used + 1 + w > width {
                out.push('\n');
                used = 0;
            } else if used > 0 {
                out.push(' ');
                used += 1;
            }
            let mut rest = word;
            while used + w > width {
                let head = fit_chars(rest, width - used);
                out.push_str(head);
                out.push('\n');
                rest = &rest[head.len()..];
                used = 0;
                w = UnicodeWidthStr::width(rest);
            }
            out.push_str(rest);
            used += w;
        }
    }
    out
}

/// The longest start of `s` at most `width` columns wide (at least one
/// character).
fn fit_chars(s: &str, width: usize) -> &str {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && i > 0 {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// A `key  value` fact (see [`super::push_fact`]), its value wrapped to the
/// terminal's `term` columns when given.
pub fn push_fact_fitted(
    out: &mut String,
    key: &str,
    width: usize,
    value: &str,
    term: Option<usize>,
) {
    match term {
        Some(term) => super::push_fact(
            out,
            key,
            width,
            &wrap(value, term.saturating_sub(width + 4)),
        ),
        None => super::push_fact(out, key, width, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_and_splits_only_a_word_too_long() {
        assert_eq!(
            wrap("바이오 분야에서 디지털 바이오 인프라를", 16),
            "바이오 분야에서\n디지털 바이오\n인프라를"
        );
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz", 10),
            "abcdefghij\nklmnopqrst\nuvwxyz"
        );
        for line in wrap("가나다라마바사아자차카타파하 short words here", 12).lines()
        {
            assert!(UnicodeWidthStr::width(line) <= 12, "{line}");
        }
    }

    fn lines_fit(text: &str, width: usize) -> bool {
        text.lines().all(|l| UnicodeWidthStr::width(l) <= width)
    }

    #[test]
    fn long_text_is_cut_first_and_numbers_go_to_panels() {
        let headers = [
            "code",
            "title",
            "ministry",
            "in-progress",
            "completed",
            "overdue",
        ];
        let align = [
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
        ];
        let long = [false, true, false, false, false, false];
        let shape = Shape {
            headers: &headers,
            align: &align,
            long: &long,
        };
        let row = |t: &'static str| -> Vec<Cow<str>> {
            ["esm-5-01", t, "기획재정부", "1", "2", "3"]
                .map(Cow::Borrowed)
                .to_vec()
        };
        let rows = vec![
            row("불합리한 규제 해소를 위한 제도 개선과 후속 조치"),
            row("짧은 과제"),
        ];
        // 60 columns: the title is cut, the ministry is not.
        let mut out = String::new();
        push_fitted(&mut out, shape, rows.clone(), Some(60));
        assert!(lines_fit(&out, 60), "{out}");
        assert!(out.contains('…') && out.contains("기획재정부"), "{out}");
        // 30 columns: no cut makes the numbers fit; panels led by the code.
        let mut out = String::new();
        push_fitted(&mut out, shape, rows.clone(), Some(30));
        assert!(lines_fit(&out, 30), "{out}");
        assert!(out.matches("esm-5-01").count() >= 4, "{out}");
        assert!(out.contains("overdue"), "{out}");
        // No width: whole.
        let mut out = String::new();
        push_fitted(&mut out, shape, rows, None);
        assert!(!out.contains('…'), "{out}");
    }
}
