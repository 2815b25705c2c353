using System.Text.Json;
using Tapback.Messaging;
using static Tapback.Tests.Transports.Hosted.HostedStore;
using static Tapback.Tests.Transports.Sendblue.SendblueTestKit;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>Issue 13 on Sendblue: effects as send_style, the lookup API, the person's effect and service; what it has not, refused.</summary>
public sealed class SendblueIMessageFeaturesTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["Tapback:Agent:Enabled"] = "false" };

    private static SendMessageAction Send(MessageEffect? effect) =>
        new() { IdempotencyKey = $"k-{effect}", ChatId = Alice, MessageId = $"msg-{effect}", Text = "surprise", Effect = effect };

    [Fact]
    public async Task ExecuteAsync_Effects_SentAsSendblueSendStyles()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, Quiet);

        await Transport(host).ExecuteAsync(Send(MessageEffect.InvisibleInk));
        await Transport(host).ExecuteAsync(Send(MessageEffect.Confetti));
        await Transport(host).ExecuteAsync(Send(null));

        var styles = sendblue.Requests.Where(r => r.PathAndQuery == "/api/send-message")
            .Select(r => JsonDocument.Parse(r.Body).RootElement.TryGetProperty("send_style", out var style) ? style.GetString() : null);
        Assert.Equal(["invisible", "confetti", null], styles);
    }

    [Fact]
    public async Task IsOnIMessageAsync_AsksEvaluateService()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        sendblue.OnIMessage.Add(Alice);
        await using var host = await StartAsync(sendblue, Quiet);

        Assert.True(await Transport(host).IsOnIMessageAsync(Alice));
        Assert.False(await Transport(host).IsOnIMessageAsync("+15550000009"));
        Assert.Contains(sendblue.Requests, r => r.Method == "GET" && r.PathAndQuery == "/api/evaluate-service?number=%2B19998887777");
    }

    [Fact]
    public async Task Webhook_ReceiveWithSendStyleAndSmsService_StoresEffectAndService()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, Quiet);

        using var response = await PostAsync(host, Received(host, "H1", "look closely", extra: new { send_style = "invisible", service = "SMS" }));

        response.EnsureSuccessStatusCode();
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'look closely' AND effect = 'invisible_ink' AND service = 'SMS'"));
    }

    [Fact]
    public async Task Webhook_DocumentedReceiveFixture_StoresItsServiceAndNoEffect()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, Quiet);

        using var response = await PostAsync(host, Fixture("receive.json"));

        response.EnsureSuccessStatusCode();
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'Hello!' AND service = 'iMessage' AND effect IS NULL"));
    }

    [Fact]
    public async Task ExecuteAsync_ReplyEditUnsend_FailForGoodAndCapabilitiesSayNo()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        await using var host = await StartAsync(sendblue, Quiet);
        OutboundAction[] refused =
        [
            Send(null) with { ReplyTo = "msg_0" },
            new EditMessageAction { IdempotencyKey = "e", ChatId = Alice, MessageId = "msg_1", Text = "hey" },
            new UnsendMessageAction { IdempotencyKey = "u", ChatId = Alice, MessageId = "msg_1" },
        ];

        foreach (var action in refused)
        {
            var failed = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(action));
            Assert.False(failed.Retryable);
        }

        Assert.DoesNotContain(sendblue.Requests, r => r.PathAndQuery == "/api/send-message");
        Assert.True(Transport(host).Capabilities is { Effects: true, HandleLookup: true, Replies: false, Edits: false, Unsends: false, TypingReceived: false, ContactCards: false });
    }
}
