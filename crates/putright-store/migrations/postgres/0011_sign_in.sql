-- Sign-in. Users gain an administrator role, an argon2id password hash (NULL until one is set),
-- whether the password is a one-time one the user must change, and whether the account is
-- disabled (kept, not deleted, so the audit trail still names who it was).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('administrator',
    'complaints_officer', 'investigating_manager', 'stage2_reviewer', 'member_responsible',
    'governing_body'));
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN must_change BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;

-- A signed-in session. Only a hash of its token is stored, so a copy of the database does not
-- let anyone act as a user. It ends at expires_at unless used before then, which moves it on.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    username     TEXT NOT NULL REFERENCES users (username),
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    address      TEXT NOT NULL
);
CREATE INDEX sessions_username ON sessions (username);

-- Every attempt to sign in, whether it named a user or not: the audit trail of sign-ins, and
-- what pauses sign-in after repeated failures.
CREATE TABLE sign_in_attempts (
    id        BIGSERIAL PRIMARY KEY,
    username  TEXT NOT NULL,
    address   TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('signed_in', 'failed', 'paused'))
);
CREATE INDEX sign_in_attempts_username ON sign_in_attempts (username, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at);
