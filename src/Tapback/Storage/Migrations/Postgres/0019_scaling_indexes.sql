-- A claim walks the pending rows in seq order and stops at the first conversation it may take,
-- instead of sorting the whole backlog for each claim (the SQLite twin has the figures).
CREATE INDEX ix_agent_queue_claim_order ON agent_queue (link, state, seq);

-- The outbox's open rows in id order, for the claim's search among the oldest of them (see the SQLite twin).
CREATE INDEX ix_outbox_open_order ON outbox (id) WHERE state IN ('queued', 'in_flight', 'reconciling');

-- The dashboard feed's dead count and latest attempt (see the SQLite twin).
CREATE INDEX ix_webhook_deliveries_dead ON webhook_deliveries (seq) WHERE state = 'dead';
CREATE INDEX ix_webhook_deliveries_last_attempt ON webhook_deliveries (last_attempt_at);
