-- The clusterer's saved state (3.4 MB after 1,000 fr-news articles) is written again by every grouping run. Left to
-- TOAST's default compression (pglz), writing it cost the server 312 ms at that size and gained 38 % (2.1 MB);
-- stored without compression (EXTERNAL: out of line, not compressed) it cost 52 ms. There is one row: the disk space
-- is nothing, the server CPU was most of what the assigner cost PostgreSQL (bench queue, docs/scale-out.md).
ALTER TABLE story_index ALTER COLUMN state SET STORAGE EXTERNAL;
