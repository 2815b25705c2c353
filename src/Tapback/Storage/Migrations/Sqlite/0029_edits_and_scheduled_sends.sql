-- An agent's edits, unsends and scheduled sends (issue 13).

-- Scheduled sends wait in their own state, outside the open rows' partial indexes; a claim first
-- promotes the due ones, looking them up by time.
CREATE INDEX ix_outbox_scheduled ON outbox (next_attempt_at) WHERE state = 'scheduled';

-- Edits, unsends and cancellations find a message's rows (its send, its edits) by message id.
CREATE INDEX ix_outbox_message ON outbox (message_id) WHERE message_id IS NOT NULL;
