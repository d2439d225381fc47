//! The command line: clap derive types only. Doc comments are the `--help`.
//!
//! Values with rules (dates, statuses, progress, codes, categories, agencies)
//! arrive as strings and are checked by `crate::parse` in the command, so a
//! bad value is "bad input" (exit 1), while a malformed command line is a usage
//! error (exit 2, clap's). A value outside a fixed list (`--kind`,
//! `--encoding`, `--delimiter`) is a malformed command line: clap refuses it
//! and lists the possible values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::import::{decode, reader};

/// Track government strategy meetings, the measures announced in them, and
/// every status report that follows.
///
/// Start with `policy-track init`, add a meeting and its measures (or import a
/// ministry's CSV), record status updates as they come, and print a report.
#[derive(Debug, Parser)]
#[command(name = "policy-track", version, propagate_version = true)]
#[command(after_help = "Examples:
  policy-track --db esm.db init
  policy-track --db esm.db add-meeting --code esm-5 --title '제5차 수출전략회의' --held-on 2023-06-01
  policy-track --db esm.db add-measure --meeting esm-5 --title '규제 개선' --category 규제개선 \\
      --ministry 기재부
  policy-track --db esm.db update-status esm-5-01 --status 추진중 --progress 40% --on 2023.12.29
  policy-track --db esm.db list --overdue --format json")]
pub struct Cli {
    /// The database file [default: $POLICY_TRACK_DB when set and not empty, else
    /// policy-track.db in the platform data directory].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// `--format` before the command's name, as it used to be given
    /// (`policy-track --format json list`): each command's own `--format`
    /// lists what it prints, and this one is checked against that list.
    #[arg(long = "format", hide = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Print nothing but data and errors (no notices or summaries).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// The language of what people read: headings, column names, status
    /// words [default: $POLICY_TRACK_LANG when set, else en]. JSON is the
    /// same in every language.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Show text tables whole on a terminal (by default long titles are cut
    /// with … to fit its width; a pipe or a file always gets them whole).
    #[arg(long, global = true)]
    pub wide: bool,

    #[command(subcommand)]
    pub command: Command,
}

pub use crate::output::Format;
pub use crate::words::Lang;

