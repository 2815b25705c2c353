-- One idempotency rule for every agent surface (Gateway/Actions/ActionKeys): the REST API's table of
-- Idempotency-Keys becomes the table of every caller-supplied key (REST's Idempotency-Key, the
-- WebSocket's clientMessageId, MCP's idempotency_key), per integration. The columns and the existing
-- rows stay as they are: a key stored before keeps answering its first result, or 409 for another body.
ALTER TABLE rest_idempotency RENAME TO action_keys;
