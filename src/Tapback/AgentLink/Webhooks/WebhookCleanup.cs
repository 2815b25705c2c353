using System.Data.Common;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// An ended integration's webhooks are deleted and their pending deliveries cancelled: a new pairing
/// of the same phone starts with none, so events never reach the old agent's URLs.
/// </summary>
internal sealed class WebhookCleanup : IIntegrationCleanup
{
    public async Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_subscriptions SET deleted_at = @now, updated_at = @now WHERE integration_id = @integrationId AND deleted_at IS NULL",
            new { integrationId, now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE webhook_deliveries SET state = '{WebhookDeliveryStates.Cancelled}', lease_owner = NULL, lease_until = NULL WHERE integration_id = @integrationId AND state = '{WebhookDeliveryStates.Pending}'",
            new { integrationId },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>A history purge deletes the deliveries of the purged conversations' events, whichever integration they were for.</summary>
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM webhook_deliveries WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