mod log;
mod report;
mod values;
pub use log::{
    AssessArgs, EditMeasureArgs, EditMeetingArgs, ImportsCommand, LogArgs, RemoveMeasureArgs,
    RetractArgs, ReviseDueArgs,
};
pub use report::{Against, ReportArgs, ReportKind, ReportOut, ReportScope, StaleDays, View};
use values::Listed;
pub use values::{Tabular, TextJson};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (idempotent) and print its path and schema version.
    #[command(after_help = "Examples:
  policy-track --db esm-5.db init")]
    Init(TextJson),

    /// Inspect and maintain the database: path, migrations, backup.
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track db path
  policy-track db status
  policy-track db backup esm-5-backup.db"
    )]
    Db(DbCommand),

    /// Add a meeting.
    #[command(after_help = "Examples:
  policy-track add-meeting --code esm-5 --title '제5차 수출전략회의' --held-on 2023.6.1 \\
      --location '서울창업허브 M+' --chair 대통령")]
    AddMeeting(AddMeetingArgs),

    /// Add a measure announced at a meeting; prints its code.
    ///
    /// Without --code the next free `<meeting>-NN` is used (or `<parent>-N`
    /// for a sub-measure).
    #[command(after_help = "Examples:
  policy-track add-measure --meeting esm-5 --title '바이오 특화 초고성능 컴퓨터 구축' \\
      --category infrastructure --ministry 과기정통부 --parent esm-5-04 --due '2024년 하반기'")]
    AddMeasure(AddMeasureArgs),

    /// Record a status report for a measure (appends to its history).
    ///
    /// A report for a date that already has one replaces it. An older report
    /// arriving after a newer one goes into the history without changing the
    /// current status.
    #[command(after_help = "Examples:
  policy-track update-status esm-5-03 --status 추진중 --progress 40% --on 2023.12.29 \\
      --by 과기정통부 --note '공동연구 착수'")]
    UpdateStatus(UpdateStatusArgs),

    /// Take a mistaken report out of the history; it stays in the log with the reason.
    ///
    /// The measure's current status is worked out again from the reports
    /// left. A new report for that date can be recorded as usual.
    #[command(after_help = "Examples:
  policy-track retract esm-5-03 --on 2032-06-30 --reason '연도 오기 (2023)'")]
    Retract(RetractArgs),

    /// Record the office's word on a report: confirmed, or disputed with its own reading.
    ///
    /// The measure's latest report unless --on names another. A changed
    /// assessment keeps the earlier one in the log; it is dated today, so a
    /// report --as-of an earlier day counts the one that stood then.
    #[command(after_help = "Examples:
  policy-track assess esm-5-03 --confirmed
  policy-track assess esm-5-03 --on 2024-06-30 --disputed --status 지연 --progress 30 \\
      --note '공문상 착공 전'")]
    Assess(AssessArgs),

    /// Change a measure's title, description, category, lead ministry, parent, lineage or due date.
    ///
    /// Only the fields given change; each change is kept in the log with its
    /// old value. An empty value clears an optional field (--description '',
    /// --ministry '', --parent '', --continues ''). A new due date (--due,
    /// with --reason) is a revision, as with `revise-due`.
    #[command(after_help = "Examples:
  policy-track edit-measure esm-5-03 --ministry 산업부
  policy-track edit-measure esm-5-03 --title '바이오 특화 초고성능 컴퓨터 구축' --description ''")]
    EditMeasure(EditMeasureArgs),

    /// Move a measure's due date: a revision, kept with the day it was decided and the reason.
    ///
    /// The measure keeps its first due date as its original (`show`);
    /// `report overdue --against original` and the summary's `slipped`
    /// compare with it. As of a day before --on, the due date is the one
    /// before the revision.
    #[command(after_help = "Examples:
  policy-track revise-due esm-5-03 --to 2025-06-30 --reason '예타 일정 지연' --on 2024-11-15")]
    ReviseDue(ReviseDueArgs),

    /// Change a meeting's title, date, location, chair or source.
    ///
    /// Only the fields given change; each change is kept in the log. An
    /// empty value clears an optional field (--location '').
    #[command(after_help = "Examples:
  policy-track edit-meeting esm-5 --held-on 2023-06-01 --chair 대통령")]
    EditMeeting(EditMeetingArgs),

    /// Remove a measure and its reports; both stay in the log with the reason.
    ///
    /// Refused while the measure has sub-measures.
    #[command(after_help = "Examples:
  policy-track remove-measure esm-5-12 --reason '중복 등록 (esm-5-11과 같은 과제)'")]
    RemoveMeasure(RemoveMeasureArgs),

    /// Show the change log: what changed, when, by what, the old and the new value.
    ///
    /// Rows an import created are known by its id (`imports show ID`).
    #[command(after_help = "Examples:
  policy-track log esm-5-03
  policy-track log --since 2024-07-01 --format csv
  policy-track log --import 4 --format json")]
    Log(LogArgs),

    /// List the imports, show one with its changes, or undo one.
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track imports list
  policy-track imports show 4
  policy-track imports undo 4"
    )]
    Imports(ImportsCommand),

    /// List meetings with their measures counted per status.
    #[command(after_help = "Examples:
  policy-track meetings")]
    Meetings(Tabular),

    /// List measures, narrowed by any of the filters.
    #[command(after_help = "Examples:
  policy-track list --meeting esm-5 --status delayed
  policy-track list --ministry 복지부 --overdue
  policy-track list --stale 90 --format csv")]
    List(ListArgs),

    /// Show one measure with its full history, or one meeting with its measures.
    #[command(after_help = "Examples:
  policy-track show esm-5-04-1 --format json")]
    Show(ShowArgs),

    /// Load CSV files that ministries send: measures, status updates or meetings.
    ///
    /// Each file is checked whole and written in one transaction: a bad row
    /// writes nothing of its file and is listed as `file:line: column: value:
    /// reason`. Importing the same file again changes nothing.
    #[command(after_help = "Examples:
  policy-track import examples/esm-5-measures.csv examples/esm-5-updates-2023q4.csv
  policy-track import 복지부-2024Q2.csv --ministry 복지부 --dry-run
  policy-track import report.csv --encoding cp949 --skip-invalid --rejects 반려.csv")]
    Import(ImportArgs),

    /// Write measures, updates or meetings as CSV, or a template for a ministry to fill in.
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track export measures -o measures.csv
  policy-track export updates --meeting esm-5 --excel -o esm-5-history.csv
  policy-track export template --ministry 복지부 --korean-headers --excel -o 복지부-2024Q2.csv"
    )]
    Export(ExportCommand),

    /// Progress reports: summary (default), overdue, stale, changes, review, timeline.
    ///
    /// Every figure is computed from the status history as it stood on
    /// --as-of (default today).
    #[command(after_help = "Examples:
  policy-track report --as-of 2024-06-30
  policy-track report --format html -o 2024Q2.html
  policy-track report stale --days 60 --ministry 복지부
  policy-track report changes --since 2024-04-01 --format markdown
  policy-track report timeline esm-5-02")]
    Report(ReportArgs),

    /// Reporting rounds: ask the ministries for reports as of a date, by a due date, and follow up.
    ///
    /// A round freezes its request list when it opens: every measure open on
    /// --as-of, of a meeting held by then, with its lead ministry. Reports
    /// answer it through `import --round`, a round's template, or
    /// `update-status --round`.
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track round open 2024q2 --as-of 2024-06-30 --due 2024-07-10 --title '2024년 2분기 점검'
  policy-track round show 2024q2 --format html -o 2024q2.html
  policy-track round close 2024q2

