//! Provenance: the `imports` row of a file, written lazily with the first
//! report that points at it (or, for a file that wrote only measures or
//! meetings, when the file is finished), so that a run that writes nothing
//! never writes it; completed at the end with the counts and the file's
//! SHA-256. A command has no provenance: its reports point at no file.

use diesel::prelude::*;

use super::cache::Known;
use super::log::{Action, Change, Entity};
use super::{Counts, Writer};
use crate::error::Result;
use crate::model::NewImport;
use crate::schema::imports;

/// The file an import run reads, as its `imports` row names it.
pub struct Provenance {
    pub file_name: String,
    pub kind: String,
    pub encoding: String,
}

impl Writer<'_> {
    /// Where the reports written next come from: the run's `imports` row
    /// and `line` for a file (`known` learns the row's id, to tell this
    /// run's reports from earlier ones), `(None, None)` for a command.
    pub(super) fn report_source(
        &mut self,
        known: &mut Known,
        line: u64,
    ) -> Result<(Option<i32>, Option<i32>)> {
        if self.provenance.is_none() {
            return Ok((None, None));
        }
        let id = self.provenance_row()?;
        known.import_id = Some(id);
        Ok((Some(id), i32::try_from(line).ok()))
    }

    /// The run's `imports` row, written the first time it is needed.
    pub(super) fn provenance_row(&mut self) -> Result<i32> {
        if let Some(id) = self.import_id {
            return Ok(id);
        }
        let p = self
            .provenance
            .as_ref()
            .expect("a file's writer has its provenance");
        let id = diesel::insert_into(imports::table)
            .values(&NewImport {
                file_name: &p.file_name,
                sha256: "",
                kind: &p.kind,
                encoding: &p.encoding,
                inserted: 0,
                updated: 0,
                unchanged: 0,
                rejected: 0,
                imported_at: self.now,
            })
            .returning(imports::id)
            .get_result(self.conn)?;
        self.import_id = Some(id);
        let file = p.file_name.clone();
        self.push_change(Some(id), Change::new(Entity::Import, &file, Action::Import));
        Ok(id)
    }

    /// Completes the provenance row with the counts and the file's SHA-256,
    /// writing it now if no report has yet (a file of new measures without
    /// reports, or of meetings); a run that wrote nothing has none.
    pub(super) fn complete_provenance(&mut self, counts: &Counts, sha256: &str) -> Result<()> {
        if self.provenance.is_none()
            || (counts.inserted == 0 && counts.updated == 0 && self.import_id.is_none())
        {
            return Ok(());
        }
        let id = self.provenance_row()?;
        diesel::update(imports::table.find(id))
            .set((
                imports::sha256.eq(sha256),
                imports::inserted.eq(counts.inserted),
                imports::updated.eq(counts.updated),
                imports::unchanged.eq(counts.unchanged),
                imports::rejected.eq(counts.rejected),
            ))
            .execute(self.conn)?;
        Ok(())
    }
}
