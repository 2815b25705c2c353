-- Times are Unix epoch milliseconds (UTC). Every side effect is a row with a state, so a crash at
-- any line leaves something the next start can finish.

CREATE TABLE conversations (
    id              TEXT PRIMARY KEY,
    transport       TEXT NOT NULL,
    chat_id         TEXT NOT NULL,
    handle          TEXT NOT NULL,
    is_group        INTEGER NOT NULL DEFAULT 0,
    display_name    TEXT NULL,
    created_at      INTEGER NOT NULL,
    last_message_at INTEGER NOT NULL,
    UNIQUE (transport, chat_id)
);

CREATE TABLE messages (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sender          TEXT NOT NULL,
    body            TEXT NOT NULL,
    provider_id     TEXT NULL,
    state           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, seq);

CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES messages (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX ix_attachments_message ON attachments (message_id);

CREATE TABLE reactions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    message_id      TEXT NOT NULL,
    sender          TEXT NOT NULL,
    reaction        TEXT NOT NULL,
    removed         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_reactions_message ON reactions (message_id);

-- One row per inbound event, unique on the transport's own event id: the dedupe key.
CREATE TABLE inbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    transport   TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    message_id  TEXT NULL,
    reaction_id INTEGER NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (transport, event_id)
);

-- What each agent link still has to handle, in order per conversation. A worker leases all of a
-- conversation's pending rows; the lease keeps other workers off that conversation until it ends.
CREATE TABLE agent_queue (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    link            TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    kind            TEXT NOT NULL,
    message_id      TEXT NULL,
    reaction_id     INTEGER NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    lease_owner     TEXT NULL,
    lease_until     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER NULL
);
CREATE INDEX ix_agent_queue_pending ON agent_queue (link, state, conversation_id, seq);

-- Every send, typing change, read receipt and tapback. queued -> in_flight -> done | failed | unknown.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    transport       TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    kind            TEXT NOT NULL,
    message_id      TEXT NULL,
    payload         TEXT NOT NULL,
    delay_ms        INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT NULL,
    lease_until     INTEGER NULL,
    last_error      TEXT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER NULL
);
CREATE INDEX ix_outbox_open ON outbox (state, conversation_id, id);

-- The built-in agent's sessions: a session holds the conversation's messages after starts_after_seq.
CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    starts_after_seq INTEGER NOT NULL,
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER NULL,
    end_reason       TEXT NULL
);
CREATE UNIQUE INDEX ux_sessions_open ON sessions (conversation_id) WHERE ended_at IS NULL;

-- What each simulated phone saw, in order; dedupe_key makes a repeated outbox action a no-op.
CREATE TABLE simulator_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    handle      TEXT NOT NULL,
    type        TEXT NOT NULL,
    message_id  TEXT NULL,
    body        TEXT NULL,
    reaction    TEXT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    from_me     INTEGER NOT NULL,
    attachments TEXT NULL,
    dedupe_key  TEXT NOT NULL UNIQUE,
    at          INTEGER NOT NULL
);
CREATE INDEX ix_simulator_events_handle ON simulator_events (handle, id);
