-- The send governor's counts (issue 14, Gateway/Governor): what each gateway number sent and received
-- lately, written in the transactions that already record a send handed to its transport (the
-- outbox's mark in flight) and a person's message (the inbox), kept a day and swept by the governor.

-- One row per send handed to a governed transport: the per-recipient minute reads it by conversation,
-- the new-conversations day by number, only the sends that started a conversation.
CREATE TABLE governor_sends (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number_key          TEXT NOT NULL,
    conversation_id     TEXT NOT NULL,
    sent_at             BIGINT NOT NULL,
    starts_conversation BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_governor_sends_conversation ON governor_sends (conversation_id, sent_at);
CREATE INDEX ix_governor_sends_starts ON governor_sends (number_key, sent_at) WHERE starts_conversation;
CREATE INDEX ix_governor_sends_sent ON governor_sends (sent_at);

-- The agents' messages that went to each conversation since its person's last message, counted in send
-- order: +1 when an agent's send is marked in flight, gone when the person writes. Read by primary key.
CREATE TABLE governor_unanswered (
    conversation_id TEXT PRIMARY KEY,
    unanswered      BIGINT NOT NULL
);

-- Messages out and in per gateway number and hour: the outbound:inbound ratio sums a day of them,
-- 25 rows at most, instead of counting thousands of messages on every send.
CREATE TABLE governor_traffic (
    number_key TEXT NOT NULL,
    hour_start BIGINT NOT NULL,
    outbound   BIGINT NOT NULL DEFAULT 0,
    inbound    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (number_key, hour_start)
);
