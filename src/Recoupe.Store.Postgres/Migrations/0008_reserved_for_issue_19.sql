-- Reserved: the PostgreSQL store's work of issue 19 (queue workers) takes this number, while the alert tables took 0010
-- (their number in the SQLite store). Migrations run 1, 2, 3… without gaps, so the number is kept by a step that
-- changes nothing; the step that takes it replaces this file before any store migrated by it ships.
SELECT 1;
