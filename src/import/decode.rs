//! Text encodings of import files: detection, lossless streaming decoding to
//! UTF-8, and encoding back (for the rejects file).
//!
//! Detection (`--encoding auto`): a byte-order mark decides (UTF-8, UTF-16 LE,
//! UTF-16 BE); otherwise a file that is valid UTF-8 throughout is UTF-8, else
//! one that is valid CP949 throughout is CP949 (encoding_rs `EUC_KR`, the
//! WHATWG windows-949 superset that Korean Excel writes). Anything else is
//! refused with a request for `--encoding`. Decoding never replaces: a byte
//! sequence that is invalid in the encoding stops the import with the line
//! and byte offset where it sits.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use encoding_rs::{DecoderResult, EUC_KR, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, InputError, Result};

/// The encodings import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// CP949 / EUC-KR.
    Cp949,
    /// UTF-16 little endian; `bom` when the file starts with one.
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
}

impl Enc {
    /// The name reported in the summary, JSON and the imports table.
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "utf-8",
            Enc::Utf8Bom => "utf-8-bom",
            Enc::Cp949 => "cp949",
            Enc::Utf16Le { .. } => "utf-16le",
            Enc::Utf16Be { .. } => "utf-16be",
        }
    }

    fn decoder(self) -> encoding_rs::Decoder {
        match self {
            Enc::Utf8 | Enc::Utf8Bom => UTF_8.new_decoder_with_bom_removal(),
            Enc::Cp949 => EUC_KR.new_decoder_without_bom_handling(),
            Enc::Utf16Le { .. } => UTF_16LE.new_decoder_with_bom_removal(),
            Enc::Utf16Be { .. } => UTF_16BE.new_decoder_with_bom_removal(),
        }
    }

    /// `text` in this encoding, for writing back (the rejects file). A
    /// character CP949 cannot hold becomes an HTML numeric reference, which
    /// only happens for text this program adds (reasons), never for cells
    /// that were read from a CP949 file.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Enc::Utf8 | Enc::Utf8Bom => text.as_bytes().to_vec(),
            Enc::Cp949 => EUC_KR.encode(text).0.into_owned(),
            Enc::Utf16Le { .. } => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Enc::Utf16Be { .. } => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        }
    }

    /// The byte-order mark to start a written file with, if the input had one.
    pub const fn bom(self) -> &'static [u8] {
        match self {
            Enc::Utf8Bom => b"\xEF\xBB\xBF",
            Enc::Utf16Le { bom: true } => b"\xFF\xFE",
            Enc::Utf16Be { bom: true } => b"\xFE\xFF",
            _ => b"",
        }
    }
}

/// What `--encoding` accepts.
const ENCODINGS: &str = "auto, utf-8, cp949 (or euc-kr), utf-16, utf-16le, utf-16be";

/// `--encoding`: `None` for auto, else the encoding asked for. For `utf-16`
/// the byte-order mark decides the byte order (little endian without one).
pub fn parse_choice(s: &str) -> Result<Option<Choice>, InputError> {
    let key: String = crate::parse::normalize_key(s)
        .chars()
        .filter(|c| *c != '-')
        .collect();
    Ok(Some(match key.as_str() {
        "auto" => return Ok(None),
        "" => return Err(InputError::new("empty encoding", s, ENCODINGS)),
        "utf8" => Choice::Utf8,
        "cp949" | "euckr" | "ms949" | "windows949" | "uhc" => Choice::Cp949,
        "utf16" => Choice::Utf16,
        "utf16le" => Choice::Utf16Le,
        "utf16be" => Choice::Utf16Be,
        _ => return Err(InputError::new("unknown encoding", s, ENCODINGS)),
    }))
}

/// An encoding given with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Utf8,
    Cp949,
    Utf16,
    Utf16Le,
    Utf16Be,
}

/// Where a byte sequence failed to decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    /// 1-based line of the decoded text where the bad bytes sit.
    pub line: u64,
    /// Byte offset in the file (0-based) of the first bad byte.
    pub offset: u64,
    /// The offending bytes, for the message.
    pub bytes: Vec<u8>,
    pub encoding: &'static str,
}

