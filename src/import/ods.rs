//! The merged regions of an OpenDocument spreadsheet (`.ods`), which
//! calamine reads without them (the cells a region covers read as empty):
//! each sheet's cells with `table:number-rows-spanned` or
//! `table:number-columns-spanned` in `content.xml`, counted as calamine
//! counts rows and cells (repeated rows and cells, covered cells included).

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// The merged regions of each sheet, by sheet name; empty where the file
/// cannot be read this way (calamine then reports what is wrong).
pub fn merged_regions(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    read(bytes).unwrap_or_default()
}

fn read(bytes: &[u8]) -> Option<HashMap<String, Vec<Dimensions>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut sheet = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    loop {
        let event = xml.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet = attr(e, "table:name").unwrap_or_default();
                    row = 0;
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = number(e, "table:number-rows-repeated").max(1);
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let rows = number(e, "table:number-rows-spanned").max(1);
                    let cols = number(e, "table:number-columns-spanned").max(1);
                    if rows > 1 || cols > 1 {
                        out.entry(sheet.clone()).or_default().push(Dimensions {
                            start: (row, col),
                            end: (row + rows - 1, col + cols - 1),
                        });
                    }
                    col = col.saturating_add(number(e, "table:number-columns-repeated").max(1));
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Some(out)
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.to_string())
}

fn number(e: &BytesStart<'_>, key: &str) -> u32 {
    attr(e, key).and_then(|v| v.parse().ok()).unwrap_or(1)
}
