using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;
using Tapback.Gateway.Conversations;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Conversations;

/// <summary>
/// The built-in turn's reads must not cost as much as the conversation is long. Counted, not timed: on
/// SQLite the pages a fresh connection reads (after any write a pooled reader reads every page again),
/// on PostgreSQL the rows the executed plan's nodes returned.
/// </summary>
public sealed class ConversationReaderTests : IAsyncLifetime
{
    private const string ConversationId = "conv-reader-long";
    private const int Messages = 300;

    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LastMessageAtAsync_LongConversation_ReadsTheNewestEarlierMessageOnly()
    {
        var database = _host.Services.GetRequiredService<Database>();
        var beforeSeq = await StoreLongConversationAsync(database);

        await using (var connection = await database.OpenAsync())
        {
            // The newest message before the given one, whatever the conversation holds.
            Assert.Equal(1_000L + Messages - 2, await ConversationReader.LastMessageAtAsync(connection, null, ConversationId, beforeSeq, CancellationToken.None));
        }

        if (TestStore.IsPostgres)
        {
            Assert.Equal(1, await MostRowsOfAPlanNodeAsync(database, beforeSeq));
        }
        else
        {
            // One page a message (each body fills one): max(created_at) read all 299 earlier ones.
            Assert.InRange(await PagesReadAsync(beforeSeq), 1, 10);
        }
    }

    /// <summary>Stores <see cref="Messages"/> messages of about a page each; returns the seq of the newest.</summary>
    private static async Task<long> StoreLongConversationAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO conversations (id, transport, chat_id, handle, is_group, created_at, last_message_at) VALUES (@ConversationId, 'simulator', '+15550001111', '+15550001111', FALSE, 0, 0)",
            new { ConversationId });
        var body = new string('x', 3_500);
        for (var n = 0; n < Messages; n++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO messages (id, conversation_id, direction, sender, body, state, created_at, updated_at) VALUES (@id, @ConversationId, 'in', '+15550001111', @body, 'received', @at, @at)",
                new { id = $"msg-reader-{n}", ConversationId, body, at = 1_000L + n });
        }

        return await connection.ExecuteScalarAsync<long>("SELECT max(seq) FROM messages WHERE conversation_id = @ConversationId", new { ConversationId });
    }

    /// <summary>The pages SQLite read from the file (cache misses) to run the query on a connection whose cache holds only the schema.</summary>
    private async Task<int> PagesReadAsync(long beforeSeq)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "tapback.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema");
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out _, out _, 1);
        await connection.ExecuteScalarAsync<long?>(ConversationReader.LastMessageAtSql, new { conversationId = ConversationId, beforeSeq });
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, 0);
        return misses;
    }

    /// <summary>The most rows any node of the executed plan returned (index and sort priced out, as the planner would price them on a full table).</summary>
    private static async Task<long> MostRowsOfAPlanNodeAsync(Database database, long beforeSeq)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off", transaction: transaction);
        var json = await connection.ExecuteScalarAsync<string>(
            "EXPLAIN (ANALYZE, FORMAT JSON) " + ConversationReader.LastMessageAtSql, new { conversationId = ConversationId, beforeSeq }, transaction);
        using var plan = JsonDocument.Parse(json!);
        return MostRows(plan.RootElement[0].GetProperty("Plan"));
    }

    private static long MostRows(JsonElement node)
    {
        var most = (long)Math.Ceiling(node.GetProperty("Actual Rows").GetDouble());
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                most = Math.Max(most, MostRows(child));
            }
        }

        return most;
    }
}
