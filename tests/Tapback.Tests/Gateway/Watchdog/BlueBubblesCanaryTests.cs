using System.Text.Json.Nodes;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>The canary on a BlueBubbles bridge: a message to the operator's own handle that must show up delivered.</summary>
public sealed class BlueBubblesCanaryTests
{
    private static readonly Dictionary<string, string?> Canary = new()
    {
        [$"Tapback:Transports:{BlueBubblesHost.Name}:Watchdog:Canary:Handle"] = "(555) 123-4567",
        [$"Tapback:Transports:{BlueBubblesHost.Name}:Watchdog:Canary:Every"] = "00:10:00",
        [$"Tapback:Transports:{BlueBubblesHost.Name}:Watchdog:Canary:Within"] = "00:02:00",
    };

    [Fact]
    public async Task Canary_Delivered_StaysHealthyKeyedExemptAndReachesNoAgent()
    {
        // The canary handle is the paired phone itself: its integration must still hear nothing of it.
        await using var kit = await BlueBubblesWatchdogKit.StartAsync(Canary, "transport.degraded", "transport.recovered", "message.sent", "message.delivered", "message.received");
        var canary = await WaitForCanaryAsync(kit, 1);

        await DeliverAsync(kit, canary);
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("Healthy", (await kit.HealthAsync()).Status);
        Assert.Empty(kit.Receiver.Received);
        Assert.Equal(1, await kit.CountAsync(
            "SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'watchdog:canary:bb:%' AND governor_exempt = @exempt AND report_link IS NULL", new { exempt = true }));
        Assert.Equal(1, await kit.CountAsync("SELECT count(*) FROM messages WHERE body LIKE 'Tapback watchdog canary%' AND state = 'delivered'"));
        Assert.Equal(0, await kit.CountAsync("SELECT count(*) FROM agent_queue WHERE message_id IN (SELECT id FROM messages WHERE body LIKE 'Tapback watchdog canary%')"));
    }

    [Fact]
    public async Task Canary_NotDelivered_DegradesUntilTheNextOneIsDelivered()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync(Canary);
        await WaitForCanaryAsync(kit, 1);

        await kit.AdvanceUntilHealthAsync("Degraded");
        Assert.Contains("was not delivered within", (await kit.HealthAsync()).Description, StringComparison.Ordinal);

        var second = await WaitForCanaryAsync(kit, 2);
        await DeliverAsync(kit, second);
        await kit.AdvanceUntilHealthAsync("Healthy");
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("canary", (string?)Assert.Single(kit.Webhooks("transport.degraded")).Json["data"]!["reason"], StringComparison.Ordinal);
        Assert.Single(kit.Webhooks("transport.recovered"));
        Assert.Equal(2, kit.Fake.Sent.Count(message => message["text"]?.GetValue<string>()?.StartsWith("Tapback watchdog canary", StringComparison.Ordinal) == true));
    }

    private static async Task<JsonObject> WaitForCanaryAsync(BlueBubblesWatchdogKit kit, int count)
    {
        JsonObject? canary = null;
        await kit.AdvanceUntilAsync(() =>
        {
            var canaries = kit.Fake.Sent.Where(message => message["text"]?.GetValue<string>()?.StartsWith("Tapback watchdog canary", StringComparison.Ordinal) == true).ToList();
            canary = canaries.Count >= count ? canaries[count - 1] : null;
            return Task.FromResult(canary is not null);
        });
        // The send is recorded with the server's guid once the outbox has finished it.
        var guid = canary!["guid"]!.GetValue<string>();
        await kit.AdvanceUntilAsync(async () => await kit.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid", new { guid }) == 1);
        return canary;
    }

    /// <summary>BlueBubbles reports the delivery as an <c>updated-message</c> with <c>dateDelivered</c>.</summary>
    private static async Task DeliverAsync(BlueBubblesWatchdogKit kit, JsonObject sent)
    {
        var update = (JsonObject)sent.DeepClone();
        update.Remove("chats");
        update["dateDelivered"] = kit.Host.Now();
        using var response = await kit.Host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", update));
        response.EnsureSuccessStatusCode();
    }
}
