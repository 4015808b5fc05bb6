-- The Ombudsman's findings on a landlord's own case, one row per complaint point of the
-- determination, as the published findings are laid out. Kept apart from the published
-- findings of every landlord (ombudsman_findings), so the sector's figures are never counted
-- twice when this landlord's determinations are published later.
CREATE TABLE case_findings (
    id              BIGSERIAL PRIMARY KEY,
    case_id         BIGINT NOT NULL REFERENCES cases (id),
    ombudsman_case  TEXT NOT NULL,
    decided_on      DATE NOT NULL,
    point           TEXT NOT NULL,
    finding         TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (case_id, ombudsman_case, point)
);
CREATE INDEX case_findings_case ON case_findings (case_id);
