-- Validators of listings a source leads to beyond its own URL (a sitemap index's child sitemaps), saved once the items
-- they listed are stored: a restarted watch asks for each conditionally, and an unchanged child answers 304 instead of
-- being read whole again. The source's own listing keeps its validators in sources (etag, last_modified).
CREATE TABLE listing_validators (
    url            TEXT    PRIMARY KEY,
    source_id      INTEGER NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    saved_at       TEXT    NOT NULL
) WITHOUT ROWID;
