-- Quotations are searched through the article index instead of an index of their own. quotes_fts held one row per
-- quotation, and FTS5's cost per row (its size record, a segment entry, merges) made it cost more than the quotation
-- rows themselves: about 145 µs an article on fr-news, a third of what extraction added to storing an article.
-- articles_fts gains a third column, quotes: the article's quotations and their speakers' names, one per line.
-- Quotation search asks that column which articles match, best first, then keeps the quotations of those articles
-- that match by themselves (SqliteArticleStore.SearchQuotes); article search is limited to title and body.

-- Articles stored before quotation rows existed (schema 1, not re-processed since) had their quotations indexed from
-- their annotations by migration 0003; they get their rows from there, so that search keeps them. As in 0003, a
-- backfilled row's text may be shifted after a character outside the Basic Multilingual Plane (substr() counts
-- characters, offsets count UTF-16 code units); its start and end are exact, and re-processing rewrites the row.
INSERT INTO quotes (article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue,
                    cue_start, cue_end)
SELECT a.id, json_extract(q.value, '$.start'), json_extract(q.value, '$.end'),
       coalesce(json_extract(q.value, '$.kind'), 'direct'),
       substr(a.clean_text, json_extract(q.value, '$.start') + 1,
              json_extract(q.value, '$.end') - json_extract(q.value, '$.start')),
       json_extract(q.value, '$.speakerName'), json_extract(q.value, '$.speakerKey'),
       json_extract(q.value, '$.speakerSpan.start'), json_extract(q.value, '$.speakerSpan.end'),
       json_extract(q.value, '$.cue'), json_extract(q.value, '$.cueSpan.start'), json_extract(q.value, '$.cueSpan.end')
FROM articles a, json_each(a.annotations, '$.quotes') q
WHERE a.id IN (SELECT article_id FROM articles_to_reprocess)
  AND NOT EXISTS (SELECT 1 FROM quotes w WHERE w.article_id = a.id)
ORDER BY a.id, q.key;

DROP TABLE quotes_fts;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, quotes,
    tokenize = "unicode61 remove_diacritics 2"
);  -- rowid = articles.id

INSERT INTO articles_fts (rowid, title, body, quotes)
SELECT a.id, coalesce(a.title, ''), a.clean_text,
       coalesce((SELECT group_concat(line, char(10))
                 FROM (SELECT q.text || ' ' || coalesce(q.speaker_name, '') AS line
                       FROM quotes q WHERE q.article_id = a.id ORDER BY q.rowid)), '')
FROM articles a;

-- Nothing reads figures by who claims them (`recoupe figures` and the API list them by article), so the index on
-- claimed_by_key only cost every figure row a second B-tree insert at a random place.
DROP INDEX IF EXISTS figures_claimed_by;
