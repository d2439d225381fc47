//! The CSV files of `export`: where they go, how rows are written,
//! and the `--excel` flavour.
//!
//! This module owns bytes, not data: the store streams rows (see
//! `store::export`) and each is written in the columns of its file
//! (`crate::columns`). Plain CSV is UTF-8 with LF line ends and every cell as
//! stored. `--excel` adds a BOM, uses CRLF and defuses cells that a
//! spreadsheet would read as a formula (OWASP "CSV injection").
//!
//! A file given with `-o` is written to a temporary file beside it and renamed
//! into place only when the whole export succeeded, so a failed export never
//! leaves half a file (nor touches a file that was already there).

use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::columns::Column;
use crate::error::{Error, Result};

pub use crate::columns::{TEMPLATE, TEMPLATE_KO};

/// The UTF-8 byte order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &[u8] = crate::import::decode::Enc::Utf8Bom.bom();

/// The characters that make a spreadsheet read a cell as a formula (or, for
/// tab and CR, hide what follows), when they start the cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `s`, after any `'`s it starts with, starts like a formula: the
/// cells whose first `'` an import drops.
fn formula_like(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell as exported. With `excel`, a cell that starts with `=`, `+`, `-`,
/// `@`, tab or CR gets a `'` in front, which makes Excel and LibreOffice show
/// it as text instead of evaluating it. A stored value that already starts
/// with `'` before such a character gets one more `'` in every export, since
/// an import drops one ([`unexcel_cell`]): what is exported reads back as
/// stored. Every other cell is written as stored.
pub fn export_cell(s: &str, excel: bool) -> Cow<'_, str> {
    if formula_like(s) && (excel || s.starts_with('\'')) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The inverse of [`export_cell`], for import: drops one `'` before `=`,
/// `+`, `-`, `@`, tab or CR (after any further `'`s), since spreadsheets
/// keep the `'` of `export --excel` as part of the text when they save the
/// file again.
pub fn unexcel_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

/// Where an export goes: standard output, or a file that appears only once
/// it is complete.
pub enum Destination {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        /// The file the user asked for.
        path: PathBuf,
        /// The temporary file beside it that is being written.
        temp: PathBuf,
        out: Option<BufWriter<File>>,
    },
}

/// The folder a file is to be written into (`.` for a bare name), or the
/// error that names the file, given as `what`, when the folder is not there:
/// the system's own error would name a temporary file or another path.
pub fn existing_folder<'p>(what: &str, path: &'p Path) -> Result<&'p Path> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.is_dir() {
        return Ok(dir);
    }
    Err(Error::Other(format!(
        "{what} {}: the folder {} does not exist; create it first, or give a path in an existing folder",
        path.display(),
        dir.display()
    )))
}

/// Checks that `path`, given as `what` (`-o`, `--rejects`), can name a new
/// file: not a directory, with a file name, in a folder that exists. Returns
/// the folder and the name.
pub fn file_target<'p>(what: &str, path: &'p Path) -> Result<(&'p Path, &'p std::ffi::OsStr)> {
    if path.is_dir() {
        return Err(Error::Other(format!(
            "{what} {}: is a directory; give a file name",
            path.display()
        )));
    }
    let name = path.file_name().ok_or_else(|| {
        Error::Other(format!(
            "{what} {}: not a file name; give a file name",
            path.display()
        ))
    })?;
    Ok((existing_folder(what, path)?, name))
}

