-- The housing stock per financial year, for the rates per 1,000 homes, and the Ombudsman's
-- published findings, the landlord's own and the rest of the sector's.
CREATE TABLE homes (
    year_start  INTEGER PRIMARY KEY,
    lcra        INTEGER CHECK (lcra >= 0),
    lcho        INTEGER CHECK (lcho >= 0),
    updated_at  TEXT NOT NULL
);

CREATE TABLE ombudsman_findings (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    line            INTEGER NOT NULL,
    case_id         TEXT NOT NULL,
    landlord        TEXT NOT NULL,
    landlord_key    TEXT NOT NULL,
    landlord_type   TEXT NOT NULL,
    decision_date   TEXT,
    category        TEXT NOT NULL,
    issue           TEXT NOT NULL,
    finding         TEXT NOT NULL,
    landlord_homes  INTEGER
);
CREATE INDEX ombudsman_findings_landlord ON ombudsman_findings (landlord_key);
CREATE INDEX ombudsman_findings_source ON ombudsman_findings (source);
