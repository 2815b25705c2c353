using Dapper;
using Tapback.Tests.Agent.Turns;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// Migration 0042 marks the messages stored before it that have files or wait for one
/// (<c>messages.has_files</c>), so a turn after the upgrade still shows their files; the rest stay unmarked.
/// </summary>
public sealed class MessageHasFilesMigrationTests
{
    private const string Phone = "+15551230422";

    [Fact]
    public async Task Migration0042_MessagesStoredBefore_MarkedFromTheirFilesAndStillRenderThem()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-test-").FullName;
        var postgresDatabase = TestStore.IsPostgres ? $"tapback_before0042_{Guid.NewGuid():N}" : null;
        try
        {
            var (connectionString, settings) = await StoreBefore.EmptyAsync(dataDirectory, postgresDatabase);
            StoreBefore.Migrate(connectionString, 42);
            await using (var connection = StoreBefore.Open(connectionString))
            {
                await connection.OpenAsync();
                await StoreBeforeAsync(connection);
            }

            await using var host = await TapbackTestHost.StartAsync(settings, dataDirectory);

            Assert.True(await MessageFilesMarkTests.HasFilesAsync(host, "msg-old-file"));
            Assert.True(await MessageFilesMarkTests.HasFilesAsync(host, "msg-old-late"));
            Assert.False(await MessageFilesMarkTests.HasFilesAsync(host, "msg-old-plain"));
            var rendered = await MessageFilesMarkTests.RenderAsync(host, "conv-old");
            Assert.Contains("[sent a file: menu.pdf", rendered["msg-old-file"], StringComparison.Ordinal);
            Assert.Contains("[A file, notes.pdf, was sent but has not arrived yet.]", rendered["msg-old-late"], StringComparison.Ordinal);
            Assert.Equal("just words", rendered["msg-old-plain"]);
        }
        finally
        {
            await StoreBefore.CleanUpAsync(dataDirectory, postgresDatabase);
        }
    }

    private static Task<int> StoreBeforeAsync(System.Data.Common.DbConnection connection) =>
        connection.ExecuteAsync(
            """
            INSERT INTO conversations (id, transport, chat_id, handle, is_group, created_at, last_message_at)
            VALUES ('conv-old', 'simulator', @phone, @phone, FALSE, 0, 0);
            INSERT INTO messages (id, conversation_id, direction, sender, body, state, created_at, updated_at)
            VALUES ('msg-old-file', 'conv-old', 'in', @phone, 'the menu', 'received', 1, 1),
                   ('msg-old-late', 'conv-old', 'in', @phone, 'a memo', 'received', 2, 2),
                   ('msg-old-plain', 'conv-old', 'in', @phone, 'just words', 'received', 3, 3);
            INSERT INTO attachments (id, message_id, file_name, content_type, size_bytes, sha256, created_at, position)
            VALUES ('att-old', 'msg-old-file', 'menu.pdf', 'application/pdf', 13, @sha256, 1, 0);
            INSERT INTO pending_attachments (transport, file_key, message_id, position, source, file_name, content_type, next_attempt_at, created_at)
            VALUES ('simulator', 'old-late-1', 'msg-old-late', 0, 'old-late-1', 'notes.pdf', 'application/pdf', 1, 2);
            """,
            new { phone = Phone, sha256 = new string('b', 64) });
}
