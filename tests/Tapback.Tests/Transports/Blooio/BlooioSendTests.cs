using System.Text.Json;
using Tapback.Messaging;
using Tapback.Tests.Transports.Hosted;
using static Tapback.Tests.Transports.Blooio.BlooioTestKit;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>Outbound actions against the fake Blooio API, and how each failure reaches the outbox.</summary>
public sealed class BlooioSendTests
{
    [Fact]
    public async Task ExecuteAsync_Send_PostsTextWithBearerKeyIdempotencyKeyAndFromNumber()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        var id = await Transport(host).ExecuteAsync(Send("key-1", "Hi there"));

        var request = Assert.Single(blooio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/api/chats/%2B15551234567/messages", request.PathAndQuery);
        Assert.Equal($"Bearer {FakeBlooioServer.ApiKey}", request.Headers["Authorization"]);
        Assert.Equal("key-1", request.Headers["Idempotency-Key"]);
        Assert.Equal(OurNumber, request.Headers["X-From-Number"]);
        Assert.Equal("Hi there", JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString());
        Assert.Equal("msg_1", id);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyTwice_BlooioKeepsOneMessageAndAnswersTheSameId()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        var transport = Transport(host);

        var first = await transport.ExecuteAsync(Send("key-1", "Once"));
        var second = await transport.ExecuteAsync(Send("key-1", "Once"));

        Assert.True(transport.Capabilities.IdempotentSends);
        Assert.Equal(first, second);
        Assert.Single(blooio.Sent);
    }

    [Fact]
    public async Task ExecuteAsync_Unauthorized_IsNotRetryableAndNamesTheApiKeySetting()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, new Dictionary<string, string?> { [$"Tapback:Transports:{Instance}:ApiKey"] = "wrong" });

        var failure = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(Send("key-1", "Hi")));

        Assert.False(failure.Retryable);
        Assert.False(failure.OutcomeUnknown);
        Assert.Contains("Tapback:Transports:blooio:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_IsRetryableAfterTheProvidersDelay()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        blooio.FailNextSend(ProviderFault.WithStatus(429, retryAfter: "17"));

        var failure = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(Send("key-1", "Hi")));

        Assert.True(failure.Retryable);
        Assert.False(failure.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromSeconds(17), failure.RetryAfter);
        Assert.Empty(blooio.Sent);
    }

    [Fact]
    public async Task ExecuteAsync_ServerError_IsRetryableWithUnknownOutcome()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        blooio.FailNextSend(ProviderFault.WithStatus(503));

        var failure = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(Send("key-1", "Hi")));

        Assert.True(failure.Retryable);
        Assert.True(failure.OutcomeUnknown);
    }

    [Fact]
    public async Task ExecuteAsync_ConnectionDroppedAfterSending_IsUnknownAndReconcilesAsSent()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        var transport = Transport(host);
        blooio.FailNextSend(ProviderFault.Dropped);
        var send = Send("key-1", "Did this go?");
        var attemptedAt = host.Time.GetUtcNow();

        var failure = await Assert.ThrowsAsync<TransportException>(() => transport.ExecuteAsync(send));
        var reconciled = await transport.ReconcileAsync(send, attemptedAt);

        Assert.True(failure.OutcomeUnknown);
        Assert.Equal(SendReconciliationOutcome.Sent, reconciled.Outcome);
        Assert.Equal(Assert.Single(blooio.Sent).MessageId, reconciled.ProviderMessageId);
    }

    [Fact]
    public async Task ExecuteAsync_NoAnswerWithinTheTimeout_IsUnknownOnTheFakeClock()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        blooio.FailNextSend(ProviderFault.Hung);

        var sending = Transport(host).ExecuteAsync(Send("key-1", "Hello?"));
        while (!sending.IsCompleted)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        var failure = await Assert.ThrowsAsync<TransportException>(() => sending);
        Assert.True(failure.OutcomeUnknown);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task ReconcileAsync_SendNeverReachedBlooio_IsNotSent()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        var reconciled = await Transport(host).ReconcileAsync(Send("key-1", "Never sent"), host.Time.GetUtcNow());

        Assert.Equal(SendReconciliationOutcome.NotSent, reconciled.Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_TypingReadAndTapback_UseTheDocumentedEndpoints()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        var transport = Transport(host);
        using (var stored = await PostAsync(host, Received(host, "RX1", "hello")))
        {
            stored.EnsureSuccessStatusCode();
        }

        var messageId = await HostedStore.MessageIdOfEventAsync(host, "RX1");
        var before = blooio.Requests.Count;
        await transport.ExecuteAsync(new SetTypingAction { IdempotencyKey = "t1", ChatId = Alice, On = true });
        await transport.ExecuteAsync(new SetTypingAction { IdempotencyKey = "t2", ChatId = Alice, On = false });
        await transport.ExecuteAsync(new MarkReadAction { IdempotencyKey = "r1", ChatId = Alice, MessageId = messageId });
        await transport.ExecuteAsync(new ReactAction { IdempotencyKey = "x1", ChatId = Alice, MessageId = messageId, Reaction = ReactionType.Love });
        await transport.ExecuteAsync(new ReactAction { IdempotencyKey = "x2", ChatId = Alice, MessageId = messageId, Reaction = ReactionType.Love, Remove = true });

        var requests = blooio.Requests.Skip(before).Where(r => r.Headers.ContainsKey("Idempotency-Key") && r.Headers["Idempotency-Key"].Length == 2).ToList();
        Assert.Equal(
            [
                "POST /v2/api/chats/%2B15551234567/typing",
                "DELETE /v2/api/chats/%2B15551234567/typing",
                "POST /v2/api/chats/%2B15551234567/read",
                "POST /v2/api/chats/%2B15551234567/messages/RX1/reactions",
                "POST /v2/api/chats/%2B15551234567/messages/RX1/reactions",
            ],
            requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Equal("+love", JsonDocument.Parse(requests[3].Body).RootElement.GetProperty("reaction").GetString());
        Assert.Equal("-love", JsonDocument.Parse(requests[4].Body).RootElement.GetProperty("reaction").GetString());
    }

    private static SendMessageAction Send(string key, string text) => new()
    {
        IdempotencyKey = key,
        ChatId = Alice,
        MessageId = $"msg_ours_{key}",
        Text = text,
    };
}
