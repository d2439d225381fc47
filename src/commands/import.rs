//! `import`: load measures, updates or meetings files, each all or nothing,
//! and print one summary line per file (or a JSON array).

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::cli::{Format, ImportArgs, ImportKind};
use crate::error::{Error, Result};
use crate::import::{decode, import_into, reader, Kind, Options, Report};
use crate::output;
use crate::store::write::{Commit, Session};

pub fn run(args: ImportArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("import", &[Format::Text, Format::Json])?;
    let opts = Options {
        kind: match args.kind {
            ImportKind::Auto => None,
            ImportKind::Measures => Some(Kind::Measures),
            ImportKind::Updates => Some(Kind::Updates),
            ImportKind::Meetings => Some(Kind::Meetings),
        },
        encoding: decode::parse_choice(&args.encoding)?,
        delimiter: reader::parse_delimiter(&args.delimiter)?,
        commit: if args.dry_run {
            Commit::DryRun
        } else {
            Commit::Write
        },
        skip_invalid: args.skip_invalid,
        rejects: None,
        ministry: super::given("--ministry", &args.ministry)?.map(str::to_string),
        sheet: super::given("--sheet", &args.sheet)?.map(str::to_string),
        round: super::given("--round", &args.round)?
            .map(|r| crate::parse::code("round", r).map(|c| c.to_string()))
            .transpose()?,
        progress: !ctx.quiet,
        today: Some(super::today()?),
        bulk_rows: bulk_rows(),
        diff: args.diff,
    };
    let several = args.files.len() > 1;
    // Each input's rejects file, checked before any file is read: it
    // replaces what it names.
    let rejects: Vec<Option<PathBuf>> = args
        .files
        .iter()
        .map(|path| {
            args.rejects
                .as_deref()
                .map(|r| rejects_path(r, path, several))
        })
        .collect();
    for (i, (path, dest)) in args.files.iter().zip(&rejects).enumerate() {
        let (Some(r), Some(dest)) = (args.rejects.as_deref(), dest) else {
            continue;
        };
        // Two inputs of one name (the same file twice, or `q1/x.csv
        // q2/x.csv`): the second's rejects file would replace the first's.
        if let Some(other) = rejects[..i].iter().position(|d| d.as_ref() == Some(dest)) {
            return Err(Error::Other(format!(
                "--rejects {}: {} and {} would both send their refused rows to {}; import them in separate runs, or rename one",
                r.display(),
                args.files[other].display(),
                path.display(),
                dest.display()
            )));
        }
        crate::export::file_target("--rejects", dest)?;
        ctx.not_the_database("--rejects", dest)?;
        if let Some(input) = args.files.iter().find(|f| super::same_place(f, dest)) {
            // With several inputs, the file is the given name with the
            // input's added: say so.
            let named = if dest == r {
                String::new()
            } else {
                format!(" (for {}: {})", path.display(), dest.display())
            };
            return Err(Error::Other(format!(
                "--rejects {}{named}: is the input file {}, which the refused rows would replace; give another file for them",
                r.display(),
                input.display()
            )));
        }
    }
    let quiet = ctx.quiet;
    let store = ctx.store()?;
    let files = Files {
        args: &args,
        rejects: &rejects,
        opts: &opts,
        format,
        quiet,
    };
    // A dry run is one transaction for all files, rolled back at the end:
    // each file is checked against the files before it, as the real run
    // would.
    let reports = store.session(opts.commit, |s| files.import(s))?;
    if format == Format::Json {
        output::stdout_write(&output::json(&reports)?)?;
    }
    Ok(())
}

/// The files of one `import`, in order, and how to report them.
struct Files<'a> {
    args: &'a ImportArgs,
    /// Each input's rejects file, with `--rejects`.
    rejects: &'a [Option<PathBuf>],
    opts: &'a Options,
    format: Format,
    quiet: bool,
}

