-- Articles: one row per distinct cleaned text, with the same columns and the same column text as the SQLite store
-- (Core's ArticleRow writes both): dates stay ISO 8601 text, because a date's offset is kept only when it was known
-- ('Z' for UTC, none for a local time), which timestamptz would not keep; lists and spans are ColumnJson text.
-- The raw input is kept so that the pipeline can run again on it.
CREATE TABLE articles (
    id                  bigint  PRIMARY KEY,           -- max + 1 under the writers' advisory lock: commit order, no gaps
    content_hash        text    NOT NULL UNIQUE,       -- SHA-256 hex of clean_text (UTF-8): a second copy is a duplicate
    title               text,
    published           text,                          -- ISO 8601; 'Z' only when the offset was known to be UTC
    published_from      text,
    outlet              text,
    agency              text,
    authors             text    NOT NULL DEFAULT '[]', -- JSON array of names
    language            text    NOT NULL DEFAULT 'und',
    language_confidence double precision NOT NULL DEFAULT 0,
    url                 text,
    dateline            text,                          -- JSON {start, end, place, agency, date} or NULL
    source              text    NOT NULL,
    format              text    NOT NULL,
    raw                 text    NOT NULL,
    fields              text    NOT NULL,              -- JSON of the source's own fields
    clean_text          text    NOT NULL,
    annotations         text    NOT NULL,              -- JSON spans over clean_text (text, not jsonb: kept byte for byte)
    pipeline_version    integer NOT NULL,
    ingested_at         text    NOT NULL
);

-- Quotations and figures as rows beside their article, keyed by (article, position in the article): one article's
-- rows are one range of the primary key, which is how they are read back (no second index per row to write).
CREATE TABLE quotes (
    article_id    bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    start         integer NOT NULL,
    "end"         integer NOT NULL,
    kind          text    NOT NULL,
    text          text    NOT NULL,
    speaker_name  text,
    speaker_key   text,
    speaker_start integer,
    speaker_end   integer,
    cue           text,
    cue_start     integer,
    cue_end       integer,
    PRIMARY KEY (article_id, position)
);
-- The speaker filter lists the distinct (key, name) pairs, then reads the quotations of those that match.
CREATE INDEX quotes_speaker ON quotes (speaker_key, speaker_name);

CREATE TABLE figures (
    article_id     bigint  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    start          integer NOT NULL,
    "end"          integer NOT NULL,
    value          text    NOT NULL,          -- decimal, invariant culture (exact)
    text           text    NOT NULL,
    unit           text,
    counts         text,
    qualifier      text,
    scope          text,
    claimed_by     text,
    claimed_by_key text,
    PRIMARY KEY (article_id, position)
);

-- Articles whose derived rows are stale until `recoupe reprocess` runs the pipeline on them again.
CREATE TABLE articles_to_reprocess (
    article_id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    reason     text   NOT NULL
);
