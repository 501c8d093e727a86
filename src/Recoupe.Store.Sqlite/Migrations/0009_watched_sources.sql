-- Watched sources (recoupe sources / watch): one row per source URL, with the state that lets `watch` resume after a
-- restart: validators for conditional GET, when it is next due, consecutive and total errors, items found.
CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    url              TEXT    NOT NULL UNIQUE,     -- as given (canonicalised)
    name             TEXT,
    every_seconds    INTEGER NOT NULL,            -- the polling interval asked for
    added_at         TEXT    NOT NULL,            -- ISO 8601 UTC
    kind             TEXT,                        -- feed | json-feed | sitemap | page, once known
    feed_url         TEXT,                        -- what is polled: the URL itself or the feed/sitemap a page led to
    last_poll        TEXT,
    last_success     TEXT,
    etag             TEXT,
    last_modified    TEXT,
    next_due         TEXT    NOT NULL,
    errors           INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls (backoff)
    total_errors     INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    unchanged_polls  INTEGER NOT NULL DEFAULT 0,  -- consecutive polls with nothing new (slower polling)
    items            INTEGER NOT NULL DEFAULT 0   -- articles stored from this source
);

-- Every item URL seen (canonical), so an item's page is fetched once; signature is what the feed said of the item
-- (a changed one means an update: the page is fetched again, conditionally, and a changed text becomes a version).
CREATE TABLE source_items (
    url            TEXT    PRIMARY KEY,
    source_id      INTEGER NOT NULL,
    article_id     INTEGER,                       -- null while its page is being fetched, or when nothing was stored
    signature      TEXT,
    etag           TEXT,
    last_modified  TEXT,
    seen_at        TEXT    NOT NULL,
    outcome        TEXT    NOT NULL DEFAULT 'pending'  -- pending | stored | duplicate | failed
) WITHOUT ROWID;

-- Former texts of an article whose page changed: the articles row holds the latest, these the ones before it.
CREATE TABLE article_versions (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    content_hash  TEXT    NOT NULL,
    title         TEXT,
    clean_text    TEXT    NOT NULL,
    raw           TEXT    NOT NULL,
    replaced_at   TEXT    NOT NULL,
    PRIMARY KEY (article_id, content_hash)
) WITHOUT ROWID;

-- A restarted watch finds what a killed one stored but did not record, by URL.
CREATE INDEX articles_url ON articles (url);
