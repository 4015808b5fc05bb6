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
-- description, never restricted data. A full-text index whose rows are personal_data's rows
-- (the same rowid), kept by triggers, so every way personal data is written (a live save, an
-- import, a re-import updating a person in place, an erasure) keeps it true.
CREATE VIRTUAL TABLE case_words USING fts5 (
    case_id UNINDEXED,
    words,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER case_words_insert AFTER INSERT ON personal_data
WHEN NEW.restricted = 0 AND NEW.erased_at IS NULL AND NEW.value IS NOT NULL
    AND NEW.category IN ('complainant', 'description')
BEGIN
    INSERT INTO case_words (rowid, case_id, words) VALUES (NEW.rowid, NEW.case_id,
        CASE WHEN NEW.category = 'description' THEN NEW.value
             WHEN json_valid(NEW.value) THEN coalesce(json_extract(NEW.value, '$.name'), '') || ' ' ||
                 coalesce(json_extract(NEW.value, '$.address'), '') || ' ' ||
                 coalesce(json_extract(NEW.value, '$.postcode'), '')
        END);
END;

CREATE TRIGGER case_words_update AFTER UPDATE ON personal_data
BEGIN
    DELETE FROM case_words WHERE rowid = OLD.rowid;
    INSERT INTO case_words (rowid, case_id, words)
    SELECT NEW.rowid, NEW.case_id,
        CASE WHEN NEW.category = 'description' THEN NEW.value
             WHEN json_valid(NEW.value) THEN coalesce(json_extract(NEW.value, '$.name'), '') || ' ' ||
                 coalesce(json_extract(NEW.value, '$.address'), '') || ' ' ||
                 coalesce(json_extract(NEW.value, '$.postcode'), '')
        END
    WHERE NEW.restricted = 0 AND NEW.erased_at IS NULL AND NEW.value IS NOT NULL
        AND NEW.category IN ('complainant', 'description');
END;

CREATE TRIGGER case_words_delete AFTER DELETE ON personal_data
BEGIN
    DELETE FROM case_words WHERE rowid = OLD.rowid;
END;

INSERT INTO case_words (rowid, case_id, words)
SELECT rowid, case_id,
    CASE WHEN category = 'description' THEN value
         WHEN json_valid(value) THEN coalesce(json_extract(value, '$.name'), '') || ' ' ||
                 coalesce(json_extract(value, '$.address'), '') || ' ' ||
                 coalesce(json_extract(value, '$.postcode'), '')
    END
FROM personal_data
WHERE restricted = 0 AND erased_at IS NULL AND value IS NOT NULL
    AND category IN ('complainant', 'description');
