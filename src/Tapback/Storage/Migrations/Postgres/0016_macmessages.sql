-- MacMessages: where each instance's read of chat.db resumes (the last message ROWID handled), and
-- which chat.db message guid is which Tapback message (received, or each part of one we sent).

CREATE TABLE macmessages_cursors (
    transport  TEXT NOT NULL PRIMARY KEY,
    last_rowid BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE macmessages_messages (
    transport  TEXT NOT NULL,
    guid       TEXT NOT NULL,
    message_id TEXT NOT NULL,
    direction  TEXT NOT NULL,
    part       BIGINT NOT NULL DEFAULT 0,
    -- For our sends: the furthest delivery state already reported (delivered, read, failed).
    reported   TEXT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (transport, guid)
);
CREATE INDEX ix_macmessages_messages_id ON macmessages_messages (transport, message_id, part);
CREATE INDEX ix_macmessages_messages_open ON macmessages_messages (transport, direction, created_at);
