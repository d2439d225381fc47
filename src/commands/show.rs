//! `show CODE`: one measure with its full history, or one meeting with its measures.

use serde::Serialize;

use super::list::{print_measures, MeasureJson};
use super::Ctx;
use crate::cli::{Format, ShowArgs};
use crate::columns::{opt, text, Column, Columns, Value};
use crate::error::{Error, Result};
use crate::output::JsonRow;
use crate::store::assess::Assessment;
use crate::store::{Account, DueRevision, HistoryItem, MeasureFilter, MeasureRow, MeetingRow};
use crate::words;
use crate::{output, parse};

/// The JSON of `show` for a measure (README, "JSON output"): the `list` object plus `history`.
#[derive(Serialize)]
struct MeasureWithHistory<'a> {
    #[serde(flatten)]
    measure: MeasureJson<'a>,
    history: Vec<ShownJson<'a>>,
    #[serde(flatten)]
    account: &'a Account,
}

/// A report as `show` prints it: with the office's latest word on it.
struct Shown {
    report: HistoryItem,
    assessment: Option<Assessment>,
}

/// A history item in JSON: the columns CSV carries, then `assessment`
/// (an object, or null).
#[derive(Serialize)]
struct ShownJson<'a> {
    #[serde(flatten)]
    report: JsonRow<'a, Shown>,
    assessment: &'a Option<Assessment>,
}

/// The JSON of `show` for a meeting: the `meetings` object plus its measures.
#[derive(Serialize)]
struct MeetingWithMeasures<'a> {
    #[serde(flatten)]
    meeting: &'a MeetingRow,
    measures: Vec<MeasureJson<'a>>,
}

type Hc = Column<Shown>;

/// The history of a measure, in text (headers in words, progress as a
/// percentage, as `list` and `report timeline` show them) and CSV, with
/// the office's latest assessment of each report.
const HISTORY: [Hc; 11] = [
    Hc::new("reported_on", "기준일", |h| {
        Value::Date(Some(h.report.reported_on))
    })
    .en("reported on"),
    Hc::new("status", "추진상황", |h| {
        Value::Status(&h.report.status)
    }),
    Hc::new("progress", "진척률", |h| {
        Value::Progress(h.report.progress)
    })
    .right(),
    Hc::new("reported_by", "보고부처", |h| {
        opt(&h.report.reported_by)
    })
    .en("reported by"),
    Hc::new("note", "비고", |h| opt(&h.report.note)).long(),
    Hc::new("evidence", "근거", |h| opt(&h.report.evidence)).long(),
    Hc::new("assessment", "검토", |h| match &h.assessment {
        Some(a) => Value::Word(words::verdict(&a.verdict)),
        None => Value::Opt(None),
    }),
    Hc::new("assessed_status", "검토 상황", |h| {
        match &h.assessment {
            Some(a) => opt_status(&a.status),
            None => Value::Opt(None),
        }
    })
    .en("office status"),
    Hc::new("assessed_progress", "검토 진척률", |h| {
        Value::Progress(h.assessment.as_ref().and_then(|a| a.progress))
    })
    .en("office progress")
    .right(),
    Hc::new("assessed_on", "검토일", |h| {
        Value::Date(h.assessment.as_ref().map(|a| a.assessed_on))
    })
    .en("assessed on"),
    Hc::new("assessment_note", "검토 의견", |h| {
        Value::Opt(h.assessment.as_ref().and_then(|a| a.note.as_deref()))
    })
    .en("office note")
    .long(),
];

/// A status that may be absent.
fn opt_status(s: &Option<String>) -> Value<'_> {
    match s {
        Some(s) => Value::Status(s),
        None => Value::Opt(None),
    }
}

/// The JSON items: the columns up to the evidence (the assessment is an
/// object of its own).
const HISTORY_JSON: &[Hc] = HISTORY.split_at(6).0;

type Mc = Column<MeasureRow>;

/// The facts under a measure's heading; those absent are left out. Its
/// status, with the progress and the day, comes after these (see
/// `words::standing`), its description last.
const MEASURE_FACTS: [Mc; 5] = [
    Mc::new("meeting", "회의", |m| text(&m.meeting)),
    Mc::new("parent", "상위과제", |m| opt(&m.parent)),
    Mc::new("category", "분야", |m| text(&m.category)),
    Mc::new("ministry", "소관부처", |m| opt(&m.lead_ministry)),
    Mc::new("due", "목표일", |m| Value::Date(m.due_date)),
];

/// The last fact of a measure.
const ABOUT: [Mc; 1] = [Mc::new("about", "주요내용", |m| opt(&m.description))];

type Ac = Column<Account>;

/// Its deadline's and lineage's facts, after its due date: the original
/// due date only once it was revised.
const ACCOUNT_FACTS: [Ac; 3] = [
    Ac::new("orig due", "최초 목표일", |a| {
        Value::Date(a.original_due.filter(|_| !a.due_history.is_empty()))
    }),
    Ac::new("follows", "이전과제", |a| opt(&a.continues)),
    Ac::new("next", "후속과제", |a| {
        match a.continued_by.is_empty() {
            true => Value::Opt(None),
            false => Value::Text(a.continued_by.join(" ").into()),
        }
    }),
];

type Dr = Column<DueRevision>;

/// A measure's due date revisions, in text and under its heading.
const DUE_HISTORY: [Dr; 4] = [
    Dr::new("changed_on", "결정일", |r| {
        Value::Date(Some(r.changed_on))
    })
    .en("decided on"),
    Dr::new("from", "변경 전 목표일", |r| {
        Value::Date(Some(r.from))
    })
    .en("due before"),
    Dr::new("to", "변경 후 목표일", |r| Value::Date(Some(r.to))).en("due after"),
    Dr::new("reason", "사유", |r| text(&r.reason)).long(),
];

