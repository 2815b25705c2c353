using System.Data.Common;
using Npgsql;

namespace Tapback.Storage.GroupCommits;

/// <summary>
/// The PostgreSQL side of the group commit's savepoints. On PostgreSQL every statement is a round trip
/// made while the batch holds the writers' lock (<see cref="Database.BeginWriteAsync"/>), so the batch's
/// throughput is its round trips: a unit's savepoint is released in the same round trip that opens
/// the next unit's, and the last one is never released on its own (COMMIT ends it with the rest).
/// One round trip per unit instead of two.
/// </summary>
internal sealed partial class GroupCommit
{
    private static async Task StartPostgresUnitAsync(NpgsqlConnection connection, DbTransaction transaction, bool first, CancellationToken cancellationToken)
    {
        // A savepoint left open by the unit before (done, or rolled back to) is released here: both
        // statements go in one message, and PostgreSQL runs them in order.
        await using var command = new NpgsqlCommand(first ? "SAVEPOINT unit" : "RELEASE unit; SAVEPOINT unit", connection, (NpgsqlTransaction)transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UndoPostgresUnitAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // ROLLBACK TO keeps the savepoint: the next unit's start (or COMMIT) releases it, with nothing in it.
        await using var command = new NpgsqlCommand("ROLLBACK TO unit", connection, (NpgsqlTransaction)transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
