-- The loop breaker (issue 14, Gateway/Governor/Loops): a conversation that looks like two programs
-- talking is paused. One row per pause, kept after its resume as the conversation's record; the open
-- one (resumed_at NULL) holds the conversation's sends and keeps the built-in agent quiet there.
-- A resume also starts the detector's window over: nothing before resumed_at counts as evidence.
CREATE TABLE conversation_pauses (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    -- Why (loop_suspected), which evidence tripped it (fast_replies | repeated_text), over how many
    -- rounds, and one sentence an operator reads (no message text in it).
    reason          TEXT NOT NULL,
    evidence_kind   TEXT NOT NULL,
    rounds          BIGINT NOT NULL,
    detail          TEXT NOT NULL,
    -- The evidence in full as JSON: the reply times of the rounds, and for repeated text a short
    -- preview of it (shown on the dashboard, never logged above Trace).
    evidence        TEXT NOT NULL,
    paused_at       BIGINT NOT NULL,
    resumed_at      BIGINT NULL,
    -- Who resumed it (the admin API's caller: "operator").
    resumed_by      TEXT NULL
);

-- At most one open pause per conversation: the detector's insert of a second one does nothing.
CREATE UNIQUE INDEX ux_conversation_pauses_open ON conversation_pauses (conversation_id) WHERE resumed_at IS NULL;
CREATE INDEX ix_conversation_pauses_conversation ON conversation_pauses (conversation_id, paused_at);
