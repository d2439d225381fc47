//! Markdown: a heading, the facts as a list, and pipe tables.

use std::io::Write;

use super::{drain, Doc};
use crate::error::Result;

/// A cell safe inside a pipe table, shown as written: `|` and the
/// characters that Markdown reads as markup inside a line (emphasis, code,
/// links, inline HTML, entities, strikethrough) escaped with a backslash,
/// line breaks as `<br>`. A title such as `<AI> 반도체 *핵심*` then renders
/// as it reads instead of losing `<AI>` to an HTML tag.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

pub fn write(doc: &Doc, out: &mut dyn Write) -> Result<()> {
    let mut s = format!("# {}\n\n", cell(&doc.title));
    for (k, v) in &doc.meta {
        s.push_str(&format!("- **{}**: {}\n", cell(k), cell(v)));
    }
    for section in &doc.sections {
        s.push_str(&format!("\n## {}\n\n", cell(&section.heading)));
        if section.rows.is_empty() {
            s.push_str(crate::words::NONE.get(doc.lang));
            s.push('\n');
            continue;
        }
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        s.push_str(&line(section.headers.iter().map(|h| cell(h)).collect()));
        s.push_str(&line(
            (0..section.headers.len())
                .map(|i| {
                    if section.right(i) {
                        "---:".to_string()
                    } else {
                        "---".to_string()
                    }
                })
                .collect(),
        ));
        section.rows.each(|row| {
            s.push_str(&line(row.iter().map(|c| cell(c)).collect()));
            drain(&mut s, out, false)
        })?;
    }
    drain(&mut s, out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_escapes_pipes_and_line_breaks() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("x\ny"), "x<br>y");
        assert_eq!(cell(r"c:\d"), r"c:\\d");
        assert_eq!(cell("x\r\ny\rz"), "x<br>y<br>z");
    }

    #[test]
    fn cell_escapes_inline_markup() {
        assert_eq!(
            cell("<AI> 반도체 *핵심* `code` [link](u) a_b ~~s~~ &amp;"),
            r"\<AI\> 반도체 \*핵심\* \`code\` \[link\](u) a\_b \~\~s\~\~ \&amp;"
        );
        // Codes, dates, percentages and Korean stay as they are.
        assert_eq!(
            cell("esm-5-01 2024-06-30 40% (바이오)·"),
            "esm-5-01 2024-06-30 40% (바이오)·"
        );
    }
}
