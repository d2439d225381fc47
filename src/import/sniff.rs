//! What a file is, by its bytes, where that is not a matter of its
//! encoding: a workbook and which kind (`workbook` reads it), a file that
//! holds no table at all (a database, a PDF, a program, a Hancom
//! document), CSV whose Korean was lost as `?`, and text in two encodings
//! pasted together (`decode` asks).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::decode::BadBytes;
use crate::error::{Error, Result};

/// The kind of a workbook, by its first bytes: a zip archive (`.xlsx`,
/// `.xlsm`, `.ods`) or an OLE2 compound file (`.xls`). `None`: not one.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"PK\x03\x04") {
        Some("zip")
    } else if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("ole2")
    } else {
        None
    }
}

/// What a file is that holds no table at all, by its first bytes, and
/// what to do instead.
pub fn not_a_table(h: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 8] = [
        (b"SQLite format 3\0", "an SQLite database, not a file to import (to use it as the database, pass --db FILE; to move its data, export it with that --db and import the export)"),
        (b"%PDF-", "a PDF document, which holds no table to import (ask for the table as .xlsx or CSV)"),
        (b"\x1F\x8B", "a gzip-compressed file (unpack it with gunzip and import what it holds)"),
        (b"\x7FELF", "an executable program, not a table (import the .xlsx or CSV file instead)"),
        (b"MZ", "a Windows program (.exe or .dll), not a table (import the .xlsx or CSV file instead)"),
        (b"\xCF\xFA\xED\xFE", "an executable program, not a table (import the .xlsx or CSV file instead)"),
        (b"Rar!\x1A\x07", "a RAR archive (unpack it and import what it holds)"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive (unpack it and import what it holds)"),
    ];
    KINDS
        .iter()
        .find(|(m, _)| h.starts_with(m))
        .map(|(_, w)| *w)
}

/// Refuses a CSV file whose header has cells of question marks only
/// (`????`): the program that saved it replaced the Korean with `?` (an
/// encoding without Hangul), and the text cannot be had back.
pub fn check_question_marks(headers: &[String], file: &str) -> Result<()> {
    let lost = headers
        .iter()
        .map(|h| h.trim())
        .find(|h| h.len() >= 2 && h.chars().all(|c| c == '?' || c == ' '));
    match lost {
        Some(h) => Err(Error::Other(format!(
            "{file}: the header has a cell of question marks only ({h:?}): the Korean of this file was saved as `?` by a program that could not write it, and cannot be read back; nothing was read (save the table again from its workbook as CSV UTF-8, or send the .xlsx itself)"
        ))),
        None => Ok(()),
    }
}

/// Whether the file is UTF-8 Korean (a run of Hangul) up to `bad`, where
/// CP949 Hangul starts: two files in two encodings pasted together, rather
/// than a UTF-8 file with a stray byte.
pub fn utf8_then_cp949(path: &Path, bad: &BadBytes) -> Result<bool> {
    // Up to 16 MiB before the bad byte is enough to tell.
    let from = bad.offset.saturating_sub(16 << 20);
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(from))
        .map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(bad.offset - from + 2)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    let at = usize::try_from(bad.offset - from)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    let cp949_hangul = matches!(bytes[at..], [0xB0..=0xC8, 0xA1..=0xFE, ..]);
    let mut runs = HangulRuns::default();
    runs.feed(&bytes[..at]);
    Ok(cp949_hangul && runs.first.is_some())
}

/// Finds the first run of three Hangul syllables written in UTF-8 (a
/// CP949 file holds such bytes only by rare chance), counting lines.
#[derive(Default)]
pub struct HangulRuns {
    pub newlines: u64,
    /// Bytes of the UTF-8 character being read, and Hangul syllables in a row.
    pending: Vec<u8>,
    run: u32,
    pub first: Option<u64>,
}

impl HangulRuns {
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.first.is_some() {
            return;
        }
        for &b in bytes {
            if b == b'\n' {
                self.newlines += 1;
            }
            match (self.pending.len(), b) {
                (0, 0xEA..=0xED) => self.pending.push(b),
                (1 | 2, 0x80..=0xBF) => {
                    self.pending.push(b);
                    if self.pending.len() == 3 {
                        let c = std::str::from_utf8(&self.pending)
                            .ok()
                            .and_then(|s| s.chars().next());
                        self.pending.clear();
                        if c.is_some_and(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
                            self.run += 1;
                            if self.run >= 3 {
                                self.first = Some(self.newlines + 1);
                                return;
                            }
                        } else {
                            self.run = 0;
                        }
                    }
                }
                _ => {
                    self.pending.clear();
                    if b != b' ' {
                        self.run = 0;
                    }
                }
            }
        }
    }
}

/// Whether a zip archive is an OpenDocument file (its `mimetype` entry,
/// stored first, names one).
pub fn is_ods(bytes: &[u8]) -> bool {
    bytes
        .get(..200)
        .is_some_and(|h| contains(h, b"mimetypeapplication/vnd.oasis.opendocument"))
}

/// A Hancom document (`.hwp`, `.hwpx`), by its marks.
pub fn is_hancom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if contains(head, b"application/hwp+zip") {
        Some("a Hancom Hangul document (.hwpx)")
    } else if sniff(head) == Some("ole2")
        && (contains(bytes, b"HWP Document File")
            || contains(
                bytes,
                "HwpSummaryInformation"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<_>>()
                    .as_slice(),
            ))
    {
        Some("a Hancom Hangul document (.hwp)")
    } else {
        None
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_hold_no_table_are_named() {
        let cases: [(&[u8], &str); 6] = [
            (b"SQLite format 3\0\x10\0", "an SQLite database"),
            (b"%PDF-1.7\n", "a PDF document"),
            (b"\x1F\x8B\x08\0", "a gzip-compressed file"),
            (b"\x7FELF\x02\x01", "an executable program"),
            (b"MZ\x90\0", "a Windows program"),
            (b"Rar!\x1A\x07\0", "a RAR archive"),
        ];
        for (bytes, what) in cases {
            let msg = super::super::decode::tests::scan_bytes(bytes)
                .check_is_text("f.csv")
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with(&format!("f.csv: this is {what}")), "{msg}");
        }
    }

    #[test]
    fn korean_saved_as_question_marks_is_refused() {
        let h = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let msg = check_question_marks(&h(&["measure_code", "????", "status"]), "f.csv")
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("f.csv: the header has a cell of question marks only (\"????\")"),
            "{msg}"
        );
        assert!(check_question_marks(&h(&["과제코드", "?", "note?"]), "f.csv").is_ok());
    }

    #[test]
    fn workbooks_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Some("zip"));
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Some("ole2"));
        assert_eq!(sniff(b"measure_code,status\n"), None);
    }
}
