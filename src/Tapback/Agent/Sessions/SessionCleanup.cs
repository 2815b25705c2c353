using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Sessions;

/// <summary>A history purge deletes the purged conversations' sessions (after the summaries, which point at them).</summary>
internal sealed class SessionCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM sessions WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
