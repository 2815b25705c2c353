using Dapper;
using Tapback.Storage;

namespace Tapback.Transports.Hosted;

/// <summary>
/// The newest point in the provider's history a transport has stored (epoch milliseconds), kept in
/// the store so catch-up after a restart starts there. It only moves forward.
/// </summary>
internal sealed class TransportCursor(Database database, TimeProvider time)
{
    public async Task<DateTimeOffset?> GetAsync(string transport, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var position = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT position_ms FROM transport_cursors WHERE transport = @transport",
            new { transport },
            cancellationToken: cancellationToken));
        return position is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task AdvanceAsync(string transport, DateTimeOffset position, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO transport_cursors (transport, position_ms, updated_at) VALUES (@transport, @position, @now)
            ON CONFLICT (transport) DO UPDATE SET position_ms = excluded.position_ms, updated_at = excluded.updated_at
            WHERE excluded.position_ms > transport_cursors.position_ms
            """,
            new { transport, position = position.ToUnixTimeMilliseconds(), now },
            cancellationToken: cancellationToken));
    }
}
