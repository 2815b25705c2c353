using Dapper;
using Tapback.Storage;

namespace Tapback.Transports.Hosted;

/// <summary>
/// The newest point in the provider's history a transport has stored (epoch milliseconds), kept in
/// the store so catch-up after a restart starts there. It only moves forward.
/// </summary>
internal sealed class TransportCursor(Database database, TimeProvider time)
{
    /// <summary>
    /// Where a catch-up resumes: <paramref name="overlap"/> before the newest point stored (the provider's
    /// clock and ours disagree a little), but never before the transport's first start, so nothing
    /// sent before Tapback first ran is ever answered. Null on a first start.
    /// </summary>
    public async Task<DateTimeOffset?> ResumeFromAsync(string transport, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Position, long? StartedAt)?>(new CommandDefinition(
            "SELECT position_ms, started_at FROM transport_cursors WHERE transport = @transport",
            new { transport },
            cancellationToken: cancellationToken));
        return row is { } found
            ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(found.Position - (long)overlap.TotalMilliseconds, found.StartedAt ?? 0))
            : null;
    }

    public async Task AdvanceAsync(string transport, DateTimeOffset position, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO transport_cursors (transport, position_ms, updated_at, started_at) VALUES (@transport, @position, @now, @position)
            ON CONFLICT (transport) DO UPDATE SET position_ms = excluded.position_ms, updated_at = excluded.updated_at
            WHERE excluded.position_ms > transport_cursors.position_ms
            """,
            new { transport, position = position.ToUnixTimeMilliseconds(), now },
            cancellationToken: cancellationToken));
    }
}
