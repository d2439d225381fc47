//! Dates and due periods as Korean documents and spreadsheets write them:
//! `2023-06-01`, `2023.6.1.`, `20230601`, `2023년 6월 1일`, and
//! for due dates also a month, quarter, half or year meaning its last day.
//! Output formatting (always ISO) is the renderers' business.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::InputError;

const DATE_ALLOWED: &str = "a date such as 2023-06-01, 2023.6.1, 20230601 or 2023년 6월 1일";
const DUE_ALLOWED: &str =
    "a date (2023-06-01) or a period: 2023-12, 2023-Q4, 2023-H2, 2023년 하반기, 2023";

/// An exact day.
///
/// Accepts, after trimming: `2023-06-01`, `2023.06.01`, `2023/06/01` with
/// one- or two-digit month and day and the same separator twice (spaces
/// around it are tolerated, as in `2023. 6. 1.`); `20230601`; and
/// `2023년 6월 1일` with or without spaces. One trailing `.` is ignored, as
/// Korean documents write `2023.6.1.`. The year has exactly four digits.
/// Well-formed but impossible days (`2023-02-30`) are "no such date".
///
/// A day followed by a time of midnight (`2023-06-01 00:00:00`,
/// `2023-06-01T00:00:00`, `2023-06-01 0:00`), as Excel and pandas write a
/// date cell, is that day; any other time of day is refused, since the day
/// it belongs to may depend on a time zone. Forms that are refused because
/// reading them would be a guess get a reason of their own: an Excel date
/// serial number (`45473`), a two-digit year (`24.6.30`), the day and month
/// before the year (`6/30/2024`).
///
/// A day may carry its weekday in parentheses, as Korean documents write it
/// (`2024.6.30(일)`, `2024-06-30 (일요일)`); it must be that day's.
pub fn date(s: &str) -> Result<NaiveDate, InputError> {
    let text = super::compose_hangul(s);
    let (text, extra) = split_extras(&text);
    match scan(text) {
        Some(Shape::Day(y, m, d)) => checked_day(s, (y, m, d), extra, DATE_ALLOWED),
        _ => Err(unrecognized(s, DATE_ALLOWED)),
    }
}

/// What may follow a day: a time of day (`Some(true)` when midnight) and
/// a weekday.
#[derive(Clone, Copy, Default)]
struct Extras {
    time: Option<bool>,
    weekday: Option<Weekday>,
}

impl Extras {
    fn any(self) -> bool {
        self.time.is_some() || self.weekday.is_some()
    }
}

/// The text without a weekday in parentheses and a time of day at its end.
fn split_extras(s: &str) -> (&str, Extras) {
    let (s, weekday) = split_weekday(s);
    let (s, time) = split_time(s);
    (s, Extras { time, weekday })
}

/// The day `(y, m, d)` if it exists, its time is midnight and its weekday
/// (if written) is its own.
fn checked_day(
    s: &str,
    (y, m, d): (i32, u32, u32),
    extra: Extras,
    allowed: &str,
) -> Result<NaiveDate, InputError> {
    let day = NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| InputError::new("no such date", s, allowed))?;
    at_midnight(s, extra.time)?;
    match extra.weekday {
        Some(w) if w != day.weekday() => {
            let own = KOREAN_WEEKDAYS[day.weekday().num_days_from_monday() as usize];
            Err(InputError::new(
                "wrong weekday",
                s,
                format!("the date alone, or with its own weekday: {day} is a {own}요일 ({own})"),
            ))
        }
        _ => Ok(day),
    }
}

/// 월 … 일, Monday first, as `Weekday::num_days_from_monday` counts.
const KOREAN_WEEKDAYS: [char; 7] = ['월', '화', '수', '목', '금', '토', '일'];

