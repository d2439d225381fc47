-- Indexes that answer the reports at today's date on their own, without
-- reading the measures' rows (the rows carry long descriptions: at 1,000,000
-- measures the table is some 430 MB, these two indexes about 50 MB each).
--
-- The summary counts every measure by meeting, category, lead ministry and
-- current status, with its due date and status date: in this index's order,
-- with nothing to sort. Its leading column serves every lookup by meeting, so
-- the index on meeting_id alone goes.
CREATE INDEX measures_summary
    ON measures (meeting_id, category_id, lead_ministry_id, status, due_date, status_date);
DROP INDEX measures_meeting_id;

-- The overdue list: open measures by due date, then code (its order), with
-- every column it shows. Only open measures are in it.
CREATE INDEX measures_open_due
    ON measures (due_date, code, title, meeting_id, lead_ministry_id, status, progress, status_date)
    WHERE status IN ('planned', 'in-progress', 'delayed');
