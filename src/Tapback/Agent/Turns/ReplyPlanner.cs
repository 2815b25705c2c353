using Tapback.Gateway.Outbox;
using Tapback.Messaging.Text;

namespace Tapback.Agent.Turns;

/// <summary>
/// Turns a model's markdown answer into the actions that send it like a person would: plain-text
/// bubbles, each after a beat with the typing indicator showing, then the indicator off.
/// </summary>
internal sealed class ReplyPlanner(BubbleGaps gaps)
{
    public IReadOnlyList<AgentAction> Plan(string turnKey, string markdown, int maxBubbleLength, bool typing) =>
        PlanBubbles(turnKey, Bubbles(markdown, maxBubbleLength), typing);

    /// <summary>The markdown as plain-text bubbles of at most <paramref name="maxBubbleLength"/> characters.</summary>
    public static IReadOnlyList<string> Bubbles(string markdown, int maxBubbleLength) =>
        BubbleSplitter.Split(MarkdownToPlainText.Convert(markdown), maxBubbleLength);

    /// <summary>Bubbles already cut (an answer, then an approval or a question), keyed <c>&lt;turnKey&gt;:bubble:&lt;n&gt;</c>.</summary>
    public IReadOnlyList<AgentAction> PlanBubbles(string turnKey, IReadOnlyList<string> bubbles, bool typing)
    {
        var actions = new List<AgentAction>();
        for (var index = 0; index < bubbles.Count; index++)
        {
            if (index == 0)
            {
                actions.Add(AgentAction.Message($"{turnKey}:bubble:0", bubbles[0]));
                continue;
            }

            // A delivered bubble hides the indicator on the phone; show it again during the beat.
            if (typing)
            {
                actions.Add(AgentAction.Typing($"{turnKey}:typing:{index}", on: true));
            }

            actions.Add(AgentAction.Message($"{turnKey}:bubble:{index}", bubbles[index], gaps.Next()));
        }

        if (typing)
        {
            actions.Add(AgentAction.Typing($"{turnKey}:typing:off", on: false));
        }

        return actions;
    }
}
