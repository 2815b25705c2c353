-- The send governor (issue 14): an outbox row may be held, with its reason, until it is released.

-- Why the governor holds the row (a Gateway/Governor/HoldReasons wire name), and since when; both stay
-- after a release so a row held again for the same reason is not reported to its agent twice.
ALTER TABLE outbox ADD COLUMN held_reason TEXT NULL;
ALTER TABLE outbox ADD COLUMN held_at BIGINT NULL;

-- When the governor looks at a held row again by itself (a rate window frees up); NULL: only an
-- event releases it (the person's next message, a resume, an operator).
ALTER TABLE outbox ADD COLUMN release_at BIGINT NULL;

-- An operator released the row past the governor's limits: it is not held again.
ALTER TABLE outbox ADD COLUMN governor_exempt BOOLEAN NOT NULL DEFAULT FALSE;

-- Held rows are open (later rows of their conversation wait behind them): the open rows' partial
-- indexes take them in, so the claim's queries, whose state lists now name 'held', still imply them.
DROP INDEX ix_outbox_conversation_open;
CREATE INDEX ix_outbox_conversation_open ON outbox (conversation_id, id) WHERE state IN ('queued', 'in_flight', 'reconciling', 'held');
DROP INDEX ix_outbox_open_order;
CREATE INDEX ix_outbox_open_order ON outbox (id) WHERE state IN ('queued', 'in_flight', 'reconciling', 'held');

-- The operator's list of held sends and the governor's own look-again, by time.
CREATE INDEX ix_outbox_held ON outbox (release_at, id) WHERE state = 'held';
