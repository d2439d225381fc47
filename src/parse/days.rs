//! A number of days (`--stale`, `--stale-days`, `--days`): a whole number
//! from 0 to `u32::MAX`, written as digits (`90`, ` 90 `, `+90` is not a count).

use crate::error::InputError;

const ALLOWED: &str = "a whole number of days from 0 to 4294967295, such as 90";

/// A count of days, after trimming.
pub fn days(s: &str) -> Result<u32, InputError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(InputError::new("empty number of days", s, ALLOWED));
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InputError::new("not a number of days", s, ALLOWED));
    }
    t.parse()
        .map_err(|_| InputError::new("too many days", s, ALLOWED))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_digits_and_refuses_the_rest() {
        assert_eq!(days("90"), Ok(90));
        assert_eq!(days(" 0 "), Ok(0));
        assert_eq!(days("007"), Ok(7));
        for bad in ["", " ", "-1", "+1", "9x", "1.5", "90일", "4294967296"] {
            let e = days(bad).unwrap_err();
            assert_eq!(e.value, bad, "{bad:?}");
            assert!(e.reason().contains("a whole number of days"), "{bad:?}");
        }
        assert!(ALLOWED.contains(&u32::MAX.to_string()));
    }

    proptest! {
        #[test]
        fn every_u32_reads_back(n in any::<u32>()) {
            prop_assert_eq!(days(&n.to_string()), Ok(n));
        }

        #[test]
        fn never_panics_and_accepts_only_digits(s in any::<String>()) {
            if days(&s).is_ok() {
                prop_assert!(s.trim().bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
