//! The options of the commands that correct or judge the record and read
//! its log: `retract`, `assess`, `edit-measure`, `revise-due`, `edit-meeting`,
//! `remove-measure`, `log`, `imports`.

use clap::{Args, Subcommand};

use super::{Tabular, TextJson};

#[derive(Debug, Args)]
pub struct RetractArgs {
    /// The measure's code.
    pub code: String,
    /// The date of the report to take out.
    #[arg(long, value_name = "DATE")]
    pub on: String,
    /// Why, kept in the log.
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("verdict").required(true).args(["confirmed", "disputed"]))]
pub struct AssessArgs {
    /// The measure's code.
    pub code: String,
    /// The date of the report assessed [default: the measure's latest report].
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// The report stands as the ministry sent it.
    #[arg(long)]
    pub confirmed: bool,
    /// The office does not accept the report; --status and --progress give its own reading.
    #[arg(long)]
    pub disputed: bool,
    /// With --disputed: the status the office holds (code or Korean alias) [default: as reported].
    #[arg(long)]
    pub status: Option<String>,
    /// With --disputed: the progress the office holds, whole percent 0–100 [default: as reported].
    #[arg(long, allow_hyphen_values = true)]
    pub progress: Option<String>,
    /// Why, in the office's words (empty: none).
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    #[command(flatten)]
    pub out: TextJson,
}

#[derive(Debug, Args)]
pub struct EditMeasureArgs {
    /// The measure's code.
    pub code: String,
    /// The new title (not empty).
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// Empty: none.
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
    /// Code or name.
    #[arg(long)]
    pub category: Option<String>,
    /// The lead ministry (code, name or alias); empty: none.
    #[arg(long, value_name = "AGENCY")]
    pub ministry: Option<String>,
    /// The parent measure (same meeting); empty: none.
    #[arg(long, value_name = "CODE")]
    pub parent: Option<String>,
    /// The measure of an earlier meeting this one continues; empty: none.
    #[arg(long, value_name = "CODE")]
    pub continues: Option<String>,
    /// A new due date, or a period meaning its last day: moving one is a revision, decided
    /// today, and needs --reason; a measure's first due date does not.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// With --due: why the due date moves, kept with the revision.
    #[arg(long, allow_hyphen_values = true, requires = "due")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviseDueArgs {
    /// The measure's code.
    pub code: String,
    /// The new due date, or a period meaning its last day: 2025-06-30, 2025-H1, 2025년 상반기.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Why the due date moves, kept with the revision.
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
    /// The day the revision was decided [default: today].
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditMeetingArgs {
    /// The meeting's code.
    pub code: String,
    /// The new title (not empty).
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// The day it was held: 2023-06-01, 2023.6.1, 2023년 6월 1일.
    #[arg(long, value_name = "DATE")]
    pub held_on: Option<String>,
    /// Empty: none.
    #[arg(long, allow_hyphen_values = true)]
    pub location: Option<String>,
    /// Empty: none.
    #[arg(long, allow_hyphen_values = true)]
    pub chair: Option<String>,
    /// Empty: none.
    #[arg(long, allow_hyphen_values = true)]
    pub source: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveMeasureArgs {
    /// The measure's code.
    pub code: String,
    /// Why, kept in the log.
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only the entries of this measure (its reports included) or meeting.
    pub code: Option<String>,
    /// Only entries made on or after this day.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only the entries of this import (see `imports list`).
    #[arg(long, value_name = "ID", allow_negative_numbers = true)]
    pub import: Option<String>,
    #[command(flatten)]
    pub out: Tabular,
}

#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// Every import: id, time, file, SHA-256, kind, counts, whether undone.
    #[command(after_help = "Examples:
  policy-track imports list --format csv")]
    List(Tabular),
    /// One import: what it created that still stands, and its log entries.
    #[command(after_help = "Examples:
  policy-track imports show 4")]
    Show {
        /// The import's id (see `imports list`).
        #[arg(allow_negative_numbers = true)]
        id: String,
        #[command(flatten)]
        out: TextJson,
    },
    /// Reverse everything an import did, in one transaction.
    ///
    /// Reports it added are removed, reports it replaced restored, fields it
    /// changed get their old values, meetings and measures it created are
    /// removed. Refused, naming the row, when a later write changed the
    /// same rows (undo that first).
    #[command(after_help = "Examples:
  policy-track imports undo 4")]
    Undo {
        /// The import's id (see `imports list`).
        #[arg(allow_negative_numbers = true)]
        id: String,
    },
}
