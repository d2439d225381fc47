//! One module per command, each `run(args, &mut Ctx)`. A command reads like a
//! short script: check the arguments with `crate::parse`, call the store,
//! render.

mod add_measure;
mod add_meeting;
mod agency;
mod assess;
mod category;
mod completions;
mod config;
mod db;
mod edit;
mod export;
mod import;
mod init;
mod list;
mod log;
mod meetings;
mod report;
mod round;
mod show;
mod update_status;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{
    AgencyCommand, CategoryCommand, Cli, Command, DbCommand, Format, ImportsCommand, Lang,
    RoundCommand,
};
use crate::error::{Error, InputError, Result};
use crate::store::{is_server_url, Store};

/// What every command shares: the database (opened on first use), the output
/// format and whether to be quiet.
pub struct Ctx {
    pub db_path: Option<PathBuf>,
    pub format: Option<Format>,
    pub quiet: bool,
    /// The language of what people read (`--lang`, `POLICY_TRACK_LANG`).
    pub lang: Lang,
    /// The width text tables fit: the terminal's, `None` for a pipe, a
    /// file or `--wide`.
    pub width: Option<usize>,
    /// A command that only reads: a SQLite file that does not exist is an
    /// error pointing to `init`, not an empty database created to be read.
    reads_only: bool,
    store: Option<Store>,
}

impl Ctx {
    /// The database, opened and migrated on first use. Prints a one-line
    /// notice on stderr when migrations were applied.
    pub fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            let store = self.open(true)?;
            self.store = Some(store);
        }
        Ok(self.store.as_mut().expect("opened just above"))
    }

    /// Opens the database, applying pending migrations only if `migrate`.
    pub fn open(&self, migrate: bool) -> Result<Store> {
        let path = self.db_path()?;
        if self.reads_only && !is_server_url(&path.to_string_lossy()) && !is_file(&path) {
            return Err(Error::Db {
                path: path.display().to_string(),
                message: "no such file; `policy-track init` creates one".into(),
            });
        }
        let mut opened = Store::open_with(&path, config::open_options(migrate))
            .map_err(|e| e.with_remedy(config::NOT_OURS_REMEDY))?;
        opened.store.record_on(fixed_today()?);
        if !opened.applied.is_empty() && !self.quiet {
            // The version as `init`, `db migrate` and `db status` spell it:
            // the migration's name without its dashes and description.
            let version: String = opened
                .applied
                .last()
                .map(String::as_str)
                .unwrap_or("")
                .split('_')
                .next()
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            eprintln!(
                "policy-track: applied {} migration{} to {} (schema version {version})",
                opened.applied.len(),
                if opened.applied.len() == 1 { "" } else { "s" },
                path.display(),
            );
        }
        Ok(opened.store)
    }

    /// Where the database is (`--db`, the environment, the default).
    pub fn db_path(&self) -> Result<PathBuf> {
        config::db_path(self.db_path.as_deref())
    }

    /// The requested format if this command supports it, else the first
    /// supported one (the default).
    pub fn format(&self, command: &str, supported: &[Format]) -> Result<Format> {
        match self.format {
            None => Ok(supported[0]),
            Some(f) if supported.contains(&f) => Ok(f),
            // A value outside the command's fixed list: a usage error.
            Some(f) => Err(Error::Usage(format!(
                "{command} cannot print --format \"{}\": expected {}",
                f.name(),
                supported
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            ))),
        }
    }

    /// A notice for people (stderr), silenced by --quiet.
    pub fn notice(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// Refuses a file to write (`-o`, `--rejects`) that is the SQLite
    /// database or one of the files SQLite keeps beside it (`-wal`, `-shm`,
    /// `-journal`): renamed into place, an export would replace the data.
    /// `what` is the option, for the message.
    pub fn not_the_database(&self, what: &str, path: &Path) -> Result<()> {
        let Ok(db) = self.db_path() else {
            // Opening the database will say what is wrong with it.
            return Ok(());
        };
        if db.to_str().is_some_and(is_server_url) {
            return Ok(());
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = db.clone().into_os_string();
            file.push(suffix);
            if same_place(path, Path::new(&file)) {
                let what_it_is = if suffix.is_empty() {
                    format!("is the database {}", db.display())
                } else {
                    format!(
                        "is {}, a file of the database {}",
                        Path::new(&file).display(),
                        db.display()
                    )
                };
                return Err(Error::Other(format!(
                    "{what} {}: {what_it_is}, which the output would replace; give another file",
                    path.display(),
                )));
            }
        }
        Ok(())
    }
}

/// Whether `path` names something on disk (any kind: opening it says what
/// is wrong with a folder), or SQLite's in-memory database.
fn is_file(path: &Path) -> bool {
    path.exists() || path.as_os_str() == ":memory:"
}

/// Whether `a` and `b` name one file (existing or to be written), through
/// `..`, links and relative paths.
pub fn same_place(a: &Path, b: &Path) -> bool {
    matches!((location(a), location(b)), (Some(x), Some(y)) if x == y)
}

/// Where `path` is, whether or not the file exists yet: the file resolved
/// through links when it exists, else its folder's resolved path and its
/// name. `None` when neither resolves (the write will report it).
fn location(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(dir.canonicalize().ok()?.join(name))
}

/// Prints the code of what `command` added: a line, or `{"code": …}` with
/// `--format json`.
pub fn print_code(ctx: &Ctx, command: &str, code: &str) -> Result<()> {
    match ctx.format(command, &[Format::Text, Format::Json])? {
        Format::Json => {
            crate::output::stdout_write(&crate::output::json(&serde_json::json!({ "code": code }))?)
        }
        _ => crate::output::stdout_write(&format!("{code}\n")),
    }
}

