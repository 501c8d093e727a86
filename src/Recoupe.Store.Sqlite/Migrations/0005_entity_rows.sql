-- Entity mentions are no longer copied into a table of their own: nothing queried the table, and one row per
-- mention (about 23 an article on fr-news) cost more to write than the article row itself. Every mention, with its
-- span, type, name, key, role and how it was found, stays in the article's annotations column, which `recoupe
-- article` and the API read. Should a query by entity be needed, a migration can build its index from there.
DROP INDEX IF EXISTS entities_article;
DROP INDEX IF EXISTS entities_key;
DROP TABLE entities;
