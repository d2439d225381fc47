//! Why a status report goes to the review queue (SPEC §11): pure rules over
//! one report, the report of its measure before it, its measure's lead
//! ministry and meeting, and the day it is looked at. `report review` asks
//! them of every report not yet assessed; an import and `update-status` ask
//! them of the reports they write and say how many go to the queue. Finding
//! the reports and their previous ones is the store's
//! (`store::report::review`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Status;
use crate::words::Word;

/// A jump of progress over the previous report larger than this many
/// points is looked at.
pub const JUMP: i32 = 50;

/// Why a report is looked at. The codes (JSON, CSV) are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Completed, with a progress below 100 %.
    #[serde(rename = "completed_below_100")]
    CompletedBelow100,
    /// A progress below that of the previous report.
    ProgressBack,
    /// The previous report was completed, this one is not.
    LeftCompleted,
    /// Sent by another agency than the measure's lead ministry.
    NotLeadMinistry,
    /// Dated after the day it is looked at (today, or the as-of date).
    DatedAhead,
    /// Dated before the meeting that announced the measure.
    BeforeMeeting,
    /// More than [`JUMP`] points over the previous report's progress.
    ProgressJump,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::CompletedBelow100,
        Reason::ProgressBack,
        Reason::LeftCompleted,
        Reason::NotLeadMinistry,
        Reason::DatedAhead,
        Reason::BeforeMeeting,
        Reason::ProgressJump,
    ];

    /// The reason in words: its code in English (as in CSV and JSON), a
    /// phrase in Korean.
    pub const fn word(self) -> Word {
        let (en, ko) = match self {
            Reason::CompletedBelow100 => ("completed_below_100", "완료인데 100% 미만"),
            Reason::ProgressBack => ("progress_back", "진척률 후퇴"),
            Reason::LeftCompleted => ("left_completed", "완료에서 되돌림"),
            Reason::NotLeadMinistry => ("not_lead_ministry", "소관부처 아닌 보고"),
            Reason::DatedAhead => ("dated_ahead", "기준일이 미래"),
            Reason::BeforeMeeting => ("before_meeting", "회의 전 기준일"),
            Reason::ProgressJump => ("progress_jump", "진척률 50%p 초과 급등"),
        };
        Word { en, ko }
    }
}

/// A report as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    pub status: &'a str,
    pub progress: Option<i32>,
    pub reported_on: NaiveDate,
    /// The reporting agency's id.
    pub reported_by: Option<i32>,
    /// The measure's lead ministry's id.
    pub lead_ministry: Option<i32>,
    /// The day the measure's meeting was held.
    pub held_on: NaiveDate,
    /// The status and progress of the measure's report before this one
    /// (by date), if any.
    pub previous: Option<(&'a str, Option<i32>)>,
}

pub fn completed_below_100(f: &Facts) -> bool {
    f.status == Status::Completed.code() && f.progress.is_some_and(|p| p < 100)
}

pub fn progress_back(f: &Facts) -> bool {
    matches!((f.previous, f.progress), (Some((_, Some(before))), Some(now)) if now < before)
}

pub fn left_completed(f: &Facts) -> bool {
    let completed = Status::Completed.code();
    f.previous.is_some_and(|(s, _)| s == completed) && f.status != completed
}

/// A report with no reporter, or of a measure with no lead ministry, says
/// nothing of who should have sent it.
pub fn not_lead_ministry(f: &Facts) -> bool {
    matches!((f.reported_by, f.lead_ministry), (Some(by), Some(lead)) if by != lead)
}

pub fn dated_ahead(f: &Facts, today: NaiveDate) -> bool {
    f.reported_on > today
}

pub fn before_meeting(f: &Facts) -> bool {
    f.reported_on < f.held_on
}

pub fn progress_jump(f: &Facts) -> bool {
    matches!((f.previous, f.progress), (Some((_, Some(before))), Some(now)) if now - before > JUMP)
}

