//! Header rows: which column holds which field (the canonical English names
//! of the CSV formats and their Korean aliases), and what kind of file that makes.
//!
//! A header matches after [`normalize_key`] (trimmed, case, inner spaces and
//! underscores ignored) with a byte-order mark removed, so `Measure Code`,
//! `measure_code` and `과제 코드` all match; a percent sign as the unit after
//! it (`진척률(%)`, `진척률\n(%)` as Excel's Alt+Enter writes it, `진척률（％）`,
//! `진척률 %`) is the header without it.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::parse::normalize_key;

/// A field an import file can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    MeetingCode,
    MeetingDate,
    MeetingTitle,
    MeasureCode,
    ParentCode,
    Title,
    Description,
    Category,
    LeadMinistry,
    DueDate,
    Status,
    Progress,
    /// `status_date` in a measures file, `reported_on` in an updates file.
    ReportedOn,
    ReportedBy,
    Note,
    /// A meetings file's `code`.
    Code,
    HeldOn,
    Location,
    Chair,
    Source,
    /// The reporting round a report answers (a round's template records it).
    Round,
    /// The measure of an earlier meeting a measure continues.
    Continues,
    /// Where a report's word can be checked (a URL, a document reference).
    Evidence,
}

pub const FIELDS: usize = 23;

impl Field {
    fn index(self) -> usize {
        self as usize
    }

    /// The canonical name, for messages.
    pub fn name(self) -> &'static str {
        SPELLINGS
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, names)| names[0])
            .expect("every field has spellings")
    }
}

/// Every accepted spelling of each field, canonical first.
const SPELLINGS: [(Field, &[&str]); FIELDS] = [
    (Field::MeetingCode, &["meeting_code", "회의코드", "회의"]),
    (
        Field::MeetingDate,
        &["meeting_date", "회의일", "개최일", "회의일자", "개최일자"],
    ),
    (Field::MeetingTitle, &["meeting_title", "회의명"]),
    (
        Field::MeasureCode,
        &["measure_code", "과제코드", "과제번호"],
    ),
    (
        Field::ParentCode,
        &["parent_code", "상위과제", "상위과제코드"],
    ),
    (Field::Title, &["title", "과제명", "세부과제", "과제"]),
    (Field::Description, &["description", "주요내용", "과제내용"]),
    (Field::Category, &["category", "분야", "유형"]),
    (
        Field::LeadMinistry,
        &["lead_ministry", "소관부처", "주관부처", "담당부처"],
    ),
    (
        Field::DueDate,
        &["due_date", "목표일", "완료예정", "이행시기", "기한"],
    ),
    (
        Field::Status,
        &["status", "추진상황", "진행상황", "이행상황", "상태"],
    ),
    (Field::Progress, &["progress", "진척률", "진도율"]),
    (
        Field::ReportedOn,
        &[
            "reported_on",
            "status_date",
            "기준일",
            "보고일",
            "작성일",
            "기준일자",
            "보고일자",
            "작성일자",
        ],
    ),
    (Field::ReportedBy, &["reported_by", "보고부처", "작성기관"]),
    (Field::Note, &["note", "비고", "추진실적", "조치내용"]),
    (Field::Code, &["code", "코드"]),
    (Field::HeldOn, &["held_on"]),
    (Field::Location, &["location", "장소", "개최장소"]),
    (Field::Chair, &["chair", "주재", "주재자", "의장"]),
    (Field::Source, &["source", "출처", "자료"]),
    (Field::Round, &["round", "회차"]),
    (Field::Continues, &["continues", "이전과제", "계속과제"]),
    (Field::Evidence, &["evidence", "근거", "근거자료", "증빙"]),
];

/// A header key without a percent sign as its unit at the end: `(%)`,
/// `（％）` (full-width), `[%]` or a bare `%`; other keys as they are.
fn without_percent_unit(key: &str) -> &str {
    for unit in ["(%)", "（％）", "(％)", "（%）", "[%]", "%", "％"] {
        if let Some(rest) = key.strip_suffix(unit) {
            return rest;
        }
    }
    key
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Measures,
    Updates,
    Meetings,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Measures => "measures",
            Kind::Updates => "updates",
            Kind::Meetings => "meetings",
        }
    }
}

