-- Webhooks out: an integration's subscriptions, and one delivery row per event and subscription,
-- written in the same transaction as the agent-queue row of the event.

CREATE TABLE webhook_subscriptions (
    id                         TEXT PRIMARY KEY,
    integration_id             TEXT NOT NULL,
    url                        TEXT NOT NULL,
    -- A JSON array of event types, e.g. ["message.received","message.sent"].
    events                     TEXT NOT NULL,
    -- Kept as is (not hashed): the gateway needs it to sign every delivery.
    secret                     TEXT NOT NULL,
    -- After a rotation the old secret also signs, for a day, so a receiver can switch without a gap.
    previous_secret            TEXT NULL,
    previous_secret_expires_at INTEGER NULL,
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL,
    deleted_at                 INTEGER NULL
);
CREATE INDEX ix_webhook_subscriptions_integration ON webhook_subscriptions (integration_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    -- The event's id: the body's "id" and the webhook-id header, the same on every attempt.
    event_id         TEXT NOT NULL,
    subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    integration_id   TEXT NOT NULL,
    type             TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    message_id       TEXT NULL,
    reaction_id      INTEGER NULL,
    payload          TEXT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_owner      TEXT NULL,
    lease_until      INTEGER NULL,
    last_status_code INTEGER NULL,
    last_error       TEXT NULL,
    last_attempt_at  INTEGER NULL,
    delivered_at     INTEGER NULL,
    created_at       INTEGER NOT NULL
);
-- The worker takes the oldest pending row of each (subscription, conversation): order per conversation.
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (subscription_id, conversation_id, seq) WHERE state = 'pending';
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, seq);
-- A status of a message is delivered once per webhook, however often it is reported.
CREATE INDEX ix_webhook_deliveries_message ON webhook_deliveries (message_id, subscription_id, type);
