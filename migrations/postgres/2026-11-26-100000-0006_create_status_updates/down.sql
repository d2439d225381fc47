DROP TABLE status_updates;
