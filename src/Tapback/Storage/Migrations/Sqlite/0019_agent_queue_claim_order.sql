-- A claim takes the conversation whose oldest pending row is oldest (ORDER BY seq LIMIT 1). With only
-- ix_agent_queue_pending (ordered by conversation first) the store read every pending row and sorted
-- them for each claim: 100 ms a claim at a backlog of 38,000 conversations, inside the one writer,
-- so a backlog slowed every turn and every inbound write. In seq order the claim stops at the first
-- conversation it may take.
CREATE INDEX ix_agent_queue_claim_order ON agent_queue (link, state, seq);
