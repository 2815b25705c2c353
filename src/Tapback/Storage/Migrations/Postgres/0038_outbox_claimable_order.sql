-- The outbox claim's oldest claimable rows in id order (see the SQLite twin).
CREATE INDEX ix_outbox_claimable_order ON outbox (id) WHERE state IN ('queued', 'reconciling');
