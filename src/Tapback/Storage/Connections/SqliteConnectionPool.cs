namespace Tapback.Storage.Connections;

/// <summary>
/// Open SQLite connections handed out again by <see cref="Database.OpenAsync"/>, each with the
/// statements it compiled (<see cref="PooledSqliteConnection"/>). Microsoft.Data.Sqlite's own pool
/// keeps the native connection but a new SqliteConnection object per open, and with it no statement
/// outlives the call that compiled it. Last in, first out: the connection most recently used has
/// the statements the next caller most likely runs.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Func<PooledSqliteConnection, CancellationToken, Task> configure) : IDisposable
{
    // Connections kept open while idle: one returned beyond it closes (its native connection goes back
    // to Microsoft.Data.Sqlite's pool, which keeps every one) and its statements with it. As many as
    // requests read at once under load (64 connections of the ingest bench each read before writing):
    // 16 made the pool close and open connections, each compiling its statements again.
    internal const int MaxIdle = 64;

    private readonly Stack<PooledSqliteConnection> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Connections waiting to be handed out again.</summary>
    internal int Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    public async Task<PooledSqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }
        }

        return await OpenNewAsync(this, cancellationToken);
    }

    /// <summary>A connection with kept statements that closes for good when disposed: for one kept by its owner (the writer).</summary>
    public Task<PooledSqliteConnection> OpenOwnAsync(CancellationToken cancellationToken) => OpenNewAsync(pool: null, cancellationToken);

    /// <summary>Takes <paramref name="connection"/> back if it is idle and there is room; false: the caller closes it.</summary>
    internal bool TryReturn(PooledSqliteConnection connection)
    {
        // Checked before taking the lock: it reads only this connection, which no one else holds.
        if (!connection.IsIdle)
        {
            return false;
        }

        lock (_gate)
        {
            if (_disposed || _idle.Count >= MaxIdle)
            {
                return false;
            }

            _idle.Push(connection);
            return true;
        }
    }

    public void Dispose()
    {
        List<PooledSqliteConnection> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.CloseForGood();
            connection.Dispose();
        }
    }

    private async Task<PooledSqliteConnection> OpenNewAsync(SqliteConnectionPool? pool, CancellationToken cancellationToken)
    {
        var connection = new PooledSqliteConnection(connectionString, pool);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await configure(connection, cancellationToken);
            return connection;
        }
        catch
        {
            connection.CloseForGood();
            await connection.DisposeAsync();
            throw;
        }
    }
}
