-- The reports the complaints officer writes and publishes in the app. The narrative of a
-- report (the annual report's sections, in Markdown) is kept a version per save, never
-- overwritten. A report published is frozen: the narrative it was published with, the day its
-- figures were judged as at, and the files as they were written, so it can be given out again
-- exactly; a later change makes a new version, numbered per report and period.
CREATE TABLE report_narratives (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    period    TEXT NOT NULL,
    text      TEXT NOT NULL,
    saved_by  TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);
CREATE INDEX report_narratives_latest ON report_narratives (kind, period, id);
CREATE TABLE published_reports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    period        TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    as_at         TEXT NOT NULL,
    narrative     TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    UNIQUE (kind, period, version)
);
CREATE TABLE published_files (
    report_id  BIGINT NOT NULL REFERENCES published_reports (id),
    format     TEXT NOT NULL,
    content    BLOB NOT NULL,
    PRIMARY KEY (report_id, format)
);
CREATE TRIGGER published_reports_are_frozen_update BEFORE UPDATE ON published_reports
BEGIN SELECT RAISE(ABORT, 'a published report is never changed'); END;
CREATE TRIGGER published_reports_are_frozen_delete BEFORE DELETE ON published_reports
BEGIN SELECT RAISE(ABORT, 'a published report is never changed'); END;
CREATE TRIGGER published_files_are_frozen_update BEFORE UPDATE ON published_files
BEGIN SELECT RAISE(ABORT, 'a published report is never changed'); END;
CREATE TRIGGER published_files_are_frozen_delete BEFORE DELETE ON published_files
BEGIN SELECT RAISE(ABORT, 'a published report is never changed'); END;
