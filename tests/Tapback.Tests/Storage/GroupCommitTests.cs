using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>Group commit: one transaction for the units waiting together, each unit on its own.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    private GroupCommit GroupCommit => _host.Services.GetRequiredService<GroupCommit>();

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WriteAsync_BatchNotYetCommitted_CallerWaitsAndOthersSeeNothing()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var write = GroupCommit.WriteAsync((connection, transaction, token) => InsertAsync(connection, transaction, "before-commit", token));
        var holder = new HeldUnit(GroupCommit);
        gate.Release();
        await holder.StartedAsync();

        // The unit's SQL has run in the open transaction, which has not committed.
        Assert.False(write.IsCompleted);
        Assert.Equal(0, await CountAsync("before-commit"));

        holder.Release();
        await write;
        Assert.Equal(1, await CountAsync("before-commit"));
    }

    [Fact]
    public async Task WriteAsync_OneUnitThrowsInABatch_FailsOnlyItsCallerAndStoresNothingOfIt()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var first = GroupCommit.WriteAsync((connection, transaction, token) => InsertAsync(connection, transaction, "first", token));
        var failing = GroupCommit.WriteAsync<long>(async (connection, transaction, token) =>
        {
            await InsertAsync(connection, transaction, "half-written", token);
            throw new InvalidOperationException("this unit fails after its first write");
        });
        var last = GroupCommit.WriteAsync((connection, transaction, token) => InsertAsync(connection, transaction, "last", token));
        gate.Release();

        await first;
        await last;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(1, await CountAsync("first"));
        Assert.Equal(0, await CountAsync("half-written"));
        Assert.Equal(1, await CountAsync("last"));
    }

    [Fact]
    public async Task WriteAsync_StatementsFailInTheMiddleAndAtTheEndOfABatch_OnlyThoseUnitsAreUndone()
    {
        // A failed statement (not a thrown exception) leaves a PostgreSQL transaction aborted until
        // the unit's savepoint is rolled back to; the units after it, and the COMMIT after the last
        // one, must still run. Each unit writes several rows so a savepoint that opened late would show.
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var writes = new List<Task<long>>();
        foreach (var name in (string[])["a", "fails-b", "c", "d", "fails-e"])
        {
            writes.Add(GroupCommit.WriteAsync(async (connection, transaction, token) =>
            {
                await InsertAsync(connection, transaction, $"{name}-1", token);
                await InsertAsync(connection, transaction, $"{name}-2", token);
                if (name.StartsWith("fails", StringComparison.Ordinal))
                {
                    // The same event id again: the inbox's unique key refuses it.
                    await InsertAsync(connection, transaction, $"{name}-1", token);
                }

                return 1L;
            }));
        }

        gate.Release();

        foreach (var (write, name) in writes.Zip((string[])["a", "fails-b", "c", "d", "fails-e"]))
        {
            if (name.StartsWith("fails", StringComparison.Ordinal))
            {
                await Assert.ThrowsAnyAsync<DbException>(() => write);
                Assert.Equal(0, await CountAsync($"{name}-1") + await CountAsync($"{name}-2"));
            }
            else
            {
                Assert.Equal(1, await write);
                Assert.Equal(2, await CountAsync($"{name}-1") + await CountAsync($"{name}-2"));
            }
        }
    }

    [Fact]
    public async Task WriteAsync_BatchWithoutFailures_RunsEachUnitOnce_AndAFailureRunsTheRestAgainStoringEachOnce()
    {
        var runs = new int[3];
        Func<DbConnection, DbTransaction, CancellationToken, Task<long>> Counted(int index, string key, bool fail = false) =>
            async (connection, transaction, token) =>
            {
                Interlocked.Increment(ref runs[index]);
                var id = await InsertAsync(connection, transaction, key, token);
                return fail ? throw new InvalidOperationException("fails") : id;
            };

        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var clean = new[] { GroupCommit.WriteAsync(Counted(0, "clean-a")), GroupCommit.WriteAsync(Counted(1, "clean-b")) };
        gate.Release();
        await Task.WhenAll(clean);
        Assert.Equal([1, 1, 0], runs);

        // A batch with a failing unit is rolled back and run again with a savepoint per unit: the
        // others' work runs twice and is stored once; the failing unit fails alone.
        gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var survivor = GroupCommit.WriteAsync(Counted(0, "survivor"));
        var failing = GroupCommit.WriteAsync(Counted(2, "failing", fail: true));
        gate.Release();
        await survivor;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(3, runs[0]);
        Assert.Equal(2, runs[2]);
        Assert.Equal(1, await CountAsync("survivor"));
        Assert.Equal(0, await CountAsync("failing"));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_NeverRuns()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var withdrawn = GroupCommit.WriteAsync(
            (_, _, _) =>
            {
                ran = true;
                return Task.FromResult(0L);
            },
            cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();
        gate.Release();
        await gate.Completion;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        Assert.False(ran);
    }

    [Fact]
    public async Task WriteAsync_AfterCommitSteps_RunInTheOrderUnitsWereHandedIn()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var order = new List<int>();
        var writes = Enumerable.Range(0, 20)
            .Select(index => GroupCommit.WriteAsync((_, _, _) => Task.FromResult(index), done => order.Add(done)))
            .ToList();
        gate.Release();

        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task WriteAsync_PreparedStatementAfterAFailedBatch_RunsOnTheNewConnectionWithFreshValues()
    {
        Assert.Equal(1, await GroupCommit.WriteAsync((connection, transaction, token) => InsertPreparedAsync(connection, transaction, "prepared-1", token)));

        // A lone unit that throws fails its whole batch, so the writer replaces its connection and
        // the statements prepared on it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => GroupCommit.WriteAsync<int>((_, _, _) => throw new InvalidOperationException("fails its batch")));

        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var second = GroupCommit.WriteAsync((connection, transaction, token) => InsertPreparedAsync(connection, transaction, "prepared-2", token));
        var third = GroupCommit.WriteAsync((connection, transaction, token) => InsertPreparedAsync(connection, transaction, "prepared-3", token));
        gate.Release();

        Assert.Equal(1, await second);
        Assert.Equal(1, await third);
        Assert.Equal(1, await CountAsync("prepared-1"));
        Assert.Equal(1, await CountAsync("prepared-2"));
        Assert.Equal(1, await CountAsync("prepared-3"));
    }

    [Fact]
    public async Task ExecuteAsync_OnSqliteJoinsTheOpenBatch_OnPostgresCommitsAtOnce()
    {
        var holder = new HeldUnit(GroupCommit);
        await holder.StartedAsync();

        var insert = GroupCommit.ExecuteAsync(
            "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('group-commit-test', @eventId, 'message', 0)",
            new { eventId = "one-statement" });

        if (TestStore.IsPostgres)
        {
            // Its own autocommit statement: it does not wait for the batch the writer holds open.
            Assert.Equal(1, await insert.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, await CountAsync("one-statement"));
            holder.Release();
            await holder.Completion;
            return;
        }

        // Queued behind the held unit: nothing of it is written until that batch has committed.
        Assert.False(insert.IsCompleted);
        Assert.Equal(0, await CountAsync("one-statement"));
        holder.Release();
        Assert.Equal(1, await insert);
        Assert.Equal(1, await CountAsync("one-statement"));
    }

    [Fact]
    public async Task QueryAsync_OnTheWritersConnection_ReadsEveryRowAsACommandWould()
    {
        // On SQLite the writer steps a kept statement with a light row reader (RawRow) instead of a
        // command and data reader: the getters the stores' row readers use answer alike, NULL reads as
        // NULL, and the kept statement reads the same rows when it runs again.
        var rows = await GroupCommit.WriteAsync(async (connection, transaction, token) =>
        {
            await InsertPreparedAsync(connection, transaction, "query-a", token);
            await InsertPreparedAsync(connection, transaction, "query-b", token);
            var read = new List<(long Id, string EventId, bool NoMessage, bool Flag, long Value)>();
            for (var run = 0; run < 2; run++)
            {
                read = [.. await PreparedStatements.QueryAsync(
                    connection,
                    transaction,
                    "SELECT id, event_id, message_id, received_at = @zero FROM inbox WHERE transport = 'group-commit-test' AND event_id LIKE @prefix ORDER BY event_id",
                    row => (row.GetInt64(0), row.GetString(1), row.IsDBNull(2), row.GetBoolean(3), Convert.ToInt64(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)),
                    token,
                    ("@prefix", "query-%"),
                    ("@zero", 0L))];
            }

            return read;
        });

        Assert.Equal(["query-a", "query-b"], rows.Select(row => row.EventId));
        Assert.All(rows, row =>
        {
            Assert.True(row.NoMessage);
            Assert.True(row.Flag);
            Assert.Equal(row.Id, row.Value);
        });
    }

    [Fact]
    public async Task QueryAsync_SameTextWithParametersInAnotherOrder_BindsEachValueToItsName()
    {
        // The writer keeps a statement by its text; a second caller naming the same parameters in
        // another order must not get the first caller's binding by position.
        const string Between =
            "SELECT event_id FROM inbox WHERE transport = 'group-commit-test' AND event_id BETWEEN @low AND @high ORDER BY event_id";
        var (first, second, scalar) = await GroupCommit.WriteAsync(async (connection, transaction, token) =>
        {
            await InsertPreparedAsync(connection, transaction, "order-a", token);
            await InsertPreparedAsync(connection, transaction, "order-b", token);
            await InsertPreparedAsync(connection, transaction, "order-c", token);

            var first = await PreparedStatements.QueryAsync(
                connection, transaction, Between, row => row.GetString(0), token, ("@low", "order-b"), ("@high", "order-c"));
            var second = await PreparedStatements.QueryAsync(
                connection, transaction, Between, row => row.GetString(0), token, ("@high", "order-b"), ("@low", "order-a"));

            // The same for a scalar: kept statements serve both.
            const string Count = "SELECT count(*) FROM inbox WHERE transport = 'group-commit-test' AND event_id BETWEEN @low AND @high";
            await PreparedStatements.ScalarAsync<long>(connection, transaction, Count, token, ("@low", "order-a"), ("@high", "order-a"));
            var scalar = await PreparedStatements.ScalarAsync<long>(connection, transaction, Count, token, ("@high", "order-c"), ("@low", "order-b"));
            return (first, second, scalar);
        });

        Assert.Equal(["order-b", "order-c"], first);
        Assert.Equal(["order-a", "order-b"], second);
        Assert.Equal(2, scalar);
    }

    private static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string eventId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('group-commit-test', @eventId, 'message', 0) RETURNING id",
            new { eventId },
            transaction,
            cancellationToken: cancellationToken));

    private static Task<int> InsertPreparedAsync(DbConnection connection, DbTransaction transaction, string eventId, CancellationToken cancellationToken) =>
        PreparedStatements.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO inbox (transport, event_id, kind, received_at) VALUES ('group-commit-test', @eventId, 'message', 0)",
            cancellationToken,
            ("@eventId", eventId));

    private async Task<long> CountAsync(string eventId)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inbox WHERE transport = 'group-commit-test' AND event_id = @eventId", new { eventId });
    }
}
