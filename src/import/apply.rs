//! One pass over a file inside its transaction: each row is checked and, as
//! long as the file is still good (or with `--skip-invalid`), written. Bad
//! rows are collected; without `--skip-invalid` any bad row makes the pass
//! fail, which rolls the transaction back, so nothing of the file stays.
//! Also the rejects file: the bad rows as they were, with a `reason` column,
//! in the input's own encoding and delimiter (a workbook's as a workbook).
//!
//! The pass is generic over the kind of file (`kind::FileKind`) and reads
//! rows only through `RowSource`: what a kind checks, writes and looks up
//! is the kind's; the writes themselves the store's writer's.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;

use chrono::NaiveDate;
use csv::StringRecord;
use indicatif::ProgressBar;

use super::decode::Enc;
use super::headers::Columns;
use super::kind::{Checker, FileKind};
use super::reader::{Delim, FileHash, Row, RowSource};
use crate::error::{Error, Result, RowError, BAD_ROWS_SHOWN};
use crate::export::Destination;
use crate::store::write::{Counts, Writer};

/// What a pass needs to know about its file.
pub struct Plan<'a> {
    /// The file as named in messages.
    pub file: &'a str,
    /// The file's size in bytes.
    pub len: u64,
    pub cols: &'a Columns,
    /// `--ministry`, unresolved.
    pub ministry: Option<&'a str>,
    /// `--round`, a code.
    pub round: Option<&'a str>,
    pub skip_invalid: bool,
    /// The fewest rows left for a bulk load.
    pub bulk_rows: u64,
    /// Today, to count the reports dated after it.
    pub today: Option<NaiveDate>,
}

/// What a pass did.
pub struct Pass {
    pub rows: u64,
    pub counts: Counts,
    /// The reports dated after today: how many, and the line of the first.
    pub future: Option<(u64, u64)>,
    /// The reports dated before the meeting of their measure.
    pub early: Option<Early>,
}

/// Reports dated before the meeting that announced their measure: how
/// many, and the first of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Early {
    pub n: u64,
    pub line: u64,
    pub reported_on: NaiveDate,
    pub meeting: String,
    pub held_on: NaiveDate,
}

/// Rows read, checked and written together: the stored measures they name
/// are looked up with one query, and their new rows go out in multi-row
/// INSERTs.
const CHUNK: usize = 1000;

/// Checks and writes every row of `source`, a file of the kind `K`,
/// through `tx`, a chunk at a time.
///
/// Every valid row is written, also after a bad one (the transaction then
/// rolls back at the end): later rows are checked against the database as
/// the rows before them left it, so each bad row is reported as in a run
/// without the others, and nothing but a few chunks is held in memory.
///
/// A second thread reads and decodes the file a chunk ahead (see
/// `ReadAhead`) while this one checks and writes.
pub fn run<K: FileKind>(
    tx: &mut Writer<'_>,
    source: &mut dyn RowSource,
    plan: &Plan<'_>,
    rejects: Option<&mut Rejects>,
    bar: Option<&ProgressBar>,
) -> Result<Pass> {
    let hash = source.sha256();
    std::thread::scope(|scope| {
        let mut ahead = ReadAhead::start(scope, source);
        write_all::<K>(tx, &mut ahead, &hash, plan, rejects, bar)
    })
}

