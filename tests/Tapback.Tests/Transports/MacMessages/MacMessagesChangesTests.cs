using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Transports.MacMessages;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>
/// Issue 13 on the Mac: what chat.db shows of the person's effects, service, edits and unsends (rows
/// changed in place after the cursor passed them), and the refusals of what AppleScript cannot send.
/// </summary>
public sealed class MacMessagesChangesTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["Tapback:Agent:Enabled"] = "false" };

    [Fact]
    public async Task Poll_RowWithEffectAndSmsService_StoresBoth()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);

        // Written whole before the chat link, as Messages writes a row and then links it.
        var (rowId, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "happy birthday", mac.Now, join: false);
        mac.ChatDb.Set(guid, "expressive_send_style_id", "com.apple.messages.effect.CKHappyBirthdayEffect");
        mac.ChatDb.Set(guid, "service", "SMS");
        mac.ChatDb.Join(mac.Chat.RowId, rowId, mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM messages WHERE body = 'happy birthday' AND effect = 'balloons' AND service = 'SMS'"));
    }

    [Fact]
    public async Task Poll_RowEditedAfterTheCursorPassedIt_UpdatesTheStoredMessageOnce()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var (rowId, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "lets meet at noon", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        mac.ChatDb.Edit(guid, "let's meet at one", mac.Now.AddMinutes(1));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM messages WHERE edited_at IS NOT NULL") == 1);
        // More polls read the same row again: nothing more happens.
        mac.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await mac.PollUntilAsync(mac.Host.IsIdleAsync);

        Assert.Equal(["let's meet at one"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
        Assert.Equal(["lets meet at noon"], await mac.QueryAsync<string>("SELECT body FROM message_edits"));
        Assert.True(await mac.CountAsync("SELECT last_rowid FROM macmessages_cursors") >= rowId);
    }

    [Fact]
    public async Task Poll_RowEditedTwice_KeepsBothEarlierTexts()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var (_, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "one", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        mac.ChatDb.Edit(guid, "two", mac.Now.AddMinutes(1));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM message_edits") == 1);
        mac.ChatDb.Edit(guid, "three", mac.Now.AddMinutes(2));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM message_edits") == 2);

        Assert.Equal(["three"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
        Assert.Equal(["one", "two"], await mac.QueryAsync<string>("SELECT body FROM message_edits ORDER BY id"));
    }

    [Fact]
    public async Task Poll_RowUnsent_EmptiesTheStoredMessage()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var (_, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "oops wrong chat", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        mac.ChatDb.Unsend(guid, mac.Now.AddSeconds(30));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM messages WHERE unsent_at IS NOT NULL") == 1);

        Assert.Equal([""], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Poll_EditAfterARestart_IsFoundAndAnEarlierOneNotPassedOnAgain()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var (_, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "v1", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);
        mac.ChatDb.Edit(guid, "v2", mac.Now.AddMinutes(1));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM message_edits") == 1);

        await mac.RestartAsync(() => mac.ChatDb.Edit(guid, "v3", mac.Now.AddMinutes(2)));
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM message_edits") == 2);
        mac.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await mac.PollUntilAsync(mac.Host.IsIdleAsync);

        Assert.Equal(["v1", "v2"], await mac.QueryAsync<string>("SELECT body FROM message_edits ORDER BY id"));
        Assert.Equal(["v3"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Poll_EditedRowWithoutABody_TakesTheNewestVersionFromMessageSummaryInfo()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var (_, guid) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "first", mac.Now);
        await mac.PollUntilAsync(async () => await mac.InboundCountAsync() == 1);

        mac.ChatDb.Edit(guid, "", mac.Now.AddMinutes(1), summary: Summary("first", "second"), withBody: false);
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM message_edits") == 1);

        Assert.Equal(["second"], await mac.QueryAsync<string>("SELECT body FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public void MessageSummaryInfo_VersionsInOrder_ReadsTheNewest()
    {
        Assert.Equal("second", MessageSummaryInfo.LatestText(Summary("first", "second")));
        Assert.Null(MessageSummaryInfo.LatestText("bplist00"u8.ToArray()));
    }

    [Fact]
    public async Task ExecuteAsync_ReplyEffectEditUnsend_FailForGoodSayingAppleScriptCannot()
    {
        await using var mac = await MacMessagesHost.StartAsync(Quiet);
        var transport = mac.Host.Services.GetServices<IMessageTransport>().OfType<MacMessagesTransport>().Single();
        var send = new SendMessageAction { IdempotencyKey = "k", ChatId = mac.Chat.Guid, MessageId = "msg_1", Text = "hi" };
        OutboundAction[] refused =
        [
            send with { ReplyTo = "msg_0" },
            send with { Effect = MessageEffect.Slam },
            new EditMessageAction { IdempotencyKey = "e", ChatId = mac.Chat.Guid, MessageId = "msg_1", Text = "hey" },
            new UnsendMessageAction { IdempotencyKey = "u", ChatId = mac.Chat.Guid, MessageId = "msg_1" },
        ];

        foreach (var action in refused)
        {
            var failed = await Assert.ThrowsAsync<TransportException>(() => transport.ExecuteAsync(action));
            Assert.False(failed.Retryable);
            Assert.Contains("through AppleScript", failed.Message, StringComparison.Ordinal);
        }

        Assert.Empty(mac.Scripts.Runs);
        Assert.True(transport.Capabilities is { Replies: false, Effects: false, Edits: false, Unsends: false, TypingReceived: false, HandleLookup: false, ContactCards: true });
    }

    /// <summary>
    /// A stand-in for the binary plist: its header and each version's typedstream kept whole, in order,
    /// as a plist stores data values. (No real edited message_summary_info is among the fixtures.)
    /// </summary>
    private static byte[] Summary(params string[] versions) =>
        [.. "bplist00"u8.ToArray(), .. versions.SelectMany(version => ChatDbFixture.LongBody(version))];
}