impl BadBytes {
    /// The bytes in hex; with none (the decoder had taken them in while it
    /// waited for the rest of a character), that the file ends inside one.
    fn hex(&self) -> String {
        if self.bytes.is_empty() {
            return "the file ends inside a character".into();
        }
        self.bytes
            .iter()
            .map(|b| format!("0x{b:02X}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The one-line error for `file`.
    pub fn error(&self, file: &str) -> Error {
        Error::Other(format!(
            "{file}:{}: byte offset {}: invalid {} byte sequence ({}); nothing was written (if the file is in another encoding, pass --encoding utf-8, cp949 or utf-16)",
            self.line,
            self.offset,
            self.encoding,
            self.hex()
        ))
    }
}

impl fmt::Display for BadBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, byte offset {} ({})",
            self.line,
            self.offset,
            self.hex()
        )
    }
}

impl std::error::Error for BadBytes {}

/// A streaming, lossless decoder: counts lines of its output and the input
/// bytes it consumed, and reports the first invalid sequence as [`BadBytes`].
struct Validator {
    decoder: encoding_rs::Decoder,
    name: &'static str,
    /// Input bytes consumed so far.
    consumed: u64,
    /// Newlines produced so far.
    newlines: u64,
}

impl Validator {
    fn new(enc: Enc) -> Self {
        Validator {
            decoder: enc.decoder(),
            name: enc.name(),
            consumed: 0,
            newlines: 0,
        }
    }

    /// Decodes as much of `src` as fits into `dst`; returns (input bytes
    /// read, output bytes written).
    fn step(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> Result<(usize, usize, bool), BadBytes> {
        let (result, read, written) = self
            .decoder
            .decode_to_utf8_without_replacement(src, dst, last);
        self.newlines += dst[..written].iter().filter(|b| **b == b'\n').count() as u64;
        match result {
            DecoderResult::Malformed(bad, after) => {
                let bad = bad as usize;
                let after = after as usize;
                // The bad sequence may have begun in the previous buffer.
                let end = read.saturating_sub(after);
                let start = end.saturating_sub(bad);
                Err(BadBytes {
                    line: self.newlines + 1,
                    offset: (self.consumed + end as u64).saturating_sub(bad as u64),
                    bytes: src[start..end].to_vec(),
                    encoding: self.name,
                })
            }
            DecoderResult::InputEmpty => {
                self.consumed += read as u64;
                Ok((read, written, true))
            }
            DecoderResult::OutputFull => {
                self.consumed += read as u64;
                Ok((read, written, false))
            }
        }
    }
}

/// What one read of the raw bytes found: the size, the start of the file,
/// and whether it is valid UTF-8 and valid CP949 throughout. (The SHA-256
/// is taken as the import reads the file: `reader::FileHash`.)
pub struct Scan {
    pub len: u64,
    head: Vec<u8>,
    utf8: Result<(), BadBytes>,
    cp949: Result<(), BadBytes>,
    /// Text that is valid UTF-8 and not ASCII came before the first byte
    /// that is not UTF-8 (a file saved in two encodings).
    utf8_text_before_bad: bool,
    /// The line of the first run of Hangul in UTF-8 after the first byte
    /// that is not UTF-8 (CP949 text, then UTF-8 text).
    utf8_hangul_after_bad: Option<u64>,
}

const CHUNK: usize = 64 * 1024;

/// Reads the file once for the validity checks when `check` is set
/// (auto-detection; a check stops at the first bad sequence), else only its
/// start.
pub fn scan(path: &Path, check: bool) -> Result<Scan> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::new();
    let mut len = 0u64;
    let mut buf = vec![0u8; CHUNK];
    let mut out = vec![0u8; CHUNK * 3 + 16];
    let mut utf8 = check.then(|| Validator::new(Enc::Utf8));
    let mut cp949 = check.then(|| Validator::new(Enc::Cp949));
    let mut utf8_bad: Option<BadBytes> = None;
    let mut cp949_bad = None;
    let mut hangul = super::sniff::HangulRuns::default();
    let whole = loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        let last = n == 0;
        let chunk = &buf[..n];
        len += n as u64;
        if head.len() < 4096 {
            let take = (4096 - head.len()).min(n);
            head.extend_from_slice(&chunk[..take]);
        }
        let start = len - n as u64;
        if utf8_bad.is_some() {
            hangul.feed(chunk);
        }
        for (validator, bad) in [(&mut utf8, &mut utf8_bad), (&mut cp949, &mut cp949_bad)] {
            if let Some(v) = validator {
                if let Err(e) = feed(v, chunk, &mut out, last) {
                    *bad = Some(e);
                    *validator = None;
                }
            }
        }
        if let (Some(b), true) = (&utf8_bad, hangul.newlines == 0 && hangul.first.is_none()) {
            // Start counting lines where UTF-8 failed (its own line).
            if b.offset >= start {
                let at = usize::try_from(b.offset - start).unwrap_or(n).min(n);
                hangul.newlines = b.line - 1;
                hangul.feed(&chunk[at..]);
            }
        }
        if last {
            break true;
        }
        if utf8.is_none() && cp949.is_none() && head.len() >= 4096 {
            break false;
        }
    };
    if !whole {
        len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    }
    let utf8_text_before_bad = match &utf8_bad {
        Some(b) if check => super::sniff::utf8_then_cp949(path, b)?,
        _ => false,
    };
    Ok(Scan {
        len,
        head,
        utf8: utf8_bad.map_or(Ok(()), Err),
        cp949: cp949_bad.map_or(Ok(()), Err),
        utf8_text_before_bad,
        utf8_hangul_after_bad: hangul.first,
    })
}

