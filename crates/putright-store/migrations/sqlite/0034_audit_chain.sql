-- The audit trail as a hash chain. Each entry takes the next position (seq) and a hash that
-- commits to its own fields and the entry before it, so an entry changed or removed behind
-- the program's back breaks the chain at that place. audit_chain's one row holds how many
-- entries the chain has and the last one's hash (its head, the zeros before the first), and is
-- written in the same transaction as each entry, which also puts entries written at once one
-- after the other. sealed says the entries written before the chain have been sealed into it
-- (once, so an entry added around the program later is never sealed).
CREATE TABLE audit_chain (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    entries  INTEGER NOT NULL,
    head     TEXT NOT NULL,
    sealed   INTEGER NOT NULL
);
INSERT INTO audit_chain (id, entries, head, sealed) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- Entries written before the chain are sealed into it once, in the order written, when the
-- store opens: setting the position and hash of an unsealed entry is the one change allowed.
DROP TRIGGER audit_log_is_append_only_update;
CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
    OR NEW.username IS NOT OLD.username OR NEW.action IS NOT OLD.action
    OR NEW.subject IS NOT OLD.subject
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
