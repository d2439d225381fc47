//! Figures as of a date: calls the store's report queries and shapes their
//! rows into reports. The counting itself happens in the database; here only
//! the few (meeting, category, ministry) groups are rolled up.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    Changes, Figures, MeetingFigures, NamedFigures, Overdue, Stale, StaleGroup, Summary, Timeline,
    TimelineItem, NO_MINISTRY,
};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::store::report::{stale_cutoff, Against, OverdueRow, ReportScope, StaleRow, View};
use crate::store::{Refs, Store};

/// When an open measure is stale: no report in more than `days` days,
/// i.e. none on or after `before`.
#[derive(Debug, Clone, Copy)]
pub struct StaleThreshold {
    pub days: u32,
    pub before: NaiveDate,
}

impl StaleThreshold {
    /// The threshold `days` before `as_of`.
    pub fn new(as_of: NaiveDate, days: u32) -> Self {
        StaleThreshold {
            days,
            before: stale_cutoff(as_of, days),
        }
    }
}

/// The summary; with `overdue_list` also the overdue measures themselves
/// (the HTML page lists them; the other formats show only their count, which
/// the figures carry, so they skip reading the list).
pub fn summary(
    store: &mut Store,
    refs: &Refs,
    scope: &ReportScope,
    stale: StaleThreshold,
    overdue_list: bool,
) -> Result<Summary> {
    let (meetings, groups, overdue) = store.report_summary(scope, stale.before, overdue_list)?;
    let mut per_meeting: BTreeMap<i32, Figures> = BTreeMap::new();
    let mut per_category: BTreeMap<i32, Figures> = BTreeMap::new();
    // None (no lead ministry) sorts first in a BTreeMap; it is listed last.
    let mut per_ministry: BTreeMap<Option<i32>, Figures> = BTreeMap::new();
    let mut totals = Figures::default();
    for g in &groups {
        per_meeting.entry(g.meeting_id).or_default().add(g);
        per_category.entry(g.category_id).or_default().add(g);
        per_ministry.entry(g.lead_ministry_id).or_default().add(g);
        totals.add(g);
    }
    // A ministry's report leaves out the meetings that gave it no measure;
    // without one, a meeting with no measures yet is listed with zeros.
    let ministry_only = scope.ministry.is_some();
    let meetings = meetings
        .into_iter()
        .filter_map(|m| {
            let figures = per_meeting.remove(&m.id);
            (figures.is_some() || !ministry_only).then(|| MeetingFigures {
                figures: figures.unwrap_or_default(),
                code: m.code,
                title: m.title,
                held_on: m.held_on,
            })
        })
        .collect();
    let categories = per_category
        .into_iter()
        .map(|(id, figures)| match refs.category(id) {
            Some(c) => known(&c.code, &c.name_ko, &c.name_en, figures),
            None => named(None, figures),
        })
        .collect();
    let mut ministries: Vec<NamedFigures> = per_ministry
        .into_iter()
        .map(|(id, figures)| ministry(refs, id, figures))
        .collect();
    ministries.sort_by_key(|m| m.code.is_none());
    Ok(Summary {
        as_of: scope.as_of,
        stale_days: stale.days,
        meetings,
        categories,
        ministries,
        totals,
        overdue,
        assessed: scope.view == View::Assessed,
    })
}

fn named(code: Option<String>, figures: Figures) -> NamedFigures {
    NamedFigures {
        code,
        name_ko: NO_MINISTRY.into(),
        name_en: NO_MINISTRY.into(),
        figures,
    }
}

/// The figures of a category or an agency the store knows.
fn known(code: &str, name_ko: &str, name_en: &str, figures: Figures) -> NamedFigures {
    NamedFigures {
        code: Some(code.to_owned()),
        name_ko: name_ko.to_owned(),
        name_en: name_en.to_owned(),
        figures,
    }
}

fn ministry(refs: &Refs, id: Option<i32>, figures: Figures) -> NamedFigures {
    match id.and_then(|id| refs.agency(id)) {
        Some(a) => known(&a.code, &a.name_ko, &a.name_en, figures),
        None => named(None, figures),
    }
}

pub fn overdue(store: &mut Store, scope: &ReportScope, against: Against) -> Result<Overdue> {
    let mut measures = store.report_overdue(scope, against)?;
    // The list's one order (most overdue first, then by code), which the
    // query follows too; kept explicit so the report does not hang on it.
    measures.sort_by(OverdueRow::ORDER.cmp);
    Ok(Overdue {
        as_of: scope.as_of,
        against: match against {
            Against::Current => "current",
            Against::Original => "original",
        },
        measures,
        assessed: scope.view == View::Assessed,
    })
}

