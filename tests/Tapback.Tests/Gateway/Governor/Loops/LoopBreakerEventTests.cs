using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Governor.Loops;

/// <summary>
/// An integration hears its conversation paused and resumed on both of its surfaces, in the pinned
/// shapes (docs/protocol.md, docs/webhooks.md): a WebSocket agent whose phone is a bot answering
/// within half a second, and a webhook subscribed to the two events.
/// </summary>
public sealed class LoopBreakerEventTests
{
    private const string Phone = "+15550142100";

    private static readonly string[] PauseEvents = ["conversation.paused", "conversation.resumed"];

    [Fact]
    public async Task ConversationPaused_ABotAnswersTheSocketAgent_ReachesTheSocketAndTheWebhookThenResumedDoesToo()
    {
        var settings = WebhookTestKit.Settings();
        foreach (var (key, value) in LoopScript.Settings(fastReplyRounds: 3))
        {
            settings[key] = value;
        }

        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await GatewayScript.PairAsync(host, Phone);
        using var api = new HttpClient { BaseAddress = host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var subscribed = await api.PostAsJsonAsync("/v2/webhooks", new { url = receiver.Url, events = PauseEvents }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            receiver.Secret = (string?)JsonNode.Parse(await subscribed.Content.ReadAsStringAsync())!["secret"];
        }

        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, Phone, token);
        await using var _ = client;
        string? chatId = null;
        for (var round = 1; round <= 3; round++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            await client.SendAsync(AgentWebSocketTests.SendText(Phone, $"Agent line {round}", $"c-{round}"));
            await client.ReceiveAsync("message.sent");
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await host.SendAsync(Phone, $"Bot line {round}");
            chatId = (string?)(await client.ReceiveAsync("message.received"))["data"]!["chatId"];
        }

        var paused = (await client.ReceiveAsync("conversation.paused"))["data"]!;
        Assert.Equal(chatId, (string?)paused["chatId"]);
        Assert.Equal("loop_suspected", (string?)paused["reason"]);
        Assert.Equal("fast_replies", (string?)paused["evidence"]!["kind"]);
        Assert.Equal(3, (int?)paused["evidence"]!["rounds"]);
        Assert.Contains("within 2.0 s", (string?)paused["evidence"]!["detail"], StringComparison.Ordinal);
        Assert.Equal(host.Time.GetUtcNow(), DateTimeOffset.Parse((string)paused["pausedAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Any(hook => hook.Type == "conversation.paused")), TimeSpan.FromSeconds(1));
        var hook = receiver.Accepted.Single(received => received.Type == "conversation.paused");
        Assert.True(hook.Verified);
        var data = hook.Json["data"]!;
        Assert.Equal(chatId, (string?)data["chat_id"]);
        Assert.Equal("loop_suspected", (string?)data["reason"]);
        Assert.Equal("fast_replies", (string?)data["evidence"]!["kind"]);
        Assert.Equal(3, (int?)data["evidence"]!["rounds"]);
        Assert.Equal((string?)paused["evidence"]!["detail"], (string?)data["evidence"]!["detail"]);
        Assert.Equal((string?)paused["pausedAt"], (string?)data["paused_at"]);

        using var admin = LoopScript.Admin(host);
        using (var resumed = await admin.PostAsync($"/api/admin/conversations/{chatId}/resume", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        var resumedFrame = (await client.ReceiveAsync("conversation.resumed"))["data"]!;
        Assert.Equal(chatId, (string?)resumedFrame["chatId"]);
        Assert.NotNull((string?)resumedFrame["resumedAt"]);
        await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Any(hook => hook.Type == "conversation.resumed")), TimeSpan.FromSeconds(1));
        var resumedHook = receiver.Accepted.Single(received => received.Type == "conversation.resumed").Json["data"]!;
        Assert.Equal(chatId, (string?)resumedHook["chat_id"]);
        Assert.Equal((string?)resumedFrame["resumedAt"], (string?)resumedHook["resumed_at"]);
    }

    [Fact]
    public void WebhookEventTypes_ListedForSubscribers_IncludeThePauseEvents() =>
        Assert.All(PauseEvents, type => Assert.Contains(type, Tapback.AgentLink.Webhooks.WebhookEventTypes.All));
}
