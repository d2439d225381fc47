CREATE TABLE meetings (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (code <> '' AND code = lower(code)),
    title TEXT NOT NULL,
    held_on DATE NOT NULL,
    location TEXT,
    chair TEXT,
    source TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
