//! `meetings`: every meeting with its measures counted per status.

use super::Ctx;
use crate::cli::Format;
use crate::error::Result;
use crate::model::Status;
use crate::output;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("meetings", &[Format::Text, Format::Json, Format::Csv])?;
    let all = ctx.store()?.meetings()?;
    if format == Format::Json {
        return output::stdout_write(&output::json(&all)?);
    }
    let mut headers = vec!["code", "held_on", "title", "total"];
    headers.extend(Status::ALL.iter().map(|s| s.code()));
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|m| {
            let mut row = vec![
                m.code.clone(),
                m.held_on.to_string(),
                m.title.clone(),
                m.total.to_string(),
            ];
            row.extend(Status::ALL.iter().map(|s| m.by_status.get(*s).to_string()));
            row
        })
        .collect();
    match format {
        Format::Csv => output::stdout_write(&output::csv(&headers, &rows)?),
        _ => output::stdout_write(&output::table(&headers, &rows, &[3, 4, 5, 6, 7, 8])),
    }
}
