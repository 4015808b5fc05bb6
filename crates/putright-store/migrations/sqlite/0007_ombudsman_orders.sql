-- The Ombudsman's orders to the landlord, with their due dates and the evidence of compliance.
-- Compliance is recorded once: an order done is never undone.
CREATE TABLE ombudsman_orders (
    id              INTEGER PRIMARY KEY,
    ombudsman_case  TEXT NOT NULL,
    case_reference  TEXT,
    kind            TEXT NOT NULL,
    ordered_on      TEXT NOT NULL,
    due_on          TEXT NOT NULL CHECK (due_on >= ordered_on),
    complied_on     TEXT CHECK (complied_on >= ordered_on),
    evidence        TEXT,
    recorded_at     TEXT NOT NULL,
    UNIQUE (ombudsman_case, kind, ordered_on)
);
CREATE INDEX ombudsman_orders_due_on ON ombudsman_orders (due_on);
