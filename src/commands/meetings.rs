//! `meetings`: every meeting with its measures counted per status.

use super::Ctx;
use crate::cli::Format;
use crate::columns::{opt, text, Column, Value};
use crate::error::Result;
use crate::model::Status;
use crate::output;
use crate::store::MeetingRow;

type Col = Column<MeetingRow>;

/// The count of the `I`th status of `Status::ALL`.
fn count<const I: usize>(m: &MeetingRow) -> Value<'_> {
    Value::Int(m.by_status.get(Status::ALL[I]))
}

/// The columns of `meetings`: in the order and with the headers of the
/// reports' meetings; CSV carries what the JSON has (the place, the chair,
/// the source), people read the counts.
const COLUMNS: [Col; 12] = [
    Col::new("code", "회의코드", |m| text(&m.code)),
    Col::new("title", "회의명", |m| text(&m.title)).long(),
    Col::new("held_on", "개최일", |m| Value::Date(Some(m.held_on))).en("held on"),
    Col::new("location", "장소", |m| opt(&m.location)).data(),
    Col::new("chair", "주재", |m| opt(&m.chair)).data(),
    Col::new("source", "출처", |m| opt(&m.source)).data(),
    Col::new("total", "총계", |m| Value::Int(m.total)).right(),
    Col::new("planned", "계획", count::<0>).right(),
    Col::new("in-progress", "추진중", count::<1>).right(),
    Col::new("completed", "완료", count::<2>).right(),
    Col::new("delayed", "지연", count::<3>).right(),
    Col::new("dropped", "중단", count::<4>).right(),
];

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("meetings", &[Format::Text, Format::Json, Format::Csv])?;
    let all = ctx.store()?.meetings()?;
    output::stdout_write(&match format {
        Format::Json => output::json(&all)?,
        Format::Csv => output::csv_of(&COLUMNS, &all, ctx.lang)?,
        _ => output::table_of(&COLUMNS, &all, ctx.lang, ctx.width),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_columns_are_keyed_by_the_status_codes() {
        let keys: Vec<&str> = COLUMNS[7..].iter().map(|c| c.key).collect();
        assert_eq!(keys, Status::ALL.map(Status::code));
    }
}