/// The text without a Korean weekday in parentheses at its end (`(일)`,
/// `(일요일)`, full-width parentheses too), and that weekday.
fn split_weekday(s: &str) -> (&str, Option<Weekday>) {
    let t = s.trim_end();
    let Some(inner) = t.strip_suffix(')').or_else(|| t.strip_suffix('）')) else {
        return (s, None);
    };
    let Some(open) = inner.rfind(['(', '（']) else {
        return (s, None);
    };
    let name = inner[open..].trim_start_matches(['(', '（']).trim();
    let name = name.strip_suffix("요일").unwrap_or(name);
    let mut chars = name.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return (s, None);
    };
    let Some(i) = KOREAN_WEEKDAYS.iter().position(|k| *k == c) else {
        return (s, None);
    };
    let weekday = Weekday::try_from(i as u8).expect("0 to 6");
    (inner[..open].trim_end(), Some(weekday))
}

/// The text without a time of day at its end (after a space or a `T`),
/// and whether that time is midnight; `None` when there is no time.
fn split_time(s: &str) -> (&str, Option<bool>) {
    let t = s.trim();
    // Most dates have no time: nothing to split.
    if !t.contains(':') {
        return (t, None);
    }
    let Some(at) = t.rfind([' ', 'T']) else {
        return (t, None);
    };
    let (head, tail) = (&t[..at], &t[at + 1..]);
    let mut parts = tail.splitn(3, ':');
    let hour = parts.next().unwrap_or("");
    let (Some(minute), second) = (parts.next(), parts.next()) else {
        return (t, None);
    };
    let (second, fraction) = match second {
        Some(sec) => sec
            .split_once('.')
            .map_or((sec, None), |(a, b)| (a, Some(b))),
        None => ("00", None),
    };
    let digits = |d: &str, min: usize, max: usize| {
        (min..=max).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hour, 1, 2)
        || !digits(minute, 2, 2)
        || !digits(second, 2, 2)
        || fraction.is_some_and(|f| !digits(f, 1, 9))
    {
        return (t, None);
    }
    let zero = |d: &str| d.bytes().all(|b| b == b'0');
    let midnight = zero(hour) && zero(minute) && zero(second) && fraction.is_none_or(zero);
    (head.trim_end(), Some(midnight))
}

/// Refuses a time of day other than midnight.
fn at_midnight(s: &str, time: Option<bool>) -> Result<(), InputError> {
    match time {
        Some(false) => Err(InputError::new(
            "a date with a time of day other than midnight",
            s,
            "the date alone, such as 2023-06-01 (or 2023-06-01 00:00:00)",
        )),
        _ => Ok(()),
    }
}

/// The error for text that is no accepted form, with the reason of a
/// form that is refused because reading it would be a guess.
fn unrecognized(s: &str, allowed: &str) -> InputError {
    let t = s.trim();
    let (whole, fraction) = t.split_once('.').unwrap_or((t, "0"));
    let all_digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if whole.len() == 5 && all_digits(whole) && all_digits(fraction) {
        // Excel counts days from 1899-12-30; five digits are 1927 to 2173.
        let serial: i64 = whole.parse().unwrap_or(0);
        let day = NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(serial)));
        if let Some(day) = day {
            return InputError::new(
                format!("looks like an Excel date serial number (that would be {day}); format the column as a date (yyyy-mm-dd) before saving"),
                s,
                allowed,
            );
        }
    }
    let numbers: Vec<&str> = t
        .trim_start_matches(['\'', '\u{2019}', '\u{2018}'])
        .trim_end_matches('.')
        .split(['.', '-', '/'])
        .map(str::trim)
        .collect();
    if let [a, b, c] = numbers.as_slice() {
        if [a, b, c].iter().all(|n| all_digits(n)) {
            let short = |n: &str| (1..=2).contains(&n.len());
            if a.len() == 2 && short(b) && short(c) {
                return InputError::new(
                    "a two-digit year; write the year with all four digits",
                    s,
                    allowed,
                );
            }
            if short(a) && short(b) && c.len() == 4 {
                return InputError::new(
                    "the day and month come before the year, and their order differs between countries; write the year first",
                    s,
                    allowed,
                );
            }
        }
    }
    InputError::new("unrecognized date", s, allowed)
}

