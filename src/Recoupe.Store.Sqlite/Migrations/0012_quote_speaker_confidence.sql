-- How sure each quotation's speaker is (0–1, issue 15), kept in the quotation rows beside the speaker, so that
-- `recoupe quotes --json`, `recoupe article --json` and the API show it as `extract --json` does. Rows stored before
-- have none (NULL): their articles are marked for `recoupe reprocess`, which writes their rows again.
ALTER TABLE quotes ADD COLUMN speaker_confidence REAL;
INSERT OR IGNORE INTO articles_to_reprocess (article_id, reason)
SELECT DISTINCT article_id, 'quotation rows without speaker confidence (schema 12)' FROM quotes;
