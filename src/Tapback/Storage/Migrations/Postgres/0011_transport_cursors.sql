-- The last point a hosted transport (Blooio, Sendblue) has seen in its provider's message history,
-- so a restart catches up from there: epoch milliseconds of the newest inbound message stored.
CREATE TABLE transport_cursors (
    transport   TEXT PRIMARY KEY,
    position_ms BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

