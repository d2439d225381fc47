//! Meeting and measure codes (`esm-5`, `esm-5-03`, `esm-5-04-1`): the only
//! way a [`Code`] is built. Whether a code exists is the store's business.

use crate::error::InputError;
use crate::model::Code;

const ALLOWED: &str = "lower-case letters, digits and single hyphens, such as esm-5 or esm-5-03";
const MAX_LEN: usize = 64;

/// A code: trimmed, ASCII letters lower-cased, then `[a-z0-9]+(-[a-z0-9]+)*`
/// of at most 64 characters.
///
/// `what` ("meeting code", "measure code") names the value in the error.
/// Only ASCII letters are lower-cased, so a look-alike such as the Kelvin
/// sign `K` is refused rather than silently turned into `k`. A refused code
/// that becomes valid by lower-casing and joining its words with single
/// hyphens (`ESM 5_03` → `esm-5-03`) is offered as the suggestion.
pub fn code(what: &'static str, s: &str) -> Result<Code, InputError> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err(InputError::new(format!("empty {what}"), s, ALLOWED));
    }
    if t.chars().count() > MAX_LEN {
        return Err(InputError::new(
            format!("{what} too long"),
            s,
            format!("at most {MAX_LEN} characters of {ALLOWED}"),
        ));
    }
    if is_slug(&t) {
        return Ok(Code(t));
    }
    Err(InputError::new(format!("invalid {what}"), s, ALLOWED).suggest(slugify(&t)))
}

fn is_slug(t: &str) -> bool {
    t.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// `t` with every run of ASCII punctuation and spaces made one hyphen, if
/// that is a valid code of allowed length; `None` when anything else (such
/// as Hangul) is in the way.
fn slugify(t: &str) -> Option<String> {
    let mut out = String::new();
    let mut gap = false;
    for c in t.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else if c.is_ascii_punctuation() || c.is_whitespace() {
            gap = true;
        } else {
            return None;
        }
    }
    (is_slug(&out) && out.len() <= MAX_LEN).then_some(out)
}

/// An agency's code (`MOEF`, `SEOUL`): trimmed and upper-cased, then up to
/// 32 ASCII letters, digits, `-` or `_`. Output shows it as the short name
/// of the agency, and the `;` or `,` that join a list of them in a cell
/// never occur in it.
pub fn agency_code(s: &str) -> Result<String, InputError> {
    const AGENCY_ALLOWED: &str = "up to 32 letters A-Z, digits, '-' or '_', such as MOEF or SEOUL";
    let t = s.trim().to_ascii_uppercase();
    let ok = !t.is_empty()
        && t.len() <= 32
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(t)
    } else {
        Err(InputError::new("invalid agency code", s, AGENCY_ALLOWED))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::check::{assert_hints, assert_reads, assert_refused};
    use proptest::prelude::*;

    #[test]
    fn agency_codes_are_short_upper_case_words() {
        assert_eq!(agency_code(" moef ").as_deref(), Ok("MOEF"));
        assert_eq!(agency_code("KR-Seoul_1").as_deref(), Ok("KR-SEOUL_1"));
        assert_eq!(agency_code(&"A".repeat(32)), Ok("A".repeat(32)));
        for bad in [
            "",
            " ",
            "bad code!",
            "a;b",
            "a,b",
            "기재부",
            &"A".repeat(33),
        ] {
            let e = agency_code(bad).unwrap_err();
            assert_eq!(e.why, "invalid agency code", "{bad:?}");
        }
    }

    #[test]
    fn accepts_slugs_and_lowercases_them() {
        let cases = [
            ("esm-5", "esm-5"),
            ("esm-5-03", "esm-5-03"),
            ("esm-5-04-1", "esm-5-04-1"),
            ("ESM-5", "esm-5"),
            ("  Esm-5-03\t", "esm-5-03"),
            ("a", "a"),
            ("7", "7"),
            ("2023-esm", "2023-esm"),
        ];
        assert_reads(
            |input| code("measure code", input).map(|c| c.0),
            cases.map(|(input, want)| (input, want.to_string())),
        );
    }

    #[test]
    fn accepts_exactly_64_characters() {
        let long = "a".repeat(MAX_LEN);
        assert_eq!(code("meeting code", &long).map(|c| c.0), Ok(long.clone()));
        let e = code("meeting code", &format!("{long}b")).unwrap_err();
        assert_eq!(e.why, "meeting code too long");
        assert!(e.allowed.contains("64"));
    }

    #[test]
    fn rejects_empty() {
        assert_refused(
            |input| code("meeting code", input),
            ["", "   "],
            "empty meeting code",
            ALLOWED,
        );
    }

    #[test]
    fn rejects_what_is_not_a_slug_naming_what() {
        let cases = [
            ("esm--5", Some("esm-5")),
            ("-esm-5", Some("esm-5")),
            ("esm-5-", Some("esm-5")),
            ("esm_5", Some("esm-5")),
            ("ESM 5 03", Some("esm-5-03")),
            ("esm.5/03", Some("esm-5-03")),
            ("esm-5 (draft)", Some("esm-5-draft")),
            ("esm\u{212a}-5", None), // Kelvin sign, not k
            ("회의-5", None),
            ("é-5", None),
            ("---", None),
            ("esm\n5", Some("esm-5")),
        ];
        assert_hints(
            |input| code("measure code", input),
            cases,
            "invalid measure code",
            ALLOWED,
        );
    }

    proptest! {
        #[test]
        fn valid_slugs_round_trip(parts in prop::collection::vec("[a-z0-9]{1,6}", 1..6)) {
            let slug = parts.join("-");
            prop_assume!(slug.len() <= MAX_LEN);
            prop_assert_eq!(code("measure code", &slug).map(|c| c.0), Ok(slug.clone()));
            prop_assert_eq!(code("measure code", &slug.to_uppercase()).map(|c| c.0), Ok(slug));
        }

        #[test]
        fn accepted_codes_are_slugs_and_stable(s in "[a-zA-Z0-9 _-]{0,12}") {
            if let Ok(c) = code("meeting code", &s) {
                prop_assert!(is_slug(&c.0) && c.0.len() <= MAX_LEN);
                prop_assert_eq!(code("meeting code", &c.0), Ok(c.clone()));
            }
        }

        #[test]
        fn suggestions_are_themselves_accepted(s in any::<String>()) {
            if let Err(InputError { suggestion: Some(hint), .. }) = code("measure code", &s) {
                prop_assert!(code("measure code", &hint).is_ok(), "{}", hint);
            }
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = code("meeting code", &s);
        }
    }
}
