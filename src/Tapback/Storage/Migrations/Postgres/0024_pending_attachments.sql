-- Files a stored message still waits for, on every transport that fetches files (a BlueBubbles voice
-- memo not on the Mac yet, a Blooio or Sendblue media URL that fails for now, a chat.db file iCloud
-- has not downloaded): the message is stored and answered without it, and Gateway/Attachments fetches
-- it later, adds it to the message and tells the message's agent (message.updated). One table for
-- all of them; BlueBubbles' own table moves into it.
CREATE TABLE pending_attachments (
    transport       TEXT NOT NULL,
    file_key        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    position        BIGINT NOT NULL,
    source          TEXT NOT NULL,
    file_name       TEXT,
    content_type    TEXT,
    tries           BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (transport, file_key)
);
CREATE INDEX pending_attachments_due ON pending_attachments (transport, next_attempt_at);
CREATE INDEX pending_attachments_message ON pending_attachments (message_id);

INSERT INTO pending_attachments (transport, file_key, message_id, position, source, file_name, content_type, tries, next_attempt_at, created_at)
SELECT transport, attachment_guid, message_id, position, attachment_guid, file_name, mime_type, tries, created_at, created_at
FROM bluebubbles_pending_files;
DROP TABLE bluebubbles_pending_files;
