DROP INDEX status_updates_history;
