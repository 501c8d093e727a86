-- Entities, quotations and figures as rows beside their article, so that the store can be asked "who said what"
-- and "which figures" without reading every article. Offsets are UTF-16 code units into articles.clean_text,
-- end exclusive; text columns hold that slice. The annotations column keeps the same spans for the article view.
-- Rows are written in the transaction that stores (or re-processes) the article.
CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       TEXT    NOT NULL,              -- person | organisation | place
    name       TEXT    NOT NULL,              -- canonical name of the entity in this article
    key        TEXT    NOT NULL,              -- cross-article key (people: phonetic surname key)
    role       TEXT,
    via        TEXT    NOT NULL               -- name | surname | title | role | pronoun
);
CREATE INDEX entities_article ON entities (article_id);
CREATE INDEX entities_key ON entities (key);

CREATE TABLE quotes (
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
CREATE INDEX quotes_article ON quotes (article_id);
-- Also covers listing the distinct speakers (name, key) without reading the table.
CREATE INDEX quotes_speaker ON quotes (speaker_key, speaker_name);

CREATE TABLE figures (
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
CREATE INDEX figures_article ON figures (article_id);
CREATE INDEX figures_claimed_by ON figures (claimed_by_key);

-- Articles whose derived rows are missing or stale until `recoupe reprocess` runs the pipeline on them again.
-- Articles stored before this migration have no entity, quotation or figure rows yet.
CREATE TABLE articles_to_reprocess (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    reason     TEXT    NOT NULL
);
INSERT INTO articles_to_reprocess (article_id, reason)
SELECT id, 'stored before entity, quotation and figure rows existed (schema 2)' FROM articles;
