-- The bridge watchdog (issue 14): one row per watched transport instance, what the watchdog last
-- announced and what it sees now, so a restart neither announces a transition again nor loses one
-- it was timing. Gateway/Watchdog/TransportHealthStore owns the rows; a transport no longer
-- configured loses its row at the next start.
CREATE TABLE transport_health (
    transport        TEXT PRIMARY KEY,
    -- 'healthy' or 'degraded' (TransportHealthStates): the state last announced.
    state            TEXT NOT NULL,
    -- Why it is degraded (the reason announced; kept current while it stays degraded); NULL when healthy.
    reason           TEXT NULL,
    -- When the announced state began: the first check that saw the stall, or the first healthy one after it.
    since            BIGINT NOT NULL,
    -- On a healthy row after a recovery: when the degradation it recovered from began.
    degraded_since   BIGINT NULL,
    -- A check that disagrees with the announced state, and since when: it becomes the state once it
    -- has held for the configured bound (DegradedAfter / RecoveredAfter), never at the first check.
    pending_reason   TEXT NULL,
    pending_since    BIGINT NULL,
    -- Bumped at each announced transition; each node compares it with what it last told its sockets.
    version          BIGINT NOT NULL DEFAULT 0,
    -- The canary: the message of the latest one sent, when it was written, and the verdict of the
    -- latest one judged (NULL: it arrived, or none judged yet), which stands while the next one is on its way.
    canary_message_id TEXT NULL,
    canary_sent_at   BIGINT NULL,
    canary_problem   TEXT NULL,
    checked_at       BIGINT NOT NULL
);
