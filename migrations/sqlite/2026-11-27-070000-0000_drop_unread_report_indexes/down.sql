CREATE INDEX status_updates_reported_by_id ON status_updates (reported_by_id);
CREATE INDEX status_updates_import_id ON status_updates (import_id);
