//! `update-status`: append one report to a measure's history.

use super::{flag_date, given, text, today, Ctx};
use crate::cli::{Format, UpdateStatusArgs};
use crate::error::Result;
use crate::store::{Outcome, Recorded, UpdateInput};
use crate::{output, parse};

pub fn run(args: UpdateStatusArgs, ctx: &mut Ctx) -> Result<()> {
    let code = parse::code("measure code", &args.code)?;
    let status = parse::status(&args.status)?;
    let progress = given("--progress", &args.progress)?
        .map(|p| super::flag_progress("--progress", p))
        .transpose()?;
    let today = today()?;
    let reported_on = match given("--on", &args.on)? {
        Some(d) => flag_date("--on", d)?,
        None => today,
    };
    let round = given("--round", &args.round)?
        .map(|r| parse::code("round", r))
        .transpose()?;
    let store = ctx.store()?;
    let reported_by = match given("--by", &args.by)? {
        Some(a) => Some(store.refs()?.resolve_agency(a)?),
        None => None,
    };
    let input = UpdateInput {
        status,
        progress,
        reported_on,
        reported_by,
        note: text(&args.note).map(str::to_string),
        evidence: text(&args.evidence).map(str::to_string),
        import_id: None,
        round: None,
        keep_progress: false,
        keep_note: false,
        keep_reporter: false,
    };
    let Recorded {
        outcome,
        current,
        measure: after,
        meeting_held_on,
        cleared,
        review,
    } = store.update_status(code.as_str(), &input, round.as_ref().map(|r| r.as_str()))?;
    if reported_on > today {
        ctx.notice(&crate::import::future_warning(code.as_str(), 1, today));
    }
    if reported_on < meeting_held_on {
        ctx.notice(&crate::import::early_warning(
            code.as_str(),
            1,
            reported_on,
            &after.meeting,
            meeting_held_on,
        ));
    }
    let what = match outcome {
        Outcome::Inserted => "recorded",
        Outcome::Updated => "replaced the report of that date",
        Outcome::Unchanged => "unchanged (the same report is already recorded)",
    };
    let mut line = format!("{code}: {status} on {reported_on}: {what}");
    if let Some((last, rest)) = cleared.split_last() {
        // A correction replaces the whole report: say what it took away.
        let fields = match rest {
            [] => last.to_string(),
            _ => format!("{} and {last}", rest.join(", ")),
        };
        line.push_str(&format!(
            " (its earlier {fields} cleared: a correction replaces the whole report; give --progress, --by, --note and --evidence again to keep them; the earlier version is in `policy-track log {code}`)"
        ));
    }
    if !current && outcome != Outcome::Unchanged {
        line.push_str(&format!(
            "; current status stays {} as of {} (a later report exists)",
            after.status,
            output::opt(&after.status_date)
        ));
    }
    if !review.is_empty() {
        let why: Vec<&str> = review.iter().map(|r| r.word().get(ctx.lang)).collect();
        line.push_str(&format!("; to review: {}", why.join(", ")));
    }
    line.push('\n');
    if ctx.format("update-status", &[Format::Text, Format::Json])? == Format::Json {
        return output::stdout_write(&output::json(&serde_json::json!({
            "code": code.as_str(),
            "status": status.code(),
            "reported_on": reported_on,
            "outcome": match outcome {
                Outcome::Inserted => "inserted",
                Outcome::Updated => "updated",
                Outcome::Unchanged => "unchanged",
            },
            "cleared": cleared,
            "review": review,
            "current_status": after.status,
            "current_status_date": after.status_date,
        }))?);
    }
    if ctx.quiet {
        return Ok(());
    }
    output::stdout_write(&line)
}
