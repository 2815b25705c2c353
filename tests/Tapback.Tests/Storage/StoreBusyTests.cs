using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// A store that cannot take a write in time (another process holds the write lock past the busy
/// timeout): the request is refused 503 with Retry-After and problem+json, nothing of it is stored, and
/// the same request sent again once the store is free is stored once.
/// </summary>
public sealed class StoreBusyTests
{
    private const string Phone = "+15550142001";

    [Fact]
    public async Task SimulatorMessage_WriteLockHeldPastTheBusyTimeout_503WithRetryAfterThenStoredOnceWhenSentAgain()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-busy-").FullName;
        try
        {
            await using var host = await TapbackTestHost.StartAsync(await ShortWaitSettingsAsync(dataDirectory), dataDirectory);
            var request = new { from = Phone, text = "Are you there?", eventId = "busy-1" };

            await using (await HoldWriteLockAsync(dataDirectory))
            {
                using var refused = await host.Client.PostAsJsonAsync("/api/simulator/messages", request);

                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(StoreBusyExceptionHandler.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
                var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
                Assert.Contains("Send the same request again", (string?)problem!["detail"], StringComparison.Ordinal);
            }

            Assert.Equal(0, await InboxRowsAsync(dataDirectory));
            Assert.Empty(await host.EventsAsync(Phone));

            using var retried = await host.Client.PostAsJsonAsync("/api/simulator/messages", request);
            using var repeated = await host.Client.PostAsJsonAsync("/api/simulator/messages", request);

            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.True(repeated.IsSuccessStatusCode, $"The duplicate was answered {repeated.StatusCode}.");
            Assert.Equal(1, await InboxRowsAsync(dataDirectory));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The store's own wait, shortened so the test waits about a second: SQLite's busy timeout, or
    /// Npgsql's command timeout (whole seconds) on PostgreSQL.
    /// </summary>
    private static async Task<Dictionary<string, string?>> ShortWaitSettingsAsync(string dataDirectory)
    {
        var settings = new Dictionary<string, string?> { ["Tapback:Storage:BusyTimeout"] = "00:00:00.200" };
        if (TestStore.IsPostgres)
        {
            var store = await TestStore.SettingsForAsync(dataDirectory);
            settings["ConnectionStrings:Tapback"] = new NpgsqlConnectionStringBuilder(store["ConnectionStrings:Tapback"]) { CommandTimeout = 1 }.ConnectionString;
        }

        return settings;
    }

    /// <summary>
    /// Takes the store's write lock from outside Tapback, as another process would: SQLite's file lock
    /// (BEGIN IMMEDIATE), or the writers' advisory lock every PostgreSQL write takes.
    /// </summary>
    private static async Task<HeldWriteLock> HoldWriteLockAsync(string dataDirectory)
    {
        DbConnection connection = TestStore.IsPostgres
            ? new NpgsqlConnection((await TestStore.SettingsForAsync(dataDirectory))["ConnectionStrings:Tapback"])
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "tapback.db")};Pooling=False");
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        if (TestStore.IsPostgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLocks.Writes }, transaction);
        }
        else
        {
            // Microsoft.Data.Sqlite begins deferred transactions lazily; a write takes the lock at once.
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS held_lock (id INTEGER)", transaction: transaction);
        }

        return new HeldWriteLock(connection, transaction);
    }

    private static async Task<long> InboxRowsAsync(string dataDirectory)
    {
        await using var connection = await TestStore.OpenAsync(dataDirectory);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox WHERE event_id = 'busy-1'");
    }

    private sealed class HeldWriteLock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
