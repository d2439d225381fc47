//! Plain text: the title, the facts, then aligned tables (Korean text is
//! measured as double width by `output::table`).

use super::{Doc, Style};
use crate::output;
use crate::words;

/// The text report; with `colour`, the title and headings are bold (ANSI),
/// the tables stay plain so that their alignment holds; with a `width`, the
/// tables fit it (long text cut with "…").
pub fn render(doc: &Doc, style: Style) -> String {
    let colour = style.colour;
    let bold = |t: &str| {
        if colour {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let mut s = format!("{}\n", bold(&crate::error::one_line(&doc.title)));
    let width = doc
        .meta
        .iter()
        .map(|(k, _)| output::text_width(k))
        .max()
        .unwrap_or(0);
    for (k, v) in &doc.meta {
        output::push_fact_fitted(&mut s, k, width, v, style.width);
    }
    for section in &doc.sections {
        s.push('\n');
        s.push_str(&format!(
            "{}\n",
            bold(&crate::error::one_line(&section.heading))
        ));
        if section.rows.is_empty() {
            s.push_str(words::NONE.get(doc.lang));
            s.push('\n');
        } else if style.width.is_some() {
            let shape = output::Shape {
                headers: &section.headers,
                align: &section.align,
                long: &section.long,
            };
            output::push_fitted(&mut s, shape, section.rows.clone(), style.width);
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
            lang: crate::columns::Lang::En,
            title: "Progress summary".into(),
            meta: vec![],
            sections: vec![],
        };
        let plain = Style::default();
        let bold = Style {
            colour: true,
            ..plain
        };
        assert_eq!(render(&doc, plain), "Progress summary\n");
        assert_eq!(render(&doc, bold), "\x1b[1mProgress summary\x1b[0m\n");
    }
}
