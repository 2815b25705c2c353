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
internal static partial class WebhookFanOut
{
    /// <summary>
    /// Returns whether any delivery row was written (so whether the webhook worker has anything new to
    /// claim), whether a webhook of the integration hears this event's type at all, and, when one does,
    /// whether an agent WebSocket ever said <c>ready</c> for the integration.
    /// </summary>
    public static async Task<FanOut> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string link,
        string conversationId,
        string kind,
        string? messageId,
        long? reactionId,
        string? payload,
        long now,
        CancellationToken cancellationToken,
        Task<IReadOnlyList<Subscription>>? lookedUp = null)
    {
        if (!IntegrationLinks.TryParse(link, out var integrationId))
        {
            return FanOut.None;
        }

        var type = await TypeOfAsync(connection, transaction, kind, reactionId, cancellationToken);
        if (type is null)
        {
            return FanOut.None;
        }

        var subscriptions = await (lookedUp ?? SubscriptionsOfAsync(connection, transaction, integrationId, cancellationToken));
        var eventId = Ids.New("evt");
        var isStatus = IsStatus(kind) && messageId is not null;
        var hearing = subscriptions.Where(subscription => Wants(subscription.Events, type)).ToList();
        if (hearing.Count == 0)
        {
            return FanOut.None;
        }

        var written = false;
        foreach (var subscription in hearing)
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

        var socketCame = await PreparedStatements.ScalarAsync<bool>(
            connection,
            transaction,
            "SELECT last_connected_at IS NOT NULL FROM integrations WHERE id = @integrationId",
            cancellationToken,
            ("@integrationId", integrationId));
        return new FanOut(written, Heard: true, socketCame);
    }

    /// <summary>
    /// Starts reading the live webhook subscriptions of <paramref name="link"/>'s integration, for a
    /// <see cref="WriteAsync"/> to come in the same transaction (null when the link is no integration).
    /// A caller that knows the link early starts the read beside its other statements: on PostgreSQL's
    /// interleaved group commit they share one round trip (GroupCommit.Interleaved.cs), where the read
    /// made just before the queue row was a round of its own.
    /// </summary>
    public static Task<IReadOnlyList<Subscription>>? LookUp(DbConnection connection, DbTransaction transaction, string link, CancellationToken cancellationToken) =>
        IntegrationLinks.TryParse(link, out var integrationId) ? SubscriptionsOfAsync(connection, transaction, integrationId, cancellationToken) : null;

    /// <summary>A live webhook subscription: its id and the JSON array of event types it asked for.</summary>
    public readonly record struct Subscription(string Id, string Events);

    // The subscriptions are read and filtered in C# rather than with json_each, so one statement
    // serves SQLite and PostgreSQL alike.
    private static Task<IReadOnlyList<Subscription>> SubscriptionsOfAsync(DbConnection connection, DbTransaction transaction, string integrationId, CancellationToken cancellationToken) =>
        PreparedStatements.QueryAsync(
            connection,
            transaction,
            "SELECT id, events FROM webhook_subscriptions WHERE integration_id = @integrationId AND deleted_at IS NULL",
            row => new Subscription(row.GetString(0), row.GetString(1)),
            cancellationToken,
            ("@integrationId", integrationId));

    /// <summary>
    /// Cancels the integration's typing deliveries of the conversation that were not yet attempted or
    /// are waiting for a retry (not one being sent now): a newer typing state is about to be written,
    /// and only it is news to a receiver that was away.
    /// </summary>
    public static async Task SupersedeTypingAsync(DbConnection connection, DbTransaction transaction, string link, string conversationId, long now, CancellationToken cancellationToken)
    {
        if (!IntegrationLinks.TryParse(link, out var integrationId))
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE webhook_deliveries SET state = '{WebhookDeliveryStates.Cancelled}', last_error = 'Superseded by a newer typing state.'
            WHERE subscription_id IN (SELECT id FROM webhook_subscriptions WHERE integration_id = @integrationId)
              AND conversation_id = @conversationId AND state = '{WebhookDeliveryStates.Pending}'
              AND type IN ('{AgentQueueKinds.TypingStarted}', '{AgentQueueKinds.TypingStopped}')
              AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { integrationId, conversationId, now },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>The integrations with a live webhook subscription: their events go out as webhooks.</summary>
    public static async Task<IReadOnlySet<string>> IntegrationsWithWebhooksAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT integration_id FROM webhook_subscriptions WHERE deleted_at IS NULL", cancellationToken: cancellationToken));
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What <see cref="WriteAsync"/> did: rows written, whether a webhook hears the type, whether a socket ever came.</summary>
    public readonly record struct FanOut(bool Written, bool Heard, bool SocketCame)
    {
        public static FanOut None => default;
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
            case AgentQueueKinds.MessageUpdated:
                return "message.updated";
            case AgentQueueKinds.Reaction:
                var reaction = await ConversationReader.FindReactionAsync(connection, transaction, reactionId, cancellationToken);
                return reaction is { Removed: true } ? "reaction.removed" : "reaction.added";
            case var status when IsStatus(status):
                return kind;
            case AgentQueueKinds.MessageEdited or AgentQueueKinds.MessageUnsent or AgentQueueKinds.TypingStarted or AgentQueueKinds.TypingStopped
                or AgentQueueKinds.MessageHeld or AgentQueueKinds.ConversationPaused or AgentQueueKinds.ConversationResumed:
                // The person's edits, unsends and typing, the governor's holds, the loop breaker's pauses: the queue's kinds are the webhooks' type names.
                return kind;
            default:
                // Gateway-internal kinds (approvals …) are not webhook events.
                return null;
        }
    }
}
