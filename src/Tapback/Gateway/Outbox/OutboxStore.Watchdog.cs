using Dapper;

namespace Tapback.Gateway.Outbox;

/// <summary>What the bridge watchdog (Gateway/Watchdog) asks of the outbox: sends a transport has not finished.</summary>
internal sealed partial class OutboxStore
{
    /// <summary>
    /// The sends of <paramref name="transport"/> handed to it (in flight) or waiting to be asked about
    /// (reconciling) whose last attempt began at or before <paramref name="attemptedBefore"/>: how
    /// many, and when the oldest of them was attempted. A bridge that takes sends and never answers
    /// leaves them here.
    /// </summary>
    public async Task<(int Count, DateTimeOffset? OldestAttempt)> StuckSendsAsync(string transport, DateTimeOffset attemptedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (count, oldest) = await connection.QuerySingleAsync<(long Count, long? Oldest)>(new CommandDefinition(
            $"""
            SELECT count(*), min(attempted_at) FROM outbox
            WHERE state IN ({OutboxStates.Open}) AND state IN ('{OutboxStates.InFlight}', '{OutboxStates.Reconciling}') AND transport = @transport AND attempted_at <= @before
            """,
            new { transport, before = attemptedBefore.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return ((int)count, oldest is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
    }
}
