-- The built-in agent's memory: a rolling summary per session, and the errors a turn met.

ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0;

-- Each regeneration is a new row, so the history of what the model was told stays readable.
CREATE TABLE summaries (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES sessions (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    upto_seq        INTEGER NOT NULL,
    turn_count      INTEGER NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_summaries_session ON summaries (session_id, upto_seq);

CREATE TABLE agent_errors (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    session_id      TEXT NULL,
    kind            TEXT NOT NULL,
    detail          TEXT NOT NULL,
    at              INTEGER NOT NULL
);
CREATE INDEX ix_agent_errors_conversation ON agent_errors (conversation_id, id);
