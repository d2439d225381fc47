ALTER TABLE status_updates DROP COLUMN round_id;
DROP INDEX round_requests_measure;
DROP TABLE round_requests;
DROP TABLE rounds;
