using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Storage;

namespace Tapback.Gateway.Nodes;

/// <summary>
/// The <c>nodes</c> table: this node's start, heartbeats and stop, and the finding of gone ones.
/// What happens to a gone node's leases is <see cref="NodeLeases"/>'s rule.
/// </summary>
internal sealed class NodeRegistry(Database database, NodeIdentity identity, IOptions<NodeOptions> options, TimeProvider time)
{
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(7);

    /// <summary>
    /// Records this start and frees, at once, the leases of the incarnations that cannot be working
    /// any more: this node's own previous ones (the data directory's slot proves they are gone) and
    /// stale ones; on SQLite every other one. Returns how many leased rows it freed.
    /// </summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO nodes (incarnation, node_id, started_at, heartbeat_at) VALUES (@Incarnation, @NodeId, @now, @now)",
            new { identity.Incarnation, identity.NodeId, now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE nodes SET ended_at = @now
            WHERE ended_at IS NULL AND incarnation <> @Incarnation
              AND (@alone = TRUE OR node_id = @NodeId OR heartbeat_at < @staleBefore)
            """,
            new { identity.Incarnation, identity.NodeId, now, alone = !database.IsPostgres, staleBefore = StaleBefore(now) },
            transaction,
            cancellationToken: cancellationToken));
        var freed = database.IsPostgres
            ? await NodeLeases.ExpireEndedAsync(connection, transaction, cancellationToken)
            : await NodeLeases.ExpireAllButAsync(connection, transaction, identity.Incarnation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return freed;
    }

    /// <summary>
    /// Records that this node is alive, and ends the nodes whose heartbeat went stale, freeing their
    /// leases. Returns whether this node had itself been taken for dead, and how many rows it freed.
    /// </summary>
    public async Task<(bool WasTakenForDead, int Freed)> BeatAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        // A node silent too long (a pause, a lost connection) was ended by another and lost its leases;
        // it lives on with new claims, and says so.
        var wasEnded = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM nodes WHERE incarnation = @Incarnation AND ended_at IS NOT NULL)",
            new { identity.Incarnation },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO nodes (incarnation, node_id, started_at, heartbeat_at) VALUES (@Incarnation, @NodeId, @now, @now)
            ON CONFLICT (incarnation) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, ended_at = NULL
            """,
            new { identity.Incarnation, identity.NodeId, now },
            transaction,
            cancellationToken: cancellationToken));
        var freed = 0;
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE nodes SET ended_at = @now WHERE ended_at IS NULL AND heartbeat_at < @staleBefore",
            new { now, staleBefore = StaleBefore(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (ended > 0)
        {
            freed = await NodeLeases.ExpireEndedAsync(connection, transaction, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM nodes WHERE ended_at IS NOT NULL AND ended_at < @before",
            new { before = now - (long)KeepEnded.TotalMilliseconds },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (wasEnded, freed);
    }

    /// <summary>Records a clean stop; the workers have given their leases back by then.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE nodes SET ended_at = @now WHERE incarnation = @Incarnation",
            new { identity.Incarnation, now = Now() },
            transaction,
            cancellationToken: cancellationToken));
        await NodeLeases.ExpireEndedAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long StaleBefore(long now) => now - (long)options.Value.StaleAfter.TotalMilliseconds;
}
