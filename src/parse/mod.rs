//! The one home of input rules: how a status, a date, a due period, a
//! progress figure, a code, a category or an agency may be spelled.
//!
//! The commands (for their options) and `import` (for its cells) both call
//! these functions, so that `2023년 4분기` or `추진 중` means one thing
//! everywhere. Each function takes
//! the raw text (it trims) and returns either the value or an
//! [`InputError`](crate::error::InputError) naming why it was refused, what is
//! allowed and, for closed sets, the nearest accepted spelling. Nothing here
//! touches the database: categories and agencies are resolved through a
//! [`Lookup`] that the caller fills from the store.

mod code;
mod date;
mod days;
mod lookup;
mod progress;
pub mod status;

pub use code::{agency_code, code};
pub use date::{date, due};
pub use days::days;
pub use lookup::Lookup;
pub use progress::progress;
pub use status::status;

/// The loose form used to compare names, aliases and import headers:
/// lower-case, with every Unicode whitespace character (including the
/// ideographic space U+3000) and every `_` removed, so `Lead Ministry`,
/// `lead_ministry` and `소관 부처` compare equal to their unspaced forms.
///
/// Korean written as separate jamo (`완료` decomposed, as some macOS
/// programs save text) is composed first, so it compares equal to the
/// syllables it looks like.
pub fn normalize_key(s: &str) -> String {
    let kept = |c: &char| !c.is_whitespace() && *c != '_';
    if !has_jamo(s) {
        return s
            .chars()
            .filter(kept)
            .flat_map(char::to_lowercase)
            .collect();
    }
    // Spaces go first, so that jamo they separated compose as they will
    // when the key is built again from this one.
    let spaceless: String = s.chars().filter(kept).collect();
    compose_hangul(&spaceless)
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `s` has a Hangul vowel or final-consonant jamo, without which
/// [`compose_hangul`] has nothing to do.
pub fn has_jamo(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x1161..=0x1175 | 0x11A8..=0x11C2))
}

