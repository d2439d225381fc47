DROP INDEX measures_open_due;
CREATE INDEX measures_meeting_id ON measures (meeting_id);
DROP INDEX measures_summary;
