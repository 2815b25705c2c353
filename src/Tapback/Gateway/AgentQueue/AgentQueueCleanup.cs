using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.AgentQueue;

/// <summary>An ended integration's undelivered events are discarded; a purge deletes the queue rows of its conversations, whatever link they were for.</summary>
internal sealed class AgentQueueCleanup : IIntegrationCleanup
{
    public Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default) =>
        AgentQueueStore.DiscardPendingAsync(connection, transaction, IntegrationLinks.Of(integrationId), now, cancellationToken);

    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM agent_queue WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
