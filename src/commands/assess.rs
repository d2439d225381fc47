//! `assess CODE`: the office's word on one report, confirmed or disputed
//! with its own status and progress.

use super::{flag_date, flag_progress, given, text, today, Ctx};
use crate::cli::{AssessArgs, Format};
use crate::error::{Error, Result};
use crate::store::assess::{AssessmentIn, Verdict};
use crate::store::Outcome;
use crate::{output, parse};

pub fn run(args: AssessArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("assess", &[Format::Text, Format::Json])?;
    let code = parse::code("measure code", &args.code)?;
    let on = given("--on", &args.on)?
        .map(|d| flag_date("--on", d))
        .transpose()?;
    let verdict = match args.disputed {
        true => Verdict::Disputed,
        false => Verdict::Confirmed,
    };
    let status = given("--status", &args.status)?;
    let progress = given("--progress", &args.progress)?;
    if verdict == Verdict::Confirmed {
        if let Some((flag, value)) = [("--status", status), ("--progress", progress)]
            .into_iter()
            .find_map(|(f, v)| v.map(|v| (f, v)))
        {
            return Err(Error::Other(format!(
                "{flag} {}: a confirmed report stands as sent; only --disputed takes the office's own {}",
                crate::error::quoted(value),
                &flag[2..]
            )));
        }
    }
    let a = AssessmentIn {
        verdict,
        status: status.map(parse::status).transpose()?,
        progress: progress
            .map(|p| flag_progress("--progress", p))
            .transpose()?,
        note: text(&args.note).map(str::to_string),
        assessed_on: today()?,
    };
    let done = ctx.store()?.assess(code.as_str(), on, &a)?;
    if format == Format::Json {
        return output::stdout_write(&output::json(&serde_json::json!({
            "code": code.as_str(),
            "reported_on": done.reported_on,
            "verdict": verdict.code(),
            "status": a.status.map(|s| s.code()),
            "progress": a.progress,
            "note": a.note,
            "assessed_on": a.assessed_on,
            "outcome": done.outcome,
        }))?);
    }
    if ctx.quiet {
        return Ok(());
    }
    let office: Vec<String> = a
        .status
        .map(|s| s.code().to_string())
        .into_iter()
        .chain(a.progress.map(|p| format!("{p}%")))
        .collect();
    let reading = match office.is_empty() {
        true => String::new(),
        false => format!(" (the office holds {})", office.join(", ")),
    };
    let what = match done.outcome {
        Outcome::Inserted => "",
        Outcome::Updated => "; the earlier assessment is in the log",
        Outcome::Unchanged => " already: unchanged",
    };
    output::stdout_write(&format!(
        "{code}: the report of {} {}{reading}{what}\n",
        done.reported_on,
        verdict.code()
    ))
}
