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
