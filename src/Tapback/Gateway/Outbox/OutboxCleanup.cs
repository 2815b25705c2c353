using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Outbox;

/// <summary>A history purge deletes the outbox rows of the purged conversations (sent or not: the person asked for nothing more of it).</summary>
internal sealed class OutboxCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM outbox WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
