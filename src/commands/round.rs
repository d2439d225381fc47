//! `round open|list|show|close`: reporting rounds (README, "The quarterly
//! loop"). Opening freezes the request list; `show` is one more report
//! view (`report::round`), drawn by the report renderers.

use super::{flag_date, required, text, today, Ctx};
use crate::cli::{Format, RoundCommand, RoundOpenArgs, RoundShowArgs};
use crate::error::Result;
use crate::report::{render, round, Report};
use crate::store::write::NewRound;
use crate::{output, parse};

pub fn run(cmd: RoundCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        RoundCommand::Open(args) => open(args, ctx),
        RoundCommand::List(_) => list(ctx),
        RoundCommand::Show(args) => show(args, ctx),
        RoundCommand::Close { code } => close(&code, ctx),
    }
}

fn open(args: RoundOpenArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("round open", &[Format::Text])?;
    let code = parse::code("round code", &args.code)?;
    let as_of = flag_date("--as-of", required("--as-of", &args.as_of)?)?;
    let due = flag_date("--due", required("--due", &args.due)?)?;
    let meetings = args
        .meeting
        .iter()
        .map(|m| parse::code("meeting code", m).map(|c| c.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let store = ctx.store()?;
    let refs = store.refs()?;
    let ministries = args
        .ministry
        .iter()
        .map(|m| refs.resolve_agency(required("--ministry", m)?))
        .collect::<Result<Vec<_>>>()?;
    let opened = store.open_round(&NewRound {
        code: code.to_string(),
        title: text(&args.title).map(str::to_string),
        as_of,
        due,
        meetings,
        ministries,
    })?;
    if !opened.without_lead.is_empty() {
        ctx.notice(&format!(
            "warning: {} open measure{} without a lead ministry, asked of nobody: {} (`policy-track edit-measure CODE --ministry M` gives one)",
            opened.without_lead.len(),
            if opened.without_lead.len() == 1 { "" } else { "s" },
            opened.without_lead.join(", ")
        ));
    }
    let total: i64 = opened.requested.iter().map(|(_, _, n)| n).sum();
    let mut out = format!(
        "round {code} opened: {total} measure{} as of {as_of}, due {due}\n",
        if total == 1 { "" } else { "s" }
    );
    let rows: Vec<Vec<String>> = opened
        .requested
        .iter()
        .map(|(code, name, n)| vec![code.clone(), name.clone(), n.to_string()])
        .collect();
    if !rows.is_empty() {
        out.push_str(&output::table(
            &["ministry", "name", "requested"],
            &rows,
            &[2],
        ));
    }
    if ctx.quiet {
        return Ok(());
    }
    output::stdout_write(&out)
}

fn list(ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("round list", &[Format::Text, Format::Json, Format::Csv])?;
    let all = round::list(ctx.store()?)?;
    output::stdout_write(&match format {
        Format::Json => output::json(&all)?,
        Format::Csv => output::csv_of(&render::ROUNDS, &all, ctx.lang)?,
        _ => output::table_of(&render::ROUNDS, &all, ctx.lang, ctx.width),
    })
}

fn show(args: RoundShowArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format(
        "round show",
        &[
            Format::Text,
            Format::Json,
            Format::Csv,
            Format::Markdown,
            Format::Html,
            Format::Xlsx,
        ],
    )?;
    if let Some(path) = &args.output {
        ctx.not_the_database("-o", path)?;
    }
    let code = parse::code("round code", &args.code)?;
    let today = today()?;
    let report = round::show(ctx.store()?, code.as_str(), today)?;
    super::report::write(ctx, &Report::Round(report), format, &args.output, false)
}

fn close(code: &str, ctx: &mut Ctx) -> Result<()> {
    ctx.format("round close", &[Format::Text])?;
    let code = parse::code("round code", code)?;
    let at = ctx.store()?.close_round(code.as_str())?;
    ctx.notice(&format!(
        "round {code} closed at {} (UTC): no more answers are linked to it",
        at.format("%Y-%m-%d %H:%M:%S")
    ));
    Ok(())
}
