using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Writes one <c>webhook_deliveries</c> row per subscription of the integration that wants the event,
/// inside the transaction that queues the event, so an event is never stored without its deliveries
/// (nor a delivery without its event). The body is rendered when it is sent, so file URLs are fresh.
/// </summary>
internal static class WebhookFanOut
{
    /// <summary>Returns whether any delivery row was written (so whether the webhook worker has anything new to claim).</summary>
    public static async Task<bool> WriteAsync(
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
            return false;
        }

        var type = await TypeOfAsync(connection, transaction, kind, reactionId, cancellationToken);
        if (type is null)
        {
            return false;
        }

        // The subscriptions are read and filtered here rather than with json_each, so one statement
        // serves SQLite and PostgreSQL alike.
        var subscriptions = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            "SELECT id, events FROM webhook_subscriptions WHERE integration_id = @integrationId AND deleted_at IS NULL",
            row => (Id: row.GetString(0), Events: row.GetString(1)),
            cancellationToken,
            ("@integrationId", integrationId));
        var eventId = Ids.New("evt");
        var isStatus = IsStatus(kind) && messageId is not null;
        var written = false;
        foreach (var subscription in subscriptions.Where(subscription => Wants(subscription.Events, type)))
        {
            written |= await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO webhook_deliveries (id, event_id, subscription_id, integration_id, type, conversation_id, message_id, reaction_id, payload, state, attempts, next_attempt_at, created_at)
                SELECT @id, @eventId, @subscriptionId, @integrationId, @type, @conversationId, @messageId, @reactionId, @payload, '{WebhookDeliveryStates.Pending}', 0, @now, @now
                WHERE @isStatus = FALSE OR NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries seen
                    WHERE seen.message_id = @messageId AND seen.subscription_id = @subscriptionId AND seen.type = @type)
                """,
                new { id = Ids.New("whd"), eventId, subscriptionId = subscription.Id, integrationId, type, conversationId, messageId, reactionId, payload, now, isStatus },
                transaction,
                cancellationToken: cancellationToken)) > 0;
        }

        return written;
    }

    private static bool Wants(string eventsJson, string type)
    {
        using var events = JsonDocument.Parse(eventsJson);
        return events.RootElement.ValueKind == JsonValueKind.Array
            && events.RootElement.EnumerateArray().Any(element => element.ValueKind == JsonValueKind.String && element.ValueEquals(type));
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
                var reaction = await ConversationReader.FindReactionAsync(connection, transaction, reactionId, cancellationToken);
                return reaction is { Removed: true } ? "reaction.removed" : "reaction.added";
            case var status when IsStatus(status):
                return kind;
            default:
                // Gateway-internal kinds (approvals …) are not webhook events.
                return null;
        }
    }
}
