using Tapback.Messaging;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// The built-in agent waits while the person types (Tapback:Agent:TypingWaitCap, 15 s by default). When
/// a turn was claimed is read from its lease while the fake model holds it: the lease ends
/// ModelTimeout + 1 minute after the claim, on the fake clock. The clock runs ahead of a busy worker
/// (100 ms a 10 ms poll), so an upper bound leaves the worker seconds of real time.
/// </summary>
public sealed class TypingWaitTests
{
    private static readonly TransportCapabilities Capabilities = new() { Typing = true, ReadReceipts = true, TypingReceived = true };
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Typing_AfterAMessage_TurnWaitsUntilTheIndicatorGoesOffThenAnswersTheMessagesTogether()
    {
        // A long cap, so an answer that waited for it rather than for the stop is far from one that did not.
        var cap = TimeSpan.FromMinutes(5);
        await using var kit = await PersonChangesKit.StartAsync(Capabilities, new Dictionary<string, string?> { ["Tapback:Agent:TypingWaitCap"] = cap.ToString() });
        var start = kit.Host.Time.GetUtcNow();
        await kit.SendAsync("so about tomorrow");
        Assert.True(await kit.TypingAsync(true));

        // Typing for longer than the debounce window, well within the cap.
        kit.Host.Time.Advance(TimeSpan.FromSeconds(6));
        await kit.SendAsync("can we move it to 10?");
        Assert.True(await kit.TypingAsync(true));
        kit.Host.Time.Advance(TimeSpan.FromSeconds(4));
        var stopped = kit.Host.Time.GetUtcNow();
        Assert.True(await kit.TypingAsync(false));
        kit.Model.Hold();
        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(kit.Model.RequestCount >= 1));

        var claimedAt = await ClaimedAtAsync(kit);
        Assert.InRange(claimedAt, stopped + Debounce, start + TimeSpan.FromSeconds(6) + cap - TimeSpan.FromMinutes(1));
        kit.Model.Release();
        await kit.WaitForTurnsAsync(1);
        Assert.Equal(1, kit.Model.RequestCount);
        Assert.Contains("so about tomorrow\ncan we move it to 10?", kit.Model.Requests[0].LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_IndicatorNeverGoesOff_TurnAnswersAtTheCap()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        await kit.SendAsync("hmm let me think");
        var typingSince = kit.Host.Time.GetUtcNow();
        Assert.True(await kit.TypingAsync(true));
        kit.Model.Hold();
        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(kit.Model.RequestCount >= 1));

        var claimedAt = await ClaimedAtAsync(kit);
        Assert.InRange(claimedAt, typingSince + Cap, typingSince + Cap + TimeSpan.FromSeconds(30));
        kit.Model.Release();
        await kit.WaitForTurnsAsync(1);
        Assert.Single(kit.Sends);
    }

    [Fact]
    public async Task Typing_CapZero_TurnAnswersAfterTheDebounceWindowWhileTheyType()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities, new Dictionary<string, string?> { ["Tapback:Agent:TypingWaitCap"] = "00:00:00" });
        await kit.SendAsync("quick one");
        var typingSince = kit.Host.Time.GetUtcNow();
        Assert.True(await kit.TypingAsync(true));
        kit.Model.Hold();
        // A slow clock (20 ms a poll): the bound below is the default cap, which must not have been waited for.
        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(kit.Model.RequestCount >= 1), step: TimeSpan.FromMilliseconds(20));

        Assert.InRange(await ClaimedAtAsync(kit), typingSince + Debounce, typingSince + Cap);
        kit.Model.Release();
        await kit.WaitForTurnsAsync(1);
    }

    [Fact]
    public async Task Typing_WithoutAMessage_IsNeverAnswered()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        await kit.SendAsync("hi");
        await kit.WaitForTurnsAsync(1);

        Assert.True(await kit.TypingAsync(true));
        Assert.True(await kit.TypingAsync(false));
        Assert.True(await kit.TypingAsync(true));
        await kit.WaitUntilIdleAsync();

        Assert.Equal(1, kit.Model.RequestCount);
        Assert.Single(kit.Sends);
        Assert.Equal(0, (await kit.QueryAsync<long>("SELECT count(*) FROM agent_queue WHERE state = 'pending'")).Single());
    }

    /// <summary>When the held turn's rows were leased: their lease ends ModelTimeout + 1 minute after.</summary>
    private static async Task<DateTimeOffset> ClaimedAtAsync(PersonChangesKit kit)
    {
        var leaseUntil = (await kit.QueryAsync<long>("SELECT max(lease_until) FROM agent_queue WHERE link = 'builtin' AND state = 'pending'")).Single();
        return DateTimeOffset.FromUnixTimeMilliseconds(leaseUntil) - PersonChangesKit.ModelTimeout - TimeSpan.FromMinutes(1);
    }
}
