-- The reports the Ombudsman published about the landlord (Code 8.1 e and f): its annual landlord
-- performance report and any other, each with the landlord's summary of it in Markdown.
CREATE TABLE ombudsman_reports (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (title <> ''),
    published_on    TEXT NOT NULL,
    url             TEXT NOT NULL,
    summary         TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    UNIQUE (title, published_on)
);
CREATE INDEX ombudsman_reports_published_on ON ombudsman_reports (published_on);
