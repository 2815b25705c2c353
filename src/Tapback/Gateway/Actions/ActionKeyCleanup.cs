using System.Data.Common;
using Dapper;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Actions;

/// <summary>An ended integration's remembered action keys go with it; a history purge deletes those of the purged conversations.</summary>
internal sealed class ActionKeyCleanup : IIntegrationCleanup
{
    public Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM action_keys WHERE integration_id = @integrationId",
            new { integrationId },
            transaction,
            cancellationToken: cancellationToken));

    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM action_keys WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