/// Every reason to look at the report `f` on `today`, in the order of
/// [`Reason::ALL`]; none: it need not be looked at.
pub fn reasons(f: &Facts, today: NaiveDate) -> Vec<Reason> {
    Reason::ALL
        .into_iter()
        .filter(|r| match r {
            Reason::CompletedBelow100 => completed_below_100(f),
            Reason::ProgressBack => progress_back(f),
            Reason::LeftCompleted => left_completed(f),
            Reason::NotLeadMinistry => not_lead_ministry(f),
            Reason::DatedAhead => dated_ahead(f, today),
            Reason::BeforeMeeting => before_meeting(f),
            Reason::ProgressJump => progress_jump(f),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, d).unwrap()
    }

    /// An in-progress report at 40 % of the lead ministry (1), on the 10th,
    /// of a meeting of the 1st, after one in progress at 30 %.
    fn plain() -> Facts<'static> {
        Facts {
            status: "in-progress",
            progress: Some(40),
            reported_on: day(10),
            reported_by: Some(1),
            lead_ministry: Some(1),
            held_on: day(1),
            previous: Some(("in-progress", Some(30))),
        }
    }

    #[test]
    fn a_plain_report_has_no_reason() {
        assert_eq!(reasons(&plain(), day(10)), []);
    }

    #[test]
    fn each_rule_catches_its_case_and_only_it() {
        let today = day(20);
        let cases: [(Facts, Reason); 7] = [
            (
                Facts {
                    status: "completed",
                    progress: Some(80),
                    ..plain()
                },
                Reason::CompletedBelow100,
            ),
            (
                Facts {
                    progress: Some(29),
                    ..plain()
                },
                Reason::ProgressBack,
            ),
            (
                Facts {
                    previous: Some(("completed", None)),
                    ..plain()
                },
                Reason::LeftCompleted,
            ),
            (
                Facts {
                    reported_by: Some(2),
                    ..plain()
                },
                Reason::NotLeadMinistry,
            ),
            (
                Facts {
                    reported_on: day(21),
                    ..plain()
                },
                Reason::DatedAhead,
            ),
            (
                Facts {
                    held_on: day(11),
                    ..plain()
                },
                Reason::BeforeMeeting,
            ),
            (
                Facts {
                    progress: Some(81),
                    ..plain()
                },
                Reason::ProgressJump,
            ),
        ];
        for (f, reason) in cases {
            assert_eq!(reasons(&f, today), [reason], "{f:?}");
        }
    }

    #[test]
    fn the_edges_are_not_reasons() {
        let today = day(10);
        let edge = |f: Facts| reasons(&f, today);
        // 100 % completed, a jump of exactly 50, the same progress again,
        // a report on today and on the meeting's day.
        assert_eq!(
            edge(Facts {
                status: "completed",
                progress: Some(100),
                previous: Some(("in-progress", Some(90))),
                ..plain()
            }),
            []
        );
        assert_eq!(
            edge(Facts {
                progress: Some(80),
                ..plain()
            }),
            []
        );
        assert_eq!(
            edge(Facts {
                progress: Some(30),
                ..plain()
            }),
            []
        );
        assert_eq!(
            edge(Facts {
                reported_on: day(1),
                ..plain()
            }),
            []
        );
        // Nothing known, nothing to say: no previous report, no progress,
        // no reporter or no lead ministry.
        let unknown = Facts {
            status: "completed",
            progress: None,
            previous: None,
            reported_by: None,
            ..plain()
        };
        assert_eq!(edge(unknown), []);
        assert_eq!(
            edge(Facts {
                lead_ministry: None,
                reported_by: Some(9),
                ..plain()
            }),
            []
        );
    }

    #[test]
    fn a_report_can_have_several_reasons_in_one_order() {
        let f = Facts {
            status: "delayed",
            progress: Some(10),
            reported_on: day(25),
            reported_by: Some(3),
            previous: Some(("completed", Some(100))),
            ..plain()
        };
        assert_eq!(
            reasons(&f, day(20)),
            [
                Reason::ProgressBack,
                Reason::LeftCompleted,
                Reason::NotLeadMinistry,
                Reason::DatedAhead
            ]
        );
    }

    #[test]
    fn reason_codes_are_stable_snake_case() {
        let codes: Vec<String> = Reason::ALL
            .iter()
            .map(|r| {
                serde_json::to_value(r)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let words: Vec<&str> = Reason::ALL.iter().map(|r| r.word().en).collect();
        assert_eq!(codes, words);
        assert_eq!(
            codes,
            [
                "completed_below_100",
                "progress_back",
                "left_completed",
                "not_lead_ministry",
                "dated_ahead",
                "before_meeting",
                "progress_jump"
            ]
        );
    }
}
