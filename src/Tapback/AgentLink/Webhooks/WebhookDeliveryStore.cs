using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// The delivery rows' life: claimed one at a time per (subscription, conversation), so a conversation's
/// events reach a receiver in order; then delivered, rescheduled, or dead after the last attempt.
/// </summary>
internal sealed partial class WebhookDeliveryStore(Database database, GroupCommit groupCommit, AgentLinkSignals links, TimeProvider time)
{
    /// <summary>
    /// Leases the oldest due delivery that heads its (subscription, conversation): a row waits while an
    /// older pending row of the same pair exists, even when that one is waiting for its retry.
    /// </summary>
    public async Task<WebhookDelivery?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        // Look before beginning a claim (on SQLite it takes the writers' lock): most claims (polls, wake-ups) find nothing due.
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"""
            SELECT EXISTS (SELECT 1 FROM webhook_deliveries
                           WHERE state = '{WebhookDeliveryStates.Pending}' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now))
            """,
            new { now },
            cancellationToken: cancellationToken)))
        {
            return null;
        }

        // The row heads its (subscription, conversation): locking it keeps a second node's claim off
        // the pair on PostgreSQL, and its lease is checked again on its newest version (see Database.BeginClaimAsync).
        var leaseUntil = now + (long)lease.TotalMilliseconds;
        return await groupCommit.ClaimAsync(
            (writer, transaction, token) => LeaseAsync(writer, transaction, owner, now, leaseUntil, token),
            cancellationToken);
    }

    private static async Task<WebhookDelivery?> LeaseAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string owner, long now, long leaseUntil, CancellationToken cancellationToken)
    {
        var seq = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            UPDATE webhook_deliveries
            SET lease_owner = @owner, lease_until = @leaseUntil
            WHERE seq = (
                SELECT d.seq FROM webhook_deliveries d
                WHERE d.state = '{WebhookDeliveryStates.Pending}' AND d.next_attempt_at <= @now
                  AND (d.lease_until IS NULL OR d.lease_until <= @now)
                  AND NOT EXISTS (
                      SELECT 1 FROM webhook_deliveries older
                      WHERE older.subscription_id = d.subscription_id AND older.conversation_id = d.conversation_id
                        AND older.state = '{WebhookDeliveryStates.Pending}' AND older.seq < d.seq)
                ORDER BY d.next_attempt_at, d.seq
                LIMIT 1
                {SqlDialect.ForUpdateSkipLocked(connection, "d")})
            RETURNING seq
            """,
            new { owner, now, leaseUntil },
            transaction,
            cancellationToken: cancellationToken));
        if (seq is null)
        {
            return null;
        }

        var delivery = await connection.QuerySingleAsync<WebhookDelivery>(new CommandDefinition(
            """
            SELECT d.seq AS Seq, d.id AS Id, d.event_id AS EventId, d.subscription_id AS SubscriptionId, d.type AS Type,
                   d.conversation_id AS ConversationId, d.message_id AS MessageId, d.reaction_id AS ReactionId, d.payload AS Payload,
                   d.attempts AS Attempts, d.created_at AS CreatedAt, s.url AS Url, s.secret AS Secret,
                   s.previous_secret AS PreviousSecret, s.previous_secret_expires_at AS PreviousSecretExpiresAt
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.seq = @seq
            """,
            new { seq },
            transaction,
            cancellationToken: cancellationToken));
        return delivery with { LeaseOwner = owner };
    }

    public async Task MarkDeliveredAsync(WebhookDelivery delivery, string owner, int statusCode, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await groupCommit.ExecuteAsync(
            $"""
            UPDATE webhook_deliveries
            SET state = '{WebhookDeliveryStates.Delivered}', attempts = attempts + 1, last_status_code = @statusCode, last_error = NULL,
                last_attempt_at = @now, delivered_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE seq = @Seq AND lease_owner = @owner AND state = '{WebhookDeliveryStates.Pending}'
            """,
            new { delivery.Seq, owner, statusCode, now },
            cancellationToken);
    }

    /// <summary>Records a failed attempt: the row waits until <paramref name="retryAt"/>, or is dead when that is null.</summary>
    public async Task MarkFailedAsync(WebhookDelivery delivery, string owner, int? statusCode, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await groupCommit.ExecuteAsync(
            $"""
            UPDATE webhook_deliveries
            SET state = CASE WHEN @retryAt IS NULL THEN '{WebhookDeliveryStates.Dead}' ELSE '{WebhookDeliveryStates.Pending}' END,
                next_attempt_at = COALESCE(@retryAt, next_attempt_at),
                attempts = attempts + 1, last_status_code = @statusCode, last_error = @error, last_attempt_at = @now,
                lease_owner = NULL, lease_until = NULL
            WHERE seq = @Seq AND lease_owner = @owner AND state = '{WebhookDeliveryStates.Pending}'
            """,
            new { delivery.Seq, owner, statusCode, error, now, retryAt = retryAt?.ToUnixTimeMilliseconds() },
            cancellationToken);
    }

    /// <summary>Gives a claimed row back untried (the worker is stopping).</summary>
    public Task ReleaseAsync(WebhookDelivery delivery, string owner, CancellationToken cancellationToken = default) =>
        groupCommit.ExecuteAsync(
            $"UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE seq = @Seq AND lease_owner = @owner AND state = '{WebhookDeliveryStates.Pending}'",
            new { delivery.Seq, owner },
            cancellationToken);

    /// <summary>Drops finished deliveries created before <paramref name="before"/>; pending ones stay whatever their age.</summary>
    public async Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM webhook_deliveries WHERE state <> '{WebhookDeliveryStates.Pending}' AND created_at < @before",
            new { before = before.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }
}
