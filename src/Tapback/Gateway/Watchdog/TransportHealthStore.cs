using System.Data.Common;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The rows of <c>transport_health</c> (migration 0035): each watched transport's announced state,
/// the change it is timing, and its canary. A transition is written with its webhook deliveries in
/// one transaction under the writers' lock, so of several nodes checking the same bridge one
/// announces it, once, and a restart finds it announced.
/// </summary>
internal sealed class TransportHealthStore(Database database, GroupCommit groupCommit, AgentLinkSignals signals, TimeProvider time)
{
    private const string Columns =
        """
        transport AS Transport, state AS State, reason AS Reason, since AS Since, degraded_since AS DegradedSince,
        pending_reason AS PendingReason, pending_since AS PendingSince, version AS Version,
        canary_message_id AS CanaryMessageId, canary_sent_at AS CanarySentAt, canary_problem AS CanaryProblem, checked_at AS CheckedAt
        """;

    public async Task<IReadOnlyList<TransportHealth>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM transport_health ORDER BY transport", cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToHealth())];
    }

    public async Task<TransportHealth?> FindAsync(string transport, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await FindAsync(connection, null, transport, cancellationToken))?.ToHealth();
    }

    /// <summary>
    /// Records what a check saw (<paramref name="problem"/>: null when the bridge looked well) and the
    /// canary's standing verdict, applies <see cref="TransportHealthRules"/>, and, when that announces a
    /// transition, writes its webhook deliveries in the same transaction. Returns the transition, if any.
    /// </summary>
    public async Task<TransportHealthChange?> ApplyAsync(
        string transport, string? problem, string? canaryProblem, WatchdogOptions options, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (change, wrote) = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var current = (await FindAsync(connection, transaction, transport, token))?.ToHealth() ?? TransportHealth.First(transport, now);
                var (next, change) = TransportHealthRules.Apply(current, problem, now, options);
                await UpsertAsync(connection, transaction, next with { CanaryProblem = canaryProblem }, token);
                var wrote = change is not null
                    && await WebhookFanOut.WriteTransportEventAsync(
                        connection, transaction, transport, change.Type, System.Text.Json.JsonSerializer.Serialize(change, WatchdogJsonContext.Wire.TransportHealthChange), now.ToUnixTimeMilliseconds(), token);
                return (change, wrote);
            },
            cancellationToken);
        if (wrote)
        {
            signals.Webhooks.Notify();
        }

        return change;
    }

    /// <summary>Records the canary just written (inside the transaction that wrote its outbox row).</summary>
    public static async Task RecordCanaryAsync(DbConnection connection, DbTransaction transaction, string transport, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var current = (await FindAsync(connection, transaction, transport, cancellationToken))?.ToHealth() ?? TransportHealth.First(transport, sentAt);
        await UpsertAsync(connection, transaction, current with { CanaryMessageId = messageId, CanarySentAt = sentAt }, cancellationToken);
    }

    /// <summary>Forgets the rows of transports no longer watched (removed from the configuration, or their watchdog switched off).</summary>
    public async Task ForgetAllButAsync(IReadOnlyCollection<string> watched, CancellationToken cancellationToken = default)
    {
        var keep = watched.ToArray();
        await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) => keep.Length == 0
                ? await connection.ExecuteAsync(new CommandDefinition("DELETE FROM transport_health", transaction: transaction, cancellationToken: token))
                : await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM transport_health WHERE NOT (transport {SqlDialect.InList(connection, "@keep")})", new { keep }, transaction, cancellationToken: token)),
            cancellationToken);
    }

    private static Task<Row?> FindAsync(DbConnection connection, DbTransaction? transaction, string transport, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            $"SELECT {Columns} FROM transport_health WHERE transport = @transport", new { transport }, transaction, cancellationToken: cancellationToken));

    private static Task<int> UpsertAsync(DbConnection connection, DbTransaction transaction, TransportHealth health, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO transport_health (transport, state, reason, since, degraded_since, pending_reason, pending_since, version,
                                          canary_message_id, canary_sent_at, canary_problem, checked_at)
            VALUES (@Transport, @State, @Reason, @Since, @DegradedSince, @PendingReason, @PendingSince, @Version,
                    @CanaryMessageId, @CanarySentAt, @CanaryProblem, @CheckedAt)
            ON CONFLICT (transport) DO UPDATE SET
                state = excluded.state, reason = excluded.reason, since = excluded.since, degraded_since = excluded.degraded_since,
                pending_reason = excluded.pending_reason, pending_since = excluded.pending_since, version = excluded.version,
                canary_message_id = excluded.canary_message_id, canary_sent_at = excluded.canary_sent_at,
                canary_problem = excluded.canary_problem, checked_at = excluded.checked_at
            """,
            Row.From(health),
            transaction,
            cancellationToken: cancellationToken));

    private sealed record Row
    {
        public string Transport { get; init; } = string.Empty;
        public string State { get; init; } = TransportHealthStates.Healthy;
        public string? Reason { get; init; }
        public long Since { get; init; }
        public long? DegradedSince { get; init; }
        public string? PendingReason { get; init; }
        public long? PendingSince { get; init; }
        public long Version { get; init; }
        public string? CanaryMessageId { get; init; }
        public long? CanarySentAt { get; init; }
        public string? CanaryProblem { get; init; }
        public long CheckedAt { get; init; }

        public static Row From(TransportHealth health) => new()
        {
            Transport = health.Transport,
            State = health.State,
            Reason = health.Reason,
            Since = health.Since.ToUnixTimeMilliseconds(),
            DegradedSince = health.DegradedSince?.ToUnixTimeMilliseconds(),
            PendingReason = health.PendingReason,
            PendingSince = health.PendingSince?.ToUnixTimeMilliseconds(),
            Version = health.Version,
            CanaryMessageId = health.CanaryMessageId,
            CanarySentAt = health.CanarySentAt?.ToUnixTimeMilliseconds(),
            CanaryProblem = health.CanaryProblem,
            CheckedAt = health.CheckedAt.ToUnixTimeMilliseconds(),
        };

        public TransportHealth ToHealth() => new()
        {
            Transport = Transport,
            State = State,
            Reason = Reason,
            Since = At(Since),
            DegradedSince = DegradedSince is { } degradedSince ? At(degradedSince) : null,
            PendingReason = PendingReason,
            PendingSince = PendingSince is { } pendingSince ? At(pendingSince) : null,
            Version = Version,
            CanaryMessageId = CanaryMessageId,
            CanarySentAt = CanarySentAt is { } sentAt ? At(sentAt) : null,
            CanaryProblem = CanaryProblem,
            CheckedAt = At(CheckedAt),
        };

        private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
