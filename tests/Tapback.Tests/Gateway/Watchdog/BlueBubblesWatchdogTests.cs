using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>The watchdog on a BlueBubbles bridge: each stall it detects goes degraded and back, told once each way.</summary>
public sealed class BlueBubblesWatchdogTests
{
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
}