Templates for it: `policy-track export template --round 2024q2 --all -o 2024q2/`;
answers: `policy-track import 2024q2-MOHW.csv`, `update-status CODE ... --round 2024q2`."
    )]
    Round(RoundCommand),

    /// List or add categories (policy areas).
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track category list
  policy-track category add --code semiconductors --ko 반도체 --en Semiconductors"
    )]
    Category(CategoryCommand),

    /// List or add agencies (ministries) and their aliases.
    #[command(
        subcommand,
        after_help = "Examples:
  policy-track agency list
  policy-track agency alias 기재부 재정부"
    )]
    Agency(AgencyCommand),

    /// Print shell completions.
    #[command(after_help = "Examples:
  policy-track completions bash > ~/.local/share/bash-completion/completions/policy-track")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Print the database path.
    #[command(after_help = "Examples:
  policy-track db path")]
    Path(TextJson),
    /// List migrations, applied and pending.
    #[command(after_help = "Examples:
  policy-track db status")]
    Status(TextJson),
    /// Apply pending migrations.
    #[command(after_help = "Examples:
  policy-track db migrate")]
    Migrate,
    /// Revert the newest applied migration (the next command applies it again).
    #[command(after_help = "Examples:
  policy-track db revert")]
    Revert,
    /// Write a consistent copy of the database to FILE, even while others write.
    #[command(after_help = "Examples:
  policy-track db backup esm-5-backup.db")]
    Backup {
        /// Where to write the copy (must not exist).
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AddMeetingArgs {
    /// Unique lower-case code, e.g. esm-5.
    #[arg(long)]
    pub code: String,
    /// Title, e.g. '제5차 수출전략회의'.
    #[arg(long, allow_hyphen_values = true)]
    pub title: String,
    /// The day it was held: 2023-06-01, 2023.6.1, 20230601, 2023년 6월 1일.
    #[arg(long, value_name = "DATE")]
    pub held_on: String,
    /// Where it was held, e.g. '서울창업허브 M+'.
    #[arg(long, allow_hyphen_values = true)]
    pub location: Option<String>,
    /// Who chaired it, e.g. 대통령.
    #[arg(long, allow_hyphen_values = true)]
    pub chair: Option<String>,
    /// Where it is documented (URL or document name).
    #[arg(long, allow_hyphen_values = true)]
    pub source: Option<String>,
    #[command(flatten)]
    pub out: TextJson,
}

#[derive(Debug, Args)]
pub struct AddMeasureArgs {
    /// The meeting's code.
    #[arg(long)]
    pub meeting: String,
    /// The measure's title, e.g. '불합리한 규제 해소'.
    #[arg(long, allow_hyphen_values = true)]
    pub title: String,
    /// Category code, Korean or English name (see `policy-track category list`).
    #[arg(long)]
    pub category: String,
    /// Lead ministry: code, name or alias, e.g. MSIT, 과학기술정보통신부, 과기정통부
    /// [default: none, as an imported measure may have none].
    #[arg(long)]
    pub ministry: Option<String>,
    /// The code [default: next free <meeting>-NN, or <parent>-N].
    #[arg(long)]
    pub code: Option<String>,
    /// The parent measure, making this a sub-measure.
    #[arg(long, value_name = "CODE")]
    pub parent: Option<String>,
    /// Due date, or a period meaning its last day: 2024-12, 2024-Q4, 2024-H2, 2024년 하반기, 2024.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// What the measure is about, in a few sentences (empty: none).
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
    /// The measure of an earlier meeting this one continues (re-announced, expanded).
    #[arg(long, value_name = "CODE")]
    pub continues: Option<String>,
    #[command(flatten)]
    pub out: TextJson,
}

#[derive(Debug, Args)]
pub struct UpdateStatusArgs {
    /// The measure's code.
    pub code: String,
    /// planned, in-progress, completed, delayed, dropped, or a Korean alias (추진중, 완료, 지연 ...).
    #[arg(long)]
    pub status: String,
    /// Whole percent 0–100: 40, 40%, 33.3 (rounded).
    #[arg(long, allow_hyphen_values = true)]
    pub progress: Option<String>,
    /// The day the report speaks of [default: today].
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// The reporting agency (code, name or alias).
    #[arg(long, value_name = "AGENCY")]
    pub by: Option<String>,
    /// What was done, as the ministry wrote it, e.g. '1차 개선안 마련' (empty: none).
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Where the report can be checked: a URL or a document reference, e.g. '산업부 공문 2024-123' (empty: none).
    #[arg(long, allow_hyphen_values = true)]
    pub evidence: Option<String>,
    /// The reporting round the report answers (`round list` shows them).
    #[arg(long, value_name = "CODE")]
    pub round: Option<String>,
    #[command(flatten)]
    pub out: TextJson,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this meeting's measures.
    #[arg(long)]
    pub meeting: Option<String>,
    /// Only measures in this status (code or Korean alias).
    #[arg(long)]
    pub status: Option<String>,
    /// Only this category (code or name).
    #[arg(long)]
    pub category: Option<String>,
    /// Only this lead ministry (code, name or alias).
    #[arg(long)]
    pub ministry: Option<String>,
    /// Only open measures whose due date has passed.
    #[arg(long)]
    pub overdue: bool,
    /// Only open measures with no report in more than DAYS days (a measure
    /// never reported on counts from its meeting's date).
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    pub stale: Option<String>,
    /// Only measures due on or before DATE (a date or a period such as 2024-Q2).
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    #[command(flatten)]
    pub out: Tabular,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A measure code (esm-5-03) or a meeting code (esm-5).
    pub code: String,
    #[command(flatten)]
    pub out: Tabular,
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// List categories.
    #[command(after_help = "Examples:
  policy-track category list")]
    List(Tabular),
    /// Add a category.
    #[command(after_help = "Examples:
  policy-track category add --code semiconductors --ko 반도체 --en Semiconductors")]
    Add {
        /// Lower-case code: letters, digits and single hyphens, e.g. semiconductors.
        #[arg(long)]
        code: String,
        /// Korean name, e.g. 반도체.
        #[arg(long)]
        ko: String,
        /// English name, e.g. Semiconductors.
        #[arg(long)]
        en: String,
        #[command(flatten)]
        out: TextJson,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// List agencies with their aliases.
    ///
    /// Aliases are shown as stored (lower case, without white space), in
    /// alphabetical order: all of them in JSON (`aliases`) and CSV (one
    /// column, joined with "; "); the text table leaves out those that only
    /// repeat the code or a name.
    #[command(after_help = "Examples:
  policy-track agency list")]
    List(Tabular),
    /// Add an agency.
    #[command(after_help = "Examples:
  policy-track agency add --code BUSAN --ko 부산광역시 --en 'Busan Metropolitan City' \\
      --alias 부산시 --alias 부산")]
    Add {
        /// Up to 32 letters, digits, - or _ (shown upper-case), e.g. BUSAN.
        #[arg(long)]
        code: String,
        /// Korean name, used in every output, e.g. 부산광역시.
        #[arg(long)]
        ko: String,
        /// English name, e.g. 'Busan Metropolitan City'.
        #[arg(long)]
        en: String,
        /// Another spelling that should mean this agency (repeatable).
        #[arg(long)]
        alias: Vec<String>,
        #[command(flatten)]
        out: TextJson,
    },
    /// Add aliases to an existing agency.
    #[command(after_help = "Examples:
  policy-track agency alias 과학기술정보통신부 과학부")]
    Alias {
        /// The agency, by any of its spellings.
        agency: String,
        /// The new aliases.
        #[arg(required = true)]
        aliases: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// Tell from the headers (see the README).
    Auto,
    /// Meetings and measures, with a status update where a row carries a status.
    Measures,
    /// Status updates of existing measures.
    Updates,
    /// Meetings only.
    Meetings,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV files (UTF-8, UTF-8 with BOM, CP949/EUC-KR, UTF-16 with BOM) or workbooks (.xlsx, .xlsm, .xls, .ods).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// What the files hold.
    #[arg(long, value_enum, default_value = "auto")]
    pub kind: ImportKind,
    /// The files' encoding: auto, utf-8, cp949 (also euc-kr), utf-16 (also utf-16le, utf-16be).
    #[arg(long, default_value = "auto", hide_possible_values = true, value_parser = Listed {
        accepts: |s| decode::parse_choice(s).is_ok(),
        names: &["auto", "utf-8", "cp949", "euc-kr", "utf-16", "utf-16le", "utf-16be"],
    })]
    pub encoding: String,
    /// The field delimiter: auto, ',', ';' or tab.
    #[arg(long, default_value = "auto", hide_possible_values = true, value_parser = Listed {
        accepts: |s| reader::parse_delimiter(s).is_ok(),
        names: &["auto", "comma", "semicolon", "tab"],
    })]
    pub delimiter: String,
    /// Check everything and say what would change, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// List per measure and meeting the stored fields and reports the files
    /// change, old → new (with --dry-run: would change).
    #[arg(long)]
    pub diff: bool,
    /// Write the good rows and send the bad ones to --rejects.
    #[arg(long, requires = "rejects")]
    pub skip_invalid: bool,
    /// With --skip-invalid: where to write the bad rows, unchanged, with a `reason` column.
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    /// The reporting agency for rows that do not name one.
    #[arg(long)]
    pub ministry: Option<String>,
    /// The reporting round the reports answer (a round's template names its own).
    #[arg(long, value_name = "CODE")]
    pub round: Option<String>,
    /// The sheet of a workbook to read (default: the first with a header row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub out: TextJson,
}

