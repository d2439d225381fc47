//! Progress figures: a whole percent 0–100, however the report wrote it.
//! Whether a measure has a progress at all is the caller's
//! business; this only reads one that is given.

use crate::error::InputError;

const ALLOWED: &str = "a whole percent from 0 to 100, such as 40 or 40%";
const FRACTION_WHY: &str =
    "a fraction below 1 is ambiguous (a spreadsheet cell formatted as percent saves 60% as 0.6)";
const FRACTION_ALLOWED: &str = "the percent, such as 60 or 60% (below one percent: 0.6%)";

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
/// A fraction between 0 and 1 without a percent sign (`0.6`) is refused:
/// it is what a spreadsheet writes for a cell formatted as percent (60%),
/// or pandas for a share, and reading it as 0.6% (1) would store a wrong
/// figure without a word. With the sign (`0.6%`) it is a percent.
///
/// The digits are read as text, not as a float, so no value, however long,
/// can overflow or lose precision on the way.
pub fn progress(s: &str) -> Result<i32, InputError> {
    let unrecognized = || InputError::new("unrecognized progress", s, ALLOWED);
    let out_of_range = || InputError::new("progress out of range", s, ALLOWED);

    let t = s.trim();
    let percent = t.ends_with(['%', '％']);
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
    if whole.is_empty() && !zero && !percent {
        return Err(InputError::new(FRACTION_WHY, s, FRACTION_ALLOWED));
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
    use crate::parse::check::{assert_reads, assert_refused};
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
        assert_reads(progress, cases);
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
            ("0.4%", 0),
            ("0.5%", 1),
            ("0.6 %", 1),
            ("0.5％", 1),
            ("99.5", 100),
            ("100.4", 100),
            ("100.49", 100),
            ("12.999999999999999999999", 13),
        ];
        assert_reads(progress, cases);
    }

    /// What a cell formatted as percent holds, saved raw: refused, not read
    /// as less than one percent.
    #[test]
    fn fractions_below_one_without_a_percent_sign_are_refused() {
        assert_refused(
            progress,
            [
                "0.6", "0.25", "0.5", "0.4", " 0.6 ", "00.6", "0.01", "0.99999",
            ],
            FRACTION_WHY,
            FRACTION_ALLOWED,
        );
        // Zero is zero however it is written; one and more are percents.
        assert_reads(
            progress,
            [("0.0", 0), ("0.000", 0), ("1.0", 1), ("1", 1), ("1.4", 1)],
        );
    }

    #[test]
    fn negative_zero_is_zero() {
        for input in ["-0", "-0.0", "-0%", "-000.000"] {
            assert_eq!(progress(input), Ok(0), "{input:?}");
        }
    }

    #[test]
    fn rejects_values_outside_0_to_100() {
        assert_refused(
            progress,
            [
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
            ],
            "progress out of range",
            ALLOWED,
        );
    }

    #[test]
    fn rejects_what_is_not_a_plain_number() {
        assert_refused(
            progress,
            [
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
            ],
            "unrecognized progress",
            ALLOWED,
        );
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
            if (1..10).contains(&tenths) {
                // 0.1 to 0.9: a fraction, refused without the sign.
                prop_assert_eq!(progress(&text).map_err(|e| e.why), Err(FRACTION_WHY.to_string()));
            } else {
                prop_assert_eq!(progress(&text), Ok(want), "{}", text);
            }
            prop_assert_eq!(progress(&format!("{text}%")), Ok(want), "{}%", text);
        }

        /// A share written as a fraction (what pandas or a percent-formatted
        /// cell writes) is never read as a percent.
        #[test]
        fn fractions_below_one_are_never_read(n in 1u32..1_000_000, digits in 1usize..7) {
            let text = format!("0.{:0width$}", n % 10u32.pow(digits as u32), width = digits);
            let zero = text.trim_start_matches("0.").bytes().all(|b| b == b'0');
            prop_assert_eq!(progress(&text).is_ok(), zero, "{}", text);
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
