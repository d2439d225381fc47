-- Reporting rounds: one request to the ministries for follow-up reports,
-- "as of" a date, by a due date. The request list is frozen when the round
-- opens (`round_requests`: each measure asked for, and the ministry that
-- led it then); an answer is a report that names its round
-- (`status_updates.round_id`).
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    title TEXT,
    -- The date the reports must speak of (기준일).
    as_of DATE NOT NULL,
    -- The reply deadline.
    due DATE NOT NULL CHECK (due >= as_of),
    opened_at TIMESTAMP NOT NULL,
    -- NULL while answers are taken.
    closed_at TIMESTAMP
);

CREATE TABLE round_requests (
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    -- A measure removed (a mistake) takes its request with it.
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    -- The lead ministry of the measure when the round opened.
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (round_id, measure_id)
);

CREATE INDEX round_requests_measure ON round_requests (measure_id);

-- The round a report answers (NULL: none). No index of its own: a round's
-- answers are found by measure (status_updates_history), and every index
-- of status_updates slows a bulk load. No REFERENCES here: SQLite
-- cannot drop a column that has one (down.sql); the writer only links
-- reports to a round it has checked exists and is open.
ALTER TABLE status_updates ADD COLUMN round_id INTEGER;
