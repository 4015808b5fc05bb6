-- What the staff app's lists filter and sort on, on the case row itself so a list of a
-- million cases is one table read through an index: the current stage (the latest not
-- refused), its handler and outcome, when the open work is due and, while it has not been
-- given, when the acknowledgement is due. Derived like the rest of the row; empty until the
-- read models are rebuilt, which opening the store does once.
ALTER TABLE cases ADD COLUMN current_stage BIGINT;
ALTER TABLE cases ADD COLUMN current_handler TEXT;
ALTER TABLE cases ADD COLUMN current_outcome TEXT;
ALTER TABLE cases ADD COLUMN due_on DATE;
ALTER TABLE cases ADD COLUMN acknowledgement_due_on DATE;
CREATE INDEX cases_due ON cases (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX cases_unacknowledged ON cases (acknowledgement_due_on)
    WHERE acknowledgement_due_on IS NOT NULL;
CREATE INDEX cases_handler_due ON cases (current_handler, due_on);
CREATE INDEX cases_stage_received ON cases (current_stage, received_on);
