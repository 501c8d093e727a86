-- Placeholder: number 0009 is taken by another branch of session 11; the migration loader refuses gaps. Drop this file
-- at merge (and renumber 0010_watched_sources.sql to follow whatever 0009 becomes).
SELECT 1;
