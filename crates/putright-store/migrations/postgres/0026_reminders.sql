-- Reminders: who gets them (a user's email address; the manager named for a service area),
-- and each day's run of each kind, claimed once by whichever server gets there first, so a
-- second server or a restart never sends the same reminders twice.
ALTER TABLE users ADD COLUMN email TEXT;
CREATE TABLE area_managers (
    service_area TEXT PRIMARY KEY,
    username     TEXT NOT NULL REFERENCES users (username)
);
CREATE TABLE reminder_runs (
    kind        TEXT NOT NULL,
    day         DATE NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    sent        INTEGER,
    PRIMARY KEY (kind, day)
);
