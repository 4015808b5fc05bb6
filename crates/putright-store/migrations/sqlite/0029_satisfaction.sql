-- The satisfaction survey a resident is invited to when a stage of their complaint is
-- answered: one per stage, opened by a token (stored hashed) in the invitation email, answered
-- once. `closed_on` is the day the stage was answered, which places the response in a period;
-- `answered_on` is the day in England it was answered, for figures as at a day. Kept apart
-- from the TP09 perception survey, which is about the landlord, not one complaint.
CREATE TABLE satisfaction_surveys (
    token_hash  TEXT PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    stage       INTEGER NOT NULL CHECK (stage IN (1, 2)),
    closed_on   DATE NOT NULL,
    invited_at  TEXT NOT NULL,
    answered_at TEXT,
    answered_on DATE,
    satisfied   BOOLEAN,
    why         TEXT,
    UNIQUE (case_id, stage)
);
CREATE INDEX satisfaction_closed ON satisfaction_surveys (closed_on);
