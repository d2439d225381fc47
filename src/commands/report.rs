//! `report [summary|overdue|stale|changes|review|timeline]`: progress reports
//! as of a date, in text, markdown, CSV, JSON or HTML.

use super::{flag_date, given, required, today, Ctx};
use crate::cli::{self, Format, ReportArgs, ReportKind, ReportOut, StaleDays};
use crate::error::{Error, Result};
use crate::report::{query, render, Report};
use crate::store::report::{ReportScope, View};
use crate::{output, parse};

/// A report as asked for: which one, with what it alone takes, and the
/// options it shares with the others.
struct Request {
    kind: Kind,
    scope: cli::ReportScope,
    out: ReportOut,
    stale_days: Option<String>,
}

enum Kind {
    Summary,
    Overdue {
        against: crate::store::report::Against,
    },
    Stale {
        days: Option<String>,
    },
    Changes {
        since: String,
        until: Option<String>,
    },
    Timeline {
        code: String,
        lineage: bool,
    },
    Review,
}

/// The report named, with the options given before its name merged in
/// (`report --as-of D overdue`); one given twice, or one that report does
/// not take, is a usage error.
fn request(args: ReportArgs) -> Result<Request> {
    let ReportArgs {
        kind,
        scope: before,
        out: out_before,
        stale: stale_before,
    } = args;
    let name = match &kind {
        None | Some(ReportKind::Summary { .. }) => "summary",
        Some(ReportKind::Overdue { .. }) => "overdue",
        Some(ReportKind::Stale { .. }) => "stale",
        Some(ReportKind::Changes { .. }) => "changes",
        Some(ReportKind::Timeline { .. }) => "timeline",
        Some(ReportKind::Review { .. }) => "review",
    };
    let not_taken = |flag: &str| {
        Error::Usage(format!(
            "report {name} does not take {flag}; see `policy-track report {name} --help`"
        ))
    };
    let (kind, scope, out, stale) = match kind {
        None => (Kind::Summary, before, out_before, stale_before),
        Some(ReportKind::Summary { scope, out, stale }) => (
            Kind::Summary,
            merge_scope(before, scope)?,
            merge_out(out_before, out)?,
            StaleDays {
                stale_days: both("--stale-days", stale_before.stale_days, stale.stale_days)?,
            },
        ),
        Some(other) => {
            if stale_before.stale_days.is_some() {
                return Err(not_taken(match other {
                    ReportKind::Stale { .. } => "--stale-days (its threshold is --days)",
                    _ => "--stale-days",
                }));
            }
            let (kind, scope, out) = match other {
                ReportKind::Overdue {
                    scope,
                    out,
                    against,
                } => {
                    let against = match against {
                        cli::Against::Current => crate::store::report::Against::Current,
                        cli::Against::Original => crate::store::report::Against::Original,
                    };
                    (Kind::Overdue { against }, scope, out)
                }
                ReportKind::Stale { scope, out, days } => (Kind::Stale { days }, scope, out),
                ReportKind::Changes {
                    scope,
                    out,
                    since,
                    until,
                } => (Kind::Changes { since, until }, scope, out),
                ReportKind::Review { scope, out } => (Kind::Review, scope, out),
                ReportKind::Timeline { code, out, lineage } => {
                    if !before.meeting.is_empty() || before.ministry.is_some() {
                        return Err(not_taken("--meeting or --ministry: it shows one measure"));
                    }
                    if before.view.is_some() {
                        return Err(not_taken("--view: it shows one measure's reports as sent"));
                    }
                    (
                        Kind::Timeline { code, lineage },
                        cli::ReportScope::default(),
                        out,
                    )
                }
                ReportKind::Summary { .. } => unreachable!("matched above"),
            };
            let scope = merge_scope(before, scope)?;
            if scope.view.is_some() && matches!(kind, Kind::Changes { .. } | Kind::Review) {
                return Err(not_taken(
                    "--view: it lists the reports as the ministries sent them",
                ));
            }
            (
                kind,
                scope,
                merge_out(out_before, out)?,
                StaleDays::default(),
            )
        }
    };
    Ok(Request {
        kind,
        scope,
        out,
        stale_days: stale.stale_days,
    })
}

/// An option given before the report's name, after it, or neither; both is
/// a usage error.
fn both<T>(flag: &str, before: Option<T>, after: Option<T>) -> Result<Option<T>> {
    match (before, after) {
        (Some(_), Some(_)) => Err(Error::Usage(format!(
            "{flag} is given both before and after the report's name; give it once"
        ))),
        (b, a) => Ok(a.or(b)),
    }
}

fn merge_scope(before: cli::ReportScope, after: cli::ReportScope) -> Result<cli::ReportScope> {
    let mut meeting = before.meeting;
    meeting.extend(after.meeting);
    Ok(cli::ReportScope {
        meeting,
        ministry: both("--ministry", before.ministry, after.ministry)?,
        view: both("--view", before.view, after.view)?,
    })
}

fn merge_out(before: ReportOut, after: ReportOut) -> Result<ReportOut> {
    Ok(ReportOut {
        as_of: both("--as-of", before.as_of, after.as_of)?,
        output: both("-o", before.output, after.output)?,
        format: both("--format", before.format, after.format)?,
        excel: before.excel || after.excel,
    })
}