/// Checks and writes the chunks that `ahead` reads; `hash` is the file's
/// SHA-256 once `ahead` has read all of it.
fn write_all<K: FileKind>(
    tx: &mut Writer<'_>,
    ahead: &mut ReadAhead,
    hash: &FileHash,
    plan: &Plan<'_>,
    mut rejects: Option<&mut Rejects>,
    bar: Option<&ProgressBar>,
) -> Result<Pass> {
    let mut known = tx.known()?;
    let ministry = plan
        .ministry
        .map(|m| known.refs.resolve_agency(m))
        .transpose()?;
    let round = match plan.round {
        Some(code) => Some(
            crate::rules::round_open(code, &known)
                .map_err(|reason| Error::Other(format!("--round {code}: {reason}")))?
                .id,
        ),
        None => None,
    };
    let given = super::kind::Given { ministry, round };
    let mut checker = Checker::<K>::new(plan.file, plan.cols, given);
    let mut counts = Counts::default();
    let mut errors: Vec<RowError> = Vec::new();
    let mut rows = 0u64;
    let mut future: Option<(u64, u64)> = None;
    let mut early: Option<Early> = None;
    let mut codes: Vec<String> = Vec::new();
    let bulk = K::bulk_tables(plan.cols);
    let mut bulk_asked = bulk.is_empty();
    while let Some(Chunk {
        rows: chunk,
        n,
        pos,
    }) = ahead.next()?
    {
        if let Some(wrong) = checker.wrong_round(&chunk[..n], &known, plan.round) {
            return Err(Error::Other(wrong));
        }
        codes.clear();
        checker.codes(&chunk[..n], &mut codes);
        codes.sort_unstable();
        codes.dedup();
        tx.load_chunk(&mut known, &codes, K::LOOKUP)?;
        let inserted = counts.inserted;
        for row in &chunk[..n] {
            rows += 1;
            // A row the checks pass may still be refused by what it would
            // write (a cycle of parents): a row error all the same.
            let refused = match checker.check(row, &known) {
                Ok(valid) => match K::write(tx, &mut known, &valid, row.line) {
                    Ok(outcome) => {
                        if K::reported_on(&valid)
                            .zip(plan.today)
                            .is_some_and(|(d, t)| d > t)
                        {
                            future.get_or_insert((0, row.line)).0 += 1;
                        }
                        // The meeting is looked up only for a row with a report.
                        if let Some((on, (meeting, held_on))) = K::reported_on(&valid)
                            .and_then(|on| Some((on, K::meeting(&valid, &known)?)))
                        {
                            if on < held_on {
                                early
                                    .get_or_insert_with(|| Early {
                                        n: 0,
                                        line: row.line,
                                        reported_on: on,
                                        meeting: meeting.to_string(),
                                        held_on,
                                    })
                                    .n += 1;
                            }
                        }
                        counts.add(outcome);
                        None
                    }
                    Err(Error::Import { rows, .. }) => Some(
                        rows.into_iter()
                            .map(|e| RowError {
                                file: plan.file.to_string(),
                                column: plan.cols.header_named(&e.column).to_string(),
                                ..e
                            })
                            .collect::<Vec<_>>(),
                    ),
                    Err(e) => return Err(e),
                },
                Err(errs) => Some(errs),
            };
            if let Some(errs) = refused {
                counts.rejected += 1;
                if let Some(r) = rejects.as_deref_mut() {
                    let reason = errs
                        .iter()
                        .map(|e| format!("{}: {}", e.column, e.reason))
                        .collect::<Vec<_>>()
                        .join("; ");
                    r.write(&row.record, &reason)?;
                }
                // With --skip-invalid the rejects file has them all.
                if !plan.skip_invalid && i64::from(counts.rejected) <= BAD_ROWS_SHOWN as i64 {
                    errors.extend(errs);
                }
            }
        }
        // The first chunk of mostly new rows (a file of unchanged rows
        // writes nothing and keeps the indexes): is the rest a bulk load?
        // Its rows wait in memory until the next chunk, so a bulk load
        // counts them in.
        if !bulk_asked && 2 * (counts.inserted - inserted) as usize >= n {
            bulk_asked = true;
            let coming = n as u64 + rows_after(rows, pos, plan.len);
            tx.bulk_load(&bulk, coming, plan.bulk_rows)?;
        }
        if let Some(bar) = bar {
            bar.set_position(pos);
        }
        ahead.give_back(chunk);
    }
    if counts.rejected > 0 && !plan.skip_invalid {
        return Err(Error::Import {
            file: plan.file.to_string(),
            rows: errors,
            bad_rows: u64::try_from(counts.rejected).unwrap_or_default(),
        });
    }
    // The reading thread sent the end after the last byte: the hash is whole.
    tx.finish(&counts, &hash.hex())?;
    Ok(Pass {
        rows,
        counts,
        future,
        early,
    })
}

