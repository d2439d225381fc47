//! `export measures|updates|meetings|template`: the CSV files (see the README, CSV formats),
//! or workbooks (`-o FILE.xlsx` or `--xlsx`; `crate::xlsx`).
//!
//! Filters are checked first (an unknown meeting or ministry is an error
//! before anything is written), then the store streams rows straight into the
//! CSV writer, so memory stays flat however many rows there are.

use std::path::{Path, PathBuf};

use super::{given, required, Ctx};
use crate::cli::{ExportCommand, ExportFilter as Args, Format, TemplateArgs};
use chrono::NaiveDate;

use crate::columns::{self, Column, TemplateRow};
use crate::error::{Error, Result};
use crate::export::{CsvOut, Destination};
use crate::model::Meeting;
use crate::parse;
use crate::store::export::{ExportFilter, Exported, MeasureExport, UpdateExport};
use crate::words::Lang;

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
    match workbook(&args.output, args.xlsx)? {
        Some(path) => write_workbook(ctx, path, &filter, file),
        None => write(ctx, (&args.output, args.excel), &filter, file),
    }
}

/// The workbook to write, when `-o` names one (`.xlsx`) or `--xlsx` asks
/// for one; a workbook without `-o` is refused.
fn workbook(output: &Option<PathBuf>, xlsx: bool) -> Result<Option<&Path>> {
    match output {
        Some(path) if xlsx || crate::xlsx::is_workbook_name(path) => Ok(Some(path)),
        None if xlsx => Err(crate::xlsx::needs_a_file("export --xlsx")),
        _ => Ok(None),
    }
}

/// Writes the rows of `file` that `filter` keeps as a workbook at `path`:
/// one sheet, the canonical headers, typed cells.
fn write_workbook<R: Exported>(
    ctx: &mut Ctx,
    path: &Path,
    filter: &ExportFilter,
    file: &File<R>,
) -> Result<()> {
    ctx.not_the_database("-o", path)?;
    let mut ws = rust_xlsxwriter::Worksheet::new();
    ws.set_name(file.what.1).map_err(crate::xlsx::xlsx_error)?;
    let mut table = crate::xlsx::Table::of_columns(&mut ws, file.columns, None)?;
    ctx.store()?
        .export(filter, |row: R| table.line(&mut ws, file.columns, &row))?;
    let n = table.row - 1;
    table.finish(&mut ws)?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.push_worksheet(ws);
    crate::xlsx::save(&mut wb, "-o", path)?;
    notice_written(ctx, n.into(), &path.display().to_string(), file.what);
    Ok(())
}

/// `wrote N measures to FILE`.
fn notice_written(ctx: &Ctx, n: u64, name: &str, (what, whats): (&str, &str)) {
    let what = if n == 1 { what } else { whats };
    ctx.notice(&format!("wrote {n} {what} to {name}"));
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
    // `none`: the measures that no ministry leads (as imports allow).
    let no_ministry = ministry.is_some_and(|m| m.eq_ignore_ascii_case(NO_MINISTRY));
    let ministry = match ministry {
        Some(m) if !no_ministry => Some(store.refs()?.resolve_agency(m)?),
        _ => None,
    };
    Ok(ExportFilter {
        meeting: meeting.map(|m| m.to_string()),
        ministry,
        no_ministry,
        open_only: false,
        requested: None,
    })
}

/// What `--ministry` takes for the measures without a lead ministry.
const NO_MINISTRY: &str = "none";

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
        notice_written(ctx, n, &name, (what, whats));
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
    // Korean headers come with Korean status words (`--korean-headers`, or
    // `--lang ko`); both read back as the same file.
    let korean = args.korean_headers || ctx.lang == Lang::Ko;
    let xlsx = args.xlsx;
    let Some(round) = given("--round", &args.round)? else {
        let ministry = required("--ministry", ministry.unwrap_or_default())?;
        let mut filter = filter(ctx, meeting, Some(ministry))?;
        filter.open_only = true;
        let as_of = given("--as-of", &args.as_of)?
            .map(|d| super::flag_date("--as-of", d))
            .transpose()?;
        let (header, columns) = match korean {
            true => (&columns::TEMPLATE_KO[..], &columns::TEMPLATE_COLUMNS_KO[..]),
            false => (&columns::TEMPLATE[..], &columns::TEMPLATE_COLUMNS[..]),
        };
        let out = (&args.output, args.excel, xlsx);
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
    let (header, columns) = match korean {
        true => (
            &columns::ROUND_TEMPLATE_KO[..],
            &columns::ROUND_TEMPLATE_COLUMNS_KO[..],
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
            let ext = if xlsx { "xlsx" } else { "csv" };
            let path = dir.join(format!("{}-{agency_code}.{ext}", r.code));
            let out = (&Some(path), args.excel, xlsx);
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
    let out = (&args.output, args.excel, xlsx);
    write_template(ctx, out, &filter, (header, columns), fill)
}

/// Writes a template: the measures `filter` keeps, in `columns` under
/// `header`, each row dated and naming the round as `fill` says.
fn write_template(
    ctx: &mut Ctx,
    (output, excel, xlsx): (&Option<PathBuf>, bool, bool),
    filter: &ExportFilter,
    (header, columns): (&[&str], &[Column<TemplateRow>]),
    (reported_on, round): (Option<NaiveDate>, Option<String>),
) -> Result<()> {
    let what = match round {
        Some(_) => ("requested measure", "requested measures"),
        None => ("open measure", "open measures"),
    };
    if let Some(path) = workbook(output, xlsx)? {
        return template_workbook(ctx, path, filter, (reported_on, round), what);
    }
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

/// The template as a workbook (`crate::xlsx::template`), tagged with the
/// ministry's Korean name and the round it answers, each row dated as
/// `fill` says.
fn template_workbook(
    ctx: &mut Ctx,
    path: &Path,
    filter: &ExportFilter,
    (reported_on, round): (Option<NaiveDate>, Option<String>),
    what: (&str, &str),
) -> Result<()> {
    ctx.not_the_database("-o", path)?;
    let store = ctx.store()?;
    let name = filter
        .ministry
        .or(filter.requested.map(|(_, agency)| agency))
        .and_then(|id| store.refs().ok()?.agencies.into_iter().find(|a| a.id == id))
        .map(|a| a.name_ko)
        .unwrap_or_default();
    let mut t = crate::xlsx::template::Template::new()?;
    store.export(filter, |m: MeasureExport| {
        t.line(&TemplateRow {
            m,
            reported_on,
            round: round.clone(),
        })
    })?;
    let n = t.rows();
    let mut wb = t.finish(&name, round.as_deref())?;
    crate::xlsx::save(&mut wb, "-o", path)?;
    notice_written(ctx, n.into(), &path.display().to_string(), what);
    Ok(())
}
