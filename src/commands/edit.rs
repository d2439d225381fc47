//! `retract`, `edit-measure`, `edit-meeting`, `remove-measure`: the
//! commands that change or take away what is stored. Each says what it did
//! in one line; what it replaced or took away is kept in the change log
//! (`policy-track log CODE`).

use super::{flag_date, required, Ctx};
use crate::cli::{
    EditMeasureArgs, EditMeetingArgs, Format, RemoveMeasureArgs, RetractArgs, ReviseDueArgs,
};
use crate::error::Result;
use crate::output;
use crate::parse;
use crate::store::write::{FieldChange, MeasureEdit, MeetingIn, Why};

pub fn retract(args: RetractArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("retract", &[Format::Text])?;
    let code = parse::code("measure code", &args.code)?;
    let on = flag_date("--on", &args.on)?;
    let reason = required("--reason", &args.reason)?;
    let store = ctx.store()?;
    store.retract(code.as_str(), on, reason)?;
    let now = store.measure(code.as_str())?;
    say(
        ctx,
        format!(
            "{code}: the report of {on} retracted; current status {}{}",
            now.status,
            now.status_date
                .map(|d| format!(" as of {d}"))
                .unwrap_or_default()
        ),
    )
}

/// An optional text flag: not given (`None`), empty (clear it), or a value.
fn clearable(s: &Option<String>) -> Option<Option<String>> {
    s.as_deref()
        .map(|v| Some(v.trim().to_string()).filter(|v| !v.is_empty()))
}

pub fn measure(args: EditMeasureArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("edit-measure", &[Format::Text])?;
    let code = parse::code("measure code", &args.code)?;
    let given = [
        &args.title,
        &args.description,
        &args.category,
        &args.ministry,
        &args.parent,
        &args.continues,
        &args.due,
    ];
    if given.iter().all(|a| a.is_none()) {
        return Err(nothing_to_change(
            code.as_str(),
            "--title, --description, --category, --ministry, --parent, --continues or --due",
        ));
    }
    let continues = match clearable(&args.continues) {
        Some(Some(c)) => Some(Some(parse::code("measure code", &c)?.as_str().to_string())),
        other => other,
    };
    let due = match &args.due {
        Some(d) => Some((
            super::flag_due("--due", d)?,
            match &args.reason {
                Some(r) => Some(Why {
                    on: super::today()?,
                    reason: required("--reason", r)?.to_string(),
                }),
                None => None,
            },
        )),
        None => None,
    };
    let title = args
        .title
        .as_deref()
        .map(|t| required("--title", t).map(str::to_string))
        .transpose()?;
    let parent = match clearable(&args.parent) {
        Some(Some(p)) => Some(Some(parse::code("parent code", &p)?.as_str().to_string())),
        other => other,
    };
    let store = ctx.store()?;
    let refs = store.refs()?;
    let category_id = args
        .category
        .as_deref()
        .map(|c| refs.resolve_category(c))
        .transpose()?;
    let lead_ministry_id = match clearable(&args.ministry) {
        Some(Some(m)) => Some(Some(refs.resolve_agency(&m)?)),
        Some(None) => Some(None),
        None => None,
    };
    let edit = MeasureEdit {
        title,
        description: clearable(&args.description),
        category_id,
        lead_ministry_id,
        parent,
        continues,
        due,
    };
    let changed = store.edit_measure(code.as_str(), &edit)?;
    say(ctx, edited(code.as_str(), &changed))
}

pub fn revise_due(args: ReviseDueArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("revise-due", &[Format::Text])?;
    let code = parse::code("measure code", &args.code)?;
    let to = super::flag_due("--to", &args.to)?;
    let reason = required("--reason", &args.reason)?.to_string();
    let on = match super::given("--on", &args.on)? {
        Some(d) => flag_date("--on", d)?,
        None => super::today()?,
    };
    let store = ctx.store()?;
    let was = store.only_measure(code.as_str())?.due_date;
    store.revise_due(code.as_str(), to, Why { on, reason })?;
    let was = was.map_or_else(|| "(none)".to_string(), |d| d.to_string());
    say(ctx, format!("{code}: due {was} → {to} (decided {on})"))
}

pub fn meeting(args: EditMeetingArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("edit-meeting", &[Format::Text])?;
    let code = parse::code("meeting code", &args.code)?;
    let given = [
        &args.title,
        &args.held_on,
        &args.location,
        &args.chair,
        &args.source,
    ];
    if given.iter().all(|a| a.is_none()) {
        return Err(nothing_to_change(
            code.as_str(),
            "--title, --held-on, --location, --chair or --source",
        ));
    }
    let m = MeetingIn {
        code: code.as_str().to_string(),
        title: args
            .title
            .as_deref()
            .map(|t| required("--title", t).map(str::to_string))
            .transpose()?,
        held_on: args
            .held_on
            .as_deref()
            .map(|d| flag_date("--held-on", d))
            .transpose()?,
        location: clearable(&args.location),
        chair: clearable(&args.chair),
        source: clearable(&args.source),
    };
    let changed = ctx.store()?.edit_meeting(&m)?;
    say(ctx, edited(code.as_str(), &changed))
}

pub fn remove(args: RemoveMeasureArgs, ctx: &mut Ctx) -> Result<()> {
    ctx.format("remove-measure", &[Format::Text])?;
    let code = parse::code("measure code", &args.code)?;
    let reason = required("--reason", &args.reason)?;
    let reports = ctx.store()?.remove_measure(code.as_str(), reason)?;
    say(
        ctx,
        format!(
            "{code}: removed with its {reports} report{} (kept in `policy-track log {code}`)",
            if reports == 1 { "" } else { "s" }
        ),
    )
}

/// `CODE: title: a → b; ministry: (none) → MOTIE`, or that nothing changed.
fn edited(code: &str, changed: &[FieldChange]) -> String {
    if changed.is_empty() {
        return format!("{code}: unchanged (every field given already has that value)");
    }
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let parts: Vec<String> = changed
        .iter()
        .map(|(f, old, new)| format!("{f}: {} → {}", show(old), show(new)))
        .collect();
    format!("{code}: {}", parts.join("; "))
}

fn nothing_to_change(code: &str, flags: &str) -> crate::error::Error {
    crate::error::Error::Other(format!(
        "{code}: nothing to change: give one or more of {flags}"
    ))
}

fn say(ctx: &Ctx, line: String) -> Result<()> {
    if ctx.quiet {
        return Ok(());
    }
    output::stdout_write(&format!("{line}\n"))
}
