-- The staff app's lists. Open stages are found by partial indexes (few of a landlord's stages
-- are open at once): by due date, by handler, and those not yet acknowledged; so are open
-- service requests and enquiries, and cases with outstanding actions.
CREATE INDEX stages_open_due ON stages (response_due) WHERE ended_on IS NULL;
CREATE INDEX stages_open_handler ON stages (handler, response_due) WHERE ended_on IS NULL;
CREATE INDEX stages_unacknowledged ON stages (acknowledgement_due)
    WHERE ended_on IS NULL AND acknowledged_on IS NULL;
CREATE INDEX cases_open_requests ON cases (request_due) WHERE status = 'open';
CREATE INDEX cases_with_actions ON cases (id) WHERE open_actions > 0;

-- The words a case is found by: the complainant's name, address and postcode, and the
-- description, never restricted data. One row per personal_data row, kept by triggers, so
-- every way personal data is written (a live save, an import, a re-import updating a person
-- in place, an erasure) keeps it true.
CREATE TABLE case_words (
    personal_id  TEXT PRIMARY KEY REFERENCES personal_data (id) ON DELETE CASCADE,
    case_id      BIGINT NOT NULL,
    words        tsvector NOT NULL
);
CREATE INDEX case_words_words ON case_words USING gin (words);

-- The searchable text of a personal_data row, or NULL if it has none. Values are written by
-- putright as JSON (the complainant) or plain text (the description).
CREATE FUNCTION case_words_text(category TEXT, restricted BOOLEAN, erased TIMESTAMPTZ, value TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN restricted OR erased IS NOT NULL OR value IS NULL THEN NULL
        WHEN category = 'description' THEN value
        WHEN category = 'complainant' AND left(ltrim(value), 1) = '{' THEN (
            SELECT concat_ws(' ', j ->> 'name', j ->> 'address', j ->> 'postcode')
            FROM (SELECT value::jsonb AS j) AS parsed)
    END
$$;

-- Kept by statement-level triggers over the rows each statement wrote, so an import's COPY of
-- a million rows adds its words in one set-based INSERT rather than a million calls.
CREATE FUNCTION case_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_words (personal_id, case_id, words)
    SELECT id, case_id, to_tsvector('simple', t)
    FROM (SELECT id, case_id, case_words_text(category, restricted, erased_at, value) AS t
          FROM inserted) AS p
    WHERE t IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE FUNCTION case_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM case_words w USING replaced r WHERE w.personal_id = r.id;
    INSERT INTO case_words (personal_id, case_id, words)
    SELECT id, case_id, to_tsvector('simple', t)
    FROM (SELECT id, case_id, case_words_text(category, restricted, erased_at, value) AS t
          FROM updated) AS p
    WHERE t IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_words_inserted AFTER INSERT ON personal_data
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION case_words_inserted();

CREATE TRIGGER case_words_updated AFTER UPDATE ON personal_data
REFERENCING OLD TABLE AS replaced NEW TABLE AS updated
FOR EACH STATEMENT EXECUTE FUNCTION case_words_updated();

INSERT INTO case_words (personal_id, case_id, words)
SELECT id, case_id, to_tsvector('simple', t)
FROM (SELECT id, case_id, case_words_text(category, restricted, erased_at, value) AS t
      FROM personal_data) AS p
WHERE t IS NOT NULL;
