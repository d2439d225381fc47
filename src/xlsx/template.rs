//! The template workbook (`export template --ministry M -o FILE.xlsx`):
//! the ministry's open measures on a sheet `추진현황` to fill in, a sheet
//! `안내` that says how, and a hidden sheet of tags
//! (`import::workbook::TAGS_SHEET`) that names the ministry (and the
//! reporting round, once there are rounds), which the import reads back.
//!
//! On `추진현황` codes and titles are locked (the sheet is protected without
//! a password, so anyone can lift it, but nobody overwrites a code by
//! accident); `기준일` must be a date, `추진상황` one of the Korean status
//! words (a drop-down), `진척률` a whole number from 0 to 100.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, ProtectionOptions,
    Workbook, Worksheet,
};

use super::{xlsx_error, Table};
use crate::columns::TemplateRow;
use crate::columns::{text, Column, Value};
use crate::error::Result;
use crate::import::workbook::TAGS_SHEET;
use crate::model::Status;
use crate::parse::status::korean;

/// The sheet the ministry fills in.
pub const SHEET: &str = "추진현황";

type Te = Column<TemplateRow>;

/// The columns of the template workbook: the template's columns with
/// Korean headers, and the status as the Korean word the drop-down offers.
const COLUMNS: [Column<TemplateRow>; 6] = [
    Te::new("과제코드", "과제코드", |t| text(&t.m.measure.code)),
    Te::new("과제명", "과제명", |t| text(&t.m.measure.title)),
    Te::new("기준일", "기준일", |t| Value::Date(t.reported_on)),
    Te::new("추진상황", "추진상황", |t| {
        text(
            Status::from_code(&t.m.measure.status)
                .map(korean)
                .unwrap_or(&t.m.measure.status),
        )
    }),
    Te::new("진척률", "진척률", |t| {
        Value::Progress(t.m.measure.progress)
    }),
    Te::new("비고", "비고", |_| Value::Opt(None)),
];

/// Which columns the ministry fills in.
const TO_FILL: [bool; 6] = [false, false, true, true, true, true];

/// A template being written, a measure a row.
pub struct Template {
    ws: Worksheet,
    table: Table,
    unlocked: Format,
    unlocked_date: Format,
    unlocked_progress: Format,
}

impl Template {
    pub fn new() -> Result<Template> {
        let mut ws = Worksheet::new();
        ws.set_name(SHEET).map_err(xlsx_error)?;
        let table = Table::of_columns(&mut ws, &COLUMNS, None)?;
        Ok(Template {
            ws,
            table,
            unlocked: Format::new().set_unlocked().set_background_color("#FFF2CC"),
            unlocked_date: Format::new()
                .set_unlocked()
                .set_num_format("yyyy-mm-dd")
                .set_background_color("#FFF2CC"),
            unlocked_progress: Format::new()
                .set_unlocked()
                .set_num_format("0")
                .set_background_color("#FFF2CC"),
        })
    }

    /// One open measure.
    pub fn line(&mut self, m: &TemplateRow) -> Result<()> {
        for (c, column) in COLUMNS.iter().enumerate() {
            let format = match (TO_FILL[c], c) {
                (false, _) => None,
                (true, 2) => Some(&self.unlocked_date),
                (true, 4) => Some(&self.unlocked_progress),
                (true, _) => Some(&self.unlocked),
            };
            self.table.cell(&mut self.ws, c, (column.cell)(m), format)?;
        }
        self.table.row += 1;
        Ok(())
    }

    /// The measures written so far.
    pub fn rows(&self) -> u32 {
        self.table.row - 1
    }

