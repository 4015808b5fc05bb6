-- Each erasure of a case's personal data, under the retention schedule or on request: what was
-- done, why, by whom and when, and nothing of what was erased. A case appears once.
CREATE TABLE erasures (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL UNIQUE REFERENCES cases (id),
    under       TEXT NOT NULL CHECK (under IN ('retention', 'request')),
    reason      TEXT NOT NULL,
    erased_by   TEXT NOT NULL,
    erased_at   TIMESTAMPTZ NOT NULL
);
