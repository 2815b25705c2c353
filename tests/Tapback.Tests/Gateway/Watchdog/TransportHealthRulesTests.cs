using Tapback.AgentLink.Frames;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.Watchdog;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>The one transition rule: a change is announced once, and only after it has held for its bound.</summary>
public sealed class TransportHealthRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly WatchdogOptions Options = new() { DegradedAfter = TimeSpan.FromMinutes(2), RecoveredAfter = TimeSpan.FromMinutes(1) };

    [Fact]
    public void Apply_StallHeldForItsBound_DegradedOnceSinceItsFirstCheck()
    {
        var health = TransportHealth.First("bb", Start);

        (health, var first) = TransportHealthRules.Apply(health, "down", Start.AddSeconds(30), Options);
        (health, var early) = TransportHealthRules.Apply(health, "still down", Start.AddSeconds(149), Options);
        (health, var degraded) = TransportHealthRules.Apply(health, "still down", Start.AddSeconds(150), Options);
        (health, var again) = TransportHealthRules.Apply(health, "down again", Start.AddSeconds(300), Options);

        Assert.Null(first);
        Assert.Null(early);
        Assert.Equal(TransportHealthChange.Degraded("bb", "still down", Start.AddSeconds(30)), degraded);
        Assert.Null(again);
        Assert.Equal("down again", health.Reason);
        Assert.Equal(1, health.Version);
    }

    [Fact]
    public void Apply_OneGoodCheckInAStall_StartsTheBoundAgain()
    {
        var health = TransportHealth.First("bb", Start);

        (health, _) = TransportHealthRules.Apply(health, "down", Start.AddSeconds(30), Options);
        (health, _) = TransportHealthRules.Apply(health, null, Start.AddSeconds(60), Options);
        (health, var notYet) = TransportHealthRules.Apply(health, "down", Start.AddSeconds(160), Options);

        Assert.Null(notYet);
        Assert.Equal(Start.AddSeconds(160), health.PendingSince);
        Assert.Equal(TransportHealthStates.Healthy, health.State);
    }

    [Fact]
    public void Apply_WellForItsBoundAfterADegradation_RecoveredNamingBothTimes()
    {
        var health = TransportHealth.First("bb", Start) with { State = TransportHealthStates.Degraded, Reason = "down", Since = Start, Version = 1 };

        (health, var early) = TransportHealthRules.Apply(health, null, Start.AddMinutes(5), Options);
        (health, var recovered) = TransportHealthRules.Apply(health, null, Start.AddMinutes(6), Options);

        Assert.Null(early);
        Assert.Equal(TransportHealthChange.Recovered("bb", Start.AddMinutes(5), Start), recovered);
        Assert.Null(health.Reason);
        Assert.Equal(2, health.Version);
    }

    [Fact]
    public void EventNames_AreTheSurfacesOwn()
    {
        Assert.Equal(WebhookEventTypes.TransportDegraded, TransportHealthChange.DegradedType);
        Assert.Equal(WebhookEventTypes.TransportRecovered, TransportHealthChange.RecoveredType);
        Assert.Equal(FrameTypes.TransportDegraded, TransportHealthChange.DegradedType);
        Assert.Equal(FrameTypes.TransportRecovered, TransportHealthChange.RecoveredType);
        Assert.Contains(WebhookEventTypes.TransportDegraded, WebhookEventTypes.All);
        Assert.Contains(WebhookEventTypes.TransportRecovered, WebhookEventTypes.All);
    }
}
