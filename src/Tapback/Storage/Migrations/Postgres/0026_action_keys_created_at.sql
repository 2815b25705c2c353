-- ActionKeySweeper forgets the idempotency keys older than Tapback:Actions:KeyRetention every hour
-- (DELETE ... WHERE created_at < @before); without an index each sweep reads the whole table.
CREATE INDEX ix_action_keys_created_at ON action_keys (created_at);
