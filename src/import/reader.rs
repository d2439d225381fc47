//! The one place rows come from: a header and records, each with the line it
//! starts on. Validation and writing see only [`RowSource`], so that another
//! format (an `.xlsx` reader) can join by implementing it.
//!
//! The CSV reader streams: the file is decoded on the fly
//! ([`DecodingReader`]) and one record is held at a time.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use csv::StringRecord;
use sha2::{Digest, Sha256};

use super::decode::{bad_bytes, DecodingReader, Enc};
use crate::error::{Error, InputError, Result};

/// One record and the physical line it starts on (1-based; a quoted field
/// that spans lines does not shift the lines of the records after it).
#[derive(Debug, Default, Clone)]
pub struct Row {
    pub line: u64,
    pub record: StringRecord,
}

/// A source of rows; the import reads it on a thread of its own.
pub trait RowSource: Send {
    /// The header row as written.
    fn headers(&self) -> &[String];
    /// Reads the next record into `row`; `false` at the end. An error here
    /// (undecodable bytes, broken file) ends the import of the file.
    fn read(&mut self, row: &mut Row) -> Result<bool>;
    /// Input bytes consumed so far, for a progress bar.
    fn position(&self) -> u64;
    /// The SHA-256 of the bytes read, to be taken once the last row was
    /// read (the thread that reads keeps the source until it ends).
    fn sha256(&self) -> FileHash;
}

/// The SHA-256 of a file, computed from the bytes as the import reads them,
/// on the reading thread: no pass of its own over the file (in software, as
/// on a CPU without SHA instructions, hashing a file costs about a tenth of
/// importing it), and what is hashed is exactly what was imported.
#[derive(Clone, Default)]
pub struct FileHash(Arc<Mutex<Sha256>>);

impl FileHash {
    /// The digest of what was read so far, in lowercase hex.
    pub fn hex(&self) -> String {
        let hasher = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Hashes `bytes` (a file read whole, as a workbook is).
    pub fn update(&self, bytes: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .update(bytes);
    }
}

/// Hashes every byte read through it into a [`FileHash`].
struct Hashing<R> {
    inner: R,
    hash: FileHash,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .update(&buf[..n]);
        Ok(n)
    }
}

/// The field delimiter of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delim {
    Comma,
    Semicolon,
    Tab,
}

impl Delim {
    pub fn byte(self) -> u8 {
        match self {
            Delim::Comma => b',',
            Delim::Semicolon => b';',
            Delim::Tab => b'\t',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Delim::Comma => "comma",
            Delim::Semicolon => "semicolon",
            Delim::Tab => "tab",
        }
    }
}

/// `--delimiter`: `None` for auto.
pub fn parse_delimiter(s: &str) -> Result<Option<Delim>, InputError> {
    const ALLOWED: &str = "auto, ',' (comma), ';' (semicolon) or tab ('\\t')";
    match s
        .trim_matches(|c: char| c == ' ')
        .to_ascii_lowercase()
        .as_str()
    {
        "auto" => Ok(None),
        "," | "comma" => Ok(Some(Delim::Comma)),
        ";" | "semicolon" => Ok(Some(Delim::Semicolon)),
        "\t" | "\\t" | "tab" => Ok(Some(Delim::Tab)),
        "" => Err(InputError::new("empty delimiter", s, ALLOWED)),
        _ => Err(InputError::new("unknown delimiter", s, ALLOWED)),
    }
}

/// The delimiter that occurs most often in the header line outside quotes
/// (comma when none does, or on a tie with it), and whether the line ends in
/// CRLF.
fn sniff(head: &str) -> (Delim, bool) {
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    let mut quoted = false;
    let mut crlf = false;
    let mut prev = '\0';
    for c in head.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            '\n' if !quoted => {
                crlf = prev == '\r';
                break;
            }
            _ => {}
        }
        prev = c;
    }
    let delim = if tab > comma && tab >= semi {
        Delim::Tab
    } else if semi > comma && semi > tab {
        Delim::Semicolon
    } else {
        Delim::Comma
    };
    (delim, crlf)
}

