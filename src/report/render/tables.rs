//! The tables of the reports as lists of columns (`crate::columns`): one
//! list per row type, which the text, markdown and HTML layouts ([`super::doc`])
//! and CSV (`csv.rs`) all draw from. A column that only CSV carries (a code
//! people read as a heading, a raw `from` beside `to`) or only people read
//! (`from → to`) says so; so does a column that people see as `(none)` or
//! `never` where CSV leaves it empty.

use chrono::NaiveDate;

use super::super::{Figures, MeetingFigures, NamedFigures, StaleGroup, Timeline, TimelineItem};
use crate::columns::{opt, text, Column, Columns, Value};
use crate::model::Status;
use crate::report::round::{RoundLine, RoundMinistry, State};
use crate::store::report::review::Queued;
use crate::store::report::{ChangeRow, OverdueRow, StaleRow};
use crate::words::{self, Word};

/// A row that carries the figures of a set of measures.
pub trait Counted {
    fn figures(&self) -> &Figures;
}

impl Counted for Figures {
    fn figures(&self) -> &Figures {
        self
    }
}

impl Counted for MeetingFigures {
    fn figures(&self) -> &Figures {
        &self.figures
    }
}

impl Counted for NamedFigures {
    fn figures(&self) -> &Figures {
        &self.figures
    }
}

/// The count of the `I`th status of `Status::ALL`.
fn count<R: Counted, const I: usize>(r: &R) -> Value<'_> {
    Value::Int(r.figures().by_status.get(Status::ALL[I]))
}

/// The figures of a row, after its leading columns: the total, a count per
/// status (`Status::ALL`, keyed by the status codes), the completion rate
/// (`done` for people, `-` when there is none), `overdue`, `stale` and
/// `slipped`, and the current reports by the office's verdict:
/// `confirmed`, `disputed`, `unverified`.
pub fn figures<R: Counted>() -> [Column<R>; 13] {
    [
        Column::new("total", "총계", |r: &R| Value::Int(r.figures().total)).right(),
        Column::new("planned", "계획", count::<R, 0>).right(),
        Column::new("in-progress", "추진중", count::<R, 1>).right(),
        Column::new("completed", "완료", count::<R, 2>).right(),
        Column::new("delayed", "지연", count::<R, 3>).right(),
        Column::new("dropped", "중단", count::<R, 4>).right(),
        Column::new("completion_rate", "이행률", |r: &R| {
            Value::Rate(r.figures().completion_rate)
        })
        .en("done")
        .right()
        .absent(Word { en: "-", ko: "-" }),
        Column::new("overdue", "기한 경과", |r: &R| {
            Value::Int(r.figures().overdue)
        })
        .right(),
        Column::new("stale", "장기 미보고", |r: &R| {
            Value::Int(r.figures().stale)
        })
        .right(),
        Column::new("slipped", "기한 연장", |r: &R| {
            Value::Int(r.figures().slipped)
        })
        .right(),
        Column::new("confirmed", "확인", |r: &R| {
            Value::Int(r.figures().confirmed)
        })
        .right(),
        Column::new("disputed", "이의", |r: &R| {
            Value::Int(r.figures().disputed)
        })
        .right(),
        Column::new("unverified", "미확인", |r: &R| {
            Value::Int(r.figures().unverified)
        })
        .right(),
    ]
}

/// `lead`, then the figures.
fn with_figures<R: Counted, const N: usize>(lead: [Column<R>; N]) -> Vec<Column<R>> {
    lead.into_iter().chain(figures()).collect()
}

type Mf = Column<MeetingFigures>;
type Nf = Column<NamedFigures>;

/// The summary's meetings.
pub fn meetings() -> Vec<Mf> {
    with_figures([
        Mf::new("code", "회의코드", |m| text(&m.code)),
        Mf::new("title", "회의명", |m| text(&m.title)).long(),
        Mf::new("held_on", "개최일", |m| Value::Date(Some(m.held_on))).en("held on"),
    ])
}

/// The summary's categories.
pub fn categories() -> Vec<Nf> {
    with_figures([
        Nf::new("code", "분야코드", |c| opt(&c.code)).en("category"),
        Nf::new("name", "분야", |c| text(&c.name_ko)),
    ])
}

/// The summary's ministries; measures without a lead ministry are `(none)`.
pub fn ministries() -> Vec<Nf> {
    with_figures([
        Nf::new("code", "부처코드", |m| opt(&m.code))
            .en("ministry")
            .absent(words::NONE),
        Nf::new("name", "소관부처", |m| match m.code {
            Some(_) => text(&m.name_ko),
            None => Value::Word(words::NONE),
        }),
    ])
}

/// The summary's totals.
pub fn totals() -> Vec<Column<Figures>> {
    with_figures([Column::new("scope", "범위", |_: &Figures| {
        Value::Word(words::ALL_MEASURES)
    })])
}

