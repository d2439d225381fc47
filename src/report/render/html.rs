//! HTML: one self-contained page — inline CSS and inline SVG, no script, no
//! network — readable in a browser and printable on A4. The summary adds a
//! stacked status bar per meeting and per ministry, and the overdue list.

use std::fmt::Write;

use super::super::round::RoundReport;
use super::super::{Figures, Report, Summary};
use super::{drain, percent, tables, Doc, Section};
use crate::columns::Lang;
use crate::error::Result;
use crate::model::Status;
use crate::words;

/// Text safe in HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colour of each status in bars and the legend, and a pattern over
/// it, so that statuses are told apart in grey print and by readers who do
/// not see the colours (the count is printed on each part too).
fn look(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Planned => ("#d1d5db", "none"),
        Status::InProgress => (
            "#3b82f6",
            "repeating-linear-gradient(45deg, rgba(255,255,255,.45) 0 3px, transparent 3px 7px)",
        ),
        Status::Completed => ("#16a34a", "none"),
        Status::Delayed => (
            "#dc2626",
            "repeating-linear-gradient(45deg, rgba(255,255,255,.5) 0 2px, transparent 2px 6px), repeating-linear-gradient(-45deg, rgba(255,255,255,.5) 0 2px, transparent 2px 6px)",
        ),
        Status::Dropped => (
            "#6b7280",
            "repeating-linear-gradient(0deg, rgba(255,255,255,.5) 0 2px, transparent 2px 5px)",
        ),
    }
}

/// The style of each status, one class per status code.
fn status_styles() -> String {
    let mut css = String::new();
    for st in Status::ALL {
        let (colour, pattern) = look(st);
        // White counts on a pattern keep a dark halo to stay legible.
        let ink = match st {
            Status::Planned => "#111827",
            _ => "#ffffff; text-shadow: 0 0 2px #000, 0 0 2px #000",
        };
        let _ = writeln!(
            css,
            ".st-{} {{ background-color: {colour}; background-image: {pattern}; color: {ink}; }}",
            st.code()
        );
    }
    css
}

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕", "Nanum Gothic", system-ui, sans-serif;
  color: #1f2937; margin: 24px auto; max-width: 1100px; padding: 0 12px; font-size: 14px; line-height: 1.45;
  word-break: keep-all; overflow-wrap: break-word; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0 16px; color: #4b5563; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.scroll { max-width: 100%; overflow-x: auto; margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.word { white-space: nowrap; }
