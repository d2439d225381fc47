-- Ministries and agencies. Every spelling that should resolve to an agency
-- (its code, both names, short names, abbreviations) is a row of agency_aliases,
-- stored normalized: lower case, white space removed. One alias, one agency.
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name_ko TEXT NOT NULL UNIQUE CHECK (name_ko <> ''),
    name_en TEXT NOT NULL
);

CREATE TABLE agency_aliases (
    alias TEXT PRIMARY KEY NOT NULL CHECK (alias <> ''),
    agency_id INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE
);

CREATE INDEX agency_aliases_agency_id ON agency_aliases (agency_id);
