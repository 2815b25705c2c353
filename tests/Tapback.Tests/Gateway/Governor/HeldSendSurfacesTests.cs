using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Gateway.Conversations;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;

namespace Tapback.Tests.Gateway.Governor;

/// <summary>
/// A held send as its agent and the operator see it: <c>message.held</c> on the WebSocket and the
/// webhook, once per reason, and the operator's list, release and discard at <c>/api/admin/held</c>.
/// </summary>
public sealed class HeldSendSurfacesTests
{
    private static readonly string[] HeldAndFailed = ["message.held", "message.failed"];

    [Fact]
    public async Task MessageHeld_HeldAgainForTheSameReason_ReachesTheWebSocketAndTheWebhookOnce_AndADiscardIsAFailure()
    {
        await using var kit = await GovernorKit.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Governor:OutboundRatio"] = "1", ["Tapback:Governor:OutboundRatioFloor"] = "3" },
            extra: WebhookTestKit.Settings());
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var subscribed = await kit.Api.PostAsJsonAsync("/v2/webhooks", new { url = receiver.Url, events = HeldAndFailed }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            receiver.Secret = (string)(await subscribed.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!;
        }

        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, GovernorKit.Phone, kit.Token);
        await using var _ = client;

        // Pairing left 1 out and 1 in: two go (under the floor of 3), the third would be 4:1.
        await client.SendAsync(AgentWebSocketTests.SendText(GovernorKit.Phone, "first", "c-0"));
        await client.ReceiveAsync("message.sent");
        await client.SendAsync(AgentWebSocketTests.SendText(GovernorKit.Phone, "second", "c-1"));
        await client.ReceiveAsync("message.sent");
        await client.SendAsync(AgentWebSocketTests.SendText(GovernorKit.Phone, "third", "c-2"));
        var held = (await client.ReceiveAsync("message.held"))["data"]!;
        var messageId = (string)held["messageId"]!;
        Assert.Equal("c-2", (string?)held["clientMessageId"]);
        Assert.Equal("outbound_ratio", (string?)held["reason"]);
        Assert.Contains("OutboundRatio 1", (string?)held["detail"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)held["chatId"]));

        // The person's answer releases it; at 4 out to 2 in it is held again, for the same reason: not news.
        var firstHeldAt = await kit.ScalarAsync("SELECT held_at FROM outbox WHERE message_id = @messageId", new { messageId });
        kit.Host.Time.Advance(TimeSpan.FromSeconds(1));
        await kit.Host.SendAsync(GovernorKit.Phone, "hm?");
        await kit.Host.AdvanceUntilAsync(
            async () => await kit.ScalarTextAsync("SELECT state FROM outbox WHERE message_id = @messageId", new { messageId }) == "held"
                && await kit.ScalarAsync("SELECT held_at FROM outbox WHERE message_id = @messageId", new { messageId }) > firstHeldAt,
            step: TimeSpan.FromSeconds(1));
        Assert.Equal(1, await kit.ScalarAsync("SELECT count(*) FROM agent_queue WHERE kind = 'message.held'"));

        using (var discarded = await kit.Admin.PostAsync($"/api/admin/held/{messageId}/discard", null))
        {
            Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        }

        var failed = (await client.ReceiveAsync("message.failed"))["data"]!;
        Assert.Equal(messageId, (string?)failed["messageId"]);
        Assert.Contains("outbound_ratio", (string?)failed["error"], StringComparison.Ordinal);

        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Any(r => r.Type == "message.failed")), step: TimeSpan.FromSeconds(1));
        var heldEvents = receiver.Accepted.Where(r => r.Type == "message.held").DistinctBy(r => r.Id).ToList();
        var webhookHeld = Assert.Single(heldEvents);
        Assert.True(webhookHeld.Verified);
        var data = webhookHeld.Json["data"]!;
        Assert.Equal(messageId, (string?)data["message_id"]);
        Assert.Equal("c-2", (string?)data["client_message_id"]);
        Assert.Equal("outbound_ratio", (string?)data["reason"]);
        Assert.Equal((string?)held["chatId"], (string?)data["chat_id"]);
        Assert.False(string.IsNullOrEmpty((string?)data["detail"]));
    }

    [Fact]
    public async Task AdminHeld_ListsReleasesAndDiscards_WithProblemsForUnknownAndNotHeld()
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "1" });
        await kit.SendAsync("first");
        var second = await kit.SendAsync("second");
        await kit.UntilStatusAsync(second, MessageStates.Held);

        var list = JsonNode.Parse(await kit.Admin.GetStringAsync("/api/admin/held"))!;
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(second, (string?)item["messageId"]);
        Assert.Equal("unanswered_limit", (string?)item["reason"]);
        Assert.Equal(GovernorKit.Phone, (string?)item["chatId"]);
        Assert.Equal("simulator", (string?)item["transport"]);
        Assert.Equal("second", (string?)item["preview"]);
        Assert.False(string.IsNullOrEmpty((string?)item["integrationId"]));
        Assert.False(string.IsNullOrEmpty((string?)item["conversationId"]));
        Assert.Null(item["releaseAt"]);
        Assert.Null(list["nextCursor"]);

        // Released by the operator, it goes past the limit and is not held again.
        using (var released = await kit.Admin.PostAsync($"/api/admin/held/{second}/release", null))
        {
            Assert.Equal(HttpStatusCode.OK, released.StatusCode);
            var body = (await released.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(second, (string?)body["messageId"]);
            Assert.Equal("queued", (string?)body["state"]);
        }

        await kit.UntilStatusAsync(second, MessageStates.Sent);
        var third = await kit.SendAsync("third");
        await kit.UntilStatusAsync(third, MessageStates.Held);

        using (var discarded = await kit.Admin.PostAsync($"/api/admin/held/{third}/discard", null))
        {
            Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
            Assert.Equal("failed", (string?)(await discarded.Content.ReadFromJsonAsync<JsonObject>())!["state"]);
        }

        Assert.Equal(MessageStates.Failed, await kit.StatusAsync(third));
        Assert.Empty(JsonNode.Parse(await kit.Admin.GetStringAsync("/api/admin/held"))!["items"]!.AsArray());
        using var notHeld = await kit.Admin.PostAsync($"/api/admin/held/{third}/release", null);
        Assert.Equal(HttpStatusCode.Conflict, notHeld.StatusCode);
        Assert.Equal("application/problem+json", notHeld.Content.Headers.ContentType?.MediaType);
        using var unknown = await kit.Admin.PostAsync("/api/admin/held/msg_nope/discard", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var badLimit = await kit.Admin.GetAsync("/api/admin/held?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.DoesNotContain("third", await kit.PhoneSawAsync());
    }
}
