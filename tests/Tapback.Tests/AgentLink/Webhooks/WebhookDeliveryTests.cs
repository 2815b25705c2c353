using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task MessageReceived_FromPairedPhone_PostsSignedEventInTheDocumentedShape()
    {
        await using var kit = await WebhookTestKit.StartAsync();

        var messageId = await kit.Host.SendAsync(WebhookTestKit.Phone, "hello bot");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count >= 1);

        var received = kit.Receiver.Accepted.Single();
        Assert.True(received.Verified, $"The signature '{received.Signature}' does not verify.");
        Assert.StartsWith("evt_", received.Id);
        var json = received.Json;
        Assert.Equal(received.Id, (string?)json["id"]);
        Assert.Equal("message.received", (string?)json["type"]);
        Assert.NotNull((string?)json["created_at"]);
        var data = json["data"]!;
        Assert.Equal(messageId, (string?)data["message_id"]);
        Assert.Equal(WebhookTestKit.Phone, (string?)data["from"]);
        Assert.Equal("hello bot", (string?)data["body"]);
        Assert.False((bool)data["is_group"]!);
        Assert.NotNull((string?)data["conversation_id"]);
        Assert.Empty(data["attachments"]!.AsArray());
    }

    [Fact]
    public async Task Deliver_ReceiverFailsThenTimesOut_RetriesOnTheClockAndKeepsConversationOrder()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        kit.Receiver.Script(ReceiverAnswer.ServerError, ReceiverAnswer.Hang);

        await kit.Host.SendAsync(WebhookTestKit.Phone, "first");
        await kit.Host.SendAsync(WebhookTestKit.Phone, "second");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count >= 2);
        // The receiver answers before the log records it; wait for the record, not a moment.
        await kit.AdvanceUntilLoggedAsync("delivered", 2);

        // The second message waited behind the first through both failed attempts.
        Assert.Equal(["first", "first", "first", "second"], kit.Receiver.Received.Select(r => r.Text));
        Assert.All(kit.Receiver.Received, r => Assert.True(r.Verified));
        Assert.Single(kit.Receiver.Received.Select(r => r.Id).Take(3).Distinct());
        var log = await kit.DeliveriesAsync();
        var first = log.Single(d => (int)d!["attempts"]! == 3)!;
        Assert.Equal("delivered", (string?)first["status"]);
        Assert.Equal(204, (int?)first["last_status_code"]);
        Assert.Equal(["delivered", "delivered"], log.Select(d => (string?)d!["status"]));
    }

    [Fact]
    public async Task Deliver_ReceiverKeepsFailing_MarksDeadAfterLastAttempt()
    {
        await using var kit = await WebhookTestKit.StartAsync(maxAttempts: 3);
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;

        await kit.Host.SendAsync(WebhookTestKit.Phone, "nobody home");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Received.Count >= 3);
        await kit.AdvanceUntilLoggedAsync("dead", 1);

        var dead = (await kit.DeliveriesAsync("dead")).Single()!;
        Assert.Equal(3, (int?)dead["attempts"]);
        Assert.Equal(500, (int?)dead["last_status_code"]);
        Assert.Contains("500", (string?)dead["last_error"]);
        // Past the longest retry delay: nothing more is tried.
        kit.Host.Time.Advance(TimeSpan.FromHours(11));
        await kit.AdvanceUntilIdleAsync();
        Assert.Equal(3, kit.Receiver.Received.Count);
    }

    [Fact]
    public async Task Replay_DeadDelivery_DeliversItAgainWithTheSameId()
    {
        await using var kit = await WebhookTestKit.StartAsync(maxAttempts: 1);
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;
        await kit.Host.SendAsync(WebhookTestKit.Phone, "try me later");
        await kit.AdvanceUntilLoggedAsync("dead", 1);
        var dead = (await kit.DeliveriesAsync("dead")).Single()!;

        kit.Receiver.Otherwise = ReceiverAnswer.Ok;
        using var response = await kit.Api.PostAsync($"/v2/webhooks/{kit.WebhookId}/deliveries/{(string)dead["id"]!}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The clock stands still: the replay wakes the worker, no poll interval has to pass.
        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(kit.Receiver.Accepted.Count == 1), step: TimeSpan.Zero);

        Assert.Equal((string?)dead["event_id"], kit.Receiver.Accepted[0].Id);
        Assert.True(kit.Receiver.Accepted[0].Verified);
        await kit.AdvanceUntilLoggedAsync("delivered", 1);
    }

    [Fact]
    public async Task ReplayDead_SeveralDeadDeliveries_QueuesThemAll()
    {
        await using var kit = await WebhookTestKit.StartAsync(maxAttempts: 1);
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;
        await kit.Host.SendAsync(WebhookTestKit.Phone, "one");
        await kit.Host.SendAsync(WebhookTestKit.Phone, "two");
        await kit.AdvanceUntilLoggedAsync("dead", 2);

        kit.Receiver.Otherwise = ReceiverAnswer.Ok;
        using var response = await kit.Api.PostAsync($"/v2/webhooks/{kit.WebhookId}/deliveries/replay", null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int?)body["replayed"]);
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 2);
        Assert.Equal(["one", "two"], kit.Receiver.Accepted.Select(r => r.Text));
    }

    [Fact]
    public async Task ReactionAdded_OnAMessage_IsDeliveredToASubscriptionThatAskedForIt()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        var messageId = await kit.Host.SendAsync(WebhookTestKit.Phone, "react to me");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        await kit.Host.ReactAsync(WebhookTestKit.Phone, messageId, "love");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 2);

        var reaction = kit.Receiver.Accepted[1].Json;
        Assert.Equal("reaction.added", (string?)reaction["type"]);
        Assert.Equal("love", (string?)reaction["data"]!["reaction"]);
        Assert.Equal(messageId, (string?)reaction["data"]!["message_id"]);
    }

    [Fact]
    public async Task Deliver_EventNotSubscribed_WritesNoDelivery()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var created = await kit.SubscribeAsync("message.sent");
        kit.Receiver.Secret = (string)created["secret"]!;

        await kit.Host.SendAsync(WebhookTestKit.Phone, "not for this hook");
        kit.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.AdvanceUntilIdleAsync();

        Assert.Empty(kit.Receiver.Received);
    }

    [Fact]
    public async Task RotateSecret_ThenDeliver_SignsWithBothSecretsDuringTheOverlap()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        var oldSecret = kit.Receiver.Secret!;
        using var response = await kit.Api.PostAsync($"/v2/webhooks/{kit.WebhookId}/secret/rotate", null);
        response.EnsureSuccessStatusCode();
        var newSecret = (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["secret"]!;
        Assert.NotEqual(oldSecret, newSecret);

        await kit.Host.SendAsync(WebhookTestKit.Phone, "after rotation");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var received = kit.Receiver.Accepted[0];
        Assert.True(WebhookReceiver.Verify(newSecret, received.Id, received.Timestamp, received.Body, received.Signature));
        Assert.True(WebhookReceiver.Verify(oldSecret, received.Id, received.Timestamp, received.Body, received.Signature));
    }

    [Fact]
    public async Task Log_DeliveredLongerAgoThanRetention_IsTrimmed()
    {
        await using var kit = await WebhookTestKit.StartAsync(retention: TimeSpan.FromMinutes(30));
        await kit.Host.SendAsync(WebhookTestKit.Phone, "old news");
        await kit.AdvanceUntilLoggedAsync("delivered", 1);

        // The log is trimmed at most hourly; one jump (a long advance fires every periodic timer it passes).
        kit.Host.Time.Advance(TimeSpan.FromHours(1));
        await kit.AdvanceUntilAsync(async () => (await kit.DeliveriesAsync()).Count == 0);
    }
}
