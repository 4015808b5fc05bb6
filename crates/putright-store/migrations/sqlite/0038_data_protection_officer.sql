-- rebuilds a referenced table
-- A role for the data-protection officer, who answers subject access requests, runs the
-- retention schedule and erases personal data on request. SQLite cannot alter a CHECK
-- constraint, so the users table is rebuilt with the wider one and its rows copied; the first
-- line tells the migration runner to do it with foreign keys unenforced and checked before the
-- commit, as SQLite's documentation for such changes says, since sessions and area managers
-- refer to users.
CREATE TABLE users_new (
    username         TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('administrator', 'complaints_officer',
                        'investigating_manager', 'stage2_reviewer', 'member_responsible',
                        'governing_body', 'data_protection_officer')),
    created_at       TEXT NOT NULL,
    password_hash    TEXT,
    must_change      BOOLEAN NOT NULL DEFAULT FALSE,
    disabled         BOOLEAN NOT NULL DEFAULT FALSE,
    email            TEXT
);
INSERT INTO users_new (username, name, role, created_at, password_hash, must_change, disabled,
        email)
    SELECT username, name, role, created_at, password_hash, must_change, disabled, email
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
