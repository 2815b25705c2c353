using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink;

/// <summary>
/// What an agent hears of the person's replies, effects, service, edits, unsends and typing, on the
/// WebSocket (Tapback extensions), webhooks and REST reads. The person's side enters through the
/// inbox as a transport would hand it over.
/// </summary>
public sealed class InboundChangesSurfaceTests
{
    private const string Transport = "simulator";

    [Fact]
    public async Task WebSocket_ReplyEditUnsendAndTyping_ArriveAsExtensionFramesInOrder()
    {
        const string phone = "+15551230081";
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, phone, token);
        await using var _ = client;
        var inbox = host.Services.GetRequiredService<Inbox>();
        var first = await host.SendAsync(phone, "dinner at 7?");
        var chatId = (string)(await client.ReceiveAsync("message.received"))["data"]!["chatId"]!;

        var reply = await inbox.ReceiveMessageAsync(Reply(phone, "evt-reply", "or 8", first));
        var received = (await client.ReceiveAsync("message.received"))["data"]!;
        await inbox.ReceiveTypingAsync(new InboundTyping { Transport = Transport, ChatId = phone, Typing = true });
        var typing = await client.ReceiveAsync("typing.started");
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = Transport, EventId = "edit-1", MessageId = first, Text = "dinner at 8?" });
        var edited = await client.ReceiveAsync("message.edited");
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = Transport, EventId = "unsend-1", MessageId = reply.MessageId });
        var unsent = await client.ReceiveAsync("message.unsent");

        Assert.Equal(first, (string?)received["replyTo"]);
        Assert.Equal("slam", (string?)received["effect"]);
        Assert.Equal("SMS", (string?)received["service"]);
        Assert.Equal(chatId, (string?)typing["data"]!["chatId"]);
        Assert.NotNull((string?)typing["data"]!["at"]);
        Assert.Equal(first, (string?)edited["data"]!["messageId"]);
        Assert.Equal(chatId, (string?)edited["data"]!["chatId"]);
        Assert.Equal(phone, (string?)edited["data"]!["from"]);
        Assert.Equal("dinner at 8?", (string?)edited["data"]!["text"]);
        Assert.NotNull((string?)edited["data"]!["editedAt"]);
        Assert.Equal(reply.MessageId, (string?)unsent["data"]!["messageId"]);
        Assert.Null(unsent["data"]!["text"]);
        Assert.NotNull((string?)unsent["data"]!["unsentAt"]);
    }

    [Fact]
    public async Task WebSocket_AgentAwayWhileTheMessageWasUnsent_GetsItWithoutItsTextThenTheUnsend()
    {
        const string phone = "+15551230082";
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        var inbox = host.Services.GetRequiredService<Inbox>();
        var messageId = await host.SendAsync(phone, "my card number is …");
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = Transport, EventId = "unsend-1", MessageId = messageId });

        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, phone, token);
        await using var _ = client;
        var received = await client.ReceiveAsync("message.received");
        var unsent = await client.ReceiveAsync("message.unsent");

        Assert.Equal(1, (long)connected["data"]!["queuedCount"]!);
        Assert.Empty(received["data"]!["parts"]!.AsArray());
        Assert.NotNull((string?)received["data"]!["unsentAt"]);
        Assert.Equal(messageId, (string?)unsent["data"]!["messageId"]);
    }

    [Fact]
    public async Task Webhooks_ReplyEditAndUnsend_AreDeliveredWithTheirData()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.received", "message.edited", "message.unsent");
        kit.Receiver.Secret = (string)created["secret"]!;

        // The receiver fails until everything is stored: a conversation's deliveries go in order behind
        // the first one, so every body below is rendered after the unsend.
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;
        var inbox = kit.Host.Services.GetRequiredService<Inbox>();
        var first = await kit.Host.SendAsync(WebhookTestKit.Phone, "dinner at 7?");

        await inbox.ReceiveMessageAsync(Reply(WebhookTestKit.Phone, "evt-reply", "or 8", first));
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = Transport, EventId = "edit-1", MessageId = first, Text = "dinner at 8?" });
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = Transport, EventId = "unsend-1", MessageId = first });

        // The first attempt (rendered perhaps before the unsend) has failed and none is in flight: the
        // retries, due only as the fake clock moves, render afresh.
        await GatewayScript.EventuallyAsync(async () =>
            await DeliveriesAsync(kit, "message.received", "attempts >= 1 AND lease_owner IS NULL") >= 1
            && await DeliveriesAsync(kit, "message.received", "lease_owner IS NOT NULL") == 0);
        kit.Receiver.Otherwise = ReceiverAnswer.Ok;
        await kit.AdvanceUntilIdleAsync();

        // Webhooks are at least once: an attempt the fake clock timed out may have arrived too.
        var hooks = kit.Receiver.Accepted.DistinctBy(hook => (string?)hook.Json["id"]).ToList();
        var types = hooks.Select(hook => hook.Type).ToList();
        Assert.All(hooks, hook => Assert.True(hook.Verified));
        Assert.Equal(["message.received", "message.received", "message.edited", "message.unsent"], types);
        var reply = hooks[1].Json["data"]!;
        Assert.Equal(first, (string?)reply["reply_to"]);
        Assert.Equal("SMS", (string?)reply["service"]);
        Assert.Equal("slam", (string?)reply["effect"]);
        var edited = hooks[2].Json["data"]!;
        Assert.Equal(first, (string?)edited["message_id"]);

        // Rendered when sent: by then the message was unsent, so the edit no longer carries its text.
        Assert.Equal(string.Empty, (string?)hooks[0].Json["data"]!["body"]);
        Assert.NotNull((string?)hooks[0].Json["data"]!["unsent_at"]);
        Assert.Null(edited["body"]);
        Assert.NotNull((string?)edited["unsent_at"]);
        var unsent = hooks[3].Json["data"]!;
        Assert.Equal(first, (string?)unsent["message_id"]);
        Assert.Equal(WebhookTestKit.Phone, (string?)unsent["from"]);
    }

    [Fact]
    public async Task Webhooks_TypingWhileTheReceiverIsDown_OnlyTheNewestStateIsDelivered()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("typing.started", "typing.stopped");
        kit.Receiver.Secret = (string)created["secret"]!;
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;
        var inbox = kit.Host.Services.GetRequiredService<Inbox>();
        await kit.Host.SendAsync(WebhookTestKit.Phone, "hi");

        await inbox.ReceiveTypingAsync(new InboundTyping { Transport = Transport, ChatId = WebhookTestKit.Phone, Typing = true });
        // The first attempt failed and the delivery waits for its retry, held by no worker.
        await GatewayScript.EventuallyAsync(async () => await DeliveriesAsync(kit, "typing.started", "attempts = 1 AND lease_owner IS NULL AND state = 'pending'") == 1);
        await inbox.ReceiveTypingAsync(new InboundTyping { Transport = Transport, ChatId = WebhookTestKit.Phone, Typing = false });
        kit.Receiver.Otherwise = ReceiverAnswer.Ok;
        await kit.AdvanceUntilIdleAsync();

        Assert.Equal(1, await DeliveriesAsync(kit, "typing.started", "state = 'cancelled'"));
        var hooks = kit.Receiver.Accepted.DistinctBy(hook => (string?)hook.Json["id"]).ToList();
        var stopped = Assert.Single(hooks);
        Assert.Equal("typing.stopped", stopped.Type);
        Assert.Equal(WebhookTestKit.Phone, (string?)stopped.Json["data"]!["from"]);
        Assert.NotNull((string?)stopped.Json["data"]!["conversation_id"]);
    }

    [Fact]
    public async Task Webhooks_MessageEdited_CarriesTheNewText()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.edited");
        kit.Receiver.Secret = (string)created["secret"]!;
        var first = await kit.Host.SendAsync(WebhookTestKit.Phone, "teh plan");

        await kit.Host.Services.GetRequiredService<Inbox>().ReceiveEditAsync(
            new InboundEdit { Transport = Transport, EventId = "edit-1", MessageId = first, Text = "the plan" });
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var data = kit.Receiver.Accepted[0].Json["data"]!;
        Assert.Equal("the plan", (string?)data["body"]);
        Assert.NotNull((string?)data["edited_at"]);
        Assert.Null(data["unsent_at"]);
    }

    [Fact]
    public async Task RestReads_EditedUnsentAndReplyMessages_ShowWhatHappened()
    {
        const string phone = "+15551230083";
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        using var api = RestFixture.ClientFor(host, token);
        var inbox = host.Services.GetRequiredService<Inbox>();
        var first = await host.SendAsync(phone, "dinner at 7?");
        var reply = await inbox.ReceiveMessageAsync(Reply(phone, "evt-reply", "or 8", first));
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = Transport, EventId = "edit-1", MessageId = first, Text = "dinner at 8?" });
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = Transport, EventId = "unsend-1", MessageId = reply.MessageId });

        var (editedResponse, edited) = await RestFixture.GetAsync(api, $"/v2/messages/{first}");
        var (unsentResponse, unsent) = await RestFixture.GetAsync(api, $"/v2/messages/{reply.MessageId}");

        Assert.Equal(HttpStatusCode.OK, editedResponse.StatusCode);
        Assert.Equal("dinner at 8?", (string?)edited!["body"]);
        Assert.NotNull((string?)edited["edited_at"]);
        Assert.False((bool)edited["unsent"]!);
        Assert.Equal(HttpStatusCode.OK, unsentResponse.StatusCode);
        Assert.Equal(string.Empty, (string?)unsent!["body"]);
        Assert.True((bool)unsent["unsent"]!);
        Assert.NotNull((string?)unsent["unsent_at"]);
        Assert.Equal(first, (string?)unsent["reply_to"]);
        Assert.Equal("slam", (string?)unsent["effect"]);
        Assert.Equal("SMS", (string?)unsent["service"]);
        var conversationId = (string)unsent["conversation_id"]!;
        var (_, page) = await RestFixture.GetAsync(api, $"/v2/conversations/{conversationId}/messages");
        var listed = page!["data"]!.AsArray().Single(message => (string?)message!["id"] == first)!;
        Assert.Equal("dinner at 8?", (string?)listed["body"]);
        Assert.NotNull((string?)listed["edited_at"]);
    }

    [Fact]
    public async Task McpReadMessages_EditedUnsentAndReplyMessages_ShowWhatHappened()
    {
        const string phone = "+15551230084";
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        await using var client = await Mcp.McpFixture.ConnectAsync(host, token);
        var inbox = host.Services.GetRequiredService<Inbox>();
        var first = await host.SendAsync(phone, "dinner at 7?");
        var reply = await inbox.ReceiveMessageAsync(Reply(phone, "evt-reply", "or 8", first));
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = Transport, EventId = "edit-1", MessageId = first, Text = "dinner at 8?" });
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = Transport, EventId = "unsend-1", MessageId = reply.MessageId });
        var conversation = (await Mcp.McpFixture.CallOkAsync(client, "list_conversations"))["conversations"]![0]!;

        var read = await Mcp.McpFixture.CallOkAsync(client, "read_messages", new { conversation_id = (string)conversation["id"]!, limit = 10 });

        var messages = read["messages"]!.AsArray();
        var edited = messages.Single(message => (string?)message!["id"] == first)!;
        var unsent = messages.Single(message => (string?)message!["id"] == reply.MessageId)!;
        Assert.Equal("dinner at 8?", (string?)edited["body"]);
        Assert.NotNull((string?)edited["edited_at"]);
        Assert.True((bool)unsent["unsent"]!);
        Assert.Equal(string.Empty, (string?)unsent["body"]);
        Assert.Equal(first, (string?)unsent["reply_to"]);
        Assert.Equal("SMS", (string?)unsent["service"]);
    }

    private static async Task<long> DeliveriesAsync(WebhookTestKit kit, string type, string condition)
    {
        await using var connection = await kit.Host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT count(*) FROM webhook_deliveries WHERE type = @type AND {condition}", new { type });
    }

    private static InboundMessage Reply(string phone, string eventId, string text, string replyTo) => new()
    {
        Transport = Transport,
        EventId = eventId,
        ChatId = phone,
        From = phone,
        Text = text,
        ReplyTo = replyTo,
        Effect = MessageEffect.Slam,
        Service = MessageServices.Sms,
    };
}
