-- One row per entity an article names, instead of one per mention: the index that answers "which articles name
-- this person/organisation/place". Every mention, with its span, stays in the article's annotations column. A row
-- per mention cost about as much to write as the rest of the article and nothing read it.
CREATE TABLE article_entities (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,              -- person | organisation | place
    key         TEXT    NOT NULL,              -- cross-article key (people: phonetic surname key)
    name        TEXT    NOT NULL,              -- canonical name of the entity in this article
    role        TEXT,                          -- the first role the article gives it
    mentions    INTEGER NOT NULL,              -- how many mentions (name, surname, title, role, pronoun)
    first_start INTEGER NOT NULL,              -- span of the first mention in clean_text (UTF-16, end exclusive)
    first_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, type, key)
) WITHOUT ROWID;
CREATE INDEX article_entities_key ON article_entities (key, type);

-- SQLite takes the bare columns (name, first_end) from the row that gives min(start).
INSERT INTO article_entities (article_id, type, key, name, role, mentions, first_start, first_end)
SELECT article_id, type, key, name,
       (SELECT role FROM entities r WHERE r.article_id = e.article_id AND r.type = e.type AND r.key = e.key AND r.role IS NOT NULL ORDER BY r.start LIMIT 1),
       count(*), min(start), "end"
FROM entities e
GROUP BY article_id, type, key;

DROP TABLE entities;
