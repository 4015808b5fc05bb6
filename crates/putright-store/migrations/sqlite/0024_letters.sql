-- Letters to residents. A template is kept per version (the officer's edits never overwrite
-- one), and a letter issued keeps the version it used and the values of its fields, so every
-- letter sent can be written again exactly as it was. A letter goes by email (through the
-- outbox) or by post (the print queue, until the day it was posted is recorded).
CREATE TABLE letter_templates (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    body        TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (kind, version)
);
CREATE TABLE letters (
    id               INTEGER PRIMARY KEY,
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    kind             TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    facts            TEXT NOT NULL,
    large_print      BOOLEAN NOT NULL,
    delivery         TEXT NOT NULL CHECK (delivery IN ('email', 'post')),
    recipient        TEXT NOT NULL,
    issued_on        TEXT NOT NULL,
    issued_by        TEXT NOT NULL,
    issued_at        TEXT NOT NULL,
    posted_on        TEXT,
    posted_by        TEXT,
    outbox_id        BIGINT,
    FOREIGN KEY (kind, template_version) REFERENCES letter_templates (kind, version)
);
CREATE INDEX letters_case ON letters (case_id);
CREATE INDEX letters_to_post ON letters (id) WHERE delivery = 'post' AND posted_on IS NULL;
