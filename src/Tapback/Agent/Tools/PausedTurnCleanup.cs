using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Tools;

/// <summary>A history purge deletes the purged conversations' paused turns (after their questions and approvals, which point at them).</summary>
internal sealed class PausedTurnCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM paused_turns WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
