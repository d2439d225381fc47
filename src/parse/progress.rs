//! Progress figures: a whole percent 0–100, however the report wrote it.
//! Whether a measure has a progress at all is the caller's
//! business; this only reads one that is given.

use crate::error::InputError;

const ALLOWED: &str = "a whole percent from 0 to 100, such as 40 or 40%";

/// A whole percent from `40`, `40%`, `40.0`, ` 40 % ` or `40％` (full-width).
///
/// Fractions round to the nearest whole, halves away from zero (`33.3` is
/// 33, `33.5` is 34), and the range is checked after rounding, so `100.4`
/// is 100 and `100.5` is out of range. The number is plain decimal
/// (`digits[.digits]`): no exponent, no `+`, no thousands separator, no
/// `NaN` or `inf`. A minus sign is out of range unless the number is zero
/// (`-0`, `-0.0` are 0); `-0.4` is out of range even though it would round
/// to 0, since a negative report is a mistake, not a rounding.
///
/// The digits are read as text, not as a float, so no value, however long,
/// can overflow or lose precision on the way.
pub fn progress(s: &str) -> Result<i32, InputError> {
    let unrecognized = || InputError::new("unrecognized progress", s, ALLOWED);
    let out_of_range = || InputError::new("progress out of range", s, ALLOWED);

    let t = s.trim();
    let t = t.strip_suffix(['%', '％']).unwrap_or(t).trim_end();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (t.contains('.') && !digits(fraction)) {
        return Err(unrecognized());
    }

    let whole = whole.trim_start_matches('0');
    let zero = whole.is_empty() && fraction.bytes().all(|b| b == b'0');
    if negative && !zero {
        return Err(out_of_range());
    }
    if whole.len() > 3 {
        return Err(out_of_range());
    }
    let mut n: i32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| unrecognized())?
    };
    if fraction.as_bytes().first().is_some_and(|b| *b >= b'5') {
        n += 1;
    }
    if n > 100 {
        return Err(out_of_range());
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_every_documented_form() {
        let cases = [
            ("40", 40),
            ("40%", 40),
            ("40.0", 40),
            (" 40 % ", 40),
            ("40％", 40),
            ("40 ％", 40),
            ("\u{3000}40%\u{3000}", 40),
            ("40.0%", 40),
            ("0", 0),
            ("0%", 0),
            ("100", 100),
            ("100%", 100),
            ("100.0", 100),
            ("007", 7),
            ("0000000000000000000000050", 50),
        ];
        for (input, want) in cases {
            assert_eq!(progress(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn rounds_fractions_half_away_from_zero() {
        let cases = [
            ("33.3%", 33),
            ("33.3", 33),
            ("33.49999", 33),
            ("33.5", 34),
            ("33.50", 34),
            ("66.6%", 67),
            ("0.4", 0),
            ("0.5", 1),
            ("99.5", 100),
            ("100.4", 100),
            ("100.49", 100),
            ("12.999999999999999999999", 13),
        ];
        for (input, want) in cases {
            assert_eq!(progress(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn negative_zero_is_zero() {
        for input in ["-0", "-0.0", "-0%", "-000.000"] {
            assert_eq!(progress(input), Ok(0), "{input:?}");
        }
    }

    #[test]
    fn rejects_values_outside_0_to_100() {
        for input in [
            "101",
            "100.5",
            "100.6",
            "150%",
            "1000",
            "99999999999999999999999999",
            "-1",
            "-0.4",
            "-0.01",
            "-40%",
        ] {
            let e = progress(input).unwrap_err();
            assert_eq!(e.why, "progress out of range", "{input:?}");
            assert_eq!(e.value, input);
            assert_eq!(e.allowed, ALLOWED);
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_number() {
        for input in [
            "",
            "  ",
            "%",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "forty",
            "40%%",
            "%40",
            "40 percent",
            "4 0",
            "40.",
            ".5",
            "4.0.0",
            "+40",
            "--40",
            "- 40",
            "4e1",
            "1,000",
            "40,5",
            "0x28",
            "４０", // full-width digits
            "40퍼센트",
            "약 40%",
        ] {
            let e = progress(input).unwrap_err();
            assert_eq!(e.why, "unrecognized progress", "{input:?}");
            assert_eq!(e.value, input);
            assert_eq!(e.allowed, ALLOWED);
        }
    }

    proptest! {
        #[test]
        fn whole_percents_round_trip(
            n in 0i32..=100,
            percent in prop::sample::select(vec!["", "%", " %", "％", " ％ "]),
            pad in "[ \t]{0,2}",
        ) {
            prop_assert_eq!(progress(&format!("{pad}{n}{percent}{pad}")), Ok(n));
            prop_assert_eq!(progress(&format!("{n}.0{percent}")), Ok(n));
        }

        #[test]
        fn fractions_round_like_f64_round(tenths in 0u32..=1004) {
            let text = format!("{}.{}", tenths / 10, tenths % 10);
            let want = (f64::from(tenths) / 10.0).round() as i32;
            prop_assert_eq!(progress(&text), Ok(want), "{}", text);
        }

        #[test]
        fn accepted_values_are_in_range(s in "[-0-9. %％]{0,8}") {
            if let Ok(n) = progress(&s) {
                prop_assert!((0..=100).contains(&n));
            }
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = progress(&s);
        }
    }
}