/// One line of the summary in CSV: a meeting, a category, a ministry or the
/// totals, in one flat table.
pub struct SummaryLine<'a> {
    pub level: Word,
    pub code: Option<&'a str>,
    pub name: Option<&'a str>,
    pub held_on: Option<NaiveDate>,
    pub figures: &'a Figures,
}

impl Counted for SummaryLine<'_> {
    fn figures(&self) -> &Figures {
        self.figures
    }
}

type Sl<'a> = Column<SummaryLine<'a>>;

/// The summary in CSV.
pub fn summary_lines<'a>() -> Vec<Sl<'a>> {
    with_figures([
        Sl::new("level", "구분", |l| Value::Word(l.level)),
        Sl::new("code", "코드", |l| Value::Opt(l.code)),
        Sl::new("name", "명칭", |l| Value::Opt(l.name)),
        Sl::new("held_on", "개최일", |l| Value::Date(l.held_on)),
    ])
}

/// The day of a measure's last report, `never` when it has none (`report
/// overdue` and `report stale` both show it).
const fn last_report<R>(cell: fn(&R) -> Value<'_>) -> Column<R> {
    Column::new("last_reported_on", "최종 보고일", cell)
        .en("last report")
        .absent(words::NEVER)
}

type Od = Column<OverdueRow>;

/// `report overdue`, and the overdue list of the HTML summary.
pub const OVERDUE: [Od; 11] = [
    Od::new("code", "과제코드", |m| text(&m.code)),
    Od::new("title", "과제명", |m| text(&m.title)).long(),
    Od::new("meeting", "회의", |m| text(&m.meeting)).data(),
    Od::new("ministry", "소관부처", |m| opt(&m.ministry)).absent(words::NONE),
    Od::new("due_date", "목표일", |m| Value::Date(Some(m.due_date))).en("due"),
    Od::new("original_due", "최초 목표일", |m| {
        Value::Date(Some(m.original_due))
    })
    .en("original due"),
    Od::new("revisions", "기한 변경", |m| Value::Int(m.revisions)).right(),
    Od::new("days_overdue", "경과 일수", |m| {
        Value::Int(m.days_overdue)
    })
    .en("days overdue")
    .right(),
    Od::new("status", "추진상황", |m| Value::Status(&m.status)),
    Od::new("progress", "진척률", |m| Value::Progress(m.progress)).right(),
    last_report(|m| Value::Date(m.last_reported_on)),
];

impl Columns for OverdueRow {
    const COLUMNS: &'static [Od] = &OVERDUE;
}

type Rv = Column<Queued>;

/// `report review`: each report with its reasons.
pub const REVIEW: [Rv; 6] = [
    Rv::new("code", "과제코드", |q| text(&q.code)),
    Rv::new("reported_on", "기준일", |q| {
        Value::Date(Some(q.reported_on))
    })
    .en("reported on"),
    Rv::new("status", "추진상황", |q| Value::Status(&q.status)),
    Rv::new("progress", "진척률", |q| Value::Progress(q.progress)).right(),
    Rv::new("reported_by", "보고부처", |q| opt(&q.reported_by))
        .en("reported by")
        .absent(words::NONE),
    Rv::new("reasons", "검토 사유", |q| {
        Value::Words(q.reasons.iter().map(|r| r.word()).collect())
    }),
];

type Sg = Column<StaleGroup>;

/// `report stale` in CSV: the ministry in front of each of its measures
/// (people read it as the heading of its table).
pub const STALE_GROUP: [Sg; 2] = [
    Sg::new("ministry_code", "부처코드", |g| opt(&g.code)).data(),
    Sg::new("ministry", "소관부처", |g| text(&g.name_ko)).data(),
];

type St = Column<StaleRow>;

/// `report stale`: the measures of one ministry.
pub const STALE: [St; 7] = [
    St::new("code", "과제코드", |m| text(&m.code)),
    St::new("title", "과제명", |m| text(&m.title)).long(),
    St::new("meeting", "회의", |m| text(&m.meeting)),
    St::new("status", "추진상황", |m| Value::Status(&m.status)),
    St::new("progress", "진척률", |m| Value::Progress(m.progress)).right(),
    last_report(|m| Value::Date(m.last_reported_on)),
    St::new("days_silent", "미보고 일수", |m| {
        Value::Int(m.days_silent)
    })
    .en("days silent")
    .right(),
];

impl Columns for StaleRow {
    const COLUMNS: &'static [St] = &STALE;
}

type Ch = Column<ChangeRow>;

/// `report changes`.
pub const CHANGES: [Ch; 10] = [
    Ch::new("date", "기준일", |c| Value::Date(Some(c.reported_on))),
    Ch::new("code", "과제코드", |c| text(&c.code)),
    Ch::new("title", "과제명", |c| text(&c.title)).long(),
    Ch::new("ministry", "소관부처", |c| opt(&c.ministry)),
    Ch::new("change", "상황 변경", |c| {
        Value::Change(&c.from_status, &c.to_status)
    })
    .people(),
    Ch::new("from", "변경 전", |c| Value::Status(&c.from_status)).data(),
    Ch::new("to", "변경 후", |c| Value::Status(&c.to_status)).data(),
    Ch::new("progress", "진척률", |c| Value::Progress(c.progress)).right(),
    Ch::new("reported_by", "보고부처", |c| opt(&c.reported_by)).en("reported by"),
    Ch::new("note", "비고", |c| opt(&c.note)).long(),
];

