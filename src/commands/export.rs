//! `export measures|updates|meetings|template`: the CSV files (see the README, CSV formats).
//!
//! Filters are checked first (an unknown meeting or ministry is an error
//! before anything is written), then the store streams rows straight into the
//! CSV writer, so memory stays flat however many rows there are.

use std::path::PathBuf;

use super::{given, required, Ctx};
use crate::cli::{ExportCommand, ExportFilter as Args, Format, TemplateArgs};
use crate::error::Result;
use crate::export::{CsvOut, Destination, TEMPLATE, TEMPLATE_KO};
use crate::output::opt;
use crate::store::export::ExportFilter;
use crate::{columns, parse};

pub fn run(cmd: ExportCommand, ctx: &mut Ctx) -> Result<()> {
    ctx.format("export", &[Format::Csv])?;
    match cmd {
        ExportCommand::Meetings(args) => meetings(args, ctx),
        ExportCommand::Measures(args) => measures(args, ctx),
        ExportCommand::Updates(args) => updates(args, ctx),
        ExportCommand::Template(args) => template(args, ctx),
    }
}

/// The store's filter from `--meeting` and `--ministry`: a meeting that does
/// not exist or a ministry nobody knows is an error with a "did you mean".
fn filter(ctx: &mut Ctx, meeting: Option<&str>, ministry: Option<&str>) -> Result<ExportFilter> {
    let meeting = meeting
        .map(|m| parse::code("meeting code", m))
        .transpose()?;
    let store = ctx.store()?;
    if let Some(m) = &meeting {
        store.meeting(m.as_str())?;
    }
    let ministry = match ministry {
        Some(m) => Some(store.refs()?.resolve_agency(m)?),
        None => None,
    };
    Ok(ExportFilter {
        meeting: meeting.map(|m| m.to_string()),
        ministry,
        open_only: false,
    })
}

/// Starts the CSV file (BOM and header) at `-o FILE` or stdout.
fn open(
    ctx: &Ctx,
    output: &Option<PathBuf>,
    excel: bool,
    header: &[&str],
) -> Result<CsvOut<Destination>> {
    if let Some(path) = output {
        ctx.not_the_database("-o", path)?;
    }
    let dest = Destination::open("-o", output.as_deref())?;
    let name = dest.name();
    CsvOut::new(dest, excel, name, header)
}

/// Completes the file (renaming it into place) and says how many rows it
/// got; `what` is what a row is, and `whats` more than one.
fn finish(out: CsvOut<Destination>, ctx: &Ctx, (what, whats): (&str, &str)) -> Result<()> {
    let n = out.rows;
    let dest = out.finish()?;
    let file = matches!(dest, Destination::File { .. });
    let name = dest.name();
    dest.commit()?;
    if file {
        let what = if n == 1 { what } else { whats };
        ctx.notice(&format!("wrote {n} {what} to {name}"));
    }
    Ok(())
}

fn meetings(args: Args, ctx: &mut Ctx) -> Result<()> {
    let filter = filter(
        ctx,
        given("--meeting", &args.meeting)?,
        given("--ministry", &args.ministry)?,
    )?;
    let mut out = open(ctx, &args.output, args.excel, &columns::MEETINGS)?;
    ctx.store()?.export_meetings(&filter, |m| {
        out.row(&[
            m.code,
            m.title,
            m.held_on.to_string(),
            opt(&m.location),
            opt(&m.chair),
            opt(&m.source),
        ])
    })?;
    finish(out, ctx, ("meeting", "meetings"))
}

fn measures(args: Args, ctx: &mut Ctx) -> Result<()> {
    let filter = filter(
        ctx,
        given("--meeting", &args.meeting)?,
        given("--ministry", &args.ministry)?,
    )?;
    let mut out = open(ctx, &args.output, args.excel, &columns::MEASURES)?;
    ctx.store()?.export_measures(&filter, |m| {
        out.row(&[
            m.meeting_code,
            m.meeting_date.to_string(),
            m.meeting_title,
            m.measure_code,
            opt(&m.parent_code),
            m.title,
            opt(&m.description),
            m.category,
            opt(&m.lead_ministry),
            opt(&m.due_date),
            m.status,
            opt(&m.progress),
            opt(&m.status_date),
            opt(&m.note),
        ])
    })?;
    finish(out, ctx, ("measure", "measures"))
}

fn updates(args: Args, ctx: &mut Ctx) -> Result<()> {
    let filter = filter(
        ctx,
        given("--meeting", &args.meeting)?,
        given("--ministry", &args.ministry)?,
    )?;
    let mut out = open(ctx, &args.output, args.excel, &columns::UPDATES)?;
    ctx.store()?.export_updates(&filter, |u| {
        out.row(&[
            u.measure_code,
            u.reported_on.to_string(),
            u.status,
            opt(&u.progress),
            opt(&u.reported_by),
            opt(&u.note),
        ])
    })?;
    finish(out, ctx, ("status report", "status reports"))
}

/// The ministry's open measures with their current status and progress, and
/// `reported_on` and `note` left empty for the ministry to fill in.
fn template(args: TemplateArgs, ctx: &mut Ctx) -> Result<()> {
    let ministry = required("--ministry", &args.ministry)?;
    let mut filter = filter(ctx, given("--meeting", &args.meeting)?, Some(ministry))?;
    filter.open_only = true;
    let header = if args.korean_headers {
        TEMPLATE_KO
    } else {
        TEMPLATE
    };
    let mut out = open(ctx, &args.output, args.excel, &header)?;
    ctx.store()?.export_measures(&filter, |m| {
        out.row(&[
            m.measure_code,
            m.title,
            String::new(),
            m.status,
            opt(&m.progress),
            String::new(),
        ])
    })?;
    finish(out, ctx, ("open measure", "open measures"))
}
