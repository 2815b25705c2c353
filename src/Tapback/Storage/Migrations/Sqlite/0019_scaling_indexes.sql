-- A claim takes the conversation whose oldest pending row is oldest (ORDER BY seq LIMIT 1). With only
-- ix_agent_queue_pending (ordered by conversation first) the store read every pending row and sorted
-- them for each claim: 100 ms a claim at a backlog of 38,000 conversations, inside the one writer,
-- so a backlog slowed every turn and every inbound write. In seq order the claim stops at the first
-- conversation it may take.
CREATE INDEX ix_agent_queue_claim_order ON agent_queue (link, state, seq);

-- The outbox's open rows in id order: a claim finds the oldest claimable conversation head among the
-- first of them instead of stepping through every open conversation (33 ms a claim at 4,000 open
-- conversations after a burst of answers, inside the one writer).
CREATE INDEX ix_outbox_open_order ON outbox (id) WHERE state IN ('queued', 'in_flight', 'reconciling');

-- The dashboard's live feed counts dead deliveries and watches the latest attempt once a second:
-- a dead delivery replayed and delivered between two polls changed nothing else it read.
CREATE INDEX ix_webhook_deliveries_dead ON webhook_deliveries (seq) WHERE state = 'dead';
CREATE INDEX ix_webhook_deliveries_last_attempt ON webhook_deliveries (last_attempt_at);
