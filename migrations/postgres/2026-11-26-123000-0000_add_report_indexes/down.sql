DROP INDEX status_updates_reported_on;
DROP INDEX measures_due_date;
