//! The words people read, in every language the tool speaks: one table.
//!
//! A [`Word`] is one piece of wording in English and Korean; the constants
//! below are every title, heading, label and status word that the
//! renderers (`output`, `report::render`, the text views of `show`,
//! `meetings`, `list`) print, and the few phrases with a number or a date
//! in them are the functions at the end. Column headers are the columns'
//! own (`crate::columns::Column::header`), in the same two languages.
//!
//! JSON never goes through here: its keys, codes and status values are the
//! same whatever the language. English status words are the status codes
//! themselves, so that English output reads as it always has.

use crate::model::Status;

/// The language of what people read: `--lang`, else `POLICY_TRACK_LANG`,
/// else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean (한국어).
    Ko,
}

impl Lang {
    /// The names `--lang` and `POLICY_TRACK_LANG` take.
    pub const NAMES: [&'static str; 2] = ["en", "ko"];

    /// `en` or `ko` (any case, spaces around ignored); `None` otherwise.
    pub fn from_name(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The language tag of an HTML page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// One piece of wording, in English and in Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub en: &'static str,
    pub ko: &'static str,
}

impl Word {
    /// The word in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

const fn w(en: &'static str, ko: &'static str) -> Word {
    Word { en, ko }
}

/// The word for a status, as the status codes are in English.
pub const fn status(s: Status) -> Word {
    match s {
        Status::Planned => w("planned", "계획"),
        Status::InProgress => w("in-progress", "추진중"),
        Status::Completed => w("completed", "완료"),
        Status::Delayed => w("delayed", "지연"),
        Status::Dropped => w("dropped", "중단"),
    }
}

/// A stored status code as people read it in `lang`; a code that is not a
/// status (which the database does not hold) is shown as it is.
pub fn status_code(code: &str, lang: Lang) -> &str {
    Status::from_code(code).map_or(code, |s| status(s).get(lang))
}

// What stands for a value that is not there.
/// A missing ministry, due date, or an empty list.
pub const NONE: Word = w("(none)", "(없음)");
/// A measure that was never reported on.
pub const NEVER: Word = w("never", "보고 없음");

// Report titles.
pub const SUMMARY: Word = w("Progress summary", "추진현황 총괄");
pub const OVERDUE_TITLE: Word = w("Overdue measures", "기한 경과 과제");
pub const STALE_TITLE: Word = w(
    "Stale measures: whom to chase",
    "장기 미보고 과제: 점검 대상",
);
pub const CHANGES_TITLE: Word = w("Status changes", "추진상황 변경");
pub const TIMELINE_TITLE: Word = w("Timeline of", "추진 경과:");
pub const REVIEW_TITLE: Word = w("Reports to review", "검토 대상 보고");

// The facts under a report's title.
pub const AS_OF: Word = w("as of", "기준일");
pub const STALE: Word = w("stale", "장기 미보고");
pub const OVERDUE: Word = w("overdue", "기한 경과");
pub const MEASURES: Word = w("measures", "과제 수");
pub const WINDOW: Word = w("window", "기간");
pub const CHANGES: Word = w("changes", "변경 건수");
pub const MEASURE: Word = w("measure", "과제");
pub const MEETING: Word = w("meeting", "회의");
pub const MINISTRY: Word = w("ministry", "소관부처");
pub const DUE: Word = w("due", "목표일");
/// `report timeline --lineage`: the chain of measures, the first first.
pub const LINEAGE: Word = w("lineage", "과제 계보");
pub const STATUS: Word = w("status", "추진상황");
pub const VIEW: Word = w("view", "기준");
/// `--view assessed`, under a report's title.
pub const ASSESSED_VIEW: Word = w(
    "assessed: a disputed report as the office holds it",
    "검토 반영: 이의 제기한 보고는 검토 결과로 집계",
);

// The sections of the reports.
pub const BY_MEETING: Word = w("Meetings", "회의별");
pub const BY_CATEGORY: Word = w("Categories", "분야별");
pub const BY_MINISTRY: Word = w("Ministries", "소관부처별");
pub const TOTALS: Word = w("Totals", "합계");
/// A report workbook's first sheet: the title and facts.
pub const REPORT_SHEET: Word = w("Report", "보고서");
/// The review queue's sheet.
pub const REVIEW_SHEET: Word = w("Review", "검토 대상");
pub const OVERDUE_SECTION: Word = w("Overdue", "기한 경과");
pub const CHANGES_SECTION: Word = w("Changes", "변경 내역");
pub const REVIEW_SECTION: Word = w("Reports", "보고");
pub const REPORTS: Word = w("reports", "보고 수");

// A reporting round (`round show`).
pub const ROUND_TITLE: Word = w("Reporting round", "보고 회차");
pub const ROUND_DUE: Word = w("due", "제출기한");
pub const ROUND_STATE: Word = w("round", "회차 상태");
pub const OPEN: Word = w("open", "진행 중");
pub const CLOSED: Word = w("closed", "마감");
pub const ANSWERED: Word = w("answered", "제출");
pub const MINISTRIES: Word = w("ministries", "부처");
pub const DAYS_LATE_TO: Word = w("days late to", "지연일수 기준");
pub const ROUND_SECTION: Word = w("Ministries", "부처별 제출 현황");
pub const MISSING: Word = w("missing", "미제출");
/// A ministry's state in a round.
pub const ROUND_COMPLETE: Word = w("complete", "제출 완료");
pub const ROUND_PARTIAL: Word = w("partial", "일부 제출");
pub const REQUESTED: Word = w("requested", "요청");
pub const DAYS_LATE: Word = w("days late", "지연일수");
pub const HISTORY: Word = w("History", "추진 경과");
pub const ALL_MEASURES: Word = w("all measures", "전체 과제");

// The summary in CSV: what each line counts.
pub const LEVEL_MEETING: Word = w("meeting", "회의");
pub const LEVEL_CATEGORY: Word = w("category", "분야");
pub const LEVEL_MINISTRY: Word = w("ministry", "소관부처");
pub const LEVEL_TOTAL: Word = w("total", "합계");

// The HTML summary.
pub const COMPLETION: Word = w("Completion", "이행 현황");
pub const COMPLETION_RATE: Word = w(
    "Completion rate (completed ÷ (total − dropped))",
    "이행률 (완료 ÷ (총계 − 중단))",
);
pub const STATUS_BY_MEETING: Word = w("Status by meeting", "회의별 추진상황");
pub const STATUS_BY_MINISTRY: Word = w("Status by ministry", "소관부처별 추진상황");
pub const NAME: Word = w("name", "명칭");
pub const TOTAL: Word = w("total", "총계");
pub const DONE: Word = w("done", "이행률");
pub const REPORT_FOOTER: Word = w(
    "policy-track report · figures as of",
    "policy-track 보고서 · 기준일",
);

// `show` and `list`.
pub const NO_REPORTS_YET: Word = w("no status reports yet", "추진상황 보고 없음");

/// "N measures" / "과제 N건".
pub fn of_measures(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 measure".into(),
        Lang::En => format!("{n} measures"),
        Lang::Ko => format!("과제 {n}건"),
    }
}

/// The stale threshold: open and silent for more than `days` days.
pub fn stale_rule(lang: Lang, days: u32) -> String {
    match lang {
        Lang::En if days == 1 => "open, no report in more than 1 day".into(),
        Lang::En => format!("open, no report in more than {days} days"),
        Lang::Ko => format!("미완료 과제 중 {days}일 넘게 보고 없음"),
    }
}

/// The overdue fact: how many, due before which day.
pub fn overdue_rule(lang: Lang, n: usize, as_of: &str) -> String {
    match lang {
        Lang::En => format!("{n} open, due before {as_of}"),
        Lang::Ko => format!("미완료 {n}건, 목표일 {as_of} 이전"),
    }
}

/// A window of days, both included.
/// What a change log entry did (`log`), by its action code.
pub fn log_action(action: &str) -> Word {
    match action {
        "create" => w("create", "생성"),
        "update" => w("update", "변경"),
        "correct" => w("correct", "정정"),
        "retract" => w("retract", "철회"),
        "remove" => w("remove", "삭제"),
        "import" => w("import", "불러오기"),
        "undo" => w("undo", "되돌리기"),
        "revise" => w("revise", "기한 변경"),
        "continue" => w("continue", "계속과제 지정"),
        "assess" => w("assess", "판정"),
        _ => w("other", "기타"),
    }
}

/// The office's verdict on a report, by its code.
pub fn verdict(code: &str) -> Word {
    match code {
        "confirmed" => w("confirmed", "확인"),
        "disputed" => w("disputed", "이의"),
        _ => w("", ""),
    }
}

/// What an imported file held (`imports list`), by its kind.
pub fn file_kind(kind: &str) -> Word {
    match kind {
        "measures" => w("measures", "과제"),
        "updates" => w("updates", "추진실적"),
        "meetings" => w("meetings", "회의"),
        _ => w("other", "기타"),
    }
}

/// `answered` of `requested` measures, with the response rate.
pub fn answered(lang: Lang, answered: i64, requested: i64, rate: &str) -> String {
    match lang {
        Lang::En => format!("{answered} of {requested} measures ({rate})"),
        Lang::Ko => format!("{requested}건 중 {answered}건 제출 ({rate})"),
    }
}

/// How many ministries answered whole, in part, or not at all.
pub fn ministry_states(lang: Lang, complete: i64, partial: i64, missing: i64) -> String {
    match lang {
        Lang::En => format!("{complete} complete, {partial} partial, {missing} missing"),
        Lang::Ko => format!("제출 완료 {complete}, 일부 제출 {partial}, 미제출 {missing}"),
    }
}

pub fn window(lang: Lang, since: &str, until: &str) -> String {
    match lang {
        Lang::En => format!("{since} to {until}"),
        Lang::Ko => format!("{since} ~ {until}"),
    }
}

/// A status with its progress and the day it was reported, or that none
/// was; `as_of` says the day as a measure's standing ("as of 2024-06-30"),
/// otherwise as a report ("reported 2024-06-30").
pub fn standing(
    lang: Lang,
    status: &str,
    progress: Option<i32>,
    date: Option<&str>,
    as_of: bool,
) -> String {
    let word = status_code(status, lang);
    let head = match progress {
        Some(p) if date.is_some() => format!("{word} {p}%"),
        _ => word.to_string(),
    };
    match (date, lang, as_of) {
        (None, Lang::En, _) => format!("{head} (no report yet)"),
        (None, Lang::Ko, _) => format!("{head} (보고 없음)"),
        (Some(d), Lang::En, true) => format!("{head} (as of {d})"),
        (Some(d), Lang::En, false) => format!("{head} (reported {d})"),
        (Some(d), Lang::Ko, _) => format!("{head} ({d} 보고)"),
    }
}

/// The line under a list cut short: how many more there are.
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("and {n} more"),
        Lang::Ko => format!("외 {n}건"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_status_words_are_the_codes_and_korean_ones_are_aliases_import_reads() {
        for s in Status::ALL {
            assert_eq!(status(s).en, s.code());
            assert_eq!(crate::parse::status(status(s).ko).unwrap(), s, "{s}");
        }
        assert_eq!(status_code("in-progress", Lang::Ko), "추진중");
        assert_eq!(status_code("odd", Lang::Ko), "odd");
    }

    #[test]
    fn one_day_is_one_day() {
        assert_eq!(
            stale_rule(Lang::En, 1),
            "open, no report in more than 1 day"
        );
        assert_eq!(
            stale_rule(Lang::En, 90),
            "open, no report in more than 90 days"
        );
        assert_eq!(of_measures(Lang::En, 1), "1 measure");
        assert_eq!(of_measures(Lang::Ko, 3), "과제 3건");
    }

    #[test]
    fn a_standing_says_its_day_or_that_there_is_none() {
        let d = Some("2024-06-30");
        assert_eq!(
            standing(Lang::En, "delayed", Some(40), d, false),
            "delayed 40% (reported 2024-06-30)"
        );
        assert_eq!(
            standing(Lang::Ko, "delayed", Some(40), d, true),
            "지연 40% (2024-06-30 보고)"
        );
        assert_eq!(
            standing(Lang::En, "planned", None, None, true),
            "planned (no report yet)"
        );
        assert_eq!(Lang::from_name(" KO "), Some(Lang::Ko));
        assert_eq!(Lang::from_name("fr"), None);
    }
}
