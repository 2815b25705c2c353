-- The keys that sign dashboard cookies and file URLs now derive from <data directory>/gateway.key
-- (owner-only), so a copy of the store alone can no longer mint either. The old keys are dropped:
-- an open dashboard signs in once more, and file URLs handed out before the upgrade stop working.
DELETE FROM gateway_secrets WHERE name IN ('dashboard_cookie_key', 'file_url_key');
