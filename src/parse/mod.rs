//! The one home of input rules: how a status, a date, a due period, a
//! progress figure, a code, a category or an agency may be spelled.
//!
//! clap `value_parser`s and `import` both call these functions, so that
//! `2023년 4분기` or `추진 중` means one thing everywhere. Each function takes
//! the raw text (it trims) and returns either the value or an
//! [`InputError`](crate::error::InputError) naming why it was refused, what is
//! allowed and, for closed sets, the nearest accepted spelling. Nothing here
//! touches the database: categories and agencies are resolved through a
//! [`Lookup`] that the caller fills from the store.

mod code;
mod date;
mod lookup;
mod progress;
mod status;

pub use code::{agency_code, code};
pub use date::{date, due};
pub use lookup::Lookup;
pub use progress::progress;
pub use status::status;

/// The loose form used to compare names, aliases and import headers:
/// lower-case, with every Unicode whitespace character (including the
/// ideographic space U+3000) and every `_` removed, so `Lead Ministry`,
/// `lead_ministry` and `소관 부처` compare equal to their unspaced forms.
pub fn normalize_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Did you mean": the candidate nearest to `input`, if it is near enough.
///
/// Both sides are compared in their [`normalize_key`] forms by
/// Damerau-Levenshtein distance over characters (so one Hangul syllable
/// counts as one edit). A candidate qualifies when the distance is at most
/// `max(1, n / 3)`, `n` being the length of the normalized input in
/// characters; among equals the first candidate wins. The candidate is
/// returned as given, not normalized. An empty input suggests nothing.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let key = normalize_key(input);
    let len = key.chars().count();
    if len == 0 {
        return None;
    }
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let other = normalize_key(candidate);
        // The distance is at least the difference in length: skip early, so
        // that a 50 MB cell is not compared character by character.
        if other.chars().count().abs_diff(len) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&key, &other);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalize_key_drops_case_spaces_and_underscores() {
        let cases = [
            ("Lead Ministry", "leadministry"),
            ("lead_ministry", "leadministry"),
            ("  LEAD\tMINISTRY\n", "leadministry"),
            ("소관 부처", "소관부처"),
            ("소관\u{3000}부처", "소관부처"), // ideographic space
            ("소관\u{a0}부처", "소관부처"),   // no-break space
            ("due-date", "due-date"),         // hyphens are kept
            ("데이터 개방·표준화", "데이터개방·표준화"), // dots are Lookup's business
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_key(input), want, "{input:?}");
        }
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        let codes = ["planned", "in-progress", "completed", "delayed", "dropped"];
        let cases = [
            ("complted", Some("completed")),
            ("COMPLETD", Some("completed")),
            ("deleyed", Some("delayed")),
            ("in progres", Some("in-progress")),
            ("droped", Some("dropped")),
            ("plannde", Some("planned")), // a transposition is one edit
            ("banana", None),
            ("", None),
            ("   ", None),
            ("x", None),
        ];
        for (input, want) in cases {
            assert_eq!(closest(input, codes), want.map(String::from), "{input:?}");
        }
    }

    #[test]
    fn closest_counts_hangul_syllables_as_one_edit() {
        let aliases = ["완료", "지연", "중단"];
        assert_eq!(closest("완려", aliases), Some("완료".to_string()));
        assert_eq!(closest("지 얀", aliases), Some("지연".to_string()));
        assert_eq!(closest("취하", aliases), None);
    }

    #[test]
    fn closest_returns_the_candidate_as_given_and_prefers_the_nearest() {
        let names = ["Data Opening", "Data Openings Extra", "Talent"];
        assert_eq!(
            closest("data_openin", names),
            Some("Data Opening".to_string())
        );
        // Distance 0 beats distance 1 even when it comes later.
        assert_eq!(closest("cat", ["car", "cat"]), Some("cat".to_string()));
        // A huge value is no near miss of anything, and is not compared
        // cell by cell (that took minutes for a 50 MB cell).
        let huge = "x".repeat(5_000_000);
        assert_eq!(closest(&huge, ["완료", "completed"]), None);
        // Ties go to the first.
        assert_eq!(closest("cat", ["car", "cab"]), Some("car".to_string()));
    }

    #[test]
    fn closest_limit_grows_with_length() {
        // 9 characters allow 3 edits, 5 allow 1.
        assert_eq!(
            closest("abcdefxyz", ["abcdefghi"]),
            Some("abcdefghi".to_string())
        );
        assert_eq!(closest("abcdwxyzq", ["abcdefghi"]), None);
        assert_eq!(closest("abcxy", ["abcde"]), None);
    }

    proptest! {
        #[test]
        fn normalize_key_is_idempotent_and_spaceless(s in any::<String>()) {
            let k = normalize_key(&s);
            prop_assert!(!k.chars().any(|c| c.is_whitespace() || c == '_'));
            prop_assert_eq!(normalize_key(&k), k);
        }

        #[test]
        fn closest_returns_one_of_the_candidates(
            s in any::<String>(),
            cands in prop::collection::vec("[a-z가-힣 _-]{0,8}", 0..6),
        ) {
            if let Some(hit) = closest(&s, cands.iter().map(String::as_str)) {
                prop_assert!(cands.contains(&hit));
            }
        }

        #[test]
        fn closest_finds_an_exact_match(cands in prop::collection::vec("[a-z가-힣]{1,8}", 1..6), i in 0usize..6) {
            let pick = &cands[i % cands.len()];
            let hit = closest(pick, cands.iter().map(String::as_str));
            prop_assert_eq!(hit.as_deref().map(normalize_key), Some(normalize_key(pick)));
        }
    }
}
