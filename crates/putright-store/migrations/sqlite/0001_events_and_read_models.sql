-- The event log, the read models derived from it, and personal data held apart.
CREATE TABLE cases (
    id                          INTEGER PRIMARY KEY,
    reference                   TEXT NOT NULL UNIQUE,
    version                     INTEGER NOT NULL,
    kind                        TEXT NOT NULL,
    original_kind               TEXT NOT NULL,
    status                      TEXT NOT NULL,
    received_on                 TEXT NOT NULL,
    channel                     TEXT,
    tenure                      TEXT,
    jurisdiction                TEXT NOT NULL,
    service_area                TEXT,
    category                    TEXT,
    complainant_id              TEXT,
    refused_on                  TEXT,
    refusal_reason              TEXT,
    escalation_refused_on       TEXT,
    escalation_refusal_reason   TEXT,
    request_started_on          TEXT NOT NULL,
    request_due                 TEXT,
    answered_on                 TEXT,
    withdrawn_on                TEXT,
    became_complaint_on         TEXT,
    compensation_offered_pence  INTEGER NOT NULL,
    compensation_paid_pence     INTEGER NOT NULL,
    referred_on                 TEXT,
    referred_to                 TEXT,
    open_actions                INTEGER NOT NULL,
    flags                       TEXT NOT NULL,
    refusal_explained           BOOLEAN,
    updated_at                  TEXT NOT NULL
);
CREATE INDEX cases_received_on ON cases (received_on);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    seq           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    effective_on  TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('live', 'import')),
    flags         TEXT NOT NULL,
    payload       TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

-- Events are facts: once written they are never changed or removed.
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE stages (
    case_id                  INTEGER NOT NULL REFERENCES cases (id),
    stage                    INTEGER NOT NULL CHECK (stage IN (1, 2)),
    started_on               TEXT NOT NULL,
    acknowledged_on          TEXT,
    acknowledgement_due      TEXT NOT NULL,
    original_response_due    TEXT NOT NULL,
    response_due             TEXT NOT NULL,
    ending                   TEXT CHECK (ending IN ('responded', 'withdrawn')),
    ended_on                 TEXT,
    outcome                  TEXT,
    handler                  TEXT,
    extensions               INTEGER NOT NULL,
    ombudsman_details_given  BOOLEAN NOT NULL,
    extension_facts          TEXT NOT NULL,
    definition_set           BOOLEAN NOT NULL,
    PRIMARY KEY (case_id, stage)
);
CREATE INDEX stages_started_on ON stages (started_on);
CREATE INDEX stages_ended_on ON stages (ended_on);

-- Names, contact details, addresses and free text about a person: referenced from events by
-- id, so they can be erased without rewriting history.
CREATE TABLE personal_data (
    id          TEXT PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    category    TEXT NOT NULL,
    restricted  BOOLEAN NOT NULL,
    value       TEXT,
    erased_at   TEXT
);
CREATE INDEX personal_data_case ON personal_data (case_id);
