-- A transport's first start is the floor of every catch-up: a catch-up that looks back (an overlap
-- for late rows) never reaches texts sent before Tapback first ran. NULL on rows from before this
-- migration: their first start is long past.
ALTER TABLE bluebubbles_cursors ADD COLUMN started_at INTEGER;
ALTER TABLE transport_cursors ADD COLUMN started_at INTEGER;

-- A delivery or read report that arrives before its send's provider id is known (the send is still
-- being looked up after a timeout) is kept here and applied when the outbox learns the id. Kept a day.
CREATE TABLE kept_status_reports (
    transport           TEXT NOT NULL,
    event_id            TEXT NOT NULL,
    provider_message_id TEXT NOT NULL,
    status              TEXT NOT NULL,
    at_ms               INTEGER,
    error               TEXT,
    kept_at             INTEGER NOT NULL,
    PRIMARY KEY (transport, event_id)
);
CREATE INDEX ix_kept_status_reports_message ON kept_status_reports (transport, provider_message_id);
CREATE INDEX ix_kept_status_reports_kept_at ON kept_status_reports (kept_at);

-- BlueBubbles: one conversation per person and per group whatever guid shape the server reports
-- (iMessage;-;+1…, SMS;-;+1…, any;-;+1…, any;+;chat… on macOS 26). The key is the guid without its
-- service; the conversation keeps the first guid seen as its chat id.
CREATE TABLE bluebubbles_chats (
    transport TEXT NOT NULL,
    chat_key  TEXT NOT NULL,
    chat_id   TEXT NOT NULL,
    PRIMARY KEY (transport, chat_key)
);

-- Every guid a key came in under or was sent to, and how sends to it went: replies go to the one
-- that last worked, never to one that keeps failing while another works.
CREATE TABLE bluebubbles_chat_guids (
    transport       TEXT NOT NULL,
    guid            TEXT NOT NULL,
    chat_key        TEXT NOT NULL,
    last_inbound_at INTEGER,
    last_sent_at    INTEGER,
    failures        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (transport, guid)
);
CREATE INDEX ix_bluebubbles_chat_guids_key ON bluebubbles_chat_guids (transport, chat_key);

-- Existing BlueBubbles conversations keep their chat id: each key goes to its most recent one.
INSERT INTO bluebubbles_chats (transport, chat_key, chat_id)
SELECT transport, lower(substr(chat_id, instr(chat_id, ';') + 1)), chat_id FROM conversations
WHERE transport IN (SELECT transport FROM bluebubbles_cursors) AND chat_id LIKE '%;%;%'
ORDER BY last_message_at DESC
ON CONFLICT (transport, chat_key) DO NOTHING;
INSERT INTO bluebubbles_chat_guids (transport, guid, chat_key, last_inbound_at, failures)
SELECT transport, chat_id, lower(substr(chat_id, instr(chat_id, ';') + 1)), last_message_at, 0 FROM conversations
WHERE transport IN (SELECT transport FROM bluebubbles_cursors) AND chat_id LIKE '%;%;%'
ON CONFLICT (transport, guid) DO NOTHING;

-- BlueBubbles files the server could not hand over yet (a voice memo not on the Mac: 500 "Attachment
-- does not exist in disk!"): the message is stored and answered without it, and catch-up fetches it
-- later and adds it to the message.
CREATE TABLE bluebubbles_pending_files (
    transport       TEXT NOT NULL,
    attachment_guid TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    file_name       TEXT,
    mime_type       TEXT,
    position        INTEGER NOT NULL,
    tries           INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (transport, attachment_guid)
);