pub fn run(args: ReportArgs, ctx: &mut Ctx) -> Result<()> {
    let Request {
        kind,
        scope: wanted,
        out: common,
        stale_days,
    } = request(args)?;
    // `--format` before `report` (`policy-track --format json report`).
    let format = match (ctx.format, common.format) {
        (Some(_), Some(_)) => {
            return Err(Error::Usage(
                "--format is given both before and after `report`; give it once".into(),
            ))
        }
        (before, after) => after.or(before).unwrap_or(Format::Text),
    };
    if common.excel && format != Format::Csv {
        return Err(Error::Usage(format!(
            "--excel is for --format csv, not {}; a workbook: --format xlsx -o FILE",
            format.name()
        )));
    }
    let excel = common.excel;
    if format == Format::Xlsx && common.output.is_none() {
        return Err(crate::xlsx::needs_a_file("report --format xlsx"));
    }
    if let Some(path) = &common.output {
        ctx.not_the_database("-o", path)?;
    }
    let as_of = match given("--as-of", &common.as_of)? {
        Some(s) => flag_date("--as-of", s)?,
        None => today()?,
    };
    let meetings = wanted
        .meeting
        .iter()
        .map(|m| parse::code("meeting code", m).map(|c| c.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    // The stale threshold: --days of `stale`, --stale-days of the summary,
    // 90 unless given.
    let stale_days = match (&kind, &stale_days) {
        (Kind::Stale { days: Some(d) }, _) => super::flag_days("--days", d)?,
        (_, Some(s)) => super::flag_days("--stale-days", s)?,
        _ => 90,
    };
    let stale = query::StaleThreshold::new(as_of, stale_days);
    let window = match &kind {
        Kind::Changes { since, until } => {
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
    let ministry = given("--ministry", &wanted.ministry)?
        .map(|m| refs.resolve_agency(m))
        .transpose()?;
    let later = store.meetings_held_after(&meetings, as_of)?;
    let scope = ReportScope {
        as_of,
        meetings,
        ministry,
        view: match wanted.view {
            Some(cli::View::Assessed) => View::Assessed,
            _ => View::Reported,
        },
    };
    let note_later = |ctx: &Ctx| {
        for (code, held_on) in &later {
            ctx.notice(&format!(
                "note: meeting {code} was held on {held_on}, after {as_of}; it is not in the report"
            ));
        }
    };
    let report = match kind {
        Kind::Summary => {
            let overdue_list = format == Format::Html;
            Report::Summary(query::summary(store, &refs, &scope, stale, overdue_list)?)
        }
        Kind::Overdue { against } => Report::Overdue(query::overdue(store, &scope, against)?),
        Kind::Stale { .. } => Report::Stale(query::stale(store, &refs, &scope, stale)?),
        Kind::Changes { .. } if format != Format::Xlsx => {
            // Written as the database reads it: the window may hold millions.
            let (since, until) = window.expect("parsed above for changes");
            note_later(ctx);
            let head = query::changes_head(&scope, since, until);
            let style = style(ctx, &common.output);
            let store = ctx.store()?;
            return emit(&common.output, excel, |out| {
                store.report_changes_with(&scope, since, until, |rows| {
                    render::changes_to(out, &head, rows, format, style)
                })
            });
        }
        Kind::Changes { .. } => {
            let (since, until) = window.expect("parsed above for changes");
            Report::Changes(query::changes(store, &scope, since, until)?)
        }
        Kind::Review if format != Format::Xlsx => {
            // Written as the database reads it: the queue may hold millions.
            note_later(ctx);
            let head = crate::report::Review { as_of, reports: () };
            let style = style(ctx, &common.output);
            let store = ctx.store()?;
            return emit(&common.output, excel, |out| {
                store.report_review_with(&scope, |rows| {
                    render::review_to(out, &head, rows, format, style)
                })
            });
        }
        Kind::Review => Report::Review(crate::report::Review {
            as_of,
            reports: store.report_review(&scope)?,
        }),
        Kind::Timeline { code, lineage } => {
            let code = parse::code("measure code", &code)?;
            Report::Timeline(query::timeline(store, code.as_str(), as_of, lineage)?)
        }
    };
    note_later(ctx);
    write(ctx, &report, format, &common.output, excel)
}

/// How a report is drawn for people on `output` (`None`: standard output).
fn style(ctx: &Ctx, output: &Option<std::path::PathBuf>) -> render::Style {
    render::Style {
        lang: ctx.lang,
        colour: output.is_none() && output::colour_stdout(),
        width: ctx.width.filter(|_| output.is_none()),
    }
}

/// What `f` writes, to `-o FILE` — written beside and moved into place, as
/// an export, so that a failed write leaves no half report — or stdout;
/// with `excel`, its CSV written again for Excel (held whole first).
fn emit(
    output: &Option<std::path::PathBuf>,
    excel: bool,
    f: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    let mut dest = crate::export::Destination::open("-o", output.as_deref())?;
    let name = std::path::PathBuf::from(dest.name());
    match excel {
        false => f(&mut dest),
        true => {
            let mut text = Vec::new();
            f(&mut text)
                .and_then(|()| crate::export::for_excel(&text, &mut dest, &name.to_string_lossy()))
        }
    }
    .map_err(|e| output::named_output(e, &name))?;
    dest.commit()
}

/// The report in `format` to `-o FILE` or stdout (a workbook only to a
/// file).
pub fn write(
    ctx: &Ctx,
    report: &Report,
    format: Format,
    output: &Option<std::path::PathBuf>,
    excel: bool,
) -> Result<()> {
    if format == Format::Xlsx {
        let Some(path) = output else {
            return Err(crate::xlsx::needs_a_file("--format xlsx"));
        };
        let bytes = render::xlsx::render(report, ctx.lang)?;
        let mut dest = crate::export::Destination::open("-o", Some(path))?;
        std::io::Write::write_all(&mut dest, &bytes).map_err(|e| Error::io(path, e))?;
        return dest.commit();
    }
    let style = style(ctx, output);
    emit(output, excel, |out| {
        render::write(report, format, style, out)
    })
}
