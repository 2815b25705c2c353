using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// Issue 13 on BlueBubbles: inline replies, effects, edits, unsends and handle lookups through the
/// Private API routes, and the person's effects, service, edits, unsends and typing from the server's fields.
/// </summary>
public sealed class BlueBubblesIMessageFeaturesTests
{
    private const string Phone = "+15551234567";
    private const string Chat = $"iMessage;-;{Phone}";

    private static readonly Dictionary<string, string?> Quiet = new() { ["Tapback:Agent:Enabled"] = "false" };

    private static SendMessageAction Send(string key, string text = "Hi from Tapback") =>
        new() { IdempotencyKey = key, ChatId = Chat, MessageId = $"msg_{key}", Text = text };

    private static async Task<string> QueryAsync(TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>(sql, parameters) ?? "";
    }

    private static Task<string> MessageIdOfAsync(TapbackTestHost host, string guid) =>
        QueryAsync(host, "SELECT message_id FROM bluebubbles_messages WHERE transport = 'bb' AND guid = @guid", new { guid });

    [Fact]
    public async Task Capabilities_PrivateApiOnOrOff_OfferTheIssue13FeaturesOnlyWithIt()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var with = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Transports:bb:PrivateApi"] = "On" });
        await using var without = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Transports:bb:PrivateApi"] = "Off" });

        var on = with.Transport().Capabilities;
        var off = without.Transport().Capabilities;

