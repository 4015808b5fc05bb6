-- The landlord's self-assessment against the Code, one row per provision per financial year.
CREATE TABLE self_assessment (
    year_start   BIGINT NOT NULL,
    provision    TEXT NOT NULL,
    comply       TEXT CHECK (comply IN ('yes', 'no', 'partly')),
    evidence     TEXT,
    commentary   TEXT,
    action       TEXT,
    target_date  DATE,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (year_start, provision)
);
