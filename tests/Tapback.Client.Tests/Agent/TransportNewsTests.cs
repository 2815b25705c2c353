using Microsoft.Extensions.DependencyInjection;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Gateway.Watchdog;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Agent;

/// <summary>The bridge watchdog's news of the integration's transport, as the real gateway writes it, read by the SDK.</summary>
public sealed class TransportNewsTests
{
    private const string Phone = "+15551230008";

    [Fact]
    public async Task EventsAsync_WatchdogAnnouncesDegradedThenRecovered_ClientHearsBothTyped()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        await using var agent = new RunningAgent(new TapbackAgentClient(new() { Gateway = host.BaseAddress, Phone = Phone, Token = paired.Token, TimeProvider = host.Time }));
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Client.IsConnected));
        var feed = host.Services.GetRequiredService<TransportHealthFeed>();
        var since = host.Time.GetUtcNow();
        var degraded = TransportHealthChange.Degraded(paired.Transport!, "no event from the bridge for 10 minutes", since);
        var recovered = TransportHealthChange.Recovered(paired.Transport!, since.AddMinutes(20), since);

        // Published until heard: the connection subscribes to the feed just after it says connected (a repeat is told once).
        await host.AdvanceUntilAsync(() =>
        {
            feed.Publish(degraded);
            return Task.FromResult(agent.Events.OfType<TransportDegradedEvent>().Any());
        });
        feed.Publish(recovered);
        await host.AdvanceUntilAsync(() => Task.FromResult(agent.Events.OfType<TransportRecoveredEvent>().Any()));

        var down = Assert.Single(agent.Events.OfType<TransportDegradedEvent>());
        var up = Assert.Single(agent.Events.OfType<TransportRecoveredEvent>());
        Assert.Equal((paired.Transport, "no event from the bridge for 10 minutes", since), (down.Transport, down.Reason, down.Since));
        Assert.Equal((since.AddMinutes(20), since), (up.Since, up.DegradedSince));
        Assert.Null(down.Seq);
    }
}
