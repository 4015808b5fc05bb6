-- The audit trail beyond sign-ins and the events (which already say who recorded each change
-- and when): every view of restricted personal data and every export, with who and when.
-- Like the events, it is only ever added to.
CREATE TABLE audit_log (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    username  TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('viewed_restricted', 'exported')),
    subject   TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END;
$$;
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- The latest changes first, across every case.
CREATE INDEX events_live ON events (id) WHERE origin = 'live';
