//! Plain text: the title, the facts, then aligned tables (Korean text is
//! measured as double width by `output::table`).

use super::Doc;
use crate::output;

pub fn render(doc: &Doc) -> String {
    let mut s = format!("{}\n", doc.title);
    let width = doc.meta.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in &doc.meta {
        s.push_str(&format!("  {k:<width$}  {v}\n"));
    }
    for section in &doc.sections {
        s.push('\n');
        s.push_str(&format!("{}\n", section.heading));
        if section.rows.is_empty() {
            s.push_str("(none)\n");
        } else {
            s.push_str(&output::table(
                &section.headers,
                &section.rows,
                &section.right,
            ));
        }
    }
    s
}
