ALTER TABLE imports DROP COLUMN undone_at;
ALTER TABLE measures DROP COLUMN import_id;
ALTER TABLE meetings DROP COLUMN import_id;
DROP TABLE changes;