impl Files<'_> {
    /// Imports each file in turn, printing its line; stops at the first
    /// that fails, after listing its bad rows and the files not tried.
    fn import(&self, session: &mut Session<'_>) -> Result<Vec<Report>> {
        let files = &self.args.files;
        let mut reports: Vec<Report> = Vec::new();
        for (i, path) in files.iter().enumerate() {
            let opts = Options {
                rejects: self.rejects[i].clone(),
                ..self.opts.clone()
            };
            let quiet = self.quiet;
            let mut warn = |m: String| {
                if !quiet {
                    eprintln!("{m}");
                }
            };
            match import_into(session, path, &opts, &mut warn).and_then(|r| all_rejected(r, &opts))
            {
                Ok(report) => {
                    if self.format == Format::Text && !quiet {
                        output::stdout_write(&format!("{}\n", report.line()))?;
                        for c in report.changes.iter().flatten() {
                            let what = match c.reported_on {
                                Some(d) => format!("{} report {d}", c.code),
                                None => c.code.clone(),
                            };
                            output::stdout_write(&format!("  {what}: {}\n", c.summary()))?;
                        }
                    }
                    reports.push(report);
                }
                Err(e) => {
                    if let Error::Import { rows, bad_rows, .. } = &e {
                        for row in rows {
                            eprintln!("{row}");
                        }
                        if let Some(more) = crate::error::bad_rows_not_shown(rows, *bad_rows) {
                            eprintln!("{more}");
                        }
                    }
                    let rest: Vec<String> = files[i + 1..]
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    if !rest.is_empty() {
                        eprintln!("not imported (an earlier file failed): {}", rest.join(", "));
                    }
                    if self.format == Format::Json && !reports.is_empty() {
                        output::stdout_write(&output::json(&reports)?)?;
                    }
                    return Err(e);
                }
            }
        }
        Ok(reports)
    }
}

/// A file whose every row was refused under `--skip-invalid` imported
/// nothing: that is a failure (exit 1), not a success with nothing in it.
fn all_rejected(report: Report, opts: &Options) -> Result<Report> {
    if report.rows == 0 || u64::try_from(report.rejected).is_ok_and(|r| r < report.rows) {
        return Ok(report);
    }
    let rejects = match &opts.rejects {
        Some(r) => format!("; each is in {} with its reason", r.display()),
        None => String::new(),
    };
    Err(Error::Other(format!(
        "{}: every row was refused ({} of {}), so nothing was imported{rejects}",
        report.file, report.rejected, report.rows
    )))
}

/// The fewest rows left in a file for a bulk load, when the hidden
/// environment variable `POLICY_TRACK_BULK_ROWS` gives it (tests use a
/// small file; a very large value turns bulk loads off, for measuring).
fn bulk_rows() -> Option<u64> {
    std::env::var("POLICY_TRACK_BULK_ROWS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

/// The rejects file of `input`: `rejects` itself for a single input; with
/// several inputs, `rejects` with the input's name added before the
/// extension (`bad.csv` → `bad-esm-5-measures.csv`), so that none overwrites
/// another.
fn rejects_path(rejects: &Path, input: &Path, several: bool) -> PathBuf {
    if !several {
        return rejects.to_path_buf();
    }
    let stem = rejects
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let input_stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match rejects.extension() {
        Some(ext) => format!("{stem}-{input_stem}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{input_stem}"),
    };
    rejects.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_path_names_each_input_when_there_are_several() {
        let r = Path::new("out/bad.csv");
        assert_eq!(
            rejects_path(r, Path::new("a/x.csv"), false),
            PathBuf::from("out/bad.csv")
        );
        assert_eq!(
            rejects_path(r, Path::new("a/x.csv"), true),
            PathBuf::from("out/bad-x.csv")
        );
        assert_eq!(
            rejects_path(Path::new("bad"), Path::new("y.tsv"), true),
            PathBuf::from("bad-y")
        );
    }
}
