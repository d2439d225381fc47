//! `import`: load the CSV files and workbooks that ministries send.
//!
//! - `decode`: encodings (detection, lossless streaming decoding, BOMs).
//! - `reader`: the one source of rows (header + records with their lines).
//! - `workbook`: the same rows from a workbook (`.xlsx`, `.xls`, `.ods`).
//! - `sniff`: what a file is (a workbook, no table at all, text in two
//!   encodings).
//! - `headers`: which column is which field, and what kind of file it is.
//! - `check`: reading, parsing and requiring cells; a row's errors.
//! - `kind`: one module per kind of file behind the `FileKind` trait: the
//!   columns it needs, its rows checked (by `crate::rules`) and written
//!   (through the store's writer).
//! - `apply`: one pass inside one transaction; the rejects file.
//!
//! A file is imported all or nothing: its rows are checked and written in
//! one `BEGIN IMMEDIATE` transaction; a bad row (without `--skip-invalid`)
//! or an undecodable byte rolls it all back. The file streams through in
//! chunks of rows (`apply`); what earlier rows did is read back from the
//! database, so memory does not grow with the file.

pub mod apply;
pub mod check;
pub mod decode;
pub mod headers;
pub mod kind;
mod ods;
pub mod reader;
pub mod sniff;
pub mod workbook;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::write::{Commit, Provenance, Session, BULK_ROWS};
use crate::store::Store;
pub use decode::{Choice, Enc};
pub use headers::Kind;
pub use reader::Delim;
use reader::{CsvSource, RowSource};
use workbook::WorkbookSource;
pub use workbook::WorkbookTags;

/// How to import (the command line, checked).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `None`: tell from the headers.
    pub kind: Option<Kind>,
    /// `None`: detect.
    pub encoding: Option<Choice>,
    /// `None`: detect from the header line.
    pub delimiter: Option<Delim>,
    /// Whether the import stays (decided by the command).
    pub commit: Commit,
    pub skip_invalid: bool,
    /// Where the bad rows go with `--skip-invalid`.
    pub rejects: Option<PathBuf>,
    /// The reporter of rows that name none.
    pub ministry: Option<String>,
    /// `--sheet`: the sheet of a workbook to read (`None`: the first with
    /// a header).
    pub sheet: Option<String>,
    /// The round (its code) that the reports of rows naming none answer.
    pub round: Option<String>,
    /// Show a progress bar on stderr for long files (when it is a terminal).
    pub progress: bool,
    /// Today, to warn of reports dated after it (`None`: no warning).
    pub today: Option<NaiveDate>,
    /// The fewest rows left in a file for a bulk load (`None`:
    /// [`BULK_ROWS`]).
    pub bulk_rows: Option<u64>,
    /// Whether to list the stored values each file changes (`--diff`).
    pub diff: bool,
}

/// What importing one file did (the summary line, and the JSON object).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub file: String,
    pub kind: Kind,
    pub encoding: &'static str,
    pub delimiter: &'static str,
    pub rows: u64,
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub dry_run: bool,
    /// How many of its reports went (or would go) to the review queue.
    pub to_review: u64,
    /// With `--diff`: the stored fields and reports the file changed (or
    /// would change), oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<crate::store::log::LogEntry>>,
}

impl Report {
    /// `esm-5-measures.csv: measures, utf-8, comma: 15 rows: 15 inserted,
    /// 0 updated, 0 unchanged, 0 rejected`, with `, 3 to review` when its
    /// reports go to the review queue and ` (dry run: nothing written)`
    /// after a dry run.
    pub fn line(&self) -> String {
        format!(
            "{}: {}, {}, {}: {} row{}: {} inserted, {} updated, {} unchanged, {} rejected{}{}",
            self.file,
            self.kind.name(),
            self.encoding,
            self.delimiter,
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            self.inserted,
            self.updated,
            self.unchanged,
            self.rejected,
            match self.to_review {
                0 => String::new(),
                n => format!(", {n} to review"),
            },
            if self.dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )
    }
}

/// Files shorter than this get no progress bar.
const LONG_FILE: u64 = 4 * 1024 * 1024;

