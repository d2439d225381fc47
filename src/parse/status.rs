//! Status spellings: the English codes and the Korean words ministries use
//! in their reports. The set is closed; `Status` itself lives in
//! `model`.

use crate::error::InputError;
use crate::model::Status;

use super::{closest, normalize_key};

const ALLOWED: &str =
    "planned, in-progress, completed, delayed, dropped (or a Korean alias such as 추진중, 완료)";

/// The Korean aliases of each status, written without spaces.
const KOREAN: [(Status, &[&str]); 5] = [
    (Status::Planned, &["계획", "미착수", "착수전", "추진예정"]),
    (
        Status::InProgress,
        &["추진중", "진행중", "정상추진", "이행중"],
    ),
    (Status::Completed, &["완료", "이행완료", "조치완료"]),
    (Status::Delayed, &["지연", "부진", "차질", "지연중"]),
    (Status::Dropped, &["중단", "철회", "취소", "폐지"]),
];

/// The Korean word of a status that forms offer (the first of its
/// aliases): `추진중` for in-progress.
pub fn korean(st: Status) -> &'static str {
    KOREAN
        .iter()
        .find(|(s, _)| *s == st)
        .map_or(st.code(), |(_, words)| words[0])
}

/// A status from its English code or a Korean alias.
///
/// Case, spaces, underscores and hyphens are ignored, so `In Progress`,
/// `in_progress`, `IN-PROGRESS` and `inprogress` are all `in-progress`, and
/// `추진 중` is `추진중`. An unknown word gets the nearest code or alias as
/// its suggestion.
pub fn status(s: &str) -> Result<Status, InputError> {
    // A code or an alias exactly as written, as most files write them: no
    // key to build.
    for st in Status::ALL {
        if s == st.code() {
            return Ok(st);
        }
    }
    for (st, aliases) in KOREAN {
        if aliases.contains(&s) {
            return Ok(st);
        }
    }
    let key: String = normalize_key(s).chars().filter(|c| *c != '-').collect();
    if key.is_empty() {
        return Err(InputError::new("empty status", s, ALLOWED));
    }
    for st in Status::ALL {
        if st.code().chars().filter(|c| *c != '-').eq(key.chars()) {
            return Ok(st);
        }
    }
    for (st, aliases) in KOREAN {
        if aliases.contains(&key.as_str()) {
            return Ok(st);
        }
    }
    let candidates = Status::ALL.iter().map(|st| st.code()).chain(
        KOREAN
            .iter()
            .flat_map(|(_, aliases)| aliases.iter().copied()),
    );
    Err(InputError::new("unknown status", s, ALLOWED).suggest(closest(s, candidates)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::check::{assert_hints, assert_reads, assert_refused};
    use proptest::prelude::*;

    #[test]
    fn each_status_has_a_korean_word_that_reads_back() {
        for st in Status::ALL {
            let word = korean(st);
            assert!(!word.is_ascii(), "{word}");
            assert_eq!(status(word), Ok(st));
        }
    }

    #[test]
    fn accepts_english_codes_in_any_case_and_separator() {
        let cases = [
            ("planned", Status::Planned),
            ("Planned", Status::Planned),
            (" PLANNED ", Status::Planned),
            ("in-progress", Status::InProgress),
            ("In Progress", Status::InProgress),
            ("in_progress", Status::InProgress),
            ("IN-PROGRESS", Status::InProgress),
            ("inprogress", Status::InProgress),
            ("completed", Status::Completed),
            ("delayed", Status::Delayed),
            ("Dropped", Status::Dropped),
        ];
        assert_reads(status, cases);
    }

    #[test]
    fn accepts_every_documented_korean_alias() {
        let cases = [
            ("계획", Status::Planned),
            ("미착수", Status::Planned),
            ("착수전", Status::Planned),
            ("추진예정", Status::Planned),
            ("추진중", Status::InProgress),
            ("진행중", Status::InProgress),
            ("정상추진", Status::InProgress),
            ("이행중", Status::InProgress),
            ("완료", Status::Completed),
            ("이행완료", Status::Completed),
            ("조치완료", Status::Completed),
            ("지연", Status::Delayed),
            ("부진", Status::Delayed),
            ("차질", Status::Delayed),
            ("지연중", Status::Delayed),
            ("중단", Status::Dropped),
            ("철회", Status::Dropped),
            ("취소", Status::Dropped),
            ("폐지", Status::Dropped),
        ];
        assert_reads(status, cases);
    }

    #[test]
    fn korean_aliases_ignore_spaces() {
        assert_eq!(status("추진 중"), Ok(Status::InProgress));
        assert_eq!(status(" 정상 추진 "), Ok(Status::InProgress));
        assert_eq!(status("이행\u{3000}완료"), Ok(Status::Completed));
        assert_eq!(status("착수 전"), Ok(Status::Planned));
    }

    #[test]
    fn rejects_empty_with_its_own_reason() {
        assert_refused(status, ["", "   ", "\t\n"], "empty status", ALLOWED);
    }

    #[test]
    fn rejects_unknown_with_a_suggestion_when_close() {
        let cases = [
            ("complted", Some("completed")),
            ("delaid", Some("delayed")),
            ("완려", Some("완료")),
            ("추진듕", Some("추진중")),
            ("done", None),
            ("진행", Some("진행중")), // a prefix of an alias is not an alias
            ("완료됨", Some("완료")),
            ("in progress x", Some("in-progress")),
        ];
        assert_hints(status, cases, "unknown status", ALLOWED);
    }

    #[test]
    fn every_status_round_trips_through_its_code() {
        for st in Status::ALL {
            assert_eq!(status(st.code()), Ok(st));
        }
    }

    #[test]
    fn aliases_are_unique_across_statuses() {
        let mut seen = std::collections::HashSet::new();
        for (_, aliases) in KOREAN {
            for a in aliases {
                assert!(seen.insert(*a), "{a} listed twice");
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = status(&s);
        }

        #[test]
        fn never_panics_on_korean_ish(s in "[가-힣 a-zA-Z_\\-]{0,12}") {
            let _ = status(&s);
        }

        #[test]
        fn codes_survive_case_and_separator_changes(
            i in 0usize..5,
            upper in prop::collection::vec(any::<bool>(), 16),
            sep in prop::sample::select(vec!["-", " ", "_", "", " - "]),
            pad in "[ \t]{0,3}",
        ) {
            let st = Status::ALL[i];
            let word: String = st
                .code()
                .replace('-', sep)
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
                .collect();
            prop_assert_eq!(status(&format!("{pad}{word}{pad}")), Ok(st));
        }

        #[test]
        fn korean_aliases_survive_inserted_spaces(i in 0usize..5, j in 0usize..4, at in 0usize..4) {
            let (st, aliases) = KOREAN[i];
            let alias = aliases[j % aliases.len()];
            let chars: Vec<char> = alias.chars().collect();
            let at = at % (chars.len() + 1);
            let spaced: String = chars[..at]
                .iter()
                .chain(std::iter::once(&' '))
                .chain(chars[at..].iter())
                .collect();
            prop_assert_eq!(status(&spaced), Ok(st));
        }
    }
}
