//! The rules a write must keep, checked against what is known of the
//! stored rows ([`Known`]): pure functions, no I/O (the writer looks things
//! up and hands them in). The import checker (`crate::import`) and the
//! commands (`store/write/one.rs`) ask the same rules and give the same
//! reasons; each frames a reason its own way (a row error's column, a
//! command's code or flag). Cell parsing is left to `crate::parse`; what
//! only rows written together can break (a cycle of parents) to the writer,
//! which words it with [`parent_cycle`].

use chrono::NaiveDate;

use crate::store::write::{Known, KnownMeasure, KnownRound};

/// Why a measure cannot take a meeting's code (`show CODE` finds one
/// thing): the reason of a row error, and after the code in a command's.
pub const MEASURE_CODE_IS_A_MEETINGS: &str =
    "is a meeting's code: a measure's code must differ from every meeting's";

/// Why a new meeting cannot take a measure's code.
pub const MEETING_CODE_IS_A_MEASURES: &str =
    "is a measure's code: a new meeting's code must differ from every measure's";

/// Why a measure cannot be its own parent.
pub const OWN_PARENT: &str = "a measure cannot be its own parent";

/// Why a parent of another meeting is refused.
pub fn parent_in_another_meeting(parent_meeting: &str, meeting: &str) -> String {
    format!(
        "the parent belongs to meeting {parent_meeting}, not {meeting}; a sub-measure stays in its parent's meeting"
    )
}

/// Why a measure cannot go under a parent that is one of the measure
/// `code`'s own sub-measures: the parents would go round.
pub fn parent_cycle(code: &str) -> String {
    format!(
        "is a sub-measure of {code} itself, so the parents would go round; choose a parent outside {code}'s sub-measures"
    )
}

/// A new meeting's code must not be a measure's (a stored meeting of that
/// code is no new meeting).
pub fn meeting_code(code: &str, known: &Known) -> Result<(), &'static str> {
    if !known.meetings.contains_key(code) && known.measure(code).is_some() {
        return Err(MEETING_CODE_IS_A_MEASURES);
    }
    Ok(())
}

/// A measure's code must not be a meeting's: a stored one, or one that
/// the same run defines (`defined`).
pub fn measure_code(code: &str, known: &Known, defined: bool) -> Result<(), &'static str> {
    if defined || known.meetings.contains_key(code) {
        return Err(MEASURE_CODE_IS_A_MEETINGS);
    }
    Ok(())
}

/// A stored measure stays in its meeting: the measure `code`, if known,
/// must belong to `meeting`.
pub fn stays_in_meeting(code: &str, meeting: &str, known: &Known) -> Result<(), String> {
    match known.measure_meeting(code) {
        Some(theirs) if theirs != meeting => Err(format!(
            "measure {code} belongs to meeting {theirs}; a measure cannot move to another meeting"
        )),
        _ => Ok(()),
    }
}

/// What is wrong with a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parent {
    /// The measure names itself.
    Own,
    /// The parent belongs to another meeting: the reason.
    InAnotherMeeting(String),
    /// No such measure is known.
    Unknown,
}

/// The parent `parent` of a measure of `meeting` (the measure `code`, when
/// it has one yet): not itself, known, and of the same meeting.
pub fn parent(
    code: Option<&str>,
    parent: &str,
    meeting: &str,
    known: &Known,
) -> Result<KnownMeasure, Parent> {
    if code == Some(parent) {
        return Err(Parent::Own);
    }
    let Some(k) = known.measure(parent) else {
        return Err(Parent::Unknown);
    };
    match known.meeting_code(k.meeting_id).unwrap_or("?") {
        theirs if theirs != meeting => Err(Parent::InAnotherMeeting(parent_in_another_meeting(
            theirs, meeting,
        ))),
        _ => Ok(k),
    }
}

/// What is wrong with the measure a measure continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continues {
    /// No such measure is known.
    Unknown,
    /// It is not of an earlier meeting: the reason.
    NotEarlier(String),
}

