-- The twin of the SQLite migration: ix_outbox_open held every outbox row and was changed three times
-- per row; open rows have partial indexes of their own, done message rows get ix_outbox_sent.
DROP INDEX ix_outbox_open;

CREATE INDEX ix_outbox_sent ON outbox (conversation_id, id) WHERE state = 'done' AND kind = 'message';

CREATE INDEX ix_outbox_failed ON outbox (id) WHERE state IN ('failed', 'unknown');
