using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Storage;
using Tapback.Storage.Connections;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Attachments;

/// <summary>
/// A turn reads the files of its history's messages, twenty to sixty ids: one SQL text whatever the
/// list's length, so a pooled SQLite connection keeps one compiled statement for it (Dapper's
/// <c>IN @ids</c> made a text per length, each compiled again), and the ids still reach the store as
/// they are (SQLite reads them as a JSON array).
/// </summary>
public sealed class AttachmentListReadTests : IAsyncLifetime
{
    // Ids as the store could hold them, quote and backslash included: they pass through JSON on SQLite.
    private static readonly string[] MessageIds = ["msg-list-1", "msg-list-\"2\"", "msg-list-\\3"];

    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ForMessagesAndWaitingFor_ListsOfEveryLength_ReadTheirMessagesFilesWithOneStatementEach()
    {
        var database = _host.Services.GetRequiredService<Database>();
        var reader = _host.Services.GetRequiredService<AttachmentReader>();
        await StoreAsync(database);

        await using var connection = await database.OpenAsync();
        int? keptAfterFirst = null;
        for (var length = 1; length <= MessageIds.Length; length++)
        {
            var ids = MessageIds[..length];
            var files = await reader.ForMessagesAsync(connection, null, ids, CancellationToken.None);
            var late = await PendingAttachmentStore.WaitingForAsync(connection, null, ids, CancellationToken.None);

            Assert.Equal(ids.Order(StringComparer.Ordinal), files.Select(group => group.Key).Order(StringComparer.Ordinal));
            Assert.All(ids, id => Assert.Equal($"{id}.jpg", Assert.Single(files[id]).FileName));
            Assert.Equal(ids.Order(StringComparer.Ordinal), late.Select(group => group.Key).Order(StringComparer.Ordinal));
            Assert.All(ids, id => Assert.Equal($"{id}.late", Assert.Single(late[id])));
            if (connection is PooledSqliteConnection pooled)
            {
                keptAfterFirst ??= pooled.KeptStatements;
                Assert.Equal(keptAfterFirst, pooled.KeptStatements);
            }
        }
    }

    private static async Task StoreAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO conversations (id, transport, chat_id, handle, is_group, created_at, last_message_at) VALUES ('conv-list', 'simulator', '+15550002222', '+15550002222', FALSE, 0, 0)");
        var position = 0;
        foreach (var id in MessageIds)
        {
            await connection.ExecuteAsync(
                "INSERT INTO messages (id, conversation_id, direction, sender, body, state, created_at, updated_at) VALUES (@id, 'conv-list', 'in', '+15550002222', 'hi', 'received', 1, 1)",
                new { id });
            await connection.ExecuteAsync(
                """
                INSERT INTO attachments (id, message_id, file_name, content_type, size_bytes, sha256, created_at, position)
                VALUES (@attachmentId, @id, @fileName, 'image/jpeg', 1, @sha256, 1, 0)
                """,
                new { attachmentId = $"att-{position}", id, fileName = $"{id}.jpg", sha256 = new string('a', 64) });
            await connection.ExecuteAsync(
                """
                INSERT INTO pending_attachments (transport, file_key, message_id, position, source, file_name, next_attempt_at, created_at)
                VALUES ('simulator', @key, @id, 1, 'src', @fileName, 1, 1)
                """,
                new { key = $"key-{position++}", id, fileName = $"{id}.late" });
        }
    }
}
