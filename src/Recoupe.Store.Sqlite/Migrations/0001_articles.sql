-- Articles: one row per distinct cleaned text. The raw input is kept so the pipeline can run again on it.
-- Dates are ISO 8601 text; *_json columns hold JSON (camelCase) written by ColumnJson.
CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,           -- assigned in ingest order
    content_hash        TEXT    NOT NULL UNIQUE,       -- SHA-256 hex of clean_text (UTF-8)
    title               TEXT,
    published           TEXT,                          -- ISO 8601; 'Z' only when the offset was known to be UTC
    published_from      TEXT,
    outlet              TEXT,
    agency              TEXT,
    authors             TEXT    NOT NULL DEFAULT '[]', -- JSON array of names
    language            TEXT    NOT NULL DEFAULT 'und',
    language_confidence REAL    NOT NULL DEFAULT 0,
    url                 TEXT,
    dateline            TEXT,                          -- JSON {start, end, place, agency, date} or NULL
    source              TEXT    NOT NULL,              -- where the input came from (path, path:line N, URL, -)
    format              TEXT    NOT NULL,
    raw                 TEXT    NOT NULL,              -- the original input for this article
    fields              TEXT    NOT NULL,              -- JSON of the source's own fields
    clean_text          TEXT    NOT NULL,
    annotations         TEXT    NOT NULL,              -- JSON spans over clean_text (tokens are recomputed, not stored)
    pipeline_version    INTEGER NOT NULL,
    ingested_at         TEXT    NOT NULL               -- ISO 8601 UTC
);

CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
