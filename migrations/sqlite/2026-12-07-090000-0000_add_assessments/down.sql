ALTER TABLE status_updates DROP COLUMN evidence;
DROP INDEX assessments_report;
DROP TABLE assessments;
