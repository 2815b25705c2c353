namespace Tapback.Client.Tests.Agent;

/// <summary>Full-jitter backoff: 1 s doubling to 60 s, a random share of it.</summary>
public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Fact]
    public void Ceiling_SuccessiveAttempts_DoublesFromOneSecondToSixty()
    {
        var ceilings = Enumerable.Range(0, 9).Select(attempt => Backoff.Ceiling(attempt, Initial, Cap).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], ceilings);
    }

    [Fact]
    public void Ceiling_HugeAttempt_StaysAtTheCap()
    {
        Assert.Equal(Cap, Backoff.Ceiling(int.MaxValue, Initial, Cap));
        Assert.Equal(Cap, Backoff.Ceiling(61, Initial, Cap));
    }

    [Fact]
    public void Delay_SeededJitter_FallsBelowEachCeiling()
    {
        var random = new Random(7);

        var delays = Enumerable.Range(0, 10).Select(attempt => (Attempt: attempt, Delay: Backoff.Delay(attempt, Initial, Cap, random.NextDouble()))).ToList();

        Assert.All(delays, pair => Assert.InRange(pair.Delay, TimeSpan.Zero, Backoff.Ceiling(pair.Attempt, Initial, Cap)));
        Assert.True(delays.Select(pair => pair.Delay).Distinct().Count() > 5, "Full jitter should spread the waits.");
    }

    [Fact]
    public void Delay_HalfJitter_IsHalfTheCeiling()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Backoff.Delay(3, Initial, Cap, 0.5));
    }
}
