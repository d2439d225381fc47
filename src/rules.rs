//! The rules a write must keep, checked against what is known of the
//! stored rows: pure functions, no I/O (the writer looks things up and
//! hands them in). The import checker and the commands ask the same rules
//! and say the same reasons; each frames the reason its own way (a row
//! error's column, a command's flag).

/// Why a measure cannot go under `parent`: `parent` is one of the
/// measure `code`'s own sub-measures, so the parents would go round.
pub fn parent_cycle(code: &str) -> String {
    format!(
        "is a sub-measure of {code} itself, so the parents would go round; choose a parent outside {code}'s sub-measures"
    )
}
