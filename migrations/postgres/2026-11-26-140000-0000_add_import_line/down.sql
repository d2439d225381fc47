ALTER TABLE status_updates DROP COLUMN import_line;
