-- A phone is its transport instance plus its handle: one live integration per (transport, phone)
-- (see the SQLite twin).
DROP INDEX ux_integrations_phone;
CREATE UNIQUE INDEX ux_integrations_transport_phone ON integrations (transport, phone) WHERE status <> 'deleted';
