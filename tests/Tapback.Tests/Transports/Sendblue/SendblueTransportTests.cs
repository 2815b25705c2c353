using System.Net;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Tests.Transports.Hosted;
using static Tapback.Tests.Transports.Hosted.HostedStore;
using static Tapback.Tests.Transports.Sendblue.SendblueTestKit;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>Sendblue against its loopback fake: sends and their failures, reconciliation, webhooks and the agent's replies.</summary>
public sealed class SendblueTransportTests
{
    [Fact]
    public async Task Webhook_TextToTheSecondLine_IsAnsweredFromThatLine()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);

        using (var response = await PostAsync(host, Received(host, "H1", "hello", line: LineTwo)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var sent = await WaitForSendsAsync(host, sendblue);

        Assert.All(sent, message => Assert.Equal((Alice, LineTwo), (message.Number, message.Line)));
        Assert.Contains(sendblue.Requests, r => r.PathAndQuery == "/api/mark-read" && JsonDocument.Parse(r.Body).RootElement.GetProperty("from_number").GetString() == LineTwo);
        Assert.Contains(sendblue.Requests, r => r.PathAndQuery == "/api/send-typing-indicator");
    }

    [Fact]
    public async Task Webhook_ReplayedAndEchoedAndStatusCallback_StoreOneInboundMessage()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        var body = Received(host, "H1", "hello");

        using (await PostAsync(host, body))
        {
        }

        var answered = (await WaitForSendsAsync(host, sendblue)).Count;
        using var replay = await PostAsync(host, body);
        using var echo = await PostAsync(host, Received(host, "H2", "our words", from: LineOne, line: LineTwo));
        using var status = await PostAsync(host, Fixture("status-callback-delivered.json"));
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { replay.StatusCode, echo.StatusCode, status.StatusCode });
        Assert.Equal(answered, sendblue.Sent.Count);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'in'"));
    }

    [Fact]
    public async Task Webhook_DocumentedReceiveFixture_IsStored()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);

        using var response = await PostAsync(host, Fixture("receive.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'Hello!' AND sender = '+19998887777'"));
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    public async Task Webhook_WrongOrMissingSecret_IsUnauthorized(string? secret)
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);

        using var response = await PostAsync(host, Received(host, "H1", "hello"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Webhook_NotJson_IsBadRequest()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);

        using var response = await PostAsync(host, "{ nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_GroupMessage_IsAnsweredInTheGroupWithoutTyping()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);

        using (await PostAsync(host, Received(host, "H1", "hey tapback, ideas for dinner?", extra: new { group_id = "grp-42", group_display_name = "Family", message_type = "group" })))
        {
        }

        var sent = await WaitForSendsAsync(host, sendblue);

        Assert.All(sent, message => Assert.Equal("grp-42", message.GroupId));
        Assert.Contains(sendblue.Requests, r => r.PathAndQuery == "/api/send-group-message");
        Assert.DoesNotContain(sendblue.Requests, r => r.PathAndQuery is "/api/send-typing-indicator" or "/api/mark-read");
    }

    [Fact]
    public async Task Webhook_MediaUrl_IsDownloadedIntoTheStore()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        sendblue.Files["photo.jpg"] = [0xFF, 0xD8, 0xFF, 1, 2];
        await using var host = await StartAsync(sendblue);

        using var response = await PostAsync(host, Received(host, "H1", "look", extra: new { media_url = new Uri(sendblue.Address, "files/photo.jpg").ToString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM attachments WHERE file_name = 'photo.jpg' AND size_bytes = 5"));
    }

    [Fact]
    public async Task ExecuteAsync_Tapback_PostsSendReactionWithTheHandle()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        using (await PostAsync(host, Received(host, "H1", "hello")))
        {
        }

        var messageId = await MessageIdOfEventAsync(host, "H1");
        await Transport(host).ExecuteAsync(new ReactAction { IdempotencyKey = "x1", ChatId = Alice, MessageId = messageId, Reaction = ReactionType.Like });

        var request = sendblue.Requests.Last(r => r.PathAndQuery == "/api/send-reaction");
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("H1", body.RootElement.GetProperty("message_handle").GetString());
        Assert.Equal("like", body.RootElement.GetProperty("reaction").GetString());
        Assert.Equal(LineOne, body.RootElement.GetProperty("from_number").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_IsRetryableAfterTheProvidersDelay()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });
        sendblue.FailNextSend(ProviderFault.WithStatus(429, retryAfter: "9"));

        var failure = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(Send("Hi")));

        Assert.True(failure.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(9), failure.RetryAfter);
        Assert.Empty(sendblue.Sent);
    }

    [Fact]
    public async Task ExecuteAsync_WrongKeys_IsNotRetryableAndNamesTheSettings()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, new Dictionary<string, string?> { [$"Tapback:Transports:{SendblueTestKit.Instance}:ApiSecret"] = "wrong" });

        var failure = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(Send("Hi")));

        Assert.False(failure.Retryable);
        Assert.Contains("Tapback:Transports:sendblue:ApiSecret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ServerErrorAndTimeout_AreOfUnknownOutcome()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        sendblue.FailNextSend(ProviderFault.WithStatus(500), ProviderFault.Hung);
        var transport = Transport(host);

        var serverError = await Assert.ThrowsAsync<TransportException>(() => transport.ExecuteAsync(Send("one")));
        var sending = transport.ExecuteAsync(Send("two"));
        while (!sending.IsCompleted)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        var timeout = await Assert.ThrowsAsync<TransportException>(() => sending);
        Assert.True(serverError.OutcomeUnknown);
        Assert.True(timeout.OutcomeUnknown);
        Assert.False(transport.Capabilities.IdempotentSends);
    }

    [Fact]
    public async Task ReconcileAsync_AnswerLostAfterSending_IsSentAndNeverSentIsNotSent()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue);
        var transport = Transport(host);
        sendblue.FailNextSend(ProviderFault.Dropped);
        var lost = Send("did it go?");
        var attemptedAt = host.Time.GetUtcNow();

        var failure = await Assert.ThrowsAsync<TransportException>(() => transport.ExecuteAsync(lost));
        var sent = await transport.ReconcileAsync(lost, attemptedAt);
        var never = await transport.ReconcileAsync(Send("never sent"), attemptedAt);

        Assert.True(failure.OutcomeUnknown);
        Assert.Equal(SendReconciliation.Sent(Assert.Single(sendblue.Sent).Handle), sent);
        Assert.Equal(SendReconciliationOutcome.NotSent, never.Outcome);
    }

    [Fact]
    public async Task Start_WithoutNumbers_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => Infrastructure.TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:sb:Kind"] = "Sendblue",
            ["Tapback:Transports:sb:ApiKey"] = "k",
            ["Tapback:Transports:sb:ApiSecret"] = "s",
            ["Tapback:Transports:sb:WebhookSecret"] = "w",
        }));

        Assert.Contains("Tapback:Transports:sb:Numbers", failure.Message, StringComparison.Ordinal);
    }

    private static SendMessageAction Send(string text) => new()
    {
        IdempotencyKey = $"key-{text}",
        ChatId = Alice,
        MessageId = $"msg_{text}",
        Text = text,
    };
}
