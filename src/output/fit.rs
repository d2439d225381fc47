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

/// The widths of a table whose columns are `natural` wide once its long
/// free text (titles, notes) is cut, the widest first each time, until the
/// table, as [`push_table`] lays it out, is at most `width` columns wide or
/// that text is down to its header's width or [`MIN_FITTED`].
fn long_cut(shape: Shape, natural: &[usize], width: usize) -> Vec<usize> {
    let header = |i: usize| {
        shape
            .headers
            .get(i)
            .map_or(0, |h| UnicodeWidthStr::width(*h))
    };
    let mut widths = natural.to_vec();
    while total(&widths) > width {
        let widest = (0..widths.len())
            .filter(|&i| {
                shape.long.get(i) == Some(&true)
                    && widths[i] > natural[i].min(header(i).max(MIN_FITTED))
            })
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        let Some(i) = widest else { break };
        widths[i] -= 1;
    }
    widths
}

/// The width of a table of columns `widths` wide, two spaces apart.
fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)
}

/// Each column's width: its widest cell or its header.
fn natural_widths<S: AsRef<str>>(shape: Shape, rows: &[Vec<S>]) -> Vec<usize> {
    let columns = rows
        .iter()
        .map(Vec::len)
        .fold(shape.headers.len(), usize::max);
    (0..columns)
        .map(|i| {
            let header = shape
                .headers
                .get(i)
                .map_or(0, |h| UnicodeWidthStr::width(*h));
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| shown(c.as_ref()).1)
                .fold(header.max(1), usize::max)
        })
        .collect()
}

/// Cuts with "…" every cell wider than its column's `widths` (where that
/// is less than its `natural` width).
fn cut_to<S: AsRef<str> + From<String>>(rows: &mut [Vec<S>], natural: &[usize], widths: &[usize]) {
    for row in rows.iter_mut() {
        for (i, cell) in row.iter_mut().enumerate() {
            if widths[i] < natural[i] && shown(cell.as_ref()).1 > widths[i] {
                *cell = S::from(fit(&crate::error::one_line(cell.as_ref()), widths[i]));
            }
        }
    }
}

/// The widest long free text gets when panels are laid out; a panel with
/// room to spare gives it back.
const PANEL_LONG: usize = 30;

/// `rows` as a table at the end of `out`: whole when `width` is `None` (a
/// pipe, a file, `--wide`); else fitted to `width` columns. Long free text
/// is cut first; if the table is still too wide (the summary's figures, or
/// the review queue's reasons, on 80 columns), its columns are set out in
/// panels one under the other, each led by the first column (the code), so
/// that no other value is cut: long text is laid out at most
/// [`PANEL_LONG`] wide and then takes what room its panel has left, and
/// only a value wider than a panel by itself is cut to the panel.
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
    let natural = natural_widths(shape, &rows);
    let cut = long_cut(shape, &natural, width);
    if total(&cut) <= width {
        cut_to(&mut rows, &natural, &cut);
        push_table(out, shape.headers, &rows, shape.align);
        return;
    }
    let columns = natural.len();
    let room = width.saturating_sub(natural[0] + 2).max(MIN_FITTED);
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| match shape.long.get(i) == Some(&true) {
            true => natural[i].min(PANEL_LONG.min(room)),
            false => natural[i].min(room),
        })
        .collect();
    widths[0] = natural[0];
    let mut panels = Vec::new();
    let mut start = 1;
    while start < columns || panels.is_empty() {
        let mut end = start;
        let mut used = widths[0];
        while end < columns && (end == start || used + 2 + widths[end] <= width) {
            used += 2 + widths[end];
            end += 1;
        }
        let mut spare = width.saturating_sub(used);
        for i in (start..end).filter(|&i| shape.long.get(i) == Some(&true)) {
            let more = spare.min(natural[i] - widths[i]);
            widths[i] += more;
            spare -= more;
        }
        panels.push(start..end);
        start = end;
    }
    cut_to(&mut rows, &natural, &widths);
    for (n, panel) in panels.into_iter().enumerate() {
        let pick = |i: usize| i == 0 || panel.contains(&i);
        let headers: Vec<&str> = (0..columns)
            .filter(|&i| pick(i))
            .map(|i| shape.headers.get(i).copied().unwrap_or(""))
            .collect();
        let align: Vec<Align> = (0..columns)
            .filter(|&i| pick(i))
            .map(|i| shape.align.get(i).copied().unwrap_or(Align::Left))
            .collect();
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| {
                (0..columns)
                    .filter(|&i| pick(i))
                    .map(|i| r.get(i).map_or("", |c| c.as_ref()))
                    .collect()
            })
            .collect();
        if n > 0 {
            out.push('\n');
        }
        push_table(out, &headers, &cells, &align);
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

    #[test]
    fn other_text_goes_to_panels_whole_and_long_text_takes_a_panels_room() {
        let reasons = "completed_below_100, not_lead_ministry, progress_back";
        let note = "협약 체결 전, 공동연구 착수 일정이 확정되지 않음 (12월 예정)";
        // No long text: the reasons and the ministry stay whole, in panels
        // led by the code.
        let headers = ["code", "reported on", "reported by", "reasons"];
        let align = [Align::Left; 4];
        let long = [false; 4];
        let shape = Shape {
            headers: &headers,
            align: &align,
            long: &long,
        };
        let rows: Vec<Vec<Cow<str>>> = vec![["esm-5-03", "2024-06-30", "산업통상자원부", reasons]
            .map(Cow::Borrowed)
            .to_vec()];
        let mut out = String::new();
        push_fitted(&mut out, shape, rows, Some(70));
        assert!(lines_fit(&out, 70), "{out}");
        assert!(
            out.contains(reasons) && out.contains("산업통상자원부"),
            "{out}"
        );
        assert_eq!(out.matches("esm-5-03").count(), 2, "{out}");
        // A note that goes to a panel takes the panel's room, not just
        // PANEL_LONG.
        let headers = [
            "reported on",
            "assessment",
            "office status",
            "office progress",
            "note",
        ];
        let align = [
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
        ];
        let long = [false, false, false, false, true];
        let shape = Shape {
            headers: &headers,
            align: &align,
            long: &long,
        };
        let rows: Vec<Vec<Cow<str>>> = vec![["2024-06-30", "disputed", "delayed", "40%", note]
            .map(Cow::Borrowed)
            .to_vec()];
        let mut out = String::new();
        push_fitted(&mut out, shape, rows, Some(60));
        assert!(lines_fit(&out, 60), "{out}");
        // Cut to the panel's 47 columns, not to 30.
        assert!(out.contains("office progress"), "{out}");
        assert!(out.contains("공동연구 착수 일정이 확정되지"), "{out}");
    }
}
