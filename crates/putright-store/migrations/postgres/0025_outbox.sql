-- Outgoing mail, written in the same transaction as what it tells of, then sent by whichever
-- server claims it: a claim lasts a while, so a server that stops mid-send leaves the message
-- to be claimed again, and a sent message is never claimed again. A failure the server says is
-- temporary is tried again later (attempts, next_at); one it says is permanent is kept failed
-- with the server's answer.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    attachment_name TEXT,
    attachment      BYTEA,
    message_id      TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    answer          TEXT,
    queued_at       TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_waiting ON outbox (next_at) WHERE state = 'queued';
