-- Story alerts and webhooks (issue 18). A migration of their own, after the watched sources of 0009, because alerts
-- follow the stories whatever fed them (ingest, the API, watch): rules saying which story events matter, each event
-- found once under a stable id (receivers deduplicate on it), what a story had when it was last alerted, how far the
-- detector has read, and webhooks with a delivery row per event (written with the event, so none is lost) and a log
-- of every attempt.

-- What to alert on. kind: outlets (a story reaches `outlets` outlets), growth (a story gains `outlets` outlets within
-- `within_seconds`), conflict (figures of two outlets disagree), speaker (a new statement by `speaker`). `query`:
-- words the story's label, headline, names and key words must all hold (null: every story).
CREATE TABLE alert_rules (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    outlets         INTEGER,
    within_seconds  INTEGER,
    speaker         TEXT,
    query           TEXT,
    added_at        TEXT    NOT NULL
);
-- The rules a new store starts with: a story reaching 3 outlets, a story gaining 2 outlets within 6 hours, a conflict.
INSERT INTO alert_rules (kind, outlets, within_seconds, added_at) VALUES
    ('outlets', 3, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('growth', 2, 21600, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('conflict', NULL, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Every event found, in the order found. id is derived from the rule, the story (or article) and what happened, so
-- finding the same thing again adds nothing.
CREATE TABLE alert_events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    rule_id     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,              -- story.new | story.growing | story.conflict | speaker.statement
    story_id    TEXT,
    article_id  INTEGER,                       -- the article whose arrival raised it
    at          TEXT    NOT NULL,              -- ISO 8601 UTC, when it was found
    title       TEXT    NOT NULL,              -- the story's headline
    detail      TEXT    NOT NULL               -- JSON: outlets, gain, the conflicting figures, the statement
);
CREATE INDEX alert_events_story ON alert_events (story_id, seq);

-- Per story and rule: the outlets it had when last alerted (a story is alerted again only when it grew past that).
CREATE TABLE alert_marks (
    story_id  TEXT    NOT NULL,
    rule_id   INTEGER NOT NULL,
    outlets   INTEGER NOT NULL,
    PRIMARY KEY (story_id, rule_id)
) WITHOUT ROWID;

-- The highest grouped article the detector has read. A store that already has stories starts after them (no alerts
-- for its history).
CREATE TABLE alert_position (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_article  INTEGER NOT NULL
);
INSERT INTO alert_position (id, last_article) VALUES (1, COALESCE((SELECT last_article FROM story_index WHERE id = 1), 0));

-- Webhooks: events (JSON array of kinds, or ["*"]) found after first_seq are POSTed, signed with the secret.
CREATE TABLE hooks (
    id         INTEGER PRIMARY KEY,
    url        TEXT    NOT NULL,
    secret     TEXT    NOT NULL,
    events     TEXT    NOT NULL DEFAULT '["*"]',
    added_at   TEXT    NOT NULL,
    first_seq  INTEGER NOT NULL
);

-- One row per event and hook, written in the event's transaction: pending until a 2xx, failed after the last attempt.
CREATE TABLE hook_deliveries (
    hook_id       INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
    event_seq     INTEGER NOT NULL REFERENCES alert_events (seq) ON DELETE CASCADE,
    status        TEXT    NOT NULL DEFAULT 'pending',   -- pending | delivered | failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT    NOT NULL,
    delivered_at  TEXT,
    PRIMARY KEY (hook_id, event_seq)
) WITHOUT ROWID;
CREATE INDEX hook_deliveries_due ON hook_deliveries (status, next_attempt);

-- Every attempt: when, what the receiver answered (HTTP status, or the error), how long it took.
CREATE TABLE hook_attempts (
    id          INTEGER PRIMARY KEY,
    hook_id     INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
    event_seq   INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    status      INTEGER,
    error       TEXT,
    millis      INTEGER NOT NULL
);
