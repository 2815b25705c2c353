using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>A gateway number sends at most its limits; the rest waits in the outbox, never dropped.</summary>
public sealed class PacingTests
{
    [Fact]
    public async Task Send_MoreThanThePerMinuteLimit_WaitsForTheWindowAndLosesNothing()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:phone:Kind"] = "Simulator",
            ["Tapback:Transports:phone:Pacing:PerMinute"] = "3",
        });
        await host.SendAsync(Phone, "hi");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        var conversationId = (await QueryAsync<string>(host, "SELECT id FROM conversations")).Single();
        host.Time.Advance(TimeSpan.FromMinutes(2));

        await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(
            conversationId, [.. Enumerable.Range(0, 5).Select(i => AgentAction.Message($"burst:{i}", $"Bubble {i}"))]);
        await host.AdvanceUntilAsync(
            async () => await CountAsync(host, "SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'burst:%' AND state = 'done'") == 5,
            step: TimeSpan.FromSeconds(5));

        var burst = (await host.EventsAsync(Phone)).Where(e => e.Text?.StartsWith("Bubble ", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Bubble {i}"), burst.Select(e => e.Text));
        // The pace is kept by the ledger of places taken, on the clock the outbox read when it took
        // each; the phone's own timestamps may trail them by a clock step the test took meanwhile.
        // Any four places in a row span a minute: the fourth waited for the first to leave it.
        var places = await QueryAsync<long>(host, "SELECT sent_at FROM paced_sends ORDER BY sent_at");
        Assert.True(places.Count >= 5, $"Only {places.Count} places were taken.");
        for (var i = 0; i + 3 < places.Count; i++)
        {
            Assert.True(places[i + 3] - places[i] >= 60_000, $"Four sends within a minute: places taken at {string.Join(", ", places)}.");
        }
    }

    [Fact]
    public async Task Send_OnTheSimulator_IsNotPaced()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var policy = host.Services.GetRequiredService<Tapback.Gateway.Outbox.Pacing.PacingPolicy>();
        var simulator = host.Services.GetServices<IMessageTransport>().Single();

        Assert.True(policy.For(simulator).IsUnlimited);
    }

    [Fact]
    public async Task Pacing_ARealTransportWithoutSettings_HasConservativeDefaults()
    {
        var transport = new RecordingTransport("real");
        await using var host = await StartAsync(transport);

        var limits = host.Services.GetRequiredService<Tapback.Gateway.Outbox.Pacing.PacingPolicy>().For(transport);

        Assert.Equal(Tapback.Gateway.Outbox.Pacing.PacingLimits.Conservative, limits);
    }
}
