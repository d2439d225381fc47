-- Measures announced at a meeting. status, progress and status_date mirror the
-- latest status update (by reported_on, ties by the later recorded); they are
-- written in the same transaction as the update.
CREATE TABLE measures (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (code <> '' AND code = lower(code)),
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    parent_id INTEGER REFERENCES measures (id),
    title TEXT NOT NULL CHECK (title <> ''),
    description TEXT,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    lead_ministry_id INTEGER REFERENCES agencies (id),
    due_date DATE,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in-progress', 'completed', 'delayed', 'dropped')),
    progress INTEGER CHECK (progress BETWEEN 0 AND 100),
    status_date DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX measures_meeting_id ON measures (meeting_id);
CREATE INDEX measures_parent_id ON measures (parent_id);
CREATE INDEX measures_category_id ON measures (category_id);
CREATE INDEX measures_lead_ministry_id ON measures (lead_ministry_id);