/// Passes decoded text through to the CSV parser and notes, for each line
/// that starts with content, its byte offset and line number. The CSV
/// parser reports where it began reading a record (right after the previous
/// one), which is before any blank lines it skips; the first content byte at
/// or after that offset is where the record really starts.
struct LineMarks<R> {
    inner: R,
    pos: u64,
    newlines: u64,
    after_break: bool,
    /// (offset of a line's first content byte, its line number), pruned as
    /// records are read, so it holds at most the parser's read-ahead.
    marks: Arc<Mutex<VecDeque<(u64, u64)>>>,
    /// Where the text is in CSV's quoting, as the parser reads it (a `"` at
    /// the start of a cell opens a quoted cell, `""` inside one is a quote,
    /// the next `"` closes it, a `"` elsewhere is text): a file that ends
    /// inside a quoted cell is broken (the parser would take the rest of the
    /// file as that cell), which the parser does not report.
    quoted: bool,
    /// A `"` inside a quoted cell was the last byte: a closing quote, or
    /// the first of `""`.
    quote_pending: bool,
    /// The last byte read (a line break before the first).
    prev: u8,
    delimiter: u8,
    /// The line on which the quoted cell now open was opened.
    opened_on: u64,
}

impl<R> LineMarks<R> {
    /// Whether the text read so far ends inside a quoted cell.
    fn in_quoted_cell(&self) -> bool {
        self.quoted && !self.quote_pending
    }
}

impl<R: Read> Read for LineMarks<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut marks = lock(&self.marks);
        let delimiter = self.delimiter;
        let (mut pos, mut newlines, mut after_break) = (self.pos, self.newlines, self.after_break);
        let (mut quoted, mut pending, mut prev) = (self.quoted, self.quote_pending, self.prev);
        for &b in &buf[..n] {
            if b == b'"' {
                if quoted {
                    pending = !pending;
                } else if prev == delimiter || prev == b'\n' || prev == b'\r' {
                    quoted = true;
                    self.opened_on = newlines + 1;
                }
            } else if pending {
                // The quote before this byte closed the cell.
                pending = false;
                quoted = false;
            }
            prev = b;
            match b {
                b'\n' => {
                    newlines += 1;
                    after_break = true;
                }
                b'\r' => after_break = true,
                _ => {
                    if after_break {
                        marks.push_back((pos, newlines + 1));
                    }
                    after_break = false;
                }
            }
            pos += 1;
        }
        (self.pos, self.newlines, self.after_break) = (pos, newlines, after_break);
        (self.quoted, self.quote_pending, self.prev) = (quoted, pending, prev);
        Ok(n)
    }
}

/// The marks, also after a panic while they were held (they stay valid).
fn lock(marks: &Mutex<VecDeque<(u64, u64)>>) -> MutexGuard<'_, VecDeque<(u64, u64)>> {
    marks.lock().unwrap_or_else(|e| e.into_inner())
}

/// The line of the first content byte at or after `offset`.
fn line_at(marks: &Mutex<VecDeque<(u64, u64)>>, offset: u64) -> Option<u64> {
    let mut marks = lock(marks);
    while marks.front().is_some_and(|(o, _)| *o < offset) {
        marks.pop_front();
    }
    marks.front().map(|(_, line)| *line)
}

/// A CSV file as rows.
pub struct CsvSource {
    rdr: csv::Reader<LineMarks<DecodingReader<BufReader<Hashing<File>>>>>,
    marks: Arc<Mutex<VecDeque<(u64, u64)>>>,
    hash: FileHash,
    headers: Vec<String>,
    file: String,
    progress: Arc<AtomicU64>,
    pub delimiter: Delim,
    /// The header line ended in CRLF (the rejects file copies it).
    pub crlf: bool,
}

