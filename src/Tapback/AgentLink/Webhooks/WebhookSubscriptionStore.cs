using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// An integration's subscriptions. Every call is scoped to the integration that asked. Writes go in
/// the group commit on SQLite (<see cref="GroupCommit.WriteOnSqliteAsync"/>): a transaction of their
/// own waited in SQLite's sleeping busy handler behind the inbound batches.
/// </summary>
internal sealed class WebhookSubscriptionStore(Database database, GroupCommit groupCommit, TimeProvider time)
{
    /// <summary>How long the secret before a rotation still signs, so a receiver can switch without a gap.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public async Task<WebhookView?> CreateAsync(string integrationId, string url, IReadOnlyList<string> events, int maxPerIntegration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var id = Ids.New("wh");
        var secret = WebhookSigner.NewSecret();
        var created = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM webhook_subscriptions WHERE integration_id = @integrationId AND deleted_at IS NULL",
                    new { integrationId },
                    transaction,
                    cancellationToken: token));
                if (count >= maxPerIntegration)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO webhook_subscriptions (id, integration_id, url, events, secret, created_at, updated_at)
                    VALUES (@id, @integrationId, @url, @events, @secret, @now, @now)
                    """,
                    new { id, integrationId, url, events = JsonSerializer.Serialize(events.ToArray(), WebhooksJsonContext.Wire.StringArray), secret, now = now.ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: token));
                return true;
            },
            cancellationToken);
        if (!created)
        {
            return null;
        }

        return new WebhookView { Id = id, Url = url, Events = events, CreatedAt = now, Secret = secret };
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Url, string Events, long CreatedAt)>(new CommandDefinition(
            "SELECT id, url, events, created_at FROM webhook_subscriptions WHERE integration_id = @integrationId AND deleted_at IS NULL ORDER BY created_at, id",
            new { integrationId },
            cancellationToken: cancellationToken));
        return rows.Select(row => new WebhookView
        {
            Id = row.Id,
            Url = row.Url,
            Events = JsonSerializer.Deserialize(row.Events, WebhooksJsonContext.Wire.StringArray) ?? [],
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        }).ToList();
    }

    public async Task<bool> ExistsAsync(string integrationId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @id AND integration_id = @integrationId AND deleted_at IS NULL)",
            new { id, integrationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Deletes the subscription; its deliveries not yet made are cancelled (the log keeps them). False,
    /// with nothing changed, when the integration has no such subscription (another integration's included).
    /// </summary>
    public async Task<bool> DeleteAsync(string integrationId, string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var deleted = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE webhook_subscriptions SET deleted_at = @now, updated_at = @now WHERE id = @id AND integration_id = @integrationId AND deleted_at IS NULL",
                    new { id, integrationId, now },
                    transaction,
                    cancellationToken: token));
                if (deleted == 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE webhook_deliveries SET state = '{WebhookDeliveryStates.Cancelled}', lease_owner = NULL, lease_until = NULL WHERE subscription_id = @id AND state = '{WebhookDeliveryStates.Pending}'",
                    new { id },
                    transaction,
                    cancellationToken: token));
                return true;
            },
            cancellationToken);
    }

    /// <summary>A new secret; the old one keeps signing beside it for <see cref="RotationOverlap"/>. Null when no such subscription.</summary>
    public async Task<WebhookView?> RotateSecretAsync(string integrationId, string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var secret = WebhookSigner.NewSecret();
        var row = await groupCommit.WriteOnSqliteAsync(
            (connection, transaction, token) => connection.QuerySingleOrDefaultAsync<(string Id, string Url, string Events, long CreatedAt)?>(new CommandDefinition(
                """
                UPDATE webhook_subscriptions
                SET previous_secret = secret, previous_secret_expires_at = @expires, secret = @secret, updated_at = @now
                WHERE id = @id AND integration_id = @integrationId AND deleted_at IS NULL
                RETURNING id, url, events, created_at
                """,
                new { id, integrationId, secret, now = now.ToUnixTimeMilliseconds(), expires = (now + RotationOverlap).ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: token)),
            cancellationToken);
        return row is not { } found
            ? null
            : new WebhookView
            {
                Id = found.Id,
                Url = found.Url,
                Events = JsonSerializer.Deserialize(found.Events, WebhooksJsonContext.Wire.StringArray) ?? [],
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(found.CreatedAt),
                Secret = secret,
            };
    }
}
