-- A phone is the transport instance it texts through plus its handle: the same number on the
-- simulator and on a real transport are two phones, each with at most one live integration. Every
-- existing integration already names its transport, and a (transport, phone) key is finer than a
-- phone key, so the rows that were unique stay unique.
DROP INDEX ux_integrations_phone;
CREATE UNIQUE INDEX ux_integrations_transport_phone ON integrations (transport, phone) WHERE status <> 'deleted';