    /// The workbook: the checks on the cells to fill in, the protection,
    /// the guide and the tags.
    pub fn finish(mut self, ministry: &str, round: Option<&str>) -> Result<Workbook> {
        let last = self.table.row.saturating_sub(1).max(1);
        let ws = &mut self.ws;
        let words: Vec<&str> = Status::ALL.iter().map(|s| korean(*s)).collect();
        let status = DataValidation::new()
            .allow_list_strings(&words)
            .map_err(xlsx_error)?
            .set_error_title("추진상황")
            .map_err(xlsx_error)?
            .set_error_message(format!("다음 중 하나를 고르십시오: {}", words.join(", ")))
            .map_err(xlsx_error)?;
        let date = DataValidation::new()
            .allow_date(DataValidationRule::Between(
                NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date"),
                NaiveDate::from_ymd_opt(2099, 12, 31).expect("a valid date"),
            ))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_input_title("기준일")
            .map_err(xlsx_error)?
            .set_input_message("보고 기준일을 2024-06-30 처럼 날짜로 입력하십시오.")
            .map_err(xlsx_error)?
            .set_error_message("날짜(예: 2024-06-30)를 입력하십시오.")
            .map_err(xlsx_error)?;
        let progress = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 100))
            .set_error_message("0에서 100 사이의 정수를 입력하십시오 (60% 이면 60).")
            .map_err(xlsx_error)?;
        ws.add_data_validation(1, 2, last, 2, &date)
            .map_err(xlsx_error)?;
        ws.add_data_validation(1, 3, last, 3, &status)
            .map_err(xlsx_error)?;
        ws.add_data_validation(1, 4, last, 4, &progress)
            .map_err(xlsx_error)?;
        let options = ProtectionOptions {
            use_autofilter: true,
            sort: true,
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        };
        ws.protect_with_options(&options);
        self.table.finish(ws)?;
        // The note column gets room to write.
        ws.set_column_width(5, 40).map_err(xlsx_error)?;

        let mut wb = Workbook::new();
        wb.push_worksheet(self.ws);
        wb.push_worksheet(guide(ministry)?);
        wb.push_worksheet(tags(ministry, round)?);
        Ok(wb)
    }
}

/// The sheet `안내`: what to fill in and how to send it back.
fn guide(ministry: &str) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("안내").map_err(xlsx_error)?;
    let title = Format::new().set_bold().set_font_size(14);
    let words: Vec<&str> = Status::ALL.iter().map(|s| korean(*s)).collect();
    let lines = [
        format!("{ministry} 과제 추진현황 보고 양식"),
        String::new(),
        format!("1. '{SHEET}' 시트의 노란 칸을 채워 주십시오. 과제코드와 과제명은 바꿀 수 없습니다."),
        "2. 기준일: 이번 보고의 기준이 되는 날짜 (예: 2024-06-30).".to_string(),
        format!("3. 추진상황: 목록에서 고르십시오 ({}).", words.join(", ")),
        "4. 진척률: 0에서 100 사이의 정수 (60% 이면 60). 모르면 비워 두십시오.".to_string(),
        "5. 비고: 추진 실적이나 지연 사유를 적어 주십시오.".to_string(),
        "6. 모든 과제에 기준일을 적어 주십시오 (변동이 없는 과제도 같은 기준일로). 행과 열을 지우거나 옮기지 마십시오.".to_string(),
        "7. 파일 이름과 형식(.xlsx)을 그대로 두고 저장하여 회신해 주십시오.".to_string(),
        String::new(),
        "잘못된 칸이 있으면 그 행과 이유를 적은 파일을 돌려 드립니다. 고쳐서 다시 보내 주십시오.".to_string(),
    ];
    for (r, line) in lines.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        if r == 0 {
            ws.write_string_with_format(r, 0, line, &title)
        } else {
            ws.write_string(r, 0, line)
        }
        .map_err(xlsx_error)?;
    }
    ws.set_column_width(0, 100).map_err(xlsx_error)?;
    Ok(ws)
}

/// The hidden sheet of tags.
fn tags(ministry: &str, round: Option<&str>) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(TAGS_SHEET).map_err(xlsx_error)?;
    for (r, (key, value)) in [("ministry", Some(ministry)), ("round", round)]
        .into_iter()
        .enumerate()
    {
        let r = r as u32;
        ws.write_string(r, 0, key).map_err(xlsx_error)?;
        if let Some(v) = value {
            ws.write_string(r, 1, v).map_err(xlsx_error)?;
        }
    }
    ws.set_hidden(true);
    Ok(ws)
}
