using System.Net.Http.Json;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookStatusEventTests
{
    [Fact]
    public async Task MessageSent_AgentSendsOverTheWebSocket_ReachesTheWebhookWithTheClientsId()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.sent");
        kit.Receiver.Secret = (string)created["secret"]!;
        var token = kit.Api.DefaultRequestHeaders.Authorization!.Parameter!;
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, WebhookTestKit.Phone, token);
        await using var _ = client;

        await client.SendAsync(AgentWebSocketTests.SendText(WebhookTestKit.Phone, "Morning!", "c-1"));
        var sent = await client.ReceiveAsync("message.sent");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var received = kit.Receiver.Accepted[0];
        Assert.True(received.Verified);
        Assert.Equal("message.sent", received.Type);
        var data = received.Json["data"]!;
        Assert.Equal((string?)sent["data"]!["messageId"], (string?)data["message_id"]);
        Assert.Equal("c-1", (string?)data["client_message_id"]);
        Assert.Equal(WebhookTestKit.Phone, (string?)data["to"]);
        Assert.Equal("Morning!", (string?)data["body"]);
    }

    [Fact]
    public async Task MessageSent_BotSendsThroughTheRestApi_ReachesTheWebhook()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.sent");
        kit.Receiver.Secret = (string)created["secret"]!;

        using var response = await kit.Api.PostAsJsonAsync("/v2/messages", new { to = WebhookTestKit.Phone, body = "Sent over REST" });
        response.EnsureSuccessStatusCode();
        var messageId = (string?)(await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["message_id"];
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var received = kit.Receiver.Accepted[0];
        Assert.True(received.Verified);
        Assert.Equal("message.sent", received.Type);
        Assert.Equal(messageId, (string?)received.Json["data"]!["message_id"]);
        Assert.Equal("Sent over REST", (string?)received.Json["data"]!["body"]);
    }

    [Fact]
    public async Task MessageSent_ReportedAgainToTheWebSocket_IsNotDeliveredTwice()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.sent");
        kit.Receiver.Secret = (string)created["secret"]!;
        var token = kit.Api.DefaultRequestHeaders.Authorization!.Parameter!;
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, WebhookTestKit.Phone, token);
        await using var _ = client;

        await client.SendAsync(AgentWebSocketTests.SendText(WebhookTestKit.Phone, "Once", "c-2"));
        await client.ReceiveAsync("message.sent");
        await client.SendAsync(AgentWebSocketTests.SendText(WebhookTestKit.Phone, "Once", "c-2"));
        await client.ReceiveAsync("message.sent");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);
        kit.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.AdvanceUntilIdleAsync();

        // One event. A delivery may be attempted again under the same webhook-id (at least once, as
        // Standard Webhooks says; a fake clock racing past the lease of a slow attempt does that under
        // load), which a receiver drops by id: what must not happen is a second event.
        Assert.Single(kit.Receiver.Received.DistinctBy(received => received.Id));
    }
}
