-- The audit trail as a hash chain. Each entry takes the next position (seq) and a hash that
-- commits to its own fields and the entry before it, so an entry changed or removed behind
-- the program's back breaks the chain at that place. audit_chain's one row holds how many
-- entries the chain has and the last one's hash (its head, the zeros before the first), and is
-- written in the same transaction as each entry, which also puts entries written at once one
-- after the other. sealed says the entries written before the chain have been sealed into it
-- (once, so an entry added around the program later is never sealed).
CREATE TABLE audit_chain (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    entries  BIGINT NOT NULL,
    head     TEXT NOT NULL,
    sealed   INTEGER NOT NULL
);
INSERT INTO audit_chain (id, entries, head, sealed) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- Entries written before the chain are sealed into it once, in the order written, when the
-- store opens: setting the position and hash of an unsealed entry is the one change allowed.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.id = OLD.id AND NEW.at = OLD.at
        AND NEW.username = OLD.username AND NEW.action = OLD.action
        AND NEW.subject = OLD.subject THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
