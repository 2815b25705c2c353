using System.Text.Json;
using Tapback.Messaging;
using static Tapback.Tests.Transports.Blooio.BlooioTestKit;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>Issue 13 on Blooio: effects and inline replies on a send, the capability check, the person's service; edits and unsends refused.</summary>
public sealed class BlooioIMessageFeaturesTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["Tapback:Agent:Enabled"] = "false" };

    private static JsonElement LastSend(FakeBlooioServer blooio) =>
        JsonDocument.Parse(blooio.Requests.Last(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/messages", StringComparison.Ordinal)).Body).RootElement;

    [Fact]
    public async Task ExecuteAsync_ReplyWithEffect_SendsReplyToMessageIdAndBlooiosEffectName()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, Quiet);
        blooio.AddInbound(Alice, Alice, "which one?", host.Time.GetUtcNow(), "bl_in_1");
        (await PostAsync(host, Received(host, "bl_in_1", "which one?"))).EnsureSuccessStatusCode();
        var target = await MessageIdOfEventAsync(host, "bl_in_1");

        await Transport(host).ExecuteAsync(new SendMessageAction
        {
            IdempotencyKey = "k1", ChatId = Alice, MessageId = "msg_1", Text = "this one", ReplyTo = target, Effect = MessageEffect.InvisibleInk,
        });

        var body = LastSend(blooio);
        Assert.Equal("bl_in_1", body.GetProperty("reply_to").GetProperty("message_id").GetString());
        Assert.Equal("invisible-ink", body.GetProperty("effect").GetString());
        Assert.Single(blooio.Sent);
    }

    [Fact]
    public async Task ExecuteAsync_PlainSend_CarriesNoReplyOrEffect()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, Quiet);

        await Transport(host).ExecuteAsync(new SendMessageAction { IdempotencyKey = "k1", ChatId = Alice, MessageId = "msg_1", Text = "hi" });

        var body = LastSend(blooio);
        Assert.False(body.TryGetProperty("reply_to", out _));
        Assert.False(body.TryGetProperty("effect", out _));
    }

    [Fact]
    public async Task ExecuteAsync_ReplyToAMessageBlooioNeverHad_FailsForGoodBeforeSending()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, Quiet);

        var failed = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(
            new SendMessageAction { IdempotencyKey = "k1", ChatId = Alice, MessageId = "msg_1", Text = "hi", ReplyTo = "msg_unknown" }));

        Assert.False(failed.Retryable);
        Assert.Contains("msg_unknown", failed.Message, StringComparison.Ordinal);
        Assert.Empty(blooio.Sent);
    }

    [Fact]
    public async Task IsOnIMessageAsync_AsksTheCapabilityCheck()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        blooio.OnIMessage.Add(Alice);
        await using var host = await StartAsync(blooio, Quiet);

        Assert.True(await Transport(host).IsOnIMessageAsync(Alice));
        Assert.False(await Transport(host).IsOnIMessageAsync("+15550000009"));
        Assert.Contains(blooio.Requests, r => r.Method == "GET" && r.PathAndQuery == "/v2/api/contacts/%2B15551234567/capabilities");
    }

    [Fact]
    public async Task Webhook_SmsProtocol_StoresTheService()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, Quiet);

        (await PostAsync(host, Received(host, "bl_in_1", "green bubble", extra: new { protocol = "sms" }))).EnsureSuccessStatusCode();
        (await PostAsync(host, Received(host, "bl_in_2", "blue bubble", extra: new { protocol = "imessage" }))).EnsureSuccessStatusCode();
        (await PostAsync(host, Received(host, "bl_in_3", "rcs bubble", extra: new { protocol = "rcs" }))).EnsureSuccessStatusCode();

        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'green bubble' AND service = 'SMS'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'blue bubble' AND service = 'iMessage'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'rcs bubble' AND service IS NULL"));
    }

    [Fact]
    public async Task ExecuteAsync_EditOrUnsend_FailForGoodAndCapabilitiesSayNo()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio, Quiet);

        var edit = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(new EditMessageAction { IdempotencyKey = "e", ChatId = Alice, MessageId = "m", Text = "x" }));
        var unsend = await Assert.ThrowsAsync<TransportException>(() => Transport(host).ExecuteAsync(new UnsendMessageAction { IdempotencyKey = "u", ChatId = Alice, MessageId = "m" }));

        Assert.False(edit.Retryable);
        Assert.False(unsend.Retryable);
        Assert.Contains("Edits is false", edit.Message, StringComparison.Ordinal);
        Assert.Contains("Unsends is false", unsend.Message, StringComparison.Ordinal);
        Assert.True(Transport(host).Capabilities is { Effects: true, Replies: true, HandleLookup: true, Edits: false, Unsends: false, TypingReceived: false, ContactCards: false });
    }
}
