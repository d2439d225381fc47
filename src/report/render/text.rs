//! Plain text: the title, the facts, then aligned tables (Korean text is
//! measured as double width by `output::table`).

use super::Doc;
use crate::output;

/// The text report; with `colour`, the title and headings are bold (ANSI),
/// the tables stay plain so that their alignment holds.
pub fn render(doc: &Doc, colour: bool) -> String {
    let bold = |t: &str| {
        if colour {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let mut s = format!("{}\n", bold(&crate::error::one_line(&doc.title)));
    let width = doc.meta.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in &doc.meta {
        output::push_fact(&mut s, k, width, v);
    }
    for section in &doc.sections {
        s.push('\n');
        s.push_str(&format!(
            "{}\n",
            bold(&crate::error::one_line(&section.heading))
        ));
        if section.rows.is_empty() {
            s.push_str("(none)\n");
        } else {
            output::push_table(&mut s, &section.headers, &section.rows, &section.align);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_marks_headings_only_when_asked() {
        let doc = Doc {
            title: "Progress summary".into(),
            meta: vec![],
            sections: vec![],
        };
        assert_eq!(render(&doc, false), "Progress summary\n");
        assert_eq!(render(&doc, true), "\x1b[1mProgress summary\x1b[0m\n");
    }
}
