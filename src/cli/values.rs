//! Values from fixed lists: the formats each command prints, and the
//! options with more spellings than they name (`--encoding`,
//! `--delimiter`). A value outside its list is a usage error (exit 2) that
//! lists the possible values.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Args, ValueEnum};

use super::Format;

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
