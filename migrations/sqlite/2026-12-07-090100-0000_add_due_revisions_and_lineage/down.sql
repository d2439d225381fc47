DROP INDEX measures_open_due;
CREATE INDEX measures_open_due
    ON measures (due_date, code, title, meeting_id, lead_ministry_id, status, progress, status_date)
    WHERE status IN ('planned', 'in-progress', 'delayed');
DROP INDEX measures_summary;
CREATE INDEX measures_summary
    ON measures (meeting_id, category_id, lead_ministry_id, status, due_date, status_date);
DROP INDEX measure_lineage_continues;
DROP TABLE measure_lineage;
ALTER TABLE measures DROP COLUMN original_due;
DROP INDEX due_revisions_measure;
DROP TABLE due_revisions;