/// The measure `target` that the measure `code` of `meeting` (held on
/// `held_on`, when known) continues: known, and of a meeting held before
/// its own (so a chain of them goes back in time).
pub fn continues(
    code: &str,
    target: &str,
    meeting: &str,
    held_on: Option<NaiveDate>,
    known: &Known,
) -> Result<KnownMeasure, Continues> {
    let Some(k) = known.measure(target) else {
        return Err(Continues::Unknown);
    };
    let theirs = known.meeting_code(k.meeting_id).unwrap_or("?");
    let their_day = known.meetings.get(theirs).map(|m| m.held_on);
    let why = match (their_day, held_on) {
        _ if target == code => format!("{code} cannot continue itself"),
        _ if theirs == meeting => {
            format!("{target} is of the same meeting ({meeting})")
        }
        (Some(t), Some(h)) if t >= h => {
            format!("{target} is of meeting {theirs}, held on {t}, not before {meeting} ({h})")
        }
        _ => return Ok(k),
    };
    Err(Continues::NotEarlier(format!(
        "{why}; a measure continues a measure of an earlier meeting"
    )))
}

/// Why the measure `code` cannot continue a measure that (at some remove)
/// continues `code` itself: the chain would go round.
pub fn continues_cycle(code: &str) -> String {
    format!(
        "continues {code} itself (at some remove), so the chain would go round; a measure continues a measure of an earlier meeting"
    )
}

/// The day a due date revision was decided (`--on`): one that has come
/// (`today`), not before the meeting that announced the measure
/// (`held_on`), and not before the measure's latest revision (`latest`), so
/// that its revisions, in the order decided, are the order they were made.
pub fn revision_day(
    on: NaiveDate,
    held_on: NaiveDate,
    latest: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), String> {
    if on > today {
        return Err(format!(
            "--on {on} is after today ({today}): a revision is recorded on the day it was decided"
        ));
    }
    if on < held_on {
        return Err(format!(
            "--on {on} is before the measure's meeting ({held_on}): a due date is revised after the meeting announced it"
        ));
    }
    match latest {
        Some(l) if on < l => Err(format!(
            "--on {on} is before the measure's latest revision ({l}): revisions are recorded in the order they were decided"
        )),
        _ => Ok(()),
    }
}

/// One report a measure and date in one file: the reason when the measure
/// `code` (id `id`) already has a report for `date` from an earlier row.
pub fn one_report_a_day(code: &str, id: i32, date: NaiveDate, known: &Known) -> Result<(), String> {
    match known.earlier_report(id, date) {
        Some(line) => Err(format!(
            "a second report for {code} on this date: already on line {line}"
        )),
        None => Ok(()),
    }
}

/// A new meeting needs a title and a date: the reason when `field`
/// (`meeting_title`, `meeting_date`) is missing for the meeting `code`.
pub fn new_meeting_needs(code: &str, field: &str) -> String {
    format!("meeting {code} is new: its first row needs {field}")
}

/// A round's dates: the reply is due on or after the date it speaks of.
pub fn round_dates(as_of: NaiveDate, due: NaiveDate) -> Result<(), String> {
    if due < as_of {
        return Err(format!(
            "--due {due} is before --as-of {as_of}: the reports are due on or after the date they speak of"
        ));
    }
    Ok(())
}

/// The round `code` that a report names: known and still open. The
/// reason names the round.
pub fn round_open<'k>(code: &str, known: &'k Known) -> Result<&'k KnownRound, String> {
    match known.round(code) {
        None => {
            // Sorted: of codes equally near, the first by code, run after run.
            let mut codes: Vec<&str> = known.rounds.keys().map(String::as_str).collect();
            codes.sort_unstable();
            let near = crate::parse::closest(code, codes);
            Err(format!(
                "no round {code}{}; `policy-track round list` shows the rounds",
                crate::error::hint(near.as_deref())
            ))
        }
        Some(r) if r.closed => Err(format!(
            "round {code} is closed and takes no more answers; record the report without a round"
        )),
        Some(r) => Ok(r),
    }
}

