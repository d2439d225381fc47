//! What the writer knows while it writes: reference data and meetings (all
//! of them, loaded once per file or command), and the stored measures and
//! reports that the current chunk of rows names, loaded with one query per
//! [`LOOKUP`] codes before the chunk is checked ([`Writer::load_chunk`]).
//!
//! The database itself remembers what earlier chunks did (every valid row
//! is written, also when the run will roll back), so memory does not grow
//! with the file: only meetings, reference data and a chunk are held, plus
//! the line of each measure this file names (4 bytes a measure it creates,
//! about 16 a stored one) and of each stored report it repeats unchanged.
//! The writes themselves are left to the writer (`mod.rs`, `batch.rs`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::Writer;
use crate::error::Result;
use crate::model::{Measure, Meeting};
use crate::schema::{measure_lineage, measures, meetings, round_requests, rounds, status_updates};
use crate::store::Refs;

/// Codes per `IN (…)` lookup.
pub(super) const LOOKUP: usize = 5000;

/// Suggestions looked up per file: each costs a query, and a file of
/// unknown codes needs only the first few to show what is wrong.
const SUGGESTIONS: usize = 20;

/// A measure as the rules need it.
#[derive(Debug, Clone, Copy)]
pub struct KnownMeasure {
    pub id: i32,
    pub meeting_id: i32,
}

/// A stored report, as far as a new one for the same measure and date is
/// compared with it.
#[derive(Debug, Clone)]
pub(super) struct KnownReport {
    /// `None` while it waits for its INSERT.
    pub(super) id: Option<i32>,
    pub(super) status: String,
    pub(super) progress: Option<i32>,
    pub(super) reported_by: Option<i32>,
    pub(super) note: Option<String>,
    pub(super) import_id: Option<i32>,
    pub(super) import_line: Option<i32>,
    pub(super) round_id: Option<i32>,
    pub(super) evidence: Option<String>,
}

impl KnownReport {
    /// Its fields as [`crate::store::UpdateInput::over`] reads them.
    pub(super) fn stored(&self) -> crate::store::updates::StoredReport<'_> {
        (
            self.progress,
            self.reported_by,
            self.note.as_deref(),
            self.round_id,
            self.evidence.as_deref(),
        )
    }
}

/// A reporting round as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownRound {
    pub id: i32,
    pub code: String,
    pub as_of: NaiveDate,
    /// Whether it was closed (it takes no more answers).
    pub closed: bool,
}

/// What the rules and the writes know: reference data and meetings, and
/// the measures and reports of the current chunk.
pub struct Known {
    pub refs: Refs,
    pub meetings: HashMap<String, Meeting>,
    /// Meeting id → code.
    pub(super) meeting_codes: HashMap<i32, String>,
    /// The measures the chunk's rows name, by code: those stored, and those
    /// the chunk creates as it goes.
    pub(super) measures: HashMap<String, KnownMeasure>,
    /// The stored measures of the chunk, whole (measures files compare
    /// their fields), by id.
    pub(super) stored: HashMap<i32, Measure>,
    /// The measure each stored measure of the chunk continues, by id (for
    /// [`Lookup::Whole`]).
    pub(super) continues: HashMap<i32, i32>,
    /// The date of the current status of the chunk's measures, by id.
    pub(super) status_dates: HashMap<i32, Option<NaiveDate>>,
    /// The reports of the chunk's measures, by measure id and date.
    pub(super) reports: HashMap<(i32, NaiveDate), KnownReport>,
    /// The nearest stored code to a code that is not stored, for messages.
    suggestions: HashMap<String, String>,
    /// How many suggestions were looked up for this file (a few suffice).
    suggested: usize,
    /// The line of this file that wrote (or left unchanged) each measure.
    pub(super) lines: MeasureLines,
    /// Stored reports that a row of this file repeated unchanged, with its
    /// line (a changed or new report records its line in the table).
    pub(super) unchanged_reports: HashMap<(i32, NaiveDate), u32>,
    /// This run's `imports` row, once written.
    pub(super) import_id: Option<i32>,
    /// The reporting rounds, by code (all of them: a few a year).
    pub rounds: HashMap<String, KnownRound>,
    /// (round, measure) of the chunk's measures that a round requested.
    pub(super) requests: HashSet<(i32, i32)>,
}

/// The line of the row of this file that named a measure: measures this run
/// creates (numbered from `first`) in a vector, stored ones in a map.
#[derive(Default)]
pub(super) struct MeasureLines {
    first: i32,
    created: Vec<u32>,
    stored: HashMap<i32, u32>,
}

