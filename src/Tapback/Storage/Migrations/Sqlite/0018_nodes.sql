-- The nodes that work this store, one row per process start (an incarnation). lease_owner in
-- agent_queue, outbox and webhook_deliveries holds an incarnation, so a node can tell whose leases
-- are whose: its own previous incarnation's (freed at its start), a live node's (heartbeat fresh,
-- never taken) and a dead node's (heartbeat stale, taken without waiting for the lease to run out).
CREATE TABLE nodes (
    incarnation   TEXT PRIMARY KEY,
    node_id       TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    heartbeat_at  INTEGER NOT NULL,
    -- Set when the incarnation is known to be gone (stopped, restarted or found dead) and its leases were freed.
    ended_at      INTEGER NULL
);

CREATE INDEX ix_nodes_node ON nodes (node_id);
CREATE INDEX ix_nodes_live ON nodes (heartbeat_at) WHERE ended_at IS NULL;

-- Few rows hold a lease at any time: these keep "the leases of these incarnations" off a full scan.
CREATE INDEX ix_agent_queue_lease_owner ON agent_queue (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX ix_outbox_lease_owner ON outbox (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX ix_webhook_deliveries_lease_owner ON webhook_deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

-- The outbox claim steps from one open conversation to the next and finds each one's oldest open
-- row here, however many done rows the table holds.
CREATE INDEX ix_outbox_conversation_open ON outbox (conversation_id, id) WHERE state IN ('queued', 'in_flight', 'reconciling');
