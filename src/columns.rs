//! The CSV formats (README, "CSV formats"): canonical column names, in order. Export writes
//! them; import recognizes them (and their Korean aliases).

/// `export measures`, and the measures file that import reads.
pub const MEASURES: [&str; 14] = [
    "meeting_code",
    "meeting_date",
    "meeting_title",
    "measure_code",
    "parent_code",
    "title",
    "description",
    "category",
    "lead_ministry",
    "due_date",
    "status",
    "progress",
    "status_date",
    "note",
];

/// `export updates`, and the updates file that import reads.
pub const UPDATES: [&str; 6] = [
    "measure_code",
    "reported_on",
    "status",
    "progress",
    "reported_by",
    "note",
];

/// `export meetings`, and the meetings file that import reads.
pub const MEETINGS: [&str; 6] = ["code", "title", "held_on", "location", "chair", "source"];
