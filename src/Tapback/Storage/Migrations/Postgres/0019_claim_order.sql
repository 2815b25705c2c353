-- A claim walks the pending rows in seq order and stops at the first conversation it may take,
-- instead of sorting the whole backlog for each claim (the SQLite twin has the figures).
CREATE INDEX ix_agent_queue_claim_order ON agent_queue (link, state, seq);

-- The outbox's open rows in id order, for the claim's search among the oldest of them (see the SQLite twin).
CREATE INDEX ix_outbox_open_order ON outbox (id) WHERE state IN ('queued', 'in_flight', 'reconciling');
