-- What real transports need from the gateway: when a send was attempted (to reconcile an unknown
-- outcome with the provider), who texted STOP, and the sends counted against each number's pace.

ALTER TABLE outbox ADD COLUMN attempted_at INTEGER NULL;
ALTER TABLE outbox ADD COLUMN reconcile_attempts INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_messages_provider ON messages (provider_id) WHERE provider_id IS NOT NULL;

-- A handle that texted STOP on a transport gets nothing more from any agent until it texts START.
CREATE TABLE opt_outs (
    transport  TEXT NOT NULL,
    handle     TEXT NOT NULL,
    keyword    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (transport, handle)
);

-- One row per message sent from a gateway number, kept a day: the pace limits count these.
CREATE TABLE paced_sends (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    pacing_key TEXT NOT NULL,
    sent_at    INTEGER NOT NULL
);
CREATE INDEX ix_paced_sends_key ON paced_sends (pacing_key, sent_at);
