//! Values from fixed lists: the formats each command prints, and the
//! options with more spellings than they name (`--encoding`,
//! `--delimiter`). A value outside its list is a usage error (exit 2) that
//! lists the possible values.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Args, ValueEnum};

use super::{
    AgencyCommand, CategoryCommand, Command, DbCommand, Format, ImportsCommand, RoundCommand,
};

/// `--format` of a command that prints text or JSON.
#[derive(Debug, Args, Default)]
pub struct TextJson {
    /// Output format [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = formats(&[Format::Text, Format::Json]))]
    pub format: Option<Format>,
}

/// `--format` of a command that prints a table: text, JSON or CSV.
#[derive(Debug, Args, Default)]
pub struct Tabular {
    /// Output format [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = formats(&[Format::Text, Format::Json, Format::Csv]))]
    pub format: Option<Format>,
}

/// A `--format` that offers only the formats in `list` (others are a usage
/// error listing these), each with its help.
pub(super) fn formats(list: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(list.iter().filter_map(|f| f.to_possible_value()))
        .map(|name| Format::from_str(&name, false).expect("one of the listed formats"))
}

impl Command {
    /// The `--format` given to the command, if it takes one.
    pub fn format(&self) -> Option<Format> {
        match self {
            Command::Init(o) => o.format,
            Command::Db(DbCommand::Path(o) | DbCommand::Status(o)) => o.format,
            Command::AddMeeting(a) => a.out.format,
            Command::AddMeasure(a) => a.out.format,
            Command::UpdateStatus(a) => a.out.format,
            Command::Assess(a) => a.out.format,
            Command::Meetings(o) => o.format,
            Command::List(a) => a.out.format,
            Command::Show(a) => a.out.format,
            Command::Import(a) => a.out.format,
            Command::Category(CategoryCommand::List(o)) => o.format,
            Command::Category(CategoryCommand::Add { out, .. }) => out.format,
            Command::Agency(AgencyCommand::List(o)) => o.format,
            Command::Agency(AgencyCommand::Add { out, .. }) => out.format,
            Command::Log(a) => a.out.format,
            Command::Imports(ImportsCommand::List(o)) => o.format,
            Command::Imports(ImportsCommand::Show { out, .. }) => out.format,
            Command::Round(RoundCommand::List(o)) => o.format,
            Command::Round(RoundCommand::Show(a)) => a.format,
            // A report's format is read with its other options.
            _ => None,
        }
    }
}

/// A value from a fixed list that has more spellings than it names (any
/// case, `utf8` for `utf-8`, `comma` for `,`): `accepts` is the reader the
/// command uses, `names` the spellings a refusal and completions offer. The
/// value stays as given, for the command to read.
#[derive(Clone)]
pub(super) struct Listed {
    pub(super) accepts: fn(&str) -> bool,
    pub(super) names: &'static [&'static str],
}

impl TypedValueParser for Listed {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let value = value.to_string_lossy();
        if (self.accepts)(&value) {
            return Ok(value.into_owned());
        }
        let mut err = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
        let arg = arg.map(ToString::to_string).unwrap_or_else(|| "...".into());
        err.insert(ContextKind::InvalidArg, ContextValue::String(arg));
        err.insert(
            ContextKind::InvalidValue,
            ContextValue::String(value.into_owned()),
        );
        err.insert(
            ContextKind::ValidValue,
            ContextValue::Strings(self.names.iter().map(|n| n.to_string()).collect()),
        );
        Err(err)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.names.iter().map(PossibleValue::new)))
    }
}
