using Tapback.Configuration;

namespace Tapback.Gateway.AgentQueue;

/// <summary>Checks <c>Tapback:Gateway:Queue</c> at start.</summary>
internal sealed class AgentQueueBoundsOptionsValidator() : SectionValidator<AgentQueueBoundsOptions>(AgentQueueBoundsOptions.SectionName)
{
    protected override void Check(AgentQueueBoundsOptions options, SectionFailures failures)
    {
        failures.Positive(options.MaxAge, nameof(options.MaxAge));
        failures.Require(options.MaxEvents >= 1, nameof(options.MaxEvents), "must be at least 1.");
        failures.Positive(options.SweepInterval, nameof(options.SweepInterval));
    }
}
