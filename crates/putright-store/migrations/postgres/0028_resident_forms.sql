-- What a resident has answered so far on the public forms (/complain, /feedback), kept by a
-- token in their browser's cookie (stored hashed) until they send it. `reference` is set in the
-- transaction that creates the case, and only while it is empty, so a form sent twice (a double
-- click, the back button) makes one case. Files uploaded wait here until the form is sent.
CREATE TABLE web_drafts (
    token_hash TEXT PRIMARY KEY,
    form       TEXT NOT NULL CHECK (form IN ('complaint', 'feedback')),
    answers    TEXT NOT NULL,
    reference  TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE web_draft_files (
    id         BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL REFERENCES web_drafts (token_hash),
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       BIGINT NOT NULL,
    sha256     TEXT NOT NULL,
    content    BYTEA NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_draft_files_draft ON web_draft_files (token_hash);

-- The optional equality monitoring answers, kept apart from the case on purpose: no case id,
-- only the day the form was sent, so the annual report can count complainants against the
-- tenant population and no answer can be traced back to a complaint.
CREATE TABLE equality_monitoring (
    id          BIGSERIAL PRIMARY KEY,
    received_on DATE NOT NULL,
    answers     TEXT NOT NULL
);

-- The links a resident follows to their case: an unguessable token, stored hashed, for one
-- case. A link is good until 28 days after the case closes; a new one can be sent at any time.
CREATE TABLE tracking_links (
    token_hash TEXT PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX tracking_links_case ON tracking_links (case_id);