impl CsvSource {
    /// Opens `path` in `enc`; `delimiter` `None` detects it from the header
    /// line. `file` names the file in messages.
    pub fn open(path: &Path, file: &str, enc: Enc, delimiter: Option<Delim>) -> Result<Self> {
        let hash = FileHash::default();
        let open = |hash: FileHash| -> Result<DecodingReader<BufReader<Hashing<File>>>> {
            let inner = File::open(path).map_err(|e| Error::io(path, e))?;
            Ok(DecodingReader::new(
                BufReader::new(Hashing { inner, hash }),
                enc,
            ))
        };
        // The start of the file, decoded, to sniff the delimiter.
        let mut head = Vec::new();
        open(FileHash::default())?
            .take(64 * 1024)
            .read_to_end(&mut head)
            .or_else(|e| match bad_bytes(&e) {
                // Bad bytes after the header are reported with their line by
                // the real read below; here only the start matters.
                Some(_) if !head.is_empty() => Ok(0),
                Some(b) => Err(b.error(file)),
                None => Err(Error::io(path, e)),
            })?;
        let head = String::from_utf8_lossy(&head);
        let (sniffed, crlf) = sniff(&head);
        let delimiter = delimiter.unwrap_or(sniffed);

        let reader = open(hash.clone())?;
        let progress = reader.progress();
        let marks = Arc::new(Mutex::new(VecDeque::new()));
        let reader = LineMarks {
            inner: reader,
            pos: 0,
            newlines: 0,
            after_break: true,
            marks: Arc::clone(&marks),
            quoted: false,
            quote_pending: false,
            prev: b'\n',
            delimiter: delimiter.byte(),
            opened_on: 0,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter.byte())
            .from_reader(reader);
        let mut first = StringRecord::new();
        let has = rdr
            .read_record(&mut first)
            .map_err(|e| csv_error(file, e))?;
        if !has {
            return Err(Error::Other(format!(
                "{file}: the file is empty; expected a header row (see the README for the columns)"
            )));
        }
        Ok(CsvSource {
            rdr,
            marks,
            hash,
            headers: first.iter().map(str::to_string).collect(),
            file: file.to_string(),
            progress,
            delimiter,
            crlf,
        })
    }
}

impl RowSource for CsvSource {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn read(&mut self, row: &mut Row) -> Result<bool> {
        let more = self
            .rdr
            .read_record(&mut row.record)
            .map_err(|e| csv_error(&self.file, e))?;
        let marks = self.rdr.get_ref();
        if !more && marks.in_quoted_cell() {
            return Err(Error::Other(format!(
                "{}:{}: a quoted cell opened on this line is never closed (the rest of the file \
                 would be its text); nothing was written (close the cell with \", and write a \
                 quote inside a cell as \"\")",
                self.file, marks.opened_on
            )));
        }
        let start = row.record.position().map(|p| p.byte()).unwrap_or(0);
        row.line = line_at(&self.marks, start)
            .or_else(|| row.record.position().map(|p| p.line()))
            .unwrap_or(0);
        Ok(more)
    }

    fn position(&self) -> u64 {
        self.progress.load(Ordering::Relaxed)
    }

