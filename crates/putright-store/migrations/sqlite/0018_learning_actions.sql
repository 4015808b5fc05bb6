-- A case's learning action plan: what went wrong, what the landlord will do about it, who
-- leads it, by when, where it stands and what shows it was done. Each names the service
-- area and category it should improve, so the learning can be followed across cases.
CREATE TABLE learning_actions (
    id             INTEGER PRIMARY KEY,
    case_id        BIGINT NOT NULL REFERENCES cases (id),
    went_wrong     TEXT NOT NULL,
    action         TEXT NOT NULL,
    lead           TEXT NOT NULL,
    target_on      TEXT NOT NULL,
    service_area   TEXT,
    category       TEXT,
    status         TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    evidence       TEXT,
    done_on        TEXT,
    added_by       TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX learning_actions_case ON learning_actions (case_id);
