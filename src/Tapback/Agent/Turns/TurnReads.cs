using System.Data.Common;
using Microsoft.Data.Sqlite;
using Tapback.Storage;

namespace Tapback.Agent.Turns;

/// <summary>
/// The reads of one turn on one pooled connection, and on SQLite inside one read transaction: a turn
/// reads a dozen single rows (the conversation, its settings, pauses, the message, the session, the
/// summary, the history and its files), and each read on a connection of its own paid a pool rent and
/// a read transaction of its own; on SQLite each such transaction also checked the log and, when any
/// write had landed since (nearly always at load), dropped the connection's page cache and read every
/// page again. One snapshot reads each page once and sees one consistent state of the store.
/// </summary>
/// <remarks>
/// Released (<see cref="ReleaseAsync"/>) before the turn writes or waits for anything: a read that
/// follows one of the turn's writes must see it, and a snapshot held while the turn waits for the
/// group commit would hold back the WAL checkpointer's restart, which waits for old readers while it
/// keeps writers out. PostgreSQL reads on the one connection without a transaction, as each read did
/// on its own (READ COMMITTED), and the connection goes back to the pool before the model is asked.
/// </remarks>
internal sealed class TurnReads(Database database) : IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _snapshot;

    /// <summary>
    /// How many times the reads were released: a value read before is still the turn's view of the store
    /// while this has not moved (no write of the turn's came between, and on SQLite the snapshot is the same).
    /// </summary>
    public int Releases { get; private set; }

    /// <summary>The connection to read on and, on SQLite, the read transaction every command must name.</summary>
    public async ValueTask<(DbConnection Connection, DbTransaction? Transaction)> OpenAsync(CancellationToken cancellationToken = default)
    {
        _connection ??= await database.OpenAsync(cancellationToken);
        if (_snapshot is null && _connection is SqliteConnection sqlite)
        {
            // Deferred: the snapshot is taken at the first read, and no lock that writers wait for is taken.
            _snapshot = sqlite.BeginTransaction(deferred: true);
        }

        return (_connection, _snapshot);
    }

    /// <summary>Runs one read on the connection (and in the snapshot).</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> read, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = await OpenAsync(cancellationToken);
        return await read(connection, transaction);
    }

    /// <summary>Ends the snapshot and gives the connection back; a later read opens them again.</summary>
    public async ValueTask ReleaseAsync()
    {
        if (_snapshot is { } snapshot)
        {
            _snapshot = null;
            await snapshot.DisposeAsync();
        }

        if (_connection is { } connection)
        {
            _connection = null;
            Releases++;
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
