using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// Units that name what they touch (<c>orderedBy</c>): on PostgreSQL the units of a batch sharing no key
/// run side by side, their statements sent together; on SQLite, and whenever they share a key, one
/// after another in the order they were handed in. Each unit writes numbered rows; the order of the
/// rows' ids is the order the statements ran.
/// </summary>
public sealed class GroupCommitInterleavedTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    private GroupCommit GroupCommit => _host.Services.GetRequiredService<GroupCommit>();

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();

        // On PostgreSQL a statement's text runs alone the first time an interleaved batch meets it, to learn whether it returns rows.
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var warmUps = new[] { Steps("warm-up-a", ["warm-up-a"]), Steps("warm-up-b", ["warm-up-b"]) };
        gate.Release();
        await Task.WhenAll(warmUps);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WriteAsync_UnitsSharingNoKey_OnPostgresRunSideBySide_OnSqliteOneAfterAnother()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var writes = new[] { Steps("a", ["key-a"]), Steps("b", ["key-b"]), Steps("c", ["key-c"]) };
        gate.Release();
        await Task.WhenAll(writes);

        Assert.Equal(
            TestStore.IsPostgres ? ["a-1", "b-1", "c-1", "a-2", "b-2", "c-2", "a-3", "b-3", "c-3"] : ["a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "c-1", "c-2", "c-3"],
            await WrittenAsync());
    }

    [Fact]
    public async Task WriteAsync_UnitsSharingAKey_RunOneAfterTheOtherInTheOrderHandedIn()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var writes = new[] { Steps("a", ["chat-1", "phone-1"]), Steps("b", ["chat-2", "phone-1"]), Steps("c", ["chat-3"]) };
        gate.Release();
        await Task.WhenAll(writes);

        var written = await WrittenAsync();
        // b shares a phone with a: it starts only once a has ended. c shares nothing: on PostgreSQL it runs beside a.
        Assert.True(written.IndexOf("a-3") < written.IndexOf("b-1"));
        Assert.Equal(TestStore.IsPostgres ? ["a-1", "c-1", "a-2", "c-2", "a-3", "c-3", "b-1", "b-2", "b-3"] : ["a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "c-1", "c-2", "c-3"], written);
    }

    [Fact]
    public async Task WriteAsync_UnitWithoutKeysInABatch_RunsAloneBetweenTheOthers()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var writes = new[] { Steps("a", ["key-a"]), Steps("alone", orderedBy: null), Steps("b", ["key-b"]), Steps("c", ["key-c"]) };
        gate.Release();
        await Task.WhenAll(writes);

        Assert.Equal(
            TestStore.IsPostgres
                ? ["a-1", "a-2", "a-3", "alone-1", "alone-2", "alone-3", "b-1", "c-1", "b-2", "c-2", "b-3", "c-3"]
                : ["a-1", "a-2", "a-3", "alone-1", "alone-2", "alone-3", "b-1", "b-2", "b-3", "c-1", "c-2", "c-3"],
            await WrittenAsync());
    }

    [Fact]
    public async Task WriteAsync_StatementFailsBesideOtherUnits_OnlyItsUnitIsUndoneAndTheOthersStoreOnce()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var before = Steps("before", ["key-before"]);
        // Its third statement repeats its first event id: the unique key refuses it, in the round trip it shares with the others.
        var failing = GroupCommit.WriteAsync(
            async (connection, transaction, token) =>
            {
                await InsertAsync(connection, transaction, "failing-1", token);
                await InsertAsync(connection, transaction, "failing-2", token);
                return await InsertAsync(connection, transaction, "failing-1", token);
            },
            afterCommit: null,
            orderedBy: ["key-failing"]);
        var after = Steps("after", ["key-after"]);
        gate.Release();

        await Assert.ThrowsAnyAsync<DbException>(() => failing);
        await before;
        await after;
        Assert.Equal(["before-1", "before-2", "before-3", "after-1", "after-2", "after-3"], await WrittenAsync());
    }

    [Fact]
    public async Task WriteAsync_UnitThrowsBesideOtherUnits_FailsOnlyItsCaller()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var before = Steps("before", ["key-before"]);
        var failing = GroupCommit.WriteAsync<long>(
            async (connection, transaction, token) =>
            {
                await InsertAsync(connection, transaction, "half-1", token);
                throw new InvalidOperationException("this unit fails after its first write");
            },
            afterCommit: null,
            orderedBy: ["key-half"]);
        var after = Steps("after", ["key-after"]);
        gate.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await before;
        await after;
        Assert.Equal(["before-1", "before-2", "before-3", "after-1", "after-2", "after-3"], await WrittenAsync());
    }

    [Fact]
    public async Task WriteAsync_UnitMixesQueuedStatementsWithADapperCall_SeesEachResult()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var other = Steps("other", ["key-other"]);
        var mixed = GroupCommit.WriteAsync(
            async (connection, transaction, token) =>
            {
                var id = await InsertAsync(connection, transaction, "mixed-1", token);
                // A statement not run through PreparedStatements runs at once, alone.
                var seen = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM inbox WHERE transport = 'interleave-test' AND id <= @id", new { id }, transaction, cancellationToken: token));
                var changed = await PreparedStatements.ExecuteAsync(
                    connection, transaction, "UPDATE inbox SET kind = 'changed' WHERE transport = 'interleave-test' AND event_id = @eventId", token, ("@eventId", "mixed-1"));
                var kinds = await PreparedStatements.QueryAsync(
                    connection, transaction, "SELECT kind FROM inbox WHERE transport = 'interleave-test' AND event_id = @eventId", row => row.GetString(0), token, ("@eventId", "mixed-1"));
                return (Seen: seen, Changed: changed, Kinds: kinds);
            },
            afterCommit: null,
            orderedBy: ["key-mixed"]);
        gate.Release();

        await other;
        var (seen, changed, kinds) = await mixed;
        Assert.True(seen >= 1);
        Assert.Equal(1, changed);
        Assert.Equal(["changed"], kinds);
    }

    [Fact]
    public async Task WriteAsync_DapperCallWhileItsOwnStatementIsQueued_RunsOnceAndSeesBoth()
    {
        var runs = 0;
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var before = Steps("before", ["key-before"]);
        var overlapping = GroupCommit.WriteAsync(
            async (connection, transaction, token) =>
            {
                Interlocked.Increment(ref runs);
                // Queued on PostgreSQL; the Dapper call goes at once, and the batch's round trip waits for it to end.
                var queued = InsertAsync(connection, transaction, "overlap-1", token);
                var direct = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('interleave-test', 'overlap-2', 'message', 0) RETURNING id",
                    transaction: transaction,
                    cancellationToken: token));
                return (Queued: await queued, Direct: direct);
            },
            afterCommit: null,
            orderedBy: ["key-overlap"]);
        var after = Steps("after", ["key-after"]);
        gate.Release();

        await before;
        await after;
        var (queued, direct) = await overlapping;
        Assert.Equal(1, runs);
        Assert.NotEqual(queued, direct);
        Assert.Equal(8, (await WrittenAsync()).Count);
    }

    private Task<long> Steps(string name, string[]? orderedBy) =>
        GroupCommit.WriteAsync(
            async (connection, transaction, token) =>
            {
                var last = 0L;
                for (var step = 1; step <= 3; step++)
                {
                    last = await InsertAsync(connection, transaction, $"{name}-{step}", token);
                }

                return last;
            },
            afterCommit: null,
            orderedBy);

    private static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string eventId, CancellationToken cancellationToken) =>
        await PreparedStatements.ScalarAsync<long>(
            connection,
            transaction,
            "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('interleave-test', @eventId, 'message', 0) RETURNING id",
            cancellationToken,
            ("@eventId", eventId));

    private async Task<List<string>> WrittenAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<string>("SELECT event_id FROM inbox WHERE transport = 'interleave-test' AND event_id NOT LIKE 'warm-up%' ORDER BY id")];
    }
}