impl MeasureLines {
    fn get(&self, id: i32) -> Option<u64> {
        let line = if self.first > 0 && id >= self.first {
            self.created.get((id - self.first) as usize).copied()
        } else {
            self.stored.get(&id).copied()
        };
        line.filter(|l| *l > 0).map(u64::from)
    }

    pub(super) fn set(&mut self, id: i32, line: u64, created: bool) {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        if created {
            if self.first == 0 {
                self.first = id;
            }
            let i = (id - self.first) as usize;
            if self.created.len() <= i {
                self.created.resize(i + 1, 0);
            }
            self.created[i] = line;
        } else {
            self.stored.insert(id, line);
        }
    }
}

impl Known {
    /// The code of the chunk's measure with this id.
    pub fn code_of(&self, measure_id: i32) -> Option<String> {
        self.measures
            .iter()
            .find(|(_, k)| k.id == measure_id)
            .map(|(code, _)| code.clone())
    }

    /// The code of the meeting with this id.
    pub fn meeting_code(&self, id: i32) -> Option<&str> {
        self.meeting_codes.get(&id).map(String::as_str)
    }

    /// The measure `code`, stored or created by an earlier row. Only codes
    /// of the current chunk (its measure and parent codes) are known.
    pub fn measure(&self, code: &str) -> Option<KnownMeasure> {
        self.measures.get(code).copied()
    }

    /// The stored measure `code`, whole, if the chunk loaded it.
    pub fn stored_measure(&self, code: &str) -> Option<&Measure> {
        self.measures.get(code).and_then(|k| self.stored.get(&k.id))
    }

    /// The code of the meeting of the known measure `code`.
    pub fn measure_meeting(&self, code: &str) -> Option<&str> {
        self.measure(code)
            .map(|k| self.meeting_code(k.meeting_id).unwrap_or("?"))
    }

    /// The line of an earlier row of this file with the measure `code`.
    pub fn earlier_line(&self, code: &str) -> Option<u64> {
        self.measures.get(code).and_then(|k| self.lines.get(k.id))
    }

    /// The line of an earlier row of this file with a report of the measure
    /// `id` for `date`.
    pub fn earlier_report(&self, id: i32, date: NaiveDate) -> Option<u64> {
        if let Some(line) = self.unchanged_reports.get(&(id, date)) {
            return Some(u64::from(*line));
        }
        let r = self.reports.get(&(id, date))?;
        if r.import_id.is_some() && r.import_id == self.import_id {
            r.import_line.map(|l| l as u64)
        } else {
            None
        }
    }

    /// The round `code`.
    pub fn round(&self, code: &str) -> Option<&KnownRound> {
        self.rounds.get(code)
    }

    /// The code of the round `id`.
    pub fn round_code(&self, id: i32) -> Option<&str> {
        self.rounds
            .values()
            .find(|r| r.id == id)
            .map(|r| r.code.as_str())
    }

    /// Whether the round `round` requested the chunk's measure `measure`.
    pub fn requested(&self, round: i32, measure: i32) -> bool {
        self.requests.contains(&(round, measure))
    }

    /// The nearest stored code to `code`, when one was looked up.
    pub fn suggestion(&self, code: &str) -> Option<&str> {
        self.suggestions.get(code).map(String::as_str)
    }
}

/// What a chunk's lookup loads of the measures it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Their ids, meetings and current status dates, and their reports.
    Reports,
    /// The same, and the whole stored rows (to compare their fields).
    Whole,
    /// As [`Lookup::Reports`], and the nearest stored code to each code
    /// that is not stored (for the "did you mean" of a few of them).
    Suggest,
}