/// `s` with conjoining Hangul jamo composed into syllables, as Unicode
/// normalization form C composes them (`ᄋ`+`ᅪ`+`ᆫ` → `완`); everything else
/// unchanged. Borrowed when there is nothing to compose, as in almost every
/// input.
pub fn compose_hangul(s: &str) -> std::borrow::Cow<'_, str> {
    const S_BASE: u32 = 0xAC00;
    const L_BASE: u32 = 0x1100;
    const V_BASE: u32 = 0x1161;
    const T_BASE: u32 = 0x11A7;
    const L_COUNT: u32 = 19;
    const V_COUNT: u32 = 21;
    const T_COUNT: u32 = 28;
    const S_COUNT: u32 = L_COUNT * V_COUNT * T_COUNT;
    let lead = |c: u32| (L_BASE..L_BASE + L_COUNT).contains(&c);
    let vowel = |c: u32| (V_BASE..V_BASE + V_COUNT).contains(&c);
    let tail = |c: u32| (T_BASE + 1..T_BASE + T_COUNT).contains(&c);
    if !has_jamo(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().map(|c| c as u32).peekable();
    while let Some(c) = chars.next() {
        let mut syllable = match chars.peek() {
            Some(&v) if lead(c) && vowel(v) => {
                chars.next();
                S_BASE + ((c - L_BASE) * V_COUNT + (v - V_BASE)) * T_COUNT
            }
            // A syllable without a final consonant may still take one.
            _ if (S_BASE..S_BASE + S_COUNT).contains(&c)
                && (c - S_BASE).is_multiple_of(T_COUNT) =>
            {
                c
            }
            _ => {
                out.push(char::from_u32(c).expect("a char's own value"));
                continue;
            }
        };
        if let Some(&t) = chars.peek().filter(|&&t| tail(t)) {
            chars.next();
            syllable += t - T_BASE;
        }
        out.push(char::from_u32(syllable).expect("inside the Hangul syllables block"));
    }
    std::borrow::Cow::Owned(out)
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
    fn decomposed_hangul_is_composed() {
        // Canonical decompositions (NFD) of the syllables.
        let cases = [
            ("\u{110b}\u{116a}\u{11ab}\u{1105}\u{116d}", "완료"),
            (
                "\u{1109}\u{1161}\u{11bc}\u{1107}\u{1161}\u{11ab}\u{1100}\u{1175}",
                "상반기",
            ),
            (
                "2023\u{1102}\u{1167}\u{11ab} 6\u{110b}\u{116f}\u{11af}",
                "2023년 6월",
            ),
            // A composed syllable followed by a final consonant jamo.
            ("\u{c640}\u{11ab}", "완"),
            // Jamo that do not make a syllable stay as they are.
            ("\u{1100}x\u{1161}", "\u{1100}x\u{1161}"),
            ("\u{11ab}", "\u{11ab}"),
            ("plain 완료", "plain 완료"),
        ];
        for (input, want) in cases {
            assert_eq!(compose_hangul(input), want, "{input:?}");
        }
        assert!(matches!(
            compose_hangul("완료 done"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(normalize_key("\u{1100}\u{1175} \u{1110}\u{1161}"), "기타");
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
        fn normalize_key_is_idempotent_over_jamo(s in "[\u{1100}-\u{1112}\u{1161}-\u{1175}\u{11a8}-\u{11c2}가-힣 _a]{0,16}") {
            let k = normalize_key(&s);
            prop_assert_eq!(normalize_key(&k), k);
        }

        /// Korean decomposed into jamo (NFD) gives the key of the composed text.
        #[test]
        fn decomposed_korean_has_the_composed_key(s in "[가-힣 a-z0-9]{0,16}") {
            let decomposed: String = s
                .chars()
                .flat_map(|c| {
                    let n = c as u32;
                    if !(0xAC00..0xAC00 + 11172).contains(&n) {
                        return vec![c];
                    }
                    let i = n - 0xAC00;
                    let mut out = vec![
                        char::from_u32(0x1100 + i / (21 * 28)).unwrap(),
                        char::from_u32(0x1161 + (i % (21 * 28)) / 28).unwrap(),
                    ];
                    if !i.is_multiple_of(28) {
                        out.push(char::from_u32(0x11A7 + i % 28).unwrap());
                    }
                    out
                })
                .collect();
            prop_assert_eq!(compose_hangul(&decomposed), s.as_str());
            prop_assert_eq!(normalize_key(&decomposed), normalize_key(&s));
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

/// Assertions that the tests of every input rule share: a rule reads each
/// listed spelling as its value, or refuses each one for the same reason,
/// naming the input and what is allowed.
#[cfg(test)]
pub(crate) mod check {
    use std::fmt::Debug;

    use crate::error::InputError;

    /// Asserts that `read` takes each input as the value paired with it.
    pub(crate) fn assert_reads<'a, T: PartialEq + Debug>(
        read: impl Fn(&str) -> Result<T, InputError>,
        cases: impl IntoIterator<Item = (&'a str, T)>,
    ) {
        for (input, want) in cases {
            assert_eq!(read(input), Ok(want), "{input:?}");
        }
    }

    /// Asserts that `read` takes every input as the one value `want`.
    pub(crate) fn assert_reads_as<'a, T: PartialEq + Debug + Clone>(
        read: impl Fn(&str) -> Result<T, InputError>,
        inputs: impl IntoIterator<Item = &'a str>,
        want: T,
    ) {
        assert_reads(read, inputs.into_iter().map(|input| (input, want.clone())));
    }

    /// Asserts that `read` refuses each input for `why`, with the input as
    /// the value and `allowed` as what is allowed.
    pub(crate) fn assert_refused<'a, T: Debug>(
        read: impl Fn(&str) -> Result<T, InputError>,
        inputs: impl IntoIterator<Item = &'a str>,
        why: &str,
        allowed: &str,
    ) {
        for input in inputs {
            refused(&read, input, why, allowed);
        }
    }

    /// As [`assert_refused`], each refusal also suggesting the spelling
    /// paired with its input.
    pub(crate) fn assert_hints<'a, T: Debug>(
        read: impl Fn(&str) -> Result<T, InputError>,
        cases: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
        why: &str,
        allowed: &str,
    ) {
        for (input, hint) in cases {
            let e = refused(&read, input, why, allowed);
            assert_eq!(e.suggestion.as_deref(), hint, "{input:?}");
        }
    }

    fn refused<T: Debug>(
        read: &impl Fn(&str) -> Result<T, InputError>,
        input: &str,
        why: &str,
        allowed: &str,
    ) -> InputError {
        let e = read(input).unwrap_err();
        assert_eq!(e.why, why, "{input:?}");
        assert_eq!(e.value, input, "{input:?}");
        assert_eq!(e.allowed, allowed, "{input:?}");
        e
    }
}
