using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Memory;

/// <summary>A history purge deletes the purged conversations' summaries and recorded agent errors.</summary>
internal sealed class MemoryCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(
            connection,
            transaction,
            cancellationToken,
            $"DELETE FROM summaries WHERE conversation_id {ConversationPurge.ConversationIn(connection)}",
            $"DELETE FROM agent_errors WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
