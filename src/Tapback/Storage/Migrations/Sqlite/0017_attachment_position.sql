-- The order files were attached in, kept explicitly: one timestamp cannot order the files of one
-- message, and SQLite's rowid has no PostgreSQL counterpart.
ALTER TABLE attachments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
