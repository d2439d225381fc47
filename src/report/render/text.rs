//! Plain text: the title, the facts, then aligned tables (Korean text is
//! measured as double width by `output::table`).

use std::io::Write;

use super::{drain, Doc, Rows, Style};
use crate::error::Result;
use crate::output;
use crate::words;

/// The text report; with `colour`, the title and headings are bold (ANSI),
/// the tables stay plain so that their alignment holds; with a `width`, the
/// tables fit it (long text cut with "…"). A spooled table is laid out as
/// it is read (`output::write_table`), or, to fit a terminal, read whole.
pub fn write(doc: &Doc, style: Style, out: &mut dyn Write) -> Result<()> {
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
        let shape = output::Shape {
            headers: &section.headers,
            align: &section.align,
            long: &section.long,
        };
        match &section.rows {
            rows if rows.is_empty() => {
                s.push_str(words::NONE.get(doc.lang));
                s.push('\n');
            }
            Rows::Held(rows) if style.width.is_some() => {
                output::push_fitted(&mut s, shape, rows.clone(), style.width);
            }
            Rows::Held(rows) => {
                output::push_table(&mut s, &section.headers, rows, &section.align);
            }
            Rows::Spooled(rows) if style.width.is_some() => {
                output::push_fitted(&mut s, shape, rows.held()?, style.width);
            }
            Rows::Spooled(rows) => {
                drain(&mut s, out, true)?;
                output::write_table(out, &section.headers, rows, &section.align)?;
            }
        }
    }
    drain(&mut s, out, true)
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
        let render = |style| {
            let mut out = Vec::new();
            write(&doc, style, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(render(plain), "Progress summary\n");
        assert_eq!(render(bold), "\x1b[1mProgress summary\x1b[0m\n");
    }
}
