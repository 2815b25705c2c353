-- The outbox claim reads the oldest claimable rows (queued or reconciling) in id order and checks each
-- for being its conversation's head, instead of stepping through every open conversation whenever the
-- oldest open rows held no claimable head (at 200 conversations answering at once, most claims did).
-- Bounded by LIMIT, so its cost does not follow the backlog (OutboxClaimPlanTests).
CREATE INDEX ix_outbox_claimable_order ON outbox (id) WHERE state IN ('queued', 'reconciling');
