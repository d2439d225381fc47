-- The append-only history of status reports: one per measure and date; a later
-- report for the same measure and date replaces the earlier one.
CREATE TABLE status_updates (
    id INTEGER PRIMARY KEY NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    status TEXT NOT NULL
        CHECK (status IN ('planned', 'in-progress', 'completed', 'delayed', 'dropped')),
    progress INTEGER CHECK (progress BETWEEN 0 AND 100),
    reported_on DATE NOT NULL,
    reported_by_id INTEGER REFERENCES agencies (id),
    note TEXT,
    import_id INTEGER REFERENCES imports (id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (measure_id, reported_on)
);

CREATE INDEX status_updates_reported_by_id ON status_updates (reported_by_id);
CREATE INDEX status_updates_import_id ON status_updates (import_id);
