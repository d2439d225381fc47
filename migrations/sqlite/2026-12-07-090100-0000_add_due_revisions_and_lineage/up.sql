-- Deadline revisions and lineage (SPEC §11).
--
-- A revision moves a measure's due date from one date to another, decided
-- on a day (`changed_on`, the command's --on, or the day of the import
-- that moved it), for a reason. Giving a measure its first due date is no
-- revision. As of a day before a revision was decided, the measure's due
-- date is the one before it (`from_due` of its first revision decided
-- after that day).
CREATE TABLE due_revisions (
    id INTEGER PRIMARY KEY NOT NULL,
    -- A measure removed (a mistake) takes its revisions with it.
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    changed_on DATE NOT NULL,
    from_due DATE NOT NULL,
    to_due DATE NOT NULL CHECK (to_due <> from_due),
    reason TEXT NOT NULL CHECK (reason <> ''),
    -- The import that made it (NULL: a command), so that its undo takes it
    -- back.
    import_id INTEGER REFERENCES imports (id),
    recorded_at TIMESTAMP NOT NULL
);

CREATE INDEX due_revisions_measure ON due_revisions (measure_id, changed_on);

-- The due date before the first revision (NULL: never revised, the due
-- date is the original): `from_due` of the measure's first revision, kept
-- here so that the reports at today's date read it from the measures'
-- covering indexes.
ALTER TABLE measures ADD COLUMN original_due DATE;

-- Lineage: the measure of an earlier meeting that a measure continues
-- (re-announced, expanded); a measure without one has no row. A table of
-- its own, so that a chain is read without touching the measures' rows.
CREATE TABLE measure_lineage (
    -- A measure removed (a mistake) takes its link with it; one continued
    -- by another is not removed (the writer refuses).
    measure_id INTEGER PRIMARY KEY NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    continues_id INTEGER NOT NULL REFERENCES measures (id) CHECK (continues_id <> measure_id)
);

CREATE INDEX measure_lineage_continues ON measure_lineage (continues_id);

-- The covering indexes of the reports at today's date, with the original
-- due date (`slipped`, `report overdue --against original`) at their end.
DROP INDEX measures_summary;
CREATE INDEX measures_summary
    ON measures (meeting_id, category_id, lead_ministry_id, status, due_date, status_date,
                 original_due);
DROP INDEX measures_open_due;
CREATE INDEX measures_open_due
    ON measures (due_date, code, title, meeting_id, lead_ministry_id, status, progress, status_date,
                 original_due)
    WHERE status IN ('planned', 'in-progress', 'delayed');
