-- Stories: articles grouped by the incremental story clusterer (src/Recoupe.Core/Stories). These tables mirror the
-- clusterer's live stories after every clustering run; story_index keeps the clusterer's own state so that the next
-- ingest goes on from it instead of re-reading every article.
CREATE TABLE stories (
    id            TEXT    PRIMARY KEY,              -- 's' + 12 hex digits, from the founding article's content hash
    label         TEXT    NOT NULL,                 -- key entities and words
    headline      TEXT    NOT NULL,                 -- title of the story's most central article
    key_entities  TEXT    NOT NULL DEFAULT '[]',    -- JSON array
    key_words     TEXT    NOT NULL DEFAULT '[]',    -- JSON array
    size          INTEGER NOT NULL,
    outlets       TEXT    NOT NULL DEFAULT '[]',    -- JSON array
    first_date    TEXT,                             -- ISO 8601 date
    last_date     TEXT,
    closed        INTEGER NOT NULL DEFAULT 0        -- 1 once no article can join any more
);
CREATE INDEX stories_last_date ON stories (last_date);

CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL                     -- order in the story: date, then arrival
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- Near-duplicates: each copy and the first article of its copy group (earliest published).
CREATE TABLE story_copies (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX story_copies_original ON story_copies (original_id);

-- Every merge and split, in order.
CREATE TABLE story_events (
    seq          INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,                  -- merge | split
    from_ids     TEXT    NOT NULL,                  -- JSON array of story ids
    into_id      TEXT    NOT NULL,
    moved        TEXT    NOT NULL,                  -- JSON array of article ids
    triggered_by INTEGER,                           -- the article whose arrival caused it
    at           TEXT    NOT NULL                   -- ISO 8601 UTC
);

-- Former story ids (merged away, or gone in a recluster) and the live story each resolves to.
CREATE TABLE story_redirects (
    old_id   TEXT PRIMARY KEY,
    story_id TEXT NOT NULL
);

CREATE TABLE story_index (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    model        TEXT    NOT NULL,                  -- StoryClusterer.ModelKey: another model means recluster
    articles     INTEGER NOT NULL,                  -- articles clustered
    last_article INTEGER NOT NULL,                  -- highest article id clustered
    state        BLOB    NOT NULL,                  -- StoryClusterer.Save
    saved_at     TEXT    NOT NULL
);
