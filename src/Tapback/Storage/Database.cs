using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Tapback.Storage;

/// <summary>
/// Hands out open connections to the store. Features write plain SQL with Dapper; the SQL is kept
/// portable (ON CONFLICT, RETURNING, integer epoch-millisecond times) so a second dialect only
/// swaps the few statements that differ.
/// </summary>
internal sealed class Database
{
    private readonly string _connectionString;

    public Database(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(storage.DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = storage.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers queue on SQLite's lock instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        }.ToString();
        Description = $"SQLite at {storage.DatabasePath}";
    }

    public string ConnectionString => _connectionString;

    /// <summary>One line for start-up logs and the dashboard.</summary>
    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // WAL lets readers run beside the single writer; NORMAL is durable across process
            // crashes (the risk it takes is a power loss, not a SIGKILL).
            pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a write transaction that takes the write lock at once (BEGIN IMMEDIATE), so two writers
    /// never deadlock upgrading a read lock.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);
}
