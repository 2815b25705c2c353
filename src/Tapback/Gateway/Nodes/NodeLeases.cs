using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Nodes;

/// <summary>
/// The one rule for taking over another worker's leases, for every leased table. A lease is held by
/// one claim of an incarnation (<see cref="NodeIdentity.NewLeaseOwner"/>: the incarnation, '#', the
/// claim's number; older releases wrote the bare incarnation) until it is given back, until its
/// <c>lease_until</c> passes (the fallback), or until its incarnation is known to be gone: this node's
/// own previous start, or a node whose heartbeat went stale. Those leases are expired at once, and
/// each table's claim, which already takes expired leases, takes them from there.
/// </summary>
internal static class NodeLeases
{
    /// <summary>Every table with <c>lease_owner</c> and <c>lease_until</c> columns.</summary>
    public static readonly IReadOnlyList<string> Tables = ["agent_queue", "outbox", "webhook_deliveries"];

    /// <summary>What stands between the incarnation and the claim's number in a lease owner.</summary>
    public const char ClaimSeparator = '#';

    /// <summary>
    /// SQL that is true when the lease owner <paramref name="owner"/> is a claim of the incarnation
    /// <paramref name="incarnation"/> (both SQL expressions). A prefix compared whole, not LIKE: a node
    /// id may hold '_' or '%'. The incarnation ends in a GUID, so no other incarnation's claims match.
    /// </summary>
    private static string HeldBy(string owner, string incarnation) =>
        $"({owner} = {incarnation} OR substr({owner}, 1, length({incarnation}) + 1) = {incarnation} || '{ClaimSeparator}')";

    /// <summary>Expires the leases of every incarnation marked ended; returns how many rows it freed.</summary>
    public static async Task<int> ExpireEndedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var freed = 0;
        foreach (var table in Tables)
        {
            // lease_until = 0 rather than NULL: the outbox must still see which rows an ended incarnation
            // left in flight (their outcome is unknown); everything else treats it as no lease.
            freed += await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {table} SET lease_until = 0
                WHERE lease_owner IS NOT NULL AND lease_until > 0
                  AND EXISTS (SELECT 1 FROM nodes WHERE nodes.ended_at IS NOT NULL AND {HeldBy("lease_owner", "nodes.incarnation")})
                """,
                transaction: transaction,
                cancellationToken: cancellationToken));
        }

        return freed;
    }

    /// <summary>
    /// Expires every lease not held by <paramref name="incarnation"/>: on a single-node store (SQLite)
    /// every other holder is a process that is gone, whatever it called itself.
    /// </summary>
    public static async Task<int> ExpireAllButAsync(DbConnection connection, DbTransaction transaction, string incarnation, CancellationToken cancellationToken)
    {
        var freed = 0;
        foreach (var table in Tables)
        {
            freed += await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table} SET lease_until = 0 WHERE lease_owner IS NOT NULL AND NOT {HeldBy("lease_owner", "@incarnation")} AND lease_until > 0",
                new { incarnation },
                transaction,
                cancellationToken: cancellationToken));
        }

        return freed;
    }
}
