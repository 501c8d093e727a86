-- Full-text search over articles (title, clean text) and quotations (text, speaker) with SQLite FTS5.
-- unicode61 with remove_diacritics 2 folds case and accents ("etat" finds "État"), in French and English alike.
-- Both tables keep their own copy of the text they index (not external content), so an article's rows can be
-- deleted by rowid alone when it is re-processed. Rows are written in the article's transaction (SearchRowsWriter).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    tokenize = "unicode61 remove_diacritics 2"
);  -- rowid = articles.id

-- rowid = article id * 65536 + the quotation's index in the article, so one article's rows are one rowid range.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker,
    article_id UNINDEXED, start UNINDEXED, "end" UNINDEXED, kind UNINDEXED, speaker_key UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2"
);

-- Articles stored before this migration. Offsets are UTF-16 code units and substr() counts characters: they agree
-- except after a character outside the Basic Multilingual Plane (emoji), where a backfilled quotation's indexed text
-- may be shifted; its start and end stay exact. Articles stored from now on are indexed from the document itself.
INSERT INTO articles_fts (rowid, title, body)
SELECT id, coalesce(title, ''), clean_text FROM articles;

INSERT INTO quotes_fts (rowid, text, speaker, article_id, start, "end", kind, speaker_key)
SELECT a.id * 65536 + q.key,
       substr(a.clean_text, json_extract(q.value, '$.start') + 1,
              json_extract(q.value, '$.end') - json_extract(q.value, '$.start')),
       coalesce(json_extract(q.value, '$.speakerName'), ''),
       a.id, json_extract(q.value, '$.start'), json_extract(q.value, '$.end'),
       coalesce(json_extract(q.value, '$.kind'), 'direct'), json_extract(q.value, '$.speakerKey')
FROM articles a, json_each(a.annotations, '$.quotes') q
WHERE q.key < 65536;