        Assert.True(on is { Replies: true, Effects: true, Edits: true, Unsends: true, TypingReceived: true, HandleLookup: true, ContactCards: true });
        Assert.True(off is { Replies: false, Effects: false, Edits: false, Unsends: false, TypingReceived: false, HandleLookup: false, ContactCards: true });
    }

    [Fact]
    public async Task ExecuteAsync_ReplyWithEffect_SendsTheTargetsGuidPartIndexAndApplesEffectId()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "which one?", host.Now()));
        var target = await MessageIdOfAsync(host, "IN-1");

        await host.Transport().ExecuteAsync(Send("turn:1:bubble:0", "this one") with { ReplyTo = target, Effect = MessageEffect.Confetti });

        var body = fake.RequestsTo("POST", "/api/v1/message/text").Single().Body!;
        Assert.Equal("IN-1", body["selectedMessageGuid"]!.GetValue<string>());
        Assert.Equal(0, body["partIndex"]!.GetValue<int>());
        Assert.Equal("com.apple.messages.effect.CKConfettiEffect", body["effectId"]!.GetValue<string>());
        Assert.Equal("private-api", body["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PlainSend_CarriesNoReplyOrEffectFields()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);

        await host.Transport().ExecuteAsync(Send("turn:1:bubble:0"));

        var body = fake.RequestsTo("POST", "/api/v1/message/text").Single().Body!;
        Assert.False(body.ContainsKey("selectedMessageGuid"));
        Assert.False(body.ContainsKey("partIndex"));
        Assert.False(body.ContainsKey("effectId"));
    }

    [Fact]
    public async Task ExecuteAsync_ReplyOrEditWithoutPrivateApi_FailsForGoodNamingIt()
    {
        await using var fake = new FakeBlueBubblesServer { PrivateApi = false };
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hi", host.Now()));
        var target = await MessageIdOfAsync(host, "IN-1");

        var reply = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send("turn:1:bubble:0") with { ReplyTo = target }));
        var edit = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(new EditMessageAction { IdempotencyKey = "e1", ChatId = Chat, MessageId = "msg_x", Text = "fixed" }));

        Assert.False(reply.Retryable);
        Assert.Contains("inline replies", reply.Message, StringComparison.Ordinal);
        Assert.Contains("Private API", reply.Message, StringComparison.Ordinal);
        Assert.False(edit.Retryable);
        Assert.Contains("edit messages", edit.Message, StringComparison.Ordinal);
        Assert.Empty(fake.RequestsTo("POST", "/api/v1/message/text"));
    }

    [Fact]
    public async Task ExecuteAsync_EditThenUnsend_CallTheServersRoutesWithTheSentGuid()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        var guid = await host.Transport().ExecuteAsync(Send("turn:1:bubble:0", "teh answer"));

        await host.Transport().ExecuteAsync(new EditMessageAction { IdempotencyKey = "edit:1", ChatId = Chat, MessageId = "msg_turn:1:bubble:0", Text = "the answer" });
        await host.Transport().ExecuteAsync(new UnsendMessageAction { IdempotencyKey = "unsend:1", ChatId = Chat, MessageId = "msg_turn:1:bubble:0" });

        var edit = fake.RequestsTo("POST", $"/api/v1/message/{guid}/edit").Single().Body!;
        Assert.Equal("the answer", edit["editedMessage"]!.GetValue<string>());
        Assert.Equal("Edited to \u201Cthe answer\u201D", edit["backwardsCompatibilityMessage"]!.GetValue<string>());
        Assert.Equal(0, edit["partIndex"]!.GetValue<int>());
        Assert.Single(fake.RequestsTo("POST", $"/api/v1/message/{guid}/unsend"));
        Assert.True(fake.Sent.Single()["dateRetracted"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task ExecuteAsync_EditOfAMessageBlueBubblesNeverSent_FailsForGood()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);

        var failed = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(new UnsendMessageAction { IdempotencyKey = "u", ChatId = Chat, MessageId = "msg_unknown" }));

        Assert.False(failed.Retryable);
        Assert.Contains("msg_unknown", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsOnIMessageAsync_AsksTheAvailabilityRouteWithTheAddress()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        fake.OnIMessage(Phone);
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);

        Assert.True(await host.Transport().IsOnIMessageAsync(Phone));
        Assert.False(await host.Transport().IsOnIMessageAsync("+15550000009"));
        Assert.Equal(2, fake.RequestsTo("GET", "/api/v1/handle/availability/imessage").Count);
    }

    [Fact]
    public async Task Webhook_NewMessageWithEffectReplyAndSmsChat_StoresEffectServiceAndReply()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "first", host.Now(), "SMS;-;+15551234567"));
        var reply = BlueBubblesPayloads.Message("IN-2", Phone, "about that", host.Now(), "SMS;-;+15551234567");
        reply["handle"]!["service"] = "SMS";
        reply["threadOriginatorGuid"] = "IN-1";
        reply["threadOriginatorPart"] = "0:0:5";
        reply["expressiveSendStyleId"] = "com.apple.MobileSMS.expressivesend.impact";

        using var response = await host.PostMessageAsync(reply);

        response.EnsureSuccessStatusCode();
        var first = await MessageIdOfAsync(host, "IN-1");
        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM messages WHERE body = 'about that' AND effect = 'slam' AND service = 'SMS' AND reply_to = @first", new { first }));
    }

    [Fact]
    public async Task Webhook_UpdatedMessageEditedThenUnsent_ChangesTheStoredMessageOnce()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        var message = BlueBubblesPayloads.Message("IN-1", Phone, "see you at 5", host.Now());
        await host.PostMessageAsync(message);
        var id = await MessageIdOfAsync(host, "IN-1");

        // As the server sends it: no chats on updated-message, the new text, dateEdited set.
        var edited = (JsonObject)message.DeepClone();
        edited.Remove("chats");
        edited["text"] = "see you at 6";
        edited["dateEdited"] = host.Now() + 1000;
        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", edited))).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", edited))).EnsureSuccessStatusCode();

        Assert.Equal("see you at 6", await QueryAsync(host, "SELECT body FROM messages WHERE id = @id", new { id }));
        Assert.Equal(["see you at 5"], await host.Services.GetRequiredService<Database>().OpenAsync().ContinueWith(async open =>
        {
            await using var connection = await open;
            return (await connection.QueryAsync<string>("SELECT body FROM message_edits WHERE message_id = @id", new { id })).ToList();
        }).Unwrap());

        var unsent = (JsonObject)edited.DeepClone();
        unsent["text"] = "";
        unsent["dateEdited"] = host.Now() + 2000;
        unsent["dateRetracted"] = host.Now() + 2000;
        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", unsent))).EnsureSuccessStatusCode();

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE id = @id AND body = '' AND unsent_at IS NOT NULL", new { id }));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM message_edits WHERE message_id = @id", new { id }));
    }

    [Fact]
    public async Task CatchUp_EditTheWebhooksMissed_IsFoundInTheQueriedMessage()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        var message = BlueBubblesPayloads.Message("IN-1", Phone, "meet at 5", host.Now());
        await host.PostMessageAsync(message);
        var id = await MessageIdOfAsync(host, "IN-1");

        // The Mac's database has the edited message; its updated-message webhook never arrived.
        var edited = (JsonObject)message.DeepClone();
        edited["text"] = "meet at 6";
        edited["dateEdited"] = host.Now() + 1000;
        fake.AddMessage(edited);
        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("hello-world", null))).EnsureSuccessStatusCode();
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM message_edits") == 1);

        Assert.Equal("meet at 6", await QueryAsync(host, "SELECT body FROM messages WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Webhook_EditOfAMessageTapbackNeverStored_IsIgnored()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        var edited = BlueBubblesPayloads.Message("NEVER-SEEN", Phone, "edited", host.Now());
        edited.Remove("chats");
        edited["dateEdited"] = host.Now();

        using var response = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", edited));

        response.EnsureSuccessStatusCode();
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM message_edits"));
    }

    [Fact]
    public async Task Webhook_TypingIndicator_SetsAndClearsThePersonsTypingOnlyInAKnownChat()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hi", host.Now()));

        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("typing-indicator", new JsonObject { ["display"] = true, ["guid"] = Chat }))).EnsureSuccessStatusCode();
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM conversations WHERE peer_typing_since IS NOT NULL"));

        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("typing-indicator", new JsonObject { ["display"] = false, ["guid"] = Chat }))).EnsureSuccessStatusCode();
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM conversations WHERE peer_typing_since IS NOT NULL"));

        (await host.PostWebhookAsync(BlueBubblesPayloads.Event("typing-indicator", new JsonObject { ["display"] = true, ["guid"] = "iMessage;-;+15550000009" }))).EnsureSuccessStatusCode();
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM conversations"));
    }

    [Fact]
    public async Task Webhook_TypingIndicatorWithoutDisplay_Is400WithTheFieldsNamed()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, Quiet);

        using var response = await host.PostWebhookAsync(BlueBubblesPayloads.Event("typing-indicator", new JsonObject { ["guid"] = Chat }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data.display", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
