-- Indexes for the reports: overdue measures by due date, and the
-- status changes reported in a window of dates. The as-of status of a measure
-- already uses the UNIQUE (measure_id, reported_on) index of status_updates.
CREATE INDEX measures_due_date ON measures (due_date);
CREATE INDEX status_updates_reported_on ON status_updates (reported_on);
