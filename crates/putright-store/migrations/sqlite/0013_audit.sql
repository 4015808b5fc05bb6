-- The audit trail beyond sign-ins and the events (which already say who recorded each change
-- and when): every view of restricted personal data and every export, with who and when.
-- Like the events, it is only ever added to.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    username  TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('viewed_restricted', 'exported')),
    subject   TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- The latest changes first, across every case.
CREATE INDEX events_live ON events (id) WHERE origin = 'live';
