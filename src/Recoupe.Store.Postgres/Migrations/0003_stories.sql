-- Stories, as in the SQLite store (its migration 0004): the clusterer's live stories after every run, and its saved
-- state, whose last_article is the grouper's committed position, written in the same transaction as the stories.
CREATE TABLE stories (
    id            text    PRIMARY KEY,
    label         text    NOT NULL,
    headline      text    NOT NULL,
    key_entities  text    NOT NULL DEFAULT '[]',
    key_words     text    NOT NULL DEFAULT '[]',
    size          integer NOT NULL,
    outlets       text    NOT NULL DEFAULT '[]',
    first_date    text,
    last_date     text,
    closed        boolean NOT NULL DEFAULT false
);
CREATE INDEX stories_last_date ON stories (last_date);

CREATE TABLE story_articles (
    article_id bigint  PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   text    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   integer NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);

CREATE TABLE story_copies (
    article_id  bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX story_copies_original ON story_copies (original_id);

CREATE TABLE story_events (
    seq          integer PRIMARY KEY,
    kind         text    NOT NULL,
    from_ids     text    NOT NULL,
    into_id      text    NOT NULL,
    moved        text    NOT NULL,
    triggered_by bigint,
    at           text    NOT NULL
);

CREATE TABLE story_redirects (
    old_id   text PRIMARY KEY,
    story_id text NOT NULL
);

CREATE TABLE story_index (
    id           integer PRIMARY KEY CHECK (id = 1),
    model        text    NOT NULL,
    articles     bigint  NOT NULL,
    last_article bigint  NOT NULL,
    state        bytea   NOT NULL,
    saved_at     text    NOT NULL
);
