-- Responses drafted and sent to the complaints officer for a quality check before they are
-- issued. A draft is what was typed on the response form (personal data, like the texts the
-- events point to); issuing it records the response and settles the draft in one save.
CREATE TABLE response_drafts (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    stage       BIGINT NOT NULL CHECK (stage IN (1, 2)),
    answers     TEXT NOT NULL,
    drafted_by  TEXT NOT NULL,
    drafted_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('awaiting_check', 'returned', 'issued')),
    checked_by  TEXT,
    checked_at  TEXT,
    comment     TEXT
);
CREATE INDEX response_drafts_case ON response_drafts (case_id);
CREATE INDEX response_drafts_waiting ON response_drafts (id) WHERE state = 'awaiting_check';
