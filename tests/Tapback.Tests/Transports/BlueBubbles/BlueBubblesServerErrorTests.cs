using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// The server's own error answers, as its source writes them (responses/errors.ts:
/// <c>{status, message, error: {type, message}, data}</c>; MessageValidator's "already queued";
/// messageRouter's IMessageError with the failed message in <c>data</c>).
/// </summary>
public sealed class BlueBubblesServerErrorTests
{
    private const string Phone = "+15551234567";
    private const string OneToOne = "iMessage;-;+15551234567";

    private static SendMessageAction Send(string key = "turn:1:bubble:0", string text = "Hi from Tapback") =>
        new() { IdempotencyKey = key, ChatId = OneToOne, MessageId = $"msg_{key}", Text = text };

    [Fact]
    public async Task ExecuteAsync_ResentWhileTheServerStillSendsTheFirst_AlreadyQueuedIsUnknownNotARefusal()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { KeepsSending = true });
        var first = host.Transport().ExecuteAsync(Send());
        await host.AdvanceUntilAsync(() => Task.FromResult(first.IsCompleted), step: TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<TransportException>(() => first);

        var again = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(again.OutcomeUnknown);
        Assert.True(again.Retryable);
        Assert.Contains("Message is already queued to be sent!", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_MessagesError22_RetryableKnownNotSentWithTheServersWords()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { MessagesError = 22 });

        var failed = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.True(failed.Retryable);
        Assert.False(failed.OutcomeUnknown);
        Assert.Contains("Failed to send message! See attached message error code.", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Messages error 22", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AppleScriptCannotFindTheChat_KnownNotSent()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Error = "execution error: Messages got an error: Can't get chat id \"any;+;chat123456\". (-1728)" });

        var failed = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.False(failed.OutcomeUnknown);
        Assert.Contains("(-1728)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_WrongPassword_ReasonReadFromErrorMessage()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Transports:bb:Password"] = "wrong" });

        var refused = await Assert.ThrowsAsync<TransportException>(() => host.Transport().ExecuteAsync(Send()));

        Assert.Contains("You are not authorized to access this resource — Unauthorized", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_SendOutlastsTheTimeoutAndIsQueuedAtTheServer_RecordedSentNeverFailed()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { KeepsSending = true });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.AdvanceUntilAsync(() => Task.FromResult(fake.RequestsTo("POST", "/api/v1/message/text").Count >= 2), step: TimeSpan.FromSeconds(1));
        fake.FinishPendingSends();
        await host.AdvanceUntilAsync(
            async () => await host.CountAsync("SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'failed', 'unknown')") == 0 && await host.IsIdleAsync(),
            step: TimeSpan.FromSeconds(1));

        var first = fake.RequestsTo("POST", "/api/v1/message/text")[0].Body!["tempGuid"]!.GetValue<string>();
        Assert.Equal(2, fake.RequestsTo("POST", "/api/v1/message/text").Count(request => request.Body!["tempGuid"]!.GetValue<string>() == first));
        var guid = fake.Sent[0]["guid"]!.GetValue<string>();
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'sent' AND provider_id = @guid", new { guid }));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'out' AND state <> 'sent'"));
        Assert.Equal(fake.Sent.Count, fake.Sent.Select(message => message["guid"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Outbox_LastingMessagesError_TriedMaxAttemptsThenFailedWithTheReasonAndTheRestGoesOn()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        fake.FailAlways("/api/v1/message/text", new FakeBlueBubblesFault { MessagesError = 22 });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.AdvanceUntilAsync(
            async () => await host.CountAsync("SELECT count(*) FROM outbox WHERE state = 'failed'") > 0,
            step: TimeSpan.FromSeconds(5));
        fake.StopFailing("/api/v1/message/text");
        await host.AdvanceUntilAsync(
            async () => await host.CountAsync("SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'failed', 'unknown')") == 0 && await host.IsIdleAsync(),
            step: TimeSpan.FromSeconds(5));

        var requests = fake.RequestsTo("POST", "/api/v1/message/text");
        var first = requests[0].Body!["tempGuid"]!.GetValue<string>();
        Assert.Equal(8, requests.Count(request => request.Body!["tempGuid"]!.GetValue<string>() == first));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM outbox WHERE state = 'failed' AND last_error LIKE '%Messages error 22%'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'failed'"));
        Assert.NotEmpty(fake.Sent);
        // Every try took its place in the pace limit (a place taken by a try another node then carried out counts too).
        Assert.True(await host.CountAsync("SELECT count(*) FROM paced_sends") >= requests.Count);
    }
}
