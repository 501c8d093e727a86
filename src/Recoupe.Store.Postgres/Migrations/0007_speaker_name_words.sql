-- The speaker filter looked at every distinct (key, name) pair in code (7,186 on fr-news). A name matches a query only
-- when they share a word (Core's SpeakerFilter.NameWords: folded, phonetic, titles aside), so each pair keeps its name
-- words in a GIN-indexed array, written with the pair; the filter reads the pairs whose key matches or whose words
-- overlap the query's, and decides on those few in code. Pairs stored before have NULL here: the filter reads them
-- too and fills their words as it goes (the words are computed in code, not in SQL).
ALTER TABLE speakers ADD COLUMN name_words text[];
CREATE INDEX speakers_name_words ON speakers USING gin (name_words);
CREATE INDEX speakers_unfilled ON speakers (speaker_key) WHERE name_words IS NULL;
