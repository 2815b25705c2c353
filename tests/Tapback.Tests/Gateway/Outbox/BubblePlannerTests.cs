using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Tests.Gateway.Outbox;

/// <summary>
/// The one planner of the built-in agent's answers and of split sends. The indicator goes off at the
/// end only when something turned it on: the beats between bubbles, or a turn before its first bubble.
/// </summary>
public sealed class BubblePlannerTests
{
    private static readonly BubblePace Pace = new() { MaxBubbleLength = 280, GapMin = TimeSpan.FromMilliseconds(700), GapMax = TimeSpan.FromMilliseconds(1200), Typing = true };

    private readonly BubblePlanner _planner = new(new RandomJitter(seed: 7));

    [Fact]
    public void Plan_OneBubbleNobodyAnnounced_WritesNoTypingRows()
    {
        var actions = _planner.Plan("k", ["Hello there."], Pace);

        Assert.Equal([AgentActionKind.Message], actions.Select(action => action.Kind));
    }

    [Fact]
    public void Plan_OneBubbleAfterTheTurnShowedTyping_TurnsTheIndicatorOff()
    {
        var actions = _planner.Plan("turn:1", ["Hello there."], Pace with { TypingShown = true });

        Assert.Equal([AgentActionKind.Message, AgentActionKind.TypingOff], actions.Select(action => action.Kind));
        Assert.Equal("turn:1:typing:off", actions[^1].Key);
    }

    [Fact]
    public void Plan_TwoBubbles_ShowsTypingDuringTheBeatThenHidesIt()
    {
        var actions = _planner.Plan("k", ["One.", "Two."], Pace);

        Assert.Equal([AgentActionKind.Message, AgentActionKind.TypingOn, AgentActionKind.Message, AgentActionKind.TypingOff], actions.Select(action => action.Kind));
        Assert.InRange(actions[2].Delay, Pace.GapMin, Pace.GapMax);
        Assert.Equal(["k:bubble:0", "k:typing:1", "k:bubble:1", "k:typing:off"], actions.Select(action => action.Key));
    }

    [Fact]
    public void Plan_OnATransportWithoutTyping_WritesOnlyBubbles()
    {
        var actions = _planner.Plan("k", "First sentence here. **Second** one follows.", Pace with { Typing = false, TypingShown = true, MaxBubbleLength = 24 });

        Assert.All(actions, action => Assert.Equal(AgentActionKind.Message, action.Kind));
        Assert.DoesNotContain(actions, action => action.Text!.Contains("**", StringComparison.Ordinal));
    }
}
