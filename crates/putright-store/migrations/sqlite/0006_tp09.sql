-- TP09 from the perception survey: of respondents who complained in the last 12 months, how
-- many were very or fairly satisfied with the approach to complaints handling.
CREATE TABLE tp09 (
    year_start   INTEGER PRIMARY KEY,
    respondents  INTEGER NOT NULL CHECK (respondents >= 0),
    satisfied    INTEGER NOT NULL CHECK (satisfied >= 0 AND satisfied <= respondents),
    updated_at   TEXT NOT NULL
);