/// Open measures silent for more than `threshold.days`, grouped by lead
/// ministry: ministries with the most stale measures first (then by code),
/// measures longest silent first.
pub fn stale(
    store: &mut Store,
    refs: &Refs,
    scope: &ReportScope,
    threshold: StaleThreshold,
) -> Result<Stale> {
    let rows = store.report_stale(scope, threshold.before)?;
    let mut groups: Vec<(Option<i32>, Vec<_>)> = Vec::new();
    for row in rows {
        match groups.iter_mut().find(|(id, _)| *id == row.ministry_id) {
            Some((_, v)) => v.push(row),
            None => groups.push((row.ministry_id, vec![row])),
        }
    }
    let mut ministries: Vec<StaleGroup> = groups
        .into_iter()
        .map(|(id, mut measures)| {
            // Within one ministry: longest silent first, then by code.
            measures.sort_by(StaleRow::ORDER.cmp);
            let n = ministry(refs, id, Figures::default());
            StaleGroup {
                code: n.code,
                name_ko: n.name_ko,
                name_en: n.name_en,
                measures,
            }
        })
        .collect();
    ministries.sort_by(|a, b| {
        b.measures
            .len()
            .cmp(&a.measures.len())
            .then_with(|| a.code.is_none().cmp(&b.code.is_none()))
            .then_with(|| a.code.cmp(&b.code))
    });
    Ok(Stale {
        as_of: scope.as_of,
        days: threshold.days,
        ministries,
        assessed: scope.view == View::Assessed,
    })
}

pub fn changes(
    store: &mut Store,
    scope: &ReportScope,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Changes> {
    let rows = store.report_changes(scope, since, until)?;
    Ok(changes_head(scope, since, until).with(rows))
}

/// The facts of the changes from `since` to `until`, without their rows
/// (which `Store::report_changes_with` hands on as they come).
pub fn changes_head(scope: &ReportScope, since: NaiveDate, until: NaiveDate) -> Changes<()> {
    Changes {
        as_of: scope.as_of,
        since,
        until,
        changes: (),
    }
}

/// One measure's reports up to the as-of date, each with the status before
/// it; with `lineage`, those of its chain (`Store::lineage`), oldest
/// first, each with its measure's code and the status of that measure
/// before it. An error when the measure's meeting was held after the date.
pub fn timeline(
    store: &mut Store,
    code: &str,
    as_of: NaiveDate,
    lineage: bool,
) -> Result<Timeline> {
    let m = store.only_measure(code)?;
    let meeting = store.meeting(&m.meeting)?;
    if meeting.held_on > as_of {
        return Err(Error::Other(format!(
            "measure {code:?} did not exist on {as_of}: its meeting {} was held on {}; give a later --as-of",
            meeting.code, meeting.held_on
        )));
    }
    let chain = match lineage {
        true => store.lineage(&m)?,
        false => vec![m.code.clone()],
    };
    let mut history = Vec::new();
    for c in &chain {
        let one = store.only_measure(c)?;
        let mut prev = Status::Planned.code().to_string();
        for h in store.history(&one)? {
            if h.reported_on > as_of {
                break;
            }
            let transition = h.status != prev;
            let from = std::mem::replace(&mut prev, h.status.clone());
            history.push(TimelineItem {
                code: lineage.then(|| c.clone()),
                reported_on: h.reported_on,
                from,
                status: h.status,
                progress: h.progress,
                reported_by: h.reported_by,
                note: h.note,
                transition,
            });
        }
    }
    // Oldest first; a day's reports by the chain's order (stable sort).
    history.sort_by_key(|h| h.reported_on);
    let last = history
        .iter()
        .rev()
        .find(|h| h.code.as_deref().is_none_or(|c| c == m.code));
    Ok(Timeline {
        as_of,
        status: last.map_or_else(|| Status::Planned.code().into(), |h| h.status.clone()),
        progress: last.and_then(|h| h.progress),
        status_date: last.map(|h| h.reported_on),
        code: m.code,
        title: m.title,
        meeting: m.meeting,
        ministry: m.lead_ministry,
        due_date: m.due_date,
        lineage: lineage.then_some(chain),
        history,
    })
}
