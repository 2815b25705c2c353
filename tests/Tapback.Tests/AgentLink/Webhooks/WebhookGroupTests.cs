using System.Net.Http.Json;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookGroupTests
{
    private const string Friend = "+15551230099";

    [Fact]
    public async Task MessageReceived_InAGroup_ListsTheParticipantsSeenSoFar()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        var group = new { id = "family", name = "Family" };

        (await kit.Host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = WebhookTestKit.Phone, text = "hi all", group })).EnsureSuccessStatusCode();
        // A message routes by its sender, so the friend's own message is not this integration's; it still makes them a participant.
        (await kit.Host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Friend, text = "hey", group })).EnsureSuccessStatusCode();
        (await kit.Host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = WebhookTestKit.Phone, text = "how are you", group })).EnsureSuccessStatusCode();
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count >= 2);

        var first = kit.Receiver.Accepted[0].Json["data"]!;
        var second = kit.Receiver.Accepted[1].Json["data"]!;
        Assert.True((bool)second["is_group"]!);
        Assert.Equal("Family", (string?)second["group_name"]);
        Assert.Equal([WebhookTestKit.Phone], first["participants"]!.AsArray().Select(p => (string?)p));
        Assert.Equal([WebhookTestKit.Phone, Friend], second["participants"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task MessageReceived_OneToOne_HasNoParticipants()
    {
        await using var kit = await WebhookTestKit.StartAsync();

        await kit.Host.SendAsync(WebhookTestKit.Phone, "hello");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count >= 1);

        Assert.Null(kit.Receiver.Accepted[0].Json["data"]!["participants"]);
    }
}
