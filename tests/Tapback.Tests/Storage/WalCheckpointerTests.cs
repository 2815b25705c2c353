using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Storage.Wal;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// The write-ahead log stays bounded under a steady write load: the checkpointer, not the writer,
/// copies it and restarts it, and a log that grew while a reader pinned it is cut back.
/// </summary>
public sealed class WalCheckpointerTests
{
    private const long Limit = 512 * 1024;

    [Fact]
    public async Task Checkpointer_SustainedWritesAndAPinnedReader_WalStaysUnderItsLimit()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Storage:WalSizeLimitBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tapback:Storage:CheckpointInterval"] = "00:00:01",
        });
        var groupCommit = host.Services.GetRequiredService<GroupCommit>();
        var walPath = Path.Combine(host.DataDirectory, "tapback.db-wal");
        var checkpointer = host.Services.GetServices<IHostedService>().OfType<WalCheckpointer>().Single();
        if (TestStore.IsPostgres)
        {
            // PostgreSQL keeps its own WAL: the checkpointer's loop never starts there, and no SQLite file appears.
            await groupCommit.ExecuteAsync(
                "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('wal-test', 'postgres', 'message', 0)", new { });
            for (var second = 0; second < 3; second++)
            {
                host.Time.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.Equal(0, checkpointer.Rounds);
            Assert.False(File.Exists(walPath));
            return;
        }

        await groupCommit.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS wal_test_load (id INTEGER PRIMARY KEY, body BLOB NOT NULL)", transaction: transaction, cancellationToken: token)));

        // Thirty rounds of about 280 KiB each (8 MiB in all, twice what SQLite's own automatic
        // checkpoint let the log reach before it restarted it, when it could at all). The first
        // round also takes in what start-up (the migrations) left in the log.
        for (var round = 0; round < 30; round++)
        {
            await NextRoundAsync(host, checkpointer);
            await WriteRoundAsync(groupCommit);
            Assert.InRange(new FileInfo(walPath).Length, 0, Limit);
        }

        Assert.True(checkpointer.Restarts >= 10, $"only {checkpointer.Restarts} restarts of the log");

        // A reader that keeps an old snapshot holds the log's frames: the log grows past its limit
        // while it reads, because nothing may be copied over what it still sees.
        await using (var reader = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "tapback.db")};Pooling=False"))
        {
            await reader.OpenAsync();
            // Deferred: a plain reader, which takes no write lock (BEGIN IMMEDIATE is the default here).
            await using var snapshot = reader.BeginTransaction(deferred: true);
            await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM wal_test_load", transaction: snapshot);
            for (var round = 0; round < 4; round++)
            {
                await WriteRoundAsync(groupCommit);
                await NextRoundAsync(host, checkpointer);
            }

            Assert.True(new FileInfo(walPath).Length > Limit, "the pinned reader should have held the log past its limit");
        }

        // Once it is gone, the log is copied, restarted and cut back to the limit.
        var restarts = checkpointer.Restarts;
        await WriteRoundAsync(groupCommit);
        await NextRoundAsync(host, checkpointer);
        Assert.True(checkpointer.Restarts > restarts, $"no restart after the reader left ({new FileInfo(walPath).Length} bytes)");
        await WriteRoundAsync(groupCommit);
        Assert.InRange(new FileInfo(walPath).Length, 0, Limit);
    }

    [Theory]
    [InlineData(0, 1000)]                   // nothing written: the interval
    [InlineData(4 * 1024 * 1024, 1000)]     // a slow writer: the interval
    [InlineData(64 * 1024 * 1024, 333)]     // the limit in one interval: back at a third of it
    [InlineData(190 * 1024 * 1024, 112)]    // full-speed ingest (190 MiB a second)
    [InlineData(4L * 1024 * 1024 * 1024, 50)] // never sooner than 50 ms
    public void NextWait_WriterFillsTheLogFasterThanTheInterval_NextRoundComesBeforeTheLogPassesItsLimit(long logBytes, int expectedMilliseconds)
    {
        // A round that found the log past its limit truncated the file, and the writer then wrote every
        // frame into newly allocated blocks: the rounds come often enough that the file is kept.
        var storage = new StorageOptions { WalSizeLimitBytes = 64L * 1024 * 1024, CheckpointInterval = TimeSpan.FromSeconds(1) };
        var wait = WalCheckpointer.NextWait(storage, TimeSpan.FromSeconds(1), logBytes);
        Assert.Equal(expectedMilliseconds, wait.TotalMilliseconds, tolerance: 1);
    }

    private static Task<int> WriteRoundAsync(GroupCommit groupCommit) =>
        groupCommit.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO wal_test_load (body) SELECT randomblob(65536) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)",
            transaction: transaction,
            cancellationToken: token)));

    /// <summary>Advances the clock until the checkpointer has finished a round begun after the last write.</summary>
    private static async Task NextRoundAsync(TapbackTestHost host, WalCheckpointer checkpointer)
    {
        var before = checkpointer.Rounds;
        await host.AdvanceUntilAsync(() => Task.FromResult(checkpointer.Rounds >= before + 2), TimeSpan.FromSeconds(1));
    }
}