    fn sha256(&self) -> FileHash {
        self.hash.clone()
    }
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => match bad_bytes(&io) {
            Some(b) => b.error(file),
            None => Error::io(file, io),
        },
        other => Error::Other(format!(
            "{file}:{}: cannot read the CSV: {other:?}",
            line.unwrap_or(0)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_delimiter_outside_quotes() {
        assert_eq!(sniff("a,b,c\n"), (Delim::Comma, false));
        assert_eq!(sniff("a;b;c\r\nx,y,z,w,v\n"), (Delim::Semicolon, true));
        assert_eq!(sniff("a\tb\tc\n"), (Delim::Tab, false));
        assert_eq!(sniff("\"a,b,c\";d;e\n"), (Delim::Semicolon, false));
        assert_eq!(sniff("only"), (Delim::Comma, false));
        assert_eq!(sniff("a\t\"x;y;z\"\n"), (Delim::Tab, false));
    }

    #[test]
    fn parses_delimiter_choices() {
        crate::parse::check::assert_reads(
            parse_delimiter,
            [
                ("auto", None),
                (",", Some(Delim::Comma)),
                (";", Some(Delim::Semicolon)),
                ("tab", Some(Delim::Tab)),
                ("\\t", Some(Delim::Tab)),
                ("\t", Some(Delim::Tab)),
                ("Tab", Some(Delim::Tab)),
                ("COMMA", Some(Delim::Comma)),
            ],
        );
        assert!(parse_delimiter("|").is_err());
        let empty = parse_delimiter("").unwrap_err();
        assert_eq!(empty.why, "empty delimiter");
        assert!(parse_delimiter("  ").is_err());
    }

    #[test]
    fn rows_carry_the_line_they_start_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut src = open(&dir, "a,b\n1,\"x\ny\nz\"\n\n2,w\n").unwrap();
        assert_eq!(src.headers(), ["a", "b"]);
        let mut row = Row::default();
        assert!(src.read(&mut row).unwrap());
        assert_eq!(row.line, 2);
        assert_eq!(&row.record[1], "x\ny\nz");
        assert!(src.read(&mut row).unwrap());
        assert_eq!(row.line, 6);
        assert!(!src.read(&mut row).unwrap());
    }

    #[test]
    fn crlf_and_blank_lines_keep_line_numbers_right() {
        let dir = tempfile::tempdir().unwrap();
        let mut src = open(&dir, "a;b\r\n\r\n\r\n1;\"x\r\ny\"\r\n2;z\r\n\r\n3;w").unwrap();
        assert_eq!(src.delimiter, Delim::Semicolon);
        assert!(src.crlf);
        let mut lines = Vec::new();
        let mut row = Row::default();
        while src.read(&mut row).unwrap() {
            lines.push((row.line, row.record[0].to_string()));
        }
        assert_eq!(
            lines,
            [
                (4, "1".to_string()),
                (6, "2".to_string()),
                (8, "3".to_string())
            ]
        );
    }

    /// `text` written to a UTF-8 file in `dir`, opened.
    fn open(dir: &tempfile::TempDir, text: &str) -> Result<CsvSource> {
        let p = dir.path().join("f.csv");
        std::fs::write(&p, text).unwrap();
        CsvSource::open(&p, "f.csv", Enc::Utf8, None)
    }

    /// Every row a file holds, or the error that ends it.
    fn all_rows(text: &str) -> Result<Vec<(u64, Vec<String>)>> {
        let dir = tempfile::tempdir().unwrap();
        let mut src = open(&dir, text)?;
        let mut rows = Vec::new();
        let mut row = Row::default();
        while src.read(&mut row)? {
            rows.push((row.line, row.record.iter().map(str::to_string).collect()));
        }
        Ok(rows)
    }

    #[test]
    fn a_file_that_ends_inside_a_quoted_cell_is_refused_at_the_line_that_opened_it() {
        let err = all_rows("a,b\n1,x\n2,\"open\n3,y\n4,z\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("f.csv:3: a quoted cell"), "{err}");
        assert!(err.contains("never closed"), "{err}");
        // In the last cell of a CRLF file, as a spreadsheet's notes column.
        let err = all_rows("a;b\r\n1;\"x\"\"y\"\r\n2;\"z\r\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("f.csv:3:"), "{err}");
    }

    #[test]
    fn closed_quotes_and_quotes_inside_text_are_cells_as_written() {
        let rows = all_rows("a,b\n1,\"x,\"\"y\"\"\nz\"\n2,5\" screen\n3,\"\"\n").unwrap();
        let cells: Vec<_> = rows.iter().map(|(l, r)| (*l, r[1].as_str())).collect();
        assert_eq!(cells, [(2, "x,\"y\"\nz"), (4, "5\" screen"), (5, "")]);
        // A delimiter other than the comma: a comma does not end a cell.
        let rows = all_rows("a;b\n1;x,\"y\n2;\"w\"\n").unwrap();
        assert_eq!(rows[1], (3, vec!["2".to_string(), "w".to_string()]));
    }
}
