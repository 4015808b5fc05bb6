-- How the landlord is to deal with the person behind a case: a representative acting with
-- their consent, how they want to be contacted, disclosed vulnerabilities and the reasonable
-- adjustments agreed (Code 5.10, special category data, so restricted), and restrictions on
-- contact for unacceptable behaviour with the reasons (5.14). Each but the first two is kept
-- under review (5.10, 5.15): the next review's day is held, and an arrangement that no longer
-- applies is ended on a day, never deleted.
CREATE TABLE contact_arrangements (
    id            INTEGER PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases (id),
    kind          TEXT NOT NULL CHECK (kind IN
                      ('representative', 'preference', 'vulnerability', 'adjustment', 'restriction')),
    restricted    BOOLEAN NOT NULL,
    details       TEXT NOT NULL,
    method        TEXT CHECK (method IN ('email', 'post', 'phone', 'text')),
    reason        TEXT,
    from_on       TEXT NOT NULL,
    review_on     TEXT CHECK (review_on >= from_on),
    reviewed_on   TEXT,
    ended_on      TEXT CHECK (ended_on >= from_on),
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX contact_arrangements_case ON contact_arrangements (case_id);
