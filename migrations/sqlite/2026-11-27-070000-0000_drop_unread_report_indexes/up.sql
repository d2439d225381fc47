-- No query looks reports up by their reporter or by their import: these two
-- indexes served only the foreign keys' checks when an agency or an imports
-- row is deleted, which policy-track never does (an import that writes
-- nothing writes no imports row, rather than removing it). They cost every
-- report written, and a large import built both again over the whole table:
-- at 1,000,000 measures and 4,000,000 reports, longer together than the
-- history index that the reports do read.
DROP INDEX status_updates_reported_by_id;
DROP INDEX status_updates_import_id;