/// The warning for `n` reports dated after `today`, the first at `at`: such
/// a report is the current status at once (`list`, `show`), while reports
/// as of a date count it only from its own date.
pub fn future_warning(at: &str, n: u64, today: NaiveDate) -> String {
    let (reports, are, its) = by_count(
        n,
        ("report is", "it", "its"),
        ("reports are", "them", "their"),
    );
    format!(
        "warning: {at}: {n} {reports} dated after today ({today}); `list` and `show` take {are} as the current status now, reports as of a date count {are} from {its} date on (check for a mistyped year)"
    )
}

/// The warning for `n` reports dated before the meeting that announced
/// their measure, the first at `at`, dated `on`, for a measure of `meeting`
/// held on `held_on`: a measure has no history before its meeting, so such
/// a date is most likely a mistyped year. The report is recorded all the
/// same (the warning cannot know which date is wrong).
pub fn early_warning(at: &str, n: u64, on: NaiveDate, meeting: &str, held_on: NaiveDate) -> String {
    let (reports, its, first) = by_count(
        n,
        ("report is", "its", ""),
        ("reports are", "their", "the first "),
    );
    format!(
        "warning: {at}: {n} {reports} dated before the meeting of {its} measure ({first}{on}; {meeting} was held on {held_on}); check for a mistyped year"
    )
}

/// `one` when `n` is 1, else `many`: the words of a warning that counts
/// reports.
fn by_count<T>(n: u64, one: T, many: T) -> T {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Imports one file on its own, committed or not as `opts.commit` says.
/// `warn` receives notices (unknown columns, rejects).
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<Report> {
    store.session(opts.commit, |s| import_into(s, path, opts, warn))
}

/// A file opened for import: its rows, and how it names itself.
struct Opened {
    source: Box<dyn RowSource>,
    /// Where its rows are in messages: the file, or `file.xlsx:SHEET!`.
    at: String,
    /// The encoding (CSV) or the format of the workbook (`xlsx`).
    encoding: &'static str,
    delimiter: &'static str,
    /// The size, in the unit of `RowSource::position` (bytes for CSV,
    /// rows for a workbook).
    len: u64,
    /// The file's size in bytes: a long one gets a progress bar.
    bytes: u64,
    /// How the rejects file is written.
    rejects: apply::RejectsFormat,
    /// The ministry a template workbook names.
    tags: WorkbookTags,
}

/// Opens `path` as a workbook (by its first bytes) or as CSV text.
fn open(path: &Path, file: &str, opts: &Options, warn: &mut dyn FnMut(String)) -> Result<Opened> {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| crate::error::Error::io(path, e))?;
    if sniff::sniff(&head[..n]).is_some() {
        let source = WorkbookSource::open(path, file, opts.sheet.as_deref())?;
        if let Some(line) = source.passed_over_line(file) {
            warn(line);
        }
        return Ok(Opened {
            at: source.location(file),
            encoding: source.format,
            delimiter: "-",
            len: source.rows_below(),
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
            rejects: apply::RejectsFormat::Workbook {
                sheet: source.sheet.clone(),
            },
            tags: source.tags.clone(),
            source: Box::new(source),
        });
    }
    if let Some(sheet) = &opts.sheet {
        return Err(crate::error::Error::Other(format!(
            "--sheet {sheet:?}: {file} is CSV text, which has no sheets; leave --sheet out"
        )));
    }
    let scan = decode::scan(path, opts.encoding.is_none())?;
    scan.check_is_text(file)?;
    let enc = scan.encoding(opts.encoding, file)?;
    let source = CsvSource::open(path, file, enc, opts.delimiter)?;
    sniff::check_question_marks(source.headers(), file)?;
    Ok(Opened {
        at: file.to_string(),
        encoding: enc.name(),
        delimiter: source.delimiter.name(),
        len: scan.len,
        bytes: scan.len,
        rejects: apply::RejectsFormat::Csv {
            enc,
            delim: source.delimiter,
            crlf: source.crlf,
        },
        tags: WorkbookTags::default(),
        source: Box::new(source),
    })
}