impl Columns for ChangeRow {
    const COLUMNS: &'static [Ch] = &CHANGES;
}

/// `report timeline` in CSV: the measure's code in front of each report.
pub const TIMELINE_OF: [Column<Timeline>; 1] =
    [Column::<Timeline>::new("code", "과제코드", |t| text(&t.code)).data()];

type Tl = Column<TimelineItem>;

/// The columns of `report timeline` for `t`: with `--lineage`, each
/// report's measure first.
pub fn timeline(t: &Timeline) -> &'static [Tl] {
    match t.lineage {
        Some(_) => &TIMELINE_LINEAGE,
        None => &TIMELINE,
    }
}

/// `report timeline --lineage`: the chain's history, each report with its
/// measure's code (`measure_code`: the data formats lead with the asked
/// measure's `code`).
const TIMELINE_LINEAGE: [Tl; 9] = {
    let mut all = [Tl::new("measure_code", "보고 과제", |h| {
        Value::Opt(h.code.as_deref())
    })
    .en("measure"); 9];
    let mut i = 0;
    while i < TIMELINE.len() {
        all[i + 1] = TIMELINE[i];
        i += 1;
    }
    all
};

/// `report timeline`: the measure's history.
pub const TIMELINE: [Tl; 8] = [
    Tl::new("reported_on", "기준일", |h| {
        Value::Date(Some(h.reported_on))
    })
    .en("reported on"),
    Tl::new("from", "변경 전", |h| Value::Status(&h.from)).data(),
    Tl::new("status", "추진상황", |h| Value::Status(&h.status)),
    Tl::new("transition", "상황 변경 여부", |h| {
        Value::Bool(h.transition)
    })
    .data(),
    Tl::new("progress", "진척률", |h| Value::Progress(h.progress)).right(),
    Tl::new("change", "상황 변경", |h| match h.transition {
        true => Value::Change(&h.from, &h.status),
        false => text(""),
    })
    .people(),
    Tl::new("reported_by", "보고부처", |h| opt(&h.reported_by)).en("reported by"),
    Tl::new("note", "비고", |h| opt(&h.note)).long(),
];

type Rm = Column<RoundMinistry>;

/// `round show`: one ministry of a round (the missing measures by code,
/// separated by spaces).
pub const ROUND_MINISTRIES: [Rm; 9] = [
    Rm::new("code", "부처코드", |m| text(&m.code)).en("ministry"),
    Rm::new("name", "소관부처", |m| text(&m.name_ko)),
    Rm::new("state", "제출 상태", |m| {
        Value::Word(match m.state {
            State::Complete => words::ROUND_COMPLETE,
            State::Partial => words::ROUND_PARTIAL,
            State::Missing => words::MISSING,
        })
    }),
    Rm::new("requested", "요청", |m| Value::Int(m.requested)).right(),
    Rm::new("answered", "제출", |m| Value::Int(m.answered)).right(),
    Rm::new("received_on", "제출일", |m| Value::Date(m.received_on))
        .en("received on")
        .absent(Word { en: "-", ko: "-" }),
    Rm::new("days_late", "지연 일수", |m| Value::Int(m.days_late))
        .en("days late")
        .right(),
    Rm::new("missing_count", "미제출", |m| {
        Value::Int(m.missing.len() as i64)
    })
    .data(),
    Rm::new("missing", "미제출 과제", |m| {
        Value::Text(m.missing.join(" ").into())
    }),
];

type Rl = Column<RoundLine>;

/// `round list`.
pub const ROUNDS: [Rl; 8] = [
    Rl::new("code", "회차", |r| text(&r.code)).en("round"),
    Rl::new("title", "제목", |r| opt(&r.title)),
    Rl::new("as_of", "기준일", |r| Value::Date(Some(r.as_of))).en("as of"),
    Rl::new("due", "제출기한", |r| Value::Date(Some(r.due))),
    Rl::new("requested", "요청", |r| Value::Int(r.requested)).right(),
    Rl::new("answered", "제출", |r| Value::Int(r.answered)).right(),
    Rl::new("response_rate", "제출률", |r| {
        Value::Rate(r.response_rate)
    })
    .en("response")
    .right()
    .absent(Word { en: "-", ko: "-" }),
    Rl::new("state", "상태", |r| {
        Value::Word(if r.closed { words::CLOSED } else { words::OPEN })
    }),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_columns_are_keyed_by_the_status_codes() {
        let keys: Vec<&str> = figures::<Figures>()[1..6].iter().map(|c| c.key).collect();
        assert_eq!(keys, Status::ALL.map(Status::code));
    }
}