/// Today, or `POLICY_TRACK_TODAY` when set (for reproducible scripts and tests).
pub fn today() -> Result<NaiveDate> {
    Ok(fixed_today()?.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// `POLICY_TRACK_TODAY`, when set: the day commands take for today, and
/// record their writes on.
fn fixed_today() -> Result<Option<NaiveDate>> {
    match std::env::var("POLICY_TRACK_TODAY") {
        Ok(s) if !s.trim().is_empty() => crate::parse::date(&s)
            .map(Some)
            .map_err(|e| Error::Other(format!("POLICY_TRACK_TODAY: {e}"))),
        _ => Ok(None),
    }
}

/// An optional free-text argument (a description, a note): trimmed, empty
/// meaning none.
pub fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// An optional argument that names or filters something (a date, a code,
/// a ministry): trimmed; given empty it is an error, not the same as left
/// out, so that a script's unset variable (`--on "$DAY"`) does not quietly
/// mean today or every measure.
pub fn given<'a>(flag: &str, s: &'a Option<String>) -> Result<Option<&'a str>> {
    match s.as_deref().map(str::trim) {
        Some("") => Err(InputError::new(
            format!("empty {flag}"),
            s.as_deref().unwrap_or(""),
            format!("a value, or no {flag} at all"),
        )
        .into()),
        other => Ok(other),
    }
}

/// The date given to `flag`, named in the error (`--since: unrecognized
/// date "yesterday": expected …`).
pub fn flag_date(flag: &str, s: &str) -> Result<NaiveDate> {
    flag_value(flag, s, crate::parse::date)
}

/// The number of days given to `flag`, named in the error.
pub fn flag_days(flag: &str, s: &str) -> Result<u32> {
    flag_value(flag, s, crate::parse::days)
}

/// The due date or period given to `flag`, named in the error.
pub fn flag_due(flag: &str, s: &str) -> Result<NaiveDate> {
    flag_value(flag, s, crate::parse::due)
}

/// The progress given to `flag`, named in the error.
pub fn flag_progress(flag: &str, s: &str) -> Result<i32> {
    flag_value(flag, s, crate::parse::progress)
}

/// `s` given to `flag`, read by `parse`; the error names the flag.
fn flag_value<T>(
    flag: &str,
    s: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, InputError>,
) -> Result<T> {
    parse(s).map_err(|e| {
        InputError {
            why: format!("{flag}: {}", e.why),
            ..e
        }
        .into()
    })
}

/// A required text argument: trimmed and not empty.
pub fn required<'a>(what: &str, s: &'a str) -> Result<&'a str> {
    let t = s.trim();
    if t.is_empty() {
        return Err(
            InputError::new(format!("empty {what}"), s, format!("a non-empty {what}")).into(),
        );
    }
    Ok(t)
}

pub fn run(cli: Cli) -> Result<()> {
    let mut ctx = Ctx {
        db_path: cli.db,
        format: match (cli.format, cli.command.format()) {
            (Some(_), Some(_)) => {
                return Err(Error::Usage(
                    "--format is given both before and after the command's name; give it once"
                        .into(),
                ))
            }
            (before, after) => after.or(before),
        },
        quiet: cli.quiet,
        lang: config::lang(cli.lang)?,
        width: match cli.wide {
            true => None,
            false => crate::output::terminal_width(),
        },
        reads_only: matches!(
            cli.command,
            Command::Meetings(_)
                | Command::Log(_)
                | Command::Imports(ImportsCommand::List(_) | ImportsCommand::Show { .. })
                | Command::List(_)
                | Command::Show(_)
                | Command::Report(_)
                | Command::Round(RoundCommand::List(_) | RoundCommand::Show(_))
                | Command::Export(_)
                | Command::Db(DbCommand::Status(_))
                | Command::Category(CategoryCommand::List(_))
                | Command::Agency(AgencyCommand::List(_))
        ),
        store: None,
    };
    match cli.command {
        Command::Init(_) => init::run(&mut ctx),
        Command::Db(cmd) => db::run(cmd, &mut ctx),
        Command::AddMeeting(args) => add_meeting::run(args, &mut ctx),
        Command::AddMeasure(args) => add_measure::run(args, &mut ctx),
        Command::UpdateStatus(args) => update_status::run(args, &mut ctx),
        Command::Retract(args) => edit::retract(args, &mut ctx),
        Command::Assess(args) => assess::run(args, &mut ctx),
        Command::EditMeasure(args) => edit::measure(args, &mut ctx),
        Command::ReviseDue(args) => edit::revise_due(args, &mut ctx),
        Command::EditMeeting(args) => edit::meeting(args, &mut ctx),
        Command::RemoveMeasure(args) => edit::remove(args, &mut ctx),
        Command::Log(args) => log::run(args, &mut ctx),
        Command::Imports(cmd) => log::imports(cmd, &mut ctx),
        Command::Meetings(_) => meetings::run(&mut ctx),
        Command::List(args) => list::run(args, &mut ctx),
        Command::Show(args) => show::run(args, &mut ctx),
        Command::Import(args) => import::run(args, &mut ctx),
        Command::Export(cmd) => export::run(cmd, &mut ctx),
        Command::Report(args) => report::run(args, &mut ctx),
        Command::Round(cmd) => round::run(cmd, &mut ctx),
        Command::Category(cmd) => category::run(cmd, &mut ctx),
        Command::Agency(cmd) => agency::run(cmd, &mut ctx),
        Command::Completions { shell } => completions::run(shell),
    }
}