/// A due date: anything [`date`] accepts, or a period meaning its last day.
///
/// Periods: a month (`2023-12`, `2023.12`, `2023/12`, `2023년 12월`), a
/// quarter (`2023-Q4`, `2023 Q4`, `2023q4`, `2023년 4분기`), a half
/// (`2023-H2`, `2023년 하반기`, `2023 상반기`) and a year (`2023`, `2023년`).
/// A month 13, a fifth quarter or a third half is "no such period".
pub fn due(s: &str) -> Result<NaiveDate, InputError> {
    let last_month_day = |y: i32, m: u32| -> Result<NaiveDate, InputError> {
        month_end(y, m).ok_or_else(|| InputError::new("no such period", s, DUE_ALLOWED))
    };
    let text = super::compose_hangul(s);
    let (text, extra) = split_extras(&text);
    match scan(text) {
        Some(Shape::Day(y, m, d)) => checked_day(s, (y, m, d), extra, DUE_ALLOWED),
        // A time or a weekday belongs to a day, not to a period.
        Some(_) if extra.any() => Err(unrecognized(s, DUE_ALLOWED)),
        Some(Shape::Month(y, m)) => last_month_day(y, m),
        Some(Shape::Quarter(y, q)) if (1..=4).contains(&q) => last_month_day(y, q * 3),
        Some(Shape::Half(y, h)) if (1..=2).contains(&h) => last_month_day(y, h * 6),
        Some(Shape::Quarter(..) | Shape::Half(..)) => {
            Err(InputError::new("no such period", s, DUE_ALLOWED))
        }
        Some(Shape::Year(y)) => last_month_day(y, 12),
        None => Err(unrecognized(s, DUE_ALLOWED)),
    }
}

/// The last day of a month; `None` for a month outside 1–12.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) {
        None
    } else if m == 12 {
        NaiveDate::from_ymd_opt(y, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?.pred_opt()
    }
}

/// What the text names, before checking that it exists.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    Day(i32, u32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
}

/// Reads the text into a [`Shape`]; `None` when it fits no accepted form.
fn scan(s: &str) -> Option<Shape> {
    let s = s.trim();
    let s = s.strip_suffix('.').unwrap_or(s).trim_end();

    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        return Some(Shape::Day(n(0..4)? as i32, n(4..6)?, n(6..8)?));
    }

    let mut c = Cursor { rest: s };
    let y = c.number(4, 4)? as i32;
    c.spaces();

    // 2023-12, 2023.6.1, 2023/06/01, and the dash of 2023-Q4.
    let dashed = match c.one_of(&['-', '.', '/']) {
        Some(sep) => {
            c.spaces();
            if let Some(m) = c.number(1, 2) {
                c.spaces();
                if c.done() {
                    return Some(Shape::Month(y, m));
                }
                if !c.eat_char(sep) {
                    return None;
                }
                c.spaces();
                let d = c.number(1, 2)?;
                return c.done().then_some(Shape::Day(y, m, d));
            }
            if sep != '-' {
                return None;
            }
            c.spaces();
            true
        }
        None => false,
    };

    // 2023-Q4, 2023 Q4, 2023q4, 2023-H2.
    if let Some(letter) = c.one_of(&['Q', 'q', 'H', 'h']) {
        let n = c.number(1, 1)?;
        if !c.done() {
            return None;
        }
        return Some(match letter {
            'Q' | 'q' => Shape::Quarter(y, n),
            _ => Shape::Half(y, n),
        });
    }
    if dashed {
        return None;
    }

    // 2023, 2023년, 2023년 하반기, 2023년 4분기, 2023년 12월, 2023년 6월 1일.
    let nyeon = c.eat("년");
    c.spaces();
    if c.done() {
        return Some(Shape::Year(y));
    }
    for (word, half) in [("상반기", 1), ("하반기", 2)] {
        if c.eat(word) {
            return c.done().then_some(Shape::Half(y, half));
        }
    }
    if !nyeon {
        return None;
    }
    let n = c.number(1, 2)?;
    c.spaces();
    if c.eat("분기") {
        return c.done().then_some(Shape::Quarter(y, n));
    }
    if !c.eat("월") {
        return None;
    }
    c.spaces();
    if c.done() {
        return Some(Shape::Month(y, n));
    }
    let d = c.number(1, 2)?;
    c.spaces();
    (c.eat("일") && c.done()).then_some(Shape::Day(y, n, d))
}