/// About how many rows follow the `read` rows that end at byte `pos` of a
/// file of `len` bytes, if the rest is like what was read (none at the end).
fn rows_after(read: u64, pos: u64, len: u64) -> u64 {
    if pos == 0 || pos >= len {
        return 0;
    }
    let after = u128::from(read) * u128::from(len - pos) / u128::from(pos);
    u64::try_from(after).unwrap_or(u64::MAX)
}

/// Rows read ahead: the first `n` of `rows`, and the input bytes consumed
/// up to their end.
struct Chunk {
    rows: Vec<Row>,
    n: usize,
    pos: u64,
}

/// The file read on a thread of its own, a chunk ahead of the checks and
/// writes: reading, decoding and splitting rows (about a tenth of an
/// import) overlap the rest on a second core. Chunks go one way through a
/// channel of one, their emptied vectors come back to be filled again, so
/// at most three chunks exist at a time. A read error comes after the
/// chunks before it, as when read in line; when the writing side stops
/// (an error, the end), the thread's next send fails and it ends too.
struct ReadAhead {
    full: mpsc::Receiver<Result<Chunk>>,
    free: mpsc::Sender<Vec<Row>>,
}

impl ReadAhead {
    fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        source: &'scope mut dyn RowSource,
    ) -> ReadAhead {
        let (full_tx, full) = mpsc::sync_channel(1);
        let (free, free_rx) = mpsc::channel::<Vec<Row>>();
        scope.spawn(move || loop {
            let mut rows = free_rx.try_recv().unwrap_or_default();
            let read = read_chunk(source, &mut rows).map(|n| Chunk {
                rows,
                n,
                pos: source.position(),
            });
            let last = !matches!(&read, Ok(c) if c.n > 0);
            if full_tx.send(read).is_err() || last {
                break;
            }
        });
        ReadAhead { full, free }
    }

    /// The next chunk, `None` at the end of the file.
    fn next(&mut self) -> Result<Option<Chunk>> {
        match self.full.recv() {
            Ok(Ok(c)) if c.n == 0 => Ok(None),
            Ok(Ok(c)) => Ok(Some(c)),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::Other(
                "the file's reading thread stopped unexpectedly".into(),
            )),
        }
    }

    /// A chunk's vector, to be filled again.
    fn give_back(&self, rows: Vec<Row>) {
        let _ = self.free.send(rows);
    }
}

/// Reads up to [`CHUNK`] rows that are not blank into `chunk` (reusing its
/// records); returns how many.
fn read_chunk(source: &mut dyn RowSource, chunk: &mut Vec<Row>) -> Result<usize> {
    let mut n = 0;
    while n < CHUNK {
        if chunk.len() == n {
            chunk.push(Row::default());
        }
        if !source.read(&mut chunk[n])? {
            break;
        }
        if !is_blank(&chunk[n]) {
            n += 1;
        }
    }
    Ok(n)
}

/// Whether every cell of the row is empty (such rows are skipped, as
/// spreadsheets leave them at the end).
fn is_blank(row: &Row) -> bool {
    row.record.iter().all(|c| c.trim().is_empty())
}

/// The column of the rejects file that says why each row was refused.
pub const REASON: &str = "reason";

/// How a rejects file is written: as the input was.
pub enum RejectsFormat {
    /// CSV in the input's encoding, delimiter and line ends.
    Csv { enc: Enc, delim: Delim, crlf: bool },
    /// A workbook with one sheet named as the input's (a `.csv` name gets
    /// CSV for Excel instead: UTF-8 with BOM, CRLF).
    Workbook { sheet: String },
}

