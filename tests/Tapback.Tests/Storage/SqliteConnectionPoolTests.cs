using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;
using Tapback.Storage;

namespace Tapback.Tests.Storage;

/// <summary>
/// SQLite's pooled connections keep the statements they compiled: a read run again on a connection
/// the pool handed out again is not parsed again, and whatever a caller leaves behind (a transaction,
/// an open reader) never reaches the next one. SQLite only: PostgreSQL's pool is Npgsql's own.
/// </summary>
public sealed class SqliteConnectionPoolTests : IDisposable
{
    private const string ReadSql = "SELECT body FROM pool_test WHERE id = @id";

    private readonly string _directory = Directory.CreateTempSubdirectory("tapback-pool-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<Database> StoreAsync()
    {
        var database = new Database(Options.Create(new StorageOptions { DataDirectory = _directory }));
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE pool_test (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO pool_test VALUES (1, 'one'), (2, 'two');");
        return database;
    }

    [Fact]
    public async Task OpenAsync_SameReadOnAConnectionHandedOutAgain_RunsTheStatementCompiledTheFirstTime()
    {
        await using var database = await StoreAsync();
        sqlite3 handle;
        IntPtr compiled;
        await using (var first = await database.OpenAsync())
        {
            handle = ((SqliteConnection)first).Handle!;
            Assert.Equal("one", await first.QuerySingleAsync<string>(ReadSql, new { id = 1 }));
            compiled = Single(StatementsOf(handle, ReadSql));
        }

        await using var second = await database.OpenAsync();
        Assert.Same(handle, ((SqliteConnection)second).Handle);
        Assert.Equal("two", await second.QuerySingleAsync<string>(ReadSql, new { id = 2 }));
        Assert.Equal(compiled, Single(StatementsOf(handle, ReadSql)));
    }

    [Fact]
    public async Task OpenAsync_KeptStatementAfterAnotherConnectionWrote_ReadsTheNewRow()
    {
        await using var database = await StoreAsync();
        await using (var reader = await database.OpenAsync())
        {
            Assert.Null(await reader.QuerySingleOrDefaultAsync<string>(ReadSql, new { id = 3 }));
        }

        await using (var writer = await database.OpenOwnAsync())
        {
            await writer.ExecuteAsync("INSERT INTO pool_test VALUES (3, 'three')");
        }

        await using var again = await database.OpenAsync();
        Assert.Equal("three", await again.QuerySingleOrDefaultAsync<string>(ReadSql, new { id = 3 }));
    }

    [Fact]
    public async Task OpenAsync_TableChangedAfterTheStatementWasKept_ReadsTheNewShape()
    {
        await using var database = await StoreAsync();
        const string all = "SELECT * FROM pool_test WHERE id = @id";
        await using (var reader = await database.OpenAsync())
        {
            Assert.Equal(2, ((IDictionary<string, object>)await reader.QuerySingleAsync(all, new { id = 1 })).Count);
        }

        await using (var other = await database.OpenOwnAsync())
        {
            await other.ExecuteAsync("ALTER TABLE pool_test ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'");
        }

        await using var again = await database.OpenAsync();
        var row = (IDictionary<string, object>)await again.QuerySingleAsync(all, new { id = 1 });
        Assert.Equal("x", row["extra"]);
    }

    [Fact]
    public async Task OpenAsync_ConnectionDisposedWithItsTransactionOpen_IsRolledBackAndNotHandedOutAgain()
    {
        await using var database = await StoreAsync();
        DbConnection left;
        await using (left = await database.OpenAsync())
        {
            var transaction = await left.BeginTransactionAsync();
            await left.ExecuteAsync("INSERT INTO pool_test VALUES (4, 'four')", transaction: transaction);
        }

        await using var next = await database.OpenAsync();
        Assert.NotSame(left, next);
        Assert.Equal(0, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM pool_test WHERE id = 4"));
    }

    [Fact]
    public async Task OpenAsync_ConnectionDisposedWithAReaderOpen_IsNotHandedOutAgainAndHoldsNoSnapshot()
    {
        await using var database = await StoreAsync();
        DbConnection left;
        await using (left = await database.OpenAsync())
        {
            // A reader never disposed: its statement still holds a read of the database.
            var reader = await left.ExecuteReaderAsync("SELECT id FROM pool_test");
            Assert.True(await reader.ReadAsync());
        }

        await using (var writer = await database.OpenOwnAsync())
        {
            await writer.ExecuteAsync("INSERT INTO pool_test VALUES (5, 'five')");
        }

        await using var next = await database.OpenAsync();
        Assert.NotSame(left, next);
        Assert.Equal("five", await next.QuerySingleAsync<string>(ReadSql, new { id = 5 }));
    }

    [Fact]
    public async Task OpenAsync_KeptStatementThatFailed_RunsAgainWithOtherValues()
    {
        await using var database = await StoreAsync();
        const string insert = "INSERT INTO pool_test (id, body) VALUES (@id, @body)";
        await using (var connection = await database.OpenAsync())
        {
            await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(insert, new { id = 1, body = "again" }));
        }

        await using var next = await database.OpenAsync();
        Assert.Equal(1, await next.ExecuteAsync(insert, new { id = 6, body = "six" }));
        Assert.Equal("six", await next.QuerySingleAsync<string>(ReadSql, new { id = 6 }));
    }

    [Fact]
    public async Task OpenAsync_SeveralResultSetsWithParameters_ReadEachOnEveryRun()
    {
        await using var database = await StoreAsync();
        const string both = "SELECT body FROM pool_test WHERE id = @a; SELECT body FROM pool_test WHERE id = @b;";
        for (var run = 0; run < 2; run++)
        {
            await using var connection = await database.OpenAsync();
            await using var results = await connection.QueryMultipleAsync(both, new { a = 1, b = 2 });
            Assert.Equal("one", await results.ReadSingleAsync<string>());
            Assert.Equal("two", await results.ReadSingleAsync<string>());
        }
    }

    [Fact]
    public async Task OpenAsync_SameTextWhileItsReaderIsStillOpen_RunsOnAStatementOfItsOwn()
    {
        await using var database = await StoreAsync();
        await using var connection = await database.OpenAsync();
        await using var outer = await connection.ExecuteReaderAsync("SELECT id FROM pool_test ORDER BY id");
        var seen = new List<string>();
        while (await outer.ReadAsync())
        {
            await using var inner = await connection.ExecuteReaderAsync("SELECT id FROM pool_test ORDER BY id");
            Assert.True(await inner.ReadAsync());
            seen.Add($"{outer.GetInt64(0)}:{inner.GetInt64(0)}");
        }

        Assert.Equal(["1:1", "2:1"], seen);
    }

    [Fact]
    public async Task OpenAsync_AnyConnection_HasNoMutexOfItsOwn()
    {
        // Multi-thread mode (SqliteLibrary): SQLite takes no connection mutex per call, because no two
        // threads use one connection at once; the pool's, the writer's and Microsoft.Data.Sqlite's alike.
        await using var database = await StoreAsync();
        Assert.True(Tapback.Storage.Connections.SqliteLibrary.Configure());
        await using var pooled = await database.OpenAsync();
        await using var own = await database.OpenOwnAsync();
        await using var plain = new SqliteConnection(database.ConnectionString);
        await plain.OpenAsync();
        Assert.All(
            [pooled, own, plain],
            connection => Assert.False(Tapback.Storage.Connections.SqliteNative.HasOwnMutex(((SqliteConnection)connection).Handle!)));
    }

    private static IntPtr Single(List<IntPtr> statements) => Assert.Single(statements);

    // The statements SQLite holds compiled on the connection, read with its C API (SQLitePCLRaw's own
    // sqlite3_next_stmt lists only those made after a connection opted into tracking them).
    private static List<IntPtr> StatementsOf(sqlite3 handle, string sql)
    {
        var found = new List<IntPtr>();
        for (var statement = NextStatement(handle.DangerousGetHandle(), IntPtr.Zero); statement != IntPtr.Zero; statement = NextStatement(handle.DangerousGetHandle(), statement))
        {
            if (Marshal.PtrToStringUTF8(SqlOf(statement)) == sql)
            {
                found.Add(statement);
            }
        }

        return found;
    }

#pragma warning disable SYSLIB1054 // blittable arguments: nothing to generate
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_next_stmt")]
    private static extern IntPtr NextStatement(IntPtr database, IntPtr statement);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_sql")]
    private static extern IntPtr SqlOf(IntPtr statement);
#pragma warning restore SYSLIB1054
}
