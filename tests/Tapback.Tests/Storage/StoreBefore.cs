using System.Data.Common;
using System.Globalization;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;
using Dapper;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// A store as an earlier release left it: the product's own migration scripts numbered below a given
/// one, on an empty SQLite file or PostgreSQL database, for a migration test to fill and start on.
/// </summary>
internal static class StoreBefore
{
    /// <summary>An empty store and the settings that point Tapback at it.</summary>
    public static async Task<(string ConnectionString, Dictionary<string, string?> Settings)> EmptyAsync(string dataDirectory, string? postgresDatabase)
    {
        if (postgresDatabase is null)
        {
            return ($"Data Source={Path.Combine(dataDirectory, "tapback.db")}", []);
        }

        // Not TestStore's databases: those are copies of a template already at the newest schema.
        var cluster = await PostgresCluster.GetAsync();
        await using (var admin = new NpgsqlConnection(cluster.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE \"{postgresDatabase}\"");
        }

        var connectionString = cluster.ConnectionStringFor(postgresDatabase);
        return (connectionString, new Dictionary<string, string?>
        {
            ["Tapback:Storage:Provider"] = "postgres",
            ["ConnectionStrings:Tapback"] = connectionString,
        });
    }

    /// <summary>Runs the product's own scripts numbered below <paramref name="number"/>, as a release before it did.</summary>
    public static void Migrate(string connectionString, int number)
    {
        var folder = TestStore.IsPostgres ? ".Migrations.Postgres." : ".Migrations.Sqlite.";
        UpgradeEngineBuilder builder = TestStore.IsPostgres
            ? DeployChanges.To.PostgresqlDatabase(connectionString)
            : DeployChanges.To.SqliteDatabase(connectionString);
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, name => name.Contains(folder, StringComparison.Ordinal) && NumberOf(name, folder) < number)
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    public static DbConnection Open(string connectionString) =>
        TestStore.IsPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>Drops what the test made: its PostgreSQL database, the store the host made by default for the folder, the folder.</summary>
    public static async Task CleanUpAsync(string dataDirectory, string? postgresDatabase)
    {
        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(postgresDatabase);
        }

        await TestStore.DropAsync(dataDirectory);
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static int NumberOf(string resourceName, string folder) =>
        int.Parse(resourceName.AsSpan(resourceName.IndexOf(folder, StringComparison.Ordinal) + folder.Length, 4), CultureInfo.InvariantCulture);
}
