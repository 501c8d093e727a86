-- The speaker filter read every distinct (key, name) pair of the quotations and decided in code (7,186 pairs on
-- fr-news, 62–143 ms under load). A name matches a query only when they share a word (Core's SpeakerFilter.NameWords:
-- folded, phonetic, titles aside), so each pair's name words are indexed here, written with the quotation rows
-- (a pair without key has speaker_key ''), as PostgreSQL's speakers.name_words is. The words are computed in code,
-- not in SQL: the pairs stored before are filled by the store when it opens, while this table's one row says so.
CREATE TABLE speaker_words (
    word         TEXT NOT NULL,
    speaker_key  TEXT NOT NULL,
    speaker_name TEXT NOT NULL,
    PRIMARY KEY (word, speaker_key, speaker_name)
) WITHOUT ROWID;
CREATE TABLE speaker_words_unfilled (since_schema INTEGER NOT NULL);
INSERT INTO speaker_words_unfilled SELECT 13 WHERE EXISTS (SELECT 1 FROM quotes WHERE speaker_name IS NOT NULL);
