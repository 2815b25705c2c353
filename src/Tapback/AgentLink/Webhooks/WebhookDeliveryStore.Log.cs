using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The delivery log of a subscription and its replays.</summary>
internal sealed partial class WebhookDeliveryStore
{
    public async Task<WebhookDeliveryList> ListAsync(string subscriptionId, string? status, string? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var beforeSeq = before is null
            ? long.MaxValue
            : await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT seq FROM webhook_deliveries WHERE id = @before AND subscription_id = @subscriptionId",
                new { before, subscriptionId },
                cancellationToken: cancellationToken)) ?? long.MaxValue;
        var rows = (await connection.QueryAsync<LogRow>(new CommandDefinition(
            """
            SELECT d.seq AS Seq, d.id AS Id, d.event_id AS EventId, d.type AS Type, s.url AS Url, d.conversation_id AS ConversationId,
                   d.message_id AS MessageId, d.state AS State, d.attempts AS Attempts, d.last_status_code AS LastStatusCode,
                   d.last_error AS LastError, d.last_attempt_at AS LastAttemptAt, d.next_attempt_at AS NextAttemptAt,
                   d.delivered_at AS DeliveredAt, d.created_at AS CreatedAt
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.subscription_id = @subscriptionId AND d.seq < @beforeSeq AND (@status IS NULL OR d.state = @status)
            ORDER BY d.seq DESC
            LIMIT @take
            """,
            new { subscriptionId, beforeSeq, status, take = limit + 1 },
            cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(limit).Select(ToView).ToList();
        return new WebhookDeliveryList(page, rows.Count > limit ? page[^1].Id : null);
    }

    /// <summary>Queues one delivery again, whatever its state; false when the subscription has no such delivery.</summary>
    /// <summary>Deliveries created since <paramref name="since"/> that failed for good, by integration id.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeadCountsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string IntegrationId, long Count)>(new CommandDefinition(
            $"SELECT integration_id, count(*) FROM webhook_deliveries WHERE state = '{WebhookDeliveryStates.Dead}' AND created_at > @since GROUP BY integration_id",
            new { since = since.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.IntegrationId, row => row.Count, StringComparer.Ordinal);
    }

    public async Task<bool> ReplayAsync(string subscriptionId, string deliveryId, CancellationToken cancellationToken = default) =>
        await ReplayWhereAsync($"subscription_id = @subscriptionId AND id = @deliveryId AND state <> '{WebhookDeliveryStates.Pending}'", new { subscriptionId, deliveryId }, cancellationToken) > 0
        || await IsPendingAsync(subscriptionId, deliveryId, cancellationToken);

    /// <summary>Queues every dead delivery of the subscription again.</summary>
    public Task<int> ReplayDeadAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        ReplayWhereAsync($"subscription_id = @subscriptionId AND state = '{WebhookDeliveryStates.Dead}'", new { subscriptionId }, cancellationToken);

    private async Task<int> ReplayWhereAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("now", time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await database.OpenAsync(cancellationToken);
        // A replay is a fresh series of attempts; the webhook-id stays, so a receiver that saw it drops it.
        var replayed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE webhook_deliveries
            SET state = '{WebhookDeliveryStates.Pending}', attempts = 0, next_attempt_at = @now, lease_owner = NULL, lease_until = NULL, delivered_at = NULL
            WHERE {where}
            """,
            arguments,
            cancellationToken: cancellationToken));
        if (replayed > 0)
        {
            // Whoever replays expects the delivery now, not at the webhook worker's next poll.
            links.Webhooks.Notify();
        }

        return replayed;
    }

    private async Task<bool> IsPendingAsync(string subscriptionId, string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE subscription_id = @subscriptionId AND id = @deliveryId AND state = '{WebhookDeliveryStates.Pending}')",
            new { subscriptionId, deliveryId },
            cancellationToken: cancellationToken));
    }

    private static WebhookDeliveryView ToView(LogRow row) => new()
    {
        Id = row.Id,
        EventId = row.EventId,
        Type = row.Type,
        Url = row.Url,
        ConversationId = row.ConversationId,
        MessageId = row.MessageId,
        Status = row.State,
        Attempts = row.Attempts,
        LastStatusCode = row.LastStatusCode,
        LastError = row.LastError,
        LastAttemptAt = At(row.LastAttemptAt),
        NextAttemptAt = row.State == WebhookDeliveryStates.Pending ? At(row.NextAttemptAt) : null,
        DeliveredAt = At(row.DeliveredAt),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
    };

    private static DateTimeOffset? At(long? milliseconds) => milliseconds is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    private sealed record LogRow
    {
        public long Seq { get; init; }
        public string Id { get; init; } = string.Empty;
        public string EventId { get; init; } = string.Empty;
        public string Type { get; init; } = string.Empty;
        public string Url { get; init; } = string.Empty;
        public string ConversationId { get; init; } = string.Empty;
        public string? MessageId { get; init; }
        public string State { get; init; } = string.Empty;
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public long? LastAttemptAt { get; init; }
        public long? NextAttemptAt { get; init; }
        public long? DeliveredAt { get; init; }
        public long CreatedAt { get; init; }
    }
}
