-- Benchmarking against other landlords.
--
-- landlord_aliases: how the Ombudsman's published findings spell landlords. Each spelling
-- (matched trimmed and lower-cased, as findings are) that an officer has reviewed is grouped
-- under the landlord it is, or under itself to keep it apart; nothing is grouped unreviewed.
CREATE TABLE landlord_aliases (
    spelling      TEXT PRIMARY KEY,
    landlord      TEXT NOT NULL,
    confirmed_by  TEXT NOT NULL,
    confirmed_at  TEXT NOT NULL
);

-- sector_tsm: the sector's TSM complaints figures for a financial year (by the year it starts
-- in), as the Regulator publishes them: the lower quartile, median and upper quartile across
-- landlords, per stock type and measure, with where the officer had them from.
CREATE TABLE sector_tsm (
    year            INTEGER NOT NULL,
    stock           TEXT NOT NULL CHECK (stock IN ('lcra', 'lcho')),
    measure         TEXT NOT NULL,
    lower_quartile  REAL NOT NULL,
    median          REAL NOT NULL,
    upper_quartile  REAL NOT NULL,
    source          TEXT NOT NULL,
    entered_by      TEXT NOT NULL,
    entered_at      TEXT NOT NULL,
    PRIMARY KEY (year, stock, measure)
);
