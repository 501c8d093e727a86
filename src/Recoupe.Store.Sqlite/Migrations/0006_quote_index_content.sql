-- The quotation index keeps no copy of its own: it becomes an external-content FTS5 table over the quotes table,
-- which holds each quotation once (before, the index kept a second copy of the text, speaker and offsets).
-- ExtractionRowsWriter indexes a quotation right after inserting its row (an AFTER INSERT trigger doing the same
-- cost about 160 µs more an article on fr-news); a trigger removes it from the index whenever its row is deleted, by re-processing or by
-- the cascade from articles, so the index cannot keep a deleted quotation.
-- Quotations get an explicit id (INTEGER PRIMARY KEY): the index refers to rows by id, and VACUUM may renumber the
-- implicit rowids of a table that has none. Existing rows keep their rowid as their id.
CREATE TABLE quotes_with_id (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    kind          TEXT    NOT NULL,           -- direct | partial | indirect
    text          TEXT    NOT NULL,           -- clean_text from start to end
    speaker_name  TEXT,
    speaker_key   TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER
);
INSERT INTO quotes_with_id (id, article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start,
                            speaker_end, cue, cue_start, cue_end)
SELECT rowid, article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue,
       cue_start, cue_end
FROM quotes ORDER BY rowid;
-- Articles stored before quotation rows existed (schema 1, not re-processed since) had their quotations indexed from
-- their annotations by migration 0003; they get their rows from there too, so that the index keeps them. As in 0003,
-- a backfilled row's text may be shifted after a character outside the Basic Multilingual Plane (substr() counts
-- characters, offsets count UTF-16 code units); its start and end are exact, and re-processing rewrites the row.
INSERT INTO quotes_with_id (article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start,
                            speaker_end, cue, cue_start, cue_end)
SELECT a.id, json_extract(q.value, '$.start'), json_extract(q.value, '$.end'),
       coalesce(json_extract(q.value, '$.kind'), 'direct'),
       substr(a.clean_text, json_extract(q.value, '$.start') + 1,
              json_extract(q.value, '$.end') - json_extract(q.value, '$.start')),
       json_extract(q.value, '$.speakerName'), json_extract(q.value, '$.speakerKey'),
       json_extract(q.value, '$.speakerSpan.start'), json_extract(q.value, '$.speakerSpan.end'),
       json_extract(q.value, '$.cue'), json_extract(q.value, '$.cueSpan.start'), json_extract(q.value, '$.cueSpan.end')
FROM articles a, json_each(a.annotations, '$.quotes') q
WHERE a.id IN (SELECT article_id FROM articles_to_reprocess)
  AND NOT EXISTS (SELECT 1 FROM quotes_with_id w WHERE w.article_id = a.id)
ORDER BY a.id, q.key;
DROP INDEX IF EXISTS quotes_article;
DROP INDEX IF EXISTS quotes_speaker;
DROP TABLE quotes;
ALTER TABLE quotes_with_id RENAME TO quotes;
CREATE INDEX quotes_article ON quotes (article_id);
-- Also covers listing the distinct speakers (name, key) without reading the table.
CREATE INDEX quotes_speaker ON quotes (speaker_key, speaker_name);

DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name,
    content = 'quotes', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2"
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');

-- Fires for deletes by article (re-processing) and for the cascade when an article row is deleted.
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id, old.text, old.speaker_name);
END;