fn feed(v: &mut Validator, mut src: &[u8], out: &mut [u8], last: bool) -> Result<(), BadBytes> {
    loop {
        let (read, _, input_empty) = v.step(src, out, last)?;
        src = &src[read..];
        if input_empty {
            return Ok(());
        }
    }
}

impl Scan {
    /// Refuses a file whose first bytes show it is a spreadsheet or a web
    /// page rather than text in rows: an `.xlsx` (a zip archive), an Excel
    /// 97–2003 or Hancom document (OLE2), an HTML table saved as `.xls`, or
    /// an Excel XML workbook. Read as CSV they fail on an encoding or a
    /// header, with a hint (`--encoding`) that cannot help.
    pub fn check_is_text(&self, file: &str) -> Result<()> {
        let h = self.head.as_slice();
        let what = if let Some(what) = super::sniff::not_a_table(h) {
            return Err(Error::Other(format!(
                "{file}: this is {what}; nothing was read"
            )));
        } else if h.starts_with(b"PK\x03\x04") {
            "a zip archive (an Excel workbook .xlsx, or a Hancom .cell or .hwpx document)"
        } else if h.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            "a binary Office document (an Excel 97-2003 .xls, or a Hancom Cell or Hangul file)"
        } else if looks_like_markup(h) {
            "a web page or XML spreadsheet (as some systems save an .xls), not CSV text"
        } else {
            return Ok(());
        };
        Err(Error::Other(format!(
            "{file}: this is {what}; nothing was read (open it in Excel, Hancom Cell or LibreOffice and save it as CSV UTF-8)"
        )))
    }

    /// The encoding to read the file with: `choice` if given (the byte-order
    /// mark still decides UTF-16's byte order and is skipped), else detected.
    pub fn encoding(&self, choice: Option<Choice>, file: &str) -> Result<Enc> {
        let h = &self.head;
        let utf8_bom = h.starts_with(b"\xEF\xBB\xBF");
        let le_bom = h.starts_with(b"\xFF\xFE");
        let be_bom = h.starts_with(b"\xFE\xFF");
        match choice {
            Some(Choice::Utf8) => Ok(if utf8_bom { Enc::Utf8Bom } else { Enc::Utf8 }),
            Some(Choice::Cp949) => Ok(Enc::Cp949),
            Some(Choice::Utf16) if be_bom => Ok(Enc::Utf16Be { bom: true }),
            Some(Choice::Utf16 | Choice::Utf16Le) => Ok(Enc::Utf16Le { bom: le_bom }),
            Some(Choice::Utf16Be) => Ok(Enc::Utf16Be { bom: be_bom }),
            None if utf8_bom => Ok(Enc::Utf8Bom),
            None if le_bom => Ok(Enc::Utf16Le { bom: true }),
            None if be_bom => Ok(Enc::Utf16Be { bom: true }),
            None => self.detect(file),
        }
    }

    fn detect(&self, file: &str) -> Result<Enc> {
        if let Some(order) = utf16_without_bom(&self.head) {
            return Err(Error::Other(format!(
                "{file}: looks like UTF-16 {order} without a byte-order mark; pass --encoding utf-16{}",
                if order == "little endian" { "le" } else { "be" }
            )));
        }
        if let Err(u) = &self.utf8 {
            let mixed = if self.utf8_text_before_bad {
                Some(format!(
                    "UTF-8 Korean before line {}, then bytes that are not UTF-8 at {u}",
                    u.line
                ))
            } else {
                self.utf8_hangul_after_bad.map(|line| {
                    format!("bytes that are not UTF-8 from line {} (CP949?), and UTF-8 Korean at line {line}", u.line)
                })
            };
            if let Some(how) = mixed {
                return Err(Error::Other(format!(
                    "{file}: mixes two encodings ({how}); nothing was read (open it, save the whole file again as CSV UTF-8, or fix the lines that show as broken characters)"
                )));
            }
        }
        match (&self.utf8, &self.cp949) {
            (Ok(()), _) => Ok(Enc::Utf8),
            (Err(_), Ok(())) => Ok(Enc::Cp949),
            (Err(u), Err(c)) => Err(Error::Other(format!(
                "{file}: cannot tell the encoding: not UTF-8 (invalid at {u}) and not CP949 (invalid at {c}); pass --encoding utf-8, cp949, utf-16le or utf-16be"
            ))),
        }
    }
}

