//! The options of `report`: those every report shares (which measures,
//! as of when, where and how it is written) and each report's own.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::values::formats;
use super::Format;

/// `report`: the summary unless a report is named. The options of the
/// summary may also come before another report's name (`report --as-of D
/// overdue`); one that report does not take is refused
/// (`commands::report`).
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub kind: Option<ReportKind>,
    #[command(flatten)]
    pub scope: ReportScope,
    #[command(flatten)]
    pub out: ReportOut,
    #[command(flatten)]
    pub stale: StaleDays,
}

/// Which measures a report counts.
#[derive(Debug, Args, Default)]
pub struct ReportScope {
    /// Only these meetings (repeatable).
    #[arg(long)]
    pub meeting: Vec<String>,
    /// Only this lead ministry (code, name or alias).
    #[arg(long)]
    pub ministry: Option<String>,
    /// Whose word counts: `reported` (the ministries' reports as sent) or
    /// `assessed` (a disputed report with the office's status and progress)
    /// [default: reported].
    #[arg(long, value_enum, value_name = "VIEW")]
    pub view: Option<View>,
}

/// `--view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Reported,
    Assessed,
}

/// The date of a report and where and how it is written.
#[derive(Debug, Args, Default)]
pub struct ReportOut {
    /// Compute every figure from the history as it stood on DATE [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = formats(&[
        Format::Text, Format::Json, Format::Csv, Format::Markdown, Format::Html, Format::Xlsx,
    ]))]
    pub format: Option<Format>,
    /// With --format csv, for Excel: UTF-8 with BOM, CRLF, and cells that start with = + - @
    /// tab or CR prefixed with '.
    #[arg(long)]
    pub excel: bool,
}

/// The summary's stale threshold.
#[derive(Debug, Args, Default)]
pub struct StaleDays {
    /// An open measure with no report in more than DAYS days is stale [default: 90].
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    pub stale_days: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Per meeting, category and ministry: counts per status, completion rate, overdue, stale.
    ///
    /// Completion rate: completed ÷ (total − dropped), "-" when that is 0 ÷ 0. Overdue: open (not
    /// completed or dropped) with a due date before --as-of. Stale: open, and the last report
    /// (for a measure never reported on, its meeting) more than --stale-days days before --as-of.
    /// Sub-measures count as measures.
    #[command(after_help = "Examples:
  policy-track report summary --meeting esm-5 --as-of 2024-06-30")]
    Summary {
        #[command(flatten)]
        scope: ReportScope,
        #[command(flatten)]
        out: ReportOut,
        #[command(flatten)]
        stale: StaleDays,
    },
    /// Every overdue measure, most overdue first, with its original due date and revisions.
    #[command(after_help = "Examples:
  policy-track report overdue --meeting esm-5
  policy-track report overdue --against original")]
    Overdue {
        #[command(flatten)]
        scope: ReportScope,
        #[command(flatten)]
        out: ReportOut,
        /// The due date a measure is overdue against: its current one (as of
        /// --as-of), or its original, before any revision.
        #[arg(long, value_enum, default_value = "current")]
        against: Against,
    },
    /// Open measures with no report in more than --days days, grouped by ministry: whom to chase.
    #[command(after_help = "Examples:
  policy-track report stale --as-of 2024-06-30")]
    Stale {
        #[command(flatten)]
        scope: ReportScope,
        #[command(flatten)]
        out: ReportOut,
        /// An open measure with no report in more than DAYS days is stale (one silent exactly
        /// DAYS days is not) [default: 90].
        #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
        days: Option<String>,
    },
    /// Every status change reported in a window.
    // `--view` is refused here (`commands::report`): not shown.
    #[command(
        after_help = "Examples:
  policy-track report changes --since 2024-01-01 --until 2024-06-30",
        mut_arg("view", |a| a.hide(true))
    )]
    Changes {
        #[command(flatten)]
        scope: ReportScope,
        #[command(flatten)]
        out: ReportOut,
        /// First day of the window.
        #[arg(long, value_name = "DATE")]
        since: String,
        /// Last day of the window [default: --as-of].
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Reports to look at, each with its reasons; an assessed report leaves the list.
    ///
    /// Reasons: completed_below_100 (completed below 100 %), progress_back (below the
    /// measure's previous report), left_completed (the previous report was completed),
    /// not_lead_ministry (sent by another agency than the lead ministry), dated_ahead (dated
    /// after --as-of), before_meeting (dated before the measure's meeting), progress_jump
    /// (more than 50 points over the previous report). Every stored report not assessed by
    /// --as-of is looked at.
    // `--view` is refused here (`commands::report`): not shown.
    #[command(
        after_help = "Examples:
  policy-track report review
  policy-track report review --ministry 복지부 --format csv -o 검토.csv",
        mut_arg("view", |a| a.hide(true))
    )]
    Review {
        #[command(flatten)]
        scope: ReportScope,
        #[command(flatten)]
        out: ReportOut,
    },
    /// One measure's history (with --lineage, its chain's).
    #[command(after_help = "Examples:
  policy-track report timeline esm-5-02
  policy-track report timeline esm-7-01 --lineage")]
    Timeline {
        /// The measure's code.
        code: String,
        #[command(flatten)]
        out: ReportOut,
        /// The reports of its whole chain (the measures it continues and
        /// that continue it), oldest first, each with its measure's code.
        #[arg(long)]
        lineage: bool,
    },
}

/// `report overdue --against`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Against {
    /// The due date as of --as-of.
    Current,
    /// The first due date, before any revision.
    Original,
}