impl Destination {
    /// Standard output when `path` is `None`, else a temporary file in
    /// `path`'s folder that [`Destination::commit`] renames to `path`;
    /// `what` is the option that named it, for messages.
    pub fn open(what: &str, path: Option<&Path>) -> Result<Destination> {
        let Some(path) = path else {
            return Ok(Destination::Stdout(BufWriter::new(std::io::stdout())));
        };
        let (dir, name) = file_target(what, path)?;
        let mut n = 0u32;
        loop {
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
            let temp = dir.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(f) => {
                    return Ok(Destination::File {
                        path: path.to_path_buf(),
                        temp,
                        out: Some(BufWriter::new(f)),
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
    }

    /// The name to use in messages.
    pub fn name(&self) -> String {
        match self {
            Destination::Stdout(_) => "<stdout>".into(),
            Destination::File { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes; for a file, syncs it and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        match &mut self {
            Destination::Stdout(out) => out.flush().map_err(|e| Error::io("<stdout>", e)),
            Destination::File { path, temp, out } => {
                let out = out.take().expect("committed once");
                let file = out
                    .into_inner()
                    .map_err(|e| Error::io(path.clone(), e.into_error()))?;
                file.sync_all().map_err(|e| Error::io(path.clone(), e))?;
                drop(file);
                std::fs::rename(&*temp, &*path).map_err(|e| Error::io(path.clone(), e))?;
                // Renamed: nothing left for `drop` to clean up.
                *temp = PathBuf::new();
                Ok(())
            }
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File { out, .. } => out
                .as_mut()
                .expect("open until committed or dropped")
                .write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File { out, .. } => match out {
                Some(out) => out.flush(),
                None => Ok(()),
            },
        }
    }
}

impl Drop for Destination {
    /// An export that did not reach `commit` removes its temporary file.
    fn drop(&mut self) {
        if let Destination::File { temp, out, .. } = self {
            drop(out.take());
            if !temp.as_os_str().is_empty() {
                let _ = std::fs::remove_file(&*temp);
            }
        }
    }
}

/// A CSV writer for one export: plain or `--excel`.
pub struct CsvOut<W: Write> {
    w: csv::Writer<W>,
    excel: bool,
    /// For messages: the file name or `<stdout>`.
    name: String,
    /// Data rows written so far (the header not counted).
    pub rows: u64,
}

impl<W: Write> CsvOut<W> {
    /// Starts the file: the BOM for `--excel`, then the header row.
    pub fn new(mut inner: W, excel: bool, name: String, header: &[&str]) -> Result<Self> {
        if excel {
            inner.write_all(BOM).map_err(|e| Error::io(&name, e))?;
        }
        let w = csv::WriterBuilder::new()
            .terminator(if excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(inner);
        let mut out = CsvOut {
            w,
            excel,
            name,
            rows: 0,
        };
        out.record(header.iter().copied())?;
        out.rows = 0;
        Ok(out)
    }

    /// Writes one data row, its cells as [`export_cell`] makes them.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.record(cells.iter().map(AsRef::as_ref))
    }

    /// Writes `row` in `columns`: each cell as CSV writes it, then as
    /// [`export_cell`] makes it. Text cells are written from the row itself.
    pub fn line<R>(&mut self, columns: &[Column<R>], row: &R) -> Result<()> {
        for c in columns {
            self.field(&c.data_cell(row))?;
        }
        self.end()
    }

    fn record<'c>(&mut self, cells: impl Iterator<Item = &'c str>) -> Result<()> {
        for c in cells {
            self.field(c)?;
        }
        self.end()
    }

    fn field(&mut self, cell: &str) -> Result<()> {
        self.w
            .write_field(export_cell(cell, self.excel).as_bytes())
            .map_err(|e| csv_error(&self.name, e))
    }

    fn end(&mut self) -> Result<()> {
        self.w
            .write_record(None::<&[u8]>)
            .map_err(|e| csv_error(&self.name, e))?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes the CSV buffer and hands back the destination.
    pub fn finish(self) -> Result<W> {
        let name = self.name;
        self.w
            .into_inner()
            .map_err(|e| Error::io(&name, e.into_error()))
    }
}

/// `text`, a whole CSV (its first record the header, as a report writes
/// it), again for Excel (`--excel`): the BOM, CRLF, and the cells that
/// would read as formulas prefixed, as [`CsvOut`] writes an export.
pub fn for_excel(text: &[u8], out: &mut dyn Write, name: &str) -> Result<()> {
    let read = |r: csv::Result<csv::StringRecord>| {
        r.map_err(|e| Error::Other(format!("{name}: cannot read the CSV again for Excel: {e}")))
    };
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .into_records();
    let Some(header) = records.next() else {
        return Ok(());
    };
    let header = read(header)?;
    let mut w = CsvOut::new(
        out,
        true,
        name.to_string(),
        &header.iter().collect::<Vec<_>>(),
    )?;
    for r in records {
        w.record(read(r)?.iter())?;
    }
    w.finish().map(drop)
}

fn csv_error(name: &str, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(name, io),
        other => Error::Other(format!("{name}: cannot write CSV: {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(excel: bool, rows: &[&[&str]]) -> Vec<u8> {
        let mut out = CsvOut::new(Vec::new(), excel, "test".into(), &["a", "b"]).unwrap();
        for r in rows {
            out.row(r).unwrap();
        }
        assert_eq!(out.rows, rows.len() as u64);
        out.finish().unwrap()
    }

    #[test]
    fn excel_prefixes_exactly_the_formula_starts() {
        for s in [
            "=SUM(A1)", "+82", "-1", "-규제", "@x", "\tx", "\rx", "=", "-",
        ] {
            assert_eq!(export_cell(s, true), format!("'{s}"), "{s:?}");
            assert_eq!(export_cell(s, false), s, "{s:?}");
        }
        for s in [
            "",
            "규제 -완화",
            "a=b",
            " =x",
            "82+",
            "x@y",
            "a\tb",
            "a\rb",
            "\nx",
            "40",
            "'",
            "'a",
            "''",
        ] {
            assert_eq!(export_cell(s, true), s, "{s:?}");
            assert_eq!(export_cell(s, false), s, "{s:?}");
        }
    }

    #[test]
    fn a_stored_quote_before_a_formula_start_gets_one_more_in_every_export() {
        for s in ["'=1+1", "''-5", "'@x"] {
            assert_eq!(export_cell(s, false), format!("'{s}"), "{s:?}");
            assert_eq!(export_cell(s, true), format!("'{s}"), "{s:?}");
        }
    }

    #[test]
    fn an_import_reads_every_exported_cell_back_as_stored() {
        for s in [
            "=SUM(A1)", "+82", "-1", "@x", "\tx", "\rx", "plain", "'quoted", "", "'=1+1", "''=x",
            "'-5", "'", "''", "'''@",
        ] {
            for excel in [false, true] {
                assert_eq!(unexcel_cell(&export_cell(s, excel)), s, "{s:?} {excel}");
            }
        }
        assert_eq!(
            unexcel_cell("'plain"),
            "'plain",
            "only before a formula start"
        );
        assert_eq!(unexcel_cell("'=x"), "=x");
    }

    #[test]
    fn plain_csv_is_lf_without_bom_and_cells_as_stored() {
        let out = write(
            false,
            &[&["=SUM(A1)", "규제, \"개선\"\n둘째 줄"], &["-1", ""]],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\n=SUM(A1),\"규제, \"\"개선\"\"\n둘째 줄\"\n-1,\n"
        );
    }

    #[test]
    fn excel_csv_has_bom_crlf_and_defused_cells() {
        let out = write(true, &[&["=SUM(A1)", "규제\n개선"], &["@x", "+82"]]);
        let mut want = BOM.to_vec();
        want.extend_from_slice("a,b\r\n'=SUM(A1),\"규제\n개선\"\r\n'@x,'+82\r\n".as_bytes());
        assert_eq!(out, want);
    }

    #[test]
    fn a_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut d = Destination::open("-o", Some(&path)).unwrap();
        d.write_all(b"half").unwrap();
        drop(d);
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        let mut d = Destination::open("-o", Some(&path)).unwrap();
        d.write_all(b"whole").unwrap();
        d.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_export_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, b"old").unwrap();
        let mut d = Destination::open("-o", Some(&path)).unwrap();
        d.write_all(b"new but failed").unwrap();
        drop(d);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn a_missing_folder_or_a_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Destination::open("-o", Some(&dir.path().join("no/such/out.csv"))).is_err());
        assert!(Destination::open("-o", Some(dir.path())).is_err());
    }
}