/// Whether the text starts (after a UTF-8 byte-order mark and white space)
/// with an HTML or XML tag: `<html`, `<!doctype`, `<table`, `<?xml`.
fn looks_like_markup(head: &[u8]) -> bool {
    let h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = h
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(h.len());
    let h = &h[start..];
    ["<html", "<!doctype", "<table", "<?xml"]
        .iter()
        .any(|tag| h.len() >= tag.len() && h[..tag.len()].eq_ignore_ascii_case(tag.as_bytes()))
}

/// "little endian" / "big endian" when the start of the file has the NUL
/// bytes of ASCII text in UTF-16 (a quarter or more of the even or odd bytes
/// are NUL, and the other half has almost none).
fn utf16_without_bom(head: &[u8]) -> Option<&'static str> {
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 4 >= pairs && even * 16 < pairs {
        Some("little endian")
    } else if even * 4 >= pairs && odd * 16 < pairs {
        Some("big endian")
    } else {
        None
    }
}

/// A `Read` of the file as UTF-8, decoded on the fly without replacement. An
/// invalid sequence is an `io::Error` of kind `InvalidData` wrapping
/// [`BadBytes`]. `progress` follows the input bytes consumed.
pub struct DecodingReader<R> {
    inner: R,
    v: Validator,
    inbuf: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    done: bool,
    out: Vec<u8>,
    out_start: usize,
    out_end: usize,
    progress: Arc<AtomicU64>,
}

