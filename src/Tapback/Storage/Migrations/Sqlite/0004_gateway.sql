-- Pairing, integrations, the admin credential, and what the agent WebSocket needs from the queue and
-- the outbox. Secrets are stored only as hashes.

-- One live integration per phone number (E.164); a re-pairing marks the old one deleted.
CREATE TABLE integrations (
    id              TEXT PRIMARY KEY,
    phone           TEXT NOT NULL,
    name            TEXT NOT NULL,
    -- The transport the phone paired on: where a chat the agent starts with the phone goes.
    transport       TEXT NOT NULL,
    token_hash      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'deleted')),
    settings        TEXT NOT NULL DEFAULT '{}',
    dropped_events  INTEGER NOT NULL DEFAULT 0,
    last_dropped_at INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER NULL
);
CREATE UNIQUE INDEX ux_integrations_phone ON integrations (phone) WHERE status <> 'deleted';

-- A /setup code: HMAC-SHA256 of the code under a per-code salt. Single use, expiring, five tries.
CREATE TABLE pairing_codes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    phone           TEXT NOT NULL,
    transport       TEXT NOT NULL,
    salt            TEXT NOT NULL,
    code_hash       TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER NULL,
    -- The /setup message that asked for it: a repeated event makes no second code.
    message_id      TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_pairing_codes_phone ON pairing_codes (phone, id);

-- Keys the gateway makes for itself at first start: the admin token's hash, the URL-signing key.
CREATE TABLE gateway_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Files an agent uploads before it sends them; linked to a message as an attachment when sent.
CREATE TABLE uploads (
    id             TEXT PRIMARY KEY,
    integration_id TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    sha256         TEXT NULL,
    expires_at     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    uploaded_at    INTEGER NULL
);

-- Status events (message.sent, message.failed …) carry what their row does not: the error, the
-- client's correlation id.
ALTER TABLE agent_queue ADD COLUMN payload TEXT NULL;

-- The link to tell when a send finished (an agent that asked over the WebSocket), and the client's id.
ALTER TABLE outbox ADD COLUMN report_link TEXT NULL;
ALTER TABLE outbox ADD COLUMN client_message_id TEXT NULL;
-- A text that must not stay in the store once sent (a setup code).
ALTER TABLE outbox ADD COLUMN redact_after_send INTEGER NOT NULL DEFAULT 0;
