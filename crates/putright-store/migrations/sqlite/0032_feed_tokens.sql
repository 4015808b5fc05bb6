-- The data feed's tokens: each belongs to one user, who reads the feed with it from Power BI
-- or Excel; only its SHA-256 is kept. An administrator revokes one (never deleted, so who had
-- which and when stays on record); the last use is noted.
CREATE TABLE feed_tokens (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    username      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT,
    last_used_at  TEXT
);
CREATE INDEX feed_tokens_user ON feed_tokens (username);
