using Microsoft.Extensions.Options;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>The beat between two bubbles: a random pause in [BubbleGapMin, BubbleGapMax], like a person typing.</summary>
internal sealed class BubbleGaps(IOptions<AgentOptions> options, IJitter jitter)
{
    public TimeSpan Next()
    {
        var (min, max) = (options.Value.BubbleGapMin, options.Value.BubbleGapMax);
        return max <= min ? min : min + ((max - min) * jitter.NextDouble());
    }
}
