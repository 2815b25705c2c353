using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>The watchdog on a BlueBubbles bridge: each stall it detects goes degraded and back, told once each way.</summary>
public sealed class BlueBubblesWatchdogTests
{
    private static readonly string[] TransportEvents = ["transport.degraded", "transport.recovered"];

    [Fact]
    public async Task Watchdog_ServerUnreachable_DegradedAndRecoveredOnceOnHealthzWebSocketWebhooksAndLog()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync();
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, BlueBubblesWatchdogKit.Phone, kit.Token);
        await using var connection = socket;
        Assert.Equal("Healthy", (await kit.HealthAsync()).Status);

        kit.Fake.FailAlways("/api/v1/ping", new FakeBlueBubblesFault { Drop = true });
        await kit.AdvanceUntilHealthAsync("Degraded");

        var health = await kit.HealthAsync();
        Assert.Contains("does not answer", health.Description, StringComparison.Ordinal);
        Assert.Equal("Degraded", health.Overall);
        // Anyone may probe; only the operator reads why (the reason names the server's address).
        var anyone = await WatchdogHealth.EntryAsync(kit.Host, BlueBubblesWatchdogKit.Transport, asOperator: false);
        Assert.Equal(("Degraded", null, "Degraded"), anyone);
        Assert.Equal("Degraded", await kit.Host.Client.GetStringAsync("/healthz"));
        var skipped = new List<System.Text.Json.Nodes.JsonObject>();
        var degraded = await socket.ReceiveAsync("transport.degraded", skipped);
        Assert.Equal("bb", (string?)degraded["data"]!["transport"]);
        Assert.Contains("does not answer", (string?)degraded["data"]!["reason"], StringComparison.Ordinal);
        Assert.Null(degraded["seq"]);
        await kit.AdvanceUntilAsync(() => Task.FromResult(kit.Webhooks("transport.degraded").Count == 1));
        var hook = kit.Webhooks("transport.degraded")[0].Json["data"]!;
        Assert.Equal("bb", (string?)hook["transport"]);
        Assert.Equal((DateTimeOffset)degraded["data"]!["since"]!, (DateTimeOffset)hook["since"]!);

        kit.Fake.StopFailing("/api/v1/ping");
        await kit.AdvanceUntilHealthAsync("Healthy");

        var recovered = await socket.ReceiveAsync("transport.recovered", skipped);
        Assert.Equal((DateTimeOffset)degraded["data"]!["since"]!, (DateTimeOffset)recovered["data"]!["degradedSince"]!);
        await kit.AdvanceUntilAsync(() => Task.FromResult(kit.Webhooks("transport.recovered").Count == 1));
        Assert.NotNull(kit.Webhooks("transport.recovered")[0].Json["data"]!["degraded_since"]);

        // Further checks, well or not yet bad for long enough, announce nothing more.
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(5));
        Assert.Single(kit.Webhooks("transport.degraded"));
        Assert.Single(kit.Webhooks("transport.recovered"));
        Assert.DoesNotContain(skipped, frame => ((string?)frame["type"])!.StartsWith("transport.", StringComparison.Ordinal));
        Assert.Single(kit.Logged(LogLevel.Warning, "Transport bb is degraded"));
        Assert.Single(kit.Logged(LogLevel.Information, "Transport bb has recovered"));
    }

    [Fact]
    public async Task Watchdog_MessagesAppNotRunning_DegradedWithTheHelperAsReasonThenRecovered()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync();

        kit.Fake.HelperConnected = false;
        await kit.AdvanceUntilHealthAsync("Degraded");
        Assert.Contains("Private API helper is not connected", (await kit.HealthAsync()).Description, StringComparison.Ordinal);

        kit.Fake.HelperConnected = true;
        await kit.AdvanceUntilHealthAsync("Healthy");
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(2));
        Assert.Contains("Private API helper", (string?)Assert.Single(kit.Webhooks("transport.degraded")).Json["data"]!["reason"], StringComparison.Ordinal);
        Assert.Single(kit.Webhooks("transport.recovered"));
    }

    [Fact]
    public async Task Watchdog_OnePingLost_StaysHealthyAndAnnouncesNothing()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync();

        kit.Fake.FailNext("/api/v1/ping", new FakeBlueBubblesFault { Drop = true });
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("Healthy", (await kit.HealthAsync()).Status);
        Assert.Empty(kit.Receiver.Received);
        Assert.Empty(kit.Logged(LogLevel.Warning, "is degraded"));
        Assert.Equal(1, await kit.CountAsync("SELECT count(*) FROM transport_health WHERE state = 'healthy' AND pending_since IS NULL AND version = 0"));
    }

    [Fact]
    public async Task Watchdog_SendHangingInFlight_DegradedUntilItIsSent()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync(new Dictionary<string, string?>
        {
            [$"Tapback:Transports:{BlueBubblesHost.Name}:RequestTimeout"] = "00:10:00",
            [$"Tapback:Transports:{BlueBubblesHost.Name}:Watchdog:StuckSendAfter"] = "00:01:00",
        });
        kit.Fake.FailNext("/api/v1/message/text", new FakeBlueBubblesFault { Hang = true });
        using var api = kit.Api();
        using (var sent = await api.PostAsJsonAsync("/v2/messages", new { to = BlueBubblesWatchdogKit.Phone, body = "are you there?" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        }

        await kit.AdvanceUntilHealthAsync("Degraded");
        Assert.Contains("in flight or waiting to be reconciled", (await kit.HealthAsync()).Description, StringComparison.Ordinal);

        // The request times out, the send is looked up (not there), sent again with its key, and done.
        await kit.AdvanceUntilHealthAsync("Healthy");
        Assert.Contains(kit.Fake.Sent, message => message["text"]?.GetValue<string>() == "are you there?");
        Assert.Equal(0, await kit.CountAsync("SELECT count(*) FROM outbox WHERE state IN ('in_flight', 'reconciling', 'queued')"));
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(1));
        Assert.Single(kit.Webhooks("transport.degraded"));
        Assert.Single(kit.Webhooks("transport.recovered"));
    }

    [Fact]
    public async Task Watchdog_RestartWhileDegraded_NotAnnouncedAgainAndRecoveryStillTold()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync();
        kit.Fake.FailAlways("/api/v1/ping", new FakeBlueBubblesFault { Drop = true });
        await kit.AdvanceUntilHealthAsync("Degraded");
        await kit.AdvanceUntilAsync(() => Task.FromResult(kit.Webhooks("transport.degraded").Count == 1));

        await kit.RestartAsync();
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(3));
        Assert.Equal("Degraded", (await kit.HealthAsync()).Status);
        Assert.Single(kit.Webhooks("transport.degraded"));
        Assert.Empty(kit.Logged(LogLevel.Warning, "is degraded"));

        // A socket that connects during the degradation hears it at once, without a seq.
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, BlueBubblesWatchdogKit.Phone, kit.Token);
        await using (socket)
        {
            var told = await socket.ReceiveAsync("transport.degraded");
            Assert.Null(told["seq"]);
        }

        kit.Fake.StopFailing("/api/v1/ping");
        await kit.AdvanceUntilHealthAsync("Healthy");
        await kit.AdvanceChecksAsync(TimeSpan.FromMinutes(1));
        Assert.Single(kit.Webhooks("transport.recovered"));
        Assert.Single(kit.Logged(LogLevel.Information, "Transport bb has recovered"));
    }

    [Fact]
    public async Task Watchdog_Degraded_OnlyTheIntegrationsOnThatTransportHear()
    {
        await using var kit = await BlueBubblesWatchdogKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Transports:phone:Kind"] = "Simulator" });
        const string SimulatorPhone = "+15559870000";
        var otherToken = await GatewayScript.PairAsync(kit.Host, SimulatorPhone);
        await using var otherReceiver = await Tapback.Tests.AgentLink.Webhooks.WebhookReceiver.StartAsync();
        using (var other = new HttpClient { BaseAddress = kit.Host.BaseAddress })
        {
            other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", otherToken);
            using var created = await other.PostAsJsonAsync("/v2/webhooks", new { url = otherReceiver.Url, events = TransportEvents });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var (otherSocket, _) = await ScriptedAgentClient.ConnectReadyAsync(kit.Host.BaseAddress, SimulatorPhone, otherToken);
        await using var otherConnection = otherSocket;

        kit.Fake.HelperConnected = false;
        await kit.AdvanceUntilHealthAsync("Degraded");
        await kit.AdvanceUntilAsync(async () => kit.Webhooks("transport.degraded").Count == 1 && await kit.PendingDeliveriesAsync() == 0);

        Assert.Empty(otherReceiver.Received);
        Assert.Equal(1, await kit.CountAsync("SELECT count(*) FROM webhook_deliveries WHERE type = 'transport.degraded'"));
        // The simulator's agent hears nothing of bb: the next frame it gets is the answer to its own bad frame.
        await otherSocket.SendAsync("""{"type":"ack"}""");
        Assert.Equal("error", (string?)(await otherSocket.ReceiveAsync())["type"]);
    }
}
