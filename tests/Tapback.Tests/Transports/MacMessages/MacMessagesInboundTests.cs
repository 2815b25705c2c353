namespace Tapback.Tests.Transports.MacMessages;

/// <summary>chat.db rows, written as Messages writes them, reach the agent and are answered through AppleScript.</summary>
public sealed class MacMessagesInboundTests
{
    [Fact]
    public async Task Poll_NewText_IsAnsweredInItsChatWithTheTextPassedAsArguments()
    {
        await using var mac = await MacMessagesHost.StartAsync();

        var (_, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello from my iPhone", mac.Now);
        await mac.WaitForAnswerAsync();

        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'hello from my iPhone' AND sender = @Phone", new { MacMessagesHost.Phone }));
        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM inbox WHERE transport = 'mac' AND event_id = @guid", new { guid }));
        var (script, arguments) = mac.Scripts.Runs.First();
        Assert.Equal(["participant", MacMessagesHost.Phone, "iMessage", "text"], arguments.Take(4));
        Assert.Contains("on run argv", script, StringComparison.Ordinal);
        Assert.DoesNotContain(arguments[4], script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_OurOwnSendsComeBackAsRows_AreNeverTakenAsInbound()
    {
        await using var mac = await MacMessagesHost.StartAsync();

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hi", mac.Now);
        await mac.WaitForAnswerAsync();
        // Further polls read our own rows (and one the Mac's owner typed) and must not answer them.
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "typed on the Mac itself", mac.Now, fromMe: true);
        var sends = mac.Scripts.Runs.Count;
        var ownRows = mac.ChatDb.OwnRows();
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT last_rowid FROM macmessages_cursors") >= ownRows[^1].RowId);
        await mac.PollUntilAsync(mac.Host.IsIdleAsync);

        Assert.Equal(1, await mac.InboundCountAsync());
        Assert.Equal(sends, mac.Scripts.Runs.Count);
        // Each bubble we sent is recorded with the guid of the row Messages wrote for it.
        var providerIds = await mac.QueryAsync<string>("SELECT provider_id FROM messages WHERE direction = 'out' AND state = 'sent' ORDER BY seq");
        Assert.Equal(ownRows.Take(providerIds.Count).Select(row => row.Guid), providerIds);
    }

    [Fact]
    public async Task Poll_TextOnlyInAttributedBody_IsDecoded()
    {
        var (blob, text) = ChatDbFixture.RealBody();
        await using var mac = await MacMessagesHost.StartAsync();

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, null, mac.Now, attributedBody: blob);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        Assert.Equal([text.Trim()], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Poll_LongTextsWithTwoAndFourByteLengths_AreDecoded()
    {
        var twoBytes = string.Concat(Enumerable.Repeat("a long message ", 20));
        var fourBytes = "short but written with a 4-byte length";
        await using var mac = await MacMessagesHost.StartAsync();

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, null, mac.Now, attributedBody: ChatDbFixture.LongBody(twoBytes));
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, null, mac.Now, attributedBody: ChatDbFixture.LongBody(fourBytes, forceFourBytes: true));
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 2);

        Assert.Equal([twoBytes.Trim(), fourBytes], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in' ORDER BY seq"));
    }

    [Fact]
    public async Task Poll_ChatLinkWrittenAfterItsMessage_IsWaitedForNotSkipped()
    {
        await using var mac = await MacMessagesHost.StartAsync();

        var (rowId, _) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "link comes later", mac.Now, join: false);
        mac.Host.Time.Advance(TimeSpan.FromSeconds(3));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM macmessages_cursors WHERE last_rowid < @rowId", new { rowId }) == 1);
        Assert.Equal(0, await mac.InboundCountAsync());

        mac.ChatDb.Join(mac.Chat.RowId, rowId, mac.Now);
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM macmessages_cursors WHERE last_rowid >= @rowId", new { rowId }) == 1);
        Assert.Equal(["link comes later"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Poll_GroupChat_IsRoutedToTheGroupAndAnsweredThere()
    {
        await using var mac = await MacMessagesHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:GroupReplies"] = "all" });
        var other = mac.ChatDb.AddHandle("friend@example.com");
        var group = mac.ChatDb.AddGroupChat("chat123456789", "Weekend plans", mac.Handle, other);

        mac.ChatDb.AddMessage(group.RowId, mac.Handle, "Tapback, what time is it?", mac.Now);
        await mac.WaitForAnswerAsync();

        var conversations = await mac.QueryAsync<(string ChatId, long IsGroup, string? Title)>("SELECT chat_id, is_group, display_name FROM conversations WHERE transport = 'mac'");
        var conversation = Assert.Single(conversations);
        Assert.Equal(group.Guid, conversation.ChatId);
        Assert.Equal(1, conversation.IsGroup);
        Assert.Equal("Weekend plans", conversation.Title);
        Assert.All(mac.Scripts.Runs, run => Assert.Equal(["chat", group.Guid], run.Arguments.Take(2)));
    }

    [Fact]
    public async Task Poll_FirstStart_BeginsAtTheNewestRowAndAnswersNoHistory()
    {
        await using var mac = await MacMessagesHost.StartAsync(history: (chatDb, handle, chat) =>
        {
            chatDb.AddMessage(chat, handle, "history one", DateTimeOffset.UtcNow);
            chatDb.AddMessage(chat, handle, "history two", DateTimeOffset.UtcNow);
        });

        mac.Host.Time.Advance(TimeSpan.FromSeconds(5));
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "new", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);
        await mac.WaitForAnswerAsync();

        Assert.Equal(["new"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Poll_MessagesWhileTapbackWasDown_AreCaughtUpFromTheCursor()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "before", mac.Now);
        await mac.WaitForAnswerAsync();
        var sendsBefore = mac.Scripts.Runs.Count;

        await mac.RestartAsync(() => mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "while you were away", mac.Now));
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 2 && mac.Scripts.Runs.Count > sendsBefore && await mac.Host.IsIdleAsync());

        Assert.Equal(["before", "while you were away"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in' ORDER BY seq"));
    }

    [Fact]
    public async Task Poll_OldRowsFromAnICloudResync_AreStoredButNotAnswered()
    {
        await using var mac = await MacMessagesHost.StartAsync();

        // iCloud brings back last month's messages as new rows (new ROWIDs, their old dates).
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "from last month", mac.Now.AddDays(-30));
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "from yesterday", mac.Now.AddDays(-1));
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 2);
        mac.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await mac.PollUntilAsync(mac.Host.IsIdleAsync);

        Assert.Empty(mac.Scripts.Runs);
        Assert.Equal(0, await mac.CountAsync("SELECT count(*) FROM agent_queue"));
    }