/// A report answers the round `round` only for a measure it requested
/// (the measure `code`, id `id`).
pub fn requested(
    round: &KnownRound,
    code: &str,
    id: Option<i32>,
    known: &Known,
) -> Result<(), String> {
    match id {
        Some(id) if known.requested(round.id, id) => Ok(()),
        _ => Err(format!(
            "round {} did not request {code} (`policy-track round show {}` lists what it asked for); report it without the round",
            round.code, round.code
        )),
    }
}

/// A file that records its round (a round's template) is imported as an
/// answer to that round: `--round`, when given, must name the same one.
pub fn same_round(file: &str, given: &str) -> Result<(), String> {
    if file != given {
        return Err(format!(
            "the file answers round {file}, not --round {given}: import it with --round {file} or without --round"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::write::{Lookup, MeasureIn, MeetingIn};
    use crate::store::Store;

    #[test]
    fn a_round_is_due_on_or_after_its_date_and_a_file_answers_its_own_round() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(round_dates(d("2024-06-30"), d("2024-06-30")), Ok(()));
        assert_eq!(
            round_dates(d("2024-06-30"), d("2024-06-29")),
            Err("--due 2024-06-29 is before --as-of 2024-06-30: the reports are due on or after the date they speak of".into())
        );
        assert_eq!(same_round("2024q2", "2024q2"), Ok(()));
        let err = same_round("2024q2", "2024q3").unwrap_err();
        assert!(
            err.contains("answers round 2024q2, not --round 2024q3"),
            "{err}"
        );
    }

    #[test]
    fn reasons_name_the_codes_they_are_about() {
        assert_eq!(
            parent_in_another_meeting("esm-4", "esm-5"),
            "the parent belongs to meeting esm-4, not esm-5; a sub-measure stays in its parent's meeting"
        );
        assert!(parent_cycle("esm-5-01").contains("sub-measure of esm-5-01 itself"));
        assert_eq!(
            new_meeting_needs("esm-6", "meeting_date"),
            "meeting esm-6 is new: its first row needs meeting_date"
        );
    }

    fn meeting(code: &str) -> MeetingIn {
        MeetingIn {
            code: code.into(),
            title: Some(format!("meeting {code}")),
            held_on: NaiveDate::from_ymd_opt(2024, 3, 1),
            location: None,
            chair: None,
            source: None,
        }
    }

    fn measure(code: &str, meeting: &str, category_id: i32) -> MeasureIn {
        MeasureIn {
            code: code.into(),
            meeting: meeting.into(),
            parent: None,
            title: format!("measure {code}"),
            description: None,
            category_id,
            lead_ministry_id: None,
            due_date: None,
            continues: None,
        }
    }

    /// Two meetings, esm-4 and esm-5, with a measure each; what is known
    /// of them (the measures looked up as a chunk would) goes to `check`.
    fn with_known(check: impl FnOnce(&Known)) {
        let mut store = Store::open(std::path::Path::new(":memory:")).unwrap().store;
        store
            .write_one("test", |w| {
                let mut known = w.known()?;
                let category = known.refs.categories[0].id;
                for (m, code) in [("esm-4", "esm-4-01"), ("esm-5", "esm-5-01")] {
                    w.meeting(&mut known, &meeting(m))?;
                    w.measure(&mut known, &measure(code, m, category), None, 0)?;
                }
                let codes = ["esm-4-01", "esm-5-01", "esm-5-02", "esm-5"].map(String::from);
                w.load_chunk(&mut known, &codes, Lookup::Reports)?;
                check(&known);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn one_code_names_one_thing() {
        with_known(|known| {
            assert_eq!(meeting_code("esm-6", known), Ok(()));
            assert_eq!(meeting_code("esm-5", known), Ok(()), "a stored meeting");
            assert_eq!(
                meeting_code("esm-5-01", known),
                Err(MEETING_CODE_IS_A_MEASURES)
            );
            assert_eq!(measure_code("esm-5-02", known, false), Ok(()));
            assert_eq!(
                measure_code("esm-5", known, false),
                Err(MEASURE_CODE_IS_A_MEETINGS)
            );
            assert_eq!(
                measure_code("esm-7", known, true),
                Err(MEASURE_CODE_IS_A_MEETINGS),
                "a meeting the run defines"
            );
        });
    }

    #[test]
    fn a_parent_is_another_known_measure_of_the_same_meeting() {
        with_known(|known| {
            assert!(parent(Some("esm-5-02"), "esm-5-01", "esm-5", known).is_ok());
            assert_eq!(
                parent(Some("esm-5-01"), "esm-5-01", "esm-5", known).unwrap_err(),
                Parent::Own
            );
            assert_eq!(
                parent(None, "esm-5-09", "esm-5", known).unwrap_err(),
                Parent::Unknown
            );
            assert_eq!(
                parent(None, "esm-4-01", "esm-5", known).unwrap_err(),
                Parent::InAnotherMeeting(parent_in_another_meeting("esm-4", "esm-5"))
            );
        });
    }

    #[test]
    fn a_measure_continues_a_known_measure_of_an_earlier_meeting() {
        // Both meetings of `with_known` were held on 2024-03-01.
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        with_known(|known| {
            let k = continues("esm-5-02", "esm-4-01", "esm-5", d("2024-03-02"), known);
            assert_eq!(k.map(|k| k.id), Ok(known.measure("esm-4-01").unwrap().id));
            assert_eq!(
                continues("esm-5-02", "esm-4-09", "esm-5", d("2024-03-02"), known).unwrap_err(),
                Continues::Unknown
            );
            let not_earlier = |why: &str| {
                Continues::NotEarlier(format!(
                    "{why}; a measure continues a measure of an earlier meeting"
                ))
            };
            assert_eq!(
                continues("esm-5-02", "esm-4-01", "esm-5", d("2024-03-01"), known).unwrap_err(),
                not_earlier("esm-4-01 is of meeting esm-4, held on 2024-03-01, not before esm-5 (2024-03-01)")
            );
            assert_eq!(
                continues("esm-5-02", "esm-5-01", "esm-5", d("2024-03-02"), known).unwrap_err(),
                not_earlier("esm-5-01 is of the same meeting (esm-5)")
            );
            assert_eq!(
                continues("esm-5-01", "esm-5-01", "esm-5", None, known).unwrap_err(),
                not_earlier("esm-5-01 cannot continue itself")
            );
        });
        assert!(continues_cycle("esm-4-01").contains("continues esm-4-01 itself"));
    }

    #[test]
    fn a_revision_is_decided_by_today_and_after_the_last() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = d("2025-01-15");
        let held = d("2023-06-01");
        assert_eq!(revision_day(today, held, None, today), Ok(()));
        assert_eq!(revision_day(held, held, None, today), Ok(()));
        assert_eq!(
            revision_day(d("2024-11-01"), held, Some(d("2024-11-01")), today),
            Ok(())
        );
        assert!(revision_day(d("2025-01-16"), held, None, today)
            .unwrap_err()
            .contains("--on 2025-01-16 is after today (2025-01-15)"));
        assert!(revision_day(d("2023-05-31"), held, None, today)
            .unwrap_err()
            .contains("--on 2023-05-31 is before the measure's meeting (2023-06-01)"));
        assert!(
            revision_day(d("2024-10-31"), held, Some(d("2024-11-01")), today)
                .unwrap_err()
                .contains("before the measure's latest revision (2024-11-01)")
        );
    }

    #[test]
    fn a_measure_stays_in_its_meeting() {
        with_known(|known| {
            assert_eq!(stays_in_meeting("esm-5-01", "esm-5", known), Ok(()));
            assert_eq!(stays_in_meeting("esm-5-02", "esm-4", known), Ok(()), "new");
            assert_eq!(
                stays_in_meeting("esm-5-01", "esm-4", known).unwrap_err(),
                "measure esm-5-01 belongs to meeting esm-5; a measure cannot move to another meeting"
            );
        });
    }
}
