//! `export measures|updates|meetings|template`: the CSV files (see the README, CSV formats).
//!
//! Filters are checked first (an unknown meeting or ministry is an error
//! before anything is written), then the store streams rows straight into the
//! CSV writer, so memory stays flat however many rows there are.

use std::path::PathBuf;

use super::{given, required, Ctx};
use crate::cli::{ExportCommand, ExportFilter as Args, Format, TemplateArgs};
use crate::columns::{self, Column};
use crate::error::Result;
use crate::export::{CsvOut, Destination};
use crate::parse;
use crate::store::export::ExportFilter;
use crate::store::Store;

pub fn run(cmd: ExportCommand, ctx: &mut Ctx) -> Result<()> {
    ctx.format("export", &[Format::Csv])?;
    match cmd {
        ExportCommand::Meetings(args) => export(
            ctx,
            &args,
            (&columns::MEETINGS, &columns::MEETING_COLUMNS),
            ("meeting", "meetings"),
            |store, filter, each| store.export_meetings(filter, each),
        ),
        ExportCommand::Measures(args) => export(
            ctx,
            &args,
            (&columns::MEASURES, &columns::MEASURE_COLUMNS),
            ("measure", "measures"),
            |store, filter, each| store.export_measures(filter, each),
        ),
        ExportCommand::Updates(args) => export(
            ctx,
            &args,
            (&columns::UPDATES, &columns::UPDATE_COLUMNS),
            ("status report", "status reports"),
            |store, filter, each| store.export_updates(filter, each),
        ),
        ExportCommand::Template(args) => template(args, ctx),
    }
}

/// How the store streams one kind of row to a callback.
type Read<R> = fn(&mut Store, &ExportFilter, &mut dyn FnMut(R) -> Result<()>) -> Result<u64>;

/// One export of `--meeting`/`--ministry`-filtered rows, written under
/// `header` in `columns`; `what` names a row, and more than one, for the
/// closing notice.
fn export<R>(
    ctx: &mut Ctx,
    args: &Args,
    (header, columns): (&[&str], &[Column<R>]),
    what: (&str, &str),
    read: Read<R>,
) -> Result<()> {
    let filter = filter(
        ctx,
        given("--meeting", &args.meeting)?,
        given("--ministry", &args.ministry)?,
    )?;
    write(
        ctx,
        (&args.output, args.excel),
        &filter,
        (header, columns),
        what,
        read,
    )
}

/// Writes the rows `read` streams under `header` in `columns` to `-o FILE`
/// or stdout.
fn write<R>(
    ctx: &mut Ctx,
    (output, excel): (&Option<PathBuf>, bool),
    filter: &ExportFilter,
    (header, columns): (&[&str], &[Column<R>]),
    what: (&str, &str),
    read: Read<R>,
) -> Result<()> {
    let mut out = open(ctx, output, excel, header)?;
    read(ctx.store()?, filter, &mut |row| out.line(columns, &row))?;
    finish(out, ctx, what)
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

/// The ministry's open measures with their current status and progress, and
/// `reported_on` and `note` left empty for the ministry to fill in.
fn template(args: TemplateArgs, ctx: &mut Ctx) -> Result<()> {
    let ministry = required("--ministry", &args.ministry)?;
    let mut filter = filter(ctx, given("--meeting", &args.meeting)?, Some(ministry))?;
    filter.open_only = true;
    let header = if args.korean_headers {
        columns::TEMPLATE_KO
    } else {
        columns::TEMPLATE
    };
    write(
        ctx,
        (&args.output, args.excel),
        &filter,
        (&header, &columns::TEMPLATE_COLUMNS),
        ("open measure", "open measures"),
        |store, filter, each| store.export_measures(filter, each),
    )
}