#[derive(Debug, Args)]
pub struct ExportFilter {
    /// Write to FILE instead of standard output (the file appears only once complete).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this meeting.
    #[arg(long)]
    pub meeting: Option<String>,
    /// Only measures of this lead ministry (code, name or alias; `none`: those without one).
    #[arg(long)]
    pub ministry: Option<String>,
    /// For Excel: UTF-8 with BOM, CRLF, and cells that start with = + - @ tab or CR prefixed with '.
    #[arg(long)]
    pub excel: bool,
    /// Write a workbook (.xlsx) with typed cells; also when -o ends in .xlsx. Needs -o.
    #[arg(long, conflicts_with = "excel")]
    pub xlsx: bool,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The ministry whose open measures to list (code, name or alias), or
    /// `none` for the measures no ministry leads.
    #[arg(long, required_unless_present = "all", conflicts_with = "all")]
    pub ministry: Option<String>,
    /// The measures a reporting round asked of the ministry, dated its as-of date, the round in the file.
    #[arg(long, value_name = "CODE")]
    pub round: Option<String>,
    /// With --round: one file per ministry asked, `<round>-<ministry code>.csv`, in the folder -o names.
    #[arg(long, requires_all = ["round", "output"])]
    pub all: bool,
    /// Fill in reported_on with DATE (a row sent back unchanged says the status stands on DATE).
    #[arg(long, value_name = "DATE", conflicts_with = "round")]
    pub as_of: Option<String>,
    /// Only this meeting's measures.
    #[arg(long)]
    pub meeting: Option<String>,
    /// Write to FILE instead of standard output (the file appears only once complete).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// For Excel: UTF-8 with BOM, CRLF, and cells that start with = + - @ tab or CR prefixed with '.
    #[arg(long)]
    pub excel: bool,
    /// Write a workbook (.xlsx) with typed cells; also when -o ends in .xlsx. Needs -o.
    #[arg(long, conflicts_with = "excel")]
    pub xlsx: bool,
    /// Korean headers (과제코드, 과제명, 기준일, 추진상황, 진척률, 비고).
    #[arg(long)]
    pub korean_headers: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Meetings and measures with their current status and note (the measures file).
    ///
    /// Columns: meeting_code, meeting_date, meeting_title, measure_code,
    /// parent_code, title, description, category, lead_ministry, due_date,
    /// status, progress, status_date, note.
    #[command(after_help = "Examples:
  policy-track export measures --meeting esm-5 --excel -o esm-5-measures.csv")]
    Measures(ExportFilter),
    /// The full status history (the updates file).
    ///
    /// Columns: measure_code, reported_on, status, progress, reported_by, note.
    /// --meeting and --ministry select the measures whose history is written.
    #[command(after_help = "Examples:
  policy-track export updates --meeting esm-5 -o esm-5-updates.csv")]
    Updates(ExportFilter),
    /// Meetings.
    ///
    /// Columns: code, title, held_on, location, chair, source. --ministry
    /// keeps the meetings with at least one measure of that ministry.
    #[command(after_help = "Examples:
  policy-track export meetings -o meetings.csv")]
    Meetings(ExportFilter),
    /// A ministry's open measures as an updates file to fill in and send back.
    ///
    /// Columns: measure_code, title, reported_on (empty: fill in the date of
    /// the report; --as-of or the round's as-of date fill it in), status and
    /// progress (the current ones: change them), note (empty), and with
    /// --round the round it answers. It has no meeting_code column, so
    /// `import` reads it as an updates file; the title is there for the
    /// reader and is not imported.
    #[command(after_help = "Examples:
  policy-track export template --ministry 복지부 --excel -o 복지부-2024Q2.csv
  policy-track export template --round 2024q2 --ministry 복지부 --korean-headers -o 복지부-2024q2.csv
  policy-track export template --round 2024q2 --all -o 2024q2/")]
    Template(TemplateArgs),
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Open a round: freeze who is asked for what; prints the requests per ministry.
    #[command(after_help = "Examples:
  policy-track round open 2024q2 --as-of 2024-06-30 --due 2024-07-10 --meeting esm-5")]
    Open(RoundOpenArgs),
    /// Every round: as-of, due, requested, answered, response rate, open or closed.
    #[command(after_help = "Examples:
  policy-track round list --format csv")]
    List(Tabular),
    /// One round per ministry: requested, answered, missing measures, days late, state.
    #[command(after_help = "Examples:
  policy-track round show 2024q2
  policy-track round show 2024q2 --format html -o 2024q2.html")]
    Show(RoundShowArgs),
    /// Close a round: no more answers are linked to it.
    #[command(after_help = "Examples:
  policy-track round close 2024q2")]
    Close {
        /// The round's code.
        code: String,
    },
}

#[derive(Debug, Args)]
pub struct RoundOpenArgs {
    /// The round's code, e.g. 2024q2 (lowercase letters, digits and '-').
    pub code: String,
    /// The date the reports must speak of (기준일).
    #[arg(long, value_name = "DATE")]
    pub as_of: String,
    /// The reply deadline (not before --as-of).
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// What the round is, e.g. '2024년 2분기 점검'.
    #[arg(long)]
    pub title: Option<String>,
    /// Only this meeting's measures (repeatable) [default: every meeting].
    #[arg(long)]
    pub meeting: Vec<String>,
    /// Only this lead ministry's measures (repeatable) [default: every ministry].
    #[arg(long)]
    pub ministry: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RoundShowArgs {
    /// The round's code.
    pub code: String,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = values::formats(&[
        Format::Text, Format::Json, Format::Csv, Format::Markdown, Format::Html, Format::Xlsx,
    ]))]
    pub format: Option<Format>,
}
