-- The data feed's tokens become the API's tokens: each still belongs to one user (whose role
-- bounds what it may do) and now carries scopes (read, write, reports), a name saying what it is
-- for, who made it and when it expires. The feed's tokens keep working as tokens with the scope
-- reports and no expiry.
ALTER TABLE feed_tokens RENAME TO api_tokens;
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'reports';
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT 'Data feed';
ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;

-- The Idempotency-Key of each create made through the API, written in the transaction that
-- makes the case, so a client's retry finds the case its first request made instead of
-- making a second. The request's SHA-256 tells a retry from a different request reusing a key.
CREATE TABLE api_requests (
    token_id      INTEGER NOT NULL REFERENCES api_tokens (id),
    idem_key      TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (token_id, idem_key)
);
