-- Where an imported report came from: the physical line of its row in the
-- file of `import_id` (the line an error message would name). With the file's
-- SHA-256 in `imports`, a report can be traced back to the cell that said it;
-- an import also uses it to name the earlier line of a repeated row.
-- NULL for reports not read from a file (update-status, add-measure).
ALTER TABLE status_updates ADD COLUMN import_line INTEGER CHECK (import_line > 0);
