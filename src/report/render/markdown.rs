//! Markdown: a heading, the facts as a list, and pipe tables.

use super::Doc;

/// A cell safe inside a pipe table: `|` escaped, line breaks as `<br>`.
pub fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

pub fn render(doc: &Doc) -> String {
    let mut s = format!("# {}\n\n", cell(&doc.title));
    for (k, v) in &doc.meta {
        s.push_str(&format!("- **{}**: {}\n", cell(k), cell(v)));
    }
    for section in &doc.sections {
        s.push_str(&format!("\n## {}\n\n", cell(&section.heading)));
        if section.rows.is_empty() {
            s.push_str("(none)\n");
            continue;
        }
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        s.push_str(&line(section.headers.iter().map(|h| cell(h)).collect()));
        s.push_str(&line(
            (0..section.headers.len())
                .map(|i| {
                    if section.right.contains(&i) {
                        "---:".to_string()
                    } else {
                        "---".to_string()
                    }
                })
                .collect(),
        ));
        for row in &section.rows {
            s.push_str(&line(row.iter().map(|c| cell(c)).collect()));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_escapes_pipes_and_line_breaks() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("x\ny"), "x<br>y");
        assert_eq!(cell(r"c:\d"), r"c:\\d");
    }
}
