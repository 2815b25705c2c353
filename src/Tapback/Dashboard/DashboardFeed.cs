using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.Dashboard;

/// <summary>
/// The dashboard's live feed: a <c>change</c> event whenever anything it shows has changed, after
/// which the page reads its view again. It watches the store rather than in-process events, so a
/// dashboard on one node also sees what another node behind the load balancer did.
/// </summary>
internal sealed class DashboardFeed(Database database, IntegrationConnections connections, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Each part grows (or changes) when a row of its kind is written: new messages, tapbacks, sends
    // finishing, sessions, summaries, errors, integration edits, webhook deliveries and the loop
    // breaker's pauses and resumes. A delivery's
    // attempts and its dead state count too: a dead delivery replayed and delivered between two polls
    // leaves the pending count where it was, and the page went on showing it pending. An edit or unsend
    // of a message changes no seq: the inbox row that recorded it (and an edit's kept text) does.
    private const string WatermarkQuery =
        $"""
        SELECT (SELECT coalesce(max(seq), 0) FROM messages) AS messages,
               (SELECT coalesce(max(id), 0) FROM reactions) AS reactions,
               (SELECT coalesce(max(id), 0) FROM inbox) AS inbound_events,
               (SELECT coalesce(max(id), 0) FROM message_edits) AS edits,
               (SELECT count(*) FROM outbox WHERE state IN ({OutboxStates.Open}) AND state IN ('{OutboxStates.Queued}', '{OutboxStates.InFlight}')) AS open_sends,
               (SELECT count(*) FROM outbox WHERE state = '{OutboxStates.Held}') AS held_sends,
               (SELECT coalesce(max(id), 0) FROM outbox) AS sends,
               (SELECT count(*) FROM sessions) AS sessions,
               (SELECT count(*) FROM summaries) AS summaries,
               (SELECT coalesce(max(id), 0) FROM agent_errors) AS errors,
               (SELECT coalesce(max(updated_at), 0) FROM integrations) AS integrations,
               (SELECT count(*) FROM webhook_deliveries WHERE state = '{WebhookDeliveryStates.Pending}') AS pending_deliveries,
               (SELECT count(*) FROM webhook_deliveries WHERE state = '{WebhookDeliveryStates.Dead}') AS dead_deliveries,
               (SELECT coalesce(max(last_attempt_at), 0) FROM webhook_deliveries) AS delivery_attempts,
               (SELECT coalesce(max(seq), 0) FROM webhook_deliveries) AS deliveries,
               (SELECT count(*) FROM webhook_subscriptions WHERE deleted_at IS NULL) AS webhooks,
               {ConversationPauseStore.WatermarkSql} AS paused_conversations
        """;

    public async IAsyncEnumerable<SseItem<string>> StreamAsync([EnumeratorCancellation] CancellationToken requestAborted)
    {
        // An open dashboard must not hold a shutdown up: the stream ends when the host stops.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var cancellationToken = linked.Token;
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            string current;
            try
            {
                current = await WatermarkAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (current != last)
            {
                last = current;
                yield return new SseItem<string>(current, "change");
            }

            try
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    public async Task<string> WatermarkAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync(new CommandDefinition(WatermarkQuery, cancellationToken: cancellationToken));
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM integrations WHERE status <> '{IntegrationStatuses.Deleted}' ORDER BY id", cancellationToken: cancellationToken));
        var watermark = new StringBuilder();
        foreach (var value in row.Values)
        {
            watermark.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('.');
        }

        // Connections live in memory: a socket opening or closing changes no row.
        watermark.Append(string.Join(',', ids.Where(connections.IsConnected)));
        return watermark.ToString();
    }
}
