-- Delivery of alerts beyond the browser (issue 5, §4): webhooks with durable retries and dead letters, and the
-- optional e-mail digest. The alerts table is the outbox: an alert row committed before a crash is turned into
-- deliveries after the restart, because delivery_cursor only moves forward in the transaction that writes them.

-- A reader's (or an integrator's) HTTPS endpoint. The secret signs every payload (Wiredesk-Signature); it is shown
-- to the owner once, when the webhook is registered. A disabled webhook gets no new deliveries.
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    secret          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    disabled_at     TEXT
);
CREATE INDEX webhooks_owner ON webhooks(owner_id, active);

-- One row per alert and webhook. The idempotency key is the same on every attempt, so a receiver can drop a repeat
-- (delivery is at least once). Retries are scheduled here (next_attempt_at), not in memory: a restart keeps them.
-- While an attempt is in flight, next_attempt_at is its lease: a process killed mid-attempt retries it once the
-- lease runs out. After the last attempt the status is 'dead' (the dead-letter list) until the owner replays it.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    alert_id        INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    last_attempt_at TEXT,
    delivered_at    TEXT,
    UNIQUE (alert_id, webhook_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, status, id);

-- How far the alerts outbox has been read, per consumer ('webhooks'): the highest alert id already turned into
-- deliveries. SQLite assigns alert ids in commit order (one writer at a time), so no alert can appear below it later.
CREATE TABLE delivery_cursor (
    name            TEXT PRIMARY KEY,
    alert_id        INTEGER NOT NULL
);
INSERT INTO delivery_cursor (name, alert_id) VALUES ('webhooks', 0);

-- The optional e-mail digest: one subscription per reader. Every interval the alerts after last_alert_id go out in
-- one message; last_alert_id moves only after the SMTP server accepted it.
CREATE TABLE email_digests (
    owner_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    address         TEXT NOT NULL,
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes > 0),
    last_alert_id   INTEGER NOT NULL,
    last_sent_at    TEXT,
    created_at      TEXT NOT NULL
);