impl<R: Read> DecodingReader<R> {
    pub fn new(inner: R, enc: Enc) -> Self {
        DecodingReader {
            inner,
            v: Validator::new(enc),
            inbuf: vec![0; CHUNK],
            in_start: 0,
            in_end: 0,
            eof: false,
            done: false,
            out: vec![0; CHUNK * 3 + 16],
            out_start: 0,
            out_end: 0,
            progress: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The number of input bytes consumed, shared for a progress bar.
    pub fn progress(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.progress)
    }

    fn fill(&mut self) -> io::Result<()> {
        while self.out_start == self.out_end && !self.done {
            if self.in_start == self.in_end && !self.eof {
                let n = self.inner.read(&mut self.inbuf)?;
                self.in_start = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            let last = self.eof;
            let (read, written, input_empty) = self
                .v
                .step(&self.inbuf[self.in_start..self.in_end], &mut self.out, last)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            self.progress.store(self.v.consumed, Ordering::Relaxed);
            if last && input_empty {
                self.done = true;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.fill()?;
        let n = (self.out_end - self.out_start).min(buf.len());
        buf[..n].copy_from_slice(&self.out[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

/// The `BadBytes` inside an I/O error from a [`DecodingReader`], if that is
/// what it is.
pub fn bad_bytes(e: &io::Error) -> Option<&BadBytes> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<BadBytes>())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], enc: Enc) -> Result<String, BadBytes> {
        let mut r = DecodingReader::new(bytes, enc);
        let mut s = String::new();
        match r.read_to_string(&mut s) {
            Ok(_) => Ok(s),
            Err(e) => Err(bad_bytes(&e).expect("a decode error").clone()),
        }
    }

    pub fn scan_bytes(bytes: &[u8]) -> Scan {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.csv");
        std::fs::write(&p, bytes).unwrap();
        scan(&p, true).unwrap()
    }

    /// The size is the file's whether the scan reads it all (detecting) or
    /// stops after the start (the encoding given).
    #[test]
    fn the_scan_tells_the_whole_size_also_when_it_stops_early() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.csv");
        let bytes = "과제코드,상태\n".repeat(20_000);
        std::fs::write(&p, &bytes).unwrap();
        assert!(bytes.len() > 4 * CHUNK);
        for check in [true, false] {
            assert_eq!(scan(&p, check).unwrap().len, bytes.len() as u64, "{check}");
        }
    }

    #[test]
    fn decodes_each_encoding_and_drops_boms() {
        let text = "과제코드,상태\nesm-5-01,완료\n";
        let cp949 = EUC_KR.encode(text).0.into_owned();
        assert_eq!(decode_all(&cp949, Enc::Cp949).unwrap(), text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_all(&bom, Enc::Utf8Bom).unwrap(), text);
        let le = [
            Enc::Utf16Le { bom: true }.bom(),
            &Enc::Utf16Le { bom: true }.encode(text),
        ]
        .concat();
        assert_eq!(decode_all(&le, Enc::Utf16Le { bom: true }).unwrap(), text);
        let be = [
            Enc::Utf16Be { bom: true }.bom(),
            &Enc::Utf16Be { bom: true }.encode(text),
        ]
        .concat();
        assert_eq!(decode_all(&be, Enc::Utf16Be { bom: true }).unwrap(), text);
    }

    #[test]
    fn detects_from_bom_then_validity() {
        let text = "과제코드,상태\nesm-5-01,완료\n";
        assert_eq!(
            scan_bytes(text.as_bytes()).encoding(None, "f").unwrap(),
            Enc::Utf8
        );
        let cp949 = EUC_KR.encode(text).0.into_owned();
        assert_eq!(scan_bytes(&cp949).encoding(None, "f").unwrap(), Enc::Cp949);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(scan_bytes(&bom).encoding(None, "f").unwrap(), Enc::Utf8Bom);
        let le = [
            b"\xFF\xFE".as_slice(),
            &Enc::Utf16Le { bom: true }.encode(text),
        ]
        .concat();
        assert_eq!(
            scan_bytes(&le).encoding(None, "f").unwrap(),
            Enc::Utf16Le { bom: true }
        );
        // ASCII is UTF-8.
        assert_eq!(
            scan_bytes(b"a,b\n1,2\n").encoding(None, "f").unwrap(),
            Enc::Utf8
        );
    }

    #[test]
    fn refuses_what_is_neither_and_utf16_without_bom() {
        // 0xFF is invalid in both UTF-8 and CP949.
        let e = scan_bytes(b"a,b\n1,\xFF\xFF\n")
            .encoding(None, "f.csv")
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("cannot tell the encoding"), "{msg}");
        assert!(msg.contains("line 2, byte offset 6"), "{msg}");
        assert!(msg.contains("--encoding"), "{msg}");

        let le = Enc::Utf16Le { bom: false }.encode("measure_code,status\n");
        let msg = scan_bytes(&le)
            .encoding(None, "f.csv")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("utf-16le"), "{msg}");
    }

    #[test]
    fn spreadsheets_and_web_pages_are_told_apart_from_text() {
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
        let cases: [(&[u8], &str); 6] = [
            (xlsx, "a zip archive (an Excel workbook .xlsx"),
            (ole, "an Excel 97-2003 .xls"),
            (b"<html><body><table><tr><td>a</td></tr>", "a web page"),
            (b"\xEF\xBB\xBF\r\n  <!DOCTYPE html>", "a web page"),
            (b"<TABLE border=1><TR><TD>", "a web page"),
            (b"<?xml version=\"1.0\"?>\n<Workbook", "a web page"),
        ];
        for (bytes, what) in cases {
            let msg = scan_bytes(bytes)
                .check_is_text("f.csv")
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with("f.csv: this is "), "{msg}");
            assert!(msg.contains(what), "{msg}");
            assert!(msg.ends_with("save it as CSV UTF-8)"), "{msg}");
        }
        // CSV text, whatever its first cell, passes; so does a cell that
        // only mentions a tag.
        for text in [
            "과제코드,상태\n".as_bytes(),
            b"\xEF\xBB\xBFmeasure_code,status\n",
            b"note,<html>\n",
            b"PK,code\n",
            b"",
        ] {
            assert!(scan_bytes(text).check_is_text("f.csv").is_ok(), "{text:?}");
        }
    }