impl Writer<'_> {
    /// Loads reference data and meetings for what follows.
    pub(super) fn load_known(&mut self) -> Result<Known> {
        let refs = Refs::load(self.conn)?;
        let rows: Vec<Meeting> = meetings::table
            .select(Meeting::as_select())
            .load(self.conn)?;
        let meeting_codes = rows.iter().map(|m| (m.id, m.code.clone())).collect();
        let meetings = rows.into_iter().map(|m| (m.code.clone(), m)).collect();
        let rounds = rounds::table
            .select((
                rounds::id,
                rounds::code,
                rounds::as_of,
                rounds::closed_at.is_not_null(),
            ))
            .load::<(i32, String, NaiveDate, bool)>(self.conn)?
            .into_iter()
            .map(|(id, code, as_of, closed)| {
                let r = KnownRound {
                    id,
                    code: code.clone(),
                    as_of,
                    closed,
                };
                (code, r)
            })
            .collect();
        Ok(Known {
            refs,
            meetings,
            meeting_codes,
            measures: HashMap::new(),
            stored: HashMap::new(),
            continues: HashMap::new(),
            status_dates: HashMap::new(),
            reports: HashMap::new(),
            suggestions: HashMap::new(),
            suggested: 0,
            lines: MeasureLines::default(),
            unchanged_reports: HashMap::new(),
            import_id: None,
            rounds,
            requests: HashSet::new(),
        })
    }

    /// Makes `known` hold what the next chunk needs: the stored measures
    /// with these codes and their reports, as `lookup` says. Writes what
    /// the last chunk left pending first.
    pub fn load_chunk(
        &mut self,
        known: &mut Known,
        codes: &[String],
        lookup: Lookup,
    ) -> Result<()> {
        self.flush()?;
        known.measures.clear();
        known.stored.clear();
        known.continues.clear();
        known.status_dates.clear();
        known.reports.clear();
        known.suggestions.clear();
        known.requests.clear();
        let mut ids = Vec::with_capacity(codes.len());
        for part in codes.chunks(LOOKUP) {
            if lookup == Lookup::Whole {
                let rows: Vec<Measure> = measures::table
                    .filter(measures::code.eq_any(part))
                    .select(Measure::as_select())
                    .load(self.conn)?;
                for m in rows {
                    ids.push(m.id);
                    known.status_dates.insert(m.id, m.status_date);
                    known.measures.insert(
                        m.code.clone(),
                        KnownMeasure {
                            id: m.id,
                            meeting_id: m.meeting_id,
                        },
                    );
                    known.stored.insert(m.id, m);
                }
            } else {
                let rows: Vec<(i32, String, i32, Option<NaiveDate>)> = measures::table
                    .filter(measures::code.eq_any(part))
                    .select((
                        measures::id,
                        measures::code,
                        measures::meeting_id,
                        measures::status_date,
                    ))
                    .load(self.conn)?;
                for (id, code, meeting_id, status_date) in rows {
                    ids.push(id);
                    known.status_dates.insert(id, status_date);
                    known.measures.insert(code, KnownMeasure { id, meeting_id });
                }
            }
        }
        if lookup == Lookup::Whole {
            for part in ids.chunks(LOOKUP) {
                let links: Vec<(i32, i32)> = measure_lineage::table
                    .filter(measure_lineage::measure_id.eq_any(part))
                    .select((measure_lineage::measure_id, measure_lineage::continues_id))
                    .load(self.conn)?;
                known.continues.extend(links);
            }
        }
        type Row = (
            i32,
            i32,
            NaiveDate,
            String,
            Option<i32>,
            Option<i32>,
            Option<String>,
            Option<i32>,
            Option<i32>,
            Option<i32>,
            Option<String>,
        );
        for part in ids.chunks(LOOKUP) {
            let rows: Vec<Row> = status_updates::table
                .filter(status_updates::measure_id.eq_any(part))
                .select((
                    status_updates::id,
                    status_updates::measure_id,
                    status_updates::reported_on,
                    status_updates::status,
                    status_updates::progress,
                    status_updates::reported_by_id,
                    status_updates::note,
                    status_updates::import_id,
                    status_updates::import_line,
                    status_updates::round_id,
                    status_updates::evidence,
                ))
                .load(self.conn)?;
            for (
                id,
                measure_id,
                on,
                status,
                progress,
                by,
                note,
                import_id,
                line,
                round_id,
                evidence,
            ) in rows
            {
                known.reports.insert(
                    (measure_id, on),
                    KnownReport {
                        id: Some(id),
                        status,
                        progress,
                        reported_by: by,
                        note,
                        import_id,
                        import_line: line,
                        round_id,
                        evidence,
                    },
                );
            }
        }
        // Which rounds asked for these measures (no query while there are
        // no rounds: most databases, and every bulk load before the first).
        if !known.rounds.is_empty() {
            for part in ids.chunks(LOOKUP) {
                let rows: Vec<(i32, i32)> = round_requests::table
                    .filter(round_requests::measure_id.eq_any(part))
                    .select((round_requests::round_id, round_requests::measure_id))
                    .load(self.conn)?;
                known.requests.extend(rows);
            }
        }
        if lookup == Lookup::Suggest {
            for code in codes {
                if known.suggested >= SUGGESTIONS {
                    break;
                }
                if known.measures.contains_key(code) || known.suggestions.contains_key(code) {
                    continue;
                }
                known.suggested += 1;
                if let Some(near) = crate::store::measures::nearest_code(self.conn, code)? {
                    known.suggestions.insert(code.clone(), near);
                }
            }
        }
        Ok(())
    }
}
