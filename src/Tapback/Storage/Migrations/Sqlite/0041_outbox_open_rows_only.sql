-- ix_outbox_open (state, conversation_id, id) held every outbox row, and each row moved through it
-- three times (queued, done, and the state between): 12 index changes and about 3.5 of the 28 pages
-- written per built-in turn (docs/benchmarks.md, "turn-writes"), for done rows that only the loop
-- breaker reads, and only the message ones. Open rows are found by the partial indexes that hold only
-- them (ix_outbox_conversation_open, ix_outbox_open_order, ix_outbox_claimable_order, ix_outbox_held,
-- ix_outbox_scheduled); what is left of the old index's work has an index of its own here.
DROP INDEX ix_outbox_open;

-- The loop breaker's newest-first walk of a conversation's sent messages (OutboxStore.LatestSentAsync).
CREATE INDEX ix_outbox_sent ON outbox (conversation_id, id) WHERE state = 'done' AND kind = 'message';

-- The dashboard's latest failures (SystemReader): few rows, so a scan of the outbox to find them is not needed.
CREATE INDEX ix_outbox_failed ON outbox (id) WHERE state IN ('failed', 'unknown');
