-- BlueBubbles names messages by its own guids: tapbacks and replies point at them, so each guid we
-- see or send is tied to the Tapback message it became.
CREATE TABLE bluebubbles_messages (
    transport  TEXT NOT NULL,
    guid       TEXT NOT NULL,
    message_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (transport, guid)
);
CREATE INDEX ix_bluebubbles_messages_message ON bluebubbles_messages (transport, message_id);

-- One row per part of a send (the text, each file), keyed by the tempGuid derived from the outbox
-- idempotency key. A row without a guid is an attempt whose outcome is not known yet: before it is
-- sent again, the chat is searched for it, so a retry never sends a bubble twice.
CREATE TABLE bluebubbles_sends (
    transport    TEXT NOT NULL,
    temp_guid    TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    attempted_at BIGINT NOT NULL,
    guid         TEXT NULL,
    done_at      BIGINT NULL,
    PRIMARY KEY (transport, temp_guid)
);

-- Where catch-up resumes: the newest message date (the Mac's clock, epoch ms) a message query returned.
CREATE TABLE bluebubbles_cursors (
    transport  TEXT PRIMARY KEY,
    seen_until BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
