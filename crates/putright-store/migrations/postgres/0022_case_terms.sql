-- Search by whole words, newest case first. The GIN index over each record's words found
-- every match of a common word ("smith", "road") before any could be ordered, so a search
-- cost as much as the word was common. A b-tree of (word, case) pairs gives a word's cases in
-- order, newest first, and stops at the list's limit. The words are the 'simple'
-- configuration's, as before, so a search finds what it found.
CREATE TABLE case_terms (
    term     TEXT NOT NULL,
    case_id  BIGINT NOT NULL,
    PRIMARY KEY (term, case_id)
);

DROP TRIGGER case_words_inserted ON personal_data;
DROP TRIGGER case_words_updated ON personal_data;
DROP FUNCTION case_words_inserted();
DROP FUNCTION case_words_updated();
DROP TABLE case_words;

-- Kept by statement-level triggers over the rows each statement wrote, as the words were. The
-- pairs go in in the b-tree's order, so an import's chunk of records writes each page of the
-- index once rather than at random.
CREATE FUNCTION case_terms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_terms (term, case_id)
    SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', t))) AS term, case_id
    FROM (SELECT case_id, case_words_text(category, restricted, erased_at, value) AS t
          FROM inserted) AS p
    WHERE t IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- A record changed in place (a re-import, an erasure) loses the words it had; another record
-- of the same case may still have some of them, so the touched cases' words are then worked
-- out again from all their records.
CREATE FUNCTION case_terms_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM case_terms c
    USING (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', t))) AS term, case_id
           FROM (SELECT case_id, case_words_text(category, restricted, erased_at, value) AS t
                 FROM replaced) AS p
           WHERE t IS NOT NULL) AS lost
    WHERE c.term = lost.term AND c.case_id = lost.case_id;
    INSERT INTO case_terms (term, case_id)
    SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', t))) AS term, case_id
    FROM (SELECT case_id, case_words_text(category, restricted, erased_at, value) AS t
          FROM personal_data
          WHERE case_id IN (SELECT case_id FROM updated)) AS p
    WHERE t IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_terms_inserted AFTER INSERT ON personal_data
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION case_terms_inserted();

CREATE TRIGGER case_terms_updated AFTER UPDATE ON personal_data
REFERENCING OLD TABLE AS replaced NEW TABLE AS updated
FOR EACH STATEMENT EXECUTE FUNCTION case_terms_updated();

INSERT INTO case_terms (term, case_id)
SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', t))), case_id
FROM (SELECT case_id, case_words_text(category, restricted, erased_at, value) AS t
      FROM personal_data) AS p
WHERE t IS NOT NULL;
