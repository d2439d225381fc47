//! HTML: one self-contained page — inline CSS and inline SVG, no script, no
//! network — readable in a browser and printable on A4. The summary adds a
//! stacked status bar per meeting and per ministry, and the overdue list.

use std::fmt::Write;

use super::super::round::RoundReport;
use super::super::{Figures, Report, Summary, NO_MINISTRY};
use super::{percent, tables, Doc, Section};
use crate::model::Status;

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

/// The colour of each status in bars and the legend.
fn colour(s: Status) -> &'static str {
    match s {
        Status::Planned => "#b8c0cc",
        Status::InProgress => "#3b82f6",
        Status::Completed => "#16a34a",
        Status::Delayed => "#dc2626",
        Status::Dropped => "#6b7280",
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕", "Nanum Gothic", system-ui, sans-serif;
  color: #1f2937; margin: 24px auto; max-width: 1100px; padding: 0 16px; font-size: 14px; line-height: 1.45;
  word-break: keep-all; overflow-wrap: anywhere; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 16px; color: #4b5563; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.word { white-space: nowrap; }
td.bar { width: 45%; }
td.bar svg { display: block; width: 100%; height: 16px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 10px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.empty { color: #6b7280; font-style: italic; }
footer { margin-top: 24px; color: #6b7280; font-size: 12px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, .legend { break-inside: avoid; }
  th { background: #f3f4f6 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg, .legend i { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

pub fn render(report: &Report, doc: &Doc) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    s.push_str("<dl class=\"meta\">\n");
    for (k, v) in &doc.meta {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    s.push_str("</dl>\n");
    match report {
        Report::Summary(r) => summary(&mut s, r, doc),
        Report::Round(r) => round(&mut s, r, doc),
        _ => {
            for section in &doc.sections {
                table(&mut s, section);
            }
        }
    }
    let as_of = doc
        .meta
        .iter()
        .find(|(k, _)| k == "as of")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let _ = writeln!(
        s,
        "<footer>policy-track report · figures as of {}</footer>\n</body>\n</html>",
        escape(as_of)
    );
    s
}

fn summary(s: &mut String, r: &Summary, doc: &Doc) {
    s.push_str("<h2>Completion</h2>\n");
    let _ = writeln!(
        s,
        "<p>Completion rate (completed ÷ (total − dropped)): <strong>{}</strong> of {} measures \
         · overdue <strong>{}</strong> · stale <strong>{}</strong></p>",
        percent(r.totals.completion_rate),
        r.totals.total,
        r.totals.overdue,
        r.totals.stale
    );
    legend(s);
    bars(
        s,
        "Status by meeting",
        r.meetings
            .iter()
            .map(|m| (format!("{} {}", m.code, m.title), &m.figures))
            .collect(),
    );
    bars(
        s,
        "Status by ministry",
        r.ministries
            .iter()
            .map(|m| {
                let name = if m.code.is_some() {
                    m.name_ko.clone()
                } else {
                    NO_MINISTRY.to_string()
                };
                (name, &m.figures)
            })
            .collect(),
    );
    let heading = format!("Overdue measures ({})", r.overdue.len());
    table(s, &Section::of(heading, &tables::OVERDUE, &r.overdue));
    for section in &doc.sections {
        table(s, section);
    }
}

fn legend(s: &mut String) {
    s.push_str("<div class=\"legend\">");
    for st in Status::ALL {
        let _ = write!(
            s,
            "<span><i style=\"background:{}\"></i>{}</span>",
            colour(st),
            st.code()
        );
    }
    s.push_str("</div>\n");
}

/// One row per item: its name, a 100 % stacked bar of its statuses (each
/// part titled with its count), its total and completion rate.
fn bars(s: &mut String, heading: &str, items: Vec<(String, &Figures)>) {
    let _ = writeln!(s, "<h2>{}</h2>", escape(heading));
    if items.is_empty() {
        s.push_str("<p class=\"empty\">(none)</p>\n");
        return;
    }
    s.push_str(
        "<table>\n<tr><th>name</th><th>status</th><th class=\"num\">total</th><th class=\"num\">done</th></tr>\n",
    );
    for (name, f) in items {
        let parts: Vec<_> = Status::ALL
            .iter()
            .map(|st| (f.by_status.get(*st), colour(*st), st.code()))
            .collect();
        let svg = bar(f.total, &parts);
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"bar\">{svg}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&name),
            f.total,
            percent(f.completion_rate)
        );
    }
    s.push_str("</table>\n");
}

/// A 100 % stacked bar of `parts` (count, colour, name) out of `total`,
/// each part titled with its count.
fn bar(total: i64, parts: &[(i64, &str, &str)]) -> String {
    let mut svg = String::from(
        "<svg viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
    );
    if total == 0 {
        svg.push_str("<rect x=\"0\" y=\"0\" width=\"1000\" height=\"16\" fill=\"#f3f4f6\"/>");
    } else {
        let mut x = 0.0;
        for (n, colour, name) in parts.iter().filter(|p| p.0 > 0) {
            let w = 1000.0 * *n as f64 / total as f64;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"><title>{name}: {n}</title></rect>"
            );
            x += w;
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A round for the meeting's screen: a bar per ministry of what it
/// answered and what is missing, then the table.
fn round(s: &mut String, r: &RoundReport, doc: &Doc) {
    let _ = writeln!(
        s,
        "<h2>Responses</h2>\n<p>Answered <strong>{}</strong> of {} measures ({}) · \
         complete <strong>{}</strong> · partial <strong>{}</strong> · missing <strong>{}</strong></p>",
        r.totals.answered,
        r.totals.requested,
        percent(r.totals.response_rate()),
        r.totals.complete,
        r.totals.partial,
        r.totals.missing
    );
    s.push_str(
        "<table>\n<tr><th>ministry</th><th>answered</th><th>state</th><th class=\"num\">days late</th></tr>\n",
    );
    for m in &r.ministries {
        let parts = [
            (m.answered, ANSWERED, "answered"),
            (m.requested - m.answered, MISSING, "missing"),
        ];
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"bar\">{}</td><td class=\"word\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&m.name_ko),
            bar(m.requested, &parts),
            m.state.code(),
            m.days_late
        );
    }
    s.push_str("</table>\n");
    for section in &doc.sections {
        table(s, section);
    }
}

/// The colours of a round's answered and missing measures.
const ANSWERED: &str = "#16a34a";
const MISSING: &str = "#dc2626";

fn table(s: &mut String, section: &Section) {
    let _ = writeln!(s, "<h2>{}</h2>", escape(&section.heading));
    if section.rows.is_empty() {
        s.push_str("<p class=\"empty\">(none)</p>\n");
        return;
    }
    let class = |i: usize| {
        if section.right(i) {
            " class=\"num\""
        } else {
            ""
        }
    };
    s.push_str("<table>\n<tr>");
    for (i, h) in section.headers.iter().enumerate() {
        let _ = write!(s, "<th{}>{}</th>", class(i), escape(h));
    }
    s.push_str("</tr>\n");
    for row in &section.rows {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            // Codes and dates (one short word) never break across lines.
            let class = match class(i) {
                "" if c.len() <= 24 && !c.contains(' ') => " class=\"word\"",
                other => other,
            };
            let _ = write!(s, "<td{class}>{}</td>", escape(c));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n");
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
