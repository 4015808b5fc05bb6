-- The event log, the read models derived from it, and personal data held apart.
CREATE TABLE cases (
    id                          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference                   TEXT NOT NULL UNIQUE,
    version                     BIGINT NOT NULL,
    kind                        TEXT NOT NULL,
    original_kind               TEXT NOT NULL,
    status                      TEXT NOT NULL,
    received_on                 DATE NOT NULL,
    channel                     TEXT,
    tenure                      TEXT,
    jurisdiction                TEXT NOT NULL,
    service_area                TEXT,
    category                    TEXT,
    complainant_id              TEXT,
    refused_on                  DATE,
    refusal_reason              TEXT,
    escalation_refused_on       DATE,
    escalation_refusal_reason   TEXT,
    request_started_on          DATE NOT NULL,
    request_due                 DATE,
    answered_on                 DATE,
    withdrawn_on                DATE,
    became_complaint_on         DATE,
    compensation_offered_pence  BIGINT NOT NULL,
    compensation_paid_pence     BIGINT NOT NULL,
    referred_on                 DATE,
    referred_to                 TEXT,
    open_actions                BIGINT NOT NULL,
    flags                       TEXT NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL
);
CREATE INDEX cases_received_on ON cases (received_on);

CREATE TABLE events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases (id),
    seq           BIGINT NOT NULL,
    type          TEXT NOT NULL,
    effective_on  DATE NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    recorded_by   TEXT NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('live', 'import')),
    flags         TEXT NOT NULL,
    payload       TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

-- Events are facts: once written they are never changed or removed.
CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'events are append-only'; END;
$$;
CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_are_append_only();

CREATE TABLE stages (
    case_id                  BIGINT NOT NULL REFERENCES cases (id),
    stage                    BIGINT NOT NULL CHECK (stage IN (1, 2)),
    started_on               DATE NOT NULL,
    acknowledged_on          DATE,
    acknowledgement_due      DATE NOT NULL,
    original_response_due    DATE NOT NULL,
    response_due             DATE NOT NULL,
    ending                   TEXT CHECK (ending IN ('responded', 'withdrawn')),
    ended_on                 DATE,
    outcome                  TEXT,
    handler                  TEXT,
    extensions               BIGINT NOT NULL,
    ombudsman_details_given  BOOLEAN NOT NULL,
    PRIMARY KEY (case_id, stage)
);
CREATE INDEX stages_started_on ON stages (started_on);
CREATE INDEX stages_ended_on ON stages (ended_on);

-- Names, contact details, addresses and free text about a person: referenced from events by
-- id, so they can be erased without rewriting history.
CREATE TABLE personal_data (
    id          TEXT PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    category    TEXT NOT NULL,
    restricted  BOOLEAN NOT NULL,
    value       TEXT,
    erased_at   TIMESTAMPTZ
);
CREATE INDEX personal_data_case ON personal_data (case_id);
