using System.Data.Common;
using Dapper;
using Tapback.Gateway.Integrations;
using Tapback.Storage;

namespace Tapback.Gateway.AgentQueue;

internal static partial class WebhookFanOut
{
    /// <summary>
    /// The ordering key that stands in for a conversation on a transport's own events: a receiver
    /// hears a transport's degradation before its recovery, as it hears a conversation's events in order.
    /// </summary>
    public static string TransportOrder(string transport) => $"{TransportOrderPrefix}{transport}";

    /// <summary>Whether a delivery's <c>conversation_id</c> is a transport's ordering key rather than a conversation.</summary>
    public static bool IsTransportOrder(string conversationId) => conversationId.StartsWith(TransportOrderPrefix, StringComparison.Ordinal);

    private const string TransportOrderPrefix = "transport:";

    /// <summary>
    /// Writes one delivery of a transport event (the bridge watchdog's <c>transport.degraded</c> /
    /// <c>transport.recovered</c>, whose <paramref name="payload"/> the renderer turns into its body)
    /// per webhook that asked for <paramref name="type"/>, of every live integration on the transport.
    /// Such events have no conversation, so no agent-queue row: the delivery rows are their durable
    /// record. Returns whether any row was written.
    /// </summary>
    public static async Task<bool> WriteTransportEventAsync(
        DbConnection connection, DbTransaction transaction, string transport, string type, string payload, long now, CancellationToken cancellationToken)
    {
        var subscriptions = await connection.QueryAsync<(string Id, string Events, string IntegrationId)>(new CommandDefinition(
            $"SELECT id, events, integration_id FROM webhook_subscriptions WHERE deleted_at IS NULL AND integration_id IN ({IntegrationStore.LiveOnTransport})",
            new { transport },
            transaction,
            cancellationToken: cancellationToken));
        var eventId = Ids.New("evt");
        var written = false;
        foreach (var subscription in subscriptions.Where(subscription => Wants(subscription.Events, type)))
        {
            written |= await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO webhook_deliveries (id, event_id, subscription_id, integration_id, type, conversation_id, payload, state, attempts, next_attempt_at, created_at)
                VALUES (@id, @eventId, @subscriptionId, @integrationId, @type, @order, @payload, '{WebhookDeliveryStates.Pending}', 0, @now, @now)
                """,
                new { id = Ids.New("whd"), eventId, subscriptionId = subscription.Id, integrationId = subscription.IntegrationId, type, order = TransportOrder(transport), payload, now },
                transaction,
                cancellationToken: cancellationToken)) > 0;
        }

        return written;
    }
}
