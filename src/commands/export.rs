//! `export measures|updates|meetings|template`: the CSV files (see the README, CSV formats),
//! or workbooks (`-o FILE.xlsx` or `--xlsx`; `crate::xlsx`).
//!
//! Filters are checked first (an unknown meeting or ministry is an error
//! before anything is written), then the store streams rows straight into the
//! CSV writer, so memory stays flat however many rows there are.

use std::path::{Path, PathBuf};

use super::{given, required, Ctx};
use crate::cli::{ExportCommand, ExportFilter as Args, Format, TemplateArgs};
use crate::columns::{self, Column};
use crate::error::Result;
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

/// The ministry's open measures with their current status and progress, and
/// `reported_on` and `note` left empty for the ministry to fill in.
fn template(args: TemplateArgs, ctx: &mut Ctx) -> Result<()> {
    let ministry = required("--ministry", &args.ministry)?;
    let mut filter = filter(ctx, given("--meeting", &args.meeting)?, Some(ministry))?;
    filter.open_only = true;
    if let Some(path) = workbook(&args.output, args.xlsx)? {
        return template_workbook(ctx, path, &filter);
    }
    // Korean headers come with Korean status words (`--korean-headers`, or
    // `--lang ko`); both read back as the same file.
    let korean = args.korean_headers || ctx.lang == Lang::Ko;
    let template = File {
        header: if korean {
            &columns::TEMPLATE_KO
        } else {
            &columns::TEMPLATE
        },
        columns: if korean {
            &columns::TEMPLATE_COLUMNS_KO
        } else {
            &columns::TEMPLATE_COLUMNS
        },
        what: ("open measure", "open measures"),
    };
    write(ctx, (&args.output, args.excel), &filter, &template)
}

/// The template as a workbook (`crate::xlsx::template`), tagged with the
/// ministry's Korean name.
fn template_workbook(ctx: &mut Ctx, path: &Path, filter: &ExportFilter) -> Result<()> {
    ctx.not_the_database("-o", path)?;
    let store = ctx.store()?;
    let name = filter
        .ministry
        .and_then(|id| store.refs().ok()?.agencies.into_iter().find(|a| a.id == id))
        .map(|a| a.name_ko)
        .unwrap_or_default();
    let mut t = crate::xlsx::template::Template::new()?;
    store.export(filter, |row: MeasureExport| t.line(&row))?;
    let n = t.rows();
    let mut wb = t.finish(&name, None)?;
    crate::xlsx::save(&mut wb, "-o", path)?;
    notice_written(
        ctx,
        n.into(),
        &path.display().to_string(),
        ("open measure", "open measures"),
    );
    Ok(())
}
