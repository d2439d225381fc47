//! `export measures|updates|meetings|template`: the CSV files (see the README, CSV formats).
//!
//! Filters are checked first (an unknown meeting or ministry is an error
//! before anything is written), then the store streams rows straight into the
//! CSV writer, so memory stays flat however many rows there are.

use std::path::PathBuf;

use super::{given, required, Ctx};
use crate::cli::{ExportCommand, ExportFilter as Args, Format, TemplateArgs};
use chrono::NaiveDate;

use crate::columns::{self, Column, TemplateRow};
use crate::error::{Error, Result};
use crate::export::{CsvOut, Destination};
use crate::model::Meeting;
use crate::parse;
use crate::store::export::{ExportFilter, Exported, MeasureExport, UpdateExport};

pub fn run(cmd: ExportCommand, ctx: &mut Ctx) -> Result<()> {
    ctx.format("export", &[Format::Csv])?;
    match cmd {
        ExportCommand::Meetings(args) => export(ctx, &args, &MEETINGS),
        ExportCommand::Measures(args) => export(ctx, &args, &MEASURES),
        ExportCommand::Updates(args) => export(ctx, &args, &UPDATES),
        ExportCommand::Template(args) => template(args, ctx),
    }
}

/// One kind of export file: its header, its columns, and what a row is
/// (one, and more than one, for the closing notice). The store reads the
/// rows ([`Exported`]).
struct File<R: 'static> {
    header: &'static [&'static str],
    columns: &'static [Column<R>],
    what: (&'static str, &'static str),
}

const MEETINGS: File<Meeting> = File {
    header: &columns::MEETINGS,
    columns: &columns::MEETING_COLUMNS,
    what: ("meeting", "meetings"),
};

const MEASURES: File<MeasureExport> = File {
    header: &columns::MEASURES,
    columns: &columns::MEASURE_COLUMNS,
    what: ("measure", "measures"),
};

const UPDATES: File<UpdateExport> = File {
    header: &columns::UPDATES,
    columns: &columns::UPDATE_COLUMNS,
    what: ("status report", "status reports"),
};

/// The export of `file` narrowed by `--meeting` and `--ministry`.
fn export<R: Exported>(ctx: &mut Ctx, args: &Args, file: &File<R>) -> Result<()> {
    let filter = filter(
        ctx,
        given("--meeting", &args.meeting)?,
        given("--ministry", &args.ministry)?,
    )?;
    write(ctx, (&args.output, args.excel), &filter, file)
}

/// Writes the rows of `file` that `filter` keeps to `-o FILE` or stdout.
fn write<R: Exported>(
    ctx: &mut Ctx,
    (output, excel): (&Option<PathBuf>, bool),
    filter: &ExportFilter,
    file: &File<R>,
) -> Result<()> {
    let mut out = open(ctx, output, excel, file.header)?;
    ctx.store()?
        .export(filter, |row: R| out.line(file.columns, &row))?;
    finish(out, ctx, file.what)
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
        requested: None,
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

/// The ministry's open measures with their current status and progress,
/// `reported_on` empty (or `--as-of`) and `note` empty for the ministry to
/// fill in; with `--round`, the measures the round asked of it, dated the
/// round's as-of date, the round in the file (one file per ministry with
/// `--all`).
fn template(args: TemplateArgs, ctx: &mut Ctx) -> Result<()> {
    let meeting = given("--meeting", &args.meeting)?;
    let ministry = args
        .ministry
        .as_deref()
        .map(|m| required("--ministry", m))
        .transpose()?;
    let Some(round) = given("--round", &args.round)? else {
        let ministry = required("--ministry", ministry.unwrap_or_default())?;
        let mut filter = filter(ctx, meeting, Some(ministry))?;
        filter.open_only = true;
        let as_of = given("--as-of", &args.as_of)?
            .map(|d| super::flag_date("--as-of", d))
            .transpose()?;
        let (header, columns) = match args.korean_headers {
            true => (&columns::TEMPLATE_KO[..], &columns::TEMPLATE_COLUMNS[..]),
            false => (&columns::TEMPLATE[..], &columns::TEMPLATE_COLUMNS[..]),
        };
        let out = (&args.output, args.excel);
        return write_template(ctx, out, &filter, (header, columns), (as_of, None));
    };
    let code = parse::code("round code", round)?;
    let r = ctx.store()?.round(code.as_str())?;
    if let Some(at) = r.closed_at {
        return Err(Error::Other(format!(
            "round {code} was closed on {}: it takes no more answers, so it sends no templates",
            at.format("%Y-%m-%d")
        )));
    }
    let mut filter = filter(ctx, meeting, None)?;
    let asked = ctx.store()?.round_ministries(r.id)?;
    let (header, columns) = match args.korean_headers {
        true => (
            &columns::ROUND_TEMPLATE_KO[..],
            &columns::ROUND_TEMPLATE_COLUMNS[..],
        ),
        false => (
            &columns::ROUND_TEMPLATE[..],
            &columns::ROUND_TEMPLATE_COLUMNS[..],
        ),
    };
    let fill = (Some(r.as_of), Some(r.code.clone()));
    let Some(ministry) = ministry else {
        // --all: clap requires -o, here a folder.
        let dir = args.output.clone().unwrap_or_default();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        for (agency, agency_code) in asked {
            filter.requested = Some((r.id, agency));
            let path = dir.join(format!("{}-{agency_code}.csv", r.code));
            let out = (&Some(path), args.excel);
            write_template(ctx, out, &filter, (header, columns), fill.clone())?;
        }
        return Ok(());
    };
    let agency = ctx.store()?.refs()?.resolve_agency(ministry)?;
    if !asked.iter().any(|(id, _)| *id == agency) {
        let codes: Vec<&str> = asked.iter().map(|(_, c)| c.as_str()).collect();
        return Err(Error::Other(format!(
            "--ministry {ministry}: round {code} asked it for nothing (it asked {})",
            match codes.is_empty() {
                true => "nobody".to_string(),
                false => codes.join(", "),
            }
        )));
    }
    filter.requested = Some((r.id, agency));
    let out = (&args.output, args.excel);
    write_template(ctx, out, &filter, (header, columns), fill)
}

/// Writes a template: the measures `filter` keeps, in `columns` under
/// `header`, each row dated and naming the round as `fill` says.
fn write_template(
    ctx: &mut Ctx,
    (output, excel): (&Option<PathBuf>, bool),
    filter: &ExportFilter,
    (header, columns): (&[&str], &[Column<TemplateRow>]),
    (reported_on, round): (Option<NaiveDate>, Option<String>),
) -> Result<()> {
    let what = match round {
        Some(_) => ("requested measure", "requested measures"),
        None => ("open measure", "open measures"),
    };
    let mut out = open(ctx, output, excel, header)?;
    ctx.store()?.export(filter, |m: MeasureExport| {
        let row = TemplateRow {
            m,
            reported_on,
            round: round.clone(),
        };
        out.line(columns, &row)
    })?;
    finish(out, ctx, what)
}