    #[test]
    fn a_file_in_two_encodings_says_so() {
        // UTF-8 first, then CP949.
        let mut bytes = "과제코드,추진상황\nesm-5-01,추진중\n".as_bytes().to_vec();
        bytes.extend_from_slice(&EUC_KR.encode("esm-5-02,완료\n").0);
        let msg = scan_bytes(&bytes).detect("f.csv").unwrap_err().to_string();
        assert!(
            msg.starts_with("f.csv: mixes two encodings (UTF-8 Korean before line 3"),
            "{msg}"
        );
        // CP949 first, then UTF-8: valid CP949 throughout by chance, but
        // Hangul in UTF-8 after the first byte that is not UTF-8.
        let mut bytes = EUC_KR
            .encode("과제코드,추진상황\nesm-5-01,추진중\n")
            .0
            .into_owned();
        bytes.extend_from_slice("esm-5-02,완료된 과제\n".as_bytes());
        let msg = scan_bytes(&bytes).detect("f.csv").unwrap_err().to_string();
        assert!(msg.contains("and UTF-8 Korean at line 3"), "{msg}");
        // One encoding throughout: no such message.
        let cp = EUC_KR
            .encode("과제코드,추진상황\nesm-5-01,추진중\n")
            .0
            .into_owned();
        assert_eq!(scan_bytes(&cp).detect("f.csv").unwrap(), Enc::Cp949);
    }

    #[test]
    fn reports_line_and_offset_of_bad_bytes() {
        let mut bytes = "a,b\n가,나\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"x,\xC0\xAFz\n");
        let e = decode_all(&bytes, Enc::Utf8).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.offset, "a,b\n가,나\nx,".len() as u64);
        assert_eq!(e.bytes, vec![0xC0]);
        let e = decode_all(b"ab\n\n\x81\x20", Enc::Cp949).unwrap_err();
        assert_eq!((e.line, e.offset), (3, 4));
    }

    #[test]
    fn bad_bytes_across_chunk_boundaries_are_still_found() {
        let mut bytes = vec![b'a'; CHUNK - 1];
        bytes.push(0xEA); // a three-byte lead cut by the chunk boundary
        bytes.push(0x41);
        let e = decode_all(&bytes, Enc::Utf8).unwrap_err();
        assert_eq!(e.offset, (CHUNK - 1) as u64);
        assert_eq!(e.line, 1);
        let mut ok = vec![b'a'; CHUNK - 1];
        ok.extend_from_slice("가".as_bytes());
        assert_eq!(
            decode_all(&ok, Enc::Utf8).unwrap().chars().last(),
            Some('가')
        );
    }

    #[test]
    fn parses_encoding_choices() {
        assert_eq!(parse_choice("auto").unwrap(), None);
        assert_eq!(parse_choice("UTF-8").unwrap(), Some(Choice::Utf8));
        assert_eq!(parse_choice("euc-kr").unwrap(), Some(Choice::Cp949));
        assert_eq!(parse_choice("utf-16le").unwrap(), Some(Choice::Utf16Le));
        assert!(parse_choice("latin1").is_err());
        assert_eq!(parse_choice("").unwrap_err().why, "empty encoding");
        assert_eq!(parse_choice(" ").unwrap_err().why, "empty encoding");
    }
}
