using Tapback.AgentLink.Client;
using Tapback.Messaging;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>Full-jitter backoff: 1 s doubling to 60 s, a random share of it.</summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Ceiling_SuccessiveAttempts_DoublesFromOneSecondToSixty()
    {
        var ceilings = Enumerable.Range(0, 9).Select(attempt => ReconnectBackoff.Ceiling(attempt).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], ceilings);
    }

    [Fact]
    public void Ceiling_HugeAttempt_StaysAtTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), ReconnectBackoff.Ceiling(int.MaxValue));
    }

    [Fact]
    public void Delay_SeededJitter_FallsBelowEachCeiling()
    {
        var jitter = new RandomJitter(seed: 7);

        var delays = Enumerable.Range(0, 10).Select(attempt => (Attempt: attempt, Delay: ReconnectBackoff.Delay(attempt, jitter))).ToList();

        Assert.All(delays, pair => Assert.InRange(pair.Delay, TimeSpan.Zero, ReconnectBackoff.Ceiling(pair.Attempt)));
        Assert.True(delays.Select(pair => pair.Delay).Distinct().Count() > 5, "Full jitter should spread the waits.");
    }

    [Fact]
    public void Delay_HalfJitter_IsHalfTheCeiling()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), ReconnectBackoff.Delay(3, new ScriptedJitter(0.5)));
    }
}
