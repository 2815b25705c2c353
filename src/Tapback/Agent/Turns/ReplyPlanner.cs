using Microsoft.Extensions.Options;
using Tapback.Gateway.Outbox;

namespace Tapback.Agent.Turns;

/// <summary>
/// The built-in agent's settings (Tapback:Agent:BubbleGapMin/Max) for the gateway's one
/// <see cref="BubblePlanner"/>. A turn shows typing before its first bubble, so its answer always ends
/// with the indicator off where the transport has one.
/// </summary>
internal sealed class ReplyPlanner(BubblePlanner planner, IOptions<AgentOptions> options)
{
    /// <summary>The markdown as plain-text bubbles of at most <paramref name="maxBubbleLength"/> characters.</summary>
    public static IReadOnlyList<string> Bubbles(string markdown, int maxBubbleLength) => BubblePlanner.Bubbles(markdown, maxBubbleLength);

    /// <summary>Bubbles already cut (an answer, then an approval or a question), keyed <c>&lt;turnKey&gt;:bubble:&lt;n&gt;</c>.</summary>
    public IReadOnlyList<AgentAction> PlanBubbles(string turnKey, IReadOnlyList<string> bubbles, bool typing) =>
        planner.Plan(
            turnKey,
            bubbles,
            new BubblePace
            {
                MaxBubbleLength = options.Value.MaxBubbleLength,
                GapMin = options.Value.BubbleGapMin,
                GapMax = options.Value.BubbleGapMax,
                Typing = typing,
                TypingShown = typing,
            });
}
