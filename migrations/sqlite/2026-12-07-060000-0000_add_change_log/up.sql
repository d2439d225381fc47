-- The change log: every change to meetings, measures and reports, written in
-- the transaction that made it. One row per changed field of a meeting or a
-- measure; a report's versions whole (old and new as JSON objects), since a
-- report is one ministry's word on one day. Rows an import creates are not
-- logged one by one: they carry the import's id (measures.import_id,
-- meetings.import_id, status_updates.import_id) and the import one
-- `action = 'import'` row, which orders it among the other changes.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    -- What made the change: the command (`update-status`, `edit-measure`,
    -- `imports undo`, ...) or `import`.
    command TEXT NOT NULL CHECK (command <> ''),
    -- The import the change belongs to (its own writes, or, for an undo,
    -- the import undone).
    import_id INTEGER,
    -- meeting, measure, report, import (more as the tool records more).
    entity TEXT NOT NULL,
    -- The meeting's or the measure's code (a report's measure); for an
    -- import, its file name.
    code TEXT NOT NULL,
    -- A report's date.
    reported_on DATE,
    -- create, update, correct, retract, remove, import, undo.
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
);

CREATE INDEX changes_code ON changes (code);
CREATE INDEX changes_import_id ON changes (import_id);

-- The import that created a meeting or a measure (NULL: a command), so that
-- an undo finds what the import created without a log row for each.
ALTER TABLE meetings ADD COLUMN import_id INTEGER;
ALTER TABLE measures ADD COLUMN import_id INTEGER;
-- When the import was undone (NULL: it stands).
ALTER TABLE imports ADD COLUMN undone_at TIMESTAMP;
