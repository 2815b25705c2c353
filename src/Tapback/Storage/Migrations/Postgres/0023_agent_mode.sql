-- Who answers a paired phone (Gateway/Integrations/IntegrationAgents): 'own' is the integration's own
-- agent, reached by its WebSocket and its webhooks, as every integration was before; 'builtin' is the
-- built-in agent, with the integration's settings. last_connected_at is when an agent WebSocket last
-- said `ready`: an integration whose events its webhooks hear, and whose socket never came, keeps no
-- queue for a socket (AgentQueueStore.EnqueueAsync).
ALTER TABLE integrations ADD COLUMN agent TEXT NOT NULL DEFAULT 'own' CHECK (agent IN ('own', 'builtin'));
ALTER TABLE integrations ADD COLUMN last_connected_at BIGINT NULL;
-- Existing integrations keep their queue: one whose socket took an event (a row done) counts as
-- connected once; one without webhooks queues whatever the column says.
UPDATE integrations SET last_connected_at = updated_at
WHERE EXISTS (SELECT 1 FROM agent_queue q WHERE q.link = 'integration:' || integrations.id AND q.state = 'done');
