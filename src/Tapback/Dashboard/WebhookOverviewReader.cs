using System.Text.Json;
using Dapper;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;

namespace Tapback.Dashboard;

/// <summary>Every live webhook subscription, whoever owns it, with how its deliveries stand.</summary>
internal sealed class WebhookOverviewReader(Database database)
{
    public async Task<IReadOnlyList<WebhookOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT s.id AS Id, s.integration_id AS IntegrationId, coalesce(i.name, s.integration_id) AS IntegrationName, s.url AS Url,
                   s.events AS Events, s.created_at AS CreatedAt,
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = '{WebhookDeliveryStates.Pending}') AS Pending,
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = '{WebhookDeliveryStates.Delivered}') AS Delivered,
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = '{WebhookDeliveryStates.Dead}') AS Dead
            FROM webhook_subscriptions s LEFT JOIN integrations i ON i.id = s.integration_id
            WHERE s.deleted_at IS NULL
            ORDER BY s.created_at DESC, s.id
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => new WebhookOverview
        {
            Id = row.Id,
            IntegrationId = row.IntegrationId,
            IntegrationName = row.IntegrationName,
            Url = row.Url,
            Events = JsonSerializer.Deserialize(row.Events, WebhooksJsonContext.Wire.StringArray) ?? [],
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
            Pending = row.Pending,
            Delivered = row.Delivered,
            Dead = row.Dead,
        })];
    }

    public async Task<bool> ExistsAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @subscriptionId AND deleted_at IS NULL)",
            new { subscriptionId },
            cancellationToken: cancellationToken));
    }

    private sealed record Row
    {
        public string Id { get; init; } = string.Empty;
        public string IntegrationId { get; init; } = string.Empty;
        public string IntegrationName { get; init; } = string.Empty;
        public string Url { get; init; } = string.Empty;
        public string Events { get; init; } = "[]";
        public long CreatedAt { get; init; }
        public long Pending { get; init; }
        public long Delivered { get; init; }
        public long Dead { get; init; }
    }
}
