-- A stage can now end by refusal (kept, so a report as at an earlier day still sees it received)
-- or by closure without a response. SQLite cannot alter a CHECK constraint, so the table is
-- rebuilt with the wider one and the rows copied across.
CREATE TABLE stages_new (
    case_id                  INTEGER NOT NULL REFERENCES cases (id),
    stage                    INTEGER NOT NULL CHECK (stage IN (1, 2)),
    started_on               TEXT NOT NULL,
    acknowledged_on          TEXT,
    acknowledgement_due      TEXT NOT NULL,
    original_response_due    TEXT NOT NULL,
    response_due             TEXT NOT NULL,
    ending                   TEXT CHECK (ending IN ('responded', 'withdrawn', 'closed', 'refused')),
    ended_on                 TEXT,
    outcome                  TEXT,
    handler                  TEXT,
    extensions               INTEGER NOT NULL,
    ombudsman_details_given  BOOLEAN NOT NULL,
    extension_facts          TEXT NOT NULL,
    definition_set           BOOLEAN NOT NULL,
    PRIMARY KEY (case_id, stage)
);
INSERT INTO stages_new SELECT * FROM stages;
DROP TABLE stages;
ALTER TABLE stages_new RENAME TO stages;
CREATE INDEX stages_started_on ON stages (started_on);
CREATE INDEX stages_ended_on ON stages (ended_on);
