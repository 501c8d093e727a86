-- Full-text search. Each article has two tsvectors written in its transaction: title and body (title words weighted
-- A, body words D, with a gap between them so that no phrase runs from the title into the body), and its quotations
-- with their speakers' names. The lexemes are the folded words of Core's SearchText (letters and digits, case and
-- accents removed by Core's folding table), given to PostgreSQL as tsvector values: the words, phrases and prefixes
-- that match are exactly those SQLite's FTS5 index (unicode61, remove_diacritics 2) matches, whereas PostgreSQL's
-- parser splits URLs, decimals and hyphenated words its own way, and the french / english configurations drop stop
-- words and join inflections (see docs/scale-out.md for the measured difference). GIN indexes answer @@.
ALTER TABLE articles ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
ALTER TABLE articles ADD COLUMN quotes_search tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_quotes_search ON articles USING gin (quotes_search);
