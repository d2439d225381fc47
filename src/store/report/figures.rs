//! The summary's figures, each defined once. A figure counts the measures of
//! a group that are [`Among`] some statuses (as of the date) and meet a
//! condition ([`When`]); from that pair this module renders every place a
//! figure is counted or read: the `COUNT`s of the definition
//! (`summary.sql`), the per-status counts and their sums over the current
//! status columns (`summary_current.sql`), the tally code of the history
//! summary (`summary_history.sql`) and its decoding, and the columns
//! [`GroupFigures`] reads. A new figure is one entry in [`FIGURES`] (through
//! [`OTHER`]) and its pair in [`Figure::condition`]; a new status in
//! `Status::ALL` is a figure of its own. Rolling groups up into a report is
//! `crate::report`'s business (`Figures::add`); the queries' text is
//! `super::sql`'s.
//!
//! The office's verdicts on the current reports ([`When::Assessed`],
//! [`When::Unassessed`]) are counted by the definition from the `verdict`
//! of the `as_of` rows. The fast queries read no assessment: they count
//! every current report as unassessed, and `assessed.sql` (`@verdicts`),
//! which reads only the assessments, moves the assessed ones to their
//! verdict ([`GroupFigures::assess`]). With no assessment, the reported
//! view costs what it did before them.

use std::sync::OnceLock;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, QueryableByName};
use diesel::row::NamedRow;
use diesel::sql_types::{BigInt, Bool, Integer, Nullable, Text};

use crate::error::{Error, Result};
use crate::model::Status;
use crate::store::assess::Verdict;

/// One figure of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Total,
    Status(Status),
    Overdue,
    Stale,
    Slipped,
    /// Current reports the office judged so (as of the date).
    Verdict(Verdict),
    /// Current reports not yet assessed (as of the date).
    Unverified,
}

/// The figures after the total and the statuses.
pub const OTHER: [Figure; 6] = [
    Figure::Overdue,
    Figure::Stale,
    Figure::Slipped,
    Figure::Verdict(Verdict::Confirmed),
    Figure::Verdict(Verdict::Disputed),
    Figure::Unverified,
];

/// How many figures there are.
pub const COUNT: usize = 1 + Status::ALL.len() + OTHER.len();

/// Every figure, in the order of the summary's columns: the total, one per
/// status in the order of `Status::ALL`, then [`OTHER`].
pub const FIGURES: [Figure; COUNT] = {
    let mut all = [Figure::Total; COUNT];
    let mut i = 0;
    while i < Status::ALL.len() {
        all[1 + i] = Figure::Status(Status::ALL[i]);
        i += 1;
    }
    let mut j = 0;
    while j < OTHER.len() {
        all[1 + Status::ALL.len() + j] = OTHER[j];
        j += 1;
    }
    all
};

/// Which measures a figure counts, by their status as of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    All,
    One(Status),
    /// Not completed or dropped (`Status::is_open`).
    Open,
}

/// What more a counted measure must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// Due before the as-of date.
    Due,
    /// Its last report as of the date, or its meeting when it has none, is
    /// before the stale cut-off.
    Silent,
    /// Its due date as of the date is later than its original due date.
    Slipped,
    /// Its last report as of the date (its current report) has this
    /// verdict as of the date (the latest assessment made on or before it).
    Assessed(Verdict),
    /// It has a current report, not assessed as of the date.
    Unassessed,
}

impl Figure {
    /// The figure's definition.
    pub const fn condition(self) -> (Among, When) {
        match self {
            Figure::Total => (Among::All, When::Always),
            Figure::Status(s) => (Among::One(s), When::Always),
            Figure::Overdue => (Among::Open, When::Due),
            Figure::Stale => (Among::Open, When::Silent),
            Figure::Slipped => (Among::All, When::Slipped),
            Figure::Verdict(v) => (Among::All, When::Assessed(v)),
            Figure::Unverified => (Among::All, When::Unassessed),
        }
    }

    /// Its column in the queries' rows.
    pub fn column(self) -> String {
        match self {
            Figure::Total => "total".into(),
            Figure::Status(s) => s.code().replace('-', "_"),
            Figure::Overdue => "overdue".into(),
            Figure::Stale => "stale".into(),
            Figure::Slipped => "slipped".into(),
            Figure::Verdict(v) => v.code().into(),
            Figure::Unverified => "unverified".into(),
        }
    }

    /// Whether a measure in `status`, `due`, `silent` and `slipped`,
    /// `reported` on as of the date, counts in the fast queries (which
    /// count every report as unassessed, see the module's doc).
    fn counts(
        self,
        status: Status,
        (due, silent, slipped, reported): (bool, bool, bool, bool),
    ) -> bool {
        let (among, when) = self.condition();
        let among = match among {
            Among::All => true,
            Among::One(s) => s == status,
            Among::Open => status.is_open(),
        };
        among
            && match when {
                When::Always => true,
                When::Due => due,
                When::Silent => silent,
                When::Slipped => slipped,
                When::Assessed(_) => false,
                When::Unassessed => reported,
            }
    }

