-- The office's word on a report (SPEC §11): confirmed, or disputed with its
-- own status and progress when it gives them. Each judgement is a row of its
-- own, dated the day it was made (`assessed_on`): as of a day, a report's
-- assessment is its latest made on or before it (ties: the later
-- recorded), so a changed assessment keeps the earlier one, and `--as-of`
-- sees the one that stood then. A report retracted or removed takes its
-- assessments with it (their versions stay in the change log).
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY NOT NULL,
    update_id INTEGER NOT NULL REFERENCES status_updates (id) ON DELETE CASCADE,
    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'disputed')),
    -- The office's status and progress (disputed only; NULL: as reported).
    status TEXT
        CHECK (status IN ('planned', 'in-progress', 'completed', 'delayed', 'dropped')),
    progress INTEGER CHECK (progress BETWEEN 0 AND 100),
    note TEXT,
    assessed_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (verdict = 'disputed' OR (status IS NULL AND progress IS NULL))
);

-- A report's assessment as of a day: one seek.
CREATE INDEX assessments_report ON assessments (update_id, assessed_on);

-- Where a report's word can be checked: a URL or a document reference
-- (공문 번호, 보도자료). NULL: none given.
ALTER TABLE status_updates ADD COLUMN evidence TEXT;