/// Imports one file as part of `session` (the files of one run).
pub fn import_into(
    session: &mut Session<'_>,
    path: &Path,
    opts: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<Report> {
    let file = path.display().to_string();
    let Opened {
        mut source,
        at,
        encoding,
        delimiter,
        len,
        bytes,
        rejects: rejects_format,
        tags,
    } = open(path, &file, opts, warn)?;
    let cols = headers::Columns::map(&file, source.headers())?;
    let kind = match opts.kind {
        Some(k) => k,
        None => cols.kind(&file)?,
    };
    cols.require(&file, kind)?;
    // A rejects file sent back corrected has the `reason` column this
    // tool wrote: read without a word, as its own.
    let unknown: Vec<&str> = cols
        .unknown
        .iter()
        .map(String::as_str)
        .filter(|h| !h.trim().eq_ignore_ascii_case(apply::REASON))
        .collect();
    if !unknown.is_empty() {
        warn(format!(
            "warning: {file}: ignoring unknown column{} {} (see the README for the accepted headers)",
            if unknown.len() == 1 { "" } else { "s" },
            crate::error::clip(&unknown.join(", "), 3 * crate::error::MAX_SHOWN)
        ));
    }
    let mut rejects = match (
        &opts.rejects,
        opts.skip_invalid && opts.commit == Commit::Write,
    ) {
        (Some(dest), true) => Some(apply::Rejects::create(
            dest,
            rejects_format,
            source.headers(),
        )?),
        _ => None,
    };
    let with_rejects = rejects.is_some();
    let bar = (opts.progress && bytes >= LONG_FILE && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_message(file.clone());
        bar
    });
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    // A template workbook's ministry stands in for `--ministry`.
    let ministry = opts.ministry.as_deref().or(tags.ministry.as_deref());
    // And its round stands in for `--round`; a workbook of one round
    // imported with `--round` of another is refused.
    if let (Some(given), Some(stored)) = (opts.round.as_deref(), tags.round.as_deref()) {
        if given != stored {
            return Err(Error::Other(format!(
                "{file}: --round {given}: the workbook answers round {stored}; import it without --round, or send the ministry round {given}'s template"
            )));
        }
    }
    let round = opts.round.as_deref().or(tags.round.as_deref());
    let plan = apply::Plan {
        file: &at,
        len,
        cols: &cols,
        ministry,
        round,
        skip_invalid: opts.skip_invalid,
        bulk_rows: opts.bulk_rows.unwrap_or(BULK_ROWS),
        today: opts.today,
    };
    // The rejects file is moved into place before the transaction commits:
    // a failure to write it leaves the database as it was.
    let provenance = Provenance {
        file_name,
        kind: kind.name().to_string(),
        encoding: encoding.to_string(),
    };
    let pass = session.write(Some(provenance), |tx| {
        let last = tx.last_report()?;
        let r = rejects.as_mut();
        let pass = match kind {
            Kind::Measures => {
                apply::run::<kind::Measures>(tx, &mut *source, &plan, r, bar.as_ref())
            }
            Kind::Updates => apply::run::<kind::Updates>(tx, &mut *source, &plan, r, bar.as_ref()),
            Kind::Meetings => {
                apply::run::<kind::Meetings>(tx, &mut *source, &plan, r, bar.as_ref())
            }
        }?;
        if let Some(r) = rejects.take() {
            r.commit()?;
        }
        let changes = match opts.diff {
            true => Some(tx.changes()?),
            false => None,
        };
        let today = opts.today.unwrap_or_else(|| tx.today());
        let to_review = tx.to_review(today, last)?;
        Ok((pass, changes, to_review))
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let (pass, changes, to_review) = pass?;
    if let (Some((n, line)), Some(today)) = (pass.future, opts.today) {
        warn(future_warning(&crate::error::at(&at, line), n, today));
    }
    if let Some(e) = &pass.early {
        warn(early_warning(
            &crate::error::at(&at, e.line),
            e.n,
            e.reported_on,
            &e.meeting,
            e.held_on,
        ));
    }
    if let (Some(dest), true) = (&opts.rejects, with_rejects) {
        if pass.counts.rejected > 0 {
            warn(format!(
                "{file}: {} bad row{} written to {}",
                pass.counts.rejected,
                if pass.counts.rejected == 1 { "" } else { "s" },
                dest.display()
            ));
        }
    }
    Ok(Report {
        file,
        kind,
        encoding,
        delimiter,
        rows: pass.rows,
        inserted: pass.counts.inserted,
        updated: pass.counts.updated,
        unchanged: pass.counts.unchanged,
        rejected: pass.counts.rejected,
        dry_run: opts.commit == Commit::DryRun,
        to_review,
        changes,
    })
}
