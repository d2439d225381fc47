//! `import`: load measures, updates or meetings files, each all or nothing,
//! and print one summary line per file (or a JSON array).

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::cli::{Format, ImportArgs, ImportKind};
use crate::error::{Error, Result};
use crate::import::{decode, import_file, reader, Kind, Options, Report};
use crate::output;

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
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        rejects: None,
        ministry: super::given("--ministry", &args.ministry)?.map(str::to_string),
        progress: !ctx.quiet,
        today: Some(super::today()?),
    };
    let several = args.files.len() > 1;
    if let Some(r) = args.rejects.as_deref() {
        // Before any file is read: the rejects file replaces what it names.
        for path in &args.files {
            let rejects = rejects_path(r, path, several);
            if let Some(input) = args.files.iter().find(|f| same_file(f, &rejects)) {
                return Err(Error::Other(format!(
                    "--rejects {}: is the input file {}, which the refused rows would replace; give another file for them",
                    rejects.display(),
                    input.display()
                )));
            }
        }
    }
    if args.dry_run && several {
        ctx.notice(
            "note: --dry-run rolls each file back before the next: each is checked against the database as it is, without the files before it",
        );
    }
    let quiet = ctx.quiet;
    let mut reports: Vec<Report> = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        let opts = Options {
            rejects: args
                .rejects
                .as_deref()
                .map(|r| rejects_path(r, path, several)),
            ..opts.clone()
        };
        let store = ctx.store()?;
        let mut warn = |m: String| {
            if !quiet {
                eprintln!("{m}");
            }
        };
        match import_file(store, path, &opts, &mut warn) {
            Ok(report) => {
                if format == Format::Text && !quiet {
                    output::stdout_write(&format!("{}\n", report.line()))?;
                }
                reports.push(report);
            }
            Err(e) => {
                if let Error::Import { rows, .. } = &e {
                    for row in rows {
                        eprintln!("{row}");
                    }
                }
                let rest: Vec<String> = args.files[i + 1..]
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                if !rest.is_empty() {
                    eprintln!("not imported (an earlier file failed): {}", rest.join(", "));
                }
                if format == Format::Json && !reports.is_empty() {
                    output::stdout_write(&output::json(&reports)?)?;
                }
                return Err(e);
            }
        }
    }
    if format == Format::Json {
        output::stdout_write(&output::json(&reports)?)?;
    }
    Ok(())
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

/// Whether `a` and `b` name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