impl Columns for DueRevision {
    const COLUMNS: &'static [Dr] = &DUE_HISTORY;
}

type Gc = Column<MeetingRow>;

/// The facts under a meeting's heading; those absent are left out.
const MEETING_FACTS: [Gc; 5] = [
    Gc::new("held on", "개최일", |m| Value::Date(Some(m.held_on))),
    Gc::new("location", "장소", |m| opt(&m.location)),
    Gc::new("chair", "주재", |m| opt(&m.chair)),
    Gc::new("source", "출처", |m| opt(&m.source)),
    Gc::new("measures", "과제 수", |m| Value::Int(m.total)),
];

pub fn run(args: ShowArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("show", &[Format::Text, Format::Json, Format::Csv])?;
    let code = parse::code("code", &args.code)?;
    let store = ctx.store()?;
    let near_measure = match store.measure(code.as_str()) {
        Ok(m) => {
            let mut assessed = store.assessments(&m)?.into_iter().peekable();
            let history = store
                .history(&m)?
                .into_iter()
                .map(|report| Shown {
                    assessment: assessed
                        .next_if(|(on, _)| *on == report.reported_on)
                        .map(|(_, a)| a),
                    report,
                })
                .collect();
            let account = store.account(&m)?;
            return print_measure(&m, history, &account, format, ctx);
        }
        Err(Error::NotFound { suggestion, .. }) => suggestion,
        Err(e) => return Err(e),
    };
    // Not a measure: a meeting, or neither, with the nearest code of either.
    let meeting = match store.meeting(code.as_str()) {
        Ok(m) => m,
        Err(Error::NotFound {
            suggestion: near_meeting,
            ..
        }) => {
            return Err(Error::NotFound {
                what: "measure or meeting",
                value: code.to_string(),
                suggestion: near_measure.or(near_meeting),
            });
        }
        Err(e) => return Err(e),
    };
    let measures = store.measures(&MeasureFilter {
        meeting: Some(meeting.code.clone()),
        ..Default::default()
    })?;
    match format {
        Format::Json => output::stdout_write(&output::json(&MeetingWithMeasures {
            meeting: &meeting,
            measures: measures.iter().map(MeasureJson::from).collect(),
        })?),
        Format::Csv => print_measures(&measures, Format::Csv, ctx),
        _ => {
            let mut s = heading(&meeting.code, &meeting.title);
            facts(&mut s, &MEETING_FACTS, &meeting, ctx);
            s.push('\n');
            output::stdout_write(&s)?;
            print_measures(&measures, Format::Text, ctx)
        }
    }
}

fn print_measure(
    m: &MeasureRow,
    history: Vec<Shown>,
    account: &Account,
    format: Format,
    ctx: &Ctx,
) -> Result<()> {
    let lang = ctx.lang;
    let history = &history[..];
    match format {
        Format::Json => output::stdout_write(&output::json(&MeasureWithHistory {
            measure: m.into(),
            history: history
                .iter()
                .map(|h| ShownJson {
                    report: JsonRow(HISTORY_JSON, h),
                    assessment: &h.assessment,
                })
                .collect(),
            account,
        })?),
        Format::Csv => output::stdout_write(&output::csv_of(&HISTORY, history, lang)?),
        _ => {
            let mut s = heading(&m.code, &m.title);
            facts(&mut s, &MEASURE_FACTS, m, ctx);
            facts(&mut s, &ACCOUNT_FACTS, account, ctx);
            let date = m.status_date.map(|d| d.to_string());
            let standing = words::standing(lang, &m.status, m.progress, date.as_deref(), true);
            output::push_fact_fitted(
                &mut s,
                words::STATUS.get(lang),
                FACT_WIDTH,
                &standing,
                ctx.width,
            );
            facts(&mut s, &ABOUT, m, ctx);
            s.push('\n');
            if !account.due_history.is_empty() {
                s.push_str(&output::table_of(
                    &DUE_HISTORY,
                    &account.due_history,
                    lang,
                    ctx.width,
                ));
                s.push('\n');
            }
            if history.is_empty() {
                s.push_str(words::NO_REPORTS_YET.get(lang));
                s.push('\n');
            } else {
                // For people, the evidence and the assessment only when
                // some report has them.
                let evidence = history.iter().any(|h| h.report.evidence.is_some());
                let assessed = history.iter().any(|h| h.assessment.is_some());
                let columns: Vec<Hc> = HISTORY
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| match i {
                        5 => evidence,
                        i => *i < 5 || assessed,
                    })
                    .map(|(_, c)| *c)
                    .collect();
                s.push_str(&output::table_of(&columns, history, lang, ctx.width));
            }
            output::stdout_write(&s)
        }
    }
}

/// The first line of `show`: the code and the title.
fn heading(code: &str, title: &str) -> String {
    format!(
        "{}  {}\n",
        crate::error::one_line(code),
        crate::error::one_line(title)
    )
}

/// The width of the keys of the facts.
const FACT_WIDTH: usize = 8;

/// The facts of `row` under the heading, those that are known, in `lang`.
fn facts<R>(s: &mut String, facts: &[Column<R>], row: &R, ctx: &Ctx) {
    for fact in facts {
        let value = (fact.cell)(row);
        if !value.is_absent() {
            let text = value.people(fact.absent, ctx.lang);
            output::push_fact_fitted(s, fact.title(ctx.lang), FACT_WIDTH, &text, ctx.width);
        }
    }
}
