using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

public sealed class BlueBubblesTransportTests
{
    private const string Chat = "iMessage;-;+15551234567";

    private static SendMessageAction Send(string key = "turn:1:bubble:0", string text = "Hi from Tapback") =>
        new() { IdempotencyKey = key, ChatId = Chat, MessageId = $"msg_{key}", Text = text };

    [Fact]
    public async Task ExecuteAsync_Send_ReturnsTheServersGuid()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        var guid = await host.Transport().ExecuteAsync(Send());

        Assert.Equal(fake.Sent.Single()["guid"]!.GetValue<string>(), guid);
        Assert.Equal("Hi from Tapback", fake.Sent.Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ChatNamedByPhoneNumber_SentToTheChatThatNumberWroteFrom()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", "+15551234567", "hi", host.Now(), "any;-;+15551234567"));

        await host.Transport().ExecuteAsync(Send() with { ChatId = "+15551234567" });
        await host.Transport().ExecuteAsync(Send("turn:2:bubble:0") with { ChatId = "+15550000009" });

        var chats = fake.RequestsTo("POST", "/api/v1/message/text").Select(request => request.Body!["chatGuid"]!.GetValue<string>());
        Assert.Equal(["any;-;+15551234567", "iMessage;-;+15550000009"], chats);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyAgain_SentOnce()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        var first = await host.Transport().ExecuteAsync(Send());
        var again = await host.Transport().ExecuteAsync(Send());

        Assert.Equal(first, again);
        Assert.Single(fake.Sent);
    }

    [Fact]
    public async Task ExecuteAsync_WrongPassword_NotRetryableAndNamesTheSetting()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Transports:bb:Password"] = "wrong" });

