//! Reading deadlines and lineage: a measure's due date revisions and its
//! original due date, the measure it continues and those that continue it,
//! and the chain of measures it belongs to (`report timeline --lineage`).
//! Writing them is the writer's (`write/revise.rs`).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::{Db, MeasureRow, Store};
use crate::error::Result;
use crate::schema::{due_revisions, measure_lineage, measures};

/// One revision of a due date, as `show` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct DueRevision {
    /// The day it was decided.
    pub changed_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// A measure's deadlines and lineage, as `show` prints them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Account {
    /// The due date before its first revision (the due date itself when
    /// never revised).
    pub original_due: Option<NaiveDate>,
    /// Its revisions, oldest first.
    pub due_history: Vec<DueRevision>,
    /// The measure of an earlier meeting it continues.
    pub continues: Option<String>,
    /// The measures that continue it, by code.
    pub continued_by: Vec<String>,
}

/// The measure that `id` continues, as (id, code).
fn continued(conn: &mut Db, id: i32) -> Result<Option<(i32, String)>> {
    Ok(measure_lineage::table
        .inner_join(measures::table.on(measures::id.eq(measure_lineage::continues_id)))
        .filter(measure_lineage::measure_id.eq(id))
        .select((measures::id, measures::code))
        .first(conn)
        .optional()?)
}

/// The measures that continue `id`, as (id, code), by code.
fn continuing(conn: &mut Db, id: i32) -> Result<Vec<(i32, String)>> {
    Ok(measure_lineage::table
        .inner_join(measures::table.on(measures::id.eq(measure_lineage::measure_id)))
        .filter(measure_lineage::continues_id.eq(id))
        .order(measures::code)
        .select((measures::id, measures::code))
        .load(conn)?)
}

impl Store {
    /// The deadlines and lineage of the measure `m`.
    pub fn account(&mut self, m: &MeasureRow) -> Result<Account> {
        self.read(|c| {
            let original: Option<NaiveDate> = measures::table
                .find(m.id)
                .select(measures::original_due)
                .first(c)?;
            let due_history = due_revisions::table
                .filter(due_revisions::measure_id.eq(m.id))
                .order((due_revisions::changed_on, due_revisions::id))
                .select((
                    due_revisions::changed_on,
                    due_revisions::from_due,
                    due_revisions::to_due,
                    due_revisions::reason,
                ))
                .load(c)?;
            Ok(Account {
                original_due: original.or(m.due_date),
                due_history,
                continues: continued(c, m.id)?.map(|(_, code)| code),
                continued_by: continuing(c, m.id)?.into_iter().map(|(_, c)| c).collect(),
            })
        })
    }

    /// The codes of the chain the measure `m` belongs to: the measures it
    /// continues, back to the first, and every measure that continues
    /// those, at any remove; the first first, then by code a step at a
    /// time. A chain cannot go round (the writer refuses), and each code is
    /// taken once.
    pub fn lineage(&mut self, m: &MeasureRow) -> Result<Vec<String>> {
        self.read(|c| {
            let mut first = (m.id, m.code.clone());
            let mut seen = std::collections::HashSet::from([m.id]);
            while let Some(back) = continued(c, first.0)? {
                if !seen.insert(back.0) {
                    break;
                }
                first = back;
            }
            let mut chain = vec![first.1.clone()];
            let mut step = vec![first.0];
            let mut taken = std::collections::HashSet::from([first.0]);
            while !step.is_empty() {
                let mut next = Vec::new();
                for id in step {
                    for (i, code) in continuing(c, id)? {
                        if taken.insert(i) {
                            chain.push(code);
                            next.push(i);
                        }
                    }
                }
                step = next;
            }
            Ok(chain)
        })
    }
}
