using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Messaging.Text;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The built-in agent's way of answering, for a REST send with <c>"split": true</c>: plain-text
/// bubbles, the typing indicator shown during each jittered beat, then hidden.
/// </summary>
internal sealed class RestPacing(IOptions<RestOptions> options, IJitter jitter)
{
    /// <summary>The sends' actions; the files ride on the first bubble, as a photo leads its caption on a phone.</summary>
    public IReadOnlyList<AgentAction> Plan(string key, string body, bool split, bool typing, IReadOnlyList<StoredAttachment> attachments)
    {
        if (!split)
        {
            return [AgentAction.Message(key, body) with { Attachments = attachments }];
        }

        var bubbles = BubbleSplitter.Split(MarkdownToPlainText.Convert(body), options.Value.MaxBubbleLength);
        if (bubbles.Count == 0)
        {
            bubbles = [body];
        }

        var actions = new List<AgentAction> { AgentAction.Message($"{key}:bubble:0", bubbles[0]) with { Attachments = attachments } };
        for (var index = 1; index < bubbles.Count; index++)
        {
            // A delivered bubble hides the indicator on the phone; show it again during the beat.
            if (typing)
            {
                actions.Add(AgentAction.Typing($"{key}:typing:{index}", on: true));
            }

            actions.Add(AgentAction.Message($"{key}:bubble:{index}", bubbles[index], NextGap()));
        }

        if (typing && bubbles.Count > 1)
        {
            actions.Add(AgentAction.Typing($"{key}:typing:off", on: false));
        }

        return actions;
    }

    private TimeSpan NextGap()
    {
        var (min, max) = (options.Value.BubbleGapMin, options.Value.BubbleGapMax);
        return max <= min ? min : min + ((max - min) * jitter.NextDouble());
    }
}