        var refused = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.False(refused.Retryable);
        Assert.Contains("Tapback:Transports:bb:Password", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_RetryableWithRetryAfter()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Status = 429, RetryAfter = TimeSpan.FromSeconds(30) });

        var limited = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(limited.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.False(limited.OutcomeUnknown);
    }

    [Fact]
    public async Task ExecuteAsync_ServerErrorOnSend_RetryableAndOutcomeUnknown()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Status = 500 });

        var failed = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(failed.Retryable);
        Assert.True(failed.OutcomeUnknown);
    }

    [Fact]
    public async Task ExecuteAsync_NoAnswer_TimesOutOnTheClockWithOutcomeUnknown()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Hang = true });

        var sending = host.Transport().ExecuteAsync(Send());
        await host.AdvanceUntilAsync(() => Task.FromResult(sending.IsCompleted), step: TimeSpan.FromSeconds(5));

        var timedOut = await Assert.ThrowsAsync<TransportException>(() => sending);
        Assert.True(timedOut.Retryable);
        Assert.True(timedOut.OutcomeUnknown);
        Assert.Contains("RequestTimeout", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionDropped_OutcomeUnknown()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Drop = true });

        var dropped = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(dropped.Retryable);
        Assert.True(dropped.OutcomeUnknown);
    }

    [Fact]
    public async Task ExecuteAsync_ServerDown_RetryableAndKnownNotSent()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?>
        {
            ["Tapback:Transports:bb:BaseUrl"] = LoopbackPorts.Closed().ToString(),
            ["Tapback:Transports:bb:PrivateApi"] = "Off",
        });

        var down = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(down.Retryable);
        Assert.False(down.OutcomeUnknown);
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterAnUnknownOutcome_FindsTheEarlierSendAndDoesNotRepeatIt()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Status = 500, AfterSending = true });
        var failed = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));
        Assert.True(failed.OutcomeUnknown);
        host.Time.Advance(TimeSpan.FromSeconds(2));

        var guid = await host.Transport().ExecuteAsync(Send());

        var sent = Assert.Single(fake.Sent);
        Assert.Equal(sent["guid"]!.GetValue<string>(), guid);
        Assert.Single(fake.RequestsTo("POST", "/api/v1/message/text"));
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterAFailureBeforeSending_SendsOnce()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Status = 500 });
        await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));
        host.Time.Advance(TimeSpan.FromSeconds(2));

        await host.Transport().ExecuteAsync(Send());

        Assert.Single(fake.Sent);
        Assert.Single(fake.RequestsTo("POST", "/api/v1/message/query"));
    }

    [Fact]
    public async Task ExecuteAsync_TwoBubblesWithTheSameText_BothSent()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.Transport().ExecuteAsync(Send("turn:1:bubble:0", "ok"));
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Status = 500 });
        await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send("turn:1:bubble:1", "ok")));
        host.Time.Advance(TimeSpan.FromSeconds(2));

        // The first "ok" in the chat is another bubble's; the second must still go out.
        await host.Transport().ExecuteAsync(Send("turn:1:bubble:1", "ok"));

        Assert.Equal(2, fake.Sent.Count);
    }

    [Fact]
    public async Task ReconcileAsync_SentBeforeTheAnswerWasLost_Sent()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var attemptedAt = host.Time.GetUtcNow();
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Drop = true, AfterSending = true });
        await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        var reconciled = await host.Transport().ReconcileAsync(Send(), attemptedAt);

        Assert.Equal(SendReconciliationOutcome.Sent, reconciled.Outcome);
        Assert.Equal(fake.Sent.Single()["guid"]!.GetValue<string>(), reconciled.ProviderMessageId);
    }

    [Fact]
    public async Task ReconcileAsync_NeverReachedTheServer_NotSent()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var attemptedAt = host.Time.GetUtcNow();
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Drop = true });
        await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        var reconciled = await host.Transport().ReconcileAsync(Send(), attemptedAt);

        Assert.Equal(SendReconciliationOutcome.NotSent, reconciled.Outcome);
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public async Task ReconcileAsync_ServerCannotBeAsked_Unknown()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/query", new FakeBlueBubblesFault { Status = 503 });

        var reconciled = await host.Transport().ReconcileAsync(Send(), host.Time.GetUtcNow());

        Assert.Equal(SendReconciliationOutcome.Unknown, reconciled.Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_React_MapsOurMessageToItsGuid()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var guid = await host.Transport().ExecuteAsync(Send());

        await host.Transport().ExecuteAsync(new ReactAction { IdempotencyKey = "react:1", ChatId = Chat, MessageId = "msg_turn:1:bubble:0", Reaction = ReactionType.Like });
        await host.Transport().ExecuteAsync(new ReactAction { IdempotencyKey = "react:2", ChatId = Chat, MessageId = "msg_turn:1:bubble:0", Reaction = ReactionType.Like, Remove = true });

        var reactions = fake.RequestsTo("POST", "/api/v1/message/react");
        Assert.Equal(["like", "-like"], reactions.Select(request => request.Body!["reaction"]!.GetValue<string>()));
        Assert.All(reactions, request => Assert.Equal(guid, request.Body!["selectedMessageGuid"]!.GetValue<string>()));
        Assert.All(reactions, request => Assert.Equal(Chat, request.Body!["chatGuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ExecuteAsync_WithoutPrivateApi_AppleScriptSendAndNoTypingOrReadOrTapback()
    {
        await using var fake = new FakeBlueBubblesServer { PrivateApi = false };
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var transport = host.Transport();

        await transport.ExecuteAsync(Send());
        await transport.ExecuteAsync(new SetTypingAction { IdempotencyKey = "typing", ChatId = Chat, On = true });
        await transport.ExecuteAsync(new MarkReadAction { IdempotencyKey = "read", ChatId = Chat, MessageId = "msg_1" });
        var tapback = await Assert.ThrowsAsync<TransportException>(() => transport.ExecuteAsync(
            new ReactAction { IdempotencyKey = "react", ChatId = Chat, MessageId = "msg_turn:1:bubble:0", Reaction = ReactionType.Love }));

        Assert.Equal("apple-script", fake.RequestsTo("POST", "/api/v1/message/text").Single().Body!["method"]!.GetValue<string>());
        Assert.Empty(fake.RequestsTo("POST", "/api/v1/chat/"));
        Assert.False(tapback.Retryable);
        Assert.False(transport.Capabilities.Typing);
        Assert.False(transport.Capabilities.TapbacksSent);
        Assert.True(transport.Capabilities.TapbacksReceived);
    }

    [Fact]
    public async Task ExecuteAsync_TypingOffWithDeleteEnabled_SendsDelete()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Transports:bb:StopTypingWithDelete"] = "true" });

        await host.Transport().ExecuteAsync(new SetTypingAction { IdempotencyKey = "typing", ChatId = Chat, On = false });

        Assert.Single(fake.RequestsTo("DELETE", "/api/v1/chat/iMessage;-;+15551234567/typing"));
    }

    [Fact]
    public async Task ExecuteAsync_TextAndFile_EachItsOwnMessage()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var path = Path.Combine(host.DataDirectory, "chart.png");
        await File.WriteAllBytesAsync(path, [1, 2, 3]);
        var send = Send() with { Attachments = [new OutboundAttachment { AttachmentId = "att_1", FileName = "chart.png", ContentType = "image/png", Path = path }] };

        await host.Transport().ExecuteAsync(send);
        await host.Transport().ExecuteAsync(send);

        var file = Assert.Single(fake.RequestsTo("POST", "/api/v1/message/attachment"));
        Assert.Equal("chart.png", file.Form["name"]);
        Assert.Equal(Chat, file.Form["chatGuid"]);
        Assert.Equal("chart.png", file.Form["file:attachment"]);
        Assert.Equal(2, fake.Sent.Count);
    }

    [Fact]
    public async Task StartAsync_WithoutPassword_FailsNamingTheSetting()
    {
        var failed = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:bb:Kind"] = "BlueBubbles",
            ["Tapback:Transports:bb:BaseUrl"] = "http://127.0.0.1:1234",
            ["Tapback:Transports:bb:WebhookSecret"] = BlueBubblesHost.Secret,
        }));

        Assert.Contains("Tapback:Transports:bb:Password", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ShortWebhookSecret_FailsNamingTheSetting()
    {
        var failed = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:bb:Kind"] = "BlueBubbles",
            ["Tapback:Transports:bb:BaseUrl"] = "http://127.0.0.1:1234",
            ["Tapback:Transports:bb:Password"] = "pw",
            ["Tapback:Transports:bb:WebhookSecret"] = "short",
        }));

        Assert.Contains("Tapback:Transports:bb:WebhookSecret", failed.Message, StringComparison.Ordinal);
    }
}
