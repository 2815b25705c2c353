using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway;

/// <summary>
/// The person's edits, unsends and typing as the inbox stores them (Gateway/Inbox/Inbox.Changes.cs):
/// deduplicated, only on their own stored messages, history kept or taken, and passed to the paired
/// integration's queue (no socket is connected, so what is queued stays pending to be counted).
/// </summary>
public sealed class InboxChangesTests : IAsyncLifetime
{
    private const string Phone = "+15551230071";
    private const string Transport = "simulator";
    private const string AdminToken = "changes-admin-token-0123456789abcdef";
    private TapbackTestHost _host = null!;
    private Inbox _inbox = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        await GatewayScript.PairAsync(_host, Phone);
        _inbox = _host.Services.GetRequiredService<Inbox>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ReceiveEdit_OfThePersonsMessage_KeepsTheEarlierTextAndQueuesMessageEdited()
    {
        var messageId = await _host.SendAsync(Phone, "see you at 5");

        Assert.True(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "see you at 6")));

        var message = await MessageAsync(messageId);
        Assert.Equal("see you at 6", message.Body);
        Assert.NotNull(message.EditedAt);
        Assert.Equal(["see you at 5"], await EditsAsync(messageId));
        var queued = Assert.Single(await QueuedAsync("message.edited"));
        Assert.Equal(messageId, queued.MessageId);
        Assert.StartsWith("integration:", queued.Link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveEdit_SameEventTwice_AppliesOnce()
    {
        var messageId = await _host.SendAsync(Phone, "teh plan");

        Assert.True(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "the plan")));
        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "the plan")));

        Assert.Single(await EditsAsync(messageId));
        Assert.Single(await QueuedAsync("message.edited"));
    }

    [Fact]
    public async Task ReceiveEdit_TwiceWithNewText_KeepsEveryEarlierTextInOrder()
    {
        var messageId = await _host.SendAsync(Phone, "one");

        Assert.True(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "two")));
        Assert.True(await _inbox.ReceiveEditAsync(Edit("e-2", messageId, "three")));

        Assert.Equal("three", (await MessageAsync(messageId)).Body);
        Assert.Equal(["one", "two"], await EditsAsync(messageId));
        Assert.Equal(2, (await QueuedAsync("message.edited")).Count);
    }

    [Fact]
    public async Task ReceiveEdit_SameText_ChangesNothing()
    {
        var messageId = await _host.SendAsync(Phone, "unchanged");

        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "unchanged")));

        Assert.Null((await MessageAsync(messageId)).EditedAt);
        Assert.Empty(await EditsAsync(messageId));
        Assert.Empty(await QueuedAsync("message.edited"));
    }

    [Fact]
    public async Task ReceiveEdit_OfAMessageTapbackNeverStored_ChangesNothing()
    {
        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", "msg_unknown", "text")));
        Assert.False(await _inbox.ReceiveUnsendAsync(Unsend("u-1", "msg_unknown")));

        Assert.Empty(await QueuedAsync("message.edited"));
        Assert.Empty(await QueuedAsync("message.unsent"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM message_edits"));
    }

    [Fact]
    public async Task ReceiveEdit_OfAnOutboundMessage_ChangesNothing()
    {
        // The gateway's own reply (the pairing code) is Tapback's message, not the person's to edit or unsend.
        var outbound = await ScalarAsync<string>("SELECT id FROM messages WHERE direction = 'out' ORDER BY seq LIMIT 1");
        var body = (await MessageAsync(outbound)).Body;

        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", outbound, "rewritten by the phone")));
        Assert.False(await _inbox.ReceiveUnsendAsync(Unsend("u-1", outbound)));

        var message = await MessageAsync(outbound);
        Assert.Equal(body, message.Body);
        Assert.Null(message.EditedAt);
        Assert.Null(message.UnsentAt);
        Assert.Empty(await QueuedAsync("message.edited"));
        Assert.Empty(await QueuedAsync("message.unsent"));
    }

    [Fact]
    public async Task ReceiveEdit_NamedByAnotherTransport_ChangesNothing()
    {
        var messageId = await _host.SendAsync(Phone, "mine");

        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "theirs") with { Transport = "bluebubbles" }));

        Assert.Equal("mine", (await MessageAsync(messageId)).Body);
    }

    [Fact]
    public async Task ReceiveUnsend_OfAnEditedMessage_EmptiesItsBodyAndHistoryAndQueuesMessageUnsent()
    {
        var messageId = await _host.SendAsync(Phone, "wrong chat, sorry");
        await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "wrong chat!"));

        Assert.True(await _inbox.ReceiveUnsendAsync(Unsend("u-1", messageId)));

        var message = await MessageAsync(messageId);
        Assert.Equal(string.Empty, message.Body);
        Assert.NotNull(message.UnsentAt);
        Assert.Empty(await EditsAsync(messageId));
        Assert.Equal(messageId, Assert.Single(await QueuedAsync("message.unsent")).MessageId);
    }

    [Fact]
    public async Task ReceiveUnsend_Repeated_ThenAnEdit_ChangesNothingMore()
    {
        var messageId = await _host.SendAsync(Phone, "oops");
        Assert.True(await _inbox.ReceiveUnsendAsync(Unsend("u-1", messageId)));

        Assert.False(await _inbox.ReceiveUnsendAsync(Unsend("u-1", messageId)));
        Assert.False(await _inbox.ReceiveUnsendAsync(Unsend("u-2", messageId)));
        Assert.False(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "back again")));

        Assert.Equal(string.Empty, (await MessageAsync(messageId)).Body);
        Assert.Empty(await EditsAsync(messageId));
        Assert.Single(await QueuedAsync("message.unsent"));
        Assert.Empty(await QueuedAsync("message.edited"));
    }

    [Fact]
    public async Task ReceiveEdit_FromAPhoneThatTextedStop_IsStoredButReachesNoAgent()
    {
        var messageId = await _host.SendAsync(Phone, "hello");
        await _host.SendAsync(Phone, "STOP");
        var chatId = await ChatIdAsync();

        Assert.True(await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "hello there")));
        Assert.True(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: true)));

        Assert.Equal("hello there", (await MessageAsync(messageId)).Body);
        Assert.Empty(await QueuedAsync("message.edited"));
        Assert.Empty(await QueuedAsync("typing.started"));
    }

    [Fact]
    public async Task ReceiveTyping_OnlyAChangeOfStateIsQueued_AndOnlyTheNewestWaits()
    {
        await _host.SendAsync(Phone, "hi");
        var chatId = await ChatIdAsync();

        Assert.True(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: true)));
        Assert.False(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: true)));
        Assert.NotNull(await TypingSinceAsync());
        Assert.True(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: false)));
        Assert.False(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: false)));
        Assert.Null(await TypingSinceAsync());

        // The agent is away: the started event it never got is replaced by the stop, not kept beside it.
        Assert.Empty(await QueuedAsync("typing.started"));
        Assert.Single(await QueuedAsync("typing.stopped"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE kind = 'typing.started' AND state = 'discarded'"));
    }

    [Fact]
    public async Task ReceiveTyping_ThenTheirMessage_ClearsTheIndicatorSoALateStopChangesNothing()
    {
        await _host.SendAsync(Phone, "hi");
        var chatId = await ChatIdAsync();
        Assert.True(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: true)));

        await _host.SendAsync(Phone, "what I was typing");

        Assert.Null(await TypingSinceAsync());
        Assert.False(await _inbox.ReceiveTypingAsync(Typing(chatId, typing: false)));
        Assert.Empty(await QueuedAsync("typing.stopped"));
    }

    [Fact]
    public async Task ReceiveTyping_InAChatTapbackDoesNotKnow_ChangesNothing()
    {
        Assert.False(await _inbox.ReceiveTypingAsync(Typing("+15559990000", typing: true)));

        Assert.Empty(await QueuedAsync("typing.started"));
    }

    [Fact]
    public async Task ReceiveTyping_InAGroupChat_IsStoredButReachesNoAgent()
    {
        await _inbox.ReceiveMessageAsync(new InboundMessage
        {
            Transport = Transport, EventId = "g-1", ChatId = "chat-group-1", From = Phone, Text = "hi all", IsGroup = true,
        });

        Assert.True(await _inbox.ReceiveTypingAsync(Typing("chat-group-1", typing: true)));

        Assert.Empty(await QueuedAsync("typing.started"));
    }

    [Fact]
    public async Task PurgeHistory_AfterAnEdit_LeavesNoEarlierText()
    {
        var messageId = await _host.SendAsync(Phone, "private first draft");
        await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "second draft"));
        var integrationId = await ScalarAsync<string>("SELECT id FROM integrations WHERE status <> 'deleted'");

        using var admin = new HttpClient { BaseAddress = _host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var deleted = await admin.DeleteAsync($"/api/admin/integrations/{integrationId}?purgeHistory=true");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM message_edits"));
    }

    [Fact]
    public async Task HandOver_ToTheBuiltInAgent_TakesTheMessageAndItsEditButNotTheTyping()
    {
        var messageId = await _host.SendAsync(Phone, "anyone there?");
        await _inbox.ReceiveEditAsync(Edit("e-1", messageId, "anyone there??"));
        Assert.True(await _inbox.ReceiveTypingAsync(Typing(await ChatIdAsync(), typing: true)));
        var integrationId = await ScalarAsync<string>("SELECT id FROM integrations WHERE status <> 'deleted'");

        using var admin = new HttpClient { BaseAddress = _host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var patched = await admin.PatchAsJsonAsync($"/api/admin/integrations/{integrationId}", new { agent = "builtin" });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var handedOver = (await connection.QueryAsync<string>("SELECT kind FROM agent_queue WHERE link = 'builtin' ORDER BY seq")).ToList();
        Assert.Equal(["message", "message.edited"], handedOver);
        Assert.Equal("discarded", await connection.ExecuteScalarAsync<string>("SELECT state FROM agent_queue WHERE kind = 'typing.started'"));
    }

    private static InboundEdit Edit(string eventId, string messageId, string text) =>
        new() { Transport = Transport, EventId = eventId, MessageId = messageId, Text = text };

    private static InboundUnsend Unsend(string eventId, string messageId) =>
        new() { Transport = Transport, EventId = eventId, MessageId = messageId };

    private static InboundTyping Typing(string chatId, bool typing) =>
        new() { Transport = Transport, ChatId = chatId, Typing = typing };

    private Task<string> ChatIdAsync() =>
        ScalarAsync<string>("SELECT chat_id FROM conversations WHERE handle = @Phone AND is_group = FALSE", new { Phone });

    private Task<long?> TypingSinceAsync() =>
        ScalarAsync<long?>("SELECT peer_typing_since FROM conversations WHERE handle = @Phone AND is_group = FALSE", new { Phone });

    private async Task<MessageState> MessageAsync(string id)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.QuerySingleAsync<MessageState>(
            "SELECT body AS Body, edited_at AS EditedAt, unsent_at AS UnsentAt FROM messages WHERE id = @id", new { id });
    }

    private async Task<IReadOnlyList<string>> EditsAsync(string messageId)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<string>("SELECT body FROM message_edits WHERE message_id = @messageId ORDER BY id", new { messageId })];
    }

    private async Task<IReadOnlyList<QueuedRow>> QueuedAsync(string kind)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<QueuedRow>(
            "SELECT link AS Link, message_id AS MessageId FROM agent_queue WHERE kind = @kind AND state = 'pending' ORDER BY seq", new { kind })];
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private sealed record MessageState
    {
        public string Body { get; init; } = string.Empty;
        public long? EditedAt { get; init; }
        public long? UnsentAt { get; init; }
    }

    private sealed record QueuedRow
    {
        public string Link { get; init; } = string.Empty;
        public string? MessageId { get; init; }
    }
}
