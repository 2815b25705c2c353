using Dapper;
using Tapback.Gateway.AgentQueue;

namespace Tapback.AgentLink.Webhooks;

/// <summary>How each integration's webhooks stand, for the dashboard's integration states.</summary>
internal sealed partial class WebhookDeliveryStore
{
    /// <summary>Every integration with a live webhook, by integration id.</summary>
    public async Task<IReadOnlyDictionary<string, WebhookHealth>> HealthByIntegrationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HealthRow>(new CommandDefinition(
            $"""
            SELECT s.integration_id AS IntegrationId, count(*) AS Webhooks,
                   (SELECT max(d.delivered_at) FROM webhook_deliveries d
                    WHERE d.integration_id = s.integration_id AND d.state = '{WebhookDeliveryStates.Delivered}') AS LastDeliveredAt,
                   (SELECT max(d.last_attempt_at) FROM webhook_deliveries d
                    WHERE d.integration_id = s.integration_id AND d.state IN ('{WebhookDeliveryStates.Pending}', '{WebhookDeliveryStates.Dead}') AND d.attempts > 0) AS LastFailedAt,
                   (SELECT d.last_error FROM webhook_deliveries d
                    WHERE d.integration_id = s.integration_id AND d.state IN ('{WebhookDeliveryStates.Pending}', '{WebhookDeliveryStates.Dead}') AND d.attempts > 0
                    ORDER BY d.last_attempt_at DESC LIMIT 1) AS LastError
            FROM webhook_subscriptions s
            WHERE s.deleted_at IS NULL
            GROUP BY s.integration_id
            """,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(
            row => row.IntegrationId,
            row => new WebhookHealth
            {
                Webhooks = row.Webhooks,
                LastDeliveredAt = row.LastDeliveredAt is { } delivered ? DateTimeOffset.FromUnixTimeMilliseconds(delivered) : null,
                LastFailedAt = row.LastFailedAt is { } failed ? DateTimeOffset.FromUnixTimeMilliseconds(failed) : null,
                LastError = row.LastError,
            },
            StringComparer.Ordinal);
    }

    private sealed record HealthRow
    {
        public string IntegrationId { get; init; } = string.Empty;
        public long Webhooks { get; init; }
        public long? LastDeliveredAt { get; init; }
        public long? LastFailedAt { get; init; }
        public string? LastError { get; init; }
    }
}
