using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tapback.Bench;

/// <summary>
/// The bare insert the issue names as the floor: one <c>INSERT … ON CONFLICT DO NOTHING</c> per event,
/// on the store Tapback runs on with the settings Tapback uses (SQLite: WAL, synchronous=NORMAL, one
/// writer at a time; PostgreSQL: one autocommit statement from a pooled data source).
/// </summary>
internal sealed class BaselineStore : IAsyncDisposable
{
    private const string Insert = "INSERT INTO bench_inbox (event_id, body, received_at) VALUES (@id, @body, @at) ON CONFLICT (event_id) DO NOTHING";

    private readonly string? _sqlite;
    private readonly NpgsqlDataSource? _postgres;

    // SQLite has one writer; waiting here is cheaper than its busy-retry loop and is what Tapback pays too.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    private BaselineStore(string? sqlite, NpgsqlDataSource? postgres)
    {
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public static async Task<BaselineStore> SqliteAsync(string path)
    {
        var store = new BaselineStore(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString(), null);
        await using var connection = await store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS bench_inbox (event_id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL);";
        await command.ExecuteNonQueryAsync();
        return store;
    }

    public static async Task<BaselineStore> PostgresAsync(string connectionString)
    {
        var store = new BaselineStore(null, NpgsqlDataSource.Create(connectionString));
        await using var connection = await store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS bench_inbox (event_id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at BIGINT NOT NULL)";
        await command.ExecuteNonQueryAsync();
        return store;
    }

    public async Task InsertAsync(string eventId)
    {
        if (_postgres is not null)
        {
            await using var connection = await OpenAsync();
            await ExecuteAsync(connection, eventId);
            return;
        }

        await _sqliteWriter.WaitAsync();
        try
        {
            await using var connection = await OpenAsync();
            await ExecuteAsync(connection, eventId);
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _sqliteWriter.Dispose();
        return _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private async Task<DbConnection> OpenAsync()
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync();
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        // Per connection, as Tapback sets it on each new native connection.
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string eventId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Insert;
        Add(command, "id", eventId);
        Add(command, "body", "hello from the benchmark");
        Add(command, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