/// The header row read: field → column index, and the headers as written.
#[derive(Debug, Clone)]
pub struct Columns {
    index: [Option<usize>; FIELDS],
    /// The headers as found (trimmed, BOM removed), for messages.
    pub found: Vec<String>,
    /// Headers that name no field.
    pub unknown: Vec<String>,
}

impl Columns {
    /// Maps a header row. Two headers naming the same field are an error.
    pub fn map(file: &str, headers: &[String]) -> Result<Columns> {
        let lookup: HashMap<String, Field> = SPELLINGS
            .iter()
            .flat_map(|(f, names)| names.iter().map(move |n| (normalize_key(n), *f)))
            .collect();
        let mut index = [None; FIELDS];
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim_start_matches('\u{feff}').trim().to_string();
            let key = normalize_key(&h);
            match lookup
                .get(&key)
                .or_else(|| lookup.get(without_percent_unit(&key)))
            {
                Some(f) => {
                    if let Some(j) = index[f.index()] {
                        let first: &String = &found[j];
                        return Err(Error::Other(format!(
                            "{file}: the columns {first:?} and {h:?} both mean {}; keep one",
                            f.name()
                        )));
                    }
                    index[f.index()] = Some(i);
                }
                None if h.is_empty() => {}
                None => unknown.push(h.clone()),
            }
            found.push(h);
        }
        Ok(Columns {
            index,
            found,
            unknown,
        })
    }

    /// The column index of `f`, if the file has it.
    pub fn get(&self, f: Field) -> Option<usize> {
        self.index[f.index()]
    }

    /// How many known fields the header names.
    pub fn recognized(&self) -> usize {
        self.index.iter().flatten().count()
    }

    pub fn has(&self, f: Field) -> bool {
        self.get(f).is_some()
    }

    /// The header of `f` as the file spells it (for row errors).
    pub fn header(&self, f: Field) -> &str {
        self.get(f)
            .and_then(|i| self.found.get(i))
            .map(String::as_str)
            .unwrap_or(f.name())
    }

    /// The header of the field canonically named `name` as the file spells
    /// it (errors from the store name fields canonically); other names as
    /// they are.
    pub fn header_named<'a>(&'a self, name: &'a str) -> &'a str {
        SPELLINGS
            .iter()
            .find(|(_, names)| names[0] == name)
            .map_or(name, |&(f, _)| self.header(f))
    }

    /// The kind the headers say (see the README):
    /// - meeting_code and title: measures;
    /// - else measure_code and status: updates (a title column, as in the
    ///   export template, is then ignored);
    /// - else a meeting code (code or meeting_code), a title (title or
    ///   meeting_title) and a date (held_on or meeting_date), with no measure
    ///   column: meetings.
    pub fn kind(&self, file: &str) -> Result<Kind> {
        use Field::*;
        if self.has(MeetingCode) && self.has(Title) {
            return Ok(Kind::Measures);
        }
        if self.has(MeasureCode) && self.has(Status) {
            return Ok(Kind::Updates);
        }
        let code = self.has(Code) || self.has(MeetingCode);
        let title = self.has(Title) || self.has(MeetingTitle);
        let date = self.has(HeldOn) || self.has(MeetingDate);
        if code && title && date && !self.has(MeasureCode) {
            return Ok(Kind::Meetings);
        }
        Err(Error::Other(format!(
            "{file}: cannot tell what the file holds from its headers ({}): a measures file has meeting_code and title, an updates file measure_code and status, a meetings file code, title and held_on; or pass --kind{}",
            self.listed(),
            self.title_hint()
        )))
    }

    /// The columns a kind needs, checked; the error names the first missing
    /// one and lists the headers found.
    pub fn require(&self, file: &str, kind: Kind) -> Result<()> {
        for alternatives in kind.required() {
            if !alternatives.iter().any(|f| self.has(*f)) {
                let names: Vec<&str> = alternatives.iter().map(|f| f.name()).collect();
                let article = if kind == Kind::Updates { "an" } else { "a" };
                let name = match names.as_slice() {
                    [one] => one.to_string(),
                    [first, rest @ ..] => format!("{first} (or {})", rest.join(", ")),
                    [] => String::new(),
                };
                return Err(Error::Other(format!(
                    "{file}: missing required column {name} for {article} {} file; headers found: {}{}",
                    kind.name(),
                    self.listed(),
                    self.title_hint()
                )));
            }
        }
        Ok(())
    }

    /// When the first line has at most one cell filled in, as a title
    /// (`보건복지부 2024년 2분기 추진실적`) or a blank row above the real
    /// header, the advice to delete it: the header must be the first line.
    /// A line read as one cell that holds a delimiter was split by another
    /// one than the file's (a `--delimiter` that does not fit): that is
    /// named instead.
    fn title_hint(&self) -> &'static str {
        if let [one] = self.found.as_slice() {
            if one.contains([',', ';', '\t']) {
                return " (the header line was read as one cell that holds a delimiter: check --delimiter, or leave it out to detect it)";
            }
        }
        if self.found.iter().filter(|h| !h.is_empty()).count() <= 1 {
            " (the first line looks like a title or a blank row, not the header row: delete the lines above the header)"
        } else {
            ""
        }
    }

    fn listed(&self) -> String {
        if self.found.is_empty() {
            "none".to_string()
        } else {
            crate::error::clip(&self.found.join(", "), 3 * crate::error::MAX_SHOWN)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(h: &[&str]) -> Columns {
        Columns::map(
            "f.csv",
            &h.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    #[test]
    fn matches_english_korean_and_loose_spellings() {
        let c = cols(&[
            "\u{feff}Meeting Code",
            " 과제 코드 ",
            "TITLE",
            "추진상황",
            "기준일",
            "extra",
        ]);
        assert_eq!(c.get(Field::MeetingCode), Some(0));
        assert_eq!(c.get(Field::MeasureCode), Some(1));
        assert_eq!(c.get(Field::Title), Some(2));
        assert_eq!(c.get(Field::Status), Some(3));
        assert_eq!(c.get(Field::ReportedOn), Some(4));
        assert_eq!(c.unknown, vec!["extra".to_string()]);
        assert_eq!(c.header(Field::Status), "추진상황");
        assert_eq!(c.found[0], "Meeting Code");
    }

    /// Excel's Alt+Enter line break, a unit in parentheses (half- or
    /// full-width), and `일자` for `일` name the field; other parentheses
    /// do not.
    #[test]
    fn a_percent_unit_and_a_line_break_in_a_header_name_the_field() {
        for h in [
            "진척률(%)",
            "진척률\n(%)",
            "진척률\r\n(%)",
            "진척률 (%)",
            "진척률（％）",
            "진척률(％)",
            "진척률[%]",
            "진척률 %",
            "진도율(%)",
            "Progress (%)",
            "progress%",
        ] {
            let c = cols(&["과제코드", h]);
            assert_eq!(c.get(Field::Progress), Some(1), "{h:?}");
            assert!(c.unknown.is_empty(), "{h:?}");
            assert_eq!(c.header(Field::Progress), h.trim(), "{h:?}");
        }
        for h in ["기준일자", "기준 일자", "보고일자", "작성일자"] {
            assert_eq!(cols(&[h]).get(Field::ReportedOn), Some(0), "{h:?}");
        }
        for h in ["회의일자", "개최일자"] {
            assert_eq!(cols(&[h]).get(Field::MeetingDate), Some(0), "{h:?}");
        }
        for h in ["진척률(누적)", "기준일(2024.6.30)", "%", "(%)", "진척률%%"] {
            let c = cols(&[h]);
            assert_eq!(c.unknown, vec![h.to_string()], "{h:?}");
        }
    }

    /// Every Korean header the README documents names the field the README
    /// gives it, not merely some field; and every canonical name is known.
    #[test]
    fn every_documented_header_spelling_names_its_field() {
        type F = Field;
        let all = [
            ("회의코드", F::MeetingCode),
            ("회의", F::MeetingCode),
            ("회의일", F::MeetingDate),
            ("개최일", F::MeetingDate),
            ("회의일자", F::MeetingDate),
            ("개최일자", F::MeetingDate),
            ("회의명", F::MeetingTitle),
            ("과제코드", F::MeasureCode),
            ("과제번호", F::MeasureCode),
            ("상위과제", F::ParentCode),
            ("상위과제코드", F::ParentCode),
            ("과제명", F::Title),
            ("세부과제", F::Title),
            ("과제", F::Title),
            ("주요내용", F::Description),
            ("과제내용", F::Description),
            ("분야", F::Category),
            ("유형", F::Category),
            ("소관부처", F::LeadMinistry),
            ("주관부처", F::LeadMinistry),
            ("담당부처", F::LeadMinistry),
            ("목표일", F::DueDate),
            ("완료예정", F::DueDate),
            ("이행시기", F::DueDate),
            ("기한", F::DueDate),
            ("추진상황", F::Status),
            ("진행상황", F::Status),
            ("이행상황", F::Status),
            ("상태", F::Status),
            ("진척률", F::Progress),
            ("진도율", F::Progress),
            ("기준일", F::ReportedOn),
            ("보고일", F::ReportedOn),
            ("작성일", F::ReportedOn),
            ("기준일자", F::ReportedOn),
            ("보고일자", F::ReportedOn),
            ("작성일자", F::ReportedOn),
            ("보고부처", F::ReportedBy),
            ("작성기관", F::ReportedBy),
            ("비고", F::Note),
            ("추진실적", F::Note),
            ("조치내용", F::Note),
            ("장소", F::Location),
            ("개최장소", F::Location),
            ("주재", F::Chair),
            ("주재자", F::Chair),
            ("의장", F::Chair),
            ("출처", F::Source),
            ("자료", F::Source),
            ("코드", F::Code),
        ];
        for (h, field) in all {
            let c = cols(&[h]);
            assert!(c.unknown.is_empty(), "{h}");
            assert_eq!(c.get(field), Some(0), "{h} should name {}", field.name());
        }
        for h in crate::columns::MEASURES
            .iter()
            .chain(&crate::columns::UPDATES)
            .chain(&crate::columns::MEETINGS)
        {
            assert!(cols(&[h]).unknown.is_empty(), "{h}");
        }
    }

    #[test]
    fn the_same_field_twice_is_an_error() {
        let e = Columns::map("f.csv", &["기준일".into(), "status_date".into()]).unwrap_err();
        assert!(e.to_string().contains("both mean reported_on"), "{e}");
    }

    #[test]
    fn tells_the_kind() {
        let measures = cols(&crate::columns::MEASURES);
        assert_eq!(measures.kind("f").unwrap(), Kind::Measures);
        let updates = cols(&crate::columns::UPDATES);
        assert_eq!(updates.kind("f").unwrap(), Kind::Updates);
        // The export template carries a title: still updates.
        for template in [crate::export::TEMPLATE, crate::export::TEMPLATE_KO] {
            assert_eq!(cols(&template).kind("f").unwrap(), Kind::Updates);
        }
        let meetings = cols(&crate::columns::MEETINGS);
        assert_eq!(meetings.kind("f").unwrap(), Kind::Meetings);
        let korean_meetings = cols(&["회의코드", "회의명", "개최일", "장소"]);
        assert_eq!(korean_meetings.kind("f").unwrap(), Kind::Meetings);
        let e = cols(&["a", "b"]).kind("f.csv").unwrap_err().to_string();
        assert!(e.contains("cannot tell") && e.contains("(a, b)"), "{e}");
    }

    #[test]
    fn a_title_or_blank_first_line_gets_the_advice_to_delete_it() {
        let hint = "(the first line looks like a title or a blank row, not the header row: delete the lines above the header)";
        for first in [
            &["보건복지부 2024년 2분기 추진실적", "", "", ""][..],
            &["", "", "", ""][..],
            &["과제별 추진실적"][..],
        ] {
            let c = cols(first);
            let e = c.kind("f.csv").unwrap_err().to_string();
            assert!(e.ends_with(hint), "{e}");
            let e = c.require("f.csv", Kind::Updates).unwrap_err().to_string();
            assert!(e.ends_with(hint), "{e}");
        }
        // A header row that is only wrong gets no such advice.
        let e = cols(&["a", "b"]).kind("f.csv").unwrap_err().to_string();
        assert!(!e.contains("delete the lines"), "{e}");
    }

    #[test]
    fn missing_required_column_names_it_and_lists_headers() {
        let c = cols(&["measure_code", "status", "note"]);
        let e = c.require("f.csv", Kind::Updates).unwrap_err().to_string();
        assert_eq!(
            e,
            "f.csv: missing required column reported_on for an updates file; headers found: measure_code, status, note"
        );
        let c = cols(&["code", "held_on"]);
        let e = c.require("f.csv", Kind::Meetings).unwrap_err().to_string();
        assert!(e.contains("title (or meeting_title)"), "{e}");
    }
}
