using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Turns;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>A turn's reads on one connection: one snapshot on SQLite until released, READ COMMITTED on PostgreSQL as before.</summary>
public sealed class TurnReadsTests
{
    [Fact]
    public async Task ReadAsync_AWriteCommitsBetweenTwoReads_SqliteKeepsTheFirstReadsSnapshotUntilReleased()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = await ProbeAsync(host);
        await using var reads = new TurnReads(database);
        var first = await CountAsync(reads);
        await ExecuteAsync(database, "INSERT INTO turn_reads_probe (n) VALUES (1)");
        var second = await CountAsync(reads);
        await reads.ReleaseAsync();
        var afterRelease = await CountAsync(reads);

        Assert.Equal(0, first);
        // SQLite: every read of the turn sees the store as of its first read. PostgreSQL: each read sees
        // what committed before it, as when each read had a pooled connection of its own.
        Assert.Equal(database.IsPostgres ? 1 : 0, second);
        Assert.Equal(1, afterRelease);
    }

    [Fact]
    public async Task ReleaseAsync_ThenAWrite_DoesNotWaitForTheReads()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = await ProbeAsync(host);
        await using var reads = new TurnReads(database);
        Assert.Equal(0, await CountAsync(reads));
        await reads.ReleaseAsync();

        // A restart of the WAL waits for readers on old frames; released reads hold none, so a
        // checkpoint that truncates the log goes through at once.
        await ExecuteAsync(database, "INSERT INTO turn_reads_probe (n) VALUES (1)");
        if (!database.IsPostgres)
        {
            await using var connection = await database.OpenAsync();
            var (busy, _, _) = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)");
            Assert.Equal(0, busy);
        }
    }

    /// <summary>The host's store with an empty table of its own to count.</summary>
    private static async Task<Database> ProbeAsync(TapbackTestHost host)
    {
        var database = host.Services.GetRequiredService<Database>();
        await ExecuteAsync(database, "CREATE TABLE turn_reads_probe (n INTEGER NOT NULL)");
        return database;
    }

    private static Task<long> CountAsync(TurnReads reads) =>
        reads.ReadAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM turn_reads_probe", transaction: transaction)));

    private static async Task ExecuteAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
