using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// Which store the tests run on: SQLite unless <c>TAPBACK_TEST_STORE=postgres</c>. On PostgreSQL each
/// data directory gets its own database, named from the directory's path, so a host restarted on the
/// same data directory finds the same store, as it would find the same SQLite file.
/// </summary>
internal static class TestStore
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("TAPBACK_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The configuration keys that point Tapback at the store of <paramref name="dataDirectory"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SettingsForAsync(string dataDirectory) =>
        IsPostgres ? await PostgresSettingsForAsync(dataDirectory) : new Dictionary<string, string>();

    /// <summary>PostgreSQL whatever the run's store: for tests of several nodes, which need it.</summary>
    public static async Task<Dictionary<string, string>> PostgresSettingsForAsync(string dataDirectory)
    {
        var cluster = await PostgresCluster.GetAsync();
        var database = DatabaseNameOf(dataDirectory);
        await cluster.CreateDatabaseAsync(database);
        return new Dictionary<string, string>
        {
            ["Tapback:Storage:Provider"] = "postgres",
            ["ConnectionStrings:Tapback"] = cluster.ConnectionStringFor(database),
        };
    }

    /// <summary>Removes the store of <paramref name="dataDirectory"/> (the folder itself is the caller's).</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        if (IsPostgres)
        {
            await DropPostgresAsync(dataDirectory);
        }
    }

    public static async Task DropPostgresAsync(string dataDirectory)
    {
        var cluster = await PostgresCluster.GetAsync();
        await cluster.DropDatabaseAsync(DatabaseNameOf(dataDirectory));
    }

    /// <summary>
    /// A connection to the store of <paramref name="dataDirectory"/>, for a test that looks into the
    /// store of a Tapback running as a separate process: the SQLite file read-only, or its database.
    /// </summary>
    public static async Task<DbConnection> OpenAsync(string dataDirectory)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection((await PostgresCluster.GetAsync()).ConnectionStringFor(DatabaseNameOf(dataDirectory)))
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "tapback.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static string DatabaseNameOf(string dataDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory)));
        return $"tapback_{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
