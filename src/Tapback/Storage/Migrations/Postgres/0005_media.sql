-- What the built-in agent derived from an attachment, kept so a history shown to the model on every
-- turn is transcribed once. (Converted photos are files next to the originals, named by their hash.)
CREATE TABLE attachment_transcripts (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments (id),
    state         TEXT NOT NULL CHECK (state IN ('done', 'failed')),
    text          TEXT NULL,
    provider      TEXT NULL,
    model         TEXT NULL,
    error         TEXT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
