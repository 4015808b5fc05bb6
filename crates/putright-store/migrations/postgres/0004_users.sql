-- The people who use putright and the role each has. Sign-in comes with the staff app.
CREATE TABLE users (
    username    TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('complaints_officer', 'investigating_manager',
                    'stage2_reviewer', 'member_responsible', 'governing_body')),
    created_at  TIMESTAMPTZ NOT NULL
);