td.text { min-width: 12em; }
table.bars { table-layout: fixed; min-width: 360px; }
table.bars col.name { width: 38%; }
table.bars col.bar { width: 36%; }
table.bars col.total { width: 11%; }
table.bars col.rate { width: 15%; }
table.bars td { vertical-align: middle; }
.stack { display: flex; height: 18px; background: #f3f4f6; border-radius: 2px; overflow: hidden; }
.stack span { display: block; min-width: 1.4em; height: 18px; font-size: 11px; line-height: 18px; text-align: center;
  white-space: nowrap; overflow: hidden; font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 6px 0 10px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend i { display: inline-block; width: 16px; height: 12px; border-radius: 2px; border: 1px solid #9ca3af; }
.empty, .more { color: #6b7280; font-style: italic; }
footer { margin-top: 24px; color: #6b7280; font-size: 12px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; }
  /* A wide table fits the page: its headers wrap, its cells draw closer. */
  table { font-size: 8pt; }
  th { white-space: normal; }
  th, td { padding: 2px 3px; }
  td.text { min-width: 8em; }
  h2 { break-after: avoid; }
  tr, .legend { break-inside: avoid; }
  th { background: #f3f4f6 !important; }
  th, .stack span, .legend i { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// How many of the overdue measures the summary page lists (the most
/// overdue first); it says how many more there are.
pub const SUMMARY_OVERDUE: usize = 50;

/// The page of `doc`, with the summary's and a round's own parts drawn
/// from `report` (`None`: the sections alone, as a streamed list has).
pub fn write(report: Option<&Report>, doc: &Doc, out: &mut dyn std::io::Write) -> Result<()> {
    let lang = doc.lang;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.tag(),
        escape(&doc.title),
        status_styles(),
        escape(&doc.title)
    );
    s.push_str("<dl class=\"meta\">\n");
    for (k, v) in &doc.meta {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    s.push_str("</dl>\n");
    match report {
        Some(Report::Summary(r)) => summary(&mut s, r, doc, out)?,
        Some(Report::Round(r)) => round(&mut s, r, doc, out)?,
        _ => {
            for section in &doc.sections {
                table(&mut s, section, lang, out)?;
            }
        }
    }
    // Every report's first fact is its as-of date.
    let as_of = doc.meta.first().map(|(_, v)| v.as_str()).unwrap_or("");
    let _ = writeln!(
        s,
        "<footer>{} {}</footer>\n</body>\n</html>",
        escape(words::REPORT_FOOTER.get(lang)),
        escape(as_of)
    );
    drain(&mut s, out, true)
}

fn summary(s: &mut String, r: &Summary, doc: &Doc, out: &mut dyn std::io::Write) -> Result<()> {
    let lang = doc.lang;
    let _ = writeln!(s, "<h2>{}</h2>", escape(words::COMPLETION.get(lang)));
    let _ = writeln!(
        s,
        "<p>{}: <strong>{}</strong> · {} · {} <strong>{}</strong> · {} <strong>{}</strong></p>",
        escape(words::COMPLETION_RATE.get(lang)),
        percent(r.totals.completion_rate),
        escape(&words::of_measures(lang, r.totals.total.max(0) as usize)),
        escape(words::OVERDUE.get(lang)),
        r.totals.overdue,
        escape(words::STALE.get(lang)),
        r.totals.stale
    );
    legend(s, lang);
    bars(
        s,
        words::STATUS_BY_MEETING.get(lang),
        lang,
        r.meetings
            .iter()
            .map(|m| (format!("{} {}", m.code, m.title), &m.figures))
            .collect(),
    );
    bars(
        s,
        words::STATUS_BY_MINISTRY.get(lang),
        lang,
        r.ministries
            .iter()
            .map(|m| {
                let name = match m.code {
                    Some(_) => m.name_ko.clone(),
                    None => words::NONE.get(lang).to_string(),
                };
                (name, &m.figures)
            })
            .collect(),
    );
    let heading = format!("{} ({})", words::OVERDUE_TITLE.get(lang), r.overdue.len());
    let shown = &r.overdue[..r.overdue.len().min(SUMMARY_OVERDUE)];
    let mut overdue = Section::of(heading, &tables::OVERDUE, shown, lang);
    overdue.more = r.overdue.len() - shown.len();
    table(s, &overdue, lang, out)?;
    for section in &doc.sections {
        table(s, section, lang, out)?;
    }
    Ok(())
}

fn legend(s: &mut String, lang: Lang) {
    s.push_str("<div class=\"legend\">");
    for st in Status::ALL {
        let _ = write!(
            s,
            "<span><i class=\"st-{}\"></i>{}</span>",
            st.code(),
            escape(words::status(st).get(lang))
        );
    }
    s.push_str("</div>\n");
}

/// One row per item: its name, a 100 % stacked bar of its statuses (each
/// part showing its count, titled with its status), its total and
/// completion rate. Every bar table has the same fixed column widths, so
/// the bars of a page line up.
fn bars(s: &mut String, heading: &str, lang: Lang, items: Vec<(String, &Figures)>) {
    let _ = writeln!(s, "<h2>{}</h2>", escape(heading));
    if items.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"empty\">{}</p>",
            escape(words::NONE.get(lang))
        );
        return;
    }
    let _ = writeln!(
        s,
        "<div class=\"scroll\"><table class=\"bars\">\n\
         <colgroup><col class=\"name\"><col class=\"bar\"><col class=\"total\"><col class=\"rate\"></colgroup>\n\
         <thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>",
        escape(words::NAME.get(lang)),
        escape(words::STATUS.get(lang)),
        escape(words::TOTAL.get(lang)),
        escape(words::DONE.get(lang)),
    );
    for (name, f) in items {
        let mut bar = String::from("<div class=\"stack\">");
        for st in Status::ALL {
            let n = f.by_status.get(st);
            if n == 0 {
                continue;
            }
            let word = escape(words::status(st).get(lang));
            let _ = write!(
                bar,
                "<span class=\"st-{}\" style=\"flex: {n} 1 0\" title=\"{word}: {n}\" aria-label=\"{word}: {n}\">{n}</span>",
                st.code(),
            );
        }
        bar.push_str("</div>");
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{bar}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&name),
            f.total,
            percent(f.completion_rate)
        );
    }
    s.push_str("</tbody></table></div>\n");
}

/// A round for the meeting's screen: per ministry a bar of the measures
/// it answered and those still missing (each part showing its count), its
/// state and days late; then the table.
fn round(s: &mut String, r: &RoundReport, doc: &Doc, out: &mut dyn std::io::Write) -> Result<()> {
    let lang = doc.lang;
    let (answered, missing) = (words::ANSWERED.get(lang), words::MISSING.get(lang));
    let _ = writeln!(
        s,
        "<div class=\"legend\"><span><i class=\"st-completed\"></i>{}</span>\
         <span><i class=\"st-delayed\"></i>{}</span></div>",
        escape(answered),
        escape(missing)
    );
    let _ = writeln!(
        s,
        "<div class=\"scroll\"><table class=\"bars\">\n\
         <colgroup><col class=\"name\"><col class=\"bar\"><col class=\"total\"><col class=\"rate\"></colgroup>\n\
         <thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>",
        escape(words::MINISTRY.get(lang)),
        escape(answered),
        escape(words::REQUESTED.get(lang)),
        escape(words::DAYS_LATE.get(lang)),
    );
    for m in &r.ministries {
        let mut bar = String::from("<div class=\"stack\">");
        for (n, class, word) in [
            (m.answered, "st-completed", answered),
            (m.requested - m.answered, "st-delayed", missing),
        ] {
            if n > 0 {
                let word = escape(word);
                let _ = write!(
                    bar,
                    "<span class=\"{class}\" style=\"flex: {n} 1 0\" title=\"{word}: {n}\" aria-label=\"{word}: {n}\">{n}</span>"
                );
            }
        }
        bar.push_str("</div>");
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{bar}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&m.name_ko),
            m.requested,
            m.days_late
        );
    }
    s.push_str("</tbody></table></div>\n");
    for section in &doc.sections {
        table(s, section, lang, out)?;
    }
    Ok(())
}

/// The table of `section`, its rows written on to `out` as the text grows.
fn table(
    s: &mut String,
    section: &Section,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let _ = writeln!(s, "<h2>{}</h2>", escape(&section.heading));
    if section.rows.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"empty\">{}</p>",
            escape(words::NONE.get(lang))
        );
        return Ok(());
    }
    let class = |i: usize| {
        if section.right(i) {
            " class=\"num\""
        } else {
            ""
        }
    };
    s.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for (i, h) in section.headers.iter().enumerate() {
        let _ = write!(s, "<th{}>{}</th>", class(i), escape(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    section.rows.each(|row| {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            // Codes and dates (one short word) never break across lines;
            // longer text wraps between words, in a column wide enough to
            // read.
            let class = match class(i) {
                "" if c.len() <= 24 && !c.contains(' ') => " class=\"word\"",
                "" if c.chars().count() > 12 => " class=\"text\"",
                other => other,
            };
            let _ = write!(s, "<td{class}>{}</td>", escape(c));
        }
        s.push_str("</tr>\n");
        drain(s, out, false)
    })?;
    s.push_str("</tbody></table></div>\n");
    if section.more > 0 {
        let _ = writeln!(
            s,
            "<p class=\"more\">{}</p>",
            escape(&words::and_more(lang, section.more))
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("규제 개선"), "규제 개선");
    }
}
