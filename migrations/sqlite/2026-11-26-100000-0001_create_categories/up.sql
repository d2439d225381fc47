-- Policy areas a measure belongs to (regulation easing, data opening, ...).
CREATE TABLE categories (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (code <> '' AND code = lower(code)),
    name_ko TEXT NOT NULL,
    name_en TEXT NOT NULL
);
