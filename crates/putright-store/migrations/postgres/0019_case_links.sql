-- Cases linked to one another: a duplicate of another case, a related case, or a new issue
-- added to an open stage 1 complaint instead of being a complaint of its own (Code 6.8).
-- A link is stored once, from the case it was made on, and read from both ends.
CREATE TABLE case_links (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    other_id    BIGINT NOT NULL REFERENCES cases (id),
    kind        TEXT NOT NULL CHECK (kind IN ('duplicate', 'related', 'added_to_complaint')),
    note        TEXT,
    added_by    TEXT NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL,
    CHECK (case_id <> other_id),
    UNIQUE (case_id, other_id)
);
CREATE INDEX case_links_other ON case_links (other_id);
