-- What the Ombudsman asked the landlord for on a referred case (the case file, the repair
-- records), when, by when, and the day it was sent: a late reply can bring a complaint
-- handling failure order, so the case keeps both days.
CREATE TABLE evidence_requests (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    asked_on     TEXT NOT NULL,
    what         TEXT NOT NULL,
    due_on       TEXT,
    sent_on      TEXT,
    sent_by      TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    CHECK (due_on IS NULL OR due_on >= asked_on),
    CHECK (sent_on IS NULL OR sent_on >= asked_on)
);
CREATE INDEX evidence_requests_case ON evidence_requests (case_id);
