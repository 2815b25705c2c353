using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tapback.Storage.Connections;

/// <summary>
/// A SQLite connection that keeps the statements it compiled, by SQL text, for as long as it stays
/// open, and that <see cref="SqliteConnectionPool"/> hands out again (still open) instead of closing.
/// Microsoft.Data.Sqlite compiles a statement per <see cref="SqliteCommand"/> and finalizes it when
/// the command is disposed or its text changes (its SqliteCommand.cs), and Dapper makes a new command
/// for every call, so every read parsed and planned its SQL again. Commands made the way Dapper
/// makes them (<see cref="DbConnection.CreateCommand"/>) now run a statement kept here.
/// </summary>
internal sealed class PooledSqliteConnection : SqliteConnection
{
    // Tapback's SQL is a fixed set of texts (a few hundred, a turn uses about a dozen); texts past
    // this many on one connection (Dapper's list expansions of other lengths) run uncached.
    internal const int MaxKeptStatements = 128;

    private readonly SqliteConnectionPool? _pool;
    private readonly Dictionary<string, KeptCommand> _kept = new(StringComparer.Ordinal);

    public PooledSqliteConnection(string connectionString, SqliteConnectionPool? pool)
        : base(connectionString)
    {
        _pool = pool;
    }

    /// <summary>Statements kept on this connection: how a test sees the cache at work.</summary>
    internal int KeptStatements => _kept.Count;

    /// <summary>
    /// Whether the connection is as a new one would be: open, no transaction, no statement still
    /// stepping (a reader left open), so the next caller finds nothing of this one's.
    /// </summary>
    internal bool IsIdle
    {
        get
        {
            // No BEGIN of the caller's still open, and no read or write under way (a statement that is
            // still stepping holds a read of the database until it is reset).
            return State == ConnectionState.Open && Transaction is null && Handle is { } handle
                && raw.sqlite3_get_autocommit(handle) != 0 && SqliteNative.HoldsNoTransaction(handle);
        }
    }

    /// <summary>
    /// The command to run <paramref name="sql"/> with: the one kept for it, or a new one the caller
    /// disposes (<paramref name="kept"/> false) when the kept one is still reading or the cache is full.
    /// </summary>
    internal SqliteCommand Rent(string sql, out bool kept)
    {
        if (_kept.TryGetValue(sql, out var command))
        {
            kept = !command.IsReading;
        }
        else if (_kept.Count < MaxKeptStatements)
        {
            command = new KeptCommand { Connection = this, CommandText = sql };
            _kept.Add(sql, command);
            kept = true;
        }
        else
        {
            kept = false;
        }

        return kept ? command! : new SqliteCommand(sql, this);
    }

    /// <summary>Drops the statement kept for <paramref name="sql"/> after it failed, so the next run compiles it afresh.</summary>
    internal void Forget(string sql)
    {
        if (_kept.Remove(sql, out var command))
        {
            command.Dispose();
        }
    }

    protected override DbCommand CreateDbCommand() => new ReusedStatementCommand(this);

    /// <summary>Back to the pool when it takes it; else closed for good.</summary>
    public override void Close()
    {
        if (_pool is not null && _pool.TryReturn(this))
        {
            return;
        }

        CloseForGood();
    }

    /// <summary>Closes the connection and with it every statement kept on it (SqliteConnection.Close disposes the connection's commands).</summary>
    internal void CloseForGood()
    {
        _kept.Clear();
        base.Close();
    }

    /// <summary>A command whose open reader can be seen, so a kept statement is never handed out mid-read.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        public bool IsReading => DataReader is not null;
    }
}
