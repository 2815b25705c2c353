using System.Data.Common;
using Dapper;
using Tapback.Gateway.Integrations;
using Tapback.Storage;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Writes one <c>webhook_deliveries</c> row per subscription of the integration that wants the event,
/// inside the transaction that queues the event, so an event is never stored without its deliveries
/// (nor a delivery without its event). The body is rendered when it is sent, so file URLs are fresh.
/// </summary>
internal static class WebhookFanOut
{
    public static async Task WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string link,
        string conversationId,
        string kind,
        string? messageId,
        long? reactionId,
        string? payload,
        long now,
        CancellationToken cancellationToken)
    {
        if (!IntegrationLinks.TryParse(link, out var integrationId))
        {
            return;
        }

        var type = await TypeOfAsync(connection, transaction, kind, reactionId, cancellationToken);
        if (type is null)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (id, event_id, subscription_id, integration_id, type, conversation_id, message_id, reaction_id, payload, state, attempts, next_attempt_at, created_at)
            SELECT 'whd_' || lower(hex(randomblob(16))), @eventId, s.id, s.integration_id, @type, @conversationId, @messageId, @reactionId, @payload, 'pending', 0, @now, @now
            FROM webhook_subscriptions s
            WHERE s.integration_id = @integrationId AND s.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM json_each(s.events) WHERE json_each.value = @type)
              AND (@isStatus = 0 OR NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries seen
                  WHERE seen.message_id = @messageId AND seen.subscription_id = s.id AND seen.type = @type))
            """,
            new { eventId = Ids.New("evt"), integrationId, type, conversationId, messageId, reactionId, payload, now, isStatus = IsStatus(kind) && messageId is not null },
            transaction,
            cancellationToken: cancellationToken));
    }

    // A message is sent, delivered or read once: a status reported again (a WebSocket client asking
    // after a crash) is news to that client, not to a webhook that already heard it.
    private static bool IsStatus(string kind) =>
        kind is AgentQueueKinds.MessageSent or AgentQueueKinds.MessageFailed or AgentQueueKinds.MessageDelivered or AgentQueueKinds.MessageRead;

    private static async Task<string?> TypeOfAsync(DbConnection connection, DbTransaction transaction, string kind, long? reactionId, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case AgentQueueKinds.Message:
                return "message.received";
            case AgentQueueKinds.Reaction:
                var removed = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT removed FROM reactions WHERE id = @reactionId", new { reactionId }, transaction, cancellationToken: cancellationToken));
                return removed ? "reaction.removed" : "reaction.added";
            case var status when IsStatus(status):
                return kind;
            default:
                // Gateway-internal kinds (approvals …) are not webhook events.
                return null;
        }
    }
}
