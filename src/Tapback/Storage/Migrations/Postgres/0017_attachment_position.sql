-- The order files were attached in, kept explicitly (the SQLite twin explains why).
ALTER TABLE attachments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
