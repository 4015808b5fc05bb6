-- Files kept with a case (a photograph of the damp, a letter the resident sent), in the
-- database with the rest of the record, so a backup of the database is a backup of the case.
-- Their type and size are checked before they are stored; they are never changed.
CREATE TABLE attachments (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT NOT NULL,
    description TEXT,
    content     BYTEA NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id);
