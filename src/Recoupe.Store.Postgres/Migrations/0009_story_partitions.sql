-- Story partitions (issue 19, `assign --languages fr,en`): one assigner per partition, each with its own saved state
-- and position (a story_index row per partition), its own stories and its own event sequence. The partition '' holds
-- every language, as before: its row keeps id = 1 (what the alert detector and older readers look up); a named
-- partition's row has no id. `languages` and `all_but` say which articles a partition groups: those whose detected
-- language is in the list, or (all_but) every other one ('' is all_but with an empty list: every article).
ALTER TABLE story_index DROP CONSTRAINT story_index_pkey;
ALTER TABLE story_index ALTER COLUMN id DROP NOT NULL;
ALTER TABLE story_index ADD CONSTRAINT story_index_id_key UNIQUE (id);
ALTER TABLE story_index ADD COLUMN partition text NOT NULL DEFAULT '';
ALTER TABLE story_index ADD COLUMN languages text[] NOT NULL DEFAULT '{}';
ALTER TABLE story_index ADD COLUMN all_but boolean NOT NULL DEFAULT true;
ALTER TABLE story_index ADD PRIMARY KEY (partition);
ALTER TABLE story_index ADD CONSTRAINT story_index_all_has_id CHECK ((partition = '') = (id IS NOT NULL));

ALTER TABLE stories ADD COLUMN partition text NOT NULL DEFAULT '';
CREATE INDEX stories_partition ON stories (partition);

ALTER TABLE story_events ADD COLUMN partition text NOT NULL DEFAULT '';
ALTER TABLE story_events DROP CONSTRAINT story_events_pkey;
ALTER TABLE story_events ADD PRIMARY KEY (partition, seq);
