DROP TABLE agency_aliases;
DROP TABLE agencies;
