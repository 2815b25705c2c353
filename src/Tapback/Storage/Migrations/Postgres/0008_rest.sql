-- REST sends with an Idempotency-Key: the request's hash and the messages it made, so the same key
-- and body answer the first result again and the same key with another body is refused (409).
CREATE TABLE rest_idempotency (
    integration_id  TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_ids     TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (integration_id, idempotency_key)
);
