using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Approvals;

/// <summary>A history purge deletes the approvals asked in the purged conversations.</summary>
internal sealed class ApprovalCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM approvals WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
