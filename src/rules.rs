//! The rules a write must keep, checked against what is known of the
//! stored rows ([`Known`]): pure functions, no I/O (the writer looks things
//! up and hands them in). The import checker (`crate::import`) and the
//! commands (`store/write/one.rs`) ask the same rules and give the same
//! reasons; each frames a reason its own way (a row error's column, a
//! command's code or flag). Cell parsing is left to `crate::parse`; what
//! only rows written together can break (a cycle of parents) to the writer,
//! which words it with [`parent_cycle`].

use chrono::NaiveDate;

use crate::store::write::{Known, KnownMeasure};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