    /// `summary.sql`: its count over the `as_of` rows.
    fn definition(self) -> String {
        let (among, when) = self.condition();
        let among = match among {
            Among::All => None,
            Among::One(s) => Some(format!("status = '{}'", s.code())),
            Among::Open => Some("open".into()),
        };
        let when = match when {
            When::Always => None,
            When::Due => Some("@plus(due_date) < ?1".into()),
            When::Silent => Some("COALESCE(last_on, held_on) < ?4".into()),
            When::Slipped => Some("@plus(due_date) > original_due".into()),
            When::Assessed(v) => Some(format!("verdict = '{}'", v.code())),
            When::Unassessed => Some("last_on IS NOT NULL AND verdict IS NULL".into()),
        };
        let test: Vec<String> = among.into_iter().chain(when).collect();
        match &test[..] {
            [] => "COUNT(*)".into(),
            test => format!("COUNT(CASE WHEN {} THEN 1 END)", test.join(" AND ")),
        }
    }

    /// `summary_current.sql`: its sum of the per-status counts `g`.
    fn current(self) -> String {
        let (among, when) = self.condition();
        let n = match when {
            When::Always => "g.total",
            When::Due => "g.due_before",
            When::Silent => "g.silent + CASE WHEN mt.held_on < ?4 THEN g.never ELSE 0 END",
            When::Slipped => "g.slipped",
            // Moved to their verdict afterwards (`assessed.sql`).
            When::Assessed(_) => "0",
            When::Unassessed => "g.total - g.never",
        };
        match among {
            Among::All => format!("@sum({n})"),
            Among::One(s) => format!(
                "@sum(CASE WHEN g.status = '{}' THEN {n} ELSE 0 END)",
                s.code()
            ),
            Among::Open => format!("@sum(CASE WHEN g.open THEN {n} ELSE 0 END)"),
        }
    }
}

/// `summary_current.sql`'s counts per status that [`Figure::current`] sums,
/// by [`When`]: `total`, `due_before`, `silent` (reported on before the
/// cut-off), `never` (never reported on) and `slipped` (due later than
/// first due: `original_due` is NULL for a measure never revised).
const CURRENT_COUNTS: &str = "COUNT(*) AS total,
               COUNT(CASE WHEN @plus(m.due_date) < ?1 THEN 1 END) AS due_before,
               COUNT(CASE WHEN @plus(m.status_date) < ?4 THEN 1 END) AS silent,
               COUNT(CASE WHEN m.status_date IS NULL THEN 1 END) AS never,
               COUNT(CASE WHEN @plus(m.due_date) > m.original_due THEN 1 END) AS slipped";

/// The tally code of a measure (`summary_history.sql`):
/// `STATUS * status + SILENT * silent + DUE * due + SLIPPED * slipped`, its
/// status numbered 1, 2, … in the order of `Status::ALL` (0: no report
/// yet). Only when no due date was revised after the as-of date (the
/// measure's columns are its due dates as of then).
const STATUS: usize = 8;
const SILENT: usize = 4;
const DUE: usize = 2;
const SLIPPED: usize = 1;
/// Every code is below this.
const CODES: usize = STATUS * (Status::ALL.len() + 1);

/// The fragments of the summary queries and of the `as_of` rows (see
/// `super::sql`), by name.
pub(super) fn fragment(name: &str, arg: Option<&str>) -> Option<String> {
    let columns = |f: fn(Figure) -> String| {
        let c: Vec<String> = FIGURES
            .iter()
            .map(|&x| format!("{} AS {}", f(x), x.column()))
            .collect();
        c.join(",\n       ")
    };
    Some(match (name, arg) {
        ("figures", None) => columns(Figure::definition),
        ("summed_figures", None) => columns(Figure::current),
        ("counts", None) => CURRENT_COUNTS.into(),
        ("verdicts", None) => {
            let c: Vec<String> = FIGURES
                .iter()
                .filter_map(|&f| match f.condition() {
                    (Among::All, When::Assessed(v)) => Some(format!(
                        "COUNT(CASE WHEN a.verdict = '{}' THEN 1 END) AS {}",
                        v.code(),
                        f.column()
                    )),
                    _ => None,
                })
                .collect();
            c.join(",\n       ")
        }
        ("open", Some(x)) => {
            let open: Vec<String> = Status::ALL
                .iter()
                .filter(|s| s.is_open())
                .map(|s| format!("'{}'", s.code()))
                .collect();
            format!("{x} IN ({})", open.join(", "))
        }
        ("tally_report", None) => {
            // The last status is the CASE's ELSE: the column holds no other.
            let numbered: String = Status::ALL[..Status::ALL.len() - 1]
                .iter()
                .enumerate()
                .map(|(i, s)| format!(" WHEN '{}' THEN {}", s.code(), i + 1))
                .collect();
            format!(
                "{STATUS} * CASE p.status{numbered} ELSE {} END + {SILENT} * (@plus(p.reported_on) < ?4)",
                Status::ALL.len()
            )
        }
        ("tally_measure", None) => format!(
            "{DUE} * COALESCE(@plus(m.due_date) < ?1, 0) + {SLIPPED} * COALESCE(@plus(m.due_date) > m.original_due, 0)"
        ),
        _ => return None,
    })
}