/// A left-to-right reader over what is left of the text.
struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    fn done(&self) -> bool {
        self.rest.is_empty()
    }

    fn spaces(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// A run of `min..=max` ASCII digits; a longer run is no match, so a
    /// five-digit year or a three-digit month is refused, not split.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(min..=max).contains(&len) {
            return None;
        }
        let (digits, rest) = self.rest.split_at(len);
        self.rest = rest;
        digits.parse().ok()
    }

    fn eat(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn eat_char(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn one_of(&mut self, set: &[char]) -> Option<char> {
        let c = self.rest.chars().next().filter(|c| set.contains(c))?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::check::{assert_reads, assert_reads_as, assert_refused};
    use proptest::prelude::*;

    /// Asserts that both `date` and `due` take every input as `want`.
    fn date_and_due_read_as(inputs: &[&str], want: NaiveDate) {
        assert_reads_as(date, inputs.iter().copied(), want);
        assert_reads_as(due, inputs.iter().copied(), want);
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates are real")
    }

    #[test]
    fn date_accepts_every_documented_form() {
        let june1 = ymd(2023, 6, 1);
        let cases = [
            "2023-06-01",
            "2023.06.01",
            "2023.6.1",
            "2023/06/01",
            "2023/6/1",
            "20230601",
            "2023-6-1",
            "2023년 6월 1일",
            "2023년6월1일",
            "2023년 06월 01일",
            "2023 년 6 월 1 일",
            "2023.6.1.",
            "2023.06.01.",
            "2023. 6. 1.",
            "2023. 6. 1",
            "2023년 6월 1일.",
            "  2023-06-01\t",
            "\u{3000}2023.6.1\u{3000}",
        ];
        assert_reads_as(date, cases, june1);
    }

    #[test]
    fn a_day_may_carry_its_own_weekday_and_no_other() {
        // 2023-06-01 was a Thursday (목요일).
        date_and_due_read_as(
            &[
                "2023.6.1(목)",
                "2023. 6. 1.(목)",
                "2023-06-01 (목요일)",
                "2023년 6월 1일（목）",
                "2023-06-01 00:00:00 (목)",
            ],
            ymd(2023, 6, 1),
        );
        let e = date("2023.6.1(일)").unwrap_err();
        assert_eq!(e.why, "wrong weekday");
        assert!(
            e.allowed.ends_with("2023-06-01 is a 목요일 (목)"),
            "{}",
            e.allowed
        );
        assert_eq!(e.value, "2023.6.1(일)");
        // Not a weekday, or a period with one: not a date.
        for bad in ["2023.6.1(x)", "2023.6.1()", "2023.6.1(목목)", "(목)"] {
            assert!(date(bad).is_err(), "{bad:?}");
        }
        assert!(due("2023-Q2 (목)").is_err());
    }

    #[test]
    fn date_reads_month_and_day_in_order() {
        assert_eq!(date("2023-12-01"), Ok(ymd(2023, 12, 1)));
        assert_eq!(date("2023.1.12"), Ok(ymd(2023, 1, 12)));
        assert_eq!(date("20231201"), Ok(ymd(2023, 12, 1)));
        assert_eq!(date("2024년 2월 29일"), Ok(ymd(2024, 2, 29)));
        assert_eq!(date("0000-01-01"), Ok(ymd(0, 1, 1)));
        assert_eq!(date("9999/12/31"), Ok(ymd(9999, 12, 31)));
    }

    #[test]
    fn date_rejects_impossible_days_as_no_such_date() {
        assert_refused(
            date,
            [
                "2023-02-30",
                "2023-02-29",
                "2023.4.31",
                "20230230",
                "2023년 2월 30일",
                "2023-13-01",
                "2023-00-10",
                "2023-06-00",
                "20231301",
            ],
            "no such date",
            DATE_ALLOWED,
        );
    }

    #[test]
    fn date_rejects_other_shapes_as_unrecognized() {
        assert_refused(
            date,
            [
                "",
                "   ",
                "2023",
                "2023-12",
                "2023-Q4",
                "2023년 하반기",
                "2023-06-01-",
                "2023.6.1..",
                "2023-06/01",  // mixed separators
                "02023-06-01", // five-digit year
                "2023-006-01",
                "2023-06-001",
                "202361",
                "202306011",
                "2023 06 01",
                "2023년 6월 1",
                "2023년 6월 1일 오후",
                "June 1, 2023",
                "２０２３-06-01", // full-width digits
                "2023-٠٦-01",     // Arabic-Indic digits
                "+2023-06-01",
                "-2023-06-01",
            ],
            "unrecognized date",
            DATE_ALLOWED,
        );
    }

    /// Excel and pandas write a date cell with the time of midnight.
    #[test]
    fn date_takes_a_day_at_midnight() {
        let june30 = ymd(2024, 6, 30);
        date_and_due_read_as(
            &[
                "2024-06-30 00:00:00",
                "2024-06-30T00:00:00",
                "2024-06-30T00:00",
                "2024-06-30 0:00",
                "2024-06-30 00:00:00.000",
                "2024-06-30  00:00 ",
                "2024.6.30 0:00:00",
                "2024/06/30 00:00",
                "20240630 00:00:00",
                "2024년 6월 30일 0:00",
            ],
            june30,
        );
    }

    #[test]
    fn date_refuses_other_times_and_times_after_periods() {
        for input in [
            "2024-06-30 13:45",
            "2024-06-30T09:00:00",
            "2024-06-30 00:00:01",
            "2024-06-30 00:00:00.5",
            "2024-06-30 24:00",
        ] {
            let e = date(input).unwrap_err();
            assert_eq!(
                e.why, "a date with a time of day other than midnight",
                "{input:?}"
            );
            assert_eq!(e.value, input);
            assert_eq!(due(input).unwrap_err().why, e.why, "{input:?}");
        }
        for input in [
            "2024-06-30 0:0",
            "2024-06-30 000:00",
            "2024-06-30T",
            "2024-06-30 00:00:00Z",
            "2024-06-30 00:00+09:00",
            "2024-06-30 00:00:00.",
        ] {
            assert_eq!(
                date(input).unwrap_err().why,
                "unrecognized date",
                "{input:?}"
            );
        }
        for input in ["2024-12 00:00", "2024-Q4 00:00:00", "2024 00:00"] {
            assert_eq!(
                due(input).unwrap_err().why,
                "unrecognized date",
                "{input:?}"
            );
        }
        // An impossible day is that, whatever the time.
        assert_eq!(date("2024-02-30 00:00").unwrap_err().why, "no such date");
    }

    /// Forms that would need a guess are refused with a reason the user can
    /// act on, for dates and due dates alike.
    #[test]
    fn guesses_are_refused_with_their_own_reason() {
        let serial = "looks like an Excel date serial number (that would be 2024-06-30); format the column as a date (yyyy-mm-dd) before saving";
        let two_digit = "a two-digit year; write the year with all four digits";
        let day_first = "the day and month come before the year, and their order differs between countries; write the year first";
        let cases = [
            ("45473", serial),
            (" 45473 ", serial),
            ("45473.0", serial),
            ("45473.75", serial),
            ("'24.6.30", two_digit),
            ("24.06.30", two_digit),
            ("\u{2019}24.6.30.", two_digit),
            ("24-6-30", two_digit),
            ("24/06/30", two_digit),
            ("6/30/2024", day_first),
            ("30/06/2024", day_first),
            ("30.06.2024", day_first),
            ("06-30-2024", day_first),
        ];
        for (input, why) in cases {
            let e = date(input).unwrap_err();
            assert_eq!(e.why, why, "{input:?}");
            assert_eq!(e.value, input);
            assert_eq!(e.allowed, DATE_ALLOWED);
            let e = due(input).unwrap_err();
            assert_eq!(e.why, why, "{input:?}");
            assert_eq!(e.allowed, DUE_ALLOWED);
        }
        assert_eq!(date("1").unwrap_err().why, "unrecognized date");
        assert_eq!(date("4547").unwrap_err().why, "unrecognized date");
        assert_eq!(date("454730").unwrap_err().why, "unrecognized date");
        assert_eq!(date("2024.6.30.1").unwrap_err().why, "unrecognized date");
    }

    #[test]
    fn due_takes_periods_as_their_last_day() {
        let cases = [
            ("2023-12", ymd(2023, 12, 31)),
            ("2023.12", ymd(2023, 12, 31)),
            ("2023/12", ymd(2023, 12, 31)),
            ("2023.12.", ymd(2023, 12, 31)),
            ("2023-2", ymd(2023, 2, 28)),
            ("2024-02", ymd(2024, 2, 29)),
            ("2023-04", ymd(2023, 4, 30)),
            ("2023년 12월", ymd(2023, 12, 31)),
            ("2023년12월", ymd(2023, 12, 31)),
            ("2023년 6월", ymd(2023, 6, 30)),
            ("2023-Q4", ymd(2023, 12, 31)),
            ("2023 Q4", ymd(2023, 12, 31)),
            ("2023q4", ymd(2023, 12, 31)),
            ("2023-q1", ymd(2023, 3, 31)),
            ("2023-Q2", ymd(2023, 6, 30)),
            ("2023Q3", ymd(2023, 9, 30)),
            ("2023년 4분기", ymd(2023, 12, 31)),
            ("2023년 1분기", ymd(2023, 3, 31)),
            ("2023년3분기", ymd(2023, 9, 30)),
            ("2023-H2", ymd(2023, 12, 31)),
            ("2023-H1", ymd(2023, 6, 30)),
            ("2023 h1", ymd(2023, 6, 30)),
            ("2023년 하반기", ymd(2023, 12, 31)),
            ("2023년 상반기", ymd(2023, 6, 30)),
            ("2023년상반기", ymd(2023, 6, 30)),
            ("2023 하반기", ymd(2023, 12, 31)),
            ("2023", ymd(2023, 12, 31)),
            ("2023년", ymd(2023, 12, 31)),
            ("2023.", ymd(2023, 12, 31)),
            (" 2023년 ", ymd(2023, 12, 31)),
            ("9999-12", ymd(9999, 12, 31)),
            ("0000-Q1", ymd(0, 3, 31)),
        ];
        assert_reads(due, cases);
    }

    #[test]
    fn due_takes_exact_days_too() {
        assert_eq!(due("2023-06-01"), Ok(ymd(2023, 6, 1)));
        assert_eq!(due("2023년 6월 1일"), Ok(ymd(2023, 6, 1)));
        assert_eq!(due("20230601"), Ok(ymd(2023, 6, 1)));
    }

    #[test]
    fn due_rejects_impossible_periods_and_days() {
        let cases = [
            ("2023-13", "no such period"),
            ("2023-00", "no such period"),
            ("2023년 13월", "no such period"),
            ("2023-Q5", "no such period"),
            ("2023-Q0", "no such period"),
            ("2023년 5분기", "no such period"),
            ("2023-H3", "no such period"),
            ("2023-H0", "no such period"),
            ("2023-02-30", "no such date"),
        ];
        for (input, why) in cases {
            let e = due(input).unwrap_err();
            assert_eq!(e.why, why, "{input:?}");
            assert_eq!(e.allowed, DUE_ALLOWED);
        }
    }

    #[test]
    fn due_rejects_other_shapes_as_unrecognized() {
        assert_refused(
            due,
            [
                "",
                "2023-",
                "2023-Q",
                "2023-Q12",
                "2023-Q4-1",
                "2023Q4년",
                "Q4 2023",
                "2023.Q4",
                "2023/H2",
                "2023 6월",   // a month needs 년
                "2023 4분기", // so does a quarter
                "2023년 하반",
                "2023년 중반기",
                "2023년 4분기 말",
                "23",
                "23년",
                "202312",
                "2023-12-",
                "later",
            ],
            "unrecognized date",
            DUE_ALLOWED,
        );
    }

    /// Every accepted way of writing one day.
    fn formats(d: NaiveDate) -> Vec<String> {
        use chrono::Datelike;
        let (y, m, n) = (d.year(), d.month(), d.day());
        vec![
            format!("{y:04}-{m:02}-{n:02}"),
            format!("{y:04}.{m:02}.{n:02}"),
            format!("{y:04}.{m}.{n}"),
            format!("{y:04}.{m}.{n}."),
            format!("{y:04}. {m}. {n}."),
            format!("{y:04}/{m:02}/{n:02}"),
            format!("{y:04}/{m}/{n}"),
            format!("{y:04}{m:02}{n:02}"),
            format!("{y:04}-{m}-{n}"),
            format!("{y:04}년 {m}월 {n}일"),
            format!("{y:04}년{m}월{n}일"),
            format!("{y:04}년 {m:02}월 {n:02}일"),
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let lo = ymd(0, 1, 1);
        let hi = ymd(9999, 12, 31);
        (0..=(hi - lo).num_days()).prop_map(move |n| lo + chrono::Duration::days(n))
    }

    /// Text built from the pieces dates are made of, so that the scanner's
    /// branches get exercised rather than failing on the first character.
    const DATEISH: &str = "[0-9년월일분기상하반QqHh .\\-/가-힣\u{3000}]{0,16}";

    proptest! {
        #[test]
        fn date_round_trips_every_format(d in any_date()) {
            for text in formats(d) {
                prop_assert_eq!(date(&text), Ok(d), "{}", text);
            }
        }

        #[test]
        fn due_of_a_day_is_that_day(d in any_date()) {
            for text in formats(d) {
                prop_assert_eq!(due(&text), Ok(d), "{}", text);
            }
        }

        /// Every accepted way of writing a day, with midnight after it, is
        /// that day; with any other time of day, refused.
        #[test]
        fn a_day_at_midnight_is_the_day_and_other_times_are_refused(
            d in any_date(),
            sep in prop::sample::select(vec![" ", "T", "  "]),
            (h, m, sec) in (0u32..24, 0u32..60, 0u32..60),
        ) {
            for text in formats(d) {
                for midnight in ["00:00:00", "0:00", "00:00", "00:00:00.000"] {
                    let at = format!("{text}{sep}{midnight}");
                    prop_assert_eq!(date(&at), Ok(d), "{}", at);
                    prop_assert_eq!(due(&at), Ok(d), "{}", at);
                }
                let at = format!("{text}{sep}{h:02}:{m:02}:{sec:02}");
                if (h, m, sec) == (0, 0, 0) {
                    prop_assert_eq!(date(&at), Ok(d), "{}", at);
                } else {
                    prop_assert!(date(&at).is_err(), "{}", at);
                    prop_assert!(due(&at).is_err(), "{}", at);
                }
            }
        }

        /// An Excel serial number is never read as a date, and the reason
        /// names the day Excel means by it.
        #[test]
        fn excel_serials_are_refused_naming_their_day(n in 10000i64..=99999) {
            let e = date(&n.to_string()).unwrap_err();
            let day = ymd(1899, 12, 30) + chrono::Duration::days(n);
            prop_assert!(e.why.contains(&format!("(that would be {day})")), "{}", e.why);
        }

        #[test]
        fn due_agrees_with_date_wherever_date_accepts(s in DATEISH) {
            if let Ok(d) = date(&s) {
                prop_assert_eq!(due(&s), Ok(d));
            }
        }

        #[test]
        fn due_of_a_month_is_its_last_day(y in 0i32..=9999, m in 1u32..=12) {
            use chrono::Datelike;
            let end = due(&format!("{y:04}-{m:02}")).expect("a real month");
            prop_assert_eq!((end.year(), end.month()), (y, m));
            prop_assert!(end.succ_opt().is_none_or(|next| next.month() != m));
            prop_assert_eq!(due(&format!("{y:04}년 {m}월")), Ok(end));
        }

        #[test]
        fn due_of_a_quarter_ends_its_last_month(y in 0i32..=9999, q in 1u32..=4) {
            let want = due(&format!("{y:04}-{:02}", q * 3));
            prop_assert_eq!(due(&format!("{y:04}-Q{q}")), want.clone());
            prop_assert_eq!(due(&format!("{y:04}년 {q}분기")), want);
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = date(&s);
            let _ = due(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(s in DATEISH) {
            let _ = date(&s);
            let _ = due(&s);
        }
    }
}
