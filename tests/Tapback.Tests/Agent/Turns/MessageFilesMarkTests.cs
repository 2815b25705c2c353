using Dapper;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Turns;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// A message that has files, or waits for one, carries the mark <c>messages.has_files</c>, set by the
/// store whichever path adds the file; a turn's history looks up files only for marked messages, and
/// with none marked runs neither lookup (migration 0042, docs/benchmarks.md "Sixth pass").
/// </summary>
public sealed class MessageFilesMarkTests
{
    private const string Phone = "+15551230421";

    [Fact]
    public async Task EveryPathThatAddsAFile_MarksItsMessage_AndTheHistoryRendersTheFiles()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var store = host.Services.GetRequiredService<AttachmentStore>();
        var inbox = host.Services.GetRequiredService<Inbox>();
        var menu = await store.SaveAsync("att_mark_menu", "menu.pdf", "application/pdf", "%PDF-1.4 menu"u8.ToArray());
        var withFile = await inbox.ReceiveMessageAsync(Inbound("mark-file", "the menu") with { Attachments = [menu] });
        var waiting = await inbox.ReceiveMessageAsync(Inbound("mark-late", "a voice memo") with
        {
            LateFiles = [new LateFile { Key = "mark-late-1", Source = "mark-late-1", FileName = "notes.pdf", ContentType = "application/pdf", Position = 0 }],
        });
        var plain = await inbox.ReceiveMessageAsync(Inbound("mark-plain", "just words"));
        var conversationId = (await host.Services.GetRequiredService<ConversationReader>().FindMessageAsync(plain.MessageId))!.ConversationId;
        var receipt = await store.SaveAsync("att_mark_receipt", "receipt.pdf", "application/pdf", "%PDF-1.4 receipt"u8.ToArray());
        var sent = Assert.Single(await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(
            conversationId, [AgentAction.Message("mark:out", "here is your receipt") with { Attachments = [receipt] }]));

        Assert.True(await HasFilesAsync(host, withFile.MessageId));
        Assert.True(await HasFilesAsync(host, waiting.MessageId));
        Assert.True(await HasFilesAsync(host, sent));
        Assert.False(await HasFilesAsync(host, plain.MessageId));

        var before = await RenderAsync(host, conversationId);
        Assert.Contains("[sent a file: menu.pdf", before[withFile.MessageId], StringComparison.Ordinal);
        Assert.Contains("[A file, notes.pdf, was sent but has not arrived yet.]", before[waiting.MessageId], StringComparison.Ordinal);
        Assert.Contains("[sent a file: receipt.pdf", before[sent], StringComparison.Ordinal);
        Assert.Equal("just words", before[plain.MessageId]);

        // The late file arrives: its pending row goes, its attachment row comes, and the mark stays.
        var notes = await store.SaveAsync("att_mark_notes", "notes.pdf", "application/pdf", "%PDF-1.4 notes"u8.ToArray());
        await host.Services.GetRequiredService<PendingAttachmentStore>().AttachAsync(
            new PendingAttachment { Transport = "simulator", Key = "mark-late-1", MessageId = waiting.MessageId, Position = 0, Source = "mark-late-1", Tries = 0 },
            notes,
            host.Time.GetUtcNow().ToUnixTimeMilliseconds());

        Assert.True(await HasFilesAsync(host, waiting.MessageId));
        var after = await RenderAsync(host, conversationId);
        Assert.Contains("[sent a file: notes.pdf", after[waiting.MessageId], StringComparison.Ordinal);
        Assert.DoesNotContain("has not arrived yet", after[waiting.MessageId], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageReaders_CarryTheMark_ByPositionAndThroughDapper()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var menu = await host.Services.GetRequiredService<AttachmentStore>().SaveAsync("att_mark_read", "menu.pdf", "application/pdf", "%PDF-1.4 menu"u8.ToArray());
        var inbox = host.Services.GetRequiredService<Inbox>();
        var withFile = await inbox.ReceiveMessageAsync(Inbound("read-file", "the menu") with { Attachments = [menu] });
        var plain = await inbox.ReceiveMessageAsync(Inbound("read-plain", "just words"));
        var reader = host.Services.GetRequiredService<ConversationReader>();
        var conversationId = (await reader.FindMessageAsync(plain.MessageId))!.ConversationId;

        // The raw reader (the turn's history and its batch's message) and Dapper's mapper (the summarizer's window, quotes).
        Assert.True((await reader.FindMessageAsync(withFile.MessageId))!.HasFiles);
        Assert.False((await reader.FindMessageAsync(plain.MessageId))!.HasFiles);
        var window = await reader.MessagesBetweenAsync(conversationId, 0, long.MaxValue, 100);
        Assert.True(window.Single(message => message.Id == withFile.MessageId).HasFiles);
        Assert.False(window.Single(message => message.Id == plain.MessageId).HasFiles);
        var quoted = await reader.MessagesInAsync(conversationId, [withFile.MessageId, plain.MessageId]);
        Assert.True(quoted.Single(message => message.Id == withFile.MessageId).HasFiles);
        Assert.False(quoted.Single(message => message.Id == plain.MessageId).HasFiles);
    }

    [Fact]
    public async Task History_NoMessageMarked_ReadsNeitherFilesTable()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var database = host.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO conversations (id, transport, chat_id, handle, is_group, created_at, last_message_at) VALUES ('conv-mark', 'simulator', @phone, @phone, FALSE, 0, 0)",
                new { phone = Phone });
            for (var index = 0; index < 42; index++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO messages (id, conversation_id, direction, sender, body, state, created_at, updated_at) VALUES (@id, 'conv-mark', 'in', @phone, @body, 'received', @index, @index)",
                    new { id = $"msg-mark-{index}", phone = Phone, body = $"words {index}", index });
            }

            // Were either lookup run, it would fail on a table that is not there.
            await connection.ExecuteAsync("ALTER TABLE attachments RENAME TO attachments_away");
            await connection.ExecuteAsync("ALTER TABLE pending_attachments RENAME TO pending_attachments_away");
        }

        var rendered = await RenderAsync(host, "conv-mark");

        Assert.Equal(42, rendered.Count);
        Assert.All(Enumerable.Range(0, 42), index => Assert.Equal($"words {index}", rendered[$"msg-mark-{index}"]));
    }

    internal static InboundMessage Inbound(string eventId, string text) => new()
    {
        Transport = "simulator",
        EventId = eventId,
        ChatId = Phone,
        From = Phone,
        Text = text,
    };

    internal static async Task<bool> HasFilesAsync(TapbackTestHost host, string messageId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT has_files FROM messages WHERE id = @messageId", new { messageId });
    }

    /// <summary>The history as a turn renders it: each message's contents as text, by message id.</summary>
    internal static async Task<Dictionary<string, string>> RenderAsync(TapbackTestHost host, string conversationId)
    {
        var messages = await host.Services.GetRequiredService<ConversationReader>().RecentMessagesAsync(conversationId, 0, long.MaxValue, 100);
        var rendered = await host.Services.GetRequiredService<MessageRenderer>().RenderAsync(messages);
        return rendered.ToDictionary(
            pair => pair.Key,
            pair => string.Join('\n', pair.Value.OfType<TextContent>().Select(content => content.Text)),
            StringComparer.Ordinal);
    }
}
