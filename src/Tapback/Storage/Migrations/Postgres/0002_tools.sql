-- The built-in agent's tool loop. A turn that needs the person (an approval, or an answer to a
-- question) pauses: it stores what the model has said so far and ends; a later turn resumes it.

-- One paused model turn per conversation at a time. model_messages is the conversation as the model
-- saw it plus its answer so far (Microsoft.Extensions.AI chat messages as JSON), enough to resume.
CREATE TABLE paused_turns (
    id                 TEXT PRIMARY KEY,
    conversation_id    TEXT NOT NULL REFERENCES conversations (id),
    session_id         TEXT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('approval', 'question')),
    model_messages     TEXT NOT NULL,
    reply_to_message_id TEXT NULL,
    state              TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'resumed', 'expired', 'cancelled')),
    created_at         BIGINT NOT NULL,
    closed_at          BIGINT NULL
);
CREATE UNIQUE INDEX ux_paused_turns_waiting ON paused_turns (conversation_id) WHERE state = 'waiting';

-- One row per guarded tool call. bubble_message_id is the approval bubble: only a tapback on that
-- bubble answers this row. Every decision is kept, with who made it and when.
CREATE TABLE approvals (
    id                TEXT PRIMARY KEY,
    -- SQLite's implicit rowid, made explicit: a turn's approvals are read in the order they were asked.
    rowid             BIGINT GENERATED ALWAYS AS IDENTITY,
    paused_turn_id    TEXT NOT NULL REFERENCES paused_turns (id),
    conversation_id   TEXT NOT NULL REFERENCES conversations (id),
    session_id        TEXT NULL,
    bubble_message_id TEXT NOT NULL,
    request_id        TEXT NOT NULL,
    call_id           TEXT NOT NULL,
    tool_name         TEXT NOT NULL,
    arguments         TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied', 'expired', 'cancelled')),
    decided_by        TEXT NULL,
    decided_by_seq    BIGINT NULL,
    decided_at        BIGINT NULL,
    expires_at        BIGINT NOT NULL,
    created_at        BIGINT NOT NULL
);
CREATE INDEX ix_approvals_bubble ON approvals (bubble_message_id);
CREATE INDEX ix_approvals_pending ON approvals (state, expires_at);
CREATE INDEX ix_approvals_turn ON approvals (paused_turn_id);

-- An ask_user question waiting for its answer; options is a JSON array of labels.
CREATE TABLE questions (
    id             TEXT PRIMARY KEY,
    paused_turn_id TEXT NOT NULL REFERENCES paused_turns (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    call_id        TEXT NOT NULL,
    question       TEXT NOT NULL,
    options        TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'answered', 'cancelled')),
    answer         TEXT NULL,
    chosen_option  BIGINT NULL,
    answer_message_id TEXT NULL,
    answered_at    BIGINT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX ix_questions_turn ON questions (paused_turn_id);