/// Figures of the measures sharing one meeting, category and lead ministry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupFigures {
    pub meeting_id: i32,
    pub category_id: i32,
    pub lead_ministry_id: Option<i32>,
    /// By figure, in the order of [`FIGURES`].
    pub counts: [i64; COUNT],
}

impl GroupFigures {
    /// Each figure with its count.
    pub fn figures(&self) -> impl Iterator<Item = (Figure, i64)> + '_ {
        FIGURES.into_iter().zip(self.counts)
    }

    /// The count of `figure`.
    pub fn get(&self, figure: Figure) -> i64 {
        self.figures()
            .find(|(f, _)| *f == figure)
            .map_or(0, |(_, n)| n)
    }

    /// The group key.
    pub fn key(&self) -> (i32, i32, Option<i32>) {
        (self.meeting_id, self.category_id, self.lead_ministry_id)
    }

    /// Moves the group's assessed current reports, counted by `assessed.sql`
    /// (`verdicts`, a count per verdict figure), from unassessed, where the
    /// fast queries count them, to their verdict.
    pub(super) fn assess(&mut self, verdicts: &Verdicts) {
        for (i, f) in FIGURES.into_iter().enumerate() {
            if let Figure::Verdict(v) = f {
                let n = verdicts.get(v);
                self.counts[i] += n;
                if let Some(u) = FIGURES.iter().position(|&f| f == Figure::Unverified) {
                    self.counts[u] -= n;
                }
            }
        }
    }
}

/// One group of `assessed.sql`: its current reports' verdicts counted, in
/// the columns `@verdicts` names (a verdict figure's).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Verdicts {
    key: (i32, i32, Option<i32>),
    /// By verdict, in the order of `Verdict::ALL`.
    counts: [i64; Verdict::ALL.len()],
}

impl Verdicts {
    fn get(&self, v: Verdict) -> i64 {
        Verdict::ALL
            .iter()
            .position(|&x| x == v)
            .map_or(0, |i| self.counts[i])
    }

    pub(super) fn key(&self) -> (i32, i32, Option<i32>) {
        self.key
    }
}

impl<DB: Backend> QueryableByName<DB> for Verdicts
where
    i32: FromSql<Integer, DB>,
    i64: FromSql<BigInt, DB>,
{
    fn build<'a>(row: &impl NamedRow<'a, DB>) -> deserialize::Result<Self> {
        let mut counts = [0; Verdict::ALL.len()];
        for (n, v) in counts.iter_mut().zip(Verdict::ALL) {
            *n = NamedRow::get::<BigInt, i64>(row, Figure::Verdict(v).column().as_str())?;
        }
        Ok(Verdicts {
            key: (
                NamedRow::get::<Integer, i32>(row, "meeting_id")?,
                NamedRow::get::<Integer, i32>(row, "category_id")?,
                NamedRow::get::<Nullable<Integer>, Option<i32>>(row, "lead_ministry_id")?,
            ),
            counts,
        })
    }
}

/// Read by the columns' names: the group's key, then one column a figure.
impl<DB: Backend> QueryableByName<DB> for GroupFigures
where
    i32: FromSql<Integer, DB>,
    i64: FromSql<BigInt, DB>,
{
    fn build<'a>(row: &impl NamedRow<'a, DB>) -> deserialize::Result<Self> {
        static COLUMNS: OnceLock<[String; COUNT]> = OnceLock::new();
        let columns = COLUMNS.get_or_init(|| FIGURES.map(Figure::column));
        let mut counts = [0; COUNT];
        for (n, column) in counts.iter_mut().zip(columns) {
            *n = NamedRow::get::<BigInt, i64>(row, column)?;
        }
        Ok(GroupFigures {
            meeting_id: NamedRow::get::<Integer, i32>(row, "meeting_id")?,
            category_id: NamedRow::get::<Integer, i32>(row, "category_id")?,
            lead_ministry_id: NamedRow::get::<Nullable<Integer>, Option<i32>>(
                row,
                "lead_ministry_id",
            )?,
            counts,
        })
    }
}