    [Fact]
    public async Task Poll_PhotoOnlyRowWhoseAttachmentJoinComesLater_IsWaitedForNotDropped()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var photo = Path.Combine(mac.ChatDb.Directory, "IMG_0009.jpeg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]);

        // Messages writes the row (text: one placeholder) first, and message_attachment_join a moment later.
        var (rowId, _) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "\uFFFC", mac.Now);
        mac.Host.Time.Advance(TimeSpan.FromSeconds(1));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM macmessages_cursors WHERE last_rowid < @rowId", new { rowId }) == 1);
        Assert.Equal(0, await mac.InboundCountAsync());

        mac.ChatDb.AddAttachment(rowId, photo, "image/jpeg", "IMG_0009.jpeg");
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        Assert.Equal([("IMG_0009.jpeg", "image/jpeg")], await mac.QueryAsync<(string, string)>("SELECT file_name, content_type FROM attachments"));
    }

    [Fact]
    public async Task Poll_PhotoWithText_IsCopiedIntoTheAttachmentStore()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var photo = Path.Combine(mac.ChatDb.Directory, "IMG_0001.jpeg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]);

        var (rowId, _) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "\uFFFClook at this", mac.Now);
        mac.ChatDb.AddAttachment(rowId, photo, "image/jpeg", "IMG_0001.jpeg");
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        Assert.Equal(["look at this"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
        var files = await mac.QueryAsync<(string FileName, string ContentType, long SizeBytes)>("SELECT file_name, content_type, size_bytes FROM attachments");
        Assert.Equal([("IMG_0001.jpeg", "image/jpeg", 9L)], files);
    }
}
