-- Days the landlord declares closed, announced bank holidays imported later, and settings.
CREATE TABLE closures (
    day          TEXT PRIMARY KEY,
    reason       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);

CREATE TABLE announced_holidays (
    day          TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
