-- Quotation and figure rows keyed by their article: a row's id is article_id × 2^20 + its position in the article
-- (ExtractionRowsWriter.RowId), so the rows of one article, or of a run of articles, are one range of the table's own
-- B-tree. The indexes on article_id go: each cost every row a second B-tree insert (dropping both saved 14-18 µs an
-- article of storing-thread CPU on fr-news in `store-parts`), and a rowid range reads the same rows.
-- article_id stays as a column, for joins and for reading. Articles are never deleted by Recoupe; should one be, the
-- cascade below would scan these tables (no index on article_id), which is the price of cheaper ingest.
CREATE TABLE quotes_by_article (
    id            INTEGER PRIMARY KEY,        -- article_id × 2^20 + position of the quotation in the article
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
INSERT INTO quotes_by_article (id, article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start,
                               speaker_end, cue, cue_start, cue_end)
SELECT article_id * 1048576 + row_number() OVER (PARTITION BY article_id ORDER BY rowid) - 1,
       article_id, start, "end", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue, cue_start, cue_end
FROM quotes ORDER BY article_id, rowid;
DROP TABLE quotes;
ALTER TABLE quotes_by_article RENAME TO quotes;
-- Also covers listing the distinct speakers (name, key) without reading the table.
CREATE INDEX quotes_speaker ON quotes (speaker_key, speaker_name);

CREATE TABLE figures_by_article (
    id             INTEGER PRIMARY KEY,       -- article_id × 2^20 + position of the figure in the article
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    value          TEXT    NOT NULL,          -- decimal, invariant culture (exact; REAL would round)
    text           TEXT    NOT NULL,          -- clean_text from start to end (the figure as written)
    unit           TEXT,
    counts         TEXT,
    qualifier      TEXT,
    scope          TEXT,
    claimed_by     TEXT,
    claimed_by_key TEXT
);
INSERT INTO figures_by_article (id, article_id, start, "end", value, text, unit, counts, qualifier, scope, claimed_by,
                                claimed_by_key)
SELECT article_id * 1048576 + row_number() OVER (PARTITION BY article_id ORDER BY rowid) - 1,
       article_id, start, "end", value, text, unit, counts, qualifier, scope, claimed_by, claimed_by_key
FROM figures ORDER BY article_id, rowid;
DROP TABLE figures;
ALTER TABLE figures_by_article RENAME TO figures;
