-- What iMessage can do beyond text (issue 13): replies already have messages.reply_to (0006).

-- The effect a message was sent with (MessageEffects wire name) and the service an inbound message
-- came over (iMessage or SMS), when the transport says.
ALTER TABLE messages ADD COLUMN effect TEXT NULL;
ALTER TABLE messages ADD COLUMN service TEXT NULL;

-- An edit replaces messages.body and keeps the earlier text here, in order: the page shows the
-- history and an agent sees the latest. An unsend empties the body and keeps when it happened.
ALTER TABLE messages ADD COLUMN edited_at INTEGER NULL;
ALTER TABLE messages ADD COLUMN unsent_at INTEGER NULL;
CREATE TABLE message_edits (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    body       TEXT NOT NULL,
    edited_at  INTEGER NOT NULL
);
CREATE INDEX ix_message_edits_message ON message_edits (message_id, id);

-- Since when the person has been typing in a conversation (their typing indicator); NULL when not.
-- The built-in agent waits while it is on, up to a cap.
ALTER TABLE conversations ADD COLUMN peer_typing_since INTEGER NULL;

-- The last answer to "is this handle on iMessage?" per transport: 1 yes, 0 SMS only, NULL unknown.
CREATE TABLE handle_lookups (
    transport  TEXT NOT NULL,
    handle     TEXT NOT NULL,
    imessage   INTEGER NULL,
    checked_at INTEGER NOT NULL,
    PRIMARY KEY (transport, handle)
);
