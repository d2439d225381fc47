//! `report [summary|overdue|stale|changes|timeline]`: progress reports as of
//! a date, in text, markdown, CSV, JSON or HTML.

use super::{flag_date, given, required, today, Ctx};
use crate::cli::{Format, ReportArgs, ReportKind};
use crate::error::{Error, Result};
use crate::report::{query, render, Report};
use crate::store::report::ReportScope;
use crate::{output, parse};

/// The formats of a report, the default first.
pub const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::Csv,
    Format::Markdown,
    Format::Html,
];

pub fn run(args: ReportArgs, ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("report", &FORMATS)?;
    let common = args.common;
    if let Some(path) = &common.output {
        ctx.not_the_database("-o", path)?;
    }
    let as_of = match given("--as-of", &common.as_of)? {
        Some(s) => flag_date("--as-of", s)?,
        None => today()?,
    };
    let meetings = common
        .meeting
        .iter()
        .map(|m| parse::code("meeting code", m).map(|c| c.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let kind = args.kind.unwrap_or(ReportKind::Summary);
    if matches!(kind, ReportKind::Timeline { .. })
        && (!meetings.is_empty() || common.ministry.is_some())
    {
        return Err(Error::Other(
            "report timeline shows one measure: --meeting and --ministry do not apply to it; leave them out".into(),
        ));
    }
    // The stale threshold: --days of `stale`, or --stale-days, 90 unless given.
    let days = match &kind {
        ReportKind::Stale { days: Some(d) } => Some(super::flag_days("--days", d)?),
        _ => None,
    };
    let stale_days = common
        .stale_days
        .as_deref()
        .map(|s| super::flag_days("--stale-days", s))
        .transpose()?;
    let stale_days = match (days, stale_days) {
        (Some(d), Some(s)) if d != s => {
            return Err(Error::Other(format!(
                "--days {d} and --stale-days {s} disagree: give one of them"
            )))
        }
        (Some(d), _) => d,
        (_, Some(s)) => s,
        (None, None) => 90,
    };
    let stale = query::StaleThreshold::new(as_of, stale_days);
    let window = match &kind {
        ReportKind::Changes { since, until } => {
            let since = flag_date("--since", required("--since", since)?)?;
            let until = match given("--until", until)? {
                Some(u) => flag_date("--until", u)?,
                None => as_of,
            };
            if common.as_of.is_some() && until > as_of {
                return Err(Error::Other(format!(
                    "--until {until} is after --as-of {as_of}: a report as of a date knows nothing reported later; leave --until out to end the window on {as_of}"
                )));
            }
            if since > until {
                return Err(Error::Other(format!(
                    "--since {since} is after --until {until}: the window must start on or before its end"
                )));
            }
            Some((since, until))
        }
        _ => None,
    };

    let store = ctx.store()?;
    for m in &meetings {
        store.meeting(m)?;
    }
    let refs = store.refs()?;
    let ministry = given("--ministry", &common.ministry)?
        .map(|m| refs.resolve_agency(m))
        .transpose()?;
    let later = store.meetings_held_after(&meetings, as_of)?;
    let scope = ReportScope {
        as_of,
        meetings,
        ministry,
    };
    let report = match kind {
        ReportKind::Summary => {
            let overdue_list = format == Format::Html;
            Report::Summary(query::summary(store, &refs, &scope, stale, overdue_list)?)
        }
        ReportKind::Overdue => Report::Overdue(query::overdue(store, &scope)?),
        ReportKind::Stale { .. } => Report::Stale(query::stale(store, &refs, &scope, stale)?),
        ReportKind::Changes { .. } => {
            let (since, until) = window.expect("parsed above for changes");
            Report::Changes(query::changes(store, &scope, since, until)?)
        }
        ReportKind::Timeline { code } => {
            let code = parse::code("measure code", &code)?;
            Report::Timeline(query::timeline(store, code.as_str(), as_of)?)
        }
    };
    for (code, held_on) in later {
        ctx.notice(&format!(
            "note: meeting {code} was held on {held_on}, after {as_of}; it is not in the report"
        ));
    }
    write(&report, format, &common.output)
}

/// The report in `format` to `-o FILE` or stdout.
pub fn write(report: &Report, format: Format, output: &Option<std::path::PathBuf>) -> Result<()> {
    let colour = output.is_none() && output::colour_stdout();
    let out = render::render(report, format, colour)?;
    match output {
        // Written beside and moved into place, as an export: a failed
        // write leaves no half report.
        Some(path) => {
            let mut dest = crate::export::Destination::open("-o", Some(path))?;
            std::io::Write::write_all(&mut dest, out.as_bytes()).map_err(|e| Error::io(path, e))?;
            dest.commit()
        }
        None => output::stdout_write(&out),
    }
}
