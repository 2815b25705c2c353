using Tapback.Configuration;

namespace Tapback.AgentLink.Rest;

/// <summary>Checks <c>Tapback:Rest</c> at start.</summary>
internal sealed class RestOptionsValidator() : SectionValidator<RestOptions>(RestOptions.SectionName)
{
    protected override void Check(RestOptions options, SectionFailures failures)
    {
        failures.Require(options.BubbleGapMin >= TimeSpan.Zero, nameof(options.BubbleGapMin), "must not be negative.");
        failures.Require(options.BubbleGapMax >= options.BubbleGapMin, nameof(options.BubbleGapMax), "must be at least BubbleGapMin.");
        failures.Positive(options.Window, nameof(options.Window));
    }
}
