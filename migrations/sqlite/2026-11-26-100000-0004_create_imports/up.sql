-- One row per import run that wrote anything: where the data came from.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('measures', 'updates', 'meetings')),
    encoding TEXT NOT NULL,
    inserted INTEGER NOT NULL CHECK (inserted >= 0),
    updated INTEGER NOT NULL CHECK (updated >= 0),
    unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
    rejected INTEGER NOT NULL CHECK (rejected >= 0),
    imported_at TIMESTAMP NOT NULL
);