/// One group of `summary_history.sql`: its measures as tally codes (see
/// [`STATUS`]), counted here into the group's figures.
#[derive(QueryableByName)]
pub(super) struct Tally {
    #[diesel(sql_type = Integer)]
    meeting_id: i32,
    #[diesel(sql_type = Integer)]
    category_id: i32,
    #[diesel(sql_type = Nullable<Integer>)]
    lead_ministry_id: Option<i32>,
    /// The meeting is before the stale cut-off: its measures never
    /// reported on are stale while open.
    #[diesel(sql_type = Bool)]
    meeting_silent: bool,
    /// The codes, comma-separated.
    #[diesel(sql_type = Text)]
    codes: String,
}

impl Tally {
    pub(super) fn figures(&self) -> Result<GroupFigures> {
        let mut seen = [0i64; CODES];
        for code in self.codes.split(',') {
            let n = code
                .parse::<usize>()
                .ok()
                .and_then(|c| seen.get_mut(c))
                .ok_or_else(|| Error::Other(format!("unexpected tally code {code:?}")))?;
            *n += 1;
        }
        let mut g = GroupFigures {
            meeting_id: self.meeting_id,
            category_id: self.category_id,
            lead_ministry_id: self.lead_ministry_id,
            counts: [0; COUNT],
        };
        for (code, &n) in seen.iter().enumerate().filter(|(_, n)| **n > 0) {
            let (status, silent) = match code / STATUS {
                // Never reported on: planned, silent since its meeting.
                0 => (Status::Planned, self.meeting_silent),
                s => (Status::ALL[s - 1], code & SILENT != 0),
            };
            let reported = code / STATUS != 0;
            let bits = (code & DUE != 0, silent, code & SLIPPED != 0, reported);
            for (count, f) in g.counts.iter_mut().zip(FIGURES) {
                if f.counts(status, bits) {
                    *count += n;
                }
            }
        }
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_are_the_total_each_status_and_the_others() {
        assert_eq!(FIGURES[0], Figure::Total);
        for (i, s) in Status::ALL.into_iter().enumerate() {
            assert_eq!(FIGURES[1 + i], Figure::Status(s));
        }
        assert_eq!(&FIGURES[COUNT - OTHER.len()..], &OTHER);
        let columns: Vec<String> = FIGURES.iter().map(|f| f.column()).collect();
        assert_eq!(
            columns,
            [
                "total",
                "planned",
                "in_progress",
                "completed",
                "delayed",
                "dropped",
                "overdue",
                "stale",
                "slipped",
                "confirmed",
                "disputed",
                "unverified"
            ]
        );
    }

    #[test]
    fn tally_codes_count_by_the_numbering_the_sql_renders() {
        let sql = fragment("tally_report", None).unwrap();
        let tally = |codes: &str, meeting_silent| Tally {
            meeting_id: 1,
            category_id: 1,
            lead_ministry_id: None,
            meeting_silent,
            codes: codes.into(),
        };
        for (i, s) in Status::ALL.into_iter().enumerate() {
            let number = i + 1;
            if number < Status::ALL.len() {
                assert!(
                    sql.contains(&format!("WHEN '{}' THEN {number}", s.code())),
                    "{sql}"
                );
            }
            // A report in status s, silent and due, and slipped.
            let code = STATUS * number + SILENT + DUE;
            let g = tally(&code.to_string(), false).figures().unwrap();
            assert_eq!(g.get(Figure::Total), 1);
            assert_eq!(g.get(Figure::Status(s)), 1);
            assert_eq!(g.get(Figure::Overdue), i64::from(s.is_open()));
            assert_eq!(g.get(Figure::Stale), i64::from(s.is_open()));
            // The fast count: every report unassessed until `assess`.
            assert_eq!(g.get(Figure::Unverified), 1);
            assert_eq!(g.get(Figure::Slipped), 0);
            let g = tally(&(code + SLIPPED).to_string(), false)
                .figures()
                .unwrap();
            assert_eq!(g.get(Figure::Slipped), 1, "slipped whatever its status");
        }
        // Never reported on: planned, silent as its meeting.
        let g = tally("0,2,0,1", true).figures().unwrap();
        assert_eq!(g.get(Figure::Status(Status::Planned)), 4);
        assert_eq!((g.get(Figure::Overdue), g.get(Figure::Stale)), (1, 4));
        assert_eq!(g.get(Figure::Slipped), 1);
        assert_eq!(g.get(Figure::Unverified), 0, "no report, nothing to verify");
        assert!(tally(&CODES.to_string(), true).figures().is_err());
        assert!(tally("x", true).figures().is_err());
    }
}