/// Where the refused rows go.
enum Sink {
    Csv {
        enc: Enc,
        delim: Delim,
        crlf: bool,
    },
    /// Kept until the end, then written as one workbook.
    Workbook {
        sheet: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// The rejects file, written next to its final name and moved into place
/// when the import succeeds (a failed run leaves no half file behind).
pub struct Rejects {
    out: Destination,
    sink: Sink,
    /// The input's own `reason` column (a rejects file imported again):
    /// the new reason goes there instead of into a second one.
    reason: Option<usize>,
}

impl Rejects {
    /// Starts the file with the input's header and a `reason` column,
    /// unless the input has one.
    pub fn create(dest: &Path, format: RejectsFormat, headers: &[String]) -> Result<Self> {
        let csv_name = dest
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let sink = match format {
            RejectsFormat::Csv { enc, delim, crlf } => Sink::Csv { enc, delim, crlf },
            RejectsFormat::Workbook { .. } if csv_name => Sink::Csv {
                enc: Enc::Utf8Bom,
                delim: Delim::Comma,
                crlf: true,
            },
            RejectsFormat::Workbook { sheet } => Sink::Workbook {
                sheet,
                header: Vec::new(),
                rows: Vec::new(),
            },
        };
        let mut r = Rejects {
            out: Destination::open("--rejects", Some(dest))?,
            sink,
            reason: headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(REASON)),
        };
        if let Sink::Csv { enc, .. } = r.sink {
            r.put(enc.bom())?;
        }
        let mut header = StringRecord::from(headers.to_vec());
        if r.reason.is_none() {
            header.push_field(REASON);
        }
        r.record(&header)?;
        Ok(r)
    }

    /// One bad row, as it was, and why (in place of the reason it had).
    pub fn write(&mut self, record: &StringRecord, reason: &str) -> Result<()> {
        let rec: StringRecord = match self.reason {
            Some(at) => (0..record.len().max(at + 1))
                .map(|i| {
                    if i == at {
                        reason
                    } else {
                        record.get(i).unwrap_or("")
                    }
                })
                .collect(),
            None => {
                let mut rec = record.clone();
                rec.push_field(reason);
                rec
            }
        };
        self.record(&rec)
    }

    fn record(&mut self, rec: &StringRecord) -> Result<()> {
        let (enc, delim, crlf) = match &mut self.sink {
            Sink::Csv { enc, delim, crlf } => (*enc, *delim, *crlf),
            Sink::Workbook { header, rows, .. } => {
                let cells = rec.iter().map(str::to_string).collect();
                if header.is_empty() {
                    *header = cells;
                } else {
                    rows.push(cells);
                }
                return Ok(());
            }
        };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delim.byte())
            .flexible(true)
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        let err = |e: String| Error::Other(format!("cannot write the rejects file: {e}"));
        w.write_record(rec).map_err(|e| err(e.to_string()))?;
        let bytes = w.into_inner().map_err(|e| err(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| err(e.to_string()))?;
        let encoded = enc.encode(&text);
        self.put(&encoded)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .map_err(|e| Error::io(self.out.name(), e))
    }

    /// Flushes and moves the file into place.
    pub fn commit(mut self) -> Result<()> {
        if let Sink::Workbook {
            sheet,
            header,
            rows,
        } = &self.sink
        {
            let bytes = crate::xlsx::rejects(sheet, header, rows)?
                .save_to_buffer()
                .map_err(crate::xlsx::xlsx_error)?;
            self.put(&bytes)?;
        }
        self.out.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::rows_after;

    #[test]
    fn rows_after_scales_what_was_read_to_the_rest_of_the_file() {
        assert_eq!(rows_after(1000, 40_000, 400_000), 9000);
        assert_eq!(rows_after(1000, 400_000, 400_000), 0, "at the end");
        assert_eq!(rows_after(1000, 500_000, 400_000), 0, "past the size read");
        assert_eq!(rows_after(0, 0, 400_000), 0);
        assert_eq!(rows_after(u64::MAX, 1, u64::MAX), u64::MAX);
    }
}
