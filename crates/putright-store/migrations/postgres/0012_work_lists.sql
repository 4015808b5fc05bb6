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
-- description, never restricted data. One row per personal_data row, kept by a trigger, so
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
        WHEN category = 'complainant' AND left(ltrim(value), 1) = '{' THEN concat_ws(' ',
            value::jsonb ->> 'name', value::jsonb ->> 'address', value::jsonb ->> 'postcode')
    END
$$;

CREATE FUNCTION case_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    text_found TEXT := case_words_text(NEW.category, NEW.restricted, NEW.erased_at, NEW.value);
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM case_words WHERE personal_id = OLD.id;
    END IF;
    IF text_found IS NOT NULL THEN
        INSERT INTO case_words (personal_id, case_id, words)
        VALUES (NEW.id, NEW.case_id, to_tsvector('simple', text_found));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_words_keep AFTER INSERT OR UPDATE ON personal_data
FOR EACH ROW EXECUTE FUNCTION case_words_keep();

INSERT INTO case_words (personal_id, case_id, words)
SELECT id, case_id, to_tsvector('simple', t)
FROM (SELECT id, case_id, case_words_text(category, restricted, erased_at, value) AS t
      FROM personal_data) AS p
WHERE t IS NOT NULL;
