-- The dated facts the reports and the self-assessment need beyond the columns: each offer and
-- payment of compensation with its day, each outstanding action with its date and completion,
-- and whether a refused escalation was explained. JSON, written with the rest of the read
-- model; '{}' until the read models are rebuilt.
ALTER TABLE cases ADD COLUMN dated_facts TEXT NOT NULL DEFAULT '{}';
