-- API keys: operator-made Bearer credentials scoped to one integration, for REST, webhook management
-- and MCP. The key is shown once; only its SHA-256 is kept. "lookup" is the random public part after
-- tbk_key_, so a key is found without its secret and then compared in constant time.
CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,
    integration_id TEXT NOT NULL,
    name           TEXT NOT NULL,
    lookup         TEXT NOT NULL UNIQUE,
    key_hash       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    last_used_at   BIGINT NULL
);
CREATE INDEX ix_api_keys_integration ON api_keys (integration_id);
